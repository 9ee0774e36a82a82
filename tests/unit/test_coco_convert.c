/* The private <-> shared conversion orders (arch/x86_64/coco/convert.h).
 * SNP, from the reading of GHCB 56421 rev 2.03 section 4.1.6 and
 * the PVALIDATE description (APM vol. 3): to shared, PVALIDATE rescind ->
 * page state change to shared -> clear the C-bit -> flush the TLB; back to
 * private in the reverse order (set the C-bit, flush, page state change to
 * private, PVALIDATE), then zero the page. The same order as Linux
 * arch/x86/coco/sev/core.c set_pages_state (pvalidate_pages(..., false)
 * before the PSC for SHARED; the PSC before pvalidate_pages(..., true) for
 * PRIVATE) with the page-table change in __set_memory_enc_pgtable between
 * enc_status_change_prepare and _finish.
 * TDX, GHCI 343961 MapGPA and TDX Module ABI 348551 TDG.MEM.PAGE.ACCEPT:
 * Linux arch/x86/coco/tdx/tdx.c converts to private in
 * tdx_enc_status_change_prepare (MapGPA private + accept, before the page
 * table changes) and to shared in _finish (MapGPA shared, after). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "uapi/futeet/tee.h"
#include "arch/x86_64/coco/convert.h"

static void expect_plan(const uint8_t *plan, const uint8_t *want, size_t n)
{
	assert_non_null(plan);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(plan[i], want[i]);
	assert_int_equal(plan[n], COCO_STEP_END);
}

static void test_snp_to_shared_rescinds_then_psc_then_clears_cbit_then_flushes(void **state)
{
	static const uint8_t want[] = { COCO_STEP_PVALIDATE_RESCIND, COCO_STEP_PSC_SHARED,
					COCO_STEP_PTE_SHARED, COCO_STEP_TLB_FLUSH };
	(void)state;
	expect_plan(coco_conversion_plan(FUTEET_PLATFORM_SNP, true), want, 4);
}

static void test_snp_to_private_is_the_reverse_then_zeroes(void **state)
{
	static const uint8_t want[] = { COCO_STEP_PTE_PRIVATE, COCO_STEP_TLB_FLUSH,
					COCO_STEP_PSC_PRIVATE, COCO_STEP_PVALIDATE, COCO_STEP_ZERO };
	(void)state;
	expect_plan(coco_conversion_plan(FUTEET_PLATFORM_SNP, false), want, 5);
}

static void test_tdx_to_shared_maps_gpa_after_the_page_table(void **state)
{
	static const uint8_t want[] = { COCO_STEP_PTE_SHARED, COCO_STEP_TLB_FLUSH,
					COCO_STEP_MAPGPA_SHARED };
	(void)state;
	expect_plan(coco_conversion_plan(FUTEET_PLATFORM_TDX, true), want, 3);
}

static void test_tdx_to_private_maps_gpa_and_accepts_before_the_page_table(void **state)
{
	static const uint8_t want[] = { COCO_STEP_MAPGPA_PRIVATE, COCO_STEP_ACCEPT,
					COCO_STEP_PTE_PRIVATE, COCO_STEP_TLB_FLUSH };
	(void)state;
	expect_plan(coco_conversion_plan(FUTEET_PLATFORM_TDX, false), want, 4);
}

static void test_no_plan_on_plain_vm_or_sim(void **state)
{
	(void)state;
	assert_null(coco_conversion_plan(FUTEET_PLATFORM_NONE, true));
	assert_null(coco_conversion_plan(FUTEET_PLATFORM_SIM_SNP, true));
	assert_null(coco_conversion_plan(FUTEET_PLATFORM_SIM_TDX, false));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snp_to_shared_rescinds_then_psc_then_clears_cbit_then_flushes),
		cmocka_unit_test(test_snp_to_private_is_the_reverse_then_zeroes),
		cmocka_unit_test(test_tdx_to_shared_maps_gpa_after_the_page_table),
		cmocka_unit_test(test_tdx_to_private_maps_gpa_and_accepts_before_the_page_table),
		cmocka_unit_test(test_no_plan_on_plain_vm_or_sim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
