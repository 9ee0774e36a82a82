/* The #VC / #VE handlers (arch/x86_64/coco/vc_ve.c), compiled hosted with
 * the real SNP CPUID page parser, TDCALL/TDVMCALL encoders and GHCB MSR
 * codec, against a fake PSP-checked CPUID page, a fake hypervisor (GHCB MSR
 * protocol) and a fake TDX module + VMM (TDCALL). What a ring-3 CPUID
 * becomes, by the specs' tables:
 *  - SNP: #VC error code = SW_EXITCODE 0x72 (GHCB 56421 table "NAE
 *    events", APM vol. 2 table 15-7): answered from the CPUID page (SNP ABI
 *    56860 "CPUID Function Structure"), never from the hypervisor except the
 *    APIC-ID bits Linux also takes from it (snp_tables.h: Linux
 *    arch/x86/boot/startup/sev-shared.c snp_cpuid_postprocess, cases 0x1,
 *    0xB, 0x8000001E), asked with the GHCB MSR protocol CPUID request
 *    (GHCB 56421 2.3.1: 0x004, [63:32] function, [31:30] register; answer
 *    0x005, [63:32] value); RIP moves past the 2-byte CPUID.
 *  - TDX: #VE with TDG.VP.VEINFO.GET (TDCALL leaf 3, TDX Module ABI 348551:
 *    RCX exit reason, R10[31:0] instruction length) exit reason 10 (VMX
 *    basic exit reason CPUID, SDM vol. 3C appendix C), served by
 *    TDG.VP.VMCALL<Instruction.CPUID> (GHCI 343961: R10 = 0, R11 = 10,
 *    R12 = EAX, R13 = ECX in; R10 status, R12..R15 = EAX..EDX out; Linux
 *    arch/x86/coco/tdx/tdx.c handle_cpuid) for hypervisor leaves only;
 *    RIP moves by the instruction length the TDX module reported.
 *  - Any other #VC/#VE from ring 3 is not served (the program ends, the
 *    kernel survives: no termination); from ring 0 the guest terminates
 *    with a reason (GHCB termination set 1 code 5; ReportFatalError). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/bytes.h"

#define VC_VE_HOSTED_TEST 1
#include "arch/x86_64/coco/vc_ve.c"

/* ---- fakes -------------------------------------------------------------- */

static uint32_t fake_kind;
static uint64_t fake_cr4 = CR4_OSXSAVE;
static uint64_t fake_xcr0 = 0x7;
static int n_fxsave, n_fxrstor, n_hlt, n_msr_proto, n_terminate, n_fatal;
static unsigned term_set, term_code;
static uint32_t fatal_code;
static jmp_buf noreturn_jmp;

uint32_t coco_platform_kind(void) { return fake_kind; }
static uint64_t vc_read_cr4(void) { return fake_cr4; }
static uint64_t vc_xgetbv0(void) { return fake_xcr0; }
static void vc_fxsave(uint8_t *area) { (void)area; n_fxsave++; }
static void vc_fxrstor(const uint8_t *area) { (void)area; n_fxrstor++; }
void ghcb_hlt(void) { n_hlt++; }
int kprintf(const char *fmt, ...) { (void)fmt; return 0; }

void sev_terminate(unsigned reason_set, unsigned reason)
{
	n_terminate++;
	term_set = reason_set;
	term_code = reason;
	longjmp(noreturn_jmp, 1);
}

/* The hypervisor's CPUID answers, as the GHCB MSR protocol returns them. */
static uint32_t hv_leaf1[4] = { 0, 0x07000000u, 0, 1u << 9 };      /* APIC ID 7 */
static uint32_t hv_leafb[4] = { 0, 0, 0, 0x00000007u };            /* x2APIC ID 7 */
static uint32_t hv_leaf8000001e[4] = { 0x00000007u, 0x00000103u, 0x00000002u, 0 };
static uint64_t hv_bad_answer;   /* nonzero: answered instead */
static uint32_t last_msr_fn;

uint64_t sev_msr_protocol(uint64_t req)
{
	const uint32_t *regs;
	uint32_t fn = (uint32_t)(req >> 32);
	unsigned reg = (unsigned)(req >> 30) & 3;

	n_msr_proto++;
	last_msr_fn = fn;
	/* GHCB 56421 2.3.1: CPUID request = 0x004, GHCBData[29:12] reserved. */
	assert_int_equal(req & 0xFFF, 0x004);
	assert_int_equal((req >> 12) & 0x3FFFF, 0);
	if (hv_bad_answer)
		return hv_bad_answer;
	regs = fn == 0x1 ? hv_leaf1 : fn == 0xB ? hv_leafb : fn == 0x8000001Eu ? hv_leaf8000001e : NULL;
	assert_non_null(regs);
	return ((uint64_t)regs[reg] << 32) | 0x005;
}

/* The TDX module (TDG.VP.VEINFO.GET) and the VMM (TDG.VP.VMCALL). */
static struct { uint32_t exit_reason, instr_len; } ve;
static struct tdx_args last_vmcall;
static int n_vmcall;
static uint32_t vmm_cpuid[4] = { 0x40000001u, 0x4b4d564bu, 0x564b4d56u, 0x0000004du }; /* "KVMKVMKVM" */

uint64_t tdx_tdcall(uint64_t leaf, struct tdx_args *a)
{
	assert_int_equal(leaf, TDG_VP_VEINFO_GET);
	a->rcx = ve.exit_reason;
	a->rdx = 0;
	a->r8 = a->r9 = 0;
	a->r10 = ve.instr_len;
	return TDX_SUCCESS;
}

uint64_t tdx_vmcall_raw(struct tdx_args *a)
{
	n_vmcall++;
	last_vmcall = *a;
	if (a->r11 == TDVMCALL_REPORT_FATAL_ERROR) {
		n_fatal++;
		fatal_code = (uint32_t)a->r12;
		longjmp(noreturn_jmp, 1);
	}
	assert_int_equal(a->r10, 0);                 /* GHCI: standard TDG.VP.VMCALL */
	assert_int_equal(a->r11, TDVMCALL_CPUID);    /* Instruction.CPUID = 10 */
	a->r12 = vmm_cpuid[0];
	a->r13 = vmm_cpuid[1];
	a->r14 = vmm_cpuid[2];
	a->r15 = vmm_cpuid[3];
	a->r10 = TDVMCALL_STATUS_SUCCESS;
	return 0;
}

/* ---- the CPUID page ----------------------------------------------------- */

static uint8_t page[SNP_CPUID_PAGE_LEN];

static void add_fn(unsigned i, uint32_t leaf, uint32_t sub, uint32_t a, uint32_t b, uint32_t c,
		   uint32_t d)
{
	uint8_t *e = page + SNP_CPUID_HDR_LEN + SNP_CPUID_FN_LEN * i;
	bytes_put_le32(e + 0x00, leaf);
	bytes_put_le32(e + 0x04, sub);
	bytes_put_le64(e + 0x08, 1);
	bytes_put_le32(e + 0x18, a);
	bytes_put_le32(e + 0x1C, b);
	bytes_put_le32(e + 0x20, c);
	bytes_put_le32(e + 0x24, d);
	if (i + 1 > bytes_le32(page))
		bytes_put_le32(page, i + 1);
}

/* An EPYC-like page: vendor, leaf 1 (family 0x19, APIC ID 0 in the table,
 * OSXSAVE clear as the PSP records it), leaf 7 with OSPKE set, 0xB
 * subleaves 0 and 1, 0x8000001E. */
static int load_page(void)
{
	memset(page, 0, sizeof(page));
	add_fn(0, 0x0, 0, 0x10, 0x68747541, 0x444d4163, 0x69746e65);
	add_fn(1, 0x1, 0, 0x00A00F11, 0x00020800, 0x76F8320B, 0x178BFBFF);
	add_fn(2, 0x7, 0, 0, 0x219C97A9, 0x00000010, 0);
	add_fn(3, 0xB, 0, 0x1, 0x1, 0x100, 0x0);
	add_fn(4, 0xB, 1, 0x7, 0x1, 0x201, 0x0);
	add_fn(5, 0x8000001Eu, 0, 0, 0x00000100, 0x00000000, 0);
	return coco_snp_cpuid_load(page, sizeof(page));
}

static void reset(uint32_t kind)
{
	fake_kind = kind;
	n_fxsave = n_fxrstor = n_hlt = n_msr_proto = n_terminate = n_fatal = n_vmcall = 0;
	hv_bad_answer = 0;
	snp_cpuid_loaded = false;
}

static void user_frame(struct trap_frame *f, uint64_t vector, uint64_t error, uint32_t eax,
		       uint32_t ecx)
{
	memset(f, 0, sizeof(*f));
	f->vector = vector;
	f->error = error;
	f->cs = 0x2b;           /* user code selector, RPL 3 */
	f->rip = 0x401000;
	f->rax = eax;
	f->rcx = ecx;
	f->rbx = 0xdead;
	f->rdx = 0xbeef;
}

static void kernel_frame(struct trap_frame *f, uint64_t vector, uint64_t error)
{
	user_frame(f, vector, error, 0, 0);
	f->cs = 0x08;
}

/* ---- SNP ---------------------------------------------------------------- */

static void test_snp_ring3_cpuid_leaf0_from_page_hypervisor_not_asked(void **state)
{
	struct trap_frame f;
	(void)state;
	reset(FUTEET_PLATFORM_SNP);
	assert_int_equal(load_page(), 0);
	user_frame(&f, VEC_VC, SVM_EXIT_CPUID, 0, 0);
	assert_true(coco_exception(&f));
	assert_int_equal(f.rip, 0x401002);          /* past 0F A2 */
	assert_int_equal(f.rax, 0x10);
	assert_int_equal(f.rbx, 0x68747541);        /* "AuthenticAMD" */
	assert_int_equal(f.rcx, 0x444d4163);
	assert_int_equal(f.rdx, 0x69746e65);
	assert_int_equal(n_msr_proto, 0);           /* the page, not the hypervisor */
	assert_int_equal(n_fxsave, 1);              /* the program's FPU state kept */
	assert_int_equal(n_fxrstor, 1);
	/* A leaf absent from the page reads as zeros (never the hypervisor). */
	user_frame(&f, VEC_VC, SVM_EXIT_CPUID, 0x80000008u, 0);
	assert_true(coco_exception(&f));
	assert_int_equal(f.rax | f.rbx | f.rcx | f.rdx, 0);
	assert_int_equal(n_msr_proto, 0);
}

/* Leaf 1: EBX[31:24] and EDX bit 9 from the hypervisor, the rest from the
 * page; ECX.OSXSAVE (bit 27) = CR4.OSXSAVE. Linux computes the same:
 * ebx = (hv.ebx & GENMASK(31,24)) | (page.ebx & GENMASK(23,0)). */
static void test_snp_ring3_cpuid_leaf1_apic_id_from_hypervisor_rest_from_page(void **state)
{
	struct trap_frame f;
	(void)state;
	reset(FUTEET_PLATFORM_SNP);
	assert_int_equal(load_page(), 0);
	hv_leaf1[1] = 0x07FFFFFFu;                  /* hostile low bits must not leak in */
	hv_leaf1[3] = 0xFFFFFFFFu;
	user_frame(&f, VEC_VC, SVM_EXIT_CPUID, 1, 0);
	assert_true(coco_exception(&f));
	assert_int_equal(f.rax, 0x00A00F11);
	assert_int_equal(f.rbx, 0x07020800);
	assert_int_equal(f.rcx, 0x76F8320B | (1u << 27));
	assert_int_equal(f.rdx, 0x178BFBFF);        /* bit 9 already set in the page */
	assert_int_equal(n_msr_proto, 2);           /* EBX and EDX asked, nothing else */
	assert_int_equal(last_msr_fn, 1);
	hv_leaf1[3] = 0;                            /* hypervisor: APIC absent */
	fake_cr4 = 0;                               /* OSXSAVE off */
	user_frame(&f, VEC_VC, SVM_EXIT_CPUID, 1, 0);
	assert_true(coco_exception(&f));
	assert_int_equal(f.rdx, 0x178BFBFF & ~(1u << 9));
	assert_int_equal(f.rcx, 0x76F8320B & ~(1u << 27));
	fake_cr4 = CR4_OSXSAVE;
	hv_leaf1[1] = 0x07000000u;
	hv_leaf1[3] = 1u << 9;
}

/* 0xB: EDX (x2APIC ID) from the hypervisor, asked at subleaf 0 (the MSR
 * protocol has no subleaf); the rest of subleaf 1 from the page.
 * 0x8000001E: EAX from the hypervisor, EBX[7:0], ECX[7:0] too (Linux:
 * (page & GENMASK(31,8)) | (hv & GENMASK(7,0))). Leaf 7: OSPKE cleared
 * (CR4.PKE is never set). */
static void test_snp_ring3_cpuid_leaf_b_8000001e_7_fixups(void **state)
{
	struct trap_frame f;
	(void)state;
	reset(FUTEET_PLATFORM_SNP);
	assert_int_equal(load_page(), 0);
	user_frame(&f, VEC_VC, SVM_EXIT_CPUID, 0xB, 1);
	assert_true(coco_exception(&f));
	assert_int_equal(f.rax, 0x7);
	assert_int_equal(f.rbx, 0x1);
	assert_int_equal(f.rcx, 0x201);
	assert_int_equal(f.rdx, 0x7);
	assert_int_equal(n_msr_proto, 1);
	user_frame(&f, VEC_VC, SVM_EXIT_CPUID, 0x8000001Eu, 0);
	assert_true(coco_exception(&f));
	assert_int_equal(f.rax, 0x7);
	assert_int_equal(f.rbx, 0x00000103);
	assert_int_equal(f.rcx, 0x00000002);
	assert_int_equal(f.rdx, 0);
	user_frame(&f, VEC_VC, SVM_EXIT_CPUID, 0x7, 0);
	assert_true(coco_exception(&f));
	assert_int_equal(f.rbx, 0x219C97A9);
	assert_int_equal(f.rcx, 0);
}

static void test_snp_hv_masks_table(void **state)
{
	uint32_t m[4];
	(void)state;
	snp_cpuid_hv_masks(0x1, m);
	assert_true(m[0] == 0 && m[1] == 0xFF000000u && m[2] == 0 && m[3] == 0x200);
	snp_cpuid_hv_masks(0xB, m);
	assert_true(m[0] == 0 && m[1] == 0 && m[2] == 0 && m[3] == 0xFFFFFFFFu);
	snp_cpuid_hv_masks(0x8000001Eu, m);
	assert_true(m[0] == 0xFFFFFFFFu && m[1] == 0xFF && m[2] == 0xFF && m[3] == 0);
	for (uint32_t leaf = 0; leaf < 0x30; leaf++) {
		if (leaf == 0x1 || leaf == 0xB)
			continue;
		snp_cpuid_hv_masks(leaf, m);
		assert_int_equal(m[0] | m[1] | m[2] | m[3], 0);
	}
}

/* A malformed hypervisor answer (not 0x005) terminates the guest with
 * FUTEET's reason "bad answer" (set 1, code 4), even from ring 3. */
static void test_snp_bad_hypervisor_cpuid_answer_terminates(void **state)
{
	struct trap_frame f;
	(void)state;
	reset(FUTEET_PLATFORM_SNP);
	assert_int_equal(load_page(), 0);
	hv_bad_answer = 0x0000000700000013ull;
	user_frame(&f, VEC_VC, SVM_EXIT_CPUID, 1, 0);
	if (setjmp(noreturn_jmp) == 0) {
		(void)coco_exception(&f);
		fail_msg("a bad CPUID answer did not terminate");
	}
	assert_int_equal(n_terminate, 1);
	assert_int_equal(term_set, GHCB_TERM_SET_FUTEET);
	assert_int_equal(term_code, GHCB_TERM_BAD_ANSWER);
}

/* Ring 3 port I/O (IOIO 0x7B), RDMSR (MSR 0x7C), MMIO (NPF 0x400) and HLT
 * (0x78): not served, the program ends, the kernel goes on. In the kernel
 * the same #VC terminates the guest (set 1, code 5 UNHANDLED_VC). */
static void test_snp_other_vc_ends_program_kernel_terminates(void **state)
{
	static const uint64_t codes[] = { 0x7B, 0x7C, 0x400, SVM_EXIT_HLT };
	struct trap_frame f;
	(void)state;
	reset(FUTEET_PLATFORM_SNP);
	assert_int_equal(load_page(), 0);
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		user_frame(&f, VEC_VC, codes[i], 0, 0);
		assert_false(coco_exception(&f));
		assert_int_equal(f.rip, 0x401000);
	}
	assert_int_equal(n_terminate, 0);
	assert_int_equal(n_hlt, 0);
	kernel_frame(&f, VEC_VC, 0x7B);
	if (setjmp(noreturn_jmp) == 0) {
		(void)coco_exception(&f);
		fail_msg("an unserved kernel #VC returned");
	}
	assert_int_equal(term_set, GHCB_TERM_SET_FUTEET);
	assert_int_equal(term_code, GHCB_TERM_UNHANDLED_VC);
	/* the kernel's HLT is served as the HLT NAE event */
	kernel_frame(&f, VEC_VC, SVM_EXIT_HLT);
	assert_true(coco_exception(&f));
	assert_int_equal(n_hlt, 1);
	assert_int_equal(f.rip, 0x401001);
}

/* Vector 29 on a plain VM (no SNP detected, no CPUID page): not ours. */
static void test_vc_ignored_without_snp(void **state)
{
	struct trap_frame f;
	(void)state;
	reset(FUTEET_PLATFORM_NONE);
	user_frame(&f, VEC_VC, SVM_EXIT_CPUID, 0, 0);
	assert_false(coco_exception(&f));
	assert_int_equal(n_fxsave, 0);
	user_frame(&f, VEC_VE, 0, 0, 0);
	assert_false(coco_exception(&f));
	reset(FUTEET_PLATFORM_TDX);
	user_frame(&f, VEC_VC, SVM_EXIT_CPUID, 0, 0);
	assert_false(coco_exception(&f));
}

/* ---- TDX ---------------------------------------------------------------- */

static void test_tdx_ring3_cpuid_hypervisor_leaf_through_tdvmcall(void **state)
{
	struct trap_frame f;
	(void)state;
	reset(FUTEET_PLATFORM_TDX);
	ve.exit_reason = 10;
	ve.instr_len = 2;
	user_frame(&f, VEC_VE, 0, 0x40000000u, 0x5);
	assert_true(coco_exception(&f));
	assert_int_equal(n_vmcall, 1);
	assert_int_equal(last_vmcall.r10, 0);
	assert_int_equal(last_vmcall.r11, 10);
	assert_int_equal(last_vmcall.r12, 0x40000000u);   /* EAX in R12 */
	assert_int_equal(last_vmcall.r13, 0x5);           /* ECX in R13 */
	assert_int_equal(f.rax, vmm_cpuid[0]);
	assert_int_equal(f.rbx, vmm_cpuid[1]);
	assert_int_equal(f.rcx, vmm_cpuid[2]);
	assert_int_equal(f.rdx, vmm_cpuid[3]);
	assert_int_equal(f.rip, 0x401002);                /* the module's length */
	assert_int_equal(n_fxsave, 1);
	assert_int_equal(n_fxrstor, 1);
}

/* A #VE CPUID outside the hypervisor range (e.g. leaf 2, or 0x80000008 the
 * module left to the VMM) reads as zeros: the VMM is never asked. */
static void test_tdx_ring3_cpuid_other_leaf_zeros_vmm_not_asked(void **state)
{
	static const uint32_t leaves[] = { 0x2, 0x6, 0x3FFFFFFFu, 0x50000000u, 0x80000008u };
	struct trap_frame f;
	(void)state;
	reset(FUTEET_PLATFORM_TDX);
	ve.exit_reason = 10;
	ve.instr_len = 2;
	for (size_t i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++) {
		user_frame(&f, VEC_VE, 0, leaves[i], 0);
		assert_true(coco_exception(&f));
		assert_int_equal(f.rax | f.rbx | f.rcx | f.rdx, 0);
		assert_int_equal(f.rip, 0x401002);
	}
	assert_int_equal(n_vmcall, 0);
	assert_true(tdx_cpuid_leaf_for_vmm(0x4FFFFFFFu));
}

/* Ring 3 #VE for port I/O (30), RDMSR (31), EPT violation/MMIO (48), HLT
 * (12), or a CPUID whose length the module gives as 0 or > 15: the program
 * ends, no TDVMCALL, no ReportFatalError. In the kernel: ReportFatalError
 * with the exit reason. */
static void test_tdx_other_ve_ends_program_kernel_reports_fatal(void **state)
{
	static const uint32_t reasons[] = { 30, 31, 48, 12 };
	struct trap_frame f;
	(void)state;
	reset(FUTEET_PLATFORM_TDX);
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		ve.exit_reason = reasons[i];
		ve.instr_len = 1;
		user_frame(&f, VEC_VE, 0, 0, 0);
		assert_false(coco_exception(&f));
	}
	ve.exit_reason = 10;
	ve.instr_len = 0;
	user_frame(&f, VEC_VE, 0, 0x40000000u, 0);
	assert_false(coco_exception(&f));
	ve.instr_len = 16;
	assert_false(coco_exception(&f));
	assert_int_equal(n_vmcall, 0);
	assert_int_equal(n_fatal, 0);
	ve.exit_reason = 30;
	ve.instr_len = 1;
	kernel_frame(&f, VEC_VE, 0);
	if (setjmp(noreturn_jmp) == 0) {
		(void)coco_exception(&f);
		fail_msg("an unserved kernel #VE returned");
	}
	assert_int_equal(n_fatal, 1);
	assert_int_equal(fatal_code, 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snp_ring3_cpuid_leaf0_from_page_hypervisor_not_asked),
		cmocka_unit_test(test_snp_ring3_cpuid_leaf1_apic_id_from_hypervisor_rest_from_page),
		cmocka_unit_test(test_snp_ring3_cpuid_leaf_b_8000001e_7_fixups),
		cmocka_unit_test(test_snp_hv_masks_table),
		cmocka_unit_test(test_snp_bad_hypervisor_cpuid_answer_terminates),
		cmocka_unit_test(test_snp_other_vc_ends_program_kernel_terminates),
		cmocka_unit_test(test_vc_ignored_without_snp),
		cmocka_unit_test(test_tdx_ring3_cpuid_hypervisor_leaf_through_tdvmcall),
		cmocka_unit_test(test_tdx_ring3_cpuid_other_leaf_zeros_vmm_not_asked),
		cmocka_unit_test(test_tdx_other_ve_ends_program_kernel_reports_fatal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
