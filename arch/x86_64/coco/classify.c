/* The platform decision over recorded CPUID / SEV_STATUS values (rules and
 * spec tables: arch/x86_64/coco/detect.h). Plain C: the host unit test
 * tests/unit/test_coco_detect.c runs it. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "uapi/futeet/tee.h"
#include "arch/x86_64/coco/detect.h"
#include "arch/x86_64/coco/pv.h"

bool coco_is_tdx(const struct coco_raw *raw)
{
	static const char tdx_ident[12] = "IntelTDX    ";

	return raw->max_leaf >= CPUID_TDX_LEAF && memcmp(raw->tdx_sig, tdx_ident, 12) == 0;
}

int coco_classify(const struct coco_raw *raw, struct coco_platform *out, const char **why)
{
	uint64_t st = raw->sev_status_read ? raw->sev_status : 0;

	*why = NULL;
	memset(out, 0, sizeof(*out));
	out->kind = FUTEET_PLATFORM_NONE;
	out->sev_status = st;
	if (coco_is_tdx(raw)) {
		if (st != 0 || raw->cc_blob) {
			*why = "CPUID says TDX but SEV_STATUS or an EFI CC blob says SEV";
			return -EOPNOTSUPP;
		}
		out->kind = FUTEET_PLATFORM_TDX;
		return 0;
	}
	if (st & SEV_STATUS_SNP) {
		unsigned cbit = raw->mem_enc_ebx & CPUID_MEM_ENC_CBIT_MASK;

		if (!(st & SEV_STATUS_SEV) || !(st & SEV_STATUS_SEV_ES)) {
			*why = "SEV_STATUS has SNP without SEV and SEV-ES (inconsistent)";
			return -EOPNOTSUPP;
		}
		if (raw->max_ext_leaf < CPUID_AMD_MEM_ENC || cbit < CBIT_MIN || cbit > CBIT_MAX) {
			*why = "SEV-SNP guest without a usable C-bit position in CPUID 0x8000001F";
			return -EOPNOTSUPP;
		}
		out->kind = FUTEET_PLATFORM_SNP;
		out->cbit = cbit;
		return 0;
	}
	if (st & (SEV_STATUS_SEV | SEV_STATUS_SEV_ES)) {
		*why = "SEV/SEV-ES without SNP is not supported (no integrity protection, no attestation FUTEET supports)";
		return -EOPNOTSUPP;
	}
	if (st != 0) {
		*why = "SEV_STATUS has bits set without SEV (inconsistent)";
		return -EOPNOTSUPP;
	}
	if (raw->cc_blob) {
		*why = "the EFI CC blob claims SEV-SNP but SEV_STATUS does not";
		return -EOPNOTSUPP;
	}
	return 0;
}


/* MSRs cpu_rdmsr / cpu_wrmsr keep native on a confidential platform.
 *
 *   MSR                      SNP     TDX     why native
 *   C000_0080 EFER           native  native  guest state in the protected
 *   C000_0081 STAR           native  native    context: SNP's VMSA (APM
 *   C000_0082 LSTAR          native  native    vol. 2 table B-4, state save
 *   C000_0083 CSTAR          native  native    area: EFER, STAR, LSTAR,
 *   C000_0084 SFMASK         native  native    CSTAR, SFMASK, KernelGsBase,
 *   C000_0100 FS_BASE        native  native    FS/GS bases), encrypted to
 *   C000_0101 GS_BASE        native  native    the host; the TD VCPU state
 *   C000_0102 KERNEL_GS_BASE native  native    the TDX module context-
 *                                              switches (TDX Module base spec
 *                                              348549 "MSR virtualization").
 *                                              A host answer would read or
 *                                              write a stale copy. Linux
 *                                              writes them with plain WRMSR
 *                                              in both guests (syscall_init).
 *   C001_0130 GHCB MSR       native  -       the GHCB protocol itself: the
 *                                              guest writes it, then VMGEXIT
 *                                              (GHCB 56421 2.3.1; APM vol. 2
 *                                              15.35.4); Linux
 *                                              sev_es_wr_ghcb_msr does too.
 *   C001_0131 SEV_STATUS     native  -       read by detection before any
 *                                              GHCB (APM vol. 2 15.34.10);
 *                                              Linux sev_enable reads it
 *                                              with plain RDMSR too.
 *   0800-08FF x2APIC         GHCB    native  TDX: the TDX module virtualizes
 *                                              the x2APIC (TDX Module base
 *                                              spec 348549 "Interrupt
 *                                              Handling and APIC
 *                                              Virtualization"); the VMM
 *                                              cannot reach the virtual APIC
 *                                              page; the few that raise #VE
 *                                              terminate. SNP: the
 *                                              hypervisor emulates the APIC
 *                                              (no Secure AVIC here).
 *   anything else            GHCB    VMCALL  GHCB 56421 NAE 0x7C; GHCI
 *                                              343961 Instruction.RDMSR 31 /
 *                                              WRMSR 32.
 *
 * If a hostile hypervisor intercepts one of the native MSRs anyway, the
 * #VC / #VE handler terminates the guest (arch/x86_64/coco/vc_ve.c). In a
 * TD a WRMSR of EFER raises #VE even with an unchanged value (Linux
 * arch/x86/realmode/rm/trampoline_64.S skips it for that reason): the
 * kernel writes EFER only when a bit changes (cpu.c, syscall.c). */
#define MSR_X86_EFER           0xC0000080u  /* SDM vol. 4 table 2-2 */
#define MSR_X86_KERNEL_GS_BASE 0xC0000102u
#define MSR_X86_FS_BASE        0xC0000100u
#define MSR_X86_STAR           0xC0000081u
#define MSR_X86_SFMASK         0xC0000084u
#define MSR_X2APIC_FIRST       0x800u       /* SDM vol. 3A 11.12.1.2 */
#define MSR_X2APIC_LAST        0x8FFu
#define MSR_AMD_GHCB           0xC0010130u  /* = MSR_GHCB (ghcb_msr.h) */

bool coco_msr_native(uint32_t kind, uint32_t msr)
{
	if (kind != FUTEET_PLATFORM_SNP && kind != FUTEET_PLATFORM_TDX)
		return true;
	if (msr == MSR_X86_EFER || (msr >= MSR_X86_STAR && msr <= MSR_X86_SFMASK) ||
	    (msr >= MSR_X86_FS_BASE && msr <= MSR_X86_KERNEL_GS_BASE))
		return true;
	if (kind == FUTEET_PLATFORM_SNP)
		return msr == MSR_AMD_GHCB || msr == MSR_SEV_STATUS;
	return msr >= MSR_X2APIC_FIRST && msr <= MSR_X2APIC_LAST;
}
