/* Paravirtual accessors (arch/x86_64/coco/pv.h). SNP: GHCB IOIO NAE
 * (GHCB 56421 4.1.2), MMIO NAE events (4.1.5) for shared mappings only,
 * CPUID from the CPUID page, MSRs through the MSR NAE event (0x7C); TDX:
 * TDG.VP.VMCALL <Instruction.IO>, <Instruction.RDMSR/WRMSR> and
 * <#VE.RequestMMIO> (GHCI 343961). A failed call
 * terminates the guest: a driver never sees an unchecked value. Never
 * executed on hardware (docs/CAVEATS.md). */
#include "futeet/errno.h"
#include "futeet/printk.h"
#include "uapi/futeet/tee.h"
#include "arch/x86_64/coco/detect.h"
#include "arch/x86_64/coco/ghcb.h"
#include "arch/x86_64/coco/ghcb_msr.h"
#include "arch/x86_64/coco/pv.h"
#include "arch/x86_64/coco/sev.h"
#include "arch/x86_64/coco/shared.h"
#include "arch/x86_64/coco/tdx.h"
#include "arch/x86_64/coco/vc_ve.h"
#include "arch/x86_64/paging.h"

uint32_t coco_pv_kind;
static uint64_t tdx_shared;

static uint32_t tdx_io(uint16_t port, unsigned size, bool in, uint32_t value)
{
	struct tdx_args a;

	if (tdx_enc_vmcall_io(&a, size, !in, port, value) || tdx_vmcall(&a))
		tdx_report_fatal(TDVMCALL_IO);
	return in ? tdx_dec_vmcall_io_read(&a, size) : 0;
}

uint32_t coco_io_in(uint16_t port, unsigned size)
{
	if (coco_pv_kind == FUTEET_PLATFORM_TDX)
		return tdx_io(port, size, true, 0);
	return ghcb_ioio(port, size, true, 0);
}

void coco_io_out(uint16_t port, unsigned size, uint32_t value)
{
	if (coco_pv_kind == FUTEET_PLATFORM_TDX)
		(void)tdx_io(port, size, false, value);
	else
		(void)ghcb_ioio(port, size, false, value);
}

/* SNP: MMIO goes to the host only for an address the kernel mapped shared;
 * a private address would hand the host a view of (or a write into)
 * private memory's GPA: fail closed. */
static uint64_t snp_mmio_gpa(volatile void *addr)
{
	uint64_t va = (uint64_t)(uintptr_t)addr;

	if (!paging_is_shared(va))
		sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_PRIVATE_MMIO);
	return va; /* identity map */
}

bool coco_mmio_read(volatile void *addr, unsigned size, uint64_t *value)
{
	struct tdx_args a;
	uint64_t gpa = (uint64_t)(uintptr_t)addr | tdx_shared;

	if (coco_pv_kind == FUTEET_PLATFORM_SNP) {
		*value = ghcb_mmio(false, snp_mmio_gpa(addr), size, 0);
		return true;
	}
	if (coco_pv_kind != FUTEET_PLATFORM_TDX)
		return false;
	if (tdx_enc_vmcall_mmio(&a, size, false, gpa, 0) || tdx_vmcall(&a))
		tdx_report_fatal(TDVMCALL_MMIO);
	*value = size == 8 ? a.r11 : a.r11 & ((1ull << (8 * size)) - 1);
	return true;
}

bool coco_mmio_write(volatile void *addr, unsigned size, uint64_t value)
{
	struct tdx_args a;
	uint64_t gpa = (uint64_t)(uintptr_t)addr | tdx_shared;

	if (coco_pv_kind == FUTEET_PLATFORM_SNP) {
		(void)ghcb_mmio(true, snp_mmio_gpa(addr), size, value);
		return true;
	}
	if (coco_pv_kind != FUTEET_PLATFORM_TDX)
		return false;
	if (tdx_enc_vmcall_mmio(&a, size, true, gpa, value) || tdx_vmcall(&a))
		tdx_report_fatal(TDVMCALL_MMIO);
	return true;
}

/* TDG.VP.VMCALL <Instruction.RDMSR> (R12 = MSR; R11 = the value) and
 * <Instruction.WRMSR> (R12 = MSR, R13 = value), GHCI 343961 sub-function
 * table 31 / 32; Linux read_msr / write_msr (arch/x86/coco/tdx/tdx.c). A
 * non-SUCCESS status terminates the guest (ReportFatalError). */
uint64_t coco_msr_read(uint32_t msr)
{
	struct tdx_args a;

	if (coco_pv_kind == FUTEET_PLATFORM_SNP)
		return ghcb_msr(false, msr, 0);
	tdx_enc_vmcall_rdmsr(&a, msr);
	if (tdx_vmcall(&a))
		tdx_report_fatal(TDVMCALL_RDMSR);
	return a.r11;
}

void coco_msr_write(uint32_t msr, uint64_t value)
{
	struct tdx_args a;

	if (coco_pv_kind == FUTEET_PLATFORM_SNP) {
		(void)ghcb_msr(true, msr, value);
		return;
	}
	tdx_enc_vmcall_wrmsr(&a, msr, value);
	if (tdx_vmcall(&a))
		tdx_report_fatal(TDVMCALL_WRMSR);
}

bool coco_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
	return coco_pv_kind == FUTEET_PLATFORM_SNP && coco_snp_cpuid(leaf, subleaf, out) == 0;
}

void coco_pv_start(uint32_t kind, uint64_t tdx_shared_bit)
{
	tdx_shared = tdx_shared_bit;
	coco_pv_kind = kind;
}

void coco_late_init(const struct boot_info *bi)
{
	if (coco_platform_kind() == FUTEET_PLATFORM_SNP) {
		if (ghcb_init())
			sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_REGISTER);
		coco_report_deferred();
	}
	coco_unaccepted_memory(bi);
}
