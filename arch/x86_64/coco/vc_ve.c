/* The #VC (SEV-ES/SNP, vector 29) and #VE (TDX, vector 20) handlers, on
 * their own IST stack (arch/x86_64/desc.c). They serve only what cannot
 * be avoided, from the kernel and from ring 3 alike (every glibc/musl
 * program runs CPUID at start-up):
 *   #VC CPUID (SW_EXITCODE 0x72)  from the SNP CPUID page (PSP-checked);
 *                                 OSXSAVE and XSAVE sizes fixed up, and
 *                                 only the APIC-ID bits taken from the
 *                                 hypervisor (snp_tables.h)
 *   #VC HLT (0x78)                the HLT NAE event through the GHCB
 *   #VE CPUID (exit reason 10)    TDG.VP.VMCALL<Instruction.CPUID> for
 *                                 the hypervisor range 0x4000_0000..
 *                                 0x4FFF_FFFF, zeros otherwise (tdx.h)
 *   #VE HLT (12)                  TDG.VP.VMCALL<Instruction.HLT>
 * Anything else: from ring 3 the trap handler ends the program with the
 * exception's name (the kernel survives); from the kernel the guest
 * terminates with a reason (GHCB termination / ReportFatalError). Spec:
 * APM vol. 2 15.35.5 (#VC error code = exit code), GHCB 56421 table "NAE
 * events"; TDX Module ABI 348551 TDG.VP.VEINFO.GET, GHCI 343961. Never
 * executed on hardware (docs/CAVEATS.md). */
#include <string.h>

#include "futeet/errno.h"
#include "futeet/printk.h"
#include "uapi/futeet/tee.h"
#include "arch/x86_64/coco/detect.h"
#include "arch/x86_64/coco/ghcb.h"
#include "arch/x86_64/coco/ghcb_msr.h"
#include "arch/x86_64/coco/sev.h"
#include "arch/x86_64/coco/snp_tables.h"
#include "arch/x86_64/coco/tdx.h"
#include "arch/x86_64/coco/vc_ve.h"
#include "arch/x86_64/cpu.h"

#define VEC_VE 20
#define VEC_VC 29
/* GHCB 56421 table "NAE events" / APM vol. 2 table 15-7 exit codes. */
#define SVM_EXIT_CPUID 0x72u
#define SVM_EXIT_HLT   0x78u
/* TDX #VE exit reasons (VMX basic exit reasons, SDM vol. 3C appendix C). */
#define VE_EXIT_CPUID  10u
#define VE_EXIT_HLT    12u
#define INSN_CPUID_LEN 2u   /* 0F A2 */
#define INSN_HLT_LEN   1u   /* F4 */
#define INSN_MAX_LEN   15u  /* SDM vol. 2 2.3.11 */

static struct snp_cpuid_table snp_cpuid;
static bool snp_cpuid_loaded;

/* The privileged reads and the FPU save this file needs, apart so that
 * tests/unit/test_vc_ve.c can compile the handlers hosted (it includes this
 * file with VC_VE_HOSTED_TEST and supplies its own). */
#ifndef VC_VE_HOSTED_TEST
static uint64_t vc_read_cr4(void)
{
	uint64_t cr4;
	__asm__ __volatile__("mov %%cr4, %0" : "=r"(cr4));
	return cr4;
}

static uint64_t vc_xgetbv0(void)
{
	uint32_t lo, hi;
	__asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return ((uint64_t)hi << 32) | lo;
}

static void vc_fxsave(uint8_t *area)
{
	__asm__ __volatile__("fxsave64 %0" : "=m"(*(uint8_t(*)[512])area));
}

static void vc_fxrstor(const uint8_t *area)
{
	__asm__ __volatile__("fxrstor64 %0" : : "m"(*(const uint8_t(*)[512])area));
}
#else
static uint64_t vc_read_cr4(void);
static uint64_t vc_xgetbv0(void);
static void vc_fxsave(uint8_t *area);
static void vc_fxrstor(const uint8_t *area);
#endif

int coco_snp_cpuid_load(const uint8_t *page, size_t len)
{
	int rc = snp_cpuid_table_parse(page, len, &snp_cpuid);

	snp_cpuid_loaded = rc == 0;
	return rc;
}

#define CR4_OSXSAVE (1ull << 18)

int coco_snp_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
	uint64_t xcr0 = 1;
	bool osxsave;

	if (!snp_cpuid_loaded)
		return -ENODEV;
	/* A leaf absent from the table reads as zeros, as on hardware for a
	 * leaf past the maximum (Linux snp_cpuid does the same in range). */
	(void)snp_cpuid_lookup(&snp_cpuid, leaf, subleaf, out);
	osxsave = (vc_read_cr4() & CR4_OSXSAVE) != 0;
	if (osxsave)
		xcr0 = vc_xgetbv0();
	/* The kernel enables no supervisor XSAVE state: XSS = 0. */
	int rc = snp_cpuid_postprocess(&snp_cpuid, leaf, subleaf, osxsave, xcr0, 0, out);
	if (rc)
		return rc;
	/* APIC IDs: the page holds one value for all vCPUs; the hypervisor
	 * names this one (snp_tables.h), through the GHCB MSR protocol's CPUID
	 * request (GHCB 56421 2.3.1; the GHCB MSR is restored after, so this
	 * works before and after GHCB registration). It has no subleaf: 0xB
	 * is asked at subleaf 0, as Linux does. A malformed answer terminates:
	 * Linux does the same (GHCB_TERM_CPUID_HV). */
	uint32_t mask[4], hv[4] = { 0, 0, 0, 0 };
	snp_cpuid_hv_masks(leaf, mask);
	for (unsigned r = 0; r < 4; r++)
		if (mask[r] &&
		    ghcb_msr_cpuid_parse(sev_msr_protocol(ghcb_msr_cpuid_req(leaf, r)), &hv[r]))
			sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_BAD_ANSWER);
	snp_cpuid_hv_merge(mask, hv, out);
	return 0;
}

static void set_cpuid_regs(struct trap_frame *f, const uint32_t r[4])
{
	f->rax = r[0];
	f->rbx = r[1];
	f->rcx = r[2];
	f->rdx = r[3];
}

static bool handle_vc(struct trap_frame *f)
{
	uint32_t r[4];
	bool user = (f->cs & 3) == 3;

	switch (f->error) {
	case SVM_EXIT_CPUID:
		if (coco_snp_cpuid((uint32_t)f->rax, (uint32_t)f->rcx, r) == 0) {
			set_cpuid_regs(f, r);
			f->rip += INSN_CPUID_LEN;
			return true;
		}
		break;
	case SVM_EXIT_HLT:
		if (!user) {
			ghcb_hlt(); /* the HLT NAE event (GHCB 56421 table "NAE events") */
			f->rip += INSN_HLT_LEN;
			return true;
		}
		break;
	default:
		break;
	}
	if (user)
		return false;
	kprintf("futeet: #VC in the kernel, exit code %#llx at rip %#llx: not served\n",
		(unsigned long long)f->error, (unsigned long long)f->rip);
	sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_UNHANDLED_VC);
}

static bool handle_ve(struct trap_frame *f)
{
	struct tdx_args a;
	struct tdx_ve_info ve;
	uint32_t r[4];
	bool user = (f->cs & 3) == 3;

	tdx_enc_veinfo_get(&a);
	if (tdx_tdcall_errno(tdx_tdcall(TDG_VP_VEINFO_GET, &a)) != 0) {
		kprintf("futeet: #VE: TDG.VP.VEINFO.GET failed\n");
		tdx_report_fatal(VEC_VE);
	}
	tdx_dec_veinfo(&a, &ve);
	if (ve.instr_len == 0 || ve.instr_len > INSN_MAX_LEN)
		goto unserved;
	switch (ve.exit_reason) {
	case VE_EXIT_CPUID:
		r[0] = r[1] = r[2] = r[3] = 0;
		if (tdx_cpuid_leaf_for_vmm((uint32_t)f->rax)) {
			tdx_enc_vmcall_cpuid(&a, (uint32_t)f->rax, (uint32_t)f->rcx);
			if (tdx_vmcall(&a) != 0)
				goto unserved;
			tdx_dec_vmcall_cpuid(&a, r);
		}
		set_cpuid_regs(f, r);
		f->rip += ve.instr_len;
		return true;
	case VE_EXIT_HLT:
		if (user)
			break;
		tdx_enc_vmcall_hlt(&a, (f->rflags & (1u << 9)) == 0);
		(void)tdx_vmcall(&a);
		f->rip += ve.instr_len;
		return true;
	default:
		break;
	}
unserved:
	if (user)
		return false;
	kprintf("futeet: #VE in the kernel, exit reason %u at rip %#llx: not served\n",
		ve.exit_reason, (unsigned long long)f->rip);
	tdx_report_fatal(ve.exit_reason);
}

/* The trap path does not save a program's FPU/SSE state (trap.S), and
 * this handler returns to the program: keep its XMM registers safe from
 * whatever the compiler emits here. The kernel is built without AVX, so
 * FXSAVE covers every register it can touch. */
static uint8_t user_fpu[512] __attribute__((aligned(16)));

bool coco_exception(struct trap_frame *f)
{
	bool user = (f->cs & 3) == 3, served;

	/* #VC exists only on SEV-ES/SNP hardware: served once detection said
	 * SNP, or earlier (detection's own CPUIDs) once the firmware's CPUID
	 * page is loaded. */
	if (!((f->vector == VEC_VC &&
	       (coco_platform_kind() == FUTEET_PLATFORM_SNP || snp_cpuid_loaded)) ||
	      (f->vector == VEC_VE && coco_platform_kind() == FUTEET_PLATFORM_TDX)))
		return false;
	if (user)
		vc_fxsave(user_fpu);
	served = f->vector == VEC_VC ? handle_vc(f) : handle_ve(f);
	if (user)
		vc_fxrstor(user_fpu);
	return served;
}
