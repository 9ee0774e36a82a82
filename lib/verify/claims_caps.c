/* The claims' capability descriptor, checked (appraise.h,
 * appraise_claims_caps). The guest writes each value with a provenance
 * (docs/FORMATS.md section 5); the verifier holds it to that word:
 *   hardware-attested  -> the same field of the verified vendor report:
 *                         debug (SNP POLICY bit 19, SNP ABI 56860 rev 1.57
 *                         table 9; TDX TD_ATTRIBUTES bit 0), migration (SNP
 *                         POLICY bit 18 MIGRATE_MA; TDX TD_ATTRIBUTES bit
 *                         29), privilege level (SNP VMPL), TCB (SNP
 *                         REPORTED_TCB, 8 bytes little-endian as in the
 *                         report; TDX TEE_TCB_SVN, 16 bytes);
 *   verifier-derived   -> the static table's row (lib/caps.c) for the TEE
 *                         the root of trust established, not the one the
 *                         descriptor names;
 *   guest-asserted     -> nothing to compare: reported as such.
 * The kernel takes debug/VMPL/TCB from an earlier report of the same boot,
 * so they equal this report's unless the host changed the TCB in between
 * (a warning); debug, migration and VMPL cannot change in a running guest. */
#include <string.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "futeet/tdx_abi.h"
#include "lib/bytes.h"
#include "lib/caps_decode.h"
#include "lib/caps_fields.h"
#include "lib/verify/appraise.h"

const char *appraise_ccap_check_name(uint8_t check)
{
	switch (check) {
	case APPRAISE_CCAP_GUEST: return "guest-asserted";
	case APPRAISE_CCAP_REPORT_OK: return "equals-report";
	case APPRAISE_CCAP_TABLE_OK: return "equals-table";
	case APPRAISE_CCAP_REPORT_DIFFERS: return "differs-from-report";
	case APPRAISE_CCAP_TABLE_DIFFERS: return "differs-from-table";
	case APPRAISE_CCAP_UNCHECKED: return "not-checked";
	default: return "absent";
	}
}

/* The TEE the vendor step established from the root of trust. */
static uint32_t verified_kind(const struct appraise_result *r)
{
	if (r->tdx_quote)
		return r->sim ? FUTEET_TEE_SIM_TDX : FUTEET_TEE_TDX;
	if (r->have_report)
		return r->sim ? FUTEET_TEE_SIM_SNP : FUTEET_TEE_SEV_SNP;
	return CAPS_KIND_UNKNOWN;
}

/* The report's value of a hardware-attested field; false: no such field. */
static bool report_value(const struct appraise_result *r, unsigned key, uint64_t *v)
{
	if (r->tdx_quote) {
		uint64_t a = r->tdx.quote.body.td_attributes;

		if (key == CAPS_KEY_DEBUG)
			*v = (a & TDX_TD_ATTR_DEBUG) != 0;
		else if (key == CAPS_KEY_MIGRATION)
			*v = (a & TDX_TD_ATTR_MIGRATABLE) != 0;
		else
			return false;
		return true;
	}
	if (key == CAPS_KEY_DEBUG)
		*v = (r->snp.report.policy & SNP_POLICY_DEBUG) != 0;
	else if (key == CAPS_KEY_MIGRATION)
		*v = (r->snp.report.policy & SNP_POLICY_MIGRATE_MA) != 0;
	else if (key == CAPS_KEY_PRIVILEGE_LEVEL)
		*v = r->snp.report.vmpl;
	else
		return false;
	return true;
}

static void differs(struct appraise_result *r, unsigned key, bool hw)
{
	/* debug, migration and VMPL are fixed at launch: a claim the report
	 * contradicts is a false claim; the TCB may move, the table may be
	 * another build's */
	bool lie = hw && key != CAPS_KEY_TCB;

	appraise_vec_set(r, AR4SI_SOURCED_DATA, lie ? AR4SI_CONTRAINDICATED : AR4SI_WARNING);
	appraise_reason(r, lie ? EAR_TIER_CONTRAINDICATED : EAR_TIER_WARNING,
			hw ? "the claims' capability descriptor differs from the verified report: "
			   : "the claims' capability descriptor differs from the verifier's table for this TEE: ",
			caps_key_name(key));
}

void appraise_claims_caps(struct appraise_result *r)
{
	struct futeet_caps table;
	uint32_t kind = verified_kind(r);
	bool have_table;

	r->ccaps_ok = -1;
	memset(r->ccaps_check, 0, sizeof(r->ccaps_check));
	if (r->binding != APPRAISE_BINDING_OK || r->claims_caps_len == 0)
		return;
	if (caps_decode(r->claims_caps, r->claims_caps_len, &r->ccaps, NULL) != 0) {
		r->ccaps_ok = 0;
		appraise_vec_set(r, AR4SI_SOURCED_DATA, AR4SI_WARNING);
		appraise_reason(r, EAR_TIER_WARNING,
				"the claims' capability descriptor is malformed: left out", NULL);
		return;
	}
	r->ccaps_ok = 1;
	have_table = caps_from_table(kind, FUTEET_PROV_VERIFIER, &table) == 0;

	/* keys 1..3: the TEE's identity, one provenance */
	if (r->ccaps.tee_prov.prov != FUTEET_PROV_ABSENT) {
		uint8_t chk = APPRAISE_CCAP_GUEST;

		if (r->ccaps.kind != kind) {
			chk = APPRAISE_CCAP_TABLE_DIFFERS;
			appraise_vec_set(r, AR4SI_SOURCED_DATA, AR4SI_CONTRAINDICATED);
			appraise_reason(r, EAR_TIER_CONTRAINDICATED,
					"the claims' capability descriptor names another TEE than the evidence: ",
					r->ccaps.tee);
		} else if (r->ccaps.tee_prov.prov != FUTEET_PROV_GUEST) {
			chk = APPRAISE_CCAP_TABLE_OK;
		}
		r->ccaps_check[CAPS_KEY_TEE] = r->ccaps_check[CAPS_KEY_VENDOR] =
			r->ccaps_check[CAPS_KEY_ARCH] = chk;
	}

	for (size_t i = 0; i < caps_nfields; i++) {
		const struct caps_field *f = &caps_fields[i];
		const struct futeet_cap *v = (const void *)((const uint8_t *)&r->ccaps + f->off);
		const struct futeet_cap *t = (const void *)((const uint8_t *)&table + f->off);
		uint8_t *chk = &r->ccaps_check[f->key];
		uint64_t want;

		switch (v->prov) {
		case FUTEET_PROV_ABSENT:
			*chk = APPRAISE_CCAP_ABSENT;
			break;
		case FUTEET_PROV_HW:
			if (!report_value(r, f->key, &want))
				*chk = APPRAISE_CCAP_UNCHECKED;
			else if (want == v->value)
				*chk = APPRAISE_CCAP_REPORT_OK;
			else {
				*chk = APPRAISE_CCAP_REPORT_DIFFERS;
				differs(r, f->key, true);
			}
			break;
		case FUTEET_PROV_VERIFIER:
			if (have_table && t->prov != FUTEET_PROV_ABSENT && t->value == v->value)
				*chk = APPRAISE_CCAP_TABLE_OK;
			else {
				*chk = APPRAISE_CCAP_TABLE_DIFFERS;
				differs(r, f->key, false);
			}
			break;
		default:
			*chk = APPRAISE_CCAP_GUEST;
			break;
		}
	}

	if (r->ccaps.tcb.prov == FUTEET_PROV_HW) {
		uint8_t le[8];
		const uint8_t *want = le;
		size_t n = sizeof(le);

		if (r->tdx_quote) {
			want = r->tdx.quote.body.tee_tcb_svn;
			n = sizeof(r->tdx.quote.body.tee_tcb_svn);
		} else {
			bytes_put_le64(le, r->snp.report.reported_tcb);
		}
		if (r->ccaps.tcb_len == n && memcmp(r->ccaps.tcb_raw, want, n) == 0) {
			r->ccaps_check[CAPS_KEY_TCB] = APPRAISE_CCAP_REPORT_OK;
		} else {
			r->ccaps_check[CAPS_KEY_TCB] = APPRAISE_CCAP_REPORT_DIFFERS;
			differs(r, CAPS_KEY_TCB, true);
		}
	} else if (r->ccaps.tcb.prov != FUTEET_PROV_ABSENT) {
		r->ccaps_check[CAPS_KEY_TCB] = r->ccaps.tcb.prov == FUTEET_PROV_GUEST ?
			APPRAISE_CCAP_GUEST : APPRAISE_CCAP_UNCHECKED;
	}
}
