/* libfuteet's futeet_verify (user/libfuteet/verify.c), the in-guest verifier
 * in ring 3, compiled hosted with the same lib/ objects: the request rules
 * of the futeet_verify syscall it replaces (reserved fields, flags, lengths,
 * null pointers), a one-line reason in out->summary on every refusal, and
 * the appraisal of the sim evidence in tests/data/sim (MANIFEST.md: made by
 * tests/data/sim/make.sh with the committed sim seed, eat_nonce 00 01 .. 1f)
 * against the sim roots the library carries: a warning with
 * FUTEET_VERIFY_ALLOW_SIM, contraindicated without it or with another
 * nonce; certificate validity checked only at the policy's time.
 * Intel collateral (req->collateral) and the host's clock
 * (FUTEET_VERIFY_HOST_TIME, futeet_time faked here): dcap-qvl's real quote
 * with its real collateral is UpToDate at the time its source gives
 * (tests/data/MANIFEST.md, dcap-qvl could_parse_tdx_quote at
 * 2025-07-19T10:00:34Z), with a warning that the host chose the time; the
 * policy's time wins over the host's; no time, no TCB status. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "user/libfuteet/verify.c"
#include "tests/unit/testdata.h"

/* The nonce tests/data/sim/make.sh put in the sim evidence's claims. */
static const uint8_t sim_nonce[32] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};
static const char policy_2026[] =
	"{\"policy_id\": \"t\", \"verification_time\": \"2026-01-01T00:00:00Z\"}";

static uint8_t *ev;
static size_t ev_len;

/* futeet_time as the kernel would answer on a plain VM: the host's RTC,
 * valid, never trusted; fake_wall = 0 means the RTC did not answer. */
static int64_t fake_wall;
int futeet_time(struct futeet_time *t)
{
	memset(t, 0, sizeof(*t));
	t->wall_sec = fake_wall;
	t->wall_flags = fake_wall ? FUTEET_TIME_VALID : 0;
	t->wall_source = fake_wall ? FUTEET_WALL_CMOS_RTC : FUTEET_WALL_NONE;
	return 0;
}
static uint8_t result[FUTEET_VERIFY_RESULT_MAX + 16];

static void sim_req(struct futeet_verify_req *req, uint32_t flags)
{
	if (!ev) {
		ev = testdata_load("sim/attest-vmpl0.cmw", &ev_len);
		if (!ev)
			fail_msg("cannot read sim/attest-vmpl0.cmw (FUTEET_TESTDATA, default tests/data)");
	}
	memset(req, 0, sizeof(*req));
	req->evidence = (uint64_t)(uintptr_t)ev;
	req->evidence_len = ev_len;
	req->nonce = (uint64_t)(uintptr_t)sim_nonce;
	req->nonce_len = sizeof(sim_nonce);
	req->policy = (uint64_t)(uintptr_t)policy_2026;
	req->policy_len = strlen(policy_2026);
	req->flags = flags;
}

/* The call must fail with want and say why in out->summary. */
static void expect_refused(const struct futeet_verify_req *req, size_t cap, int want,
			   const char *why)
{
	struct futeet_verify_out out;

	memset(&out, 0xa5, sizeof(out));
	assert_int_equal(futeet_verify(req, &out, result, cap), want);
	assert_non_null(memchr(out.summary, '\0', sizeof(out.summary)));
	if (!strstr(out.summary, why))
		fail_msg("summary \"%s\" does not say \"%s\"", out.summary, why);
	assert_int_equal(out.status, 0);
	assert_int_equal(out.result_len, 0);
}

static void test_verify_refuses_bad_requests_like_the_syscall(void **state)
{
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	(void)state;

	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	assert_int_equal(futeet_verify(NULL, &out, result, sizeof(result)), -EFAULT);
	assert_int_equal(futeet_verify(&req, NULL, result, sizeof(result)), -EFAULT);

	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.reserved0 = 1;
	expect_refused(&req, sizeof(result), -EINVAL, "reserved");
	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.collateral = (uint64_t)(uintptr_t)result;   /* a pointer without a length */
	expect_refused(&req, sizeof(result), -EINVAL, "collateral length");
	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.collateral_len = 1;                          /* a length without a pointer */
	expect_refused(&req, sizeof(result), -EINVAL, "collateral length");
	req.collateral = (uint64_t)(uintptr_t)result;
	req.collateral_len = FUTEET_VERIFY_COLLATERAL_MAX + 1;
	expect_refused(&req, sizeof(result), -EINVAL, "collateral length");
	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.collateral = (uint64_t)(uintptr_t)"not collateral";
	req.collateral_len = 14;
	expect_refused(&req, sizeof(result), -EBADMSG, "not dcap-qvl collateral JSON, nor a cpio");
	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM | (1u << 3));
	expect_refused(&req, sizeof(result), -EINVAL, "unknown flag");

	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.evidence_len = 0;
	expect_refused(&req, sizeof(result), -EINVAL, "length");
	req.evidence_len = FUTEET_VERIFY_EVIDENCE_MAX + 1;
	expect_refused(&req, sizeof(result), -EINVAL, "length");
	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.evidence = 0;
	expect_refused(&req, sizeof(result), -EINVAL, "length");

	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.nonce_len = 65;
	expect_refused(&req, sizeof(result), -EINVAL, "length");
	req.nonce_len = 0;            /* a nonce pointer without a length */
	expect_refused(&req, sizeof(result), -EINVAL, "length");
	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.nonce = 0;                /* a length without a pointer */
	expect_refused(&req, sizeof(result), -EINVAL, "length");

	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.policy_len = FUTEET_VERIFY_POLICY_MAX + 1;
	expect_refused(&req, sizeof(result), -EINVAL, "length");
	req.policy = 0;
	req.policy_len = 5;
	expect_refused(&req, sizeof(result), -EINVAL, "length");
}

static void test_verify_null_result_buffer_is_efault(void **state)
{
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	(void)state;

	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	memset(&out, 0, sizeof(out));
	assert_int_equal(futeet_verify(&req, &out, NULL, sizeof(result)), -EFAULT);
	assert_non_null(strstr(out.summary, "null"));
}

static void test_verify_says_why_a_policy_or_evidence_is_refused(void **state)
{
	struct futeet_verify_req req;
	static uint8_t junk[64] = { 0xde, 0xad, 0xbe, 0xef };
	static const char bad_policy[] = "{\"policy_id\": 7}";
	(void)state;

	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.policy = (uint64_t)(uintptr_t)bad_policy;
	req.policy_len = strlen(bad_policy);
	expect_refused(&req, sizeof(result), -EPROTO, "policy_id");  /* policy.h: wrong type */

	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.evidence = (uint64_t)(uintptr_t)junk;
	req.evidence_len = sizeof(junk);
	struct futeet_verify_out out;
	memset(&out, 0, sizeof(out));
	int rc = futeet_verify(&req, &out, result, sizeof(result));
	assert_true(rc < 0);
	assert_true(out.summary[0] != '\0');

	/* Too small a result buffer: refused, the reason says so. */
	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	expect_refused(&req, 64, -ENOSPC, "does not fit");
}

static void test_verify_sim_evidence_is_a_warning_with_allow_sim(void **state)
{
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	(void)state;

	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	memset(&out, 0xa5, sizeof(out));
	assert_int_equal(futeet_verify(&req, &out, result, sizeof(result)), 0);
	assert_int_equal(out.status, FUTEET_EAR_WARNING);
	assert_true(out.result_len > 0 && out.result_len <= FUTEET_VERIFY_RESULT_MAX);
	result[out.result_len] = '\0';
	assert_non_null(strstr((char *)result, "\"ear.status\": \"warning\""));
	assert_non_null(strstr((char *)result, "libfuteet verifier"));
	assert_non_null(strstr((char *)result, "sim: not confidential"));
	assert_null(strstr((char *)result, "certificate validity not checked"));
	assert_non_null(strstr(out.summary, "sim"));
}

static void test_verify_sim_evidence_refused_without_allow_sim(void **state)
{
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	(void)state;

	sim_req(&req, 0);
	assert_int_equal(futeet_verify(&req, &out, result, sizeof(result)), 0);
	assert_int_equal(out.status, FUTEET_EAR_CONTRAINDICATED);
	assert_non_null(strstr(out.summary, "sim"));
}

static void test_verify_other_nonce_is_contraindicated(void **state)
{
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	uint8_t other[32];
	(void)state;

	memcpy(other, sim_nonce, sizeof(other));
	other[31] ^= 1;
	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.nonce = (uint64_t)(uintptr_t)other;
	assert_int_equal(futeet_verify(&req, &out, result, sizeof(result)), 0);
	assert_int_equal(out.status, FUTEET_EAR_CONTRAINDICATED);
	assert_non_null(strstr(out.summary, "nonce"));
}

/* No policy time: the guest has no trusted clock, so validity is not
 * checked (a warning), never judged against some host time. */
static void test_verify_without_policy_time_does_not_check_validity(void **state)
{
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	(void)state;

	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM);
	req.policy = 0;
	req.policy_len = 0;
	assert_int_equal(futeet_verify(&req, &out, result, sizeof(result)), 0);
	assert_int_equal(out.status, FUTEET_EAR_WARNING);
	result[out.result_len] = '\0';
	assert_non_null(strstr((char *)result, "certificate validity not checked: no trusted time"));
}

/* FUTEET_VERIFY_FORMAT_CBOR: the EAR as a CBOR map (RFC 8949 major type 5). */
static void test_verify_cbor_format_is_a_cbor_map(void **state)
{
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	(void)state;

	sim_req(&req, FUTEET_VERIFY_ALLOW_SIM | FUTEET_VERIFY_FORMAT_CBOR);
	assert_int_equal(futeet_verify(&req, &out, result, sizeof(result)), 0);
	assert_int_equal(out.status, FUTEET_EAR_WARNING);
	assert_true(out.result_len > 0);
	assert_int_equal(result[0] >> 5, 5);
}

static uint8_t *dq, *dq_coll;
static size_t dq_len, dq_coll_len;

/* dcap-qvl's real TDX quote and its collateral JSON, no policy. */
static void dcap_req(struct futeet_verify_req *req, uint32_t flags)
{
	if (!dq) {
		dq = testdata_load("dcap-qvl/tdx_quote", &dq_len);
		dq_coll = testdata_load("dcap-qvl/tdx_quote_collateral.json", &dq_coll_len);
		if (!dq || !dq_coll)
			fail_msg("cannot read dcap-qvl/tdx_quote and its collateral (FUTEET_TESTDATA)");
	}
	memset(req, 0, sizeof(*req));
	req->evidence = (uint64_t)(uintptr_t)dq;
	req->evidence_len = dq_len;
	req->collateral = (uint64_t)(uintptr_t)dq_coll;
	req->collateral_len = dq_coll_len;
	req->flags = flags;
}

static const char *ear_text(const struct futeet_verify_out *out)
{
	result[out->result_len] = '\0';
	return (const char *)result;
}

#define DCAP_ORACLE_TIME 1752919234 /* 2025-07-19T10:00:34Z, MANIFEST.md */

static void test_verify_collateral_at_host_time_gives_uptodate_with_warning(void **state)
{
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	(void)state;

	fake_wall = DCAP_ORACLE_TIME;
	dcap_req(&req, FUTEET_VERIFY_HOST_TIME);
	assert_int_equal(futeet_verify(&req, &out, result, sizeof(result)), 0);
	const char *e = ear_text(&out);
	if (!strstr(e, "\"status\": \"UpToDate\""))
		fail_msg("no UpToDate TCB status in the EAR: %s", e);
	assert_non_null(strstr(e, "verified at the host's clock"));
	assert_null(strstr(e, "TCB status not evaluated"));
	assert_null(strstr(e, "certificate validity not checked"));
	/* no nonce, no reference MRTD, and the host's time: a warning at best */
	assert_int_equal(out.status, FUTEET_EAR_WARNING);
}

/* Two seconds after the PCK CRL's nextUpdate (10:00:35Z): stale, refused;
 * the host's clock is what the verifier used. */
static void test_verify_host_time_past_crl_next_update_is_contraindicated(void **state)
{
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	(void)state;

	fake_wall = DCAP_ORACLE_TIME + 2;
	dcap_req(&req, FUTEET_VERIFY_HOST_TIME);
	assert_int_equal(futeet_verify(&req, &out, result, sizeof(result)), 0);
	assert_int_equal(out.status, FUTEET_EAR_CONTRAINDICATED);
	assert_non_null(strstr(ear_text(&out), "PCK CRL is not current"));
}

/* The policy's verification_time wins over the host's clock, and then no
 * host-time warning is given. */
static void test_verify_policy_time_wins_over_host_time(void **state)
{
	static const char pol[] =
		"{\"policy_id\": \"t\", \"verification_time\": \"2025-07-19T10:00:36Z\"}";
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	(void)state;

	fake_wall = DCAP_ORACLE_TIME;
	dcap_req(&req, FUTEET_VERIFY_HOST_TIME);
	req.policy = (uint64_t)(uintptr_t)pol;
	req.policy_len = strlen(pol);
	assert_int_equal(futeet_verify(&req, &out, result, sizeof(result)), 0);
	assert_int_equal(out.status, FUTEET_EAR_CONTRAINDICATED);
	const char *e = ear_text(&out);
	assert_non_null(strstr(e, "PCK CRL is not current"));
	assert_null(strstr(e, "verified at the host's clock"));
}

/* Collateral but no time (no flag, or an RTC that does not answer): the TCB
 * status is not given, and the host's clock is never read without the flag. */
static void test_verify_collateral_without_time_gives_no_tcb_status(void **state)
{
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	(void)state;

	for (int i = 0; i < 2; i++) {
		fake_wall = i == 0 ? DCAP_ORACLE_TIME : 0;
		dcap_req(&req, i == 0 ? 0 : FUTEET_VERIFY_HOST_TIME);
		assert_int_equal(futeet_verify(&req, &out, result, sizeof(result)), 0);
		const char *e = ear_text(&out);
		if (strstr(e, "UpToDate"))
			fail_msg("a TCB status without a time (case %d): %s", i, e);
		assert_null(strstr(e, "verified at the host's clock"));
		assert_non_null(strstr(e, "certificate validity not checked"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_refuses_bad_requests_like_the_syscall),
		cmocka_unit_test(test_verify_null_result_buffer_is_efault),
		cmocka_unit_test(test_verify_says_why_a_policy_or_evidence_is_refused),
		cmocka_unit_test(test_verify_sim_evidence_is_a_warning_with_allow_sim),
		cmocka_unit_test(test_verify_sim_evidence_refused_without_allow_sim),
		cmocka_unit_test(test_verify_other_nonce_is_contraindicated),
		cmocka_unit_test(test_verify_without_policy_time_does_not_check_validity),
		cmocka_unit_test(test_verify_cbor_format_is_a_cbor_map),
		cmocka_unit_test(test_verify_collateral_at_host_time_gives_uptodate_with_warning),
		cmocka_unit_test(test_verify_host_time_past_crl_next_update_is_contraindicated),
		cmocka_unit_test(test_verify_policy_time_wins_over_host_time),
		cmocka_unit_test(test_verify_collateral_without_time_gives_no_tcb_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
