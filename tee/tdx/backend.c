/* The TDX backend of struct tee_ops (DESIGN.md section 3): the same code on
 * hardware and on the sim, only the doorbell differs. Kernel-only (it prints
 * and allocates); the protocol is in tee/tdx/tdx.c.
 *
 * Evidence: a fresh TDREPORT for REPORT_DATA, then GetQuote on it; the quote
 * is the outblob (configfs-tsm provider "tdx_guest" / "sim_tdx_guest"), the
 * event log the "ccel" record. The event log starts as the firmware's CCEL
 * (checked: it must parse and replay to the TDREPORT's RTMR0/1) and every
 * extend the kernel makes is appended before the extend is reported done. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/tdx_abi.h"
#include "futeet/time.h"
#include "lib/cclog.h"
#include "lib/hex.h"
#include "lib/tdx/quote.h"
#include "tee/core/tee.h"
#include "tee/tdx/tdx.h"

/* The kernel's event log: the firmware's part plus the kernel's extends. */
#define TDX_EVENT_LOG_MAX (48u * 1024u)

static struct tdx_guest tdx_g;
static bool tdx_quote_ok;         /* the shared GetQuote buffer is set up */
static uint8_t tdx_log[TDX_EVENT_LOG_MAX];
static size_t tdx_log_len;
static uint8_t tdx_report[TDX_REPORT_SIZE];
static const uint8_t zero_rd[TDX_REPORTDATA_SIZE];

static void tdx_sleep(uint64_t us)
{
	time_udelay(us);
}

static int tdx_fail(const char *what, int rc)
{
	kprintf("futeet: tdx: %s failed: %s (%s)\n", what,
		tdx_g.why ? tdx_g.why : "invalid request", futeet_strerror(rc));
	return rc;
}

static int tdx_tee_report(const uint8_t rd[TEE_REPORT_DATA_LEN], uint8_t *out, size_t cap,
			  size_t *len)
{
	int rc;

	if (cap < TDX_REPORT_SIZE)
		return -ENOSPC;
	rc = tdx_guest_report(&tdx_g, rd, out);
	if (rc)
		return tdx_fail("TDREPORT", rc);
	*len = TDX_REPORT_SIZE;
	return 0;
}

static int tdx_tee_evidence(const uint8_t rd[TEE_REPORT_DATA_LEN], uint8_t *out, size_t cap,
			    size_t *len, uint8_t *aux, size_t aux_cap, size_t *aux_len)
{
	int rc;

	(void)aux;
	(void)aux_cap;
	*aux_len = 0; /* configfs-tsm: no auxblob for TDX */
	if (!tdx_quote_ok) {
		kprintf("futeet: tdx: no GetQuote buffer shared with the host: quotes unavailable\n");
		return -EOPNOTSUPP;
	}
	rc = tdx_guest_report(&tdx_g, rd, tdx_report);
	if (rc)
		return tdx_fail("TDREPORT", rc);
	rc = tdx_guest_get_quote(&tdx_g, tdx_report, out, cap, len);
	if (rc)
		return tdx_fail("GetQuote", rc);
	return 0;
}

static int tdx_tee_extend(unsigned index, const uint8_t *digest, size_t len, uint32_t type,
			  const void *event, size_t event_len)
{
	size_t need = 12 + 2 + CCLOG_SHA384_SIZE + 4 + event_len, at = tdx_log_len;
	char hex[2 * 8 + 1];
	int rc;

	if (digest == NULL || len != TDX_MR_SIZE || index >= TDX_NUM_RTMRS ||
	    (event == NULL && event_len) || event_len > TDX_EVENT_LOG_MAX)
		return -EINVAL;
	/* Validate, then act: never extend what cannot be logged. */
	if (need > TDX_EVENT_LOG_MAX - tdx_log_len) {
		kprintf("futeet: tdx: event log full: RTMR%u not extended\n", index);
		return -ENOSPC;
	}
	rc = tdx_guest_extend(&tdx_g, index, digest);
	if (rc)
		return tdx_fail("RTMR extend", rc);
	rc = cclog_append(tdx_log, sizeof(tdx_log), &at, CCLOG_MR_RTMR(index), type, digest,
			  event, (uint32_t)event_len);
	if (rc)
		panic("tdx: RTMR%u extended but not logged (%d)", index, rc); /* checked above */
	tdx_log_len = at;
	hex_encode(digest, 8, hex, false);
	kprintf("futeet: tdx: RTMR%u extended with %s... (event type 0x%x, %zu bytes of event data, logged)\n",
		index, hex, type, event_len);
	return 0;
}

static int tdx_tee_event_log(const uint8_t **log, size_t *len)
{
	*log = tdx_log;
	*len = tdx_log_len;
	return 0;
}

/* Debug, migration, TCB, MRTD and MRCONFIGID from a TDREPORT with zero
 * REPORTDATA (TDX Module ABI 348551, TDREPORT_STRUCT; TD_ATTRIBUTES bit 0
 * DEBUG, bit 29 MIGRATABLE). */
static int tdx_tee_runtime(struct tee_runtime *rt)
{
	static struct tdx_report_info ri;
	int rc;

	rc = tdx_guest_report(&tdx_g, zero_rd, tdx_report);
	if (rc)
		return tdx_fail("TDREPORT", rc);
	rc = tdx_report_parse(tdx_report, sizeof(tdx_report), &ri);
	if (rc)
		return rc;
	rt->debug = (ri.td_attributes & TDX_TD_ATTR_DEBUG) != 0;
	rt->migratable = (ri.td_attributes & TDX_TD_ATTR_MIGRATABLE) != 0;
	rt->has_vmpl = false;
	memcpy(rt->tcb, ri.tee_tcb_svn, sizeof(ri.tee_tcb_svn));
	rt->tcb_len = sizeof(ri.tee_tcb_svn);
	memcpy(rt->launch_measurement, ri.mrtd, sizeof(ri.mrtd));
	memcpy(rt->init_data, ri.mrconfigid, sizeof(ri.mrconfigid));
	rt->init_data_len = sizeof(ri.mrconfigid);
	return 0;
}

static struct tee_ops tdx_ops = {
	.tee_kind = "tdx",
	.runtime = tdx_tee_runtime,
	.report = tdx_tee_report,
	.evidence = tdx_tee_evidence,
	.extend = tdx_tee_extend,
	.event_log = tdx_tee_event_log,
};

/* Start the log from the firmware's CCEL when it parses and replays to the
 * RTMR0/RTMR1 the TDX module reports; else from an empty log, saying why (a
 * verifier then cannot replay RTMR0/1 and will say so). */
static void log_start(const uint8_t *fw, size_t fw_len)
{
	uint8_t rtmr[CCLOG_RTMRS][CCLOG_SHA384_SIZE];
	struct tdx_report_info ri;
	size_t used = 0;
	uint32_t events = 0;
	const char *why = NULL;

	tdx_log_len = 0;
	if (fw == NULL || fw_len == 0)
		why = "no firmware event log";
	else if (cclog_replay(fw, fw_len, rtmr, &used, &events) != 0)
		why = "the firmware event log does not parse";
	else if (used > sizeof(tdx_log) / 2)
		why = "the firmware event log is too large";
	else if (tdx_guest_report(&tdx_g, zero_rd, tdx_report) != 0 ||
		 tdx_report_parse(tdx_report, sizeof(tdx_report), &ri) != 0)
		why = "no TDREPORT to check it against";
	else if (memcmp(rtmr[0], ri.rtmr[0], 48) != 0 || memcmp(rtmr[1], ri.rtmr[1], 48) != 0 ||
		 memcmp(rtmr[2], ri.rtmr[2], 48) != 0 || memcmp(rtmr[3], ri.rtmr[3], 48) != 0)
		why = "the firmware event log does not replay to the TDREPORT's RTMRs";
	if (why == NULL) {
		memcpy(tdx_log, fw, used);
		tdx_log_len = used;
		kprintf("futeet: tdx: firmware event log: %u events, %zu bytes, replays to RTMR0..3\n",
			events, used);
		return;
	}
	kprintf("futeet: tdx: %s: the event log starts empty\n", why);
	if (cclog_write_header(tdx_log, sizeof(tdx_log), &tdx_log_len) != 0)
		tdx_log_len = 0;
}

int tdx_backend_init(const struct tdx_doorbell_ops *ops, void *db_ctx, bool sim,
		     const uint8_t *fw_log, size_t fw_len, const struct tee_ops **out)
{
	uint64_t qphys = 0;
	int rc;

	if (ops == NULL || out == NULL)
		return -EINVAL;
	/* The GetQuote buffer: whole pages, shared with the host (on the sim
	 * the doorbell copies it through the mailbox instead). */
	rc = pmm_alloc_pages(TDX_QUOTE_BUF_SIZE / PAGE_SIZE, &qphys);
	if (rc == 0 && !sim)
		rc = vm_set_shared((void *)(uintptr_t)qphys, TDX_QUOTE_BUF_SIZE, true);
	tdx_quote_ok = rc == 0;
	if (rc)
		kprintf("futeet: tdx: GetQuote buffer unavailable (%s): TDREPORT and RTMRs only\n",
			futeet_strerror(rc));
	rc = tdx_guest_init(&tdx_g, ops, db_ctx,
			    (volatile uint8_t *)(uintptr_t)(tdx_quote_ok ? qphys : 0),
			    TDX_QUOTE_BUF_SIZE, sim ? TDX_QUOTE_TIMEOUT_SIM_NS : TDX_QUOTE_TIMEOUT_HW_NS,
			    time_ns, tdx_sleep);
	if (rc && tdx_quote_ok)
		return rc;
	if (rc) {
		/* No buffer: still a guest for reports and extends. */
		static uint8_t dummy[TDX_QUOTE_BUF_ALIGN] FUTEET_ALIGNED(TDX_QUOTE_BUF_ALIGN);
		rc = tdx_guest_init(&tdx_g, ops, db_ctx, dummy, sizeof(dummy), 0, time_ns, tdx_sleep);
		if (rc)
			return rc;
	}
	log_start(fw_log, fw_len);
	tdx_ops.name = sim ? "sim-tdx" : "tdx";
	tdx_ops.provider = sim ? "sim_tdx_guest" : "tdx_guest";
	tdx_ops.platform = sim ? FUTEET_PLATFORM_SIM_TDX : FUTEET_PLATFORM_TDX;
	*out = &tdx_ops;
	return 0;
}
