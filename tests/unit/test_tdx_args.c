/* TDCALL / TDG.VP.VMCALL register assignments against the specs' tables.
 * Expected values are written out from the tables, not taken from tdx.h:
 *   TDX Module ABI 348551: leaf numbers (TDG.VP.VMCALL 0, TDG.VP.INFO 1,
 *     TDG.MR.RTMR.EXTEND 2, TDG.VP.VEINFO.GET 3, TDG.MR.REPORT 4,
 *     TDG.MEM.PAGE.ACCEPT 6), per-leaf registers (MR.REPORT: RCX report
 *     GPA 1024-aligned, RDX REPORTDATA GPA 64-aligned, R8 subtype 0;
 *     RTMR.EXTEND: RCX digest GPA 64-aligned, RDX index 0..3;
 *     PAGE.ACCEPT: RCX = GPA | level, level 0 = 4 KiB, 1 = 2 MiB;
 *     VP.INFO: RCX[5:0] GPAW, RDX attributes, R8 num/max vCPUs, R9 index;
 *     VEINFO.GET: RCX exit reason, RDX qualification, R8 GLA, R9 GPA, R10
 *     instruction length / info), completion status classes in bits 63:32.
 *   GHCI 343961: R10 = 0 (standard), R11 = sub-function (CPUID 10, HLT 12,
 *     IO 30, RDMSR 31, WRMSR 32, #VE.RequestMMIO 48, MapGPA 0x10001,
 *     GetQuote 0x10002, ReportFatalError 0x10003, SetupEventNotifyInterrupt
 *     0x10004); IO: R12 size, R13 direction (0 read, 1 write), R14 port,
 *     R15 value; status codes in R10 (0 success, 1 retry, 0x8000...0000
 *     operand invalid, ...0001 GPA in use, ...0002 align error).
 * Agreement with independent code:
 *   Linux arch/x86/include/asm/shared/tdx.h at torvalds/linux 019b383d:
 *     line 8 TDX_HYPERCALL_STANDARD 0, lines 14-17 leaves 1/3/4/6, line 24
 *     TDVMCALL_MAP_GPA 0x10001, line 25 REPORT_FATAL_ERROR 0x10003, line 27
 *     TDVMCALL_STATUS_RETRY 1.
 *   td-shim tdx-tdcall/src/tdx.rs at 0b9868f3: tdvmcall_io_write_8 (R12
 *     size, R13 IO_WRITE = 1, R14 port, R15 value), tdvmcall_cpuid (R12
 *     leaf, R13 subleaf; out R12..R15 = EAX..EDX), tdvmcall_mapgpa (R12
 *     GPA, R13 length; RETRY resumes at R11), tdvmcall_report_fatal_error
 *     (R12 = code | 1 << 63 when R13 holds a GPA), tdvmcall_get_quote
 *     (R12 shared GPA, R13 length). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "arch/x86_64/coco/tdx.h"

static void test_tdcall_leaf_numbers_match_abi_table(void **state)
{
	(void)state;
	assert_int_equal(TDG_VP_VMCALL, 0);
	assert_int_equal(TDG_VP_INFO, 1);
	assert_int_equal(TDG_MR_RTMR_EXTEND, 2);
	assert_int_equal(TDG_VP_VEINFO_GET, 3);
	assert_int_equal(TDG_MR_REPORT, 4);
	assert_int_equal(TDG_MEM_PAGE_ACCEPT, 6);
}

static void test_vmcall_subfunction_codes_match_ghci_table(void **state)
{
	(void)state;
	assert_int_equal(TDVMCALL_CPUID, 10);
	assert_int_equal(TDVMCALL_HLT, 12);
	assert_int_equal(TDVMCALL_IO, 30);
	assert_int_equal(TDVMCALL_RDMSR, 31);
	assert_int_equal(TDVMCALL_WRMSR, 32);
	assert_int_equal(TDVMCALL_MMIO, 48);
	assert_int_equal(TDVMCALL_MAP_GPA, 0x10001);
	assert_int_equal(TDVMCALL_GET_QUOTE, 0x10002);
	assert_int_equal(TDVMCALL_REPORT_FATAL_ERROR, 0x10003);
	assert_int_equal(TDVMCALL_SETUP_EVENT_NOTIFY, 0x10004);
}

static void test_mr_report_puts_report_in_rcx_data_in_rdx_subtype0_in_r8(void **state)
{
	struct tdx_args a;
	(void)state;
	memset(&a, 0xAA, sizeof(a));
	assert_int_equal(tdx_enc_mr_report(&a, 0x12400, 0x56740), 0);
	assert_int_equal(a.rcx, 0x12400);
	assert_int_equal(a.rdx, 0x56740);
	assert_int_equal(a.r8, 0);
	assert_int_equal(a.r10 | a.r11 | a.r12 | a.r13 | a.r14 | a.r15 | a.r9, 0);
}

static void test_mr_report_refuses_misaligned_buffers(void **state)
{
	struct tdx_args a;
	(void)state;
	assert_int_equal(tdx_enc_mr_report(&a, 0x12200, 0x56740), -EINVAL); /* not 1024-aligned */
	assert_int_equal(tdx_enc_mr_report(&a, 0x12400, 0x56720), -EINVAL); /* not 64-aligned */
	assert_int_equal(tdx_enc_mr_report(&a, 1ull << 52, 0x56740), -EINVAL); /* beyond GPAW 52 */
}

static void test_rtmr_extend_puts_digest_in_rcx_index_in_rdx_and_bounds_index(void **state)
{
	struct tdx_args a;
	(void)state;
	assert_int_equal(tdx_enc_rtmr_extend(&a, 0x9040, 2), 0);
	assert_int_equal(a.rcx, 0x9040);
	assert_int_equal(a.rdx, 2);
	assert_int_equal(tdx_enc_rtmr_extend(&a, 0x9040, 4), -EINVAL);
	assert_int_equal(tdx_enc_rtmr_extend(&a, 0x9020, 0), -EINVAL);
}

static void test_page_accept_encodes_level_in_low_bits_and_checks_alignment(void **state)
{
	struct tdx_args a;
	(void)state;
	assert_int_equal(tdx_enc_page_accept(&a, 0x7654000, 0), 0);
	assert_int_equal(a.rcx, 0x7654000);
	assert_int_equal(tdx_enc_page_accept(&a, 0x7600000, 1), 0);
	assert_int_equal(a.rcx, 0x7600001);
	assert_int_equal(tdx_enc_page_accept(&a, 0x7654000, 1), -EINVAL);
	assert_int_equal(tdx_enc_page_accept(&a, 0x7654800, 0), -EINVAL);
	assert_int_equal(tdx_enc_page_accept(&a, 0x40000000, 2), -EINVAL); /* 1 GiB: not used */
}

static void test_vp_info_decodes_gpaw_and_shared_bit(void **state)
{
	struct tdx_args a;
	struct tdx_vp_info vi;
	(void)state;
	memset(&a, 0, sizeof(a));
	a.rcx = 52 | (0xC0ull << 8);   /* GPAW 52; RCX[63:6] reserved */
	a.rdx = 0x10000001ull;         /* DEBUG | SEPT_VE_DISABLE */
	a.r8 = (4ull << 32) | 2;       /* max 4, num 2 */
	a.r9 = 1;
	assert_int_equal(tdx_dec_vp_info(&a, &vi), 0);
	assert_int_equal(vi.gpaw, 52);
	assert_int_equal(vi.shared_mask, 1ull << 51);
	assert_int_equal(vi.attributes, 0x10000001ull);
	assert_int_equal(vi.num_vcpus, 2);
	assert_int_equal(vi.max_vcpus, 4);
	assert_int_equal(vi.vcpu_index, 1);
	a.rcx = 48;
	assert_int_equal(tdx_dec_vp_info(&a, &vi), 0);
	assert_int_equal(vi.shared_mask, 1ull << 47);
}

static void test_vp_info_refuses_gpaw_other_than_48_or_52(void **state)
{
	struct tdx_args a;
	struct tdx_vp_info vi;
	(void)state;
	memset(&a, 0, sizeof(a));
	a.rcx = 0;
	assert_int_equal(tdx_dec_vp_info(&a, &vi), -EPROTO);
	a.rcx = 63;
	assert_int_equal(tdx_dec_vp_info(&a, &vi), -EPROTO);
	a.rcx = 47;
	assert_int_equal(tdx_dec_vp_info(&a, &vi), -EPROTO);
}

static void test_veinfo_decodes_registers_per_table(void **state)
{
	struct tdx_args a;
	struct tdx_ve_info ve;
	(void)state;
	memset(&a, 0, sizeof(a));
	a.rcx = 0xFFFFFFFF0000000Aull;  /* exit reason 10 (CPUID) in 31:0 */
	a.rdx = 0x1234;
	a.r8 = 0x7000000000;
	a.r9 = 0x80000;
	a.r10 = (0xABCDull << 32) | 2;  /* info << 32 | length */
	tdx_dec_veinfo(&a, &ve);
	assert_int_equal(ve.exit_reason, 10);
	assert_int_equal(ve.exit_qualification, 0x1234);
	assert_int_equal(ve.gla, 0x7000000000);
	assert_int_equal(ve.gpa, 0x80000);
	assert_int_equal(ve.instr_len, 2);
	assert_int_equal(ve.instr_info, 0xABCD);
}

static void test_vmcall_io_write_uses_r12_size_r13_one_r14_port_r15_value(void **state)
{
	struct tdx_args a;
	(void)state;
	memset(&a, 0x55, sizeof(a));
	assert_int_equal(tdx_enc_vmcall_io(&a, 1, true, 0x3F8, 0x1241), 0);
	assert_int_equal(a.r10, 0);
	assert_int_equal(a.r11, 30);
	assert_int_equal(a.r12, 1);
	assert_int_equal(a.r13, 1);
	assert_int_equal(a.r14, 0x3F8);
	assert_int_equal(a.r15, 0x41); /* only the low byte of a 1-byte write */
	assert_int_equal(a.rcx | a.rdx | a.r8 | a.r9, 0);
	assert_int_equal(tdx_enc_vmcall_io(&a, 4, false, 0xCFC, 0xFFFF), 0);
	assert_int_equal(a.r12, 4);
	assert_int_equal(a.r13, 0);
	assert_int_equal(a.r15, 0);
	assert_int_equal(tdx_enc_vmcall_io(&a, 3, false, 0x80, 0), -EINVAL);
	assert_int_equal(tdx_enc_vmcall_io(&a, 8, true, 0x80, 0), -EINVAL);
}

static void test_vmcall_io_read_takes_only_the_requested_width_from_r11(void **state)
{
	struct tdx_args a;
	(void)state;
	memset(&a, 0, sizeof(a));
	a.r11 = 0xDEADBEEFCAFEF00Dull;  /* a host that fills the whole register */
	assert_int_equal(tdx_dec_vmcall_io_read(&a, 1), 0x0D);
	assert_int_equal(tdx_dec_vmcall_io_read(&a, 2), 0xF00D);
	assert_int_equal(tdx_dec_vmcall_io_read(&a, 4), 0xCAFEF00D);
}

static void test_vmcall_cpuid_msr_hlt_registers(void **state)
{
	struct tdx_args a;
	uint32_t r[4];
	(void)state;
	tdx_enc_vmcall_cpuid(&a, 0x80000008, 1);
	assert_int_equal(a.r11, 10);
	assert_int_equal(a.r12, 0x80000008);
	assert_int_equal(a.r13, 1);
	a.r12 = 0xFFFFFFFF00000001ull; a.r13 = 2; a.r14 = 3; a.r15 = 4;
	tdx_dec_vmcall_cpuid(&a, r);
	assert_int_equal(r[0], 1);
	assert_int_equal(r[1], 2);
	assert_int_equal(r[2], 3);
	assert_int_equal(r[3], 4);
	tdx_enc_vmcall_rdmsr(&a, 0x1B);
	assert_int_equal(a.r11, 31);
	assert_int_equal(a.r12, 0x1B);
	tdx_enc_vmcall_wrmsr(&a, 0x6E0, 0x123456789ull);
	assert_int_equal(a.r11, 32);
	assert_int_equal(a.r12, 0x6E0);
	assert_int_equal(a.r13, 0x123456789ull);
	tdx_enc_vmcall_hlt(&a, true);
	assert_int_equal(a.r11, 12);
	assert_int_equal(a.r12, 1);
}

static void test_vmcall_mmio_sizes_and_alignment(void **state)
{
	struct tdx_args a;
	(void)state;
	assert_int_equal(tdx_enc_vmcall_mmio(&a, 8, true, 0xFEB00008ull | (1ull << 47), 0x1122334455667788ull), 0);
	assert_int_equal(a.r11, 48);
	assert_int_equal(a.r12, 8);
	assert_int_equal(a.r13, 1);
	assert_int_equal(a.r14, 0xFEB00008ull | (1ull << 47));
	assert_int_equal(a.r15, 0x1122334455667788ull);
	assert_int_equal(tdx_enc_vmcall_mmio(&a, 4, true, 0xFEB00002ull, 0), -EINVAL);
	assert_int_equal(tdx_enc_vmcall_mmio(&a, 16, false, 0xFEB00000ull, 0), -EINVAL);
}

static void test_map_gpa_and_get_quote_registers_and_alignment(void **state)
{
	struct tdx_args a;
	(void)state;
	assert_int_equal(tdx_enc_vmcall_map_gpa(&a, 0x100000 | (1ull << 51), 0x3000), 0);
	assert_int_equal(a.r11, 0x10001);
	assert_int_equal(a.r12, 0x100000 | (1ull << 51));
	assert_int_equal(a.r13, 0x3000);
	assert_int_equal(tdx_enc_vmcall_map_gpa(&a, 0x100800, 0x1000), -EINVAL);
	assert_int_equal(tdx_enc_vmcall_map_gpa(&a, 0x100000, 0), -EINVAL);
	assert_int_equal(tdx_enc_vmcall_get_quote(&a, 0x200000 | (1ull << 47), 0x2000), 0);
	assert_int_equal(a.r11, 0x10002);
	assert_int_equal(a.r12, 0x200000 | (1ull << 47));
	assert_int_equal(a.r13, 0x2000);
	assert_int_equal(tdx_enc_vmcall_get_quote(&a, 0x200000, 0x1800), -EINVAL);
	assert_int_equal(tdx_enc_vmcall_get_quote(&a, 0x200000, 0), -EINVAL);
}

static void test_report_fatal_sets_gpa_valid_bit_only_with_a_gpa(void **state)
{
	struct tdx_args a;
	(void)state;
	tdx_enc_vmcall_report_fatal(&a, 0x7, 0);
	assert_int_equal(a.r11, 0x10003);
	assert_int_equal(a.r12, 0x7);
	assert_int_equal(a.r13, 0);
	tdx_enc_vmcall_report_fatal(&a, 0x7, 0x5000);
	assert_int_equal(a.r12, 0x8000000000000007ull);
	assert_int_equal(a.r13, 0x5000);
}

static void test_vmcall_status_codes_map_to_errnos(void **state)
{
	(void)state;
	assert_int_equal(tdx_vmcall_errno(0), 0);
	assert_int_equal(tdx_vmcall_errno(1), -EAGAIN);
	assert_int_equal(tdx_vmcall_errno(0x8000000000000000ull), -EINVAL);
	assert_int_equal(tdx_vmcall_errno(0x8000000000000001ull), -EBUSY);
	assert_int_equal(tdx_vmcall_errno(0x8000000000000002ull), -EINVAL);
	assert_int_equal(tdx_vmcall_errno(2), -EIO);
	assert_int_equal(tdx_vmcall_errno(0x8000000000000003ull), -EIO);
}

static void test_tdcall_status_classes_ignore_operand_details(void **state)
{
	(void)state;
	assert_int_equal(tdx_tdcall_errno(0), 0);
	assert_int_equal(tdx_tdcall_errno(0x8000020000000001ull), -EBUSY);   /* OPERAND_BUSY, RCX */
	assert_int_equal(tdx_tdcall_errno(0xC000010000000002ull), -EINVAL);  /* OPERAND_INVALID, RDX */
	assert_int_equal(tdx_tdcall_errno(0x00000B0A00000000ull), -EEXIST);  /* PAGE_ALREADY_ACCEPTED */
	assert_int_equal(tdx_tdcall_errno(0xC0000B0B00000001ull), -EIO);     /* PAGE_SIZE_MISMATCH */
	/* Only an all-zero status is success (fail closed on the unexpected). */
	assert_int_equal(tdx_tdcall_errno(0x0000000000000001ull), -EIO);
}

static void test_map_gpa_retry_resumes_at_r11_and_gives_up_without_progress(void **state)
{
	uint64_t cur = 0x100000, end = 0x105000;
	unsigned stalls = 0;
	(void)state;
	/* RETRY with progress: resume at R11. */
	assert_int_equal(tdx_map_gpa_step(&cur, end, 1, 0x102000, &stalls), -EAGAIN);
	assert_int_equal(cur, 0x102000);
	/* RETRY without progress: a bounded number of times. */
	assert_int_equal(tdx_map_gpa_step(&cur, end, 1, 0x102000, &stalls), -EAGAIN);
	assert_int_equal(tdx_map_gpa_step(&cur, end, 1, 0x102000, &stalls), -EAGAIN);
	assert_int_equal(tdx_map_gpa_step(&cur, end, 1, 0x102000, &stalls), -ETIMEDOUT);
	/* Done. */
	cur = 0x100000; stalls = 0;
	assert_int_equal(tdx_map_gpa_step(&cur, end, 0, 0, &stalls), 0);
}

static void test_map_gpa_retry_refuses_resume_address_outside_range(void **state)
{
	uint64_t cur = 0x100000, end = 0x105000;
	unsigned stalls = 0;
	(void)state;
	assert_int_equal(tdx_map_gpa_step(&cur, end, 1, 0x0FF000, &stalls), -EPROTO);
	assert_int_equal(tdx_map_gpa_step(&cur, end, 1, 0x105000, &stalls), -EPROTO);
	assert_int_equal(tdx_map_gpa_step(&cur, end, 1, 0x101800, &stalls), -EPROTO);
	assert_int_equal(tdx_map_gpa_step(&cur, end, 0x8000000000000001ull, 0, &stalls), -EBUSY);
	assert_int_equal(cur, 0x100000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tdcall_leaf_numbers_match_abi_table),
		cmocka_unit_test(test_vmcall_subfunction_codes_match_ghci_table),
		cmocka_unit_test(test_mr_report_puts_report_in_rcx_data_in_rdx_subtype0_in_r8),
		cmocka_unit_test(test_mr_report_refuses_misaligned_buffers),
		cmocka_unit_test(test_rtmr_extend_puts_digest_in_rcx_index_in_rdx_and_bounds_index),
		cmocka_unit_test(test_page_accept_encodes_level_in_low_bits_and_checks_alignment),
		cmocka_unit_test(test_vp_info_decodes_gpaw_and_shared_bit),
		cmocka_unit_test(test_vp_info_refuses_gpaw_other_than_48_or_52),
		cmocka_unit_test(test_veinfo_decodes_registers_per_table),
		cmocka_unit_test(test_vmcall_io_write_uses_r12_size_r13_one_r14_port_r15_value),
		cmocka_unit_test(test_vmcall_io_read_takes_only_the_requested_width_from_r11),
		cmocka_unit_test(test_vmcall_cpuid_msr_hlt_registers),
		cmocka_unit_test(test_vmcall_mmio_sizes_and_alignment),
		cmocka_unit_test(test_map_gpa_and_get_quote_registers_and_alignment),
		cmocka_unit_test(test_report_fatal_sets_gpa_valid_bit_only_with_a_gpa),
		cmocka_unit_test(test_vmcall_status_codes_map_to_errnos),
		cmocka_unit_test(test_tdcall_status_classes_ignore_operand_details),
		cmocka_unit_test(test_map_gpa_retry_resumes_at_r11_and_gives_up_without_progress),
		cmocka_unit_test(test_map_gpa_retry_refuses_resume_address_outside_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
