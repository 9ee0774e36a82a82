/* GHCB MSR protocol requests and responses against GHCB 56421 rev 2.03
 * section 2.3.1, table "GHCB MSR Protocol" (function codes in
 * GHCBData[11:0]; SEV information [63:48] max / [47:32] min version /
 * [31:24] C-bit; CPUID [63:32] function, [31:30] register; register GHCB
 * GPA [63:12] GFN; page state change [55:52] operation 1 private / 2
 * shared, [51:12] GFN, response [63:32] error; hypervisor features
 * [63:12], bit 0 SEV-SNP; termination [15:12] reason set, [23:16] reason).
 * The expected words are written out by hand from that table. They agree
 * with Linux arch/x86/include/asm/sev-common.h at torvalds/linux 0afb6b66:
 * GHCB_MSR_SEV_INFO (lines 22-29), GHCB_CPUID_REQ (48-54),
 * GHCB_MSR_REG_GPA_REQ_VAL (62-66), GHCB_MSR_PSC_REQ_GFN (86-92),
 * GHCB_MSR_PSC_RESP_VAL (95-97), GHCB_MSR_HV_FT_RESP_VAL (102-104),
 * GHCB_HV_FT_SNP (106), GHCB_SEV_TERM_REASON (137-141) and reason set 0
 * codes (144-147). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "arch/x86_64/coco/ghcb_msr.h"

static void test_sev_info_request_is_function_0x002(void **state)
{
	(void)state;
	assert_int_equal(ghcb_msr_sev_info_req(), 0x002);
}

static void test_sev_info_response_negotiates_version_2_and_reads_cbit(void **state)
{
	unsigned v, cbit;
	(void)state;
	/* max 2, min 1, C-bit 51 (Linux GHCB_MSR_SEV_INFO(2, 1, 51)). */
	assert_int_equal(ghcb_msr_sev_info_parse(0x0002000133000001ull, &v, &cbit), 0);
	assert_int_equal(v, 2);
	assert_int_equal(cbit, 51);
	/* A newer hypervisor (max 5, min 1): version 2. */
	assert_int_equal(ghcb_msr_sev_info_parse(0x000500012F000001ull, &v, &cbit), 0);
	assert_int_equal(v, 2);
	assert_int_equal(cbit, 47);
}

static void test_sev_info_without_version_2_or_wrong_code_refused(void **state)
{
	unsigned v, cbit;
	(void)state;
	assert_int_equal(ghcb_msr_sev_info_parse(0x0001000133000001ull, &v, &cbit), -EOPNOTSUPP); /* max 1 */
	assert_int_equal(ghcb_msr_sev_info_parse(0x0004000333000001ull, &v, &cbit), -EOPNOTSUPP); /* min 3 */
	assert_int_equal(ghcb_msr_sev_info_parse(0x0001000233000001ull, &v, &cbit), -EOPNOTSUPP); /* min > max */
	assert_int_equal(ghcb_msr_sev_info_parse(0x0002000133000003ull, &v, &cbit), -EPROTO);
	assert_int_equal(v, 0);
}

static void test_cpuid_request_and_response_words(void **state)
{
	uint32_t val;
	(void)state;
	assert_int_equal(ghcb_msr_cpuid_req(0x8000001F, 1), 0x8000001F40000004ull);
	assert_int_equal(ghcb_msr_cpuid_req(0x1, 3), 0x00000001C0000004ull);
	assert_int_equal(ghcb_msr_cpuid_parse(0x1234567800000005ull, &val), 0);
	assert_int_equal(val, 0x12345678);
	assert_int_equal(ghcb_msr_cpuid_parse(0x1234567800000004ull, &val), -EPROTO);
}

static void test_register_gpa_request_and_echo_check(void **state)
{
	(void)state;
	assert_int_equal(ghcb_msr_reg_gpa_req(0x12345), 0x12345012ull);
	assert_int_equal(ghcb_msr_reg_gpa_parse(0x12345013ull, 0x12345), 0);
	assert_int_equal(ghcb_msr_reg_gpa_parse(0x12346013ull, 0x12345), -EPROTO); /* other GFN */
	assert_int_equal(ghcb_msr_reg_gpa_parse(0x12345012ull, 0x12345), -EPROTO); /* echo of the request */
}

static void test_page_state_change_request_encodes_op_and_gfn(void **state)
{
	(void)state;
	assert_int_equal(ghcb_msr_psc_req(0x12345, GHCB_PSC_OP_SHARED), 0x0020000012345014ull);
	assert_int_equal(ghcb_msr_psc_req(0x12345, GHCB_PSC_OP_PRIVATE), 0x0010000012345014ull);
	assert_int_equal(GHCB_PSC_OP_PRIVATE, 1);
	assert_int_equal(GHCB_PSC_OP_SHARED, 2);
	/* The largest GFN (40 bits) stays below bit 52. */
	assert_int_equal(ghcb_msr_psc_req(0xFFFFFFFFFFull, 2), 0x002FFFFFFFFFF014ull);
}

static void test_page_state_change_response_error_field_checked(void **state)
{
	(void)state;
	assert_int_equal(ghcb_msr_psc_parse(0x015), 0);
	assert_int_equal(ghcb_msr_psc_parse(0x0000000100000015ull), -EIO);
	assert_int_equal(ghcb_msr_psc_parse(0x014), -EPROTO);
}

static void test_hypervisor_features_require_snp_bit(void **state)
{
	uint64_t f;
	(void)state;
	assert_int_equal(ghcb_msr_hv_ft_req(), 0x080);
	assert_int_equal(ghcb_msr_hv_ft_parse(0x3081, &f), 0);
	assert_int_equal(f, 3);
	assert_int_equal(ghcb_msr_hv_ft_parse(0x2081, &f), -EOPNOTSUPP);
	assert_int_equal(ghcb_msr_hv_ft_parse(0x1082, &f), -EPROTO);
}

static void test_termination_request_places_set_and_reason(void **state)
{
	(void)state;
	assert_int_equal(ghcb_msr_term_req(0, 2), 0x20100ull);   /* set 0: SNP unsupported */
	assert_int_equal(ghcb_msr_term_req(1, 3), 0x31100ull);   /* set 1, reason 3 */
	assert_int_equal(GHCB_TERM_PROTOCOL_UNSUPPORTED, 1);
	assert_int_equal(GHCB_TERM_SNP_UNSUPPORTED, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sev_info_request_is_function_0x002),
		cmocka_unit_test(test_sev_info_response_negotiates_version_2_and_reads_cbit),
		cmocka_unit_test(test_sev_info_without_version_2_or_wrong_code_refused),
		cmocka_unit_test(test_cpuid_request_and_response_words),
		cmocka_unit_test(test_register_gpa_request_and_echo_check),
		cmocka_unit_test(test_page_state_change_request_encodes_op_and_gfn),
		cmocka_unit_test(test_page_state_change_response_error_field_checked),
		cmocka_unit_test(test_hypervisor_features_require_snp_bit),
		cmocka_unit_test(test_termination_request_places_set_and_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
