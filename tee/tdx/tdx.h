/* The TDX guest driver's vendor logic (DESIGN.md section 3), the same on
 * hardware and on the sim; only the doorbell differs:
 *
 *   operation        hardware (tee/tdx/hw_doorbell.c)   sim (tee/sim/sim_tdx.c)
 *   TDREPORT         TDCALL TDG.MR.REPORT               mailbox op TDX_REPORT
 *   RTMR extend      TDCALL TDG.MR.RTMR.EXTEND          mailbox op TDX_RTMR_EXTEND
 *   GetQuote submit  TDG.VP.VMCALL<GetQuote>            mailbox op TDX_GET_QUOTE
 *
 * GetQuote (GHCI 343961, TDG.VP.VMCALL<GetQuote>) on one shared buffer:
 *
 *   0x00 u64 version = 1      guest writes version, status 0, in_len 1024,
 *   0x08 u64 status           out_len 0 and the TDREPORT, submits, then polls
 *   0x10 u32 in_len           status until it leaves IN_FLIGHT (bounded);
 *   0x14 u32 out_len          then copies the header once, bounds out_len by
 *   0x18 TDREPORT in /        the buffer (Linux leaked memory here), copies
 *        quote out            the quote once and checks it against the
 *                             TDREPORT it sent before anyone sees it.
 *
 * One request in flight: after a timeout the buffer stays the host's until
 * its status leaves IN_FLIGHT (-EBUSY meanwhile). Host-compilable: the unit
 * tests and fuzzers drive it with a fake doorbell and a fake clock. */
#ifndef FUTEET_TEE_TDX_TDX_H
#define FUTEET_TEE_TDX_TDX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/tdx_abi.h"

/* The GetQuote buffer: Linux 6.x moves from 8 KiB to 128 KiB for DICE-based
 * quotes (PEERS.md c.1); so do we. */
#define TDX_QUOTE_BUF_SIZE   (128u * 1024u)
#define TDX_QUOTE_BUF_ALIGN  4096u /* GHCI 343961 GetQuote: R12 4 KiB-aligned */
#define TDX_GETQUOTE_HDR     sizeof(struct tdx_getquote_hdr)
#define TDX_QUOTE_MAX        (TDX_QUOTE_BUF_SIZE - TDX_GETQUOTE_HDR)
/* How long the guest polls: Linux waits 30 s for a hardware QGS; the sim
 * answers within the mailbox call. Poll interval as Linux's newer 5 ms. */
#define TDX_QUOTE_TIMEOUT_HW_NS  30000000000ull
#define TDX_QUOTE_TIMEOUT_SIM_NS 3000000000ull
#define TDX_QUOTE_POLL_US        5000u
/* TDG.MR.REPORT operand alignment (TDX Module ABI 348551): REPORTDATA 64. */
#define TDX_REPORTDATA_ALIGN 64u
#define TDX_DIGEST_ALIGN     64u /* TDG.MR.RTMR.EXTEND: the digest's GPA */

struct tdx_doorbell_ops {
	/* TDG.MR.REPORT: report (TDX_REPORT_ALIGN-aligned, 1024 bytes) for
	 * reportdata (64-aligned). 0 or a negative errno. */
	int (*mr_report)(void *ctx, uint8_t *report, const uint8_t *reportdata);
	/* TDG.MR.RTMR.EXTEND of RTMR[index] with a 48-byte digest (64-aligned). */
	int (*rtmr_extend)(void *ctx, const uint8_t *digest, unsigned index);
	/* Submit GetQuote on the shared buffer (len bytes, 4 KiB-aligned): 0
	 * once the host accepted it; the caller polls the status field. */
	int (*get_quote)(void *ctx, volatile uint8_t *buf, size_t len);
};

struct tdx_guest {
	const struct tdx_doorbell_ops *ops;
	void *db_ctx;
	volatile uint8_t *qbuf;      /* the shared GetQuote buffer */
	size_t qbuf_len;
	bool in_flight;              /* a GetQuote the host has not finished */
	uint64_t timeout_ns;
	uint64_t (*now_ns)(void);
	void (*sleep_us)(uint64_t us);
	const char *why;             /* the last failure, for the kernel message */
	uint64_t last_status;        /* GetQuote status of the last answer */
};

int tdx_guest_init(struct tdx_guest *g, const struct tdx_doorbell_ops *ops, void *db_ctx,
		   volatile uint8_t *qbuf, size_t qbuf_len, uint64_t timeout_ns,
		   uint64_t (*now_ns)(void), void (*sleep_us)(uint64_t));

/* GetQuote for a TDREPORT the guest obtained itself (already checked): the
 * quote goes to quote (cap bytes), *quote_len = out_len (trailing bytes
 * after the signature data included: real quotes carry some). Errors (g->why says which):
 *   -EBUSY      a previous request is still IN_FLIGHT in the buffer
 *   -ETIMEDOUT  the status stayed IN_FLIGHT past the timeout
 *   -EIO        the host reported an error status (QGS unavailable, ...)
 *   -EPROTO     out_len beyond the buffer, or a header the host changed
 *   -ENOSPC     the quote does not fit cap
 *   -EBADMSG    the quote does not parse, or does not match the TDREPORT
 *               (REPORT_DATA, MRTD, RTMRs, attributes, ...): refused
 *   other       the doorbell's error (the host refused the call) */
int tdx_guest_get_quote(struct tdx_guest *g, const uint8_t tdreport[TDX_REPORT_SIZE],
		  uint8_t *quote, size_t cap, size_t *quote_len);

/* Check a quote against the TDREPORT it was made from: every TD field the
 * quote body repeats. 0 or -EBADMSG with *why naming the field. */
int tdx_quote_matches_report(const uint8_t *quote, size_t len,
			     const uint8_t tdreport[TDX_REPORT_SIZE], const char **why);

/* TDREPORT through the doorbell into report (TDX_REPORT_SIZE bytes, any
 * alignment: the driver bounces through its aligned buffers), checked:
 * TDX type, both hashes, REPORTDATA as asked. */
int tdx_guest_report(struct tdx_guest *g, const uint8_t reportdata[TDX_REPORTDATA_SIZE],
		   uint8_t report[TDX_REPORT_SIZE]);

/* RTMR extend through the doorbell (index 0..3 as the module allows; the
 * kernel's policy on who may extend which is the caller's). */
int tdx_guest_extend(struct tdx_guest *g, unsigned index, const uint8_t digest[TDX_MR_SIZE]);

#endif
