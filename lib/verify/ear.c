/* EAR writer; see ear.h. One emitter drives both encodings: JSON names and
 * hex strings, or CBOR integer keys (where EAR/EAT define them) and byte
 * strings. Layout (JSON names):
 *
 *   { "eat_profile", "iat", "ear.verifier-id": {developer, build}, ?"eat_nonce",
 *     "submods": { "cpu0": { "ear.status", "ear.trustworthiness-vector",
 *        "ear.appraisal-policy-id", "ear.veraison.annotated-evidence": {...},
 *        "futeet.reasons": [...] } } }
 */
#include <string.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/base64.h"
#include "lib/bytes.h"
#include "lib/caps_decode.h"
#include "lib/caps_fields.h"
#include "lib/cbor.h"
#include "lib/evidence.h"
#include "lib/json.h"
#include "lib/verify/ear.h"

#define EW_MAX_DEPTH 16u
#define EW_NO_KEY INT64_MIN

struct ew {
	enum ear_format fmt;
	struct json_w j;
	struct cbor_enc c;
	unsigned depth;
	bool bad;
	size_t mark[EW_MAX_DEPTH];
	uint64_t count[EW_MAX_DEPTH];
	uint8_t major[EW_MAX_DEPTH];
};

static void ew_item(struct ew *w)
{
	/* an array element counts when written; a map pair counts at its key */
	if (w->fmt == EAR_FORMAT_CBOR && w->depth && w->major[w->depth - 1] == CBOR_MAJOR_ARRAY)
		w->count[w->depth - 1]++;
}

static void ew_open(struct ew *w, uint8_t major)
{
	if (w->fmt == EAR_FORMAT_JSON) {
		if (major == CBOR_MAJOR_MAP)
			json_w_obj_begin(&w->j);
		else
			json_w_arr_begin(&w->j);
		return;
	}
	ew_item(w);
	if (w->depth >= EW_MAX_DEPTH) {
		w->bad = true;
		return;
	}
	w->mark[w->depth] = cbor_open_container(&w->c);
	w->count[w->depth] = 0;
	w->major[w->depth] = major;
	w->depth++;
}

static void ew_close(struct ew *w)
{
	if (w->fmt == EAR_FORMAT_JSON) {
		/* the JSON writer knows what it opened */
		return;
	}
	if (w->depth == 0) {
		w->bad = true;
		return;
	}
	w->depth--;
	cbor_close_container(&w->c, w->mark[w->depth], w->major[w->depth], w->count[w->depth]);
}

static void ew_map(struct ew *w) { ew_open(w, CBOR_MAJOR_MAP); }
static void ew_arr(struct ew *w) { ew_open(w, CBOR_MAJOR_ARRAY); }
static void ew_end_map(struct ew *w)
{
	if (w->fmt == EAR_FORMAT_JSON)
		json_w_obj_end(&w->j);
	ew_close(w);
}
static void ew_end_arr(struct ew *w)
{
	if (w->fmt == EAR_FORMAT_JSON)
		json_w_arr_end(&w->j);
	ew_close(w);
}

/* A map key: JSON uses name; CBOR uses ckey when EAR/EAT define one. */
static void ew_key(struct ew *w, const char *name, int64_t ckey)
{
	if (w->fmt == EAR_FORMAT_JSON) {
		json_w_key(&w->j, name);
		return;
	}
	if (w->depth)
		w->count[w->depth - 1]++;
	if (ckey != EW_NO_KEY)
		cbor_put_int(&w->c, ckey);
	else
		cbor_put_tstr_z(&w->c, name);
}

static void ew_str(struct ew *w, const char *s)
{
	if (w->fmt == EAR_FORMAT_JSON) {
		json_w_str(&w->j, s);
		return;
	}
	ew_item(w);
	cbor_put_tstr_z(&w->c, s);
}

static void ew_bytes(struct ew *w, const uint8_t *p, size_t n)
{
	if (w->fmt == EAR_FORMAT_JSON) {
		json_w_hex(&w->j, p, n);
		return;
	}
	ew_item(w);
	cbor_put_bstr(&w->c, p, n);
}

static void ew_int(struct ew *w, int64_t v)
{
	if (w->fmt == EAR_FORMAT_JSON) {
		json_w_int(&w->j, v);
		return;
	}
	ew_item(w);
	cbor_put_int(&w->c, v);
}

static void ew_uint(struct ew *w, uint64_t v)
{
	if (w->fmt == EAR_FORMAT_JSON) {
		json_w_uint(&w->j, v);
		return;
	}
	ew_item(w);
	cbor_put_uint(&w->c, v);
}

static void ew_bool(struct ew *w, bool b)
{
	if (w->fmt == EAR_FORMAT_JSON) {
		json_w_bool(&w->j, b);
		return;
	}
	ew_item(w);
	cbor_put_bool(&w->c, b);
}

/* ---- helpers ----------------------------------------------------------- */

static void kv_str(struct ew *w, const char *k, const char *v) { ew_key(w, k, EW_NO_KEY); ew_str(w, v); }
static void kv_bytes(struct ew *w, const char *k, const uint8_t *p, size_t n)
{
	ew_key(w, k, EW_NO_KEY);
	ew_bytes(w, p, n);
}
static void kv_uint(struct ew *w, const char *k, uint64_t v) { ew_key(w, k, EW_NO_KEY); ew_uint(w, v); }
static void kv_bool(struct ew *w, const char *k, bool v) { ew_key(w, k, EW_NO_KEY); ew_bool(w, v); }

/* One TCB_VERSION: decoded components (per generation) and the raw value. */
static void write_tcb(struct ew *w, const char *k, uint64_t raw, enum snp_product prod)
{
	struct snp_tcb t;
	uint8_t le[8];
	ew_key(w, k, EW_NO_KEY);
	ew_map(w);
	if (snp_tcb_decode(raw, prod, &t) == 0) {
		kv_uint(w, "bl", t.bl);
		kv_uint(w, "tee", t.tee);
		kv_uint(w, "snp", t.snp);
		kv_uint(w, "ucode", t.ucode);
		if (t.has_fmc)
			kv_uint(w, "fmc", t.fmc);
	}
	/* raw bytes as in the report (little-endian u64, SNP ABI 56860) */
	bytes_put_le64(le, raw);
	kv_bytes(w, "raw", le, sizeof(le));
	ew_end_map(w);
}

static void write_version(struct ew *w, const char *k, uint8_t major, uint8_t minor, uint8_t build)
{
	ew_key(w, k, EW_NO_KEY);
	ew_map(w);
	kv_uint(w, "major", major);
	kv_uint(w, "minor", minor);
	kv_uint(w, "build", build);
	ew_end_map(w);
}

static void write_snp(struct ew *w, const struct appraise_result *r)
{
	const struct snp_report_info *ri = &r->snp.report;
	ew_key(w, "snp", EW_NO_KEY);
	ew_map(w);
	kv_uint(w, "version", ri->version);
	kv_uint(w, "guest_svn", ri->guest_svn);
	kv_uint(w, "policy", ri->policy);
	ew_key(w, "policy_bits", EW_NO_KEY);
	ew_map(w);
	/* SNP ABI 56860 guest policy: ABI_MINOR 7:0, ABI_MAJOR 15:8, bits 16..20 */
	kv_uint(w, "abi_minor", ri->policy & 0xff);
	kv_uint(w, "abi_major", (ri->policy >> 8) & 0xff);
	kv_bool(w, "smt", (ri->policy & SNP_POLICY_SMT) != 0);
	kv_bool(w, "migrate_ma", (ri->policy & SNP_POLICY_MIGRATE_MA) != 0);
	kv_bool(w, "debug", (ri->policy & SNP_POLICY_DEBUG) != 0);
	kv_bool(w, "single_socket", (ri->policy & SNP_POLICY_SINGLE_SOCKET) != 0);
	ew_end_map(w);
	kv_bytes(w, "family_id", ri->family_id, sizeof(ri->family_id));
	kv_bytes(w, "image_id", ri->image_id, sizeof(ri->image_id));
	kv_uint(w, "vmpl", ri->vmpl);
	kv_uint(w, "signature_algo", ri->signature_algo);
	kv_uint(w, "platform_info", ri->platform_info);
	kv_uint(w, "signer_info", ri->signer_info);
	kv_bool(w, "author_key_en", ri->author_key_en);
	kv_bool(w, "mask_chip_id", ri->mask_chip_id);
	kv_str(w, "signing_key", ri->signing_key == SNP_SIGNING_KEY_VCEK ? "vcek" :
				 ri->signing_key == SNP_SIGNING_KEY_VLEK ? "vlek" : "none");
	kv_bytes(w, "report_data", ri->report_data, sizeof(ri->report_data));
	kv_bytes(w, "measurement", ri->measurement, sizeof(ri->measurement));
	kv_bytes(w, "host_data", ri->host_data, sizeof(ri->host_data));
	kv_bytes(w, "id_key_digest", ri->id_key_digest, sizeof(ri->id_key_digest));
	kv_bytes(w, "author_key_digest", ri->author_key_digest, sizeof(ri->author_key_digest));
	kv_bytes(w, "report_id", ri->report_id, sizeof(ri->report_id));
	kv_bytes(w, "report_id_ma", ri->report_id_ma, sizeof(ri->report_id_ma));
	kv_bytes(w, "chip_id", ri->chip_id, sizeof(ri->chip_id));
	if (ri->version >= 3) {
		kv_uint(w, "cpuid_fam_id", ri->cpuid_fam_id);
		kv_uint(w, "cpuid_mod_id", ri->cpuid_mod_id);
		kv_uint(w, "cpuid_step", ri->cpuid_step);
	}
	write_tcb(w, "current_tcb", ri->current_tcb, r->snp.product);
	write_tcb(w, "reported_tcb", ri->reported_tcb, r->snp.product);
	write_tcb(w, "committed_tcb", ri->committed_tcb, r->snp.product);
	write_tcb(w, "launch_tcb", ri->launch_tcb, r->snp.product);
	write_version(w, "current_version", ri->current_major, ri->current_minor, ri->current_build);
	write_version(w, "committed_version", ri->committed_major, ri->committed_minor,
		      ri->committed_build);
	if (ri->version >= 5) {
		kv_uint(w, "launch_mit_vector", ri->launch_mit_vector);
		kv_uint(w, "current_mit_vector", ri->current_mit_vector);
	}
	ew_end_map(w);
}

/* The TDX quote's claims, normalized (DESIGN.md section 5: launch
 * measurement = MRTD, init data = MRCONFIGID, debug = TD_ATTRIBUTES bit 0,
 * runtime registers = RTMR0..3) and the TCB status from the collateral. */
static void write_tdx(struct ew *w, const struct appraise_result *r)
{
	const struct tdx_body_info *b = &r->tdx.quote.body;
	const struct tdx_tcb_eval *t = &r->tcb;
	bool debug = (b->td_attributes & TDX_TD_ATTR_DEBUG) != 0;
	uint8_t attr[8], xfam[8], seam[8];
	size_t i;

	for (i = 0; i < 8; i++) {
		attr[i] = (uint8_t)(b->td_attributes >> (8 * i));
		xfam[i] = (uint8_t)(b->xfam >> (8 * i));
		seam[i] = (uint8_t)(b->seam_attributes >> (8 * i));
	}
	kv_bytes(w, "launch_measurement", b->mrtd, sizeof(b->mrtd));
	kv_bytes(w, "init_data", b->mrconfigid, sizeof(b->mrconfigid));
	kv_bytes(w, "report_data", b->report_data, sizeof(b->report_data));
	kv_bool(w, "debug", debug);
	kv_uint(w, "dbgstat", debug ? 0 : 2);
	ew_key(w, "runtime_registers", EW_NO_KEY);
	ew_arr(w);
	for (i = 0; i < TDX_NUM_RTMRS; i++)
		ew_bytes(w, b->rtmr[i], sizeof(b->rtmr[i]));
	ew_end_arr(w);
	kv_str(w, "event_log", r->rtmr_replay < 0 ? "none: the RTMRs are reported as quoted, not replayed"
			       : r->rtmr_replay ? "replays to RTMR0..3"
						: "does NOT replay to the quote's RTMRs");
	if (r->rtmr_replay >= 0)
		kv_uint(w, "event_log_events", r->ccel_events);
	ew_key(w, "tcb", EW_NO_KEY);
	ew_map(w);
	kv_bytes(w, "tee_tcb_svn", b->tee_tcb_svn, sizeof(b->tee_tcb_svn));
	if (r->tdx.quote.body_type == TDX_BODY_TYPE_TD15)
		kv_bytes(w, "tee_tcb_svn2", b->tee_tcb_svn2, sizeof(b->tee_tcb_svn2));
	kv_bytes(w, "fmspc", r->tdx.pck.fmspc, sizeof(r->tdx.pck.fmspc));
	kv_uint(w, "pcesvn", r->tdx.pck.pcesvn);
	kv_bytes(w, "cpusvn", r->tdx.pck.cpusvn, sizeof(r->tdx.pck.cpusvn));
	kv_uint(w, "qe_isvsvn", r->tdx.qe.isv_svn);
	kv_str(w, "status", r->tcb_evaluated ? tdx_tcb_status_name(t->status) : "not-evaluated");
	if (r->tcb_evaluated) {
		kv_str(w, "platform_status", tdx_tcb_status_name(t->platform_status));
		kv_str(w, "qe_status", tdx_tcb_status_name(t->qe_status));
		if (t->tcb_date[0])
			kv_str(w, "tcb_date", t->tcb_date);
		kv_uint(w, "tcb_evaluation_number", t->tcb_eval_number);
		ew_key(w, "advisory_ids", EW_NO_KEY);
		ew_arr(w);
		for (i = 0; i < t->n_advisories; i++)
			ew_str(w, t->advisories[i]);
		ew_end_arr(w);
	}
	ew_end_map(w);
	kv_bytes(w, "platform_id", r->tdx.pck.ppid, sizeof(r->tdx.pck.ppid));
	kv_str(w, "root_of_trust", r->sim ? "futeet-sim-test-root" : "intel-sgx-root-ca");
	kv_str(w, "certificate_validity", r->time_checked ? "checked" : "not-checked");
	if (r->time_checked) {
		ew_key(w, "validity_time", EW_NO_KEY);
		ew_int(w, r->time_used);
	}
	ew_key(w, "tdx", EW_NO_KEY);
	ew_map(w);
	kv_uint(w, "quote_version", r->tdx.quote.version);
	kv_uint(w, "body_type", r->tdx.quote.body_type);
	kv_bytes(w, "mr_td", b->mrtd, sizeof(b->mrtd));
	for (i = 0; i < TDX_NUM_RTMRS; i++) {
		char k[8] = "rtmr0";
		k[4] = (char)('0' + i);
		kv_bytes(w, k, b->rtmr[i], sizeof(b->rtmr[i]));
	}
	kv_bytes(w, "mr_config_id", b->mrconfigid, sizeof(b->mrconfigid));
	kv_bytes(w, "mr_owner", b->mrowner, sizeof(b->mrowner));
	kv_bytes(w, "mr_owner_config", b->mrownerconfig, sizeof(b->mrownerconfig));
	kv_bytes(w, "mr_seam", b->mrseam, sizeof(b->mrseam));
	kv_bytes(w, "mr_signer_seam", b->mrsignerseam, sizeof(b->mrsignerseam));
	kv_bytes(w, "seam_attributes", seam, sizeof(seam));
	kv_bytes(w, "td_attributes", attr, sizeof(attr));
	ew_key(w, "td_attributes_decoded", EW_NO_KEY);
	ew_map(w);
	kv_bool(w, "debug", debug);
	kv_bool(w, "sept_ve_disable", (b->td_attributes & TDX_TD_ATTR_SEPT_VE_DISABLE) != 0);
	kv_bool(w, "pks", (b->td_attributes & TDX_TD_ATTR_PKS) != 0);
	kv_bool(w, "key_locker", (b->td_attributes & TDX_TD_ATTR_KL) != 0);
	kv_bool(w, "perfmon", (b->td_attributes & TDX_TD_ATTR_PERFMON) != 0);
	ew_end_map(w);
	kv_bytes(w, "xfam", xfam, sizeof(xfam));
	if (r->tdx.quote.body_type == TDX_BODY_TYPE_TD15)
		kv_bytes(w, "mr_servicetd", b->mrservicetd, sizeof(b->mrservicetd));
	kv_bytes(w, "pceid", r->tdx.pck.pceid, sizeof(r->tdx.pck.pceid));
	kv_str(w, "pck_ca", r->tdx.processor_ca ? "processor" : "platform");
	kv_uint(w, "trailing_bytes", r->tdx.quote.trailing_len);
	ew_end_map(w);
}

/* The claims' capability descriptor, each value with the provenance the
 * guest gave it and what the verifier found (appraise_claims_caps):
 *   "claims_capabilities": { name: { "value", "provenance", "check" } }
 * value as in docs/FORMATS.md section 5 (text, bool, uint, "all-dram",
 * bytes for the TCB). Only after the binding held. */
static void write_ccap(struct ew *w, const char *name, uint32_t prov, uint8_t check)
{
	ew_key(w, name, EW_NO_KEY);
	ew_map(w);
	kv_str(w, "provenance", caps_prov_name(prov) ? caps_prov_name(prov) : "absent");
	kv_str(w, "check", appraise_ccap_check_name(check));
	ew_key(w, "value", EW_NO_KEY);
}

static void write_claims_caps(struct ew *w, const struct appraise_result *r)
{
	const struct futeet_caps *c = &r->ccaps;

	ew_key(w, "claims_capabilities", EW_NO_KEY);
	ew_map(w);
	if (c->tee_prov.prov) {
		const char *s[3] = { c->tee, c->vendor, c->arch };

		for (unsigned k = 0; k < 3; k++) {
			write_ccap(w, caps_key_name(CAPS_KEY_TEE + k), c->tee_prov.prov,
				   r->ccaps_check[CAPS_KEY_TEE + k]);
			ew_str(w, s[k]);
			ew_end_map(w);
		}
	}
	for (size_t i = 0; i < caps_nfields; i++) {
		const struct caps_field *f = &caps_fields[i];
		const struct futeet_cap *v = (const void *)((const uint8_t *)c + f->off);

		if (v->prov == FUTEET_PROV_ABSENT)
			continue;
		write_ccap(w, caps_key_name(f->key), v->prov, r->ccaps_check[f->key]);
		if (f->type == CAPS_V_BOOL)
			ew_bool(w, v->value != 0);
		else if (f->type == CAPS_V_TEXT)
			ew_str(w, caps_field_name(f, v->value)); /* decoded: in range */
		else if (f->type == CAPS_V_MEM && v->value == FUTEET_SECURE_MEMORY_ALL)
			ew_str(w, "all-dram");
		else
			ew_uint(w, v->value);
		ew_end_map(w);
	}
	if (c->tcb.prov) {
		write_ccap(w, caps_key_name(CAPS_KEY_TCB), c->tcb.prov, r->ccaps_check[CAPS_KEY_TCB]);
		ew_bytes(w, c->tcb_raw, c->tcb_len);
		ew_end_map(w);
	}
	ew_end_map(w);
}

static const char *const vector_names[AR4SI_COUNT] = {
	"instance-identity", "configuration", "executables", "file-system",
	"hardware", "runtime-opaque", "storage-opaque", "sourced-data",
};

static const char *rule(int8_t v)
{
	return v < 0 ? "not-configured" : v ? "passed" : "failed";
}

static void write_annotated(struct ew *w, const struct appraise_result *r)
{
	const struct snp_report_info *ri = &r->snp.report;

	ew_key(w, "ear.veraison.annotated-evidence", EAR_KEY_ANNOTATED);
	ew_map(w);
	kv_str(w, "tee", r->tee ? r->tee : "unknown");
	kv_str(w, "provider", r->provider);
	kv_str(w, "evidence_format", r->unified ? "futeet-cmw" : r->tdx_quote ? "tdx-quote" : "snp-report");
	kv_bool(w, "vendor_verified", r->vendor_verified);
	if (r->have_claims) {
		kv_bytes(w, "eat_nonce", r->eat_nonce, r->eat_nonce_len);
		kv_str(w, "report_data_binding",
		       r->binding == APPRAISE_BINDING_OK ? "sha512-claims-ok" :
		       r->binding == APPRAISE_BINDING_MISMATCH ? "mismatch" : "not-checked");
	}
	kv_str(w, "nonce_check", !r->nonce_checked ? "not-checked" : r->nonce_ok ? "ok" : "mismatch");
	/* claims the report vouches for (only after the binding held) */
	if (r->binding == APPRAISE_BINDING_OK) {
		if (r->swname[0])
			kv_str(w, "swname", r->swname);
		if (r->swversion[0])
			kv_str(w, "swversion", r->swversion);
		if (r->kernel_in_launch[0])
			kv_str(w, "kernel_in_launch_measurement", r->kernel_in_launch);
		if (r->cnf_crv) {
			/* the attested key (RFC 8747 cnf), bound through REPORT_DATA */
			ew_key(w, "cnf", EW_NO_KEY);
			ew_map(w);
			kv_str(w, "kty", "EC2");
			kv_str(w, "crv", r->cnf_crv == COSE_CRV_P256 ? "P-256" : "P-384");
			kv_bytes(w, "x", r->cnf_x, r->cnf_coord_len);
			kv_bytes(w, "y", r->cnf_y, r->cnf_coord_len);
			ew_end_map(w);
		}
		if (r->ccaps_ok > 0)
			write_claims_caps(w, r);
		if (r->claims_rtm >= 0) {
			/* registers 2/3 as the claims list them, and their log */
			ew_key(w, "kernel_registers", EW_NO_KEY);
			ew_map(w);
			kv_str(w, "source", r->tdx_quote ? "tdx-rtmr" : "kernel-software-register");
			for (uint32_t i = 0; i < r->claims_rtm_count; i++) {
				char k[2] = { (char)('0' + r->claims_rtm_index[i] % 10), 0 };
				kv_bytes(w, k, r->claims_rtm_value[i], sizeof(r->claims_rtm_value[i]));
			}
			kv_str(w, "event_log", r->claims_rtm ? "replays" : "does NOT replay");
			kv_uint(w, "event_log_events", r->claims_rtm_events);
			ew_end_map(w);
		}
	}
	if (r->tdx_quote && r->vendor_verified)
		write_tdx(w, r);
	if (r->have_report) {
		bool debug = (ri->policy & SNP_POLICY_DEBUG) != 0;
		kv_bytes(w, "launch_measurement", ri->measurement, sizeof(ri->measurement));
		kv_bytes(w, "init_data", ri->host_data, sizeof(ri->host_data));
		kv_bytes(w, "report_data", ri->report_data, sizeof(ri->report_data));
		kv_bool(w, "debug", debug);
		/* RFC 9711 dbgstat: 0 enabled, 2 disabled-since-boot */
		kv_uint(w, "dbgstat", debug ? 0 : 2);
		ew_key(w, "runtime_registers", EW_NO_KEY);
		ew_arr(w);
		ew_end_arr(w);
		kv_str(w, "event_log", r->claims_rtm < 0 ?
		       "none: SEV-SNP has no runtime measurement registers; nothing replayed" :
		       "SEV-SNP has no runtime measurement registers: see kernel_registers");
		ew_key(w, "tcb", EW_NO_KEY);
		ew_map(w);
		kv_str(w, "product", snp_product_name(r->snp.product));
		write_tcb(w, "reported", ri->reported_tcb, r->snp.product);
		write_tcb(w, "current", ri->current_tcb, r->snp.product);
		write_tcb(w, "committed", ri->committed_tcb, r->snp.product);
		write_tcb(w, "launch", ri->launch_tcb, r->snp.product);
		kv_str(w, "status", r->tcb_ok < 0 ? "unknown" : r->tcb_ok ? "meets-minimum"
									   : "below-minimum");
		ew_end_map(w);
		kv_bytes(w, "platform_id", ri->chip_id, sizeof(ri->chip_id));
		kv_bytes(w, "instance_id", ri->report_id, sizeof(ri->report_id));
		/* which key signed and which root anchors it are known only from a
		 * chain and report signature that verified */
		kv_str(w, "signing_key", !r->vendor_verified ? "unverified" :
					 r->snp.vlek ? "vlek" : "vcek");
		kv_str(w, "root_of_trust", !r->vendor_verified ? "unverified" :
					   r->sim ? "futeet-sim-test-root" : "amd-ark");
		kv_str(w, "certificate_validity", r->time_checked ? "checked" : "not-checked");
		if (r->time_checked) {
			ew_key(w, "validity_time", EW_NO_KEY);
			ew_int(w, r->time_used);
		}
	}
	if (r->n_caps) {
		ew_key(w, "capabilities", EW_NO_KEY);
		ew_map(w);
		for (size_t i = 0; i < r->n_caps; i++) {
			ew_key(w, r->caps[i].name, EW_NO_KEY);
			ew_map(w);
			kv_bool(w, "value", r->caps[i].value);
			kv_str(w, "provenance", appraise_src_name(r->caps[i].src));
			ew_end_map(w);
		}
		ew_end_map(w);
	}
	ew_key(w, "policy_rules", EW_NO_KEY);
	ew_map(w);
	kv_str(w, "reference_measurements", rule(r->measurement_ok));
	kv_str(w, "allowed_host_data", rule(r->host_data_ok));
	kv_str(w, "min_tcb", rule(r->tcb_ok));
	kv_str(w, "allowed_products", rule(r->product_ok));
	kv_str(w, "required_capabilities", rule(r->caps_ok));
	ew_end_map(w);
	if (r->have_report)
		write_snp(w, r);
	ew_end_map(w);
}

int ear_write(const struct appraise_result *r, const struct ear_meta *m, enum ear_format fmt,
	      uint8_t *buf, size_t cap, size_t *len)
{
	struct ew w;
	int rc;

	if (!r || !m || !buf || !len)
		return -EINVAL;
	memset(&w, 0, sizeof(w));
	w.fmt = fmt;
	if (fmt == EAR_FORMAT_JSON)
		json_w_init(&w.j, (char *)buf, cap);
	else
		cbor_enc_init(&w.c, buf, cap);

	ew_map(&w);
	ew_key(&w, "eat_profile", EAR_KEY_PROFILE);
	ew_str(&w, EAR_PROFILE);
	ew_key(&w, "iat", EAR_KEY_IAT);
	ew_int(&w, m->iat);
	ew_key(&w, "ear.verifier-id", EAR_KEY_VERIFIER_ID);
	ew_map(&w);
	ew_key(&w, "developer", 0);
	ew_str(&w, "futeet");
	ew_key(&w, "build", 1);
	ew_str(&w, m->build ? m->build : "futeet-verifier");
	ew_end_map(&w);
	if (m->nonce && m->nonce_len) {
		ew_key(&w, "eat_nonce", EAR_KEY_NONCE);
		if (fmt == EAR_FORMAT_JSON) {
			char b[BASE64URL_CHARS(64) + 1];
			/* JSON form: base64url, no padding (RFC 7515 section 2) */
			(void)base64url(m->nonce, m->nonce_len > 64 ? 64 : m->nonce_len, b, sizeof(b));
			ew_str(&w, b);
		} else {
			ew_bytes(&w, m->nonce, m->nonce_len);
		}
	}
	ew_key(&w, "submods", EAR_KEY_SUBMODS);
	ew_map(&w);
	ew_key(&w, EAR_SUBMOD_NAME, EW_NO_KEY);
	ew_map(&w);
	ew_key(&w, "ear.status", EAR_KEY_STATUS);
	if (fmt == EAR_FORMAT_JSON)
		ew_str(&w, appraise_tier_name(r->status));
	else
		ew_uint(&w, r->status);
	ew_key(&w, "ear.trustworthiness-vector", EAR_KEY_VECTOR);
	ew_map(&w);
	for (int i = 0; i < AR4SI_COUNT; i++) {
		ew_key(&w, vector_names[i], i);
		ew_int(&w, r->vector[i]);
	}
	ew_end_map(&w);
	ew_key(&w, "ear.appraisal-policy-id", EAR_KEY_POLICY_ID);
	ew_str(&w, r->policy_id);
	write_annotated(&w, r);
	ew_key(&w, "futeet.reasons", EW_NO_KEY);
	ew_arr(&w);
	for (size_t i = 0; i < r->n_reasons; i++) {
		ew_map(&w);
		kv_str(&w, "tier", appraise_tier_name(r->reasons[i].tier));
		kv_str(&w, "reason", r->reasons[i].text);
		ew_end_map(&w);
	}
	ew_end_arr(&w);
	ew_end_map(&w); /* cpu0 */
	ew_end_map(&w); /* submods */
	ew_end_map(&w);

	if (w.bad)
		return -EINVAL;
	if (fmt == EAR_FORMAT_JSON)
		return json_w_finish(&w.j, len);
	if (w.depth)
		return -EINVAL;
	rc = cbor_enc_finish(&w.c, len);
	return rc;
}
