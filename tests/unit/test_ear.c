/* lib/verify/ear and the lib/json writer: the EAR claims set of
 * draft-ietf-rats-ear (claim names for JSON, integer keys for CBOR:
 * eat_profile 265, iat 6, submods 266, ear.status 1000 with tiers
 * affirming 2 / warning 32 / contraindicated 96, vector 1001 with AR4SI
 * keys 0..7, ear.verifier-id 1004), and the writer's bounds. The JSON
 * form is read back by Python's json module and checked against the
 * draft's claim names (tests/real/ear_draft_check.py), not by lib/json. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/caps.h"
#include "lib/cbor_get.h"
#include "lib/json.h"
#include "lib/verify/appraise.h"
#include "lib/verify/ear.h"

static struct appraise_result res;
static uint8_t out[65536];

static void sample_result(uint8_t status)
{
	memset(&res, 0, sizeof(res));
	res.status = status;
	res.vector[AR4SI_HARDWARE] = 2;
	res.vector[AR4SI_EXECUTABLES] = 96;
	res.vector[AR4SI_RUNTIME_OPAQUE] = -33;
	res.tee = "sev-snp";
	strcpy(res.provider, "sev_guest");
	strcpy(res.policy_id, "policy:test");
	res.unified = true;
	res.have_report = true;
	res.vendor_verified = true;
	res.snp.product = SNP_PRODUCT_MILAN;
	res.snp.report.version = 5;
	res.snp.report.policy = 0x30000;
	res.snp.report.reported_tcb = 0x7300000000000003ull; /* bytes 03 00 .. 00 73 */
	memset(res.snp.report.measurement, 0xab, 48);
	memset(res.snp.report.chip_id, 0xcd, 64);
	res.n_reasons = 1;
	res.reasons[0].tier = status;
	strcpy(res.reasons[0].text, "quote \" backslash \\ newline \n tab \t");
	res.n_caps = 1;
	res.caps[0].name = "sev-snp";
	res.caps[0].value = true;
	res.caps[0].src = APPRAISE_SRC_VERIFIER;
}

/* Run tests/real/ear_draft_check.py (Python's json, the EAR draft's claim
 * names) on out[0..len) with PATH=VALUE checks; fail the test with its
 * one-line reason. Tests run from the repository root (tests/run). */
static void python_ear_check(size_t len, const char *const *checks, size_t n)
{
	char path[] = "/tmp/futeet-test-ear-XXXXXX", msg[512] = "";
	const char *argv[16];
	int fd, pipefd[2], st = -1;
	ssize_t got;
	pid_t pid;

	assert_true(n + 4 <= sizeof(argv) / sizeof(argv[0]));
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_true(write(fd, out, len) == (ssize_t)len);
	close(fd);
	argv[0] = "/usr/bin/python3";
	argv[1] = "tests/real/ear_draft_check.py";
	argv[2] = path;
	for (size_t i = 0; i < n; i++)
		argv[3 + i] = checks[i];
	argv[3 + n] = NULL;
	assert_int_equal(pipe(pipefd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(pipefd[1], 1);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(pipefd[1]);
	got = read(pipefd[0], msg, sizeof(msg) - 1);
	msg[got > 0 ? got : 0] = 0;
	close(pipefd[0]);
	waitpid(pid, &st, 0);
	unlink(path);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail_msg("ear_draft_check.py (exit %d): %s", WIFEXITED(st) ? WEXITSTATUS(st) : -1,
			 msg);
}

static void test_ear_json_has_ear_claims_and_escapes_text(void **state)
{
	static const char *const checks[] = {
		"/eat_profile=tag:github.com,2023:veraison/ear",
		"/iat=1767225600",
		"/ear.verifier-id/build=test",
		"ear.status=contraindicated",
		"ear.trustworthiness-vector/executables=96",
		"ear.trustworthiness-vector/runtime-opaque=-33",
		"ear.appraisal-policy-id=policy:test",
		/* escaped reason text round-trips through an independent reader */
		"futeet.reasons/0/reason=quote \" backslash \\ newline \n tab \t",
		/* measurement as lowercase hex, TCB raw bytes in report order */
		"ear.veraison.annotated-evidence/launch_measurement="
		"abababababababababababababababababababababababababababababababababababababababababababababababab",
		"ear.veraison.annotated-evidence/tcb/reported/raw=0300000000000073",
		/* base64url without padding: RFC 7515 Appendix C's example */
		"/eat_nonce=A-z_4ME",
	};
	static const uint8_t nonce[] = { 3, 236, 255, 224, 193 }; /* RFC 7515 App. C */
	struct ear_meta m = { .iat = 1767225600, .build = "test",
			      .nonce = nonce, .nonce_len = sizeof(nonce) };
	size_t len;
	(void)state;
	sample_result(EAR_TIER_CONTRAINDICATED);
	assert_int_equal(ear_write(&res, &m, EAR_FORMAT_JSON, out, sizeof(out), &len), 0);
	assert_int_equal(out[len], 0);
	assert_int_equal(out[len - 1], '\n');
	python_ear_check(len, checks, sizeof(checks) / sizeof(checks[0]));
}

/* Annotations claim what was not verified (finding): which key signed and
 * which root anchors the chain are said only for a chain and report
 * signature that verified; otherwise "unverified". */
static void test_ear_names_key_and_root_only_when_verified(void **state)
{
	static const char *const unverified[] = {
		"ear.veraison.annotated-evidence/vendor_verified=false",
		"ear.veraison.annotated-evidence/signing_key=unverified",
		"ear.veraison.annotated-evidence/root_of_trust=unverified",
	};
	static const char *const amd[] = {
		"ear.veraison.annotated-evidence/signing_key=vlek",
		"ear.veraison.annotated-evidence/root_of_trust=amd-ark",
	};
	static const char *const sim[] = {
		"ear.veraison.annotated-evidence/signing_key=vcek",
		"ear.veraison.annotated-evidence/root_of_trust=futeet-sim-test-root",
	};
	struct ear_meta m = { .iat = 1, .build = "test" };
	size_t len;
	(void)state;

	/* a chain that failed, e.g. after snp_verify had named the leaf a VLEK */
	sample_result(EAR_TIER_CONTRAINDICATED);
	res.vector[AR4SI_EXECUTABLES] = 0;
	res.vector[AR4SI_HARDWARE] = 99;
	res.vendor_verified = false;
	res.snp.vlek = true;
	assert_int_equal(ear_write(&res, &m, EAR_FORMAT_JSON, out, sizeof(out), &len), 0);
	python_ear_check(len, unverified, sizeof(unverified) / sizeof(unverified[0]));
	res.sim = true;
	assert_int_equal(ear_write(&res, &m, EAR_FORMAT_JSON, out, sizeof(out), &len), 0);
	python_ear_check(len, unverified, sizeof(unverified) / sizeof(unverified[0]));

	sample_result(EAR_TIER_CONTRAINDICATED);
	res.snp.vlek = true;
	assert_int_equal(ear_write(&res, &m, EAR_FORMAT_JSON, out, sizeof(out), &len), 0);
	python_ear_check(len, amd, sizeof(amd) / sizeof(amd[0]));
	sample_result(EAR_TIER_CONTRAINDICATED);
	res.sim = true;
	assert_int_equal(ear_write(&res, &m, EAR_FORMAT_JSON, out, sizeof(out), &len), 0);
	python_ear_check(len, sim, sizeof(sim) / sizeof(sim[0]));
}

static void test_ear_cbor_uses_ear_integer_keys_and_tiers(void **state)
{
	struct ear_meta m = { .iat = 1767225600, .build = "test",
			      .nonce = (const uint8_t *)"12345678", .nonce_len = 8 };
	struct cbor_dec d;
	size_t len;
	uint64_t pairs, n;
	bool saw_profile = false, saw_status = false, saw_nonce = false;
	(void)state;
	sample_result(EAR_TIER_CONTRAINDICATED);
	assert_int_equal(ear_write(&res, &m, EAR_FORMAT_CBOR, out, sizeof(out), &len), 0);
	cbor_dec_init(&d, out, len);
	assert_int_equal(cbor_skip(&d), 0);
	assert_true(cbor_dec_done(&d));

	cbor_dec_init(&d, out, len);
	assert_int_equal(cbor_get_map(&d, &pairs), 0);
	for (uint64_t i = 0; i < pairs; i++) {
		int64_t k;
		assert_int_equal(cbor_get_int(&d, &k), 0);
		if (k == EAR_KEY_PROFILE) {
			const char *s;
			size_t sl;
			assert_int_equal(cbor_get_tstr(&d, &s, &sl), 0);
			assert_true(cbor_tstr_eq(s, sl, EAR_PROFILE));
			saw_profile = true;
		} else if (k == EAR_KEY_NONCE) {
			const uint8_t *p;
			size_t pl;
			assert_int_equal(cbor_get_bstr(&d, &p, &pl), 0);
			assert_int_equal(pl, 8);
			saw_nonce = true;
		} else if (k == EAR_KEY_SUBMODS) {
			const char *s;
			size_t sl;
			uint64_t sub;
			assert_int_equal(cbor_get_map(&d, &n), 0);
			assert_int_equal(n, 1);
			assert_int_equal(cbor_get_tstr(&d, &s, &sl), 0);
			assert_true(cbor_tstr_eq(s, sl, "cpu0"));
			assert_int_equal(cbor_get_map(&d, &sub), 0);
			for (uint64_t j = 0; j < sub; j++) {
				uint8_t major;
				assert_int_equal(cbor_peek_major(&d, &major), 0);
				if (major == CBOR_MAJOR_UINT) {
					uint64_t kk, st;
					assert_int_equal(cbor_get_uint(&d, &kk), 0);
					if (kk == EAR_KEY_STATUS) {
						assert_int_equal(cbor_get_uint(&d, &st), 0);
						assert_int_equal(st, 96);
						saw_status = true;
						continue;
					}
				} else {
					assert_int_equal(cbor_skip(&d), 0);
				}
				assert_int_equal(cbor_skip(&d), 0);
			}
		} else {
			assert_int_equal(cbor_skip(&d), 0);
		}
	}
	assert_true(saw_profile && saw_status && saw_nonce);
}

/* The bound claims (swname, swversion, cnf) appear only when the binding
 * REPORT_DATA = SHA-512(claims) held. */
static void test_ear_echoes_bound_claims_only_after_binding(void **state)
{
	struct ear_meta m = { .iat = 1, .build = "test" };
	size_t len;
	(void)state;
	sample_result(EAR_TIER_WARNING);
	strcpy(res.swname, "futeet");
	strcpy(res.swversion, "0.1.0");
	res.cnf_crv = 1; /* COSE P-256 */
	res.cnf_coord_len = 32;
	memset(res.cnf_x, 0x11, 32);
	memset(res.cnf_y, 0x22, 32);
	res.binding = APPRAISE_BINDING_MISMATCH;
	assert_int_equal(ear_write(&res, &m, EAR_FORMAT_JSON, out, sizeof(out), &len), 0);
	assert_null(strstr((const char *)out, "\"swname\""));
	assert_null(strstr((const char *)out, "\"cnf\""));
	res.binding = APPRAISE_BINDING_OK;
	assert_int_equal(ear_write(&res, &m, EAR_FORMAT_JSON, out, sizeof(out), &len), 0);
	assert_non_null(strstr((const char *)out, "\"swname\": \"futeet\""));
	assert_non_null(strstr((const char *)out, "\"crv\": \"P-256\""));
	assert_non_null(strstr((const char *)out,
			       "\"x\": \"1111111111111111111111111111111111111111111111111111111111111111\""));
}

/* The claims' capability descriptor (appraise_claims_caps, EAR
 * "claims_capabilities"): a hardware-attested value is compared with the
 * verified report (SNP ABI 56860 rev 1.57 table 9: POLICY bit 19 DEBUG;
 * VMPL; REPORTED_TCB as its 8 little-endian bytes), a verifier-derived one
 * with the table row of the TEE the root established, a guest-asserted one
 * is only reported. */
static struct futeet_caps claimed;

static void bind_claimed(void)
{
	res.binding = APPRAISE_BINDING_OK;
	assert_int_equal(caps_encode(&claimed, res.claims_caps, sizeof(res.claims_caps),
				     &res.claims_caps_len), 0);
	res.n_reasons = 0;
	res.status = EAR_TIER_NONE;
	memset(res.vector, 0, sizeof(res.vector));
	appraise_claims_caps(&res);
}

static void claim_snp(void)
{
	static const uint8_t tcb[8] = { 3, 0, 0, 0, 0, 0, 0, 0x73 }; /* reported_tcb below */

	assert_int_equal(caps_from_table(FUTEET_TEE_SEV_SNP, FUTEET_PROV_VERIFIER, &claimed), 0);
	claimed.debug.value = 0;
	claimed.debug.prov = FUTEET_PROV_HW;
	claimed.privilege_level.value = 0;
	claimed.privilege_level.prov = FUTEET_PROV_HW;
	memcpy(claimed.tcb_raw, tcb, sizeof(tcb));
	claimed.tcb_len = sizeof(tcb);
	claimed.tcb.prov = FUTEET_PROV_HW;
	claimed.secure_memory.value = 1ull << 30;
	claimed.secure_memory.prov = FUTEET_PROV_GUEST;
}

static void test_ear_checks_the_claims_descriptor_against_report_and_table(void **state)
{
	static const char *const checks[] = {
		"ear.veraison.annotated-evidence/claims_capabilities/tee/value=sev-snp",
		"ear.veraison.annotated-evidence/claims_capabilities/tee/check=equals-table",
		"ear.veraison.annotated-evidence/claims_capabilities/debug/value=false",
		"ear.veraison.annotated-evidence/claims_capabilities/debug/provenance=hardware-attested",
		"ear.veraison.annotated-evidence/claims_capabilities/debug/check=equals-report",
		"ear.veraison.annotated-evidence/claims_capabilities/privilege_level/check=equals-report",
		"ear.veraison.annotated-evidence/claims_capabilities/tcb/value=0300000000000073",
		"ear.veraison.annotated-evidence/claims_capabilities/tcb/check=equals-report",
		"ear.veraison.annotated-evidence/claims_capabilities/confidentiality/value=full",
		"ear.veraison.annotated-evidence/claims_capabilities/confidentiality/check=equals-table",
		"ear.veraison.annotated-evidence/claims_capabilities/secure_memory/value=1073741824",
		"ear.veraison.annotated-evidence/claims_capabilities/secure_memory/check=guest-asserted",
	};
	struct ear_meta m = { .iat = 1, .build = "test" };
	size_t len;
	(void)state;
	sample_result(EAR_TIER_AFFIRMING);
	res.snp.report.vmpl = 0;
	claim_snp();
	bind_claimed();
	assert_int_equal(res.ccaps_ok, 1);
	assert_int_equal(res.n_reasons, 0);
	assert_int_equal(ear_write(&res, &m, EAR_FORMAT_JSON, out, sizeof(out), &len), 0);
	python_ear_check(len, checks, sizeof(checks) / sizeof(checks[0]));

	/* unbound claims: no descriptor in the result */
	res.binding = APPRAISE_BINDING_MISMATCH;
	appraise_claims_caps(&res);
	assert_int_equal(res.ccaps_ok, -1);
}

static void test_claims_descriptor_contradicted_by_report_or_table_is_refused(void **state)
{
	(void)state;
	sample_result(EAR_TIER_AFFIRMING);
	/* debug claimed off, the report's POLICY has DEBUG (bit 19) set */
	res.snp.report.policy = 0x30000 | SNP_POLICY_DEBUG;
	claim_snp();
	bind_claimed();
	assert_int_equal(res.ccaps_check[CAPS_KEY_DEBUG], APPRAISE_CCAP_REPORT_DIFFERS);
	assert_int_equal(res.status, EAR_TIER_CONTRAINDICATED);
	assert_non_null(strstr(res.reasons[0].text, "differs from the verified report: debug"));
	res.snp.report.policy = 0x30000;
	/* VMPL 2 claimed, the report says 0 */
	claimed.privilege_level.value = 2;
	bind_claimed();
	assert_int_equal(res.ccaps_check[CAPS_KEY_PRIVILEGE_LEVEL], APPRAISE_CCAP_REPORT_DIFFERS);
	assert_int_equal(res.status, EAR_TIER_CONTRAINDICATED);
	claimed.privilege_level.value = 0;
	/* another TCB than the report's: a warning (the host may update it) */
	claimed.tcb_raw[0] = 4;
	bind_claimed();
	assert_int_equal(res.ccaps_check[CAPS_KEY_TCB], APPRAISE_CCAP_REPORT_DIFFERS);
	assert_int_equal(res.status, EAR_TIER_WARNING);
	claimed.tcb_raw[0] = 3;
	/* a verifier-derived value the sev-snp row does not have */
	claimed.confidentiality.value = FUTEET_LEVEL_NONE;
	bind_claimed();
	assert_int_equal(res.ccaps_check[CAPS_KEY_CONFIDENTIALITY], APPRAISE_CCAP_TABLE_DIFFERS);
	assert_int_equal(res.status, EAR_TIER_WARNING);
	/* a descriptor of another TEE than the verified SNP report */
	assert_int_equal(caps_from_table(FUTEET_TEE_TDX, FUTEET_PROV_VERIFIER, &claimed), 0);
	bind_claimed();
	assert_int_equal(res.ccaps_check[CAPS_KEY_TEE], APPRAISE_CCAP_TABLE_DIFFERS);
	assert_int_equal(res.status, EAR_TIER_CONTRAINDICATED);
	assert_non_null(strstr(res.reasons[0].text, "names another TEE than the evidence: tdx"));
	/* a sim report (the sim root): the sim-snp row is the one that counts */
	assert_int_equal(caps_from_table(FUTEET_TEE_SIM_SNP, FUTEET_PROV_VERIFIER, &claimed), 0);
	res.sim = true;
	bind_claimed();
	assert_int_equal(res.ccaps_check[CAPS_KEY_TEE], APPRAISE_CCAP_TABLE_OK);
	assert_int_equal(res.ccaps_check[CAPS_KEY_CONFIDENTIALITY], APPRAISE_CCAP_TABLE_OK);
	assert_int_equal(res.n_reasons, 0);
	/* a malformed descriptor: a warning, nothing reported from it */
	res.claims_caps[0] = 0xff;
	res.n_reasons = 0;
	appraise_claims_caps(&res);
	assert_int_equal(res.ccaps_ok, 0);
	assert_non_null(strstr(res.reasons[0].text, "descriptor is malformed"));
}

static void test_ear_write_never_overruns_a_small_buffer(void **state)
{
	struct ear_meta m = { .iat = 1, .build = "test" };
	size_t full, len;
	(void)state;
	sample_result(EAR_TIER_AFFIRMING);
	for (int f = 0; f < 2; f++) {
		assert_int_equal(ear_write(&res, &m, (enum ear_format)f, out, sizeof(out), &full), 0);
		for (size_t cap = 0; cap < full; cap += 97) {
			memset(out, 0x5a, sizeof(out));
			assert_int_equal(ear_write(&res, &m, (enum ear_format)f, out, cap, &len),
					 -ENOSPC);
			for (size_t i = cap; i < cap + 64 && i < sizeof(out); i++)
				assert_int_equal(out[i], 0x5a);
		}
	}
}

static void test_json_writer_refuses_unbalanced_nesting(void **state)
{
	char buf[64];
	struct json_w w;
	size_t len;
	(void)state;
	json_w_init(&w, buf, sizeof(buf));
	json_w_obj_begin(&w);
	json_w_key(&w, "a");
	assert_int_equal(json_w_finish(&w, &len), -EINVAL);
	json_w_init(&w, buf, sizeof(buf));
	json_w_arr_end(&w);
	assert_int_equal(json_w_finish(&w, &len), -EINVAL);
	json_w_init(&w, buf, sizeof(buf));
	json_w_obj_begin(&w);
	json_w_key(&w, "n");
	json_w_int(&w, INT64_MIN);
	json_w_obj_end(&w);
	assert_int_equal(json_w_finish(&w, &len), 0);
	assert_string_equal(buf, "{\n  \"n\": -9223372036854775808\n}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ear_json_has_ear_claims_and_escapes_text),
		cmocka_unit_test(test_ear_names_key_and_root_only_when_verified),
		cmocka_unit_test(test_ear_cbor_uses_ear_integer_keys_and_tiers),
		cmocka_unit_test(test_ear_echoes_bound_claims_only_after_binding),
		cmocka_unit_test(test_ear_checks_the_claims_descriptor_against_report_and_table),
		cmocka_unit_test(test_claims_descriptor_contradicted_by_report_or_table_is_refused),
		cmocka_unit_test(test_ear_write_never_overruns_a_small_buffer),
		cmocka_unit_test(test_json_writer_refuses_unbalanced_nesting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
