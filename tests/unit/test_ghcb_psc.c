/* The SNP Page State Change NAE descriptor and the checks on the
 * hypervisor's answer (arch/x86_64/coco/ghcb_psc.c), against GHCB 56421
 * rev 2.03 section 4.1.6 (header u16 cur_entry, u16 end_entry, u32
 * reserved; entry [11:0] cur_page, [51:12] GFN, [55:52] operation 1
 * private / 2 shared, [56] page size; 253 entries; SW_EXITCODE
 * 0x8000_0010) and table "GHCB Layout" (SW_SCRATCH 0x3A8, shared buffer
 * 0x800, 0x7F0 bytes). The bit positions agree with Linux
 * arch/x86/include/asm/sev-common.h at torvalds/linux 0afb6b66 struct
 * psc_hdr (lines 112-116), struct psc_entry (118-124: cur_page 12, gfn 40,
 * operation 4, pagesize 1) and VMGEXIT_PSC_MAX_ENTRY 253 (line 110). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "arch/x86_64/coco/ghcb_psc.h"

static uint64_t q(const uint8_t *p, unsigned off)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[off + i];
	return v;
}

static void test_entry_bit_positions(void **state)
{
	(void)state;
	assert_int_equal(ghcb_psc_entry(0x12345, 2, false), 0x0020000012345000ull);
	assert_int_equal(ghcb_psc_entry(0x12345, 1, true), 0x0110000012345000ull);
	assert_int_equal(ghcb_psc_entry(0xFFFFFFFFFFull, 2, false), 0x002FFFFFFFFFF000ull);
	assert_int_equal(SVM_VMGEXIT_PSC, 0x80000010ull);
	assert_int_equal(GHCB_OFF_SW_SCRATCH, 0x3A8);
	assert_int_equal(GHCB_OFF_SHARED_BUFFER, 0x800);
	assert_int_equal(8 + 253 * 8, GHCB_SHARED_BUFFER_LEN);
}

static void test_descriptor_header_and_entries(void **state)
{
	uint8_t buf[0x7F0];
	(void)state;
	memset(buf, 0xAA, sizeof(buf));
	assert_int_equal(ghcb_psc_desc_fill(buf, sizeof(buf), 0x100, 3, 2, false), 0);
	assert_int_equal(buf[0] | buf[1] << 8, 0);     /* cur_entry */
	assert_int_equal(buf[2] | buf[3] << 8, 2);     /* end_entry = n - 1 */
	assert_int_equal(buf[4] | buf[5] | buf[6] | buf[7], 0);
	assert_int_equal(q(buf, 8), 0x0020000000100000ull);
	assert_int_equal(q(buf, 16), 0x0020000000101000ull);
	assert_int_equal(q(buf, 24), 0x0020000000102000ull);
	assert_int_equal(q(buf, 32), 0);               /* the rest cleared */
	assert_int_equal(ghcb_psc_desc_fill(buf, sizeof(buf), 0x100, 254, 2, false), -EINVAL);
	assert_int_equal(ghcb_psc_desc_fill(buf, sizeof(buf), 0x100, 0, 2, false), -EINVAL);
	assert_int_equal(ghcb_psc_desc_fill(buf, sizeof(buf), 0x100, 1, 3, false), -EINVAL);
	assert_int_equal(ghcb_psc_desc_fill(buf, 0x7EF, 0x100, 1, 2, false), -EINVAL);
}

/* 2 MiB entries: bit 56 set, GFNs 512 apart, the first 512-aligned (Linux
 * arch/x86/coco/sev/core.c __set_pages_state sets e->pagesize =
 * RMP_PG_SIZE_2M for a PMD-aligned, PMD-sized range and steps by PMD_SIZE). */
static void test_descriptor_2m_entries(void **state)
{
	uint8_t buf[0x7F0];
	(void)state;
	assert_int_equal(ghcb_psc_desc_fill(buf, sizeof(buf), 0x200, 2, 1, true), 0);
	assert_int_equal(buf[2] | buf[3] << 8, 1);
	assert_int_equal(q(buf, 8), 0x0110000000200000ull);
	assert_int_equal(q(buf, 16), 0x0110000000400000ull);
	assert_int_equal(q(buf, 24), 0);
	assert_int_equal(ghcb_psc_desc_fill(buf, sizeof(buf), 0x201, 1, 1, true), -EINVAL);
	assert_int_equal(ghcb_psc_desc_fill(buf, sizeof(buf), 0x201, 1, 1, false), 0);
}

static void test_answer_done_partial_and_hostile(void **state)
{
	uint8_t hdr[8] = { 0 };
	uint16_t cur = 0;
	(void)state;
	/* Partial: cur_entry 1 of end 2: call again. */
	hdr[0] = 1; hdr[2] = 2;
	assert_int_equal(ghcb_psc_check(hdr, 0, &cur, 2), -EAGAIN);
	assert_int_equal(cur, 1);
	/* Done: cur_entry past end_entry. */
	hdr[0] = 3;
	assert_int_equal(ghcb_psc_check(hdr, 0, &cur, 2), 0);
	/* Backwards. */
	cur = 2; hdr[0] = 1;
	assert_int_equal(ghcb_psc_check(hdr, 0, &cur, 2), -EPROTO);
	/* end_entry changed, beyond end + 1, reserved bits, error code. */
	cur = 0; hdr[0] = 1; hdr[2] = 3;
	assert_int_equal(ghcb_psc_check(hdr, 0, &cur, 2), -EPROTO);
	hdr[2] = 2; hdr[0] = 4;
	assert_int_equal(ghcb_psc_check(hdr, 0, &cur, 2), -EPROTO);
	hdr[0] = 1; hdr[7] = 0x80;
	assert_int_equal(ghcb_psc_check(hdr, 0, &cur, 2), -EPROTO);
	hdr[7] = 0;
	assert_int_equal(ghcb_psc_check(hdr, 0x100000000ull, &cur, 2), -EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entry_bit_positions),
		cmocka_unit_test(test_descriptor_header_and_entries),
		cmocka_unit_test(test_descriptor_2m_entries),
		cmocka_unit_test(test_answer_done_partial_and_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
