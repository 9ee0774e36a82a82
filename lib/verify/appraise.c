/* The unified verifier; see appraise.h and docs/POLICY.md (rules, vector
 * values, capability names). */
#include <string.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/bytes.h"
#include "lib/strbuf.h"
#include "lib/cbor_get.h"
#include "lib/cclog.h"
#include "lib/evidence_decode.h"
#include "lib/verify/appraise.h"

/* Text that reaches a result (JSON string, CBOR tstr) may come from hostile
 * input (provider name, certificate fields quoted in a reason): it goes
 * through the printable-ASCII filter (lib/bytes.h). */
static void reason(struct appraise_result *r, uint8_t tier, const char *a, const char *b)
{
	struct appraise_reason *x;
	if (tier > r->status)
		r->status = tier;
	if (r->n_reasons >= APPRAISE_MAX_REASONS)
		return;
	x = &r->reasons[r->n_reasons++];
	x->tier = tier;
	strbuf_set2(x->text, sizeof(x->text), a, b);
	bytes_ascii_only(x->text);
}

/* Raise an AR4SI claim to a worse value, never lower it. */
static void vec_set(struct appraise_result *r, enum ar4si_claim c, int8_t v)
{
	if (appraise_value_tier(v) >= appraise_value_tier(r->vector[c]))
		r->vector[c] = v;
}

static void cap_add(struct appraise_result *r, const char *name, bool v, enum appraise_src s)
{
	if (r->n_caps >= APPRAISE_MAX_CAPS)
		return;
	r->caps[r->n_caps].name = name;
	r->caps[r->n_caps].value = v;
	r->caps[r->n_caps].src = s;
	r->n_caps++;
}

const char *appraise_tier_name(uint8_t tier)
{
	switch (tier) {
	case EAR_TIER_AFFIRMING: return "affirming";
	case EAR_TIER_WARNING: return "warning";
	case EAR_TIER_CONTRAINDICATED: return "contraindicated";
	default: return "none";
	}
}

uint8_t appraise_value_tier(int8_t v)
{
	/* veraison/ear trustclaim.go: none -1..1; affirming 2..31, -32..-2;
	 * warning 32..95, -96..-33; contraindicated >= 96, <= -97 */
	int a = v < 0 ? -(int)v : (int)v;
	if (v >= -1 && v <= 1)
		return EAR_TIER_NONE;
	if (v < 0)
		a -= 1; /* -32 is affirming, -33 warning, -97 contraindicated */
	if (a < 32)
		return EAR_TIER_AFFIRMING;
	if (a < 96)
		return EAR_TIER_WARNING;
	return EAR_TIER_CONTRAINDICATED;
}

const char *appraise_src_name(enum appraise_src s)
{
	switch (s) {
	case APPRAISE_SRC_HW: return "hardware-attested";
	case APPRAISE_SRC_VERIFIER: return "verifier-derived";
	default: return "guest-asserted";
	}
}

const char *appraise_summary(const struct appraise_result *r)
{
	for (size_t i = 0; i < r->n_reasons; i++)
		if (r->reasons[i].tier == r->status)
			return r->reasons[i].text;
	return "";
}

static bool name_eq(const char *s, size_t n, const char *z)
{
	size_t zl = strlen(z);
	return n == zl && memcmp(s, z, n) == 0;
}

static void fail_status(struct appraise_result *r, enum snp_verify_fail f)
{
	switch (f) {
	case SNP_FAIL_EXPIRED:
		vec_set(r, AR4SI_HARDWARE, AR4SI_CONTRAINDICATED);
		break;
	case SNP_FAIL_TCB:
	case SNP_FAIL_CHIP_ID:
	case SNP_FAIL_SIGNER:
	case SNP_FAIL_PRODUCT:
		vec_set(r, AR4SI_HARDWARE, AR4SI_CONTRAINDICATED);
		break;
	case SNP_FAIL_UNTRUSTED_ROOT:
		vec_set(r, AR4SI_HARDWARE, AR4SI_HW_UNRECOGNIZED);
		break;
	default:
		vec_set(r, AR4SI_HARDWARE, AR4SI_CRYPTO_FAILED);
		break;
	}
}

/* Pick VCEK/VLEK, ASK/ASVK, ARK: the caller's, else the certificate table's.
 * From the table, the leaf is the key the report's SIGNER_INFO.SIGNING_KEY
 * names (SNP ABI 56860 "ATTESTATION_REPORT Structure"), so that a table
 * holding both a VCEK and a VLEK verifies a VLEK-signed report. */
static void find_certs(const struct appraise_input *in, const uint8_t *aux, size_t aux_len,
		       uint32_t signing_key, struct snp_verify_input *vi)
{
	uint8_t g[16];
	const uint8_t *der;
	size_t dl;
	const char *leaf_guid = signing_key == SNP_SIGNING_KEY_VCEK ? SNP_GUID_VCEK :
				signing_key == SNP_SIGNING_KEY_VLEK ? SNP_GUID_VLEK : NULL;

	vi->leaf_der = in->leaf_der;
	vi->leaf_len = in->leaf_len;
	vi->ask_der = in->ask_der;
	vi->ask_len = in->ask_len;
	vi->ark_der = in->ark_der;
	vi->ark_len = in->ark_len;
	if (!aux || !aux_len)
		return;
	if (!vi->leaf_der && leaf_guid && snp_guid_parse(leaf_guid, g) == 0 &&
	    snp_certtable_find(aux, aux_len, g, &der, &dl) == 0) {
		vi->leaf_der = der;
		vi->leaf_len = dl;
	}
	if (!vi->ask_der && snp_guid_parse(SNP_GUID_ASK, g) == 0 &&
	    snp_certtable_find(aux, aux_len, g, &der, &dl) == 0) {
		vi->ask_der = der;
		vi->ask_len = dl;
	}
	if (!vi->ark_der && snp_guid_parse(SNP_GUID_ARK, g) == 0 &&
	    snp_certtable_find(aux, aux_len, g, &der, &dl) == 0) {
		vi->ark_der = der;
		vi->ark_len = dl;
	}
}

static const struct snp_tcb *tcb_of(const struct appraise_result *r)
{
	return &r->snp.reported_tcb;
}

static void check_min(struct appraise_result *r, const char *name, int16_t min, uint8_t have,
		      bool *below)
{
	if (min == POLICY_TCB_UNSET)
		return;
	if (have < (uint8_t)min) {
		reason(r, EAR_TIER_CONTRAINDICATED, "REPORTED_TCB below the policy minimum: ", name);
		*below = true;
	}
}

static void derive_caps(struct appraise_result *r)
{
	const struct snp_report_info *ri = &r->snp.report;
	bool debug = (ri->policy & SNP_POLICY_DEBUG) != 0;

	cap_add(r, "sev-snp", true, APPRAISE_SRC_VERIFIER);
	cap_add(r, "hardware-root", !r->sim, APPRAISE_SRC_VERIFIER);
	cap_add(r, "sim", r->sim, APPRAISE_SRC_VERIFIER);
	cap_add(r, "confidential-memory", !debug && !r->sim, APPRAISE_SRC_HW);
	cap_add(r, "debug", debug, APPRAISE_SRC_HW);
	cap_add(r, "migration-agent", (ri->policy & SNP_POLICY_MIGRATE_MA) != 0, APPRAISE_SRC_HW);
	cap_add(r, "smt-allowed", (ri->policy & SNP_POLICY_SMT) != 0, APPRAISE_SRC_HW);
	cap_add(r, "single-socket", (ri->policy & SNP_POLICY_SINGLE_SOCKET) != 0,
		APPRAISE_SRC_HW);
	cap_add(r, "vmpl0", ri->vmpl == 0, APPRAISE_SRC_HW);
	cap_add(r, "remote-attestation", true, APPRAISE_SRC_VERIFIER);
	/* MSG_KEY_REQ (SNP ABI 56860 section 7.2) exists on every SNP guest; the
	 * sim's keys derive from a committed seed the host knows, so there it
	 * seals nothing (as its memory is not confidential) */
	cap_add(r, "sealing", !r->sim, APPRAISE_SRC_VERIFIER);
	cap_add(r, "runtime-measurement-registers", false, APPRAISE_SRC_VERIFIER);
	cap_add(r, "chip-id-bound", r->snp.chip_id_checked, APPRAISE_SRC_VERIFIER);
	cap_add(r, "fresh", r->nonce_checked && r->nonce_ok, APPRAISE_SRC_VERIFIER);
}

static void apply_policy(const struct policy *p, struct appraise_result *r)
{
	const struct snp_report_info *ri = &r->snp.report;
	bool debug = (ri->policy & SNP_POLICY_DEBUG) != 0;
	bool below = false, any_min;

	/* executables: the launch measurement against the reference values */
	r->measurement_ok = -1;
	if (p->reference.set && !p->coverage_known) {
		reason(r, EAR_TIER_CONTRAINDICATED,
		       "the policy's reference (a firmware file) was not resolved into a measurement",
		       NULL);
	}
	if (p->measurements_set) {
		r->measurement_ok = 0;
		for (size_t i = 0; i < p->n_measurements; i++)
			if (!memcmp(p->measurements[i], ri->measurement, POLICY_MEASUREMENT_LEN))
				r->measurement_ok = 1;
		if (r->measurement_ok && p->coverage_known && !p->kernel_bound) {
			/* docs/MEASURE.md: the firmware has no kernel-hashes page,
			 * so any kernel and command line give this MEASUREMENT */
			vec_set(r, AR4SI_EXECUTABLES, AR4SI_WARNING);
			reason(r, EAR_TIER_WARNING,
			       "kernel not bound by the launch measurement: it covers the firmware only",
			       NULL);
		} else if (r->measurement_ok) {
			vec_set(r, AR4SI_EXECUTABLES, AR4SI_AFFIRMING);
		} else {
			vec_set(r, AR4SI_EXECUTABLES, AR4SI_CONTRAINDICATED);
			reason(r, EAR_TIER_CONTRAINDICATED,
			       "launch measurement is not in the policy's reference_measurements", NULL);
		}
	} else {
		reason(r, EAR_TIER_WARNING,
		       "no reference_measurements in the policy: the launch measurement was not appraised",
		       NULL);
	}

	/* configuration: host data, debug */
	r->host_data_ok = -1;
	if (p->host_data_set) {
		r->host_data_ok = 0;
		for (size_t i = 0; i < p->n_host_data; i++)
			if (!memcmp(p->host_data[i], ri->host_data, POLICY_HOST_DATA_LEN))
				r->host_data_ok = 1;
		if (!r->host_data_ok) {
			vec_set(r, AR4SI_CONFIGURATION, AR4SI_CONTRAINDICATED);
			reason(r, EAR_TIER_CONTRAINDICATED,
			       "HOST_DATA (init data) is not in the policy's allowed_host_data", NULL);
		}
	}
	if (debug) {
		/* SNP ABI 56860 guest policy bit 19: the host may decrypt the guest */
		if (p->debug_forbidden) {
			vec_set(r, AR4SI_CONFIGURATION, AR4SI_CONTRAINDICATED);
			vec_set(r, AR4SI_RUNTIME_OPAQUE, AR4SI_CONTRAINDICATED);
			reason(r, EAR_TIER_CONTRAINDICATED,
			       "guest policy allows debugging (POLICY bit 19) and the policy forbids debug",
			       NULL);
		} else {
			vec_set(r, AR4SI_CONFIGURATION, AR4SI_WARNING);
			vec_set(r, AR4SI_RUNTIME_OPAQUE, AR4SI_WARNING);
			reason(r, EAR_TIER_WARNING,
			       "guest policy allows debugging (POLICY bit 19): memory is not confidential",
			       NULL);
		}
	} else {
		vec_set(r, AR4SI_CONFIGURATION, AR4SI_AFFIRMING);
	}
	/* VMPL (SNP ABI 56860 report field VMPL): software at VMPL n > 0 (under
	 * an SVSM) may request a report carrying any REPORT_DATA it chose, so
	 * the binding holds only for the VMPLs the policy allows (default 0). */
	if (ri->vmpl > POLICY_VMPL_MAX || !(p->allowed_vmpls & (1u << ri->vmpl))) {
		vec_set(r, AR4SI_CONFIGURATION, AR4SI_CONTRAINDICATED);
		vec_set(r, AR4SI_SOURCED_DATA, AR4SI_CONTRAINDICATED);
		reason(r, EAR_TIER_CONTRAINDICATED, "report VMPL is not in the policy's allowed_vmpls",
		       p->allowed_vmpls == 1u ? " (default: VMPL 0 only)" : NULL);
	}

	/* hardware: TCB minimum (REPORTED_TCB, decoded per generation) */
	any_min = p->min_tcb_bl != POLICY_TCB_UNSET || p->min_tcb_tee != POLICY_TCB_UNSET ||
		  p->min_tcb_snp != POLICY_TCB_UNSET || p->min_tcb_ucode != POLICY_TCB_UNSET ||
		  p->min_tcb_fmc != POLICY_TCB_UNSET;
	r->tcb_ok = -1;
	if (any_min) {
		const struct snp_tcb *t = tcb_of(r);
		check_min(r, "bl", p->min_tcb_bl, t->bl, &below);
		check_min(r, "tee", p->min_tcb_tee, t->tee, &below);
		check_min(r, "snp", p->min_tcb_snp, t->snp, &below);
		check_min(r, "ucode", p->min_tcb_ucode, t->ucode, &below);
		if (p->min_tcb_fmc != POLICY_TCB_UNSET && t->has_fmc)
			check_min(r, "fmc", p->min_tcb_fmc, t->fmc, &below);
		r->tcb_ok = below ? 0 : 1;
		if (below)
			vec_set(r, AR4SI_HARDWARE, AR4SI_CONTRAINDICATED);
	} else {
		reason(r, EAR_TIER_WARNING, "TCB status unknown: the policy sets no min_tcb", NULL);
	}

	/* signing key and product */
	if (r->snp.vlek && !p->allow_vlek)
		reason(r, EAR_TIER_CONTRAINDICATED, "signed by a VLEK; the policy allows only VCEK",
		       NULL);
	if (!r->snp.vlek && !p->allow_vcek)
		reason(r, EAR_TIER_CONTRAINDICATED, "signed by a VCEK; the policy allows only VLEK",
		       NULL);
	r->product_ok = -1;
	if (p->n_products) {
		const char *pn = snp_product_name(r->snp.product);
		r->product_ok = 0;
		for (size_t i = 0; i < p->n_products; i++)
			if (!strcmp(p->products[i], pn))
				r->product_ok = 1;
		if (!r->product_ok)
			reason(r, EAR_TIER_CONTRAINDICATED, "product not in allowed_products: ", pn);
	}

	appraise_required_caps(p, r);
}

/* required capabilities, from verified evidence only (both vendors) */
void appraise_required_caps(const struct policy *p, struct appraise_result *r)
{
	r->caps_ok = -1;
	if (p->n_required_caps) {
		r->caps_ok = 1;
		for (size_t i = 0; i < p->n_required_caps; i++) {
			bool have = false;
			for (size_t j = 0; j < r->n_caps; j++)
				if (!strcmp(r->caps[j].name, p->required_caps[i]) && r->caps[j].value)
					have = true;
			if (!have) {
				r->caps_ok = 0;
				reason(r, EAR_TIER_CONTRAINDICATED,
				       "required capability not derived from the evidence: ",
				       p->required_caps[i]);
			}
		}
	}
}

void appraise_reason(struct appraise_result *r, uint8_t tier, const char *a, const char *b)
{
	reason(r, tier, a, b);
}

void appraise_vec_set(struct appraise_result *r, enum ar4si_claim c, int8_t v)
{
	vec_set(r, c, v);
}

void appraise_cap_add(struct appraise_result *r, const char *name, bool v, enum appraise_src s)
{
	cap_add(r, name, v, s);
}

static int appraise_snp(const struct appraise_input *in, const struct policy *p,
			const uint8_t *report, size_t report_len, const uint8_t *aux,
			size_t aux_len, struct appraise_result *r)
{
	struct snp_verify_input vi;
	struct appraise_vendor_setup su;
	char why[APPRAISE_REASON_LEN];
	int rc;

	appraise_vendor_setup(in, p, &su);
	memset(&vi, 0, sizeof(vi));
	vi.report = report;
	vi.report_len = report_len;
	vi.time_known = su.time_known;
	vi.now = su.now;
	vi.extra_roots = su.extra_roots;
	vi.extra_root_lens = su.extra_root_lens;
	vi.n_extra_roots = su.n_extra_roots;
	vi.allow_sim = su.offer_sim;
	r->tee = "sev-snp";

	/* a report that does not parse is not evidence (caller: exit 2) */
	rc = snp_report_parse(report, report_len, &r->snp.report);
	if (rc)
		return rc;
	r->have_report = true;
	find_certs(in, aux, aux_len, r->snp.report.signing_key, &vi);
	if (!vi.leaf_der) {
		vec_set(r, AR4SI_HARDWARE, AR4SI_HW_UNRECOGNIZED);
		reason(r, EAR_TIER_CONTRAINDICATED,
		       r->snp.report.signing_key == SNP_SIGNING_KEY_VLEK ?
		       "no VCEK/VLEK: the report's SIGNING_KEY is a VLEK; pass --certs or send evidence with a certificate table" :
		       r->snp.report.signing_key == SNP_SIGNING_KEY_VCEK ?
		       "no VCEK/VLEK: the report's SIGNING_KEY is a VCEK; pass --certs or send evidence with a certificate table" :
		       "no VCEK/VLEK: the report's SIGNING_KEY names neither a VCEK nor a VLEK", NULL);
		return 0;
	}

	why[0] = 0;
	rc = snp_verify(&vi, &r->snp, why, sizeof(why));
	r->have_report = r->snp.fail != SNP_FAIL_REPORT_PARSE && r->snp.fail != SNP_FAIL_ARG;
	if (!r->have_report)
		return rc ? rc : -EBADMSG;
	if (rc) {
		fail_status(r, r->snp.fail);
		reason(r, EAR_TIER_CONTRAINDICATED, "SEV-SNP verification failed: ", why);
		return 0;
	}
	/* only evidence that verified is said to come from the sim */
	r->sim = r->snp.chain_from_extra_root;
	appraise_vendor_accept(r, &su, r->snp.time_checked);
	return 0;
}

void appraise_vendor_setup(const struct appraise_input *in, const struct policy *p,
			   struct appraise_vendor_setup *s)
{
	memset(s, 0, sizeof(*s));
	if (in->time_known) {
		s->time_known = true;
		s->now = in->now;
	} else if (p->has_time) {
		s->time_known = true;
		s->now = p->verification_time;
	}
	s->extra_roots = in->sim_roots;
	s->extra_root_lens = in->sim_root_lens;
	s->n_extra_roots = in->n_sim_roots;
	s->offer_sim = in->n_sim_roots > 0;
	s->allow_sim = in->allow_sim || p->allow_sim;
}

void appraise_vendor_accept(struct appraise_result *r, const struct appraise_vendor_setup *s,
			    bool time_checked)
{
	if (r->sim && !s->allow_sim) {
		vec_set(r, AR4SI_HARDWARE, AR4SI_HW_UNRECOGNIZED);
		reason(r, EAR_TIER_CONTRAINDICATED,
		       "evidence is signed by the FUTEET sim test root; pass --allow-sim to accept test keys",
		       NULL);
		return;
	}
	r->vendor_verified = true;
	r->time_checked = time_checked;
	r->time_used = s->now;
	vec_set(r, AR4SI_HARDWARE, AR4SI_AFFIRMING);
	vec_set(r, AR4SI_INSTANCE_IDENTITY, AR4SI_AFFIRMING);
	vec_set(r, AR4SI_RUNTIME_OPAQUE, AR4SI_AFFIRMING);
	if (r->sim) {
		vec_set(r, AR4SI_HARDWARE, AR4SI_WARNING);
		vec_set(r, AR4SI_RUNTIME_OPAQUE, AR4SI_WARNING);
		reason(r, EAR_TIER_WARNING,
		       "sim: not confidential (FUTEET sim test root accepted by --allow-sim)", NULL);
	}
	if (!r->time_checked)
		reason(r, EAR_TIER_WARNING,
		       "certificate validity not checked: no trusted time (give --time or verification_time)",
		       NULL);
}

static void copy_text(char *dst, size_t cap, const char *s, size_t n)
{
	if (!s)
		return;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = 0;
	bytes_ascii_only(dst);
}

/* Claims worth echoing, once the binding proved they are the guest's. */
/* The text value of key in the normalized claims map (FUTEET_KEY_CLAIMS),
 * copied into out (empty when absent, not text or malformed; cut to cap - 1
 * bytes). Bounded: at most 64 pairs are looked at. Keys and the value are
 * spans of m (lib/cbor.h): every read is an index checked against the
 * span's end, which Frama-C's EVA follows (docs/PROOFS.md, target
 * appraise_claims). */
static void normalized_text(const uint8_t *m, size_t len, const char *key, char *out, size_t cap)
{
	struct cbor_dec d;
	uint64_t pairs;

	if (cap == 0)
		return;
	out[0] = 0;
	if (m == NULL)
		return;
	cbor_dec_init(&d, m, len);
	if (cbor_get_map(&d, &pairs) || pairs > 64)
		return;
	for (uint64_t i = 0; i < pairs; i++) {
		struct cbor_span k, v;
		size_t n;

		if (cbor_get_tstr_span(&d, &k))
			return;
		if (!cbor_span_eq(&d, k, key)) {
			if (cbor_skip(&d))
				return;
			continue;
		}
		if (cbor_get_tstr_span(&d, &v))
			return;
		n = cbor_span_len(v);
		if (n > cap - 1)
			n = cap - 1;
		for (size_t j = 0; j < n; j++) {
			size_t at = v.off + j;

			if (at >= v.end || at >= d.len) {
				n = j;
				break;
			}
			out[j] = (char)d.buf[at];
		}
		out[n] = 0;
		bytes_ascii_only(out);
		return;
	}
}

static void copy_claims(const struct evidence_claims_view *cv, struct appraise_result *r)
{
	normalized_text(cv->claims, cv->claims_len, "kernel_in_launch_measurement",
			r->kernel_in_launch, sizeof(r->kernel_in_launch));
	copy_text(r->swname, sizeof(r->swname), cv->swname, cv->swname_len);
	copy_text(r->swversion, sizeof(r->swversion), cv->swversion, cv->swversion_len);
	if (cv->caps && cv->caps_len <= sizeof(r->claims_caps)) {
		memcpy(r->claims_caps, cv->caps, cv->caps_len);
		r->claims_caps_len = cv->caps_len;
	}
	if (cv->cnf_crv && cv->cnf_coord_len <= sizeof(r->cnf_x)) {
		r->cnf_crv = cv->cnf_crv;
		r->cnf_coord_len = cv->cnf_coord_len;
		memcpy(r->cnf_x, cv->cnf_x, cv->cnf_coord_len);
		memcpy(r->cnf_y, cv->cnf_y, cv->cnf_coord_len);
	}
}

/* The claims' registers 2/3 (-75005) against the kernel's log of them
 * (-75004): replaying the log from zero must give exactly the listed
 * values, and touch no other register; on TDX the values must also be the
 * quote's RTMR2/3 (the quote signs those). On SNP these are the kernel's
 * software registers: bound by REPORT_DATA, no hardware behind them. */
static void claims_rtm_check(const struct evidence_claims_view *cv, struct appraise_result *r)
{
	uint8_t rtmr[CCLOG_RTMRS][CCLOG_SHA384_SIZE];
	static const uint8_t zero[CCLOG_SHA384_SIZE];
	size_t used = 0;
	bool ok;

	r->claims_rtm = -1;
	if (cv->rtm_count == 0 && cv->rtm_log == NULL)
		return;
	ok = cv->rtm_log != NULL && cv->rtm_count > 0 && cv->rtm_count <= 4 &&
	     cclog_replay(cv->rtm_log, cv->rtm_log_len, rtmr, &used, &r->claims_rtm_events) == 0 &&
	     used == cv->rtm_log_len && bytes_ct_eq(rtmr[0], zero, sizeof(zero)) &&
	     bytes_ct_eq(rtmr[1], zero, sizeof(zero));
	for (uint32_t i = 0; ok && i < cv->rtm_count; i++) {
		uint32_t x = cv->rtm_index[i];

		ok = (x == 2 || x == 3) && bytes_ct_eq(rtmr[x], cv->rtm_value[i], CCLOG_SHA384_SIZE);
		if (ok && r->tdx_quote)
			ok = bytes_ct_eq(r->tdx.quote.body.rtmr[x], cv->rtm_value[i], CCLOG_SHA384_SIZE);
		r->claims_rtm_index[i] = x;
		memcpy(r->claims_rtm_value[i], cv->rtm_value[i], CCLOG_SHA384_SIZE);
	}
	r->claims_rtm_count = cv->rtm_count <= 4 ? cv->rtm_count : 0;
	r->claims_rtm = ok ? 1 : 0;
	if (!ok) {
		vec_set(r, AR4SI_EXECUTABLES, AR4SI_CONTRAINDICATED);
		reason(r, EAR_TIER_CONTRAINDICATED,
		       r->tdx_quote ? "the claims' runtime registers 2/3 do not replay from their event log to the quote's RTMR2/3"
				    : "the claims' runtime registers 2/3 do not replay from their event log",
		       NULL);
	}
}

/* Without a nonce nothing shows the evidence was made for this request: a
 * replay of old evidence would look the same. Applied last, for every
 * vendor, so that the policy's own reasons lead the summary. */
static void freshness_rule(const struct policy *p, struct appraise_result *r)
{
	if (r->nonce_checked)
		return;
	reason(r, p->freshness_elsewhere ? EAR_TIER_NONE : EAR_TIER_WARNING,
	       p->freshness_elsewhere ?
	       "freshness not checked here: the policy says it is established elsewhere" :
	       "freshness not checked: no expected nonce was given (--nonce)", NULL);
}

static int step_tdx(const struct appraise_input *in, const struct policy *p,
		    const uint8_t *blob, size_t blob_len, const uint8_t *aux, size_t aux_len,
		    struct appraise_result *r)
{
	(void)aux;
	(void)aux_len;
	return appraise_tdx(in, p, blob, blob_len, r);
}

static bool raw_is_tdx(const struct appraise_input *in)
{
	return tdx_looks_like_quote(in->evidence, in->evidence_len);
}

static bool raw_is_snp(const struct appraise_input *in)
{
	return in->evidence_len == SNP_REPORT_SIZE;
}

/* Nothing in a bare SNP report says which VCEK/VLEK signed it. */
static const char *raw_snp_missing(const struct appraise_input *in)
{
	return in->leaf_der ? NULL : "a raw SEV-SNP report needs its VCEK/VLEK: pass --certs";
}

static const uint8_t *report_data_tdx(const struct appraise_result *r)
{
	return r->tdx.quote.body.report_data;
}

static const uint8_t *report_data_snp(const struct appraise_result *r)
{
	return r->snp.report.report_data;
}

/* After the binding and nonce checks: the event log (TDX) and the policy. */
static void finish_tdx(const struct policy *p, const uint8_t *ccel, size_t ccel_len,
		       struct appraise_result *r)
{
	appraise_tdx_replay(r, ccel, ccel_len);
	appraise_tdx_policy_step(p, r);
}

static void finish_snp(const struct policy *p, const uint8_t *ccel, size_t ccel_len,
		       struct appraise_result *r)
{
	(void)ccel;
	(void)ccel_len;
	reason(r, EAR_TIER_NONE, r->claims_rtm == 1 ?
	       "SEV-SNP has no runtime measurement registers: the kernel's software registers 2/3 (bound by REPORT_DATA) replay from the claims' event log" :
	       "SEV-SNP has no runtime measurement registers: no event log to replay", NULL);
	appraise_policy_step(p, r);
}

/* One row per TEE: adding a TEE adds a row and its functions, not branches
 * in appraise(). Its evidence arrives either as FUTEET evidence (a CMW
 * collection whose "tsm" provider names the row) or as the vendor's bare
 * report (raw_match: futeet-verify REPORT-FILE); both go through step, and
 * the REPORT_DATA that binds the claims set (CMW) or starts with the nonce
 * (raw) comes from report_data. Raw inputs are tried in table order. */
struct appraise_vendor {
	const char *provider[2];       /* the hardware and the sim provider names */
	const char *malformed;         /* why prefix when the outblob is not evidence */
	int (*step)(const struct appraise_input *in, const struct policy *p,
		    const uint8_t *blob, size_t blob_len, const uint8_t *aux, size_t aux_len,
		    struct appraise_result *r);
	const char *raw_name;          /* the result's provider for a bare report */
	bool (*raw_match)(const struct appraise_input *in);
	const char *(*raw_missing)(const struct appraise_input *in); /* NULL: nothing */
	const char *raw_malformed;     /* why prefix when the bare report is not one */
	const uint8_t *(*report_data)(const struct appraise_result *r); /* 64 bytes */
	void (*finish)(const struct policy *p, const uint8_t *ccel, size_t ccel_len,
		       struct appraise_result *r);
};

static const struct appraise_vendor vendors[] = {
	/* first: a DCAP v4/v5 quote carries its PCK chain inside it */
	{ { EVIDENCE_PROVIDER_TDX, EVIDENCE_PROVIDER_SIM_TDX },
	  "evidence: the TDX quote (outblob) is malformed: ", step_tdx,
	  "tdx-quote", raw_is_tdx, NULL, "not a TDX quote: ", report_data_tdx, finish_tdx },
	{ { EVIDENCE_PROVIDER_SNP, EVIDENCE_PROVIDER_SIM_SNP },
	  "evidence: the SEV-SNP report (outblob) is malformed: ", appraise_snp,
	  "snp-report", raw_is_snp, raw_snp_missing, "not a SEV-SNP report: ", report_data_snp,
	  finish_snp },
};
#define N_VENDORS (sizeof(vendors) / sizeof(vendors[0]))

static const struct appraise_vendor *vendor_for(const char *name, size_t len)
{
	for (size_t i = 0; i < N_VENDORS; i++)
		for (size_t j = 0; j < sizeof(vendors[i].provider) / sizeof(vendors[i].provider[0]); j++)
			if (name_eq(name, len, vendors[i].provider[j]))
				return &vendors[i];
	return NULL;
}

static const struct appraise_vendor *vendor_for_raw(const struct appraise_input *in)
{
	for (size_t i = 0; i < N_VENDORS; i++)
		if (vendors[i].raw_match(in))
			return &vendors[i];
	return NULL;
}

int appraise(const struct appraise_input *in, struct appraise_result *out, char *why,
	     size_t why_len)
{
	const struct policy *p;
	struct evidence_view v = { 0 };
	struct evidence_claims_view cv;
	const struct appraise_vendor *vendor;
	int rc;

	strbuf_set2(why, why_len, "", NULL);
	if (!in || !out || !in->evidence || !in->evidence_len)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->measurement_ok = out->host_data_ok = out->tcb_ok = -1;
	out->product_ok = out->caps_ok = -1;
	out->rtmr_replay = -1;
	out->claims_rtm = -1;
	out->ccaps_ok = -1;
	p = in->policy ? in->policy : &policy_defaults;
	strbuf_set2(out->policy_id, sizeof(out->policy_id),
		    p->id[0] ? p->id : "policy:futeet/default", NULL);

	rc = evidence_decode(in->evidence, in->evidence_len, &v);
	if (rc == 0) {
		uint8_t rd[EVIDENCE_REPORT_DATA_LEN];

		out->unified = true;
		if (v.provider_len >= sizeof(out->provider)) {
			strbuf_set2(why, why_len, "evidence: provider name too long", NULL);
			return -EBADMSG;
		}
		memcpy(out->provider, v.provider, v.provider_len);
		out->provider[v.provider_len] = 0;
		bytes_ascii_only(out->provider);
		rc = evidence_claims_decode(v.claims, v.claims_len, &cv);
		if (rc) {
			strbuf_set2(why, why_len, "evidence: the \"futeet\" claims set is malformed: ",
				futeet_strerror(rc));
			return rc;
		}
		out->have_claims = true;
		memcpy(out->eat_nonce, cv.nonce, cv.nonce_len);
		out->eat_nonce_len = cv.nonce_len;

		vendor = vendor_for(v.provider, v.provider_len);
		if (!vendor) {
			vec_set(out, AR4SI_HARDWARE, AR4SI_HW_UNRECOGNIZED);
			reason(out, EAR_TIER_CONTRAINDICATED, "unknown evidence provider ",
			       out->provider);
			return 0;
		}
		rc = vendor->step(in, p, v.outblob, v.outblob_len, v.auxblob, v.auxblob_len, out);
		if (rc) {
			strbuf_set2(why, why_len, vendor->malformed, futeet_strerror(rc));
			return rc;
		}
		if (!out->vendor_verified)
			goto done;
		/* REPORT_DATA = SHA-512(claims bytes as received) */
		evidence_report_data(v.claims, v.claims_len, rd);
		if (bytes_ct_eq(rd, vendor->report_data(out), sizeof(rd))) {
			out->binding = APPRAISE_BINDING_OK;
			copy_claims(&cv, out);
			claims_rtm_check(&cv, out);
			appraise_claims_caps(out);
		} else {
			out->binding = APPRAISE_BINDING_MISMATCH;
			vec_set(out, AR4SI_SOURCED_DATA, AR4SI_CONTRAINDICATED);
			reason(out, EAR_TIER_CONTRAINDICATED,
			       "REPORT_DATA is not SHA-512 of the \"futeet\" claims set: the claims are not bound to the report",
			       NULL);
		}
		if (in->nonce) {
			out->nonce_checked = true;
			out->nonce_ok = out->binding == APPRAISE_BINDING_OK &&
					in->nonce_len == cv.nonce_len &&
					bytes_ct_eq(in->nonce, cv.nonce, cv.nonce_len);
		}
	} else if ((vendor = vendor_for_raw(in)) != NULL) {
		const char *missing = vendor->raw_missing ? vendor->raw_missing(in) : NULL;

		if (missing) {
			strbuf_set2(why, why_len, missing, NULL);
			return -ENOENT;
		}
		out->unified = false;
		strbuf_set2(out->provider, sizeof(out->provider), vendor->raw_name, NULL);
		rc = vendor->step(in, p, in->evidence, in->evidence_len, NULL, 0, out);
		if (rc) {
			strbuf_set2(why, why_len, vendor->raw_malformed, futeet_strerror(rc));
			return rc;
		}
		if (!out->vendor_verified)
			goto done;
		/* a bare report: the nonce must be REPORT_DATA's first bytes, the rest zero */
		if (in->nonce) {
			const uint8_t *rd = vendor->report_data(out);
			bool ok = in->nonce_len <= EVIDENCE_REPORT_DATA_LEN &&
				  bytes_ct_eq(in->nonce, rd, in->nonce_len);

			for (size_t i = in->nonce_len; ok && i < EVIDENCE_REPORT_DATA_LEN; i++)
				ok = rd[i] == 0;
			out->nonce_checked = true;
			out->nonce_ok = ok;
		}
	} else {
		strbuf_set2(why, why_len,
			"input is neither FUTEET evidence (CMW collection), a TDX quote nor a 1184-byte SEV-SNP report: ",
			futeet_strerror(rc));
		return -EBADMSG;
	}

	if (out->nonce_checked && !out->nonce_ok) {
		vec_set(out, AR4SI_SOURCED_DATA, AR4SI_CONTRAINDICATED);
		reason(out, EAR_TIER_CONTRAINDICATED,
		       out->unified ? "eat_nonce does not equal the expected nonce"
				    : "REPORT_DATA does not start with the expected nonce (rest zero)",
		       NULL);
	}
	vendor->finish(p, out->unified ? v.ccel : in->ccel, out->unified ? v.ccel_len : in->ccel_len,
		       out);
	freshness_rule(p, out);
	return 0;
done:
	appraise_finalize(out);
	return 0;
}

void appraise_finalize(struct appraise_result *r)
{
	if (r->status == EAR_TIER_NONE)
		r->status = EAR_TIER_AFFIRMING;
	for (int i = 0; i < AR4SI_COUNT; i++) {
		uint8_t t = appraise_value_tier(r->vector[i]);
		if (t > r->status)
			r->status = t;
	}
}

void appraise_policy_step(const struct policy *p, struct appraise_result *r)
{
	derive_caps(r);
	apply_policy(p, r);
	appraise_finalize(r);
}
