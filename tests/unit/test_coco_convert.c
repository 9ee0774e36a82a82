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
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
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


/* APM vol. 3 (24594) PVALIDATE, table "PVALIDATE return codes": 0 success,
 * 1 FAIL_INPUT, 6 FAIL_SIZEMISMATCH; rFLAGS.CF = 1 when the RMP entry was
 * not updated. The same values as Linux arch/x86/include/asm/sev.h
 * PVALIDATE_FAIL_INPUT 1, PVALIDATE_FAIL_SIZEMISMATCH 6, and its
 * pvalidate() returning PVALIDATE_FAIL_NOUPDATE whenever CF is set. */
static void test_pvalidate_result_codes_from_the_apm_table(void **state)
{
	(void)state;
	assert_int_equal(coco_pvalidate_result(0, false), 0);
	assert_int_equal(coco_pvalidate_result(1, false), -EINVAL);
	assert_int_equal(coco_pvalidate_result(6, false), -ERANGE);
	assert_int_equal(coco_pvalidate_result(0, true), -EEXIST);
	assert_int_equal(coco_pvalidate_result(6, true), -EEXIST);
	assert_int_equal(coco_pvalidate_result(2, false), -EIO);
	assert_int_equal(coco_pvalidate_result(0xFFFFFFFFu, false), -EIO);
}

/* 2 MiB only for a whole, aligned 2 MiB block (Linux __set_pages_state:
 * IS_ALIGNED(vaddr, PMD_SIZE) && vaddr_end - vaddr >= PMD_SIZE; edk2
 * InternalSetPageState the same with SIZE_2MB). */
static void test_unit_is_2m_only_for_a_whole_aligned_block(void **state)
{
	(void)state;
	assert_int_equal(coco_unit_len(0x200000, 0x400000, true), COCO_2M);
	assert_int_equal(coco_unit_len(0x200000, 0x600000, true), COCO_2M);
	assert_int_equal(coco_unit_len(0x200000, 0x3FF000, true), COCO_4K);
	assert_int_equal(coco_unit_len(0x201000, 0x600000, true), COCO_4K);
	assert_int_equal(coco_unit_len(0x200000, 0x400000, false), COCO_4K);
	assert_int_equal(coco_unit_len(0x200000, 0x200000, true), COCO_4K);
}

/* A fake host: records each step, answers PVALIDATE at 2 MiB with
 * FAIL_SIZEMISMATCH when its RMP holds 4 KiB entries, and fails the step
 * numbered fail_at (counting from 0) with fail_rc. */
#define MAX_CALLS 2100
struct call { unsigned step; uint64_t va, len; };
struct host {
	bool rmp_4k;
	int fail_at, fail_rc;
	unsigned n;
	struct call calls[MAX_CALLS];
};

static int host_step(void *ctx, unsigned step, uint64_t va, uint64_t len)
{
	struct host *h = ctx;
	int idx = (int)h->n;

	assert_true(h->n < MAX_CALLS);
	h->calls[h->n++] = (struct call){ step, va, len };
	if (idx == h->fail_at)
		return h->fail_rc;
	if (h->rmp_4k && len == COCO_2M &&
	    (step == COCO_STEP_PVALIDATE || step == COCO_STEP_PVALIDATE_RESCIND))
		return coco_pvalidate_result(6, false);
	return 0;
}

static void expect_call(const struct host *h, unsigned i, unsigned step, uint64_t va,
			uint64_t len)
{
	assert_true(i < h->n);
	assert_int_equal(h->calls[i].step, step);
	assert_int_equal(h->calls[i].va, va);
	assert_int_equal(h->calls[i].len, len);
}

static void test_2m_rescind_on_4k_rmp_falls_back_to_512_4k_pages(void **state)
{
	static struct host h;
	struct coco_convert_failure f;
	const uint8_t *plan = coco_conversion_plan(FUTEET_PLATFORM_SNP, true);
	(void)state;
	memset(&h, 0, sizeof(h));
	h.rmp_4k = true;
	h.fail_at = -1;
	assert_int_equal(coco_convert_range(plan, 0x400000, COCO_2M, true, host_step, &h, &f), 0);
	/* Linux pval_pages: the 2 MiB attempt, then 512 at 4 KiB; then the
	 * PSC for the unit as one 2 MiB entry, the C-bit, the flush. */
	assert_int_equal(h.n, 1 + 512 + 3);
	expect_call(&h, 0, COCO_STEP_PVALIDATE_RESCIND, 0x400000, COCO_2M);
	for (unsigned i = 0; i < 512; i++)
		expect_call(&h, 1 + i, COCO_STEP_PVALIDATE_RESCIND, 0x400000 + 0x1000ull * i, COCO_4K);
	expect_call(&h, 513, COCO_STEP_PSC_SHARED, 0x400000, COCO_2M);
	expect_call(&h, 514, COCO_STEP_PTE_SHARED, 0x400000, COCO_2M);
	expect_call(&h, 515, COCO_STEP_TLB_FLUSH, 0x400000, COCO_2M);
}

static void test_2m_validate_on_2m_rmp_is_one_pvalidate(void **state)
{
	static struct host h;
	struct coco_convert_failure f;
	const uint8_t *plan = coco_conversion_plan(FUTEET_PLATFORM_SNP, false);
	(void)state;
	memset(&h, 0, sizeof(h));
	h.fail_at = -1;
	assert_int_equal(coco_convert_range(plan, 0x400000, COCO_2M, true, host_step, &h, &f), 0);
	assert_int_equal(h.n, 5);
	expect_call(&h, 0, COCO_STEP_PTE_PRIVATE, 0x400000, COCO_2M);
	expect_call(&h, 1, COCO_STEP_TLB_FLUSH, 0x400000, COCO_2M);
	expect_call(&h, 2, COCO_STEP_PSC_PRIVATE, 0x400000, COCO_2M);
	expect_call(&h, 3, COCO_STEP_PVALIDATE, 0x400000, COCO_2M);
	expect_call(&h, 4, COCO_STEP_ZERO, 0x400000, COCO_2M);
}

static void test_range_is_split_into_4k_head_2m_body_4k_tail(void **state)
{
	static struct host h;
	struct coco_convert_failure f;
	const uint8_t *plan = coco_conversion_plan(FUTEET_PLATFORM_SNP, true);
	(void)state;
	memset(&h, 0, sizeof(h));
	h.fail_at = -1;
	/* [2 MiB - 4 KiB, 4 MiB + 4 KiB): 4 KiB, 2 MiB, 4 KiB, each unit
	 * through the whole plan before the next. */
	assert_int_equal(coco_convert_range(plan, 0x1FF000, COCO_2M + 2 * COCO_4K, true,
					    host_step, &h, &f), 0);
	assert_int_equal(h.n, 12);
	expect_call(&h, 0, COCO_STEP_PVALIDATE_RESCIND, 0x1FF000, COCO_4K);
	expect_call(&h, 3, COCO_STEP_TLB_FLUSH, 0x1FF000, COCO_4K);
	expect_call(&h, 4, COCO_STEP_PVALIDATE_RESCIND, 0x200000, COCO_2M);
	expect_call(&h, 5, COCO_STEP_PSC_SHARED, 0x200000, COCO_2M);
	expect_call(&h, 8, COCO_STEP_PVALIDATE_RESCIND, 0x400000, COCO_4K);
	expect_call(&h, 11, COCO_STEP_TLB_FLUSH, 0x400000, COCO_4K);
	/* Without the GHCB (MSR protocol: no page size) every unit is 4 KiB. */
	memset(&h, 0, sizeof(h));
	h.fail_at = -1;
	assert_int_equal(coco_convert_range(plan, 0x200000, COCO_2M, false, host_step, &h, &f), 0);
	assert_int_equal(h.n, 4 * 512);
	for (unsigned i = 0; i < h.n; i++)
		assert_int_equal(h.calls[i].len, COCO_4K);
}

/* A 4 KiB size mismatch is not an answer the APM allows (a 4 KiB page in
 * a 2 MiB RMP entry is a nested page fault the hypervisor resolves): it
 * fails, and nothing is retried. The failure says whether the state moved. */
static void test_4k_size_mismatch_and_other_failures_stop_the_conversion(void **state)
{
	static struct host h;
	struct coco_convert_failure f;
	const uint8_t *plan = coco_conversion_plan(FUTEET_PLATFORM_SNP, true);
	(void)state;
	memset(&h, 0, sizeof(h));
	h.fail_at = 0;
	h.fail_rc = -ERANGE;
	assert_int_equal(coco_convert_range(plan, 0x1000, 0x2000, true, host_step, &h, &f), -ERANGE);
	assert_int_equal(h.n, 1);
	assert_int_equal(f.step, COCO_STEP_PVALIDATE_RESCIND);
	assert_int_equal(f.va, 0x1000);
	assert_false(f.changed);
	/* Second page's rescind fails: the first page already moved. */
	memset(&h, 0, sizeof(h));
	h.fail_at = 4;
	h.fail_rc = -EEXIST;
	assert_int_equal(coco_convert_range(plan, 0x1000, 0x2000, true, host_step, &h, &f), -EEXIST);
	assert_int_equal(f.va, 0x2000);
	assert_true(f.changed);
	/* The 2 MiB attempt mismatches, the 4th 4 KiB page fails. */
	memset(&h, 0, sizeof(h));
	h.rmp_4k = true;
	h.fail_at = 4;
	h.fail_rc = -EINVAL;
	assert_int_equal(coco_convert_range(plan, 0x200000, COCO_2M, true, host_step, &h, &f), -EINVAL);
	assert_int_equal(f.step, COCO_STEP_PVALIDATE_RESCIND);
	assert_int_equal(f.va, 0x203000);
	assert_int_equal(f.len, COCO_4K);
	assert_true(f.changed);
	/* The first 4 KiB page after a 2 MiB mismatch fails: nothing moved. */
	memset(&h, 0, sizeof(h));
	h.rmp_4k = true;
	h.fail_at = 1;
	h.fail_rc = -EIO;
	assert_int_equal(coco_convert_range(plan, 0x200000, COCO_2M, true, host_step, &h, &f), -EIO);
	assert_false(f.changed);
	/* -ERANGE from a step other than PVALIDATE is not a size mismatch. */
	memset(&h, 0, sizeof(h));
	h.fail_at = 1;
	h.fail_rc = -ERANGE;
	assert_int_equal(coco_convert_range(plan, 0x200000, COCO_2M, true, host_step, &h, &f), -ERANGE);
	assert_int_equal(f.step, COCO_STEP_PSC_SHARED);
	assert_int_equal(h.n, 2);
	/* Unaligned input is refused before any step. */
	memset(&h, 0, sizeof(h));
	h.fail_at = -1;
	assert_int_equal(coco_convert_range(plan, 0x1001, 0x1000, true, host_step, &h, &f), -EINVAL);
	assert_int_equal(h.n, 0);
	assert_false(f.changed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snp_to_shared_rescinds_then_psc_then_clears_cbit_then_flushes),
		cmocka_unit_test(test_snp_to_private_is_the_reverse_then_zeroes),
		cmocka_unit_test(test_tdx_to_shared_maps_gpa_after_the_page_table),
		cmocka_unit_test(test_tdx_to_private_maps_gpa_and_accepts_before_the_page_table),
		cmocka_unit_test(test_no_plan_on_plain_vm_or_sim),
		cmocka_unit_test(test_pvalidate_result_codes_from_the_apm_table),
		cmocka_unit_test(test_unit_is_2m_only_for_a_whole_aligned_block),
		cmocka_unit_test(test_2m_rescind_on_4k_rmp_falls_back_to_512_4k_pages),
		cmocka_unit_test(test_2m_validate_on_2m_rmp_is_one_pvalidate),
		cmocka_unit_test(test_range_is_split_into_4k_head_2m_body_4k_tail),
		cmocka_unit_test(test_4k_size_mismatch_and_other_failures_stop_the_conversion),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
