/* The unified verifier: evidence (FUTEET CMW collection, or a raw SEV-SNP
 * report) + appraisal policy -> attestation result (DESIGN.md section 5).
 *
 *   evidence_decode ─► provider dispatch ─► snp_verify (chain, signature, TCB,
 *   chip id, validity) ─► REPORT_DATA == SHA-512(claims) ─► eat_nonce ==
 *   expected nonce ─► policy (measurements, host data, TCB minimum, debug,
 *   signing key, products, capabilities) ─► AR4SI vector + ear.status
 *
 * No allocation and no clock: the caller says what time it is, or that it
 * does not know (then certificate validity is "not checked", a warning).
 * The result struct is large (a few KiB): keep it off small stacks. */
#ifndef FUTEET_LIB_VERIFY_APPRAISE_H
#define FUTEET_LIB_VERIFY_APPRAISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/snp/verify.h"
#include "lib/tdx/collateral.h"
#include "lib/verify/policy.h"
#include "futeet/compiler.h"
#include "uapi/futeet/caps.h"

/* EAR trust tiers (draft-ietf-rats-ear, "ear.status"; AR4SI tiers). */
#define EAR_TIER_NONE            0u
#define EAR_TIER_AFFIRMING       2u
#define EAR_TIER_WARNING        32u
#define EAR_TIER_CONTRAINDICATED 96u

/* AR4SI trustworthiness vector (draft-ietf-rats-ar4si, EAR CBOR keys 0..7). */
enum ar4si_claim {
	AR4SI_INSTANCE_IDENTITY = 0,
	AR4SI_CONFIGURATION = 1,
	AR4SI_EXECUTABLES = 2,
	AR4SI_FILE_SYSTEM = 3,
	AR4SI_HARDWARE = 4,
	AR4SI_RUNTIME_OPAQUE = 5,
	AR4SI_STORAGE_OPAQUE = 6,
	AR4SI_SOURCED_DATA = 7,
	AR4SI_COUNT = 8,
};

/* AR4SI values used (draft-ietf-rats-ar4si / veraison/ear trustclaim.go). */
#define AR4SI_NO_CLAIM          0
#define AR4SI_AFFIRMING         2   /* trustworthy / approved / genuine / encrypted memory */
#define AR4SI_APPROVED_BOOT     3   /* executables: approved boot-time only */
#define AR4SI_WARNING          32   /* unsafe / isolated memory / untrusted */
#define AR4SI_UNRECOGNIZED_EXE 33   /* executables not recognised */
#define AR4SI_CONTRAINDICATED  96
#define AR4SI_HW_UNRECOGNIZED  97
#define AR4SI_CRYPTO_FAILED    99   /* general: cryptographic validation failed */

enum appraise_src {
	APPRAISE_SRC_HW = 0,       /* read from the signed vendor report */
	APPRAISE_SRC_VERIFIER,     /* derived by the verifier (root of trust, chain) */
	APPRAISE_SRC_GUEST,        /* asserted by the guest in the claims set */
};

struct appraise_cap {
	const char *name;
	bool value;
	enum appraise_src src;
};

#define APPRAISE_MAX_REASONS 16u
#define APPRAISE_REASON_LEN 200u
#define APPRAISE_MAX_CAPS 16u

struct appraise_reason {
	uint8_t tier;
	char text[APPRAISE_REASON_LEN];
};

struct appraise_input {
	const uint8_t *evidence;       /* CMW collection or raw SNP report */
	size_t evidence_len;
	/* Certificates given by the caller (DER); each overrides the evidence's
	 * certificate table. NULL = take it from the table / built in. */
	const uint8_t *leaf_der;       /* VCEK or VLEK */
	size_t leaf_len;
	const uint8_t *ask_der;        /* ASK or ASVK */
	size_t ask_len;
	const uint8_t *ark_der;
	size_t ark_len;
	const uint8_t *nonce;          /* expected nonce, NULL = not checked */
	size_t nonce_len;
	bool time_known;               /* false: policy's time, else not checked */
	int64_t now;                   /* unix seconds */
	bool allow_sim;                /* or policy->allow_sim */
	const uint8_t *const *sim_roots;  /* the FUTEET sim ARK(s), DER */
	const size_t *sim_root_lens;
	size_t n_sim_roots;
	const struct policy *policy;   /* NULL = policy_default() */
	/* Intel collateral for TDX quotes; NULL = TCB status "not evaluated". */
	const struct tdx_collateral *tdx_collateral;
	/* A CC event log for a raw TDX quote (a CMW carries its own "ccel"). */
	const uint8_t *ccel;
	size_t ccel_len;
};

/* What the verifier made of one value of the claims' capability descriptor
 * (lib/verify/claims_caps.c, docs/POLICY.md "Capabilities"). */
enum appraise_ccap_check {
	APPRAISE_CCAP_ABSENT = 0,       /* not in the descriptor */
	APPRAISE_CCAP_GUEST,            /* guest-asserted: nothing to check it against */
	APPRAISE_CCAP_REPORT_OK,        /* hardware-attested: equals the verified report's */
	APPRAISE_CCAP_TABLE_OK,         /* verifier-derived: equals the verifier's table row
					 * for the TEE the root of trust established */
	APPRAISE_CCAP_REPORT_DIFFERS,   /* claimed hardware-attested, the report says otherwise */
	APPRAISE_CCAP_TABLE_DIFFERS,    /* claimed verifier-derived, the table says otherwise */
	APPRAISE_CCAP_UNCHECKED,        /* claimed hardware-attested, no report field to compare */
};

enum appraise_binding {
	APPRAISE_BINDING_NONE = 0,     /* raw report: nothing to bind */
	APPRAISE_BINDING_OK,
	APPRAISE_BINDING_MISMATCH,
};

struct appraise_result {
	uint8_t status;                /* EAR_TIER_* */
	int8_t vector[AR4SI_COUNT];
	size_t n_reasons;
	struct appraise_reason reasons[APPRAISE_MAX_REASONS];

	bool unified;                  /* CMW collection (else raw report) */
	char provider[24];
	const char *tee;               /* "sev-snp", "tdx", NULL */
	bool have_report;              /* snp.report holds parsed fields */
	bool vendor_verified;          /* snp_verify succeeded */
	bool sim;                      /* anchored in the FUTEET sim test root */
	struct snp_verify_result snp;
	bool tdx_quote;                /* tdx.quote holds parsed fields */
	struct tdx_verify_result tdx;
	bool tcb_evaluated;            /* TDX collateral appraised: tcb holds the status */
	struct tdx_tcb_eval tcb;
	int8_t rtmr_replay;            /* -1 no event log, 0 mismatch or malformed, 1 replays */
	uint32_t ccel_events;
	bool time_checked;
	int64_t time_used;             /* when time_checked */

	enum appraise_binding binding;
	bool have_claims;
	uint8_t eat_nonce[64];
	size_t eat_nonce_len;
	bool nonce_checked;
	bool nonce_ok;
	/* claims bound by REPORT_DATA (valid when binding == OK) */
	char swname[32];
	char swversion[32];
	/* the guest's "kernel_in_launch_measurement" normalized claim ("no",
	 * "firmware-dependent", "yes"), empty when absent; only after the binding held */
	char kernel_in_launch[24];
	/* the claims set's runtime registers 2/3 and the kernel's log of them
	 * (docs/FORMATS.md section 1): -1 none, 0 the log does not replay to
	 * them (or, on TDX, they are not the quote's RTMR2/3), 1 consistent */
	int8_t claims_rtm;
	/* the claims' capability descriptor (-75002), copied; length 0 when
	 * absent or larger than FUTEET_CAPS_CBOR_MAX */
	uint8_t claims_caps[FUTEET_CAPS_CBOR_MAX];
	size_t claims_caps_len;
	/* that descriptor decoded and checked (appraise_claims_caps): ccaps_ok
	 * -1 absent, 0 malformed, 1 decoded; ccaps_check per CAPS_KEY_* */
	int8_t ccaps_ok;
	struct futeet_caps ccaps;
	uint8_t ccaps_check[25];       /* enum appraise_ccap_check, by key 0..24 */
	uint32_t claims_rtm_events;
	uint32_t claims_rtm_count;
	uint32_t claims_rtm_index[4];
	uint8_t claims_rtm_value[4][48];
	int cnf_crv;                   /* 0 none, else COSE_CRV_P256 / COSE_CRV_P384 */
	size_t cnf_coord_len;
	uint8_t cnf_x[48], cnf_y[48];

	/* policy outcome per rule: -1 not configured, 0 failed, 1 passed */
	int8_t measurement_ok, host_data_ok, tcb_ok, product_ok, caps_ok;
	size_t n_caps;
	struct appraise_cap caps[APPRAISE_MAX_CAPS];
	char policy_id[POLICY_ID_MAX];
};

/* 0: *out holds a result (status may be contraindicated). Negative: the
 * input could not be read as evidence at all (-EBADMSG, -EINVAL); why says
 * why. Either way why is NUL-terminated. */
FUTEET_MUST_CHECK int appraise(const struct appraise_input *in, struct appraise_result *out, char *why,
	     size_t why_len);

/* The policy step alone, on a result whose vendor part is verified
 * (vendor_verified, snp.report, snp.product, snp.reported_tcb, snp.vlek,
 * sim, nonce fields set): derives the capabilities, applies the policy and
 * sets the final status. appraise() calls it; tests call it directly. */
void appraise_policy_step(const struct policy *p, struct appraise_result *r);
/* Final status = the worst of the reasons' tiers and the vector's tiers
 * (affirming when nothing was said). */
void appraise_finalize(struct appraise_result *r);

/* What every vendor step sets up the same way from the input and policy:
 * the verification time (the input's, else the policy's, else none), the
 * sim roots (always offered, so that sim evidence is named and refused
 * without --allow-sim) and whether sim evidence is accepted. */
struct appraise_vendor_setup {
	bool time_known;
	int64_t now;                   /* 0 when !time_known */
	const uint8_t *const *extra_roots;
	const size_t *extra_root_lens;
	size_t n_extra_roots;
	bool offer_sim;                /* the vendor verifier's allow_sim */
	bool allow_sim;                /* --allow-sim or the policy's allow_sim */
};
void appraise_vendor_setup(const struct appraise_input *in, const struct policy *p,
			   struct appraise_vendor_setup *s);
/* After the vendor verifier succeeded (r->sim set): refuse sim evidence
 * without allow_sim, else mark r verified, set the vector and warnings. */
void appraise_vendor_accept(struct appraise_result *r, const struct appraise_vendor_setup *s,
			    bool time_checked);

/* The TDX vendor step (lib/verify/appraise_tdx.c): verify the quote (and
 * the collateral, when given) into r; 0, or a negative errno when the quote
 * is not one (the caller's "not evidence"). */
FUTEET_MUST_CHECK int appraise_tdx(const struct appraise_input *in, const struct policy *p,
		 const uint8_t *quote, size_t quote_len, struct appraise_result *r);
/* Replay a CC event log (lib/cclog.h) and compare with the quote's RTMR0..3. */
void appraise_tdx_replay(struct appraise_result *r, const uint8_t *log, size_t len);
/* The policy step for a TDX result (capabilities, MRTD, debug, TCB status). */
void appraise_tdx_policy_step(const struct policy *p, struct appraise_result *r);
/* Shared by both vendors' policy steps. */
void appraise_reason(struct appraise_result *r, uint8_t tier, const char *a, const char *b);
void appraise_vec_set(struct appraise_result *r, enum ar4si_claim c, int8_t v);
void appraise_cap_add(struct appraise_result *r, const char *name, bool v, enum appraise_src s);
void appraise_required_caps(const struct policy *p, struct appraise_result *r);

/* lib/verify/claims_caps.c: decode the bound claims' descriptor (once the
 * binding held) and check each value against its provenance: hardware-
 * attested ones against the verified report, verifier-derived ones against
 * the static table's row for the TEE the root of trust established;
 * guest-asserted ones stay so. A descriptor that names another TEE, or
 * hardware-attested debug, migration or VMPL that the report contradicts,
 * is contraindicated; other differences are warnings. */
void appraise_claims_caps(struct appraise_result *r);
const char *appraise_ccap_check_name(uint8_t check);

/* "affirming", "warning", "contraindicated" or "none". */
const char *appraise_tier_name(uint8_t tier);
/* The tier of one AR4SI value (veraison/ear trustclaim.go ranges). */
uint8_t appraise_value_tier(int8_t v);
/* "hardware-attested", "verifier-derived", "guest-asserted". */
const char *appraise_src_name(enum appraise_src s);
/* The first reason of the worst tier, or "" (for a one-line summary). */
const char *appraise_summary(const struct appraise_result *r);

#endif
