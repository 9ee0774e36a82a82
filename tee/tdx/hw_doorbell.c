/* The TDX hardware doorbell: TDCALL TDG.MR.REPORT / TDG.MR.RTMR.EXTEND and
 * TDG.VP.VMCALL<GetQuote> through the platform layer's wrappers
 * (arch/x86_64/coco/tdx.h). The kernel identity-maps RAM, so a buffer's
 * address is its private GPA; the GetQuote buffer is shared and its GPA
 * carries the SHARED bit (TDX Module ABI 348551 TDG.VP.INFO: bit GPAW-1).
 * Never executed: no TDX hardware here (docs/CAVEATS.md). */
#include <stddef.h>
#include <stdint.h>

#include "futeet/errno.h"
#include "arch/x86_64/coco/tdx.h"
#include "tee/tdx/hw_doorbell.h"
#include "tee/tdx/tdx.h"

/* TDX_OPERAND_BUSY: the module asks the caller to retry (TDX Module ABI
 * 348551 completion status); a bounded number of times. */
#define TDX_BUSY_RETRIES 8u

static uint64_t shared_mask;

static int hw_mr_report(void *ctx, uint8_t *report, const uint8_t *reportdata)
{
	int rc = -EBUSY;

	(void)ctx;
	for (unsigned i = 0; i < TDX_BUSY_RETRIES && rc == -EBUSY; i++)
		rc = tdx_mr_report((uint64_t)(uintptr_t)report, (uint64_t)(uintptr_t)reportdata);
	return rc;
}

static int hw_rtmr_extend(void *ctx, const uint8_t *digest, unsigned index)
{
	int rc = -EBUSY;

	(void)ctx;
	for (unsigned i = 0; i < TDX_BUSY_RETRIES && rc == -EBUSY; i++)
		rc = tdx_rtmr_extend((uint64_t)(uintptr_t)digest, index);
	return rc;
}

static int hw_get_quote(void *ctx, volatile uint8_t *buf, size_t len)
{
	(void)ctx;
	return tdx_get_quote((uint64_t)(uintptr_t)buf | shared_mask, len);
}

const struct tdx_doorbell_ops tdx_hw_doorbell = {
	.mr_report = hw_mr_report,
	.rtmr_extend = hw_rtmr_extend,
	.get_quote = hw_get_quote,
};

int tdx_hw_doorbell_init(void)
{
	struct tdx_vp_info vi;
	int rc = tdx_vp_info(&vi);

	if (rc)
		return rc;
	shared_mask = vi.shared_mask;
	return 0;
}
