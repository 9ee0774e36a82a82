/* SEV-SNP Secure TSC decoders (arch/x86_64/coco/securetsc.c) against the
 * spec values, each cited in arch/x86_64/coco/securetsc.h:
 *  - SEV_STATUS bit 11 SecureTsc = VMSA SEV_FEATURES bit 9 (APM vol. 2
 *    15.34.10; SNP ABI 56860 VMSA SEV_FEATURES; Linux
 *    MSR_AMD64_SNP_SECURE_TSC BIT_ULL(11), SVM_SEV_FEAT_SECURE_TSC BIT(9));
 *  - GUEST_TSC_FREQ bits 17:0 in MHz, TSC_FACTOR (secrets page 0x160) in
 *    0.001 %: mean = nominal - nominal * factor / 100000 (Linux
 *    SNP_SCALE_TSC_FREQ, computed here by hand);
 *  - MSG_TSC_INFO_RSP: STATUS 0x00, GUEST_TSC_SCALE 0x08, GUEST_TSC_OFFSET
 *    0x10, TSC_FACTOR 0x18, reserved 0x1C..0x7F (Linux struct
 *    snp_tsc_info_resp, 128 bytes). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "lib/bytes.h"
#include "arch/x86_64/coco/securetsc.h"
#include "arch/x86_64/coco/securetsc_msg.h"

static void test_secure_tsc_bit_is_sev_status_11_sev_features_9(void **state)
{
	(void)state;
	assert_false(snp_secure_tsc_enabled(0x7));            /* SEV, SEV-ES, SNP only */
	assert_true(snp_secure_tsc_enabled(0x7 | (1ull << 11)));
	assert_false(snp_secure_tsc_enabled(1ull << 9));      /* BTB isolation, not TSC */
	assert_int_equal(snp_sev_features_from_status(0x807) & SNP_SEV_FEATURES_SECURE_TSC,
			 SNP_SEV_FEATURES_SECURE_TSC);
	assert_int_equal(snp_sev_features_from_status(0x8) & 0x2, 0x2);  /* vTOM: 3 -> 1 */
	assert_int_equal(MSR_GUEST_TSC_FREQ, 0xC0010134u);
}

static void test_secure_tsc_frequency_from_msr_and_factor(void **state)
{
	uint64_t hz;
	(void)state;
	/* 2000 MHz, factor 0: 2.000 GHz exactly */
	assert_int_equal(snp_secure_tsc_hz(2000, 0, &hz), 0);
	assert_int_equal(hz, 2000000000ull);
	/* reserved bits 63:18 ignored */
	assert_int_equal(snp_secure_tsc_hz(0xFFFFFFFFFFFC0000ull | 2000, 0, &hz), 0);
	assert_int_equal(hz, 2000000000ull);
	/* factor 1000 = 1 %: 2,000,000 kHz - 20,000 kHz */
	assert_int_equal(snp_secure_tsc_hz(2000, 1000, &hz), 0);
	assert_int_equal(hz, 1980000000ull);
	/* factor 3 = 0.003 %: 2,000,000 kHz - 60 kHz */
	assert_int_equal(snp_secure_tsc_hz(2000, 3, &hz), 0);
	assert_int_equal(hz, 1999940000ull);
	/* 2450 MHz, factor 7: 2,450,000 - 171 (2,450,000 * 7 / 100000 = 171.5) kHz */
	assert_int_equal(snp_secure_tsc_hz(2450, 7, &hz), 0);
	assert_int_equal(hz, 2449829000ull);
	/* largest field value, no overflow */
	assert_int_equal(snp_secure_tsc_hz(0x3FFFF, 99999, &hz), 0);
	assert_int_equal(hz, (262143000ull - 262143000ull * 99999 / 100000) * 1000);
	/* nonsense refused */
	assert_int_equal(snp_secure_tsc_hz(0, 0, &hz), -EPROTO);
	assert_int_equal(hz, 0);
	assert_int_equal(snp_secure_tsc_hz(0x40000, 0, &hz), -EPROTO); /* only bit 18 */
	assert_int_equal(snp_secure_tsc_hz(2000, 100000, &hz), -EPROTO);
}

static void test_secrets_page_tsc_factor_at_0x160(void **state)
{
	static uint8_t page[4096];
	uint32_t f;
	(void)state;
	memset(page, 0xEE, sizeof(page));
	bytes_put_le32(page + 0x160, 1234);
	assert_int_equal(snp_secrets_tsc_factor(page, sizeof(page), &f), 0);
	assert_int_equal(f, 1234);
	assert_int_equal(snp_secrets_tsc_factor(page, 0x163, &f), -EINVAL);
	assert_int_equal(f, 0);
}

static void test_tsc_info_request_and_response_layout(void **state)
{
	uint8_t req[128], rsp[128];
	struct snp_tsc_info ti;
	(void)state;
	memset(req, 0xAA, sizeof(req));
	snp_tsc_info_req(req);
	for (size_t i = 0; i < sizeof(req); i++)
		assert_int_equal(req[i], 0);
	assert_int_equal(SNP_MSG_TSC_INFO_REQ, 17);
	assert_int_equal(SNP_MSG_TSC_INFO_RSP, 18);

	memset(rsp, 0, sizeof(rsp));
	bytes_put_le64(rsp + 0x08, 0x0000000100000000ull);   /* scale 1.0 (32.32) */
	bytes_put_le64(rsp + 0x10, 0xFFFFFFFFFF000000ull);   /* offset */
	bytes_put_le32(rsp + 0x18, 250);
	assert_int_equal(snp_tsc_info_resp_parse(rsp, sizeof(rsp), &ti), 0);
	assert_int_equal(ti.scale, 0x0000000100000000ull);
	assert_int_equal(ti.offset, 0xFFFFFFFFFF000000ull);
	assert_int_equal(ti.factor, 250);
	/* STATUS nonzero: the PSP refused */
	bytes_put_le32(rsp, 0x16);
	assert_int_equal(snp_tsc_info_resp_parse(rsp, sizeof(rsp), &ti), -EIO);
	assert_int_equal(ti.scale, 0);
	bytes_put_le32(rsp, 0);
	/* a reserved byte set */
	rsp[0x7F] = 1;
	assert_int_equal(snp_tsc_info_resp_parse(rsp, sizeof(rsp), &ti), -EPROTO);
	rsp[0x7F] = 0;
	rsp[0x05] = 1;
	assert_int_equal(snp_tsc_info_resp_parse(rsp, sizeof(rsp), &ti), -EPROTO);
	rsp[0x05] = 0;
	assert_int_equal(snp_tsc_info_resp_parse(rsp, 127, &ti), -EINVAL);
	assert_int_equal(snp_tsc_info_resp_parse(rsp, 129, &ti), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secure_tsc_bit_is_sev_status_11_sev_features_9),
		cmocka_unit_test(test_secure_tsc_frequency_from_msr_and_factor),
		cmocka_unit_test(test_secrets_page_tsc_factor_at_0x160),
		cmocka_unit_test(test_tsc_info_request_and_response_layout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
