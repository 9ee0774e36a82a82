/* The unified evidence (DESIGN.md section 5): a CMW
 * collection with the "futeet" claims set (eat_nonce = the caller's nonce)
 * and the "tsm" record (vendor report + certificate table), plus the "ccel"
 * event log where the platform has runtime registers (TDX). REPORT_DATA =
 * SHA-512 of the encoded claims set, so a program never picks it. Encoding
 * is lib/evidence. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/printk.h"
#include "lib/evidence.h"
#include "tee/core/tee.h"

#define FUTEET_SWNAME    "futeet"
#define FUTEET_SWVERSION "0.1.0"
#define TEE_CLAIMS_MAX   512u

static uint8_t ev_claims[TEE_CLAIMS_MAX];
static uint8_t ev_outblob[TEE_OUTBLOB_MAX];
static uint8_t ev_auxblob[TEE_AUXBLOB_MAX];

int tee_evidence_build(const uint8_t *nonce, size_t nonce_len, uint8_t *out, size_t cap,
		       size_t *len)
{
	const struct tee_ops *ops = tee_active();
	struct evidence_claims c;
	uint8_t rd[EVIDENCE_REPORT_DATA_LEN];
	size_t claims_len = 0, out_len = 0, aux_len = 0, log_len = 0;
	const uint8_t *log = NULL;
	int rc;

	if (nonce == NULL || out == NULL || len == NULL ||
	    nonce_len < EAT_NONCE_MIN || nonce_len > EAT_NONCE_MAX)
		return -EINVAL;
	if (ops == NULL || ops->evidence == NULL) {
		kprintf("futeet: evidence: platform %s has no attestation (EOPNOTSUPP)\n",
			tee_platform_name());
		return -EOPNOTSUPP;
	}
	memset(&c, 0, sizeof(c));
	c.nonce = nonce;
	c.nonce_len = nonce_len;
	c.swname = FUTEET_SWNAME;
	c.swversion = FUTEET_SWVERSION;
	c.tee = ops->tee_kind;
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
	rc = evidence_encode_ccel(ev_claims, claims_len, ops->provider, ev_outblob, out_len,
				  aux_len ? ev_auxblob : NULL, aux_len, log, log_len, out, cap, len);
	if (rc == -ENOSPC)
		kprintf("futeet: evidence: does not fit the caller's %zu bytes\n", cap);
	return rc;
}
