/* The TDX vendor step of the unified verifier (appraise.h): the quote
 * (lib/tdx/verify), the Intel collateral when given (lib/tdx/collateral),
 * then the policy: MRTD against reference_measurements, TD_ATTRIBUTES.DEBUG
 * (TDX Module ABI 348551, ATTRIBUTES bit 0), the TCB status. Without
 * collateral the TCB status is "not evaluated", never assumed. */
#include <string.h>

#include "futeet/errno.h"
#include "lib/bytes.h"
#include "lib/cclog.h"
#include "lib/verify/appraise.h"

int appraise_tdx(const struct appraise_input *in, const struct policy *p,
		 const uint8_t *quote, size_t quote_len, struct appraise_result *r)
{
	struct tdx_verify_input vi;
	struct appraise_vendor_setup su;
	char why[APPRAISE_REASON_LEN];
	int rc;

	appraise_vendor_setup(in, p, &su);
	memset(&vi, 0, sizeof(vi));
	vi.quote = quote;
	vi.quote_len = quote_len;
	vi.time_known = su.time_known;
	vi.now = su.now;
	vi.extra_roots = su.extra_roots;
	vi.extra_root_lens = su.extra_root_lens;
	vi.n_extra_roots = su.n_extra_roots;
	vi.allow_sim = su.offer_sim;
	r->tee = "tdx";

	why[0] = 0;
	rc = tdx_verify(&vi, &r->tdx, why, sizeof(why));
	if (r->tdx.fail == TDX_FAIL_QUOTE_PARSE || r->tdx.fail == TDX_FAIL_ARG) {
		if (rc == -EOPNOTSUPP) {
			/* a quote, but not TDX's (an SGX quote): refused as such */
			appraise_vec_set(r, AR4SI_HARDWARE, AR4SI_HW_UNRECOGNIZED);
			appraise_reason(r, EAR_TIER_CONTRAINDICATED, "TDX verification failed: ", why);
			return 0;
		}
		return rc ? rc : -EBADMSG;
	}
	r->tdx_quote = true;
	r->sim = r->tdx.chain_from_extra_root;
	if (rc) {
		appraise_vec_set(r, AR4SI_HARDWARE,
				 r->tdx.fail == TDX_FAIL_UNTRUSTED_ROOT ? AR4SI_HW_UNRECOGNIZED
									: AR4SI_CRYPTO_FAILED);
		appraise_reason(r, EAR_TIER_CONTRAINDICATED, "TDX verification failed: ", why);
		return 0;
	}
	appraise_vendor_accept(r, &su, r->tdx.time_checked);
	if (!r->vendor_verified)
		return 0;

	/* Collateral: the TCB status, or a reason why there is none. */
	if (!in->tdx_collateral) {
		appraise_reason(r, EAR_TIER_WARNING,
				"TCB status not evaluated: no Intel collateral (give --collateral)", NULL);
		return 0;
	}
	why[0] = 0;
	rc = tdx_collateral_eval(in->tdx_collateral, &vi, &r->tdx, &r->tcb, why, sizeof(why));
	if (rc == 0 || r->tcb.fail == TDX_COLL_REVOKED) {
		r->tcb_evaluated = true;
	} else {
		appraise_vec_set(r, AR4SI_HARDWARE, r->tcb.fail == TDX_COLL_NO_TCB_LEVEL
						     ? AR4SI_HW_UNRECOGNIZED : AR4SI_CRYPTO_FAILED);
		appraise_reason(r, EAR_TIER_CONTRAINDICATED, "TDX collateral: ", why);
	}
	return 0;
}

void appraise_tdx_replay(struct appraise_result *r, const uint8_t *log, size_t len)
{
	uint8_t rtmr[CCLOG_RTMRS][CCLOG_SHA384_SIZE];
	size_t used;
	bool same = true;

	r->rtmr_replay = -1;
	if (!log || !len) {
		appraise_reason(r, EAR_TIER_NONE,
				"RTMRs reported as quoted: no event log was replayed against them", NULL);
		return;
	}
	r->rtmr_replay = 0;
	if (cclog_replay(log, len, rtmr, &used, &r->ccel_events)) {
		appraise_vec_set(r, AR4SI_EXECUTABLES, AR4SI_CONTRAINDICATED);
		appraise_reason(r, EAR_TIER_CONTRAINDICATED, "the CC event log is malformed", NULL);
		return;
	}
	for (unsigned i = 0; i < CCLOG_RTMRS; i++)
		same = same && bytes_ct_eq(rtmr[i], r->tdx.quote.body.rtmr[i], CCLOG_SHA384_SIZE);
	if (!same) {
		appraise_vec_set(r, AR4SI_EXECUTABLES, AR4SI_CONTRAINDICATED);
		appraise_reason(r, EAR_TIER_CONTRAINDICATED,
				"the CC event log does not replay to the quote's RTMR0..3", NULL);
		return;
	}
	r->rtmr_replay = 1;
	appraise_reason(r, EAR_TIER_NONE, "the CC event log replays to the quote's RTMR0..3", NULL);
}

void appraise_tdx_policy_step(const struct policy *p, struct appraise_result *r)
{
	const struct tdx_body_info *b = &r->tdx.quote.body;
	bool debug = (b->td_attributes & TDX_TD_ATTR_DEBUG) != 0;

	/* capabilities from verified evidence */
	appraise_cap_add(r, "tdx", true, APPRAISE_SRC_VERIFIER);
	appraise_cap_add(r, "hardware-root", !r->sim, APPRAISE_SRC_VERIFIER);
	appraise_cap_add(r, "sim", r->sim, APPRAISE_SRC_VERIFIER);
	appraise_cap_add(r, "confidential-memory", !debug && !r->sim, APPRAISE_SRC_HW);
	appraise_cap_add(r, "debug", debug, APPRAISE_SRC_HW);
	appraise_cap_add(r, "sept-ve-disable", (b->td_attributes & TDX_TD_ATTR_SEPT_VE_DISABLE) != 0,
			 APPRAISE_SRC_HW);
	appraise_cap_add(r, "remote-attestation", true, APPRAISE_SRC_VERIFIER);
	appraise_cap_add(r, "sealing", false, APPRAISE_SRC_VERIFIER); /* no TDX 1.x sealing key */
	appraise_cap_add(r, "runtime-measurement-registers", true, APPRAISE_SRC_VERIFIER);
	appraise_cap_add(r, "tcb-status-evaluated", r->tcb_evaluated, APPRAISE_SRC_VERIFIER);
	appraise_cap_add(r, "fresh", r->nonce_checked && r->nonce_ok, APPRAISE_SRC_VERIFIER);

	/* executables: MRTD against the reference values */
	r->measurement_ok = -1;
	if (p->measurements_set) {
		r->measurement_ok = 0;
		for (size_t i = 0; i < p->n_measurements; i++)
			if (!memcmp(p->measurements[i], b->mrtd, POLICY_MEASUREMENT_LEN))
				r->measurement_ok = 1;
		if (r->measurement_ok) {
			appraise_vec_set(r, AR4SI_EXECUTABLES, AR4SI_AFFIRMING);
		} else {
			appraise_vec_set(r, AR4SI_EXECUTABLES, AR4SI_CONTRAINDICATED);
			appraise_reason(r, EAR_TIER_CONTRAINDICATED,
					"MRTD is not in the policy's reference_measurements", NULL);
		}
	} else {
		appraise_reason(r, EAR_TIER_WARNING,
				"no reference_measurements in the policy: MRTD was not appraised", NULL);
	}

	/* configuration: debug; HOST_DATA is SNP's (32 bytes), not MRCONFIGID */
	r->host_data_ok = -1;
	if (p->host_data_set) {
		r->host_data_ok = 0;
		appraise_vec_set(r, AR4SI_CONFIGURATION, AR4SI_CONTRAINDICATED);
		appraise_reason(r, EAR_TIER_CONTRAINDICATED,
				"allowed_host_data is SEV-SNP HOST_DATA; a TDX quote has none", NULL);
	}
	if (debug) {
		appraise_vec_set(r, AR4SI_CONFIGURATION,
				 p->debug_forbidden ? AR4SI_CONTRAINDICATED : AR4SI_WARNING);
		appraise_vec_set(r, AR4SI_RUNTIME_OPAQUE,
				 p->debug_forbidden ? AR4SI_CONTRAINDICATED : AR4SI_WARNING);
		appraise_reason(r, p->debug_forbidden ? EAR_TIER_CONTRAINDICATED : EAR_TIER_WARNING,
				p->debug_forbidden
					? "debug TD (TD_ATTRIBUTES.DEBUG) and the policy forbids debug"
					: "debug TD (TD_ATTRIBUTES.DEBUG): memory is not confidential",
				NULL);
	} else {
		appraise_vec_set(r, AR4SI_CONFIGURATION, AR4SI_AFFIRMING);
	}

	/* hardware: the TCB status from the collateral */
	r->tcb_ok = -1;
	if (r->tcb_evaluated) {
		enum tdx_tcb_status st = r->tcb.status;
		r->tcb_ok = st == TDX_TCB_UP_TO_DATE;
		if (st == TDX_TCB_REVOKED) {
			appraise_vec_set(r, AR4SI_HARDWARE, AR4SI_CONTRAINDICATED);
			appraise_reason(r, EAR_TIER_CONTRAINDICATED, "TCB status Revoked", NULL);
		} else if (st != TDX_TCB_UP_TO_DATE) {
			appraise_vec_set(r, AR4SI_HARDWARE, AR4SI_WARNING);
			appraise_reason(r, EAR_TIER_WARNING, "TCB status ", tdx_tcb_status_name(st));
		}
	}
	if (p->min_tcb_bl != POLICY_TCB_UNSET || p->min_tcb_tee != POLICY_TCB_UNSET ||
	    p->min_tcb_snp != POLICY_TCB_UNSET || p->min_tcb_ucode != POLICY_TCB_UNSET)
		appraise_reason(r, EAR_TIER_WARNING,
				"min_tcb is SEV-SNP's TCB_VERSION; not applied to a TDX quote", NULL);
	r->product_ok = -1;
	if (p->n_products)
		appraise_reason(r, EAR_TIER_WARNING,
				"allowed_products names AMD products; not applied to a TDX quote", NULL);
	appraise_required_caps(p, r);
	appraise_finalize(r);
}
