/* SEV-SNP launch digest (lib/measure) against known answers computed by an
 * implementation we did not write: virtee/sev-snp-measure's tests
 * (tests/data/MANIFEST.md, section "sev-snp-measure": its AmdSev and OvmfX64
 * fixtures, 1 and 4 vCPUs, features 0x1 and 0x21, VMM qemu and ec2, and the
 * refused case), plus refusals of hostile firmware built here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/hex.h"
#include "lib/measure/ovmf.h"
#include "lib/measure/snp.h"
#include "tests/unit/testdata.h"
#include "tests/unit/unhex.h"

#define AMDSEV "sev-snp-measure/ovmf_AmdSev_suffix.bin"
#define OVMFX64 "sev-snp-measure/ovmf_OvmfX64_suffix.bin"
/* SHA-256 of the empty file (FIPS 180-4; sev-snp-measure passes /dev/null). */
#define SHA256_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* EPYC-v4 = family 23 model 1 stepping 2 = 0x00800F12 (MANIFEST). */
static void params(struct snp_launch_params *p, uint32_t vcpus, uint64_t features,
		   enum snp_vmm vmm, int kernel, const char *append)
{
	memset(p, 0, sizeof(*p));
	p->vcpus = vcpus;
	assert_int_equal(snp_vcpu_type_sig("EPYC-v4", &p->vcpu_sig), 0);
	p->sev_features = features;
	p->vmm = vmm;
	if (kernel) {
		p->kernel_hashes = 1;
		unhex_exact(SHA256_EMPTY, p->kernel_sha256, 32);
		unhex_exact(SHA256_EMPTY, p->initrd_sha256, 32);
		snp_cmdline_sha256(append, strlen(append), p->cmdline_sha256);
	}
}

static void expect_digest(const char *fixture, const struct snp_launch_params *p, const char *want_hex)
{
	uint8_t want[48], got[48];
	const char *why = NULL;
	size_t len;
	uint8_t *fw = testdata_need(fixture, &len);
	int err = snp_launch_digest(fw, len, p, got, NULL, NULL, &why);

	free(fw);
	if (err)
		fail_msg("%s refused: %s", fixture, why);
	unhex_exact(want_hex, want, 48);
	assert_memory_equal(got, want, 48);
}

static void test_vcpu_signature_epyc_v4_is_0x800f12(void **state)
{
	uint32_t sig;

	assert_int_equal(snp_vcpu_type_sig("EPYC-v4", &sig), 0);
	assert_int_equal(sig, 0x00800F12);
	assert_int_equal(snp_vcpu_type_sig("EPYC-Milan", &sig), 0);
	assert_int_equal(sig, 0x00A00F11); /* family 25 = 0xF + 0xA, model 1, stepping 1 */
	assert_int_equal(snp_vcpu_type_sig("EPYC-Genoa", &sig), 0);
	assert_int_equal(sig, 0x00A10F10); /* family 25, model 17 = 0x11, stepping 0 */
	assert_int_equal(snp_vcpu_type_sig("Skylake", &sig), -ENOENT);
}

static void test_amdsev_firmware_pages_digest_matches_sev_snp_measure(void **state)
{
	uint8_t want[48];
	struct snp_ld c;
	size_t len;
	uint8_t *fw = testdata_need(AMDSEV, &len);

	snp_ld_init(&c, NULL);
	snp_ld_firmware(&c, fw, len);
	free(fw);
	unhex_exact("086e2e9149ebf45abdc3445fba5b2da8270bdbb04094d7a2c37faaa4b24af3aa"
	      "16aff8c374c2a55c467a50da6d466b74", want, 48);
	assert_memory_equal(c.ld, want, 48);
}

static void test_amdsev_1vcpu_kernel_append_features_0x21(void **state)
{
	struct snp_launch_params p;

	params(&p, 1, 0x21, SNP_VMM_QEMU, 1, "console=ttyS0 loglevel=7");
	expect_digest(AMDSEV, &p, "803f691094946e42068aaa3a8f9e26a5c89f36f7b73ecfb28c653360fe4b3aba"
			  "7e534442e7e1e17895dfe778d0228977");
}

static void test_amdsev_1vcpu_kernel_append_features_0x1(void **state)
{
	struct snp_launch_params p;

	params(&p, 1, 0x1, SNP_VMM_QEMU, 1, "console=ttyS0 loglevel=7");
	expect_digest(AMDSEV, &p, "6d287813eb5222d770f75005c664e34c204f385ce832cc2ce7d0d6f354454362"
			  "f390ef83a92046c042e706363b4b08fa");
}

static void test_amdsev_1vcpu_no_kernel_features_0x21(void **state)
{
	struct snp_launch_params p;

	params(&p, 1, 0x21, SNP_VMM_QEMU, 0, NULL);
	expect_digest(AMDSEV, &p, "e1e1ca029dd7973ab9513295be68198472dcd4fc834bd9af9b63f6e8a1674dbf"
			  "281a9278a4a2ebe0eed9f22adbcd0e2b");
}

static void test_amdsev_1vcpu_no_kernel_features_0x1(void **state)
{
	struct snp_launch_params p;

	params(&p, 1, 0x1, SNP_VMM_QEMU, 0, NULL);
	expect_digest(AMDSEV, &p, "19358ba9a7615534a9a1e2f0dfc29384dcd4dcb7062ff9c6013b26869a5fc6ec"
			  "abe033c48dd6f6db5d6d76e7c5df632d");
}

static void test_amdsev_4vcpus_kernel_empty_append_features_0x21(void **state)
{
	struct snp_launch_params p;

	params(&p, 4, 0x21, SNP_VMM_QEMU, 1, "");
	expect_digest(AMDSEV, &p, "4953b1fb416fa874980e8442b3706d345926d5f38879134e00813c5d7abcbe78"
			  "eafe7b422907be0b4698e2414a631942");
}

static void test_amdsev_4vcpus_kernel_empty_append_features_0x1(void **state)
{
	struct snp_launch_params p;

	params(&p, 4, 0x1, SNP_VMM_QEMU, 1, "");
	expect_digest(AMDSEV, &p, "5061fffb019493a903613d56d54b94912a1a2f9e4502385f5c194616753720a9"
			  "2441310ba6c4933de877c36e23046ad5");
}

static void test_amdsev_ec2_1vcpu_features_0x21(void **state)
{
	struct snp_launch_params p;

	params(&p, 1, 0x21, SNP_VMM_EC2, 1, "");
	expect_digest(AMDSEV, &p, "0ce9ccc06bab55eebe8abc234f3df6514883977a68a591b71052498ab52b2f1a"
			  "a415db338033946ef93aa8278c0d67fb");
}

static void test_amdsev_ec2_1vcpu_features_0x1(void **state)
{
	struct snp_launch_params p;

	params(&p, 1, 0x1, SNP_VMM_EC2, 1, "");
	expect_digest(AMDSEV, &p, "0883bd0eeb716e65b7b977a321c278d1e51b33b5c655fab985443bbcc65c086b"
			  "9c15e8a0bd8811050dec7e24964e5056");
}

static void test_ovmfx64_1vcpu_no_kernel_features_0x21(void **state)
{
	struct snp_launch_params p;

	params(&p, 1, 0x21, SNP_VMM_QEMU, 0, NULL);
	expect_digest(OVMFX64, &p, "28797ae0afaba4005a81e629acebfb59e6687949d6be44007cd5506823b0dd66"
			  "f146aaae26ff291eed7b493d8a64c385");
}

static void test_ovmfx64_1vcpu_no_kernel_features_0x1(void **state)
{
	struct snp_launch_params p;

	params(&p, 1, 0x1, SNP_VMM_QEMU, 0, NULL);
	expect_digest(OVMFX64, &p, "da0296de8193586a5512078dcd719eccecbd87e2b825ad4148c44f665dc87df2"
			  "1e5b49e21523a9ad993afdb6a30b4005");
}

static void test_ovmfx64_with_kernel_is_refused_no_kernel_hashes_section(void **state)
{
	struct snp_launch_params p;
	uint8_t got[48];
	const char *why = NULL;
	size_t len;
	uint8_t *fw = testdata_need(OVMFX64, &len);
	int err;

	params(&p, 1, 0x21, SNP_VMM_QEMU, 1, "");
	err = snp_launch_digest(fw, len, &p, got, NULL, NULL, &why);
	free(fw);
	assert_int_equal(err, -EOPNOTSUPP);
	assert_non_null(why);
	assert_non_null(strstr(why, "SNP_KERNEL_HASHES"));
}

/* sev-snp-measure's --snp-ovmf-hash path: continue from the firmware digest. */
static void from_ovmf_hash(uint64_t features, const char *want_hex)
{
	struct snp_launch_params p;
	struct ovmf_sev_info info;
	uint8_t seed[48], want[48];
	const char *why = NULL;
	struct snp_ld c;
	size_t len;
	uint8_t *fw = testdata_need(AMDSEV, &len);

	assert_int_equal(ovmf_sev_parse(fw, len, &info, &why), 0);
	free(fw);
	unhex_exact("086e2e9149ebf45abdc3445fba5b2da8270bdbb04094d7a2c37faaa4b24af3aa"
	      "16aff8c374c2a55c467a50da6d466b74", seed, 48);
	snp_ld_init(&c, seed);
	params(&p, 1, features, SNP_VMM_QEMU, 1, "");
	assert_int_equal(snp_ld_metadata_and_vmsas(&c, &info, &p, &why), 0);
	unhex_exact(want_hex, want, 48);
	assert_memory_equal(c.ld, want, 48);
}

static void test_amdsev_from_ovmf_hash_features_0x21(void **state)
{
	from_ovmf_hash(0x21, "329c8ce0972ae52343b64d34a434a86f245dfd74f5ed7aae15d22efc78fb9683"
			     "632b9b50e4e1d7fa41179ef98a7ef198");
}

static void test_amdsev_from_ovmf_hash_features_0x1(void **state)
{
	from_ovmf_hash(0x1, "ddc5224521617a536ee7ce9dd6224d1b58a8d4fda1c741f3ac99fc4bfa04ba6e"
			    "9fc98646d4a07a9079397fa3852819b5");
}

/* ---- hostile or odd firmware: a clear refusal, never a digest ---------- */

static int digest_of(uint8_t *fw, size_t len, const char **why)
{
	struct snp_launch_params p;
	uint8_t got[48];

	params(&p, 1, 0x1, SNP_VMM_QEMU, 0, NULL);
	*why = NULL;
	return snp_launch_digest(fw, len, &p, got, NULL, NULL, why);
}

/* The offset of the SEV metadata header in the OvmfX64 fixture, found
 * through the table (so the mutations below hit what they say). */
static size_t sev_meta_off(const uint8_t *fw, size_t len)
{
	struct ovmf_table t;
	const uint8_t *d;
	size_t dlen;
	const char *why;

	assert_int_equal(ovmf_table_parse(fw, len, &t, &why), 0);
	assert_int_equal(ovmf_table_find(&t, ovmf_guid_sev_metadata, &d, &dlen), 0);
	return len - ((size_t)d[0] | (size_t)d[1] << 8 | (size_t)d[2] << 16 | (size_t)d[3] << 24);
}

static void test_firmware_without_footer_table_is_refused(void **state)
{
	size_t len;
	uint8_t *fw = testdata_need(OVMFX64, &len);
	const char *why;

	fw[len - 0x20 - 1] ^= 1; /* last byte of the footer GUID */
	assert_int_equal(digest_of(fw, len, &why), -ENOENT);
	assert_non_null(strstr(why, "footer"));
	free(fw);
}

static void test_firmware_not_whole_pages_is_refused(void **state)
{
	size_t len;
	uint8_t *fw = testdata_need(OVMFX64, &len);
	const char *why;

	assert_int_equal(digest_of(fw + 16, len - 16, &why), -EINVAL);
	assert_non_null(strstr(why, "pages"));
	free(fw);
}

static void test_footer_table_size_beyond_file_is_refused(void **state)
{
	size_t len;
	uint8_t *fw = testdata_need(OVMFX64, &len);
	const char *why;
	size_t foot = len - 0x20 - 18;

	fw[foot] = 0xff;
	fw[foot + 1] = 0xff; /* total 65535 > the 4 KiB file */
	assert_int_equal(digest_of(fw, len, &why), -EINVAL);
	free(fw);
}

static void test_footer_entry_shorter_than_header_is_refused(void **state)
{
	size_t len;
	uint8_t *fw = testdata_need(OVMFX64, &len);
	const char *why;
	size_t foot = len - 0x20 - 18;

	/* the first entry below the footer: its u16 length sits 18 bytes below */
	fw[foot - 18] = 3;
	fw[foot - 17] = 0;
	assert_int_equal(digest_of(fw, len, &why), -EINVAL);
	assert_non_null(strstr(why, "shorter"));
	free(fw);
}

static void test_sev_metadata_bad_signature_is_refused(void **state)
{
	size_t len;
	uint8_t *fw = testdata_need(OVMFX64, &len);
	const char *why;

	fw[sev_meta_off(fw, len)] = 'X';
	assert_int_equal(digest_of(fw, len, &why), -EINVAL);
	assert_non_null(strstr(why, "ASEV"));
	free(fw);
}

static void test_sev_metadata_count_past_file_is_refused(void **state)
{
	size_t len;
	uint8_t *fw = testdata_need(OVMFX64, &len);
	const char *why;
	size_t m = sev_meta_off(fw, len);

	fw[m + 12] = 31; /* 31 descriptors do not fit the declared size */
	assert_int_equal(digest_of(fw, len, &why), -EINVAL);
	fw[m + 12] = 0xff;
	fw[m + 15] = 0x7f; /* absurd count */
	assert_int_equal(digest_of(fw, len, &why), -EINVAL);
	free(fw);
}

static void test_sev_metadata_overlapping_sections_are_refused(void **state)
{
	size_t len;
	uint8_t *fw = testdata_need(OVMFX64, &len);
	const char *why;
	size_t m = sev_meta_off(fw, len);

	/* descriptor 1 takes descriptor 0's base */
	memcpy(fw + m + 16 + 12, fw + m + 16, 4);
	assert_int_equal(digest_of(fw, len, &why), -EINVAL);
	assert_non_null(strstr(why, "overlap"));
	free(fw);
}

static void test_sev_metadata_unaligned_or_unknown_section_is_refused(void **state)
{
	size_t len;
	uint8_t *fw = testdata_need(OVMFX64, &len);
	const char *why;
	size_t m = sev_meta_off(fw, len);

	fw[m + 16] |= 0x10; /* base of descriptor 0 off a page boundary */
	assert_int_equal(digest_of(fw, len, &why), -EINVAL);
	assert_non_null(strstr(why, "aligned"));
	fw[m + 16] &= (uint8_t)~0x10;
	fw[m + 16 + 8] = 0x42; /* unknown type */
	assert_int_equal(digest_of(fw, len, &why), -EINVAL);
	assert_non_null(strstr(why, "unknown"));
	free(fw);
}

static void test_firmware_without_sev_metadata_is_refused(void **state)
{
	size_t len;
	uint8_t *fw = testdata_need(OVMFX64, &len);
	struct ovmf_table t;
	const uint8_t *d;
	size_t dlen;
	const char *why;

	/* rename the metadata entry's GUID: the table stays well formed */
	assert_int_equal(ovmf_table_parse(fw, len, &t, &why), 0);
	assert_int_equal(ovmf_table_find(&t, ovmf_guid_sev_metadata, &d, &dlen), 0);
	fw[(size_t)(d - fw) + dlen + 2] ^= 0xff;
	assert_int_equal(digest_of(fw, len, &why), -ENOENT);
	assert_non_null(strstr(why, "SEV metadata"));
	free(fw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vcpu_signature_epyc_v4_is_0x800f12),
		cmocka_unit_test(test_amdsev_firmware_pages_digest_matches_sev_snp_measure),
		cmocka_unit_test(test_amdsev_1vcpu_kernel_append_features_0x21),
		cmocka_unit_test(test_amdsev_1vcpu_kernel_append_features_0x1),
		cmocka_unit_test(test_amdsev_1vcpu_no_kernel_features_0x21),
		cmocka_unit_test(test_amdsev_1vcpu_no_kernel_features_0x1),
		cmocka_unit_test(test_amdsev_4vcpus_kernel_empty_append_features_0x21),
		cmocka_unit_test(test_amdsev_4vcpus_kernel_empty_append_features_0x1),
		cmocka_unit_test(test_amdsev_ec2_1vcpu_features_0x21),
		cmocka_unit_test(test_amdsev_ec2_1vcpu_features_0x1),
		cmocka_unit_test(test_ovmfx64_1vcpu_no_kernel_features_0x21),
		cmocka_unit_test(test_ovmfx64_1vcpu_no_kernel_features_0x1),
		cmocka_unit_test(test_ovmfx64_with_kernel_is_refused_no_kernel_hashes_section),
		cmocka_unit_test(test_amdsev_from_ovmf_hash_features_0x21),
		cmocka_unit_test(test_amdsev_from_ovmf_hash_features_0x1),
		cmocka_unit_test(test_firmware_without_footer_table_is_refused),
		cmocka_unit_test(test_firmware_not_whole_pages_is_refused),
		cmocka_unit_test(test_footer_table_size_beyond_file_is_refused),
		cmocka_unit_test(test_footer_entry_shorter_than_header_is_refused),
		cmocka_unit_test(test_sev_metadata_bad_signature_is_refused),
		cmocka_unit_test(test_sev_metadata_count_past_file_is_refused),
		cmocka_unit_test(test_sev_metadata_overlapping_sections_are_refused),
		cmocka_unit_test(test_sev_metadata_unaligned_or_unknown_section_is_refused),
		cmocka_unit_test(test_firmware_without_sev_metadata_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
