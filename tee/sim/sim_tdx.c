/* The sim-tdx doorbell over the mailbox (include/futeet/simbox.h ops
 * TDX_REPORT, TDX_RTMR_EXTEND, TDX_GET_QUOTE). Same contract as the TDCALL
 * doorbell (tee/tdx/hw_doorbell.c): ret is the TDCALL / TDVMCALL status the
 * hardware would return; the answer is copied out of shared memory once
 * (drivers/simbox.c) before anything reads it. For GetQuote the sim writes
 * the VMM's answer into the guest's buffer, as a VMM writes the shared
 * buffer; tee/tdx/tdx.c then polls and checks it like on hardware. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/simbox.h"
#include "futeet/tdx_abi.h"
#include "drivers/simbox.h"
#include "tee/sim/sim_tdx.h"
#include "tee/tdx/tdx.h"

/* TDX Module ABI 348551 completion status, GHCI 343961 TDVMCALL status. */
#define TDX_SUCCESS_STATUS      0ull
#define TDX_OPERAND_INVALID_ST  0xC000010000000000ull

static uint8_t sim_tdx_rsp[TDX_QUOTE_BUF_SIZE];

static int status_errno(uint64_t ret)
{
	if (ret == TDX_SUCCESS_STATUS)
		return 0;
	if ((ret & 0xFFFFFFFF00000000ull) == TDX_OPERAND_INVALID_ST ||
	    ret == 0x8000000000000000ull)
		return -EINVAL;
	return -EIO;
}

static int sim_mr_report(void *ctx, uint8_t *report, const uint8_t *reportdata)
{
	size_t len = 0;
	uint64_t ret = 0, aux = 0;
	int rc;

	(void)ctx;
	rc = simbox_call(SIMBOX_OP_TDX_REPORT, reportdata, TDX_REPORTDATA_SIZE, 0, sim_tdx_rsp,
			 TDX_REPORT_SIZE, &len, &ret, &aux);
	if (rc)
		return rc;
	rc = status_errno(ret);
	if (rc)
		return rc;
	if (len != TDX_REPORT_SIZE)
		return -EPROTO;
	memcpy(report, sim_tdx_rsp, TDX_REPORT_SIZE);
	return 0;
}

static int sim_rtmr_extend(void *ctx, const uint8_t *digest, unsigned index)
{
	size_t len = 0;
	uint64_t ret = 0, aux = 0;
	int rc;

	(void)ctx;
	rc = simbox_call(SIMBOX_OP_TDX_RTMR_EXTEND, digest, TDX_MR_SIZE, index, NULL, 0, &len,
			 &ret, &aux);
	return rc ? rc : status_errno(ret);
}

static int sim_get_quote(void *ctx, volatile uint8_t *buf, size_t blen)
{
	size_t len = 0;
	uint64_t ret = 0, aux = 0;
	int rc;

	(void)ctx;
	if (blen > sizeof(sim_tdx_rsp))
		return -EINVAL;
	rc = simbox_call(SIMBOX_OP_TDX_GET_QUOTE, (const void *)buf, blen, 0, sim_tdx_rsp,
			 sizeof(sim_tdx_rsp), &len, &ret, &aux);
	if (rc)
		return rc;
	rc = status_errno(ret);
	if (rc)
		return rc;
	/* The VMM's writes to the shared buffer; the poll and every check are
	 * tee/tdx/tdx.c's, as on hardware. */
	if (len > blen)
		len = blen;
	memcpy((void *)buf, sim_tdx_rsp, len);
	return 0;
}

const struct tdx_doorbell_ops sim_tdx_doorbell = {
	.mr_report = sim_mr_report,
	.rtmr_extend = sim_rtmr_extend,
	.get_quote = sim_get_quote,
};
