/* The order of the steps that turn a private page shared and back, per
 * platform (plain data: tests/unit/test_coco_convert.c checks it).
 *
 * SEV-SNP (GHCB 56421 rev 2.03 section 4.1.6 "Page State Change"; SNP ABI
 * 56860 / APM vol. 3 PVALIDATE; the order Linux arch/x86/coco/sev and
 * COCONUT-SVSM follow):
 *   to shared:  PVALIDATE rescind -> PSC shared -> clear C-bit -> flush TLB
 *   to private: set C-bit -> flush TLB -> PSC private -> PVALIDATE -> zero
 *   (rescinding first: the guest never holds a validated page the host can
 *   write; zeroing last: a re-validated page's content is undefined)
 * TDX (GHCI 343961 "TDG.VP.VMCALL<MapGPA>"; TDX Module ABI 348551
 * TDG.MEM.PAGE.ACCEPT; the order of Linux arch/x86/coco/tdx/tdx.c
 * tdx_enc_status_change_prepare / _finish):
 *   to shared:  set SHARED bit -> flush TLB -> MapGPA shared
 *   to private: MapGPA private -> ACCEPT (the TDX module zeroes the page)
 *               -> clear SHARED bit -> flush TLB
 *
 * Page sizes on SNP (coco_convert_range): a range that covers a whole,
 * 2 MiB-aligned 2 MiB block is converted as one 2 MiB unit (one PSC entry
 * with the page-size bit, PVALIDATE with RCX = 1), as Linux
 * arch/x86/coco/sev/core.c __set_pages_state, edk2 OvmfPkg
 * SnpPageStateChangeInternal.c InternalSetPageState and COCONUT-SVSM
 * pvalidate_range do. APM vol. 3 PVALIDATE returns FAIL_SIZEMISMATCH (6)
 * when a 2 MiB request meets 4 KiB RMP entries: the unit is then
 * (in)validated as 512 4 KiB pages (Linux pval_pages, edk2 PvalidateRange,
 * COCONUT pvalidate_range). The reverse case, a 4 KiB PVALIDATE of a page
 * inside a 2 MiB RMP entry, never reaches the guest: it is a nested page
 * fault with the RMP page-size-mismatch bit of the error code (APM vol. 2,
 * SEV-SNP nested page faults; bit 35, Linux PFERR_GUEST_SIZEM) that the
 * hypervisor resolves by PSMASH before the instruction is retried (Linux arch/x86/kvm/svm/sev.c
 * sev_handle_rmp_fault). The PSC "PSMASH" hint (GHCB 56421 4.1.6
 * operation 3) is not needed and KVM treats it as a no-op. A 4 KiB
 * FAIL_SIZEMISMATCH is therefore a broken or hostile host: terminate.
 * Before the GHCB is registered only the MSR protocol exists, whose PSC
 * request has no page size (4 KiB only, GHCB 56421 2.3.1). */
#ifndef FUTEET_ARCH_COCO_CONVERT_H
#define FUTEET_ARCH_COCO_CONVERT_H

#include <stdbool.h>
#include <stdint.h>

enum coco_step {
	COCO_STEP_END = 0,
	COCO_STEP_PVALIDATE_RESCIND,
	COCO_STEP_PVALIDATE,
	COCO_STEP_PSC_SHARED,
	COCO_STEP_PSC_PRIVATE,
	COCO_STEP_PTE_SHARED,      /* clear C-bit (SNP) / set SHARED bit (TDX) */
	COCO_STEP_PTE_PRIVATE,
	COCO_STEP_TLB_FLUSH,
	COCO_STEP_ZERO,
	COCO_STEP_MAPGPA_SHARED,
	COCO_STEP_MAPGPA_PRIVATE,
	COCO_STEP_ACCEPT,
};

/* The steps for platform (enum futeet_platform SNP or TDX), ending with
 * COCO_STEP_END; NULL for any other platform. */
const uint8_t *coco_conversion_plan(uint32_t platform, bool to_shared);

#define COCO_4K  0x1000ull
#define COCO_2M  0x200000ull

/* The next unit of [va, end) (va 4 KiB-aligned): 2 MiB when allow_2m, va is
 * 2 MiB-aligned and the whole 2 MiB block lies inside; else 4 KiB. */
uint64_t coco_unit_len(uint64_t va, uint64_t end, bool allow_2m);

/* APM vol. 3 PVALIDATE result (EAX, rFLAGS.CF) as an errno: 0 done;
 * -EEXIST CF = 1 (no RMP change: already in that state; Linux
 * PVALIDATE_FAIL_NOUPDATE, edk2 "double validation"); -EINVAL FAIL_INPUT
 * (1); -ERANGE FAIL_SIZEMISMATCH (6); -EIO any other code. CF wins, as in
 * Linux's pvalidate(). */
int coco_pvalidate_result(uint32_t eax, bool cf);

/* One step of a plan on [va, va + len), len COCO_4K or COCO_2M: 0 or
 * -errno (PVALIDATE steps: coco_pvalidate_result's codes). */
typedef int (*coco_step_fn)(void *ctx, unsigned step, uint64_t va, uint64_t len);

struct coco_convert_failure {
	unsigned step;     /* the step that failed */
	uint64_t va, len;  /* on this unit */
	bool changed;      /* some earlier step succeeded: the state moved */
};

/* Run plan over [va, va + size) unit by unit (coco_unit_len), each unit
 * through every step of the plan in order. A 2 MiB PVALIDATE answered
 * -ERANGE (size mismatch) is redone as 512 4 KiB PVALIDATEs of the unit;
 * any other failure stops: the return value is its -errno and *f says
 * where and whether anything had changed before it (the caller then
 * terminates the guest). 0 when every step of every unit succeeded. */
int coco_convert_range(const uint8_t *plan, uint64_t va, uint64_t size, bool allow_2m,
		       coco_step_fn fn, void *ctx, struct coco_convert_failure *f);

#endif
