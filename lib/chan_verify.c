/* The channel's verify step on lib/verify's appraisal (see chan_verify.h). */
#if defined(FUTEET_KERNEL)
#error "lib/chan_verify.c belongs with the channel in ring 3 and the host, not the kernel"
#endif

#include "lib/chan_verify.h"

#include <string.h>
#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "futeet/tdx_abi.h"
#include "lib/bytes.h"
#include "lib/strbuf.h"
#include "lib/evidence.h"
#include "lib/hex.h"

static const char *tier_name(uint8_t t)
{
	return t == EAR_TIER_AFFIRMING ? "affirming" : t == EAR_TIER_WARNING ? "warning"
	       : t == EAR_TIER_CONTRAINDICATED ? "contraindicated" : "none";
}

/* "; measurement 0123456789abcdef.., debug off, TCB ..." of the verified
 * report, for the one-line summary a peer prints (the first 8 bytes of the
 * launch measurement: SNP MEASUREMENT, TDX MRTD). */
static void add_claims(struct strbuf *b, const struct appraise_result *r)
{
	char hx[17];
	bool debug;

	if (r->tdx_quote) {
		const struct tdx_body_info *q = &r->tdx.quote.body;

		hex_encode(q->mrtd, 8, hx, false);
		debug = (q->td_attributes & TDX_TD_ATTR_DEBUG) != 0;
		strbuf_add(b, "; MRTD ");
		strbuf_add(b, hx);
		strbuf_add(b, debug ? "..., debug ON" : "..., debug off");
		hex_encode(q->tee_tcb_svn, 8, hx, false);
		strbuf_add(b, ", TEE_TCB_SVN ");
		strbuf_add(b, hx);
	} else if (r->have_report) {
		const struct snp_report_info *ri = &r->snp.report;

		hex_encode(ri->measurement, 8, hx, false);
		debug = (ri->policy & SNP_POLICY_DEBUG) != 0;
		strbuf_add(b, "; measurement ");
		strbuf_add(b, hx);
		strbuf_add(b, debug ? "..., debug ON" : "..., debug off");
		strbuf_add(b, ", TCB ");
		snp_tcb_describe(b, &r->snp.reported_tcb);
	}
}

static int appraise_verify(void *ctx, const uint8_t *ev, size_t ev_len,
			   struct chan_peer_evidence *pe)
{
	struct chan_verifier *v = ctx;
	struct appraise_result *r = &v->result;
	struct appraise_input in = v->in;
	struct strbuf b;
	char why[160];
	int rc;

	strbuf_init(&b, pe->summary, sizeof(pe->summary));
	in.evidence = ev;
	in.evidence_len = ev_len;
	in.nonce = NULL;
	in.nonce_len = 0;
	in.policy = &v->policy;
	why[0] = '\0';
	rc = appraise(&in, r, why, sizeof(why));
	if (rc != 0) {
		strbuf_add(&b, "not evidence: ");
		strbuf_add(&b, why);
		return rc;
	}
	strbuf_add(&b, r->tee ? r->tee : "unknown TEE");
	strbuf_add(&b, " (");
	strbuf_add(&b, r->provider);
	strbuf_add(&b, r->sim ? ", sim root" : "");
	strbuf_add(&b, ") ");
	strbuf_add(&b, tier_name(r->status));
	if (r->status != EAR_TIER_AFFIRMING &&
	    !(v->accept_warning && r->status == EAR_TIER_WARNING)) {
		/* the reasons of the worst tier first: the one that refused */
		size_t k = 0;
		for (size_t i = 1; i < r->n_reasons && i < APPRAISE_MAX_REASONS; i++)
			if (r->reasons[i].tier > r->reasons[k].tier)
				k = i;
		if (r->n_reasons > 0) {
			strbuf_add(&b, ": ");
			strbuf_add(&b, r->reasons[k].text);
		}
		return -EACCES;
	}
	if (r->binding != APPRAISE_BINDING_OK || !r->have_claims) {
		strbuf_add(&b, ": no claims set bound by the vendor report");
		return -EBADMSG;
	}
	if (r->eat_nonce_len > sizeof(pe->eat_nonce))
		return -EBADMSG;
	memcpy(pe->eat_nonce, r->eat_nonce, r->eat_nonce_len);
	pe->eat_nonce_len = r->eat_nonce_len;
	/* cnf: P-256 only (CHANNEL.md 8), as a SEC1 point 0x04 || x || y */
	pe->has_cnf = false;
	if (r->cnf_crv == COSE_CRV_P256 && r->cnf_coord_len == 32) {
		pe->cnf[0] = 0x04;
		memcpy(pe->cnf + 1, r->cnf_x, 32);
		memcpy(pe->cnf + 33, r->cnf_y, 32);
		pe->has_cnf = true;
	}
	strbuf_add(&b, pe->has_cnf ? ", cnf P-256" : ", no P-256 cnf");
	add_claims(&b, r);
	return 0;
}

void chan_verifier_init(struct chan_verifier *v, const struct policy *p)
{
	memset(v, 0, sizeof(*v));
	if (p != NULL)
		v->policy = *p;
	else
		policy_default(&v->policy);
	v->policy.freshness_elsewhere = true;
}

void chan_verifier_ops(struct chan_evidence_ops *ops, struct chan_verifier *v)
{
	ops->verify = appraise_verify;
	ops->ctx = v;
}
