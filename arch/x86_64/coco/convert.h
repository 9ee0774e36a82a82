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
 *               -> clear SHARED bit -> flush TLB */
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

#endif
