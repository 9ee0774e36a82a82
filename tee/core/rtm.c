/* Runtime measurement registers 2 (kernel) and 3 (userland), one set of
 * semantics on every platform (DESIGN.md section 2; docs/API.md
 * futeet_extend, futeet_measurements):
 *
 *   TDX: RTMR2/3 in the TDX module (the backend's extend, which also
 *        appends to the CCEL it hands out as the "ccel" record);
 *   SNP: no hardware register: two SHA-384 software registers kept here,
 *        extended with the same rule as an RTMR (TDX Module ABI 348551,
 *        TDG.MR.RTMR.EXTEND: reg = SHA-384(reg || digest)), starting at 48
 *        zero bytes. Their values go into the claims set, so REPORT_DATA
 *        binds them.
 *
 * Either way the kernel keeps its own log of every extend into registers
 * 2 and 3, TCG PFP 1.05 crypto-agile (lib/cclog.h; MR index = register + 1
 * as in the TDVF Design Guide 10.2), and the registers as it computed them:
 *
 *   log:  TCG_PCR_EVENT (Spec ID Event03, SHA-384)
 *         TCG_PCR_EVENT2 { mr 3, EV_IPL, sha384, command line }     (kernel)
 *         TCG_PCR_EVENT2 { mr 3, EV_IPL, sha384, "futeet init=..." } (kernel)
 *         TCG_PCR_EVENT2 { mr 4, type, sha384, caller's data } ...   (userland)
 *
 * Replaying this log from zero gives the registers (cclog_replay); on TDX
 * they equal the quote's RTMR2/3 as long as nothing else extends those. A
 * register is extended only when its event fits in the log (validate, then
 * act). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/printk.h"
#include "lib/cclog.h"
#include "tee/core/tee.h"

#define RTM_FIRST TEE_RTMR_KERNEL
#define RTM_COUNT 2u
/* One TCG_PCR_EVENT2 with one SHA-384 digest: pcrIndex, eventType, count,
 * {hashAlg, digest}, eventSize, then the data (TCG PFP 1.05 10.2.2). */
#define RTM_EVENT_OVERHEAD (4u + 4u + 4u + 2u + CCLOG_SHA384_SIZE + 4u)

static uint8_t rtm_log[FUTEET_MEASUREMENT_LOG_MAX];
static size_t rtm_log_len;
static uint8_t rtm_reg[RTM_COUNT][CCLOG_SHA384_SIZE];

uint32_t tee_rtm_source(void)
{
	const struct tee_ops *ops = tee_active();

	if (ops == NULL)
		return FUTEET_RTM_NONE;
	return ops->extend != NULL ? FUTEET_RTM_HW : FUTEET_RTM_KERNEL_SW;
}

int tee_rtm_extend(unsigned index, const uint8_t digest[CCLOG_SHA384_SIZE], uint32_t type,
		   const void *event, size_t event_len)
{
	const struct tee_ops *ops = tee_active();
	size_t at;
	int rc;

	if (digest == NULL || index < RTM_FIRST || index >= RTM_FIRST + RTM_COUNT ||
	    (event == NULL && event_len) || event_len > FUTEET_MEASUREMENT_LOG_MAX)
		return -EINVAL;
	if (ops == NULL)
		return -EOPNOTSUPP;
	if (rtm_log_len == 0 && cclog_write_header(rtm_log, sizeof(rtm_log), &rtm_log_len) != 0)
		return -ENOSPC;
	if (RTM_EVENT_OVERHEAD + event_len > sizeof(rtm_log) - rtm_log_len) {
		kprintf("futeet: measure: event log full: register %u not extended\n", index);
		return -ENOSPC;
	}
	if (ops->extend != NULL) {
		rc = ops->extend(index, digest, CCLOG_SHA384_SIZE, type, event, event_len);
		if (rc)
			return rc;
	}
	at = rtm_log_len;
	rc = cclog_append(rtm_log, sizeof(rtm_log), &at, CCLOG_MR_RTMR(index), type, digest,
			  event, (uint32_t)event_len);
	if (rc)
		panic("measure: register %u extended but not logged (%d)", index, rc); /* checked above */
	rtm_log_len = at;
	cclog_extend(rtm_reg[index - RTM_FIRST], digest);
	if (ops->extend == NULL)
		kprintf("futeet: measure: software register %u extended (event type 0x%x, %zu bytes of event data, logged)\n",
			index, type, event_len);
	return 0;
}

int tee_rtm_read(struct futeet_measurements *m, const uint8_t **log, size_t *log_len)
{
	const struct tee_ops *ops = tee_active();

	if (ops == NULL)
		return -EOPNOTSUPP;
	if (rtm_log_len == 0 && cclog_write_header(rtm_log, sizeof(rtm_log), &rtm_log_len) != 0)
		return -ENOSPC;
	memset(m, 0, sizeof(*m));
	m->source = tee_rtm_source();
	m->count = RTM_COUNT;
	for (unsigned i = 0; i < RTM_COUNT; i++) {
		m->reg[i].index = RTM_FIRST + i;
		m->reg[i].alg = FUTEET_HASH_SHA384;
		memcpy(m->reg[i].value, rtm_reg[i], CCLOG_SHA384_SIZE);
	}
	*log = rtm_log;
	*log_len = rtm_log_len;
	return 0;
}
