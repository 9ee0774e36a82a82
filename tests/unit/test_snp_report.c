/* SNP report parser, TCB decoding, certificate table (lib/snp).
 * Layouts: SNP ABI 56860 rev 1.57 (ATTESTATION_REPORT, TCB_VERSION: Milan/
 * Genoa [BL, TEE, 0,0,0,0, SNP, UCODE], Turin [FMC, BL, TEE, SNP, 0,0,0,
 * UCODE]); GHCB 56421 4.1.8.1 (cert table); GUID strings from
 * include/futeet/snp_abi.h, RFC 4122 byte order. Real reports from
 * tests/data (tests/data/MANIFEST.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/bytes.h"
#include "lib/snp/report.h"
#include "lib/snp/verify.h"
#include "tests/unit/testdata.h"

/* A synthetic report with recognisable bytes in each field. */
static void make_report(uint8_t *r, uint32_t version)
{
	size_t i;

	for (i = 0; i < SNP_REPORT_SIZE; i++)
		r[i] = (uint8_t)(i * 7 + 3);
	bytes_put_le32(r + 0x000, version);
	bytes_put_le32(r + 0x034, SNP_SIG_ALGO_ECDSA_P384_SHA384);
	bytes_put_le32(r + 0x048, (SNP_SIGNING_KEY_VLEK << SNP_SIGNER_KEY_SHIFT) | SNP_SIGNER_MASK_CHIP_KEY);
	bytes_put_le64(r + 0x180, 0x0807000000000102ULL);
}

static void test_fields_land_at_spec_offsets(void **state)
{
	uint8_t r[SNP_REPORT_SIZE];
	struct snp_report_info info;

	make_report(r, 5);
	assert_int_equal(snp_report_parse(r, sizeof(r), &info), 0);
	assert_int_equal(info.version, 5);
	assert_memory_equal(info.report_data, r + 0x050, 64);
	assert_memory_equal(info.measurement, r + 0x090, 48);
	assert_memory_equal(info.host_data, r + 0x0C0, 32);
	assert_memory_equal(info.id_key_digest, r + 0x0E0, 48);
	assert_memory_equal(info.chip_id, r + 0x1A0, 64);
	assert_memory_equal(info.sig_r, r + 0x2A0, 72);
	assert_memory_equal(info.sig_s, r + 0x2E8, 72);
	assert_int_equal(info.reported_tcb, 0x0807000000000102ULL);
	assert_int_equal(info.cpuid_fam_id, r[0x188]);
	assert_int_equal(info.cpuid_step, r[0x18A]);
	assert_int_equal(info.current_major, r[0x1EA]);
	assert_int_equal(info.committed_build, r[0x1EC]);
	assert_int_equal(info.signing_key, SNP_SIGNING_KEY_VLEK);
	assert_true(info.mask_chip_id);
	assert_false(info.author_key_en);
	assert_true(info.launch_mit_vector != 0);
	/* v2: no CPUID fields, no mitigation vectors. */
	make_report(r, 2);
	assert_int_equal(snp_report_parse(r, sizeof(r), &info), 0);
	assert_int_equal(info.cpuid_fam_id, 0);
	assert_int_equal(info.launch_mit_vector, 0);
	assert_int_equal(info.current_mit_vector, 0);
}

static void test_versions_2_to_5_accepted_others_refused(void **state)
{
	uint8_t r[SNP_REPORT_SIZE];
	struct snp_report_info info;
	uint32_t v;

	for (v = 0; v < 8; v++) {
		make_report(r, v);
		if (v >= 2 && v <= 5)
			assert_int_equal(snp_report_parse(r, sizeof(r), &info), 0);
		else
			assert_int_equal(snp_report_parse(r, sizeof(r), &info), -EOPNOTSUPP);
	}
	make_report(r, 0x100 | 2);
	assert_int_equal(snp_report_parse(r, sizeof(r), &info), -EOPNOTSUPP);
	make_report(r, 2);
	bytes_put_le32(r + 0x034, 2);
	assert_int_equal(snp_report_parse(r, sizeof(r), &info), -EOPNOTSUPP);
}

static void test_truncated_and_oversized_reports_refused(void **state)
{
	static uint8_t r[SNP_REPORT_SIZE + 1];
	struct snp_report_info info;

	make_report(r, 2);
	assert_int_equal(snp_report_parse(r, SNP_REPORT_SIZE - 1, &info), -EINVAL);
	assert_int_equal(snp_report_parse(r, 0, &info), -EINVAL);
	assert_int_equal(snp_report_parse(r, SNP_REPORT_SIZE + 1, &info), -EMSGSIZE);
	assert_int_equal(snp_report_parse(NULL, SNP_REPORT_SIZE, &info), -EINVAL);
}

static void test_tcb_layout_per_generation(void **state)
{
	struct snp_tcb t;
	/* bytes 01 02 03 04 05 06 07 08 (little-endian u64). */
	uint64_t tcb = 0x0807060504030201ULL;

	assert_int_equal(snp_tcb_decode(tcb, SNP_PRODUCT_MILAN, &t), 0);
	assert_int_equal(t.bl, 1);
	assert_int_equal(t.tee, 2);
	assert_int_equal(t.snp, 7);
	assert_int_equal(t.ucode, 8);
	assert_false(t.has_fmc);
	assert_int_equal(snp_tcb_decode(tcb, SNP_PRODUCT_GENOA, &t), 0);
	assert_int_equal(t.snp, 7);
	assert_int_equal(snp_tcb_decode(tcb, SNP_PRODUCT_TURIN, &t), 0);
	assert_true(t.has_fmc);
	assert_int_equal(t.fmc, 1);
	assert_int_equal(t.bl, 2);
	assert_int_equal(t.tee, 3);
	assert_int_equal(t.snp, 4);
	assert_int_equal(t.ucode, 8);
	assert_int_equal(snp_tcb_decode(tcb, SNP_PRODUCT_UNKNOWN, &t), -EINVAL);
	/* MANIFEST go-sev-guest: "0200000000000544" = Milan bl 2, tee 0, snp 5, ucode 68. */
	assert_int_equal(snp_tcb_decode(0x4405000000000002ULL, SNP_PRODUCT_MILAN, &t), 0);
	assert_int_equal(t.bl, 2);
	assert_int_equal(t.snp, 5);
	assert_int_equal(t.ucode, 68);
}

static void test_product_from_cpuid(void **state)
{
	/* MANIFEST trustee, teekit: Milan 19/01, Genoa-family 19/A0. */
	assert_int_equal(snp_product_from_cpuid(0x19, 0x01), SNP_PRODUCT_MILAN);
	assert_int_equal(snp_product_from_cpuid(0x19, 0xA0), SNP_PRODUCT_GENOA);
	assert_int_equal(snp_product_from_cpuid(0x19, 0x11), SNP_PRODUCT_GENOA);
	assert_int_equal(snp_product_from_cpuid(0x1A, 0x02), SNP_PRODUCT_TURIN);
	assert_int_equal(snp_product_from_cpuid(0x00, 0x00), SNP_PRODUCT_UNKNOWN);
	assert_int_equal(snp_product_from_cpuid(0x17, 0x31), SNP_PRODUCT_UNKNOWN);
	assert_string_equal(snp_product_name(SNP_PRODUCT_TURIN), "Turin");
}

static void test_real_reports_v2_v3_v5_parse(void **state)
{
	const struct { const char *file; uint32_t version; uint64_t policy; } cases[] = {
		{ "go-sev-guest/attestation.bin", 2, 0xb0000 },             /* MANIFEST go-sev-guest */
		{ "derived/trustee-e2e_evidence_snp-report.bin", 3, 0x30000 }, /* trustee */
		{ "teekit/sampleQuotes/sev-gcp.bin", 5, 0x30000 },           /* teekit */
	};
	size_t i, len = 0;

	for (i = 0; i < 3; i++) {
		struct snp_report_info info;
		uint8_t *r = testdata_load(cases[i].file, &len);
		if (!r)
			skip();
		assert_int_equal(snp_report_parse(r, len, &info), 0);
		assert_int_equal(info.version, cases[i].version);
		assert_int_equal(info.policy, cases[i].policy);
		assert_int_equal(info.signing_key, SNP_SIGNING_KEY_VCEK);
		free(r);
	}
}

/* ---- certificate table ------------------------------------------------ */

static void test_guid_parse_rfc4122_order(void **state)
{
	uint8_t g[16];
	const uint8_t vcek[16] = { 0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64, 0x45, 0x64,
				   0xad, 0xc5, 0xf4, 0xb9, 0x3b, 0xe8, 0xac, 0xcd };

	assert_int_equal(snp_guid_parse(SNP_GUID_VCEK, g), 0);
	assert_memory_equal(g, vcek, 16);
	assert_int_equal(snp_guid_parse("63da758d-e664-4564-adc5-f4b93be8acc", g), -EINVAL);
	assert_int_equal(snp_guid_parse("63da758de664-4564-adc5-f4b93be8accd0", g), -EINVAL);
	assert_int_equal(snp_guid_parse("63da758d-e664-4564-adc5-f4b93be8accdx", g), -EINVAL);
	assert_int_equal(snp_guid_parse("g3da758d-e664-4564-adc5-f4b93be8accd", g), -EINVAL);
}

struct table {
	uint8_t b[3 * 24 + 16];
	size_t len;
};

/* Two entries (VCEK at 72, 10 bytes; ASK at 82, 6 bytes) + terminator. */
static void make_table(struct table *t, bool efi_order)
{
	uint8_t g[16];
	size_t i;

	memset(t, 0, sizeof(*t));
	t->len = sizeof(t->b);
	assert_int_equal(snp_guid_parse(SNP_GUID_VCEK, g), 0);
	if (efi_order) {
		uint8_t s[16];
		const uint8_t order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
		for (i = 0; i < 16; i++)
			s[i] = g[order[i]];
		memcpy(g, s, 16);
	}
	memcpy(t->b, g, 16);
	bytes_put_le32(t->b + 16, 72);
	bytes_put_le32(t->b + 20, 10);
	assert_int_equal(snp_guid_parse(SNP_GUID_ASK, g), 0);
	memcpy(t->b + 24, g, 16);
	bytes_put_le32(t->b + 40, 82);
	bytes_put_le32(t->b + 44, 6);
	for (i = 72; i < t->len; i++)
		t->b[i] = (uint8_t)i;
}

static void test_certtable_finds_entries_in_either_guid_order(void **state)
{
	struct table t;
	uint8_t g[16];
	const uint8_t *der;
	size_t len;

	make_table(&t, false);
	assert_int_equal(snp_guid_parse(SNP_GUID_VCEK, g), 0);
	assert_int_equal(snp_certtable_find(t.b, t.len, g, &der, &len), 0);
	assert_ptr_equal(der, t.b + 72);
	assert_int_equal(len, 10);
	assert_int_equal(snp_guid_parse(SNP_GUID_ASK, g), 0);
	assert_int_equal(snp_certtable_find(t.b, t.len, g, &der, &len), 0);
	assert_ptr_equal(der, t.b + 82);
	assert_int_equal(len, 6);
	assert_int_equal(snp_guid_parse(SNP_GUID_ARK, g), 0);
	assert_int_equal(snp_certtable_find(t.b, t.len, g, &der, &len), -ENOENT);
	make_table(&t, true);
	assert_int_equal(snp_guid_parse(SNP_GUID_VCEK, g), 0);
	assert_int_equal(snp_certtable_find(t.b, t.len, g, &der, &len), 0);
	assert_ptr_equal(der, t.b + 72);
}

static void test_certtable_bounds_are_enforced(void **state)
{
	struct table t;
	uint8_t g[16];
	const uint8_t *der;
	size_t len;

	assert_int_equal(snp_guid_parse(SNP_GUID_VCEK, g), 0);
	/* Length past the end. */
	make_table(&t, false);
	bytes_put_le32(t.b + 44, 7);
	assert_int_equal(snp_certtable_find(t.b, t.len, g, &der, &len), -EBADMSG);
	/* Offset + length wrapping 32 bits. */
	make_table(&t, false);
	bytes_put_le32(t.b + 16, 0xFFFFFFF8u);
	assert_int_equal(snp_certtable_find(t.b, t.len, g, &der, &len), -EBADMSG);
	/* Data overlapping the table itself. */
	make_table(&t, false);
	bytes_put_le32(t.b + 16, 60);
	assert_int_equal(snp_certtable_find(t.b, t.len, g, &der, &len), -EBADMSG);
	/* Zero length. */
	make_table(&t, false);
	bytes_put_le32(t.b + 20, 0);
	assert_int_equal(snp_certtable_find(t.b, t.len, g, &der, &len), -EBADMSG);
	/* No terminator within the buffer. */
	make_table(&t, false);
	assert_int_equal(snp_certtable_find(t.b, 48, g, &der, &len), -EBADMSG);
	/* Duplicate GUID. */
	make_table(&t, false);
	memcpy(t.b + 24, t.b, 16);
	assert_int_equal(snp_certtable_find(t.b, t.len, g, &der, &len), -EBADMSG);
	/* Empty table: just the terminator. */
	memset(t.b, 0, sizeof(t.b));
	assert_int_equal(snp_certtable_find(t.b, 24, g, &der, &len), -ENOENT);
	assert_int_equal(snp_certtable_find(t.b, 23, g, &der, &len), -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_land_at_spec_offsets),
		cmocka_unit_test(test_versions_2_to_5_accepted_others_refused),
		cmocka_unit_test(test_truncated_and_oversized_reports_refused),
		cmocka_unit_test(test_tcb_layout_per_generation),
		cmocka_unit_test(test_product_from_cpuid),
		cmocka_unit_test(test_real_reports_v2_v3_v5_parse),
		cmocka_unit_test(test_guid_parse_rfc4122_order),
		cmocka_unit_test(test_certtable_finds_entries_in_either_guid_order),
		cmocka_unit_test(test_certtable_bounds_are_enforced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
