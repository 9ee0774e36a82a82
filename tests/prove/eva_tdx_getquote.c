/* Frama-C EVA entry point for the TDX guest driver's handling of what the
 * host and the TDX module hand back (tee/tdx/tdx.c): tdx_guest_get_quote
 * with a fake doorbell after which the shared GetQuote buffer (QBUF_LEN
 * bytes, one 4 KiB page) holds unknown bytes, polled under an unknown
 * clock, into a caller buffer of unknown capacity 0..QBUF_LEN; the quote it
 * copies out goes through tdx_quote_matches_report (tdx_quote_parse and
 * tdx_report_parse of lib/tdx/quote.c, analysed with them: every out_len the
 * header can claim, 0..2^32-1); a second request while the first is in
 * flight; tdx_guest_report with a TDREPORT of unknown bytes. BearSSL's
 * SHA-384 (quote.c hashes TEE_TCB_INFO and TDINFO) is stubbed with the
 * contract the parser relies on (sha384_stub.acsl.h). Run by scripts/prove;
 * not compiled by make. */
#include "__fc_builtin.h"
#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/tdx_abi.h"
#include "tee/tdx/tdx.h"
#include <bearssl.h>
#include "tests/prove/sha384_stub.acsl.h"

#define QBUF_LEN 4096u

static uint8_t qbuf[QBUF_LEN] FUTEET_ALIGNED(4096);
static uint8_t quote[QBUF_LEN];
static uint8_t tdreport[TDX_REPORT_SIZE];
static uint8_t reportdata[TDX_REPORTDATA_SIZE];

/* The host: accepts or refuses the request, and writes anything into the
 * shared page (it may keep writing while we poll: the status is read
 * through a volatile pointer, every read unknown to the analysis). */
static int fake_get_quote(void *ctx, volatile uint8_t *buf, size_t len)
{
	(void)ctx;
	Frama_C_make_unknown((char *)buf, len);
	return Frama_C_interval(-1, 0) ? -EIO : 0;
}

/* The TDX module's TDG.MR.REPORT: any bytes (the driver checks them). */
static int fake_mr_report(void *ctx, uint8_t *report, const uint8_t *rd)
{
	(void)ctx;
	(void)rd;
	Frama_C_make_unknown((char *)report, TDX_REPORT_SIZE);
	return Frama_C_interval(-1, 0) ? -EIO : 0;
}

static uint64_t fake_now(void)
{
	return Frama_C_unsigned_long_interval(0, ~0ul);
}

static void fake_sleep(uint64_t us)
{
	(void)us;
}

static const struct tdx_doorbell_ops ops = {
	.mr_report = fake_mr_report,
	.rtmr_extend = NULL,
	.get_quote = fake_get_quote,
};

int main(void)
{
	struct tdx_guest g;
	size_t cap = Frama_C_size_t_interval(0, sizeof(quote));
	size_t qlen;

	Frama_C_make_unknown((char *)tdreport, sizeof(tdreport));
	Frama_C_make_unknown((char *)reportdata, sizeof(reportdata));
	if (tdx_guest_init(&g, &ops, NULL, qbuf, sizeof(qbuf), TDX_QUOTE_TIMEOUT_SIM_NS,
			   fake_now, fake_sleep) != 0)
		return 1;
	(void)tdx_guest_report(&g, reportdata, tdreport);
	if (tdx_guest_get_quote(&g, tdreport, quote, cap, &qlen) == 0) {
		/*@ assert quote_inside_page: qlen <= QBUF_LEN - TDX_GETQUOTE_HDR; */
	}
	/* again: the first may have timed out with the host still writing */
	(void)tdx_guest_get_quote(&g, tdreport, quote, cap, &qlen);
	return 0;
}
