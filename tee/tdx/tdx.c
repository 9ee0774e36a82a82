/* TDX guest requests: TDREPORT, RTMR extend and GetQuote over a doorbell.
 * TDX Module ABI 348551 (TDG.MR.REPORT, TDG.MR.RTMR.EXTEND, TDREPORT_STRUCT);
 * GHCI 343961 (TDG.VP.VMCALL<GetQuote> shared buffer); Intel DCAP quote A.3 /
 * A.4 (the quote, parsed by lib/tdx). The buffer protocol is drawn in
 * tee/tdx/tdx.h. Host-compilable. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/tdx_abi.h"
#include "lib/bytes.h"
#include "lib/tdx/quote.h"
#include "tee/tdx/tdx.h"

#define HDR_STATUS  offsetof(struct tdx_getquote_hdr, status)
#define MISMATCH(f) "the quote's " f " differs from the TDREPORT we sent (altered on the way)"

/* Operand buffers with the alignment TDCALL demands (TDX Module ABI 348551:
 * TDREPORT_STRUCT 1024, REPORTDATA and the RTMR digest 64). */
static uint8_t tdx_report_buf[TDX_REPORT_SIZE] FUTEET_ALIGNED(TDX_REPORT_ALIGN);
static uint8_t tdx_reportdata_buf[TDX_REPORTDATA_SIZE] FUTEET_ALIGNED(TDX_REPORTDATA_ALIGN);
static uint8_t tdx_digest_buf[TDX_MR_SIZE] FUTEET_ALIGNED(TDX_DIGEST_ALIGN);

int tdx_guest_init(struct tdx_guest *g, const struct tdx_doorbell_ops *ops, void *db_ctx,
		   volatile uint8_t *qbuf, size_t qbuf_len, uint64_t timeout_ns,
		   uint64_t (*now_ns)(void), void (*sleep_us)(uint64_t))
{
	if (g == NULL || ops == NULL || qbuf == NULL || now_ns == NULL || sleep_us == NULL)
		return -EINVAL;
	if (((uintptr_t)qbuf & (TDX_QUOTE_BUF_ALIGN - 1)) != 0 || qbuf_len == 0 ||
	    qbuf_len % TDX_QUOTE_BUF_ALIGN != 0 || qbuf_len < TDX_GETQUOTE_HDR + TDX_REPORT_SIZE)
		return -EINVAL;
	memset(g, 0, sizeof(*g));
	g->ops = ops;
	g->db_ctx = db_ctx;
	g->qbuf = qbuf;
	g->qbuf_len = qbuf_len;
	g->timeout_ns = timeout_ns;
	g->now_ns = now_ns;
	g->sleep_us = sleep_us;
	return 0;
}

int tdx_guest_report(struct tdx_guest *g, const uint8_t reportdata[TDX_REPORTDATA_SIZE],
		   uint8_t report[TDX_REPORT_SIZE])
{
	struct tdx_report_info ri;
	int rc;

	if (g == NULL || reportdata == NULL || report == NULL || g->ops->mr_report == NULL)
		return -EINVAL;
	memcpy(tdx_reportdata_buf, reportdata, TDX_REPORTDATA_SIZE);
	memset(tdx_report_buf, 0, sizeof(tdx_report_buf));
	rc = g->ops->mr_report(g->db_ctx, tdx_report_buf, tdx_reportdata_buf);
	if (rc) {
		g->why = "TDG.MR.REPORT failed";
		return rc;
	}
	/* The TDX module wrote it into private memory; still, check what we
	 * hand on: TDX type, both hashes, and our REPORTDATA. */
	rc = tdx_report_parse(tdx_report_buf, TDX_REPORT_SIZE, &ri);
	if (rc || memcmp(ri.reportdata, reportdata, TDX_REPORTDATA_SIZE) != 0) {
		g->why = "the TDREPORT is not a TDX report for our REPORTDATA (type, hashes or REPORTDATA)";
		return -EBADMSG;
	}
	memcpy(report, tdx_report_buf, TDX_REPORT_SIZE);
	return 0;
}

int tdx_guest_extend(struct tdx_guest *g, unsigned index, const uint8_t digest[TDX_MR_SIZE])
{
	int rc;

	if (g == NULL || digest == NULL || index >= TDX_NUM_RTMRS || g->ops->rtmr_extend == NULL)
		return -EINVAL;
	memcpy(tdx_digest_buf, digest, TDX_MR_SIZE);
	rc = g->ops->rtmr_extend(g->db_ctx, tdx_digest_buf, index);
	if (rc)
		g->why = "TDG.MR.RTMR.EXTEND failed";
	return rc;
}

/* The status field, read from shared memory (volatile: the host writes it). */
static uint64_t rd64v(volatile const uint8_t *p)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = p[i];
	return bytes_le64(b);
}

int tdx_quote_matches_report(const uint8_t *quote, size_t len,
			     const uint8_t tdreport[TDX_REPORT_SIZE], const char **why)
{
	/* Both are big: static, the kernel has one CPU and one request in flight. */
	static struct tdx_quote_info qi;
	static struct tdx_report_info ri;
	const struct tdx_body_info *b = &qi.body;
	const char *bad = NULL;

	if (tdx_quote_parse(quote, len, &qi) != 0) {
		*why = "the quote does not parse (Intel DCAP quote v4/v5)";
		return -EBADMSG;
	}
	if (tdx_report_parse(tdreport, TDX_REPORT_SIZE, &ri) != 0) {
		*why = "the TDREPORT we sent does not parse";
		return -EBADMSG;
	}
	/* Every TD field the quote repeats from the TDREPORT. */
	if (memcmp(b->report_data, ri.reportdata, 64) != 0)
		bad = MISMATCH("REPORT_DATA");
	else if (memcmp(b->mrtd, ri.mrtd, 48) != 0)
		bad = MISMATCH("MRTD");
	else if (memcmp(b->rtmr, ri.rtmr, sizeof(b->rtmr)) != 0)
		bad = MISMATCH("RTMR0..3");
	else if (b->td_attributes != ri.td_attributes || b->xfam != ri.xfam)
		bad = MISMATCH("TD_ATTRIBUTES / XFAM");
	else if (memcmp(b->mrconfigid, ri.mrconfigid, 48) != 0 ||
		 memcmp(b->mrowner, ri.mrowner, 48) != 0 ||
		 memcmp(b->mrownerconfig, ri.mrownerconfig, 48) != 0)
		bad = MISMATCH("MRCONFIGID / MROWNER / MROWNERCONFIG");
	else if (memcmp(b->tee_tcb_svn, ri.tee_tcb_svn, 16) != 0 ||
		 memcmp(b->mrseam, ri.mrseam, 48) != 0 ||
		 memcmp(b->mrsignerseam, ri.mrsignerseam, 48) != 0 ||
		 b->seam_attributes != ri.seam_attributes)
		bad = MISMATCH("TEE_TCB_SVN / MRSEAM / MRSIGNERSEAM / SEAM attributes");
	if (bad) {
		*why = bad;
		return -EBADMSG;
	}
	return 0;
}

static const char *status_text(uint64_t st)
{
	if (st == TDX_GETQUOTE_STATUS_QGS_UNAVAILABLE)
		return "GetQuote status 0x8000000000000001: quote generation service unavailable";
	if (st == TDX_GETQUOTE_STATUS_ERROR)
		return "GetQuote status 0x8000000000000000: error";
	return "GetQuote status: unknown error";
}

int tdx_guest_get_quote(struct tdx_guest *g, const uint8_t tdreport[TDX_REPORT_SIZE],
		  uint8_t *quote, size_t cap, size_t *quote_len)
{
	struct tdx_getquote_hdr h;
	uint64_t start;
	const char *why = NULL;
	int rc;

	if (g == NULL || tdreport == NULL || quote == NULL || quote_len == NULL)
		return -EINVAL;
	*quote_len = 0;
	g->why = NULL;
	/* One request in flight: after a timeout the host may still write. */
	if (g->in_flight) {
		if (rd64v(g->qbuf + HDR_STATUS) == TDX_GETQUOTE_STATUS_IN_FLIGHT) {
			g->why = "a previous GetQuote is still in flight";
			return -EBUSY;
		}
		g->in_flight = false;
	}
	memset(&h, 0, sizeof(h));
	h.version = TDX_GETQUOTE_VERSION;
	h.status = TDX_GETQUOTE_STATUS_SUCCESS; /* GHCI: 0 on entry */
	h.in_len = TDX_REPORT_SIZE;
	h.out_len = 0;
	memcpy((uint8_t *)g->qbuf, &h, sizeof(h));
	memcpy((uint8_t *)g->qbuf + TDX_GETQUOTE_HDR, tdreport, TDX_REPORT_SIZE);
	rc = g->ops->get_quote(g->db_ctx, g->qbuf, g->qbuf_len);
	if (rc) {
		g->why = "the host refused TDG.VP.VMCALL<GetQuote>";
		return rc;
	}
	g->in_flight = true;
	start = g->now_ns();
	while (rd64v(g->qbuf + HDR_STATUS) == TDX_GETQUOTE_STATUS_IN_FLIGHT) {
		if (g->now_ns() - start > g->timeout_ns) {
			g->why = "GetQuote timed out: status still IN_FLIGHT";
			return -ETIMEDOUT;
		}
		g->sleep_us(TDX_QUOTE_POLL_US);
	}
	g->in_flight = false;
	/* Copy out once, then check: the header, then exactly out_len bytes. */
	memcpy(&h, (const uint8_t *)g->qbuf, sizeof(h));
	g->last_status = h.status;
	if (h.status != TDX_GETQUOTE_STATUS_SUCCESS) {
		g->why = status_text(h.status);
		return -EIO;
	}
	if (h.version != TDX_GETQUOTE_VERSION || h.in_len != TDX_REPORT_SIZE) {
		g->why = "the host changed the GetQuote header (version or in_len)";
		return -EPROTO;
	}
	if (h.out_len > g->qbuf_len - TDX_GETQUOTE_HDR) {
		g->why = "GetQuote out_len beyond the shared buffer";
		return -EPROTO;
	}
	if (h.out_len > cap) {
		g->why = "the quote is larger than the caller's buffer";
		return -ENOSPC;
	}
	memcpy(quote, (const uint8_t *)g->qbuf + TDX_GETQUOTE_HDR, h.out_len);
	rc = tdx_quote_matches_report(quote, h.out_len, tdreport, &why);
	if (rc) {
		g->why = why;
		memset(quote, 0, h.out_len); /* no tampered quote goes further */
		return rc;
	}
	*quote_len = h.out_len;
	return 0;
}
