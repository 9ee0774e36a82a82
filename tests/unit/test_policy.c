/* lib/json reader, lib/verify/policy (docs/POLICY.md), the appraisal
 * table (claims + policy -> ear.status / AR4SI vector), and appraise()
 * itself on real SEV-SNP evidence (tests/data, MANIFEST.md), on sim-snp
 * evidence (tests/data/sim, made by tests/data/sim/make.sh) and on
 * synthetic chains (tests/vectors/snp_synthetic.h).
 * JSON cases: RFC 8259 grammar (sections 2-7) and its section 13 example;
 * times: RFC 3339 section 5.8 examples, expected unix times from Python's
 * calendar.timegm (independent of this code). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/json.h"
#include "lib/verify/appraise.h"
#include "lib/verify/policy.h"
#include "lib/evidence_decode.h"
#include "lib/snp/verify.h"
#include "tests/unit/testdata.h"
#include "tests/vectors/snp_synthetic.h"

/* ---- JSON reader ------------------------------------------------------- */

/* RFC 8259 section 13, first example (abridged whitespace). */
static const char rfc8259_example[] =
	"{\n  \"Image\": {\n    \"Width\":  800,\n    \"Height\": 600,\n"
	"    \"Title\":  \"View from 15th Floor\",\n    \"Thumbnail\": {\n"
	"      \"Url\":    \"http://www.example.com/image/481989943\",\n"
	"      \"Height\": 125,\n      \"Width\":  100\n    },\n"
	"    \"Animated\" : false,\n    \"IDs\": [116, 943, 234, 38793]\n  }\n}\n";

static void test_json_reads_rfc8259_section13_example(void **state)
{
	struct json_dec d;
	char key[32], s[64];
	size_t kl, sl;
	int64_t v, ids[4];
	size_t nid = 0;
	bool b = true;
	(void)state;

	json_dec_init(&d, rfc8259_example, strlen(rfc8259_example));
	assert_int_equal(json_obj_begin(&d), 0);
	assert_int_equal(json_obj_next(&d, key, sizeof(key), &kl), 1);
	assert_string_equal(key, "Image");
	assert_int_equal(json_obj_begin(&d), 0);
	while (json_obj_next(&d, key, sizeof(key), &kl) == 1) {
		if (!strcmp(key, "Width")) {
			assert_int_equal(json_get_int(&d, &v), 0);
			assert_int_equal(v, 800);
		} else if (!strcmp(key, "Title")) {
			assert_int_equal(json_get_string(&d, s, sizeof(s), &sl), 0);
			assert_string_equal(s, "View from 15th Floor");
		} else if (!strcmp(key, "Animated")) {
			assert_int_equal(json_get_bool(&d, &b), 0);
		} else if (!strcmp(key, "IDs")) {
			assert_int_equal(json_arr_begin(&d), 0);
			while (json_arr_next(&d) == 1) {
				assert_true(nid < 4);
				assert_int_equal(json_get_int(&d, &ids[nid++]), 0);
			}
		} else {
			assert_int_equal(json_skip(&d), 0);
		}
	}
	assert_int_equal(json_obj_next(&d, key, sizeof(key), &kl), 0);
	assert_int_equal(json_end(&d), 0);
	assert_false(b);
	assert_int_equal(nid, 4);
	assert_int_equal(ids[3], 38793);
}

static void test_json_string_escapes_decode_to_utf8(void **state)
{
	/* RFC 8259 section 7: \" \\ \/ \b \f \n \r \t \uXXXX, surrogate pairs */
	static const char in[] = "\"a\\\"b\\\\c\\/d\\n\\u00e9\\u6c34\\ud834\\udd1e\"";
	static const char want[] = "a\"b\\c/d\n\xc3\xa9\xe6\xb0\xb4\xf0\x9d\x84\x9e";
	struct json_dec d;
	char out[64];
	size_t n;
	(void)state;
	json_dec_init(&d, in, strlen(in));
	assert_int_equal(json_get_string(&d, out, sizeof(out), &n), 0);
	assert_int_equal(n, strlen(want));
	assert_string_equal(out, want);
	/* too small a buffer is -ENOSPC, and the cursor does not move */
	json_dec_init(&d, in, strlen(in));
	assert_int_equal(json_get_string(&d, out, 4, &n), -ENOSPC);
	assert_int_equal(d.pos, 0);
}

static void test_json_rejects_documents_outside_rfc8259(void **state)
{
	static const char *const bad[] = {
		"[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{'a':1}", "[01]", "[1.]", "[.5]",
		"[-]", "[1e]", "[NaN]", "[Infinity]", "[tru]", "[nul]", "[\"a\tb\"]",
		"[\"\\x\"]", "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\u0000\"]", "[\"abc]",
		"[1 2]", "{\"a\":1 \"b\":2}", "[", "{", "]", "", "   ", "[1]]", "{}{}",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct json_dec d;
		int r;
		json_dec_init(&d, bad[i], strlen(bad[i]));
		r = json_skip(&d);
		if (r == 0)
			r = json_end(&d);
		if (r == 0)
			fail_msg("accepted: %s", bad[i]);
	}
}

static void test_json_nesting_is_bounded(void **state)
{
	static char deep[200];
	struct json_dec d;
	(void)state;
	memset(deep, '[', 100);
	memset(deep + 100, ']', 100);
	json_dec_init(&d, deep, sizeof(deep));
	assert_int_equal(json_skip(&d), -E2BIG);
	json_dec_init(&d, deep + 100 - 20, 40);
	assert_int_equal(json_skip(&d), 0);
	assert_int_equal(json_end(&d), 0);
}

static void test_json_int_range_and_type(void **state)
{
	struct json_dec d;
	int64_t v;
	(void)state;
	json_dec_init(&d, "9223372036854775807", 19);
	assert_int_equal(json_get_int(&d, &v), 0);
	assert_true(v == INT64_MAX);
	json_dec_init(&d, "-9223372036854775808", 20);
	assert_int_equal(json_get_int(&d, &v), 0);
	assert_true(v == INT64_MIN);
	json_dec_init(&d, "9223372036854775808", 19);
	assert_int_equal(json_get_int(&d, &v), -ERANGE);
	json_dec_init(&d, "1.5", 3);
	assert_int_equal(json_get_int(&d, &v), -EPROTO);
	json_dec_init(&d, "\"1\"", 3);
	assert_int_equal(json_get_int(&d, &v), -EPROTO);
}

/* ---- RFC 3339 ---------------------------------------------------------- */

static void test_rfc3339_examples_convert_to_unix_time(void **state)
{
	static const struct { const char *s; int64_t t; } ok[] = {
		{ "1970-01-01T00:00:00Z", 0 },
		{ "1985-04-12T23:20:50.52Z", 482196050 },        /* RFC 3339 5.8 */
		{ "1996-12-19T16:39:57-08:00", 851042397 },      /* RFC 3339 5.8 */
		{ "1990-12-31T23:59:60Z", 662687999 },           /* leap second, read as :59 */
		{ "1990-12-31T15:59:60-08:00", 662687999 },
		{ "2022-09-24T01:00:00Z", 1663981200 },
		{ "2000-02-29T12:00:00Z", 951825600 },
		{ "2038-01-19T03:14:08Z", 2147483648LL },
		{ "9999-12-31t23:59:59z", 253402300799LL },
	};
	static const char *const bad[] = {
		"1937-01-01T12:00:27.87+00:20", "2021-02-29T00:00:00Z", "2022-13-01T00:00:00Z",
		"2022-09-24 01:00:00Z", "2022-09-24T01:00:00", "2022-09-24T24:00:00Z",
		"2022-09-24T01:00:00.Z", "2022-09-24T01:00:00+0100", "2022-09-24T01:00:00Zjunk",
		"yesterday", "",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int64_t t = -1;
		assert_int_equal(policy_parse_time(ok[i].s, strlen(ok[i].s), &t), 0);
		assert_true(t == ok[i].t);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t t;
		if (policy_parse_time(bad[i], strlen(bad[i]), &t) == 0)
			fail_msg("accepted: %s", bad[i]);
	}
}

/* ---- policy documents -------------------------------------------------- */

static const char full_policy[] =
	"{ \"policy_id\": \"test:full\",\n"
	"  \"comment\": {\"anything\": [1, 2, {\"x\": null}]},\n"
	"  \"reference_measurements\": [\n"
	"    \"a1f3930413247bb38cfc171579ea3c12d5fe4901f0c792f63fd75d98f1ef827c23500644e0e692e6be917f9050d3d38c\",\n"
	"    \"B07AF9620F3B839B47996422DDEC6058338951D984E312115131EA82705EAF5B6BDF8A9ECE31A5A608EB0CF2E4872B01\" ],\n"
	"  \"allowed_host_data\": [\"00000000000000000000000000000000000000000000000000000000000000ff\"],\n"
	"  \"min_tcb\": {\"bl\": 3, \"tee\": 0, \"snp\": 8, \"ucode\": 115, \"fmc\": 1},\n"
	"  \"debug_forbidden\": false, \"allow_sim\": true,\n"
	"  \"allowed_signing_keys\": [\"vlek\"],\n"
	"  \"required_capabilities\": [\"sev-snp\", \"confidential-memory\"],\n"
	"  \"allowed_products\": [\"Milan\", \"Genoa\"],\n"
	"  \"verification_time\": \"2026-01-01T00:00:00Z\" }\n";

static void test_policy_parses_every_documented_key(void **state)
{
	struct policy p;
	char why[160];
	(void)state;
	policy_default(&p);
	assert_int_equal(policy_parse(full_policy, strlen(full_policy), &p, why, sizeof(why)), 0);
	assert_string_equal(p.id, "test:full");
	assert_true(p.measurements_set);
	assert_int_equal(p.n_measurements, 2);
	assert_int_equal(p.measurements[0][0], 0xa1);
	assert_int_equal(p.measurements[1][47], 0x01);
	assert_int_equal(p.measurements[1][0], 0xb0);
	assert_int_equal(p.n_host_data, 1);
	assert_int_equal(p.host_data[0][31], 0xff);
	assert_int_equal(p.min_tcb_bl, 3);
	assert_int_equal(p.min_tcb_snp, 8);
	assert_int_equal(p.min_tcb_ucode, 115);
	assert_int_equal(p.min_tcb_fmc, 1);
	assert_false(p.debug_forbidden);
	assert_true(p.allow_sim);
	assert_false(p.allow_vcek);
	assert_true(p.allow_vlek);
	assert_int_equal(p.n_required_caps, 2);
	assert_string_equal(p.required_caps[1], "confidential-memory");
	assert_int_equal(p.n_products, 2);
	assert_true(p.has_time);
	assert_true(p.verification_time == 1767225600LL); /* timegm(2026-01-01) */
}

static void test_policy_defaults_forbid_debug_and_sim(void **state)
{
	struct policy p;
	char why[160];
	(void)state;
	policy_default(&p);
	assert_int_equal(policy_parse("{}", 2, &p, why, sizeof(why)), 0);
	assert_true(p.debug_forbidden);
	assert_false(p.allow_sim);
	assert_true(p.allow_vcek && p.allow_vlek);
	assert_false(p.measurements_set);
	assert_int_equal(p.min_tcb_bl, POLICY_TCB_UNSET);
	assert_false(p.has_time);
}

static void test_policy_refuses_bad_documents_with_a_reason(void **state)
{
	static const struct { const char *doc; const char *why; } bad[] = {
		{ "{\"reference_measurement\": []}", "unknown key reference_measurement" },
		{ "{\"reference_measurements\": [\"abcd\"]}", "bad hex value" },
		{ "{\"reference_measurements\": \"abcd\"}", "expected an array" },
		{ "{\"allowed_host_data\": [\"zz00000000000000000000000000000000000000000000000000000000000000\"]}",
		  "bad hex value" },
		{ "{\"min_tcb\": {\"microcode\": 1}}", "unknown min_tcb component microcode" },
		{ "{\"min_tcb\": {\"bl\": 256}}", "0..255" },
		{ "{\"min_tcb\": {\"bl\": -1}}", "0..255" },
		{ "{\"debug_forbidden\": \"yes\"}", "true or false" },
		{ "{\"allowed_signing_keys\": [\"ark\"]}", "not ark" },
		{ "{\"verification_time\": \"tomorrow\"}", "RFC 3339" },
		{ "{\"policy_id\": 7}", "policy_id" },
		{ "[]", "must be a JSON object" },
		{ "{\"debug_forbidden\": true", "malformed" },
		{ "{} {}", "trailing data" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct policy p;
		char why[160] = "";
		policy_default(&p);
		if (policy_parse(bad[i].doc, strlen(bad[i].doc), &p, why, sizeof(why)) == 0)
			fail_msg("accepted: %s", bad[i].doc);
		if (!strstr(why, bad[i].why))
			fail_msg("%s: reason \"%s\" lacks \"%s\"", bad[i].doc, why, bad[i].why);
	}
}

static void test_policy_tables_are_bounded(void **state)
{
	static char doc[8192];
	struct policy p;
	char why[160];
	size_t n = 0;
	(void)state;
	n += (size_t)snprintf(doc + n, sizeof(doc) - n, "{\"reference_measurements\": [");
	for (unsigned i = 0; i <= POLICY_MAX_MEASUREMENTS; i++)
		n += (size_t)snprintf(doc + n, sizeof(doc) - n, "%s\"%096u\"", i ? "," : "", i);
	n += (size_t)snprintf(doc + n, sizeof(doc) - n, "]}");
	policy_default(&p);
	assert_int_not_equal(policy_parse(doc, n, &p, why, sizeof(why)), 0);
	assert_non_null(strstr(why, "too many entries"));
}

/* ---- appraisal table --------------------------------------------------- */

/* A verified Milan report: MEASUREMENT = 0x11.., HOST_DATA zero, TCB
 * bl 3 tee 0 snp 8 ucode 115, no debug, VCEK. (Synthetic claims: the policy
 * step runs after vendor verification, which tests/real covers.) */
static void verified_milan(struct appraise_result *r)
{
	memset(r, 0, sizeof(*r));
	r->measurement_ok = r->host_data_ok = r->tcb_ok = r->product_ok = r->caps_ok = -1;
	r->vendor_verified = true;
	r->have_report = true;
	r->tee = "sev-snp";
	r->snp.product = SNP_PRODUCT_MILAN;
	r->snp.report.version = 2;
	r->snp.report.policy = SNP_POLICY_SMT | SNP_POLICY_RSVD1;
	memset(r->snp.report.measurement, 0x11, 48);
	r->snp.reported_tcb = (struct snp_tcb){ .bl = 3, .tee = 0, .snp = 8, .ucode = 115 };
	r->snp.chip_id_checked = true;
	r->time_checked = true;
	r->vector[AR4SI_HARDWARE] = AR4SI_AFFIRMING;
	r->vector[AR4SI_INSTANCE_IDENTITY] = AR4SI_AFFIRMING;
	r->vector[AR4SI_RUNTIME_OPAQUE] = AR4SI_AFFIRMING;
}

/* The policy under which verified_milan() is affirming. */
static void good_policy(struct policy *p)
{
	policy_default(p);
	p->measurements_set = true;
	p->n_measurements = 1;
	memset(p->measurements[0], 0x11, 48);
	p->min_tcb_bl = 3;
	p->min_tcb_tee = 0;
	p->min_tcb_snp = 8;
	p->min_tcb_ucode = 115;
}

enum tweak {
	T_NONE, T_NO_RULES, T_MEAS_OTHER, T_DEBUG, T_DEBUG_ALLOWED, T_BL_LOW, T_TEE_LOW,
	T_SNP_LOW, T_UCODE_LOW, T_FMC_LOW_TURIN, T_FMC_ON_MILAN, T_HOST_DATA_OTHER,
	T_HOST_DATA_LISTED, T_VLEK_NOT_ALLOWED, T_VCEK_NOT_ALLOWED, T_PRODUCT_OTHER,
	T_PRODUCT_LISTED, T_CAP_PRESENT, T_CAP_MISSING, T_CAP_FALSE, T_SIM_CONFIDENTIAL,
};

static const struct {
	enum tweak t;
	const char *name;
	uint8_t status;
	int axis;      /* AR4SI claim to check, -1 none */
	int8_t value;
} table[] = {
	{ T_NONE, "all rules pass", EAR_TIER_AFFIRMING, AR4SI_EXECUTABLES, AR4SI_AFFIRMING },
	{ T_NO_RULES, "no reference values, no min_tcb", EAR_TIER_WARNING, AR4SI_EXECUTABLES, 0 },
	{ T_MEAS_OTHER, "measurement not listed", EAR_TIER_CONTRAINDICATED, AR4SI_EXECUTABLES, 96 },
	{ T_DEBUG, "debug forbidden", EAR_TIER_CONTRAINDICATED, AR4SI_CONFIGURATION, 96 },
	{ T_DEBUG_ALLOWED, "debug allowed", EAR_TIER_WARNING, AR4SI_RUNTIME_OPAQUE, 32 },
	{ T_BL_LOW, "bl below", EAR_TIER_CONTRAINDICATED, AR4SI_HARDWARE, 96 },
	{ T_TEE_LOW, "tee below", EAR_TIER_CONTRAINDICATED, AR4SI_HARDWARE, 96 },
	{ T_SNP_LOW, "snp below", EAR_TIER_CONTRAINDICATED, AR4SI_HARDWARE, 96 },
	{ T_UCODE_LOW, "ucode below", EAR_TIER_CONTRAINDICATED, AR4SI_HARDWARE, 96 },
	{ T_FMC_LOW_TURIN, "Turin fmc below", EAR_TIER_CONTRAINDICATED, AR4SI_HARDWARE, 96 },
	{ T_FMC_ON_MILAN, "fmc minimum ignored on Milan", EAR_TIER_AFFIRMING, AR4SI_HARDWARE, 2 },
	{ T_HOST_DATA_OTHER, "host data not listed", EAR_TIER_CONTRAINDICATED, AR4SI_CONFIGURATION, 96 },
	{ T_HOST_DATA_LISTED, "host data listed", EAR_TIER_AFFIRMING, AR4SI_CONFIGURATION, 2 },
	{ T_VLEK_NOT_ALLOWED, "VLEK when only VCEK allowed", EAR_TIER_CONTRAINDICATED, -1, 0 },
	{ T_VCEK_NOT_ALLOWED, "VCEK when only VLEK allowed", EAR_TIER_CONTRAINDICATED, -1, 0 },
	{ T_PRODUCT_OTHER, "product not allowed", EAR_TIER_CONTRAINDICATED, -1, 0 },
	{ T_PRODUCT_LISTED, "product allowed", EAR_TIER_AFFIRMING, -1, 0 },
	{ T_CAP_PRESENT, "required capability present", EAR_TIER_AFFIRMING, -1, 0 },
	{ T_CAP_MISSING, "required capability unknown", EAR_TIER_CONTRAINDICATED, -1, 0 },
	{ T_CAP_FALSE, "required capability false", EAR_TIER_CONTRAINDICATED, -1, 0 },
	{ T_SIM_CONFIDENTIAL, "sim cannot be confidential", EAR_TIER_CONTRAINDICATED, -1, 0 },
};

static void test_appraisal_table_maps_claims_and_policy_to_status(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		static struct appraise_result r;
		struct policy p;
		verified_milan(&r);
		good_policy(&p);
		switch (table[i].t) {
		case T_NONE: break;
		case T_NO_RULES: policy_default(&p); break;
		case T_MEAS_OTHER: r.snp.report.measurement[47] ^= 1; break;
		case T_DEBUG: r.snp.report.policy |= SNP_POLICY_DEBUG; break;
		case T_DEBUG_ALLOWED:
			r.snp.report.policy |= SNP_POLICY_DEBUG;
			p.debug_forbidden = false;
			break;
		case T_BL_LOW: p.min_tcb_bl = 4; break;
		case T_TEE_LOW: p.min_tcb_tee = 1; break;
		case T_SNP_LOW: p.min_tcb_snp = 9; break;
		case T_UCODE_LOW: p.min_tcb_ucode = 116; break;
		case T_FMC_LOW_TURIN:
			r.snp.product = SNP_PRODUCT_TURIN;
			r.snp.reported_tcb.has_fmc = true;
			r.snp.reported_tcb.fmc = 0;
			p.min_tcb_fmc = 1;
			break;
		case T_FMC_ON_MILAN: p.min_tcb_fmc = 1; break;
		case T_HOST_DATA_OTHER:
			p.host_data_set = true;
			p.n_host_data = 1;
			memset(p.host_data[0], 0xee, 32);
			break;
		case T_HOST_DATA_LISTED:
			p.host_data_set = true;
			p.n_host_data = 2;
			memset(p.host_data[0], 0xee, 32);
			memset(p.host_data[1], 0, 32);
			break;
		case T_VLEK_NOT_ALLOWED: r.snp.vlek = true; p.allow_vlek = false; break;
		case T_VCEK_NOT_ALLOWED: p.allow_vcek = false; break;
		case T_PRODUCT_OTHER:
			p.n_products = 1;
			strcpy(p.products[0], "Genoa");
			break;
		case T_PRODUCT_LISTED:
			p.n_products = 2;
			strcpy(p.products[0], "Genoa");
			strcpy(p.products[1], "Milan");
			break;
		case T_CAP_PRESENT:
			p.n_required_caps = 2;
			strcpy(p.required_caps[0], "sev-snp");
			strcpy(p.required_caps[1], "confidential-memory");
			break;
		case T_CAP_MISSING:
			p.n_required_caps = 1;
			strcpy(p.required_caps[0], "tdx");
			break;
		case T_CAP_FALSE:
			p.n_required_caps = 1;
			strcpy(p.required_caps[0], "runtime-measurement-registers");
			break;
		case T_SIM_CONFIDENTIAL:
			r.sim = true;
			p.n_required_caps = 1;
			strcpy(p.required_caps[0], "confidential-memory");
			break;
		}
		appraise_policy_step(&p, &r);
		if (r.status != table[i].status)
			fail_msg("%s: status %s, want %s (%s)", table[i].name,
				 appraise_tier_name(r.status), appraise_tier_name(table[i].status),
				 appraise_summary(&r));
		if (table[i].axis >= 0 && r.vector[table[i].axis] != table[i].value)
			fail_msg("%s: vector[%d] = %d, want %d", table[i].name, table[i].axis,
				 r.vector[table[i].axis], table[i].value);
	}
}

/* veraison/ear trustclaim.go tier ranges, both signs. */
static void test_ar4si_value_tiers_follow_ear_ranges(void **state)
{
	(void)state;
	assert_int_equal(appraise_value_tier(0), EAR_TIER_NONE);
	assert_int_equal(appraise_value_tier(1), EAR_TIER_NONE);
	assert_int_equal(appraise_value_tier(-1), EAR_TIER_NONE);
	assert_int_equal(appraise_value_tier(2), EAR_TIER_AFFIRMING);
	assert_int_equal(appraise_value_tier(31), EAR_TIER_AFFIRMING);
	assert_int_equal(appraise_value_tier(-2), EAR_TIER_AFFIRMING);
	assert_int_equal(appraise_value_tier(-32), EAR_TIER_AFFIRMING);
	assert_int_equal(appraise_value_tier(32), EAR_TIER_WARNING);
	assert_int_equal(appraise_value_tier(95), EAR_TIER_WARNING);
	assert_int_equal(appraise_value_tier(-33), EAR_TIER_WARNING);
	assert_int_equal(appraise_value_tier(-96), EAR_TIER_WARNING);
	assert_int_equal(appraise_value_tier(96), EAR_TIER_CONTRAINDICATED);
	assert_int_equal(appraise_value_tier(127), EAR_TIER_CONTRAINDICATED);
	assert_int_equal(appraise_value_tier(-97), EAR_TIER_CONTRAINDICATED);
	assert_int_equal(appraise_value_tier(-128), EAR_TIER_CONTRAINDICATED);
}

static void test_appraise_refuses_input_that_is_not_evidence(void **state)
{
	static struct appraise_result r;
	static const uint8_t junk[] = "not evidence";
	struct appraise_input in;
	char why[200];
	(void)state;
	memset(&in, 0, sizeof(in));
	in.evidence = junk;
	in.evidence_len = sizeof(junk);
	assert_int_equal(appraise(&in, &r, why, sizeof(why)), -EBADMSG);
	assert_non_null(strstr(why, "neither FUTEET evidence"));
}

/* ---- appraise() on evidence ------------------------------------------- */

#define T_2026 1767225600LL      /* 2026-01-01T00:00:00Z (timegm) */
#define T_GSG  1663981200LL      /* 2022-09-24T01:00:00Z, go-sev-guest's test time */

/* The nonce tests/data/sim/make.sh put in the sim evidence's claims. */
static const uint8_t sim_nonce[32] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};

static bool has_reason(const struct appraise_result *r, const char *s)
{
	for (size_t i = 0; i < r->n_reasons; i++)
		if (strstr(r->reasons[i].text, s))
			return true;
	return false;
}

static int cap_value(const struct appraise_result *r, const char *name)
{
	for (size_t i = 0; i < r->n_caps; i++)
		if (!strcmp(r->caps[i].name, name))
			return r->caps[i].value;
	return -1;
}

/* go-sev-guest attestation.bin: a real Milan report (DEBUG set, REPORT_DATA
 * 01 02 03 04 05 then zeros) with its VCEK, at go-sev-guest's test time. */
static int appraise_gsg(const uint8_t *rep, size_t rep_len, const uint8_t *nonce,
			size_t nonce_len, struct appraise_result *r)
{
	static struct policy p;
	struct appraise_input in;
	size_t vl;
	uint8_t *vcek = testdata_need("go-sev-guest/vcek.testcer", &vl);
	char why[200];
	int rc;

	policy_default(&p);
	p.debug_forbidden = false;
	memset(&in, 0, sizeof(in));
	in.evidence = rep;
	in.evidence_len = rep_len;
	in.leaf_der = vcek;
	in.leaf_len = vl;
	in.nonce = nonce;
	in.nonce_len = nonce_len;
	in.time_known = true;
	in.now = T_GSG;
	in.policy = &p;
	rc = appraise(&in, r, why, sizeof(why));
	free(vcek);
	return rc;
}

static void test_appraise_real_report_checks_nonce(void **state)
{
	static const uint8_t good[5] = { 1, 2, 3, 4, 5 }, bad[5] = { 1, 2, 3, 4, 6 };
	static struct appraise_result r;
	size_t n;
	uint8_t *rep = testdata_need("go-sev-guest/attestation.bin", &n);
	(void)state;

	assert_int_equal(appraise_gsg(rep, n, good, sizeof(good), &r), 0);
	assert_true(r.vendor_verified);
	assert_false(r.sim);
	assert_true(r.nonce_checked && r.nonce_ok);
	assert_int_equal(r.status, EAR_TIER_WARNING); /* debug allowed, no reference values */
	assert_int_equal(cap_value(&r, "sealing"), 1);
	assert_int_equal(cap_value(&r, "fresh"), 1);

	assert_int_equal(appraise_gsg(rep, n, bad, sizeof(bad), &r), 0);
	assert_true(r.nonce_checked && !r.nonce_ok);
	assert_int_equal(r.status, EAR_TIER_CONTRAINDICATED);
	assert_true(has_reason(&r, "REPORT_DATA does not start with the expected nonce"));
	free(rep);
}

static void test_appraise_real_report_vendor_failure_is_contraindicated(void **state)
{
	static const uint8_t good[5] = { 1, 2, 3, 4, 5 };
	static struct appraise_result r;
	size_t n;
	uint8_t *rep = testdata_need("go-sev-guest/attestation.bin", &n);
	(void)state;

	rep[0x90] ^= 1; /* MEASUREMENT, inside the signed bytes */
	assert_int_equal(appraise_gsg(rep, n, good, sizeof(good), &r), 0);
	assert_false(r.vendor_verified);
	assert_int_equal(r.status, EAR_TIER_CONTRAINDICATED);
	assert_int_equal(r.snp.fail, SNP_FAIL_SIGNATURE);
	assert_true(has_reason(&r, "SEV-SNP verification failed"));
	assert_false(r.nonce_checked); /* nothing after a failed vendor check */
	free(rep);
}

/* No freshness, still affirming (finding): trustee's e2e Genoa report (no
 * debug) under a policy whose every rule it meets is affirming only with a
 * nonce or when the policy says freshness is established elsewhere. */
static void test_appraise_without_nonce_is_not_fresh(void **state)
{
	static struct appraise_result r;
	static struct policy p;
	struct appraise_input in;
	size_t n, vl;
	uint8_t *rep = testdata_need("derived/trustee-e2e_evidence_snp-report.bin", &n);
	uint8_t *vcek = testdata_need("derived/trustee-e2e_evidence_vcek.der", &vl);
	char why[200];
	(void)state;

	policy_default(&p);
	memset(&in, 0, sizeof(in));
	in.evidence = rep;
	in.evidence_len = n;
	in.leaf_der = vcek;
	in.leaf_len = vl;
	in.time_known = true;
	in.now = T_2026;
	in.policy = &p;
	assert_int_equal(appraise(&in, &r, why, sizeof(why)), 0);
	assert_true(r.vendor_verified);
	/* a policy that lists this report's own values: every rule passes */
	p.measurements_set = true;
	p.n_measurements = 1;
	memcpy(p.measurements[0], r.snp.report.measurement, POLICY_MEASUREMENT_LEN);
	p.min_tcb_bl = p.min_tcb_tee = p.min_tcb_snp = p.min_tcb_ucode = 0;
	assert_int_equal(appraise(&in, &r, why, sizeof(why)), 0);
	assert_false(r.nonce_checked);
	if (r.status != EAR_TIER_WARNING || !has_reason(&r, "freshness not checked"))
		fail_msg("no nonce: status %s (%s), want warning \"freshness not checked\"",
			 appraise_tier_name(r.status), appraise_summary(&r));
	p.freshness_elsewhere = true;
	assert_int_equal(appraise(&in, &r, why, sizeof(why)), 0);
	if (r.status != EAR_TIER_AFFIRMING)
		fail_msg("freshness elsewhere: status %s (%s), want affirming",
			 appraise_tier_name(r.status), appraise_summary(&r));
	free(rep);
	free(vcek);
}

/* Sim evidence (tests/data/sim): the FUTEET sim test root is refused
 * without allow_sim and a warning with it; binding and nonce are checked
 * as for hardware evidence; sealing is not a capability on the sim. */
static int appraise_sim(const char *rel, bool allow_sim, const uint8_t *nonce, size_t nonce_len,
			const struct policy *p, struct appraise_result *r)
{
	static uint8_t *ark, *ev;
	static size_t ark_len, ev_len;
	const uint8_t *roots[1];
	size_t root_lens[1];
	struct appraise_input in;
	char why[200];
	int rc;

	ark = testdata_need("sim/sim-ark.der", &ark_len);
	ev = testdata_need(rel, &ev_len);
	roots[0] = ark;
	root_lens[0] = ark_len;
	memset(&in, 0, sizeof(in));
	in.evidence = ev;
	in.evidence_len = ev_len;
	in.sim_roots = roots;
	in.sim_root_lens = root_lens;
	in.n_sim_roots = 1;
	in.allow_sim = allow_sim;
	in.nonce = nonce;
	in.nonce_len = nonce_len;
	in.time_known = true;
	in.now = T_2026;
	in.policy = p;
	rc = appraise(&in, r, why, sizeof(why));
	free(ark);
	free(ev);
	return rc;
}

static void test_appraise_sim_root_refused_without_allow_sim(void **state)
{
	static struct appraise_result r;
	(void)state;

	assert_int_equal(appraise_sim("sim/attest-vmpl0.cmw", false, sim_nonce, sizeof(sim_nonce),
				      NULL, &r), 0);
	assert_false(r.vendor_verified);
	assert_int_equal(r.status, EAR_TIER_CONTRAINDICATED);
	assert_true(has_reason(&r, "FUTEET sim test root"));
}

static void test_appraise_sim_evidence_binds_claims_and_nonce(void **state)
{
	static struct appraise_result r;
	uint8_t other[32];
	(void)state;

	assert_int_equal(appraise_sim("sim/attest-vmpl0.cmw", true, sim_nonce, sizeof(sim_nonce),
				      NULL, &r), 0);
	assert_true(r.vendor_verified);
	assert_true(r.sim);
	assert_int_equal(r.binding, APPRAISE_BINDING_OK);
	assert_true(r.nonce_checked && r.nonce_ok);
	assert_int_equal(r.status, EAR_TIER_WARNING);
	assert_true(has_reason(&r, "sim: not confidential"));
	assert_int_equal(cap_value(&r, "sim"), 1);
	assert_int_equal(cap_value(&r, "confidential-memory"), 0);

	memcpy(other, sim_nonce, sizeof(other));
	other[31] ^= 1;
	assert_int_equal(appraise_sim("sim/attest-vmpl0.cmw", true, other, sizeof(other), NULL, &r),
			 0);
	assert_true(r.nonce_checked && !r.nonce_ok);
	assert_int_equal(r.status, EAR_TIER_CONTRAINDICATED);
	assert_true(has_reason(&r, "eat_nonce does not equal the expected nonce"));
}

/* Annotations claim what was not verified (finding): a sim report whose
 * signature fails is not said to come from the sim (nor from AMD). */
static void test_appraise_failed_sim_report_is_not_called_sim(void **state)
{
	static struct appraise_result r;
	struct evidence_view v;
	struct appraise_input in;
	size_t ark_len, ev_len;
	uint8_t *ark = testdata_need("sim/sim-ark.der", &ark_len);
	uint8_t *ev = testdata_need("sim/attest-vmpl0.cmw", &ev_len);
	const uint8_t *roots[1] = { ark };
	size_t root_lens[1] = { ark_len };
	char why[200];
	(void)state;

	assert_int_equal(evidence_decode(ev, ev_len, &v), 0);
	ev[(size_t)(v.outblob - ev) + 0x90] ^= 1; /* MEASUREMENT, signed */
	memset(&in, 0, sizeof(in));
	in.evidence = ev;
	in.evidence_len = ev_len;
	in.sim_roots = roots;
	in.sim_root_lens = root_lens;
	in.n_sim_roots = 1;
	in.allow_sim = true;
	in.nonce = sim_nonce;
	in.nonce_len = sizeof(sim_nonce);
	assert_int_equal(appraise(&in, &r, why, sizeof(why)), 0);
	assert_false(r.vendor_verified);
	assert_int_equal(r.snp.fail, SNP_FAIL_SIGNATURE);
	assert_false(r.sim);
	assert_int_equal(r.status, EAR_TIER_CONTRAINDICATED);
	free(ark);
	free(ev);
}

/* Sealing reported available on the sim (finding): the sim's derived keys
 * come from a seed the host knows. */
static void test_appraise_sim_has_no_sealing(void **state)
{
	static struct appraise_result r;
	(void)state;

	assert_int_equal(appraise_sim("sim/attest-vmpl0.cmw", true, sim_nonce, sizeof(sim_nonce),
				      NULL, &r), 0);
	assert_true(r.vendor_verified && r.sim);
	assert_int_equal(cap_value(&r, "sealing"), 0);
}

/* No freshness, still affirming (finding), on sim evidence: without a nonce
 * the reason says so; a policy that establishes freshness elsewhere says
 * that instead. */
static void test_appraise_sim_without_nonce_says_freshness_not_checked(void **state)
{
	static struct appraise_result r;
	static struct policy p;
	(void)state;

	assert_int_equal(appraise_sim("sim/attest-vmpl0.cmw", true, NULL, 0, NULL, &r), 0);
	assert_true(r.vendor_verified);
	assert_false(r.nonce_checked);
	assert_int_equal(r.status, EAR_TIER_WARNING);
	assert_true(has_reason(&r, "freshness not checked: no expected nonce"));
	policy_default(&p);
	p.freshness_elsewhere = true;
	assert_int_equal(appraise_sim("sim/attest-vmpl0.cmw", true, NULL, 0, &p, &r), 0);
	assert_false(has_reason(&r, "freshness not checked: no expected nonce"));
	assert_true(has_reason(&r, "established elsewhere"));
}

/* VMPL is not appraised (finding): a report requested at VMPL 1 (software
 * under an SVSM can choose its REPORT_DATA) is refused by the default
 * policy and accepted by one that allows VMPL 1. */
static void test_appraise_vmpl_must_be_allowed(void **state)
{
	static struct appraise_result r;
	static struct policy p;
	(void)state;

	assert_int_equal(appraise_sim("sim/attest-vmpl1.cmw", true, sim_nonce, sizeof(sim_nonce),
				      NULL, &r), 0);
	assert_true(r.vendor_verified);
	assert_int_equal(r.snp.report.vmpl, 1);
	assert_int_equal(r.status, EAR_TIER_CONTRAINDICATED);
	assert_true(has_reason(&r, "allowed_vmpls"));
	assert_int_equal(r.vector[AR4SI_SOURCED_DATA], AR4SI_CONTRAINDICATED);

	policy_default(&p);
	p.allowed_vmpls = (1u << 0) | (1u << 1);
	assert_int_equal(appraise_sim("sim/attest-vmpl1.cmw", true, sim_nonce, sizeof(sim_nonce),
				      &p, &r), 0);
	assert_int_equal(r.status, EAR_TIER_WARNING);
	assert_false(has_reason(&r, "allowed_vmpls"));

	assert_int_equal(appraise_sim("sim/attest-vmpl0.cmw", true, sim_nonce, sizeof(sim_nonce),
				      NULL, &r), 0);
	assert_false(has_reason(&r, "allowed_vmpls"));
}

static void test_policy_parses_allowed_vmpls_and_freshness(void **state)
{
	static const char doc[] =
		"{\"allowed_vmpls\": [0, 2], \"freshness_checked_elsewhere\": true, "
		"\"forbid_attested_key\": true}";
	static const char *const bad[] = {
		"{\"allowed_vmpls\": [4]}", "{\"allowed_vmpls\": []}", "{\"allowed_vmpls\": 0}",
		"{\"freshness_checked_elsewhere\": 1}", "{\"forbid_attested_key\": \"yes\"}",
	};
	struct policy p;
	char why[160];
	(void)state;

	policy_default(&p);
	assert_int_equal(p.allowed_vmpls, 1u);
	assert_false(p.freshness_elsewhere);
	assert_false(p.forbid_attested_key);
	assert_int_equal(policy_parse(doc, strlen(doc), &p, why, sizeof(why)), 0);
	assert_int_equal(p.allowed_vmpls, (1u << 0) | (1u << 2));
	assert_true(p.freshness_elsewhere);
	assert_true(p.forbid_attested_key);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		policy_default(&p);
		if (policy_parse(bad[i], strlen(bad[i]), &p, why, sizeof(why)) == 0)
			fail_msg("accepted: %s", bad[i]);
	}
}

/* A GHCB 56421 4.1.8.1 certificate table of n entries (GUID strings, DER). */
static size_t certtable(uint8_t *out, size_t cap, const char *const *guids,
			const uint8_t *const *der, const size_t *len, size_t n)
{
	size_t off = 24 * (n + 1);

	memset(out, 0, off);
	for (size_t i = 0; i < n; i++) {
		assert_true(off + len[i] <= cap);
		assert_int_equal(snp_guid_parse(guids[i], out + 24 * i), 0);
		out[24 * i + 16] = (uint8_t)off;
		out[24 * i + 17] = (uint8_t)(off >> 8);
		out[24 * i + 20] = (uint8_t)len[i];
		out[24 * i + 21] = (uint8_t)(len[i] >> 8);
		memcpy(out + off, der[i], len[i]);
		off += len[i];
	}
	return off;
}

/* VLEK ignored when a VCEK is also present (finding): the table holds a
 * VCEK first and a VLEK; the report's SIGNER_INFO names the VLEK, so the
 * VLEK is the key to verify with. (Synthetic Turin chain; the binding
 * cannot hold for a synthetic report, the vendor part must verify.) */
static void test_appraise_picks_the_key_signer_info_names(void **state)
{
	static const char *const guids[4] = { SNP_GUID_VCEK, SNP_GUID_VLEK, SNP_GUID_ASK,
					      SNP_GUID_ARK };
	static const uint8_t *const der[4] = { syn_vcek_turin, syn_vlek_turin, syn_asvk_turin,
					       syn_root };
	static const size_t len[4] = { sizeof(syn_vcek_turin), sizeof(syn_vlek_turin),
				       sizeof(syn_asvk_turin), sizeof(syn_root) };
	static const uint8_t nonce[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static uint8_t tbl[8192], claims[256], ev[16384];
	static struct appraise_result r;
	const uint8_t *roots[1] = { syn_root };
	size_t root_lens[1] = { sizeof(syn_root) };
	struct evidence_claims c = { .nonce = nonce, .nonce_len = sizeof(nonce) };
	struct appraise_input in;
	size_t tl, cl, el;
	char why[200];
	(void)state;

	tl = certtable(tbl, sizeof(tbl), guids, der, len, 4);
	assert_int_equal(evidence_claims_encode(&c, claims, sizeof(claims), &cl), 0);
	assert_int_equal(evidence_encode(claims, cl, EVIDENCE_PROVIDER_SNP, syn_r_turin_vlek_v5,
					 sizeof(syn_r_turin_vlek_v5), tbl, tl, NULL, 0, ev, sizeof(ev), &el),
			 0);
	memset(&in, 0, sizeof(in));
	in.evidence = ev;
	in.evidence_len = el;
	in.sim_roots = roots;
	in.sim_root_lens = root_lens;
	in.n_sim_roots = 1;
	in.allow_sim = true;
	in.time_known = true;
	in.now = T_2026;
	assert_int_equal(appraise(&in, &r, why, sizeof(why)), 0);
	if (!r.vendor_verified)
		fail_msg("VLEK-signed report not verified: %s", appraise_summary(&r));
	assert_true(r.snp.vlek);
	assert_int_equal(r.snp.report.signing_key, SNP_SIGNING_KEY_VLEK);
	assert_int_equal(r.binding, APPRAISE_BINDING_MISMATCH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_reads_rfc8259_section13_example),
		cmocka_unit_test(test_json_string_escapes_decode_to_utf8),
		cmocka_unit_test(test_json_rejects_documents_outside_rfc8259),
		cmocka_unit_test(test_json_nesting_is_bounded),
		cmocka_unit_test(test_json_int_range_and_type),
		cmocka_unit_test(test_rfc3339_examples_convert_to_unix_time),
		cmocka_unit_test(test_policy_parses_every_documented_key),
		cmocka_unit_test(test_policy_defaults_forbid_debug_and_sim),
		cmocka_unit_test(test_policy_refuses_bad_documents_with_a_reason),
		cmocka_unit_test(test_policy_tables_are_bounded),
		cmocka_unit_test(test_appraisal_table_maps_claims_and_policy_to_status),
		cmocka_unit_test(test_ar4si_value_tiers_follow_ear_ranges),
		cmocka_unit_test(test_appraise_refuses_input_that_is_not_evidence),
		cmocka_unit_test(test_appraise_real_report_checks_nonce),
		cmocka_unit_test(test_appraise_real_report_vendor_failure_is_contraindicated),
		cmocka_unit_test(test_appraise_without_nonce_is_not_fresh),
		cmocka_unit_test(test_appraise_sim_root_refused_without_allow_sim),
		cmocka_unit_test(test_appraise_sim_evidence_binds_claims_and_nonce),
		cmocka_unit_test(test_appraise_failed_sim_report_is_not_called_sim),
		cmocka_unit_test(test_appraise_sim_has_no_sealing),
		cmocka_unit_test(test_appraise_sim_without_nonce_says_freshness_not_checked),
		cmocka_unit_test(test_appraise_vmpl_must_be_allowed),
		cmocka_unit_test(test_policy_parses_allowed_vmpls_and_freshness),
		cmocka_unit_test(test_appraise_picks_the_key_signer_info_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
