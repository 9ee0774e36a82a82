/* The unified evidence (DESIGN.md section 5): a CMW
 * collection with the "futeet" claims set (eat_nonce = the caller's nonce)
 * and the "tsm" record (vendor report + certificate table), plus the "ccel"
 * event log where the platform has hardware registers (TDX). The claims
 * set also carries the capability descriptor, the normalized claims, the
 * runtime registers 2/3 with the kernel's log of them, and optionally the
 * caller's key (cnf) and own claims (docs/FORMATS.md). REPORT_DATA =
 * SHA-512 of the encoded claims set, so a program never picks it. Encoding
 * is lib/evidence. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/printk.h"
#include "lib/caps.h"
#include "lib/evidence.h"
#include "tee/core/tee.h"

#define FUTEET_SWNAME    "futeet"
#define FUTEET_SWVERSION "0.1.0"
/* The claims set: fixed fields, the descriptor, the normalized claims, the
 * registers, the kernel's event log and the caller's own claims. */
#define TEE_CLAIMS_MAX   (1024u + FUTEET_CAPS_CBOR_MAX + FUTEET_MEASUREMENT_LOG_MAX + \
			  FUTEET_ATTEST_USER_CLAIMS_MAX)
#define TEE_NORMALIZED_MAX 512u

static uint8_t ev_claims[TEE_CLAIMS_MAX];
static uint8_t ev_caps[FUTEET_CAPS_CBOR_MAX];
static uint8_t ev_normalized[TEE_NORMALIZED_MAX];
static uint8_t ev_outblob[TEE_OUTBLOB_MAX];
static uint8_t ev_auxblob[TEE_AUXBLOB_MAX];

int tee_evidence_build(const struct tee_attest_in *in, uint8_t *out, size_t cap, size_t *len)
{
	const struct tee_ops *ops = tee_active();
	struct evidence_claims c;
	struct futeet_caps caps;
	static struct futeet_measurements m;
	uint8_t rd[EVIDENCE_REPORT_DATA_LEN];
	size_t claims_len = 0, out_len = 0, aux_len = 0, log_len = 0, caps_len = 0, norm_len = 0;
	size_t rtm_log_len = 0;
	const uint8_t *log = NULL, *rtm_log = NULL;
	int rc;

	if (in == NULL || in->nonce == NULL || out == NULL || len == NULL ||
	    in->nonce_len < EAT_NONCE_MIN || in->nonce_len > EAT_NONCE_MAX)
		return -EINVAL;
	if (ops == NULL || ops->evidence == NULL) {
		kprintf("futeet: evidence: platform %s has no attestation (EOPNOTSUPP)\n",
			tee_platform_name());
		return -EOPNOTSUPP;
	}
	memset(&c, 0, sizeof(c));
	c.nonce = in->nonce;
	c.nonce_len = in->nonce_len;
	c.swname = FUTEET_SWNAME;
	c.swversion = FUTEET_SWVERSION;
	c.tee = ops->tee_kind;
	c.cnf_crv = in->cnf_crv;
	c.cnf_x = in->cnf_x;
	c.cnf_y = in->cnf_y;
	c.user = in->user;
	c.user_len = in->user_len;
	rc = tee_caps(&caps);
	if (rc == 0)
		rc = caps_encode(&caps, ev_caps, sizeof(ev_caps), &caps_len);
	if (rc)
		return rc;
	c.caps = ev_caps;
	c.caps_len = caps_len;
	if (tee_normalized_claims(ev_normalized, sizeof(ev_normalized), &norm_len) == 0) {
		c.claims = ev_normalized;
		c.claims_len = norm_len;
	}
	rc = tee_rtm_read(&m, &rtm_log, &rtm_log_len);
	if (rc)
		return rc;
	c.rtm_log = rtm_log;
	c.rtm_log_len = rtm_log_len;
	c.rtm_count = m.count;
	for (uint32_t i = 0; i < m.count && i < EVIDENCE_RTM_MAX; i++) {
		c.rtm_index[i] = m.reg[i].index;
		c.rtm_value[i] = m.reg[i].value;
	}
	rc = evidence_claims_encode(&c, ev_claims, sizeof(ev_claims), &claims_len);
	if (rc)
		return rc;
	evidence_report_data(ev_claims, claims_len, rd);
	rc = ops->evidence(rd, ev_outblob, sizeof(ev_outblob), &out_len,
			   ev_auxblob, sizeof(ev_auxblob), &aux_len);
	if (rc)
		return rc;
	if (ops->event_log != NULL && ops->event_log(&log, &log_len) != 0)
		log = NULL, log_len = 0;
	rc = evidence_encode(ev_claims, claims_len, ops->provider, ev_outblob, out_len,
				  aux_len ? ev_auxblob : NULL, aux_len, log, log_len, out, cap, len);
	if (rc == -ENOSPC)
		kprintf("futeet: evidence: does not fit the kernel's %zu bytes\n", cap);
	return rc;
}
