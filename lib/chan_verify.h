/* The channel's evidence check on the real verifier (docs/CHANNEL.md
 * section 8): a `verify` callback for struct chan_evidence_ops that appraises
 * the peer's FUTEET evidence with lib/verify (the same appraisal futeet-verify
 * runs) against the caller's policy, and hands the channel the eat_nonce and
 * the P-256 cnf key from the claims set the vendor report binds. The channel
 * then compares them with the handshake itself (binding, key). */
#ifndef FUTEET_LIB_CHAN_VERIFY_H
#define FUTEET_LIB_CHAN_VERIFY_H

#include <stdbool.h>
#include "lib/chan.h"
#include "lib/verify/appraise.h"

struct chan_verifier {
	/* The caller's appraisal inputs: roots, allow_sim, time, collateral.
	 * evidence, nonce and policy are set per call (no nonce: the channel
	 * compares eat_nonce itself). */
	struct appraise_input in;
	/* The caller's policy, with freshness_checked_elsewhere set: the
	 * channel establishes freshness (CHANNEL.md 4), not the verifier. */
	struct policy policy;
	bool accept_warning;           /* EAR "warning" passes too (else affirming only) */
	struct appraise_result result; /* the last appraisal, for the caller to print */
};

/* Start v: zeroed inputs, a copy of p (NULL = the default policy). */
void chan_verifier_init(struct chan_verifier *v, const struct policy *p);

/* ops->verify over v (ops->produce is left alone). */
void chan_verifier_ops(struct chan_evidence_ops *ops, struct chan_verifier *v);

#endif
