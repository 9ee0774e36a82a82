/* SEV-SNP launch digests of Debian 12's own OVMF builds (package ovmf
 * 2022.11-6+deb12u2), checked against an implementation we did not write:
 * virtee/sev-snp-measure at commit 8f2b337 (Apache-2.0), run with Debian 12's
 * python3 3.11 and python3-cryptography, from a checkout of that commit:
 *
 *   for fw in /usr/share/OVMF/OVMF_CODE.fd /usr/share/ovmf/OVMF.fd; do
 *     for v in 1 2 4; do for t in EPYC-v4 EPYC-Milan EPYC-Genoa; do
 *       python3 sev-snp-measure.py --mode snp --vcpus $v --vcpu-type $t --ovmf $fw
 *     done; done; done
 *
 * (its defaults: --vmm-type QEMU, --guest-features 0x1, no kernel). The
 * values below are that command's output, pasted; CI cannot fetch the tool,
 * so they are recorded here with the SHA-256 of the files they belong to.
 * The 4 MiB images carry no SEV metadata: sev-snp-measure still prints a
 * digest for them (68d8e64d... for OVMF_CODE_4M.fd), we refuse, because QEMU
 * cannot launch an SNP guest without the metadata's secrets and CPUID pages.
 * And sev-snp-measure refuses --kernel with OVMF_CODE.fd ("Kernel specified
 * but OVMF metadata doesn't include SNP_KERNEL_HASHES section"), as we do. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <bearssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/hex.h"
#include "lib/measure/snp.h"
#include "tests/unit/testdata.h"

#define DEBIAN_CODE "/usr/share/OVMF/OVMF_CODE.fd"
#define DEBIAN_FULL "/usr/share/ovmf/OVMF.fd"
#define DEBIAN_CODE_4M "/usr/share/OVMF/OVMF_CODE_4M.fd"
#define DEBIAN_CODE_SHA256 "d9b568def24088c92f34b5479e0ed7e44d0a4d4cea8a0f5716719180bba48106"
#define DEBIAN_FULL_SHA256 "7b456907dd0786d415999e801a1ac4637b8ed4d7cf5378cfc6edbe5e574dd773"

static const struct {
	const char *path;
	uint32_t vcpus;
	const char *vcpu_type;
	const char *digest;
} known[] = {
	{ DEBIAN_CODE, 1, "EPYC-v4",
	  "a479327cbb0b50e876024c2dac7412d4e5e95c7315c1f8b0"
	  "446f6d3be69fefba50766285475926737e4a70b155252f88" },
	{ DEBIAN_CODE, 1, "EPYC-Milan",
	  "836d70ef6fb294660c2227b0f535c07f814a965442bccfa7"
	  "5a240f478a9f4abd1a63dd0c796f3a75d7f16b02b1d3b8ee" },
	{ DEBIAN_CODE, 1, "EPYC-Genoa",
	  "ef50880a86393b215b409af2f45070f816a80d3b7750ef6c"
	  "3cead7883d555c585d50c4df46b12c1edbb77656144b9734" },
	{ DEBIAN_CODE, 2, "EPYC-v4",
	  "0d3d4c4fbdd21581bb6f16903c06d29c40d021902ffffab0"
	  "d6d6b71f76229401f432b6d29e9de6d982851c6f9ebe1cbf" },
	{ DEBIAN_CODE, 2, "EPYC-Milan",
	  "28c4e315b19983455da14071e8cdceafc703248eae74ba4c"
	  "bedf5985aab9aa359bd37f2cd0775fa00dbc40193c4e6c79" },
	{ DEBIAN_CODE, 2, "EPYC-Genoa",
	  "eafba8950e110689149de8d5e9dff8ac866b3e93c030a1b4"
	  "21816a541a1ca7beb7a27081f4a99f8d85ab6ba2d4be0425" },
	{ DEBIAN_CODE, 4, "EPYC-v4",
	  "022a949083cab59e19c5ca3f5f7ddb9c991874f49f76f72e"
	  "a3f8cee1aa411e70c0a92766729328069f00b3053fc8ea6f" },
	{ DEBIAN_CODE, 4, "EPYC-Milan",
	  "cc2b38913550ecd41aadbcf2a5d309ae9d3cb0455c9e1f72"
	  "892f6b18cfaea3f2e4f46a28b61ca0353724ee707c73177c" },
	{ DEBIAN_CODE, 4, "EPYC-Genoa",
	  "df9a8dcee6313ae7b057a67d04502e4a7f5060ae988043d4"
	  "066655d87bcf6cfa4b7d14b485cdf67bc118182f2ec18fd2" },
	{ DEBIAN_FULL, 1, "EPYC-v4",
	  "11570979c77a0adb515761a702527c8b9e11554e73055262"
	  "1d950988613a3a75c6ff1703f540bd22a9beede8fe7a97e3" },
	{ DEBIAN_FULL, 1, "EPYC-Milan",
	  "80479ca85a2b182c026f6a3a2f2b180ab968d84b17540dd3"
	  "0de39039e70b8c0c33ead2cae6d34e37750035fcff60bfc8" },
	{ DEBIAN_FULL, 1, "EPYC-Genoa",
	  "98988ff584a1d2b80cbac0c290d592aec2caf460ca58ec34"
	  "f13c29d44b84dcc3141a8571bb1747aba84fe30c36b2c757" },
	{ DEBIAN_FULL, 2, "EPYC-v4",
	  "a5b54e62ae971b58274dd24cc6c47b842662617036e7bd67"
	  "d7326c07ac6363f35399ef933330a5ea160cead90a00603f" },
	{ DEBIAN_FULL, 2, "EPYC-Milan",
	  "a175292a4a09fcfb760c5bd80c93ed667dbaafce6247d0f2"
	  "1fc06638658b3ebf2804d3019e2abed05cb6a9efe0a7464e" },
	{ DEBIAN_FULL, 2, "EPYC-Genoa",
	  "143c7e1f11948ce6cbc700b16c3acff0797146df54b0b3d6"
	  "c5899dc30dc8e31c34a2217d162a219bbbf7a2a1aedd104a" },
	{ DEBIAN_FULL, 4, "EPYC-v4",
	  "32ac9d7a17d28f7cd4404a4516d2f00519668c40ada20623"
	  "51c36767e908eb3f090d66c33ab10f80150e00a4385b6d0f" },
	{ DEBIAN_FULL, 4, "EPYC-Milan",
	  "e9c10ab98f8086bf4a4993dcdc1f768b1128bcb02301d179"
	  "1f1d3274329e790db2d12a301d66d99a462a13b5d87e2840" },
	{ DEBIAN_FULL, 4, "EPYC-Genoa",
	  "a509186122f6e4e095ebab39abf4aea568d9949b9e929d07"
	  "59f45a3983dfc2df71404de97367aba26c08ddeebc3d7ba0" },
};

/* The file, if it is the very build the known answers belong to. */
static uint8_t *load_debian(const char *path, const char *sha256_hex, size_t *len)
{
	uint8_t want[32], got[32];
	br_sha256_context h;
	uint8_t *fw = testdata_read(path, len);

	if (!fw)
		fail_msg("%s missing (Debian package ovmf; scripts/setup installs it)", path);
	br_sha256_init(&h);
	br_sha256_update(&h, fw, *len);
	br_sha256_out(&h, got);
	assert_int_equal(hex_decode(sha256_hex, 64, want, 32), 0);
	if (memcmp(want, got, 32) != 0)
		fail_msg("%s is not the ovmf 2022.11-6+deb12u2 build the known answers belong to: "
			 "recompute them with the command at the top of this file", path);
	return fw;
}

static void test_debian_ovmf_digests_match_sev_snp_measure(void **state)
{
	size_t code_len, full_len;
	uint8_t *code = load_debian(DEBIAN_CODE, DEBIAN_CODE_SHA256, &code_len);
	uint8_t *full = load_debian(DEBIAN_FULL, DEBIAN_FULL_SHA256, &full_len);

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		struct snp_launch_params p;
		uint8_t want[48], got[48];
		const char *why = NULL;
		int is_code = strcmp(known[i].path, DEBIAN_CODE) == 0;
		int err;

		memset(&p, 0, sizeof(p));
		p.vcpus = known[i].vcpus;
		assert_int_equal(snp_vcpu_type_sig(known[i].vcpu_type, &p.vcpu_sig), 0);
		p.sev_features = SNP_FEATURE_SNP_ACTIVE;
		p.vmm = SNP_VMM_QEMU;
		err = snp_launch_digest(is_code ? code : full, is_code ? code_len : full_len, &p,
					got, NULL, NULL, &why);
		if (err)
			fail_msg("%s refused: %s", known[i].path, why);
		assert_int_equal(hex_decode(known[i].digest, 96, want, 48), 0);
		if (memcmp(got, want, 48) != 0)
			fail_msg("%s, %u vCPUs %s: digest differs from sev-snp-measure's",
				 known[i].path, known[i].vcpus, known[i].vcpu_type);
	}
	free(code);
	free(full);
}

static void test_debian_ovmf_code_with_kernel_is_refused(void **state)
{
	struct snp_launch_params p;
	uint8_t got[48];
	const char *why = NULL;
	size_t len;
	uint8_t *fw = load_debian(DEBIAN_CODE, DEBIAN_CODE_SHA256, &len);

	memset(&p, 0, sizeof(p));
	p.vcpus = 1;
	p.vcpu_sig = 0x00800F12;
	p.sev_features = SNP_FEATURE_SNP_ACTIVE;
	p.kernel_hashes = 1;
	assert_int_equal(snp_launch_digest(fw, len, &p, got, NULL, NULL, &why), -EOPNOTSUPP);
	assert_non_null(strstr(why, "SNP_KERNEL_HASHES"));
	free(fw);
}

static void test_debian_4m_image_without_sev_metadata_is_refused(void **state)
{
	struct snp_launch_params p;
	uint8_t got[48];
	const char *why = NULL;
	size_t len;
	uint8_t *fw = testdata_read(DEBIAN_CODE_4M, &len);

	if (!fw)
		fail_msg("%s missing (Debian package ovmf)", DEBIAN_CODE_4M);
	memset(&p, 0, sizeof(p));
	p.vcpus = 1;
	p.vcpu_sig = 0x00800F12;
	p.sev_features = SNP_FEATURE_SNP_ACTIVE;
	assert_int_equal(snp_launch_digest(fw, len, &p, got, NULL, NULL, &why), -ENOENT);
	assert_non_null(strstr(why, "no SEV metadata"));
	free(fw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debian_ovmf_digests_match_sev_snp_measure),
		cmocka_unit_test(test_debian_ovmf_code_with_kernel_is_refused),
		cmocka_unit_test(test_debian_4m_image_without_sev_metadata_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
