/* futeet-verify --format text (see text.h). Layout:
 *
 *   FUTEET attestation result: <status>
 *     <label, 20 columns>  <value>           common part: the evidence
 *     ...                                    one part per vendor (text_snp;
 *     reasons             <tier>: <text>     a TDX quote adds text_tdx)
 *
 * Every line says whether its fact comes from a verified report: a field
 * read from a report whose signature or chain failed is marked so. Only the
 * host tool prints this; the guest returns the EAR. */
#include <string.h>
#include <time.h>

#include "futeet/errno.h"
#include "lib/bytes.h"
#include "lib/strbuf.h"
#include "lib/caps_decode.h"
#include "lib/snp/report.h"
#include "lib/snp/tcb.h"
#include "tools/futeet-verify/text.h"

#define COL "%-20s"

static void hex(FILE *f, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void when(FILE *f, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char b[32];

	if (gmtime_r(&tt, &tm) && strftime(b, sizeof(b), "%Y-%m-%dT%H:%M:%SZ", &tm))
		fputs(b, f);
	else
		fprintf(f, "%lld (unix seconds)", (long long)t);
}

static const char *rule(int8_t v, const char *pass, const char *failed, const char *unset)
{
	return v > 0 ? pass : v == 0 ? failed : unset;
}

/* What the verifier made of the descriptor's values (appraise_claims_caps):
 * the ones checked against the report, against the table, and the rest. */
static void text_ccaps(FILE *f, const struct appraise_result *r)
{
	static const uint8_t kinds[] = { APPRAISE_CCAP_REPORT_OK, APPRAISE_CCAP_REPORT_DIFFERS,
					 APPRAISE_CCAP_TABLE_OK, APPRAISE_CCAP_TABLE_DIFFERS,
					 APPRAISE_CCAP_GUEST, APPRAISE_CCAP_UNCHECKED };

	for (size_t k = 0; k < sizeof(kinds); k++) {
		bool any = false;

		for (unsigned key = CAPS_KEY_TEE; key <= CAPS_KEY_TCB; key++) {
			if (r->ccaps_check[key] != kinds[k])
				continue;
			if (!any)
				fprintf(f, "  " COL "%s:", "", appraise_ccap_check_name(kinds[k]));
			fprintf(f, " %s", caps_key_name(key));
			any = true;
		}
		if (any)
			fputc('\n', f);
	}
}

/* The binding of the FUTEET claims set, or a raw report's REPORT_DATA. */
static void text_binding(FILE *f, const struct appraise_result *r, const struct text_meta *m)
{
	if (r->unified) {
		fprintf(f, "  " COL "%s\n", "binding",
			r->binding == APPRAISE_BINDING_OK ? "REPORT_DATA = SHA-512(claims set): ok" :
			r->binding == APPRAISE_BINDING_MISMATCH ?
				"REPORT_DATA is NOT SHA-512(claims set): the claims are not vouched for" :
				"not checked (the vendor report did not verify)");
		fprintf(f, "  " COL, "nonce");
		if (r->have_claims && r->eat_nonce_len) {
			hex(f, r->eat_nonce, r->eat_nonce_len);
			fputs(" (the claims' eat_nonce)", f);
		} else {
			fputs("none in the claims", f);
		}
	} else {
		fprintf(f, "  " COL "none: a raw report binds only its REPORT_DATA\n", "binding");
		fprintf(f, "  " COL, "report data");
		if (r->have_report)
			hex(f, r->snp.report.report_data, sizeof(r->snp.report.report_data));
		else if (r->tdx_quote)
			hex(f, r->tdx.quote.body.report_data, sizeof(r->tdx.quote.body.report_data));
		fprintf(f, "\n  " COL, "nonce");
		if (m->nonce) {
			hex(f, m->nonce, m->nonce_len);
			fputs(" (expected at the start of REPORT_DATA)", f);
		}
	}
	if (m->nonce || r->unified)
		fputs(": ", f);
	if (r->unified && r->binding != APPRAISE_BINDING_OK)
		fputs("not vouched for by the report (no binding)\n", f);
	else if (!m->nonce)
		fputs("no expected nonce given: freshness not checked\n", f);
	else if (!r->nonce_checked)
		fputs("expected nonce not checked\n", f);
	else
		fprintf(f, "%s the expected nonce\n", r->nonce_ok ? "equals" : "does NOT equal");
	if (r->unified && r->binding == APPRAISE_BINDING_OK && r->kernel_in_launch[0])
		fprintf(f, "  " COL "%s\n", "kernel in launch",
			!strcmp(r->kernel_in_launch, "no") ? (r->tdx_quote ?
			"no: the launch measurement (MRTD) covers the firmware only; the kernel is in RTMR1/RTMR2 (the guest's claim)" :
			"no: the launch measurement covers the firmware only (the guest's claim: on the sim, the sim's word)") :
			!strcmp(r->kernel_in_launch, "firmware-dependent") ?
			"only if the firmware checked kernel hashes (the guest's claim); a policy with a firmware reference decides" :
			!strcmp(r->kernel_in_launch, "yes") ?
			"yes: the launch measurement covers the kernel and command line (the guest's claim: on the sim, the sim's word)" :
			r->kernel_in_launch);
	if (r->unified && r->binding == APPRAISE_BINDING_OK && r->claims_rtm >= 0) {
		fprintf(f, "  " COL "%s (%u events)\n", "kernel registers",
			r->claims_rtm ? (r->tdx_quote ?
			"2 and 3 replay from the claims' event log and equal the quote's RTMR2/3" :
			"2 and 3 (kernel software registers) replay from the claims' event log") :
			"registers 2/3 do NOT replay from the claims' event log",
			(unsigned)r->claims_rtm_events);
		for (uint32_t i = 0; i < r->claims_rtm_count; i++) {
			fprintf(f, "  " COL, "");
			fprintf(f, "register %u ", (unsigned)r->claims_rtm_index[i]);
			hex(f, r->claims_rtm_value[i], sizeof(r->claims_rtm_value[i]));
			fputc('\n', f);
		}
	}
	if (r->unified && r->binding == APPRAISE_BINDING_OK && r->claims_caps_len) {
		struct futeet_caps c;

		if (caps_decode(r->claims_caps, r->claims_caps_len, &c, NULL) != 0) {
			fprintf(f, "  " COL "malformed descriptor in the claims\n", "guest caps");
		} else {
			fprintf(f, "  " COL "%s: confidentiality %s, integrity %s, runtime measurement %s%s (the guest's descriptor)\n",
				"guest caps", c.tee_prov.prov ? c.tee : "?",
				c.confidentiality.prov ? caps_value_name(CAPS_KEY_CONFIDENTIALITY, c.confidentiality.value) : "?",
				c.integrity.prov ? caps_value_name(CAPS_KEY_INTEGRITY, c.integrity.value) : "?",
				c.rtm.prov ? caps_value_name(CAPS_KEY_RTM, c.rtm.value) : "?",
				c.host_known_keys.prov && c.host_known_keys.value ? ", keys host-known" : "");
			text_ccaps(f, r);
		}
	}
}

/* AMD SEV-SNP: the report (SNP ABI 56860, ATTESTATION_REPORT) and its chain. */
static void text_snp(FILE *f, const struct appraise_result *r)
{
	const struct snp_report_info *ri = &r->snp.report;
	const char *unv = r->vendor_verified ? "" : " (report not verified)";
	char tcb[64];
	struct strbuf b;

	fprintf(f, "  " COL "AMD SEV-SNP, %s%s\n", "TEE",
		r->snp.product_name[0] ? r->snp.product_name : snp_product_name(r->snp.product),
		r->sim ? " on the FUTEET sim platform (test keys: not confidential)" : "");
	fprintf(f, "  " COL, "launch measurement");
	hex(f, ri->measurement, sizeof(ri->measurement));
	fprintf(f, "%s\n  " COL "%s\n", unv, "",
		!r->vendor_verified ? "not appraised: the report did not verify" :
		rule(r->measurement_ok, "equals a reference measurement of the policy",
		     "is NOT one of the policy's reference measurements",
		     "not appraised: the policy lists no reference measurement"));
	fprintf(f, "  " COL "0x%llx (debug %s), VMPL %u, guest SVN %u, report version %u%s\n",
		"guest policy", (unsigned long long)ri->policy,
		ri->policy & (1ull << 19) ? "ALLOWED" : "off", ri->vmpl, ri->guest_svn, ri->version,
		unv);
	if (!all_zero(ri->host_data, sizeof(ri->host_data))) {
		fprintf(f, "  " COL, "host data");
		hex(f, ri->host_data, sizeof(ri->host_data));
		fprintf(f, " (%s)\n", rule(r->host_data_ok, "allowed by the policy",
					   "NOT allowed by the policy", "not appraised"));
	}
	fprintf(f, "  " COL, "reported TCB");
	if (!r->vendor_verified) {
		/* decoding needs the product, which the chain establishes */
		fprintf(f, "0x%016llx (raw)%s\n", (unsigned long long)ri->reported_tcb, unv);
		fprintf(f, "  " COL "unverified: the report or its chain did not verify\n",
			"signing key");
		fprintf(f, "  " COL "%s\n", "root of trust",
			r->sim ? "FUTEET sim test root: not accepted (test keys; --allow-sim accepts them)" :
				 "unverified");
		return;
	}
	strbuf_init(&b, tcb, sizeof(tcb));
	snp_tcb_describe(&b, &r->snp.reported_tcb);
	fprintf(f, "%s (%s)\n", tcb, rule(r->tcb_ok, "meets the policy minimum",
				   "BELOW the policy minimum", "no minimum in the policy"));
	fprintf(f, "  " COL "%s, chip id ", "signing key", r->snp.vlek ? "VLEK" : "VCEK");
	hex(f, ri->chip_id, 8);
	fputs("...", f);
	fputs(r->snp.chip_id_checked ? " (equals the certificate's hwID)" : "", f);
	fputs(", certificate TCB matches\n", f);
	fprintf(f, "  " COL, "root of trust");
	if (r->sim)
		fputs("FUTEET sim test root (its keys are known to the host)", f);
	else
		fprintf(f, "AMD ARK-%s", snp_product_name(r->snp.product));
	fputs(", SHA-256 ", f);
	hex(f, r->snp.root_sha256, 8);
	fputs("...\n", f);
}

/* Intel TDX: the quote (Intel DCAP quote A.3/A.4), its PCK chain and the
 * TCB status from the collateral. */
static void text_tdx(FILE *f, const struct appraise_result *r)
{
	const struct tdx_body_info *b = &r->tdx.quote.body;
	const char *unv = r->vendor_verified ? "" : " (quote not verified)";

	fprintf(f, "  " COL "Intel TDX, quote v%u, %s body%s\n", "TEE", r->tdx.quote.version,
		r->tdx.quote.body_type == TDX_BODY_TYPE_TD15 ? "TDX 1.5" : "TDX 1.0",
		r->sim ? " on the FUTEET sim platform (test keys: not confidential)" : "");
	fprintf(f, "  " COL, "MRTD");
	hex(f, b->mrtd, sizeof(b->mrtd));
	fprintf(f, "%s\n  " COL "%s\n", unv, "",
		!r->vendor_verified ? "not appraised: the quote did not verify" :
		rule(r->measurement_ok, "equals a reference measurement of the policy",
		     "is NOT one of the policy's reference measurements",
		     "not appraised: the policy lists no reference measurement"));
	for (unsigned i = 0; i < TDX_NUM_RTMRS; i++) {
		char k[8] = "RTMR0";
		k[4] = (char)('0' + i);
		fprintf(f, "  " COL, k);
		hex(f, b->rtmr[i], sizeof(b->rtmr[i]));
		fputc('\n', f);
	}
	fprintf(f, "  " COL "0x%016llx (debug %s)%s\n", "TD attributes",
		(unsigned long long)b->td_attributes,
		b->td_attributes & TDX_TD_ATTR_DEBUG ? "ON" : "off", unv);
	fprintf(f, "  " COL, "TEE TCB SVN");
	hex(f, b->tee_tcb_svn, sizeof(b->tee_tcb_svn));
	fprintf(f, ", FMSPC ");
	hex(f, r->tdx.pck.fmspc, sizeof(r->tdx.pck.fmspc));
	fputc('\n', f);
	fprintf(f, "  " COL, "TCB status");
	if (r->tcb_evaluated) {
		fputs(tdx_tcb_status_name(r->tcb.status), f);
		for (size_t i = 0; i < r->tcb.n_advisories; i++)
			fprintf(f, "%s%s", i ? ", " : " (", r->tcb.advisories[i]);
		fputs(r->tcb.n_advisories ? ")\n" : "\n", f);
	} else {
		fputs("not evaluated (no or unusable collateral)\n", f);
	}
	fprintf(f, "  " COL "%s\n", "root of trust",
		!r->vendor_verified ? "unverified" :
		r->sim ? "FUTEET sim test root (its keys are known to the host)"
		       : "Intel SGX Root CA via the PCK chain in the quote");
}

int verify_text_write(FILE *f, const struct appraise_result *r, const struct text_meta *m)
{
	fprintf(f, "FUTEET attestation result: %s\n", appraise_tier_name(r->status));
	fprintf(f, "  " COL, "evidence");
	if (r->unified)
		fprintf(f, "FUTEET evidence (CMW collection), provider %s\n",
			r->provider[0] ? r->provider : "(none)");
	else if (r->tdx_quote)
		fputs("raw Intel TDX quote\n", f);
	else
		fputs("raw SEV-SNP attestation report\n", f);

	/* One vendor part per kind of evidence. A TDX quote adds its own here
	 * (MRTD, RTMRs, TD attributes, QE and PCK chain). */
	if (r->have_report)
		text_snp(f, r);
	else if (r->tdx_quote)
		text_tdx(f, r);
	else
		fprintf(f, "  " COL "not read: %s\n", "vendor evidence",
			r->tee ? r->tee : "unknown or unsupported evidence");

	text_binding(f, r, m);
	fprintf(f, "  " COL, "certificates");
	if (r->time_checked) {
		fputs("valid at ", f);
		when(f, r->time_used ? r->time_used : m->now);
		fputc('\n', f);
	} else {
		fputs("validity not checked\n", f);
	}
	if (r->policy_id[0])
		fprintf(f, "  " COL "%s\n", "policy", r->policy_id);
	/* The worst first (veraison/ear tier ranges); a reason of tier "none"
	 * is a note, not a finding. */
	{
		static const uint8_t floor[] = { EAR_TIER_CONTRAINDICATED, EAR_TIER_WARNING, 0 };
		const char *label = "reasons";
		size_t n = r->n_reasons < APPRAISE_MAX_REASONS ? r->n_reasons : APPRAISE_MAX_REASONS;

		for (size_t k = 0; k < sizeof(floor); k++)
			for (size_t i = 0; i < n; i++) {
				uint8_t t = r->reasons[i].tier;
				if (t < floor[k] || (k > 0 && t >= floor[k - 1]))
					continue;
				fprintf(f, "  " COL "%s: %s\n", label,
					t == EAR_TIER_NONE ? "note" : appraise_tier_name(t),
					r->reasons[i].text);
				label = "";
			}
		if (label[0])
			fprintf(f, "  " COL "none: every check passed\n", label);
	}
	return fflush(f) || ferror(f) ? -EIO : 0;
}
