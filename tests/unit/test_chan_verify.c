/* lib/chan_verify.c, the channel's verify step on the real verifier, with
 * the sim's real FUTEET evidence (tests/data/sim/attest-vmpl0.cmw: a CMW
 * whose claims set has eat_nonce 00 01 .. 1f and no cnf; MANIFEST.md): the
 * adapter hands the channel the nonce the vendor report binds, refuses sim
 * evidence unless the policy allows the sim, refuses altered evidence; and
 * genuine evidence replayed into a handshake (made for another nonce) is
 * refused by the channel with reason binding. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "lib/chan.h"
#include "lib/chan_testev.h"
#include "lib/chan_verify.h"
#include "tests/unit/testdata.h"

static uint8_t *ev, *ark;
static size_t ev_len, ark_len;
static const uint8_t *roots[1];
static size_t root_lens[1];

static int setup(void **state)
{
	(void)state;
	ev = testdata_load("sim/attest-vmpl0.cmw", &ev_len);
	ark = testdata_load("sim/sim-ark.der", &ark_len);
	if (ev == NULL || ark == NULL)
		return -1;
	roots[0] = ark;
	root_lens[0] = ark_len;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(ev);
	free(ark);
	return 0;
}

static void verifier(struct chan_verifier *v, bool allow_sim)
{
	chan_verifier_init(v, NULL);
	v->in.sim_roots = roots;
	v->in.sim_root_lens = root_lens;
	v->in.n_sim_roots = 1;
	v->in.allow_sim = allow_sim;
	/* sim evidence is at best "warning" (not confidential) by design */
	v->accept_warning = allow_sim;
}

static void test_chan_verify_gives_the_bound_nonce_of_real_evidence(void **state)
{
	static struct chan_verifier v;
	struct chan_evidence_ops ops = { 0 };
	struct chan_peer_evidence pe;

	(void)state;
	verifier(&v, true);
	chan_verifier_ops(&ops, &v);
	memset(&pe, 0, sizeof(pe));
	if (ops.verify(ops.ctx, ev, ev_len, &pe) != 0)
		fail_msg("verify: %s", pe.summary);
	assert_int_equal(pe.eat_nonce_len, 32);
	for (unsigned i = 0; i < 32; i++)
		assert_int_equal(pe.eat_nonce[i], i);
	assert_false(pe.has_cnf);
	assert_non_null(strstr(pe.summary, "sev-snp"));
	assert_non_null(strstr(pe.summary, "sim root) warning"));
	/* what the verified report holds: measurement prefix, debug, TCB */
	const char *m = strstr(pe.summary, "; measurement ");
	assert_non_null(m);
	for (unsigned i = 0; i < 16; i++)
		assert_non_null(strchr("0123456789abcdef", m[14 + i]));
	assert_non_null(strstr(m, "..., debug off, TCB bl "));
}

static void test_chan_verify_refuses_sim_evidence_unless_allowed(void **state)
{
	static struct chan_verifier v;
	struct chan_evidence_ops ops = { 0 };
	struct chan_peer_evidence pe;

	(void)state;
	verifier(&v, false);
	chan_verifier_ops(&ops, &v);
	memset(&pe, 0, sizeof(pe));
	assert_int_not_equal(ops.verify(ops.ctx, ev, ev_len, &pe), 0);
	assert_non_null(strstr(pe.summary, "contraindicated"));
}

static void test_chan_verify_refuses_altered_evidence(void **state)
{
	static struct chan_verifier v;
	struct chan_evidence_ops ops = { 0 };
	struct chan_peer_evidence pe;
	uint8_t *bad = malloc(ev_len);

	(void)state;
	verifier(&v, true);
	chan_verifier_ops(&ops, &v);
	/* every 97th byte in turn: nothing altered may pass */
	for (size_t pos = 0; pos < ev_len; pos += 97) {
		memcpy(bad, ev, ev_len);
		bad[pos] ^= 0x01;
		memset(&pe, 0, sizeof(pe));
		if (ops.verify(ops.ctx, bad, ev_len, &pe) == 0 &&
		    (pe.eat_nonce_len != 32 || memcmp(pe.eat_nonce, "\x00\x01\x02\x03", 4) != 0 ||
		     pe.has_cnf))
			fail_msg("a flip at byte %zu changed what the verifier reports", pos);
	}
	free(bad);
}

/* A responder that sends genuine evidence made for another nonce. */
static int replay_produce(void *ctx, const uint8_t binding[CHAN_HASH_LEN],
			  const uint8_t cnf[CHAN_POINT_LEN], uint8_t *out, size_t cap,
			  size_t *out_len)
{
	(void)ctx;
	(void)binding;
	(void)cnf;
	if (cap < ev_len)
		return -ENOSPC;
	memcpy(out, ev, ev_len);
	*out_len = ev_len;
	return 0;
}

static int ctr_rand(void *ctx, uint8_t *out, size_t n)
{
	uint8_t *c = ctx;

	memset(out, ++*c, n);
	out[0] = 0x01; /* a valid scalar, below the group order */
	return 0;
}

static void test_chan_refuses_real_evidence_replayed_into_a_handshake(void **state)
{
	static struct chan ci, cr;
	static struct chan_verifier v;
	static uint8_t f1[512], f23[CHAN_MAX_FRAME], out[64];
	struct chan_evidence_ops iops = { 0 }, rops = { 0 };
	struct chan_testev tev;
	struct chan_config icfg = { 0 }, rcfg = { 0 };
	uint8_t ictr = 0, rctr = 100;
	size_t l1, l23, l2, ol;

	(void)state;
	/* the initiator appraises with the real verifier; its own evidence is
	 * test evidence (it never gets that far) */
	memset(&tev, 0, sizeof(tev));
	chan_testev_ops(&iops, &tev);
	verifier(&v, true);
	chan_verifier_ops(&iops, &v);
	iops.produce = NULL;
	icfg.ev = &iops;
	icfg.random = ctr_rand;
	icfg.random_ctx = &ictr;
	icfg.ak_evidence = ev; /* chan_init wants a way to authenticate */
	icfg.ak_evidence_len = ev_len;
	icfg.ak_priv = (const uint8_t *)"\x01\x02\x03\x04\x05\x06\x07\x08\x01\x02\x03\x04\x05\x06\x07\x08"
				       "\x01\x02\x03\x04\x05\x06\x07\x08\x01\x02\x03\x04\x05\x06\x07\x08";
	rops.produce = replay_produce;
	rops.verify = iops.verify;
	rcfg.ev = &rops;
	rcfg.random = ctr_rand;
	rcfg.random_ctx = &rctr;
	assert_int_equal(chan_init(&ci, CHAN_ROLE_INITIATOR, &icfg), 0);
	assert_int_equal(chan_init(&cr, CHAN_ROLE_RESPONDER, &rcfg), 0);
	assert_int_equal(chan_hs_start(&ci, f1, sizeof(f1), &l1), 0);
	assert_int_equal(chan_hs_input(&cr, f1, l1, f23, sizeof(f23), &l23), 0);
	assert_int_equal(chan_frame_len(f23, l23, &l2), 0);
	assert_int_equal(chan_hs_input(&ci, f23, l2, out, sizeof(out), &ol), 0);
	assert_int_equal(chan_hs_input(&ci, f23 + l2, l23 - l2, out, sizeof(out), &ol), -EPROTO);
	/* the evidence itself verified (warning only because it is the sim's);
	 * it binds another nonce */
	assert_true(v.result.vendor_verified);
	assert_int_equal(v.result.status, EAR_TIER_WARNING);
	assert_int_equal(ci.reason, CHAN_R_BINDING);
	assert_int_equal(out[0], CHAN_T_ABORT);
	assert_int_equal(out[4], CHAN_R_BINDING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chan_verify_gives_the_bound_nonce_of_real_evidence),
		cmocka_unit_test(test_chan_verify_refuses_sim_evidence_unless_allowed),
		cmocka_unit_test(test_chan_verify_refuses_altered_evidence),
		cmocka_unit_test(test_chan_refuses_real_evidence_replayed_into_a_handshake),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
