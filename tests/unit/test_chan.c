/* lib/chan.c, the attested channel of docs/CHANNEL.md: the C implementation
 * replays the transcript the independent Python implementation
 * (tests/chan/chan_peer.py, Python `cryptography`) wrote into
 * tests/vectors/chan_v1.txt, byte for byte; then a host in the middle
 * flips, drops, duplicates, replays, reorders, truncates and reflects
 * frames between two C parties, and every case must close the channel with
 * its reason, on both sides, with no altered plaintext released.
 * Evidence: the forgeable TEST EVIDENCE (lib/chan_testev.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "lib/chan.h"
#include "lib/chan_testev.h"
#include "tests/unit/unhex.h"

/* ---- the vector file ------------------------------------------------------ */

static char *vec_text;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The hex of `key` inside the block "vector = name" .. "end = name". */
static size_t vec(const char *name, const char *key, uint8_t *out, size_t cap)
{
	char start[64], line[128];
	const char *b, *e, *p;

	snprintf(start, sizeof(start), "\nvector = %s\n", name);
	b = strstr(vec_text, start);
	assert_non_null(b);
	snprintf(line, sizeof(line), "\nend = %s\n", name);
	e = strstr(b, line);
	assert_non_null(e);
	snprintf(line, sizeof(line), "\n%s = ", key);
	p = strstr(b, line);
	if (p == NULL || p > e)
		fail_msg("vector %s has no %s", name, key);
	p += strlen(line);
	const char *nl = strchr(p, '\n');
	char *hex = strndup(p, (size_t)(nl - p));
	size_t n = unhex(hex, out, cap);
	free(hex);
	return n;
}

/* ---- parties -------------------------------------------------------------- */

struct rng { uint8_t q[4][32]; int n, i; };

static int rng_fixed(void *ctx, uint8_t *out, size_t n)
{
	struct rng *r = ctx;

	if (r->i >= r->n || n != 32)
		return -EIO;
	memcpy(out, r->q[r->i++], 32);
	return 0;
}

static int rng_counter(void *ctx, uint8_t *out, size_t n)
{
	uint32_t *ctr = ctx;
	br_sha256_context h;
	uint8_t d[32];

	/* deterministic and distinct per call: SHA-256 of a counter */
	br_sha256_init(&h);
	br_sha256_update(&h, ctr, sizeof(*ctr));
	br_sha256_out(&h, d);
	(*ctr)++;
	memcpy(out, d, n < 32 ? n : 32);
	return 0;
}

struct party {
	struct chan c;
	struct chan_testev tev;
	struct chan_evidence_ops ops;
	struct chan_config cfg;
	struct rng rng;
	uint32_t ctr;
	uint8_t ak_ev[CHAN_TESTEV_LEN];
	uint8_t ak_priv[32];
};

static uint8_t MEAS_A[48], MEAS_B[48];

/* A party claiming `meas`, wanting `want`, with a counter rng seeded `seed`. */
static void party_setup(struct party *p, uint8_t role, const uint8_t *meas, const uint8_t *want,
			uint32_t seed)
{
	memset(p, 0, sizeof(*p));
	memcpy(p->tev.measurement, meas, 48);
	memcpy(p->tev.want_measurement, want, 48);
	chan_testev_ops(&p->ops, &p->tev);
	p->ctr = seed;
	p->cfg.ev = &p->ops;
	p->cfg.random = rng_counter;
	p->cfg.random_ctx = &p->ctr;
	p->c.role = role;
}

static void party_start(struct party *p)
{
	assert_int_equal(chan_init(&p->c, p->c.role, &p->cfg), 0);
}

/* Give p an attested key: scalar from the counter, test evidence made once. */
static void party_ak(struct party *p)
{
	uint8_t pub[65], nonce[32] = { 0 };

	memset(p->ak_priv, 0x5a, 32);
	p->ak_priv[0] = (uint8_t)p->ctr;
	assert_int_equal(br_ec_p256_m31.mulgen(pub, p->ak_priv, 32, BR_EC_secp256r1), 65);
	chan_testev_make(nonce, pub, p->tev.measurement, p->tev.debug, p->ak_ev);
	p->cfg.ak_evidence = p->ak_ev;
	p->cfg.ak_evidence_len = sizeof(p->ak_ev);
	p->cfg.ak_priv = p->ak_priv;
}

static uint8_t f1[CHAN_MAX_FRAME], f23[CHAN_MAX_FRAME], f4[CHAN_MAX_FRAME];
static size_t f1_len, f23_len, f4_len, f2_len;

/* Run the handshake i -> r with the frames kept in f1/f23/f4; assert success. */
static void handshake(struct party *i, struct party *r)
{
	size_t n;

	assert_int_equal(chan_hs_start(&i->c, f1, sizeof(f1), &f1_len), 0);
	assert_int_equal(chan_hs_input(&r->c, f1, f1_len, f23, sizeof(f23), &f23_len), 0);
	assert_int_equal(chan_frame_len(f23, f23_len, &f2_len), 0);
	assert_int_equal(chan_hs_input(&i->c, f23, f2_len, f4, sizeof(f4), &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(chan_hs_input(&i->c, f23 + f2_len, f23_len - f2_len, f4, sizeof(f4), &f4_len), 0);
	assert_int_equal(chan_hs_input(&r->c, f4, f4_len, f1 + CHAN_MAX_FRAME / 2, 16, &n), 0);
	assert_int_equal(n, 0);
	assert_true(chan_established(&i->c));
	assert_true(chan_established(&r->c));
	assert_memory_equal(i->c.sid, r->c.sid, CHAN_SID_LEN);
}

static void pair(struct party *i, struct party *r)
{
	party_setup(i, CHAN_ROLE_INITIATOR, MEAS_A, MEAS_B, 1000);
	party_setup(r, CHAN_ROLE_RESPONDER, MEAS_B, MEAS_A, 2000);
}

/* The side that failed says why and tells the peer; the peer, given that
 * frame, closes with the same reason, marked as the peer's. */
/* (notice_len by pointer: it is read after rc's call has run, whatever the
 * order the compiler evaluates the arguments in) */
static void both_say(struct party *failed, struct party *other, int rc, uint8_t reason,
		     const uint8_t *notice, const size_t *notice_lenp)
{
	size_t notice_len = *notice_lenp;
	uint8_t pt[64], out[64];
	size_t ptl, ol;

	assert_int_equal(rc, -EPROTO);
	if (failed->c.reason != reason)
		fail_msg("closed with %u (%s), wanted %u (%s)", failed->c.reason,
			 chan_reason_str(failed->c.reason), reason, chan_reason_str(reason));
	assert_false(failed->c.reason_from_peer);
	assert_true(notice_len > 0);
	if (chan_established(&other->c))
		rc = chan_open(&other->c, notice, notice_len, pt, sizeof(pt), &ptl, out, sizeof(out), &ol);
	else
		rc = chan_hs_input(&other->c, notice, notice_len, out, sizeof(out), &ol);
	assert_int_equal(rc, -EPIPE);
	assert_int_equal(other->c.reason, reason);
	assert_true(other->c.reason_from_peer);
}

/* ---- known answers from the Python implementation ------------------------ */

static void vector_initiator(const char *name)
{
	struct party i;
	uint8_t want[CHAN_MAX_FRAME], got[CHAN_MAX_FRAME], pt[64], x[64];
	size_t wl, gl, ptl, n;

	party_setup(&i, CHAN_ROLE_INITIATOR, MEAS_A, MEAS_B, 0);
	vec(name, "i_measurement", i.tev.measurement, 48);
	vec(name, "r_measurement", i.tev.want_measurement, 48);
	vec(name, "i_nonce", i.rng.q[0], 32);
	vec(name, "i_eph_priv", i.rng.q[1], 32);
	i.rng.n = 2;
	i.cfg.random = rng_fixed;
	i.cfg.random_ctx = &i.rng;
	i.cfg.records_per_key = 2;
	party_start(&i);

	assert_int_equal(chan_hs_start(&i.c, got, sizeof(got), &gl), 0);
	wl = vec(name, "F1", want, sizeof(want));
	assert_int_equal(gl, wl);
	assert_memory_equal(got, want, wl);
	wl = vec(name, "F2", want, sizeof(want));
	assert_int_equal(chan_hs_input(&i.c, want, wl, got, sizeof(got), &gl), 0);
	assert_int_equal(gl, 0);
	wl = vec(name, "F3", want, sizeof(want));
	assert_int_equal(chan_hs_input(&i.c, want, wl, got, sizeof(got), &gl), 0);
	wl = vec(name, "F4", want, sizeof(want));
	assert_int_equal(gl, wl);
	assert_memory_equal(got, want, wl);
	assert_true(chan_established(&i.c));
	assert_int_equal(i.c.peer_mode, strcmp(name, "ak") ? CHAN_MODE_FRESH : CHAN_MODE_ATTESTED_KEY);
	vec(name, "key_i2r", x, 32);
	assert_memory_equal(i.c.tx.key, x, 32);
	vec(name, "iv_i2r", x, 12);
	assert_memory_equal(i.c.tx.iv, x, 12);
	vec(name, "key_r2i", x, 32);
	assert_memory_equal(i.c.rx.key, x, 32);
	vec(name, "iv_r2i", x, 12);
	assert_memory_equal(i.c.rx.iv, x, 12);
	vec(name, "sid", x, 16);
	assert_memory_equal(i.c.sid, x, 16);

	/* records: DATA, then KEY_UPDATE + DATA (limit 2), CLOSE; one from R */
	n = vec(name, "i2r_msg1", x, sizeof(x));
	assert_int_equal(chan_seal(&i.c, x, n, got, sizeof(got), &gl), 0);
	wl = vec(name, "i2r_rec1", want, sizeof(want));
	assert_int_equal(gl, wl);
	assert_memory_equal(got, want, wl);
	n = vec(name, "i2r_msg2", x, sizeof(x));
	assert_int_equal(chan_seal(&i.c, x, n, got, sizeof(got), &gl), 0);
	wl = vec(name, "i2r_rec2", want, sizeof(want));
	assert_int_equal(gl, wl);
	assert_memory_equal(got, want, wl);
	wl = vec(name, "r2i_rec1", want, sizeof(want));
	assert_int_equal(chan_open(&i.c, want, wl, pt, sizeof(pt), &ptl, got, sizeof(got), &gl), 0);
	n = vec(name, "r2i_msg1", x, sizeof(x));
	assert_int_equal(ptl, n);
	assert_memory_equal(pt, x, n);
	assert_int_equal(chan_close_frame(&i.c, CHAN_R_CLOSED, got, sizeof(got), &gl), 0);
	wl = vec(name, "i2r_close", want, sizeof(want));
	assert_int_equal(gl, wl);
	assert_memory_equal(got, want, wl);
}

static void test_chan_initiator_matches_python_vectors_fresh(void **state)
{
	(void)state;
	vector_initiator("fresh");
}

/* The responder's ECDSA signature in F3 was made by Python with a random k:
 * the C initiator checks it, and its own F4 and keys still match. */
static void test_chan_initiator_matches_python_vectors_attested_key(void **state)
{
	(void)state;
	vector_initiator("ak");
}

static void test_chan_responder_matches_python_vectors_fresh(void **state)
{
	struct party r;
	uint8_t want[CHAN_MAX_FRAME], got[CHAN_MAX_FRAME], pt[64], x[64];
	size_t wl, gl, ptl, n, w2;

	(void)state;
	party_setup(&r, CHAN_ROLE_RESPONDER, MEAS_A, MEAS_B, 0);
	vec("fresh", "r_measurement", r.tev.measurement, 48);
	vec("fresh", "i_measurement", r.tev.want_measurement, 48);
	vec("fresh", "r_nonce", r.rng.q[0], 32);
	vec("fresh", "r_eph_priv", r.rng.q[1], 32);
	r.rng.n = 2;
	r.cfg.random = rng_fixed;
	r.cfg.random_ctx = &r.rng;
	r.cfg.records_per_key = 2;
	party_start(&r);

	wl = vec("fresh", "F1", want, sizeof(want));
	assert_int_equal(chan_hs_input(&r.c, want, wl, got, sizeof(got), &gl), 0);
	w2 = vec("fresh", "F2", want, sizeof(want));
	wl = vec("fresh", "F3", want + w2, sizeof(want) - w2);
	assert_int_equal(gl, w2 + wl);
	assert_memory_equal(got, want, gl);
	wl = vec("fresh", "F4", want, sizeof(want));
	assert_int_equal(chan_hs_input(&r.c, want, wl, got, sizeof(got), &gl), 0);
	assert_true(chan_established(&r.c));
	vec("fresh", "sid", x, 16);
	assert_memory_equal(r.c.sid, x, 16);

	wl = vec("fresh", "i2r_rec1", want, sizeof(want));
	assert_int_equal(chan_open(&r.c, want, wl, pt, sizeof(pt), &ptl, got, sizeof(got), &gl), 0);
	n = vec("fresh", "i2r_msg1", x, sizeof(x));
	assert_int_equal(ptl, n);
	assert_memory_equal(pt, x, n);
	/* KEY_UPDATE and DATA arrive as two frames */
	wl = vec("fresh", "i2r_rec2", want, sizeof(want));
	assert_int_equal(chan_open(&r.c, want, CHAN_RECORD_OVERHEAD, pt, sizeof(pt), &ptl, got, sizeof(got), &gl), 0);
	assert_int_equal(ptl, 0);
	assert_int_equal(chan_open(&r.c, want + CHAN_RECORD_OVERHEAD, wl - CHAN_RECORD_OVERHEAD, pt,
				   sizeof(pt), &ptl, got, sizeof(got), &gl), 0);
	n = vec("fresh", "i2r_msg2", x, sizeof(x));
	assert_int_equal(ptl, n);
	assert_memory_equal(pt, x, n);
	n = vec("fresh", "r2i_msg1", x, sizeof(x));
	assert_int_equal(chan_seal(&r.c, x, n, got, sizeof(got), &gl), 0);
	wl = vec("fresh", "r2i_rec1", want, sizeof(want));
	assert_int_equal(gl, wl);
	assert_memory_equal(got, want, wl);
	wl = vec("fresh", "i2r_close", want, sizeof(want));
	assert_int_equal(chan_open(&r.c, want, wl, pt, sizeof(pt), &ptl, got, sizeof(got), &gl), -EPIPE);
	assert_int_equal(r.c.reason, CHAN_R_CLOSED);
	assert_true(r.c.reason_from_peer);
}

static void test_chan_binding_matches_python_vectors(void **state)
{
	uint8_t nonce[32], eph[65], th[32], want[32], got[32], f1v[200], f2v[200];

	(void)state;
	/* binding_r = SHA-256(label || 2 || i_nonce || r_eph || TH2) */
	vec("fresh", "F1", f1v, sizeof(f1v));
	vec("fresh", "F2", f2v, sizeof(f2v));
	memcpy(nonce, f1v + 8, 32);
	memcpy(eph, f2v + 40, 65);
	vec("fresh", "th2", th, 32);
	vec("fresh", "binding_r", want, 32);
	chan_binding(CHAN_ROLE_RESPONDER, nonce, eph, th, got);
	assert_memory_equal(got, want, 32);
	/* the role is bound: the same bytes as an initiator give another digest */
	chan_binding(CHAN_ROLE_INITIATOR, nonce, eph, th, got);
	assert_memory_not_equal(got, want, 32);
}

/* ---- two C parties ------------------------------------------------------- */

static void test_chan_c_pair_exchanges_records_and_updates_keys(void **state)
{
	struct party i, r;
	uint8_t msg[CHAN_MAX_PLAINTEXT], rec[2 * CHAN_RECORD_OVERHEAD + CHAN_MAX_PLAINTEXT];
	uint8_t pt[CHAN_MAX_PLAINTEXT], out[64];
	size_t rl, ptl, ol, off, fl;

	(void)state;
	pair(&i, &r);
	i.cfg.records_per_key = 3;
	r.cfg.records_per_key = 3;
	party_start(&i);
	party_start(&r);
	handshake(&i, &r);
	assert_int_equal(i.c.peer_mode, CHAN_MODE_FRESH);
	assert_int_equal(r.c.peer_mode, CHAN_MODE_FRESH);
	for (int k = 0; k < 10; k++) {
		size_t n = k == 9 ? CHAN_MAX_PLAINTEXT : (size_t)k * 100;
		memset(msg, 'a' + k, n);
		assert_int_equal(chan_seal(&i.c, msg, n, rec, sizeof(rec), &rl), 0);
		for (off = 0; off < rl; off += fl) {
			assert_int_equal(chan_frame_len(rec + off, rl - off, &fl), 0);
			assert_int_equal(chan_open(&r.c, rec + off, fl, pt, sizeof(pt), &ptl, out, sizeof(out), &ol), 0);
		}
		assert_int_equal(ptl, n);
		assert_memory_equal(pt, msg, n);
	}
	/* 10 records with 3 per key: the key was updated (seq restarted) */
	assert_true(i.c.tx.seq < 3);
	assert_int_equal(chan_seal(&i.c, msg, CHAN_MAX_PLAINTEXT + 1, rec, sizeof(rec), &rl), -EMSGSIZE);
	chan_wipe(&i.c);
	chan_wipe(&r.c);
}

static void test_chan_attested_key_mode_is_flagged_and_forbiddable(void **state)
{
	struct party i, r;
	size_t n;

	(void)state;
	/* allowed: the result says which mode each peer used */
	pair(&i, &r);
	party_ak(&r);
	party_start(&i);
	party_start(&r);
	handshake(&i, &r);
	assert_int_equal(i.c.peer_mode, CHAN_MODE_ATTESTED_KEY);
	assert_int_equal(r.c.peer_mode, CHAN_MODE_FRESH);

	/* forbidden by the initiator's policy: its hello says FRESH_REQUIRED,
	 * so a responder that can do both sends fresh evidence */
	pair(&i, &r);
	party_ak(&r);
	i.cfg.forbid_attested_key = true;
	party_start(&i);
	party_start(&r);
	handshake(&i, &r);
	assert_int_equal(i.c.peer_mode, CHAN_MODE_FRESH);

	/* the initiator only has an attested key and no producer; the
	 * responder requires fresh evidence: the initiator cannot comply and
	 * closes (internal) instead of sending what the peer would refuse */
	pair(&i, &r);
	party_ak(&i);
	r.cfg.forbid_attested_key = true;
	i.ops.produce = NULL;
	party_start(&i);
	party_start(&r);
	assert_int_equal(chan_hs_start(&i.c, f1, sizeof(f1), &f1_len), 0);
	assert_int_equal(chan_hs_input(&r.c, f1, f1_len, f23, sizeof(f23), &f23_len), 0);
	assert_int_equal(chan_frame_len(f23, f23_len, &f2_len), 0);
	assert_int_equal(chan_hs_input(&i.c, f23, f2_len, f4, sizeof(f4), &n), 0);
	assert_int_equal(chan_hs_input(&i.c, f23 + f2_len, f23_len - f2_len, f4, sizeof(f4), &f4_len), -EPROTO);
	assert_int_equal(i.c.reason, CHAN_R_INTERNAL);
}

static void test_chan_attested_key_forbidden_by_receiver_closes_mode_forbidden(void **state)
{
	struct party i, r;
	uint8_t out[64];
	size_t n, ol;

	(void)state;
	/* r sends ATTESTED_KEY to an initiator whose policy forbids it (here
	 * the policy is set after its hello went out, as if the flag had been
	 * lost): the receiver's mode check refuses it by itself. */
	pair(&i, &r);
	party_ak(&r);
	party_start(&i);
	party_start(&r);
	assert_int_equal(chan_hs_start(&i.c, f1, sizeof(f1), &f1_len), 0);
	assert_int_equal(chan_hs_input(&r.c, f1, f1_len, f23, sizeof(f23), &f23_len), 0);
	assert_int_equal(chan_frame_len(f23, f23_len, &f2_len), 0);
	assert_int_equal(chan_hs_input(&i.c, f23, f2_len, f4, sizeof(f4), &n), 0);
	i.c.cfg.forbid_attested_key = true;
	both_say(&i, &r, chan_hs_input(&i.c, f23 + f2_len, f23_len - f2_len, out, sizeof(out), &ol),
		 CHAN_R_MODE_FORBIDDEN, out, &ol);
}

static void test_chan_attested_key_with_wrong_key_fails_signature(void **state)
{
	struct party i, r;
	uint8_t out[64];
	size_t n, ol;

	(void)state;
	pair(&i, &r);
	party_ak(&r);
	r.ak_priv[31] ^= 1; /* signs with a key the evidence does not attest */
	party_start(&i);
	party_start(&r);
	assert_int_equal(chan_hs_start(&i.c, f1, sizeof(f1), &f1_len), 0);
	assert_int_equal(chan_hs_input(&r.c, f1, f1_len, f23, sizeof(f23), &f23_len), 0);
	assert_int_equal(chan_frame_len(f23, f23_len, &f2_len), 0);
	assert_int_equal(chan_hs_input(&i.c, f23, f2_len, f4, sizeof(f4), &n), 0);
	both_say(&i, &r, chan_hs_input(&i.c, f23 + f2_len, f23_len - f2_len, out, sizeof(out), &ol),
		 CHAN_R_SIGNATURE, out, &ol);
}

/* Run a handshake where `who` ('R' the responder's evidence, 'I' the
 * initiator's) is changed by `setup`, and expect `reason` at the other side. */
static void refused(void (*setup)(struct party *), char who, uint8_t reason)
{
	struct party i, r;
	uint8_t out[64];
	size_t n, ol;

	pair(&i, &r);
	setup(who == 'R' ? &r : &i);
	party_start(&i);
	party_start(&r);
	assert_int_equal(chan_hs_start(&i.c, f1, sizeof(f1), &f1_len), 0);
	assert_int_equal(chan_hs_input(&r.c, f1, f1_len, f23, sizeof(f23), &f23_len), 0);
	assert_int_equal(chan_frame_len(f23, f23_len, &f2_len), 0);
	assert_int_equal(chan_hs_input(&i.c, f23, f2_len, f4, sizeof(f4), &n), 0);
	if (who == 'R') {
		both_say(&i, &r, chan_hs_input(&i.c, f23 + f2_len, f23_len - f2_len, out, sizeof(out), &ol),
			 reason, out, &ol);
		assert_false(chan_established(&i.c));
		return;
	}
	assert_int_equal(chan_hs_input(&i.c, f23 + f2_len, f23_len - f2_len, f4, sizeof(f4), &f4_len), 0);
	both_say(&r, &i, chan_hs_input(&r.c, f4, f4_len, out, sizeof(out), &ol), reason, out, &ol);
	assert_false(chan_established(&r.c));
}

static void wrong_measurement(struct party *p) { p->tev.measurement[5] ^= 0x80; }
static void debug_on(struct party *p) { p->tev.debug = 1; }
static void evil_nonce(struct party *p) { p->tev.evil = 1; }
static void evil_cnf(struct party *p) { p->tev.evil = 2; }
static void evil_hmac(struct party *p) { p->tev.evil = 3; }

static void test_chan_refuses_wrong_measurement_both_ways(void **state)
{
	(void)state;
	refused(wrong_measurement, 'R', CHAN_R_EVIDENCE);
	refused(wrong_measurement, 'I', CHAN_R_EVIDENCE);
}

static void test_chan_refuses_debug_on(void **state)
{
	(void)state;
	refused(debug_on, 'R', CHAN_R_EVIDENCE);
	refused(debug_on, 'I', CHAN_R_EVIDENCE);
}

static void test_chan_refuses_evidence_for_another_handshake_or_key(void **state)
{
	(void)state;
	refused(evil_nonce, 'R', CHAN_R_BINDING);
	refused(evil_nonce, 'I', CHAN_R_BINDING);
	refused(evil_cnf, 'R', CHAN_R_BINDING);
	refused(evil_cnf, 'I', CHAN_R_BINDING);
	refused(evil_hmac, 'R', CHAN_R_EVIDENCE);
}

/* A host flips each bit position class of every handshake frame: no flip
 * ever gives an established channel on the side that received it. */
static void test_chan_any_flipped_handshake_byte_fails(void **state)
{
	struct party i, r;
	uint8_t out[CHAN_MAX_FRAME];
	size_t n, ol, f3_len;
	int fails = 0, total = 0;

	(void)state;
	for (int frame = 1; frame <= 4; frame++) {
		size_t len = 0;
		for (size_t pos = 0;; pos++) {
			pair(&i, &r);
			party_start(&i);
			party_start(&r);
			assert_int_equal(chan_hs_start(&i.c, f1, sizeof(f1), &f1_len), 0);
			if (frame == 1) {
				len = f1_len;
				if (pos >= len)
					break;
				f1[pos] ^= (uint8_t)(1u << (pos % 8));
			}
			if (chan_hs_input(&r.c, f1, f1_len, f23, sizeof(f23), &f23_len) != 0)
				goto failed;
			assert_int_equal(chan_frame_len(f23, f23_len, &f2_len), 0);
			f3_len = f23_len - f2_len;
			if (frame == 2 || frame == 3) {
				len = frame == 2 ? f2_len : f3_len;
				if (pos >= len)
					break;
				f23[(frame == 2 ? 0 : f2_len) + pos] ^= (uint8_t)(1u << (pos % 8));
			}
			if (chan_hs_input(&i.c, f23, f2_len, out, sizeof(out), &n) != 0)
				goto failed;
			if (chan_hs_input(&i.c, f23 + f2_len, f3_len, f4, sizeof(f4), &f4_len) != 0)
				goto failed;
			if (frame == 4) {
				len = f4_len;
				if (pos >= len)
					break;
				f4[pos] ^= (uint8_t)(1u << (pos % 8));
			}
			if (chan_hs_input(&r.c, f4, f4_len, out, sizeof(out), &ol) != 0)
				goto failed;
			fail_msg("frame F%d: a flipped bit at byte %zu was accepted", frame, pos);
failed:
			assert_false(chan_established(&r.c));
			fails++;
			total++;
		}
	}
	assert_int_equal(fails, total);
	assert_true(total > 4 * 100);
}

/* Establish a pair and seal three records r0, r1, r2 from i. */
static uint8_t recs[3][CHAN_RECORD_OVERHEAD + 32];
static size_t rec_len[3];

static void pair_with_records(struct party *i, struct party *r)
{
	pair(i, r);
	party_start(i);
	party_start(r);
	handshake(i, r);
	for (int k = 0; k < 3; k++) {
		uint8_t m[32];
		memset(m, '0' + k, sizeof(m));
		assert_int_equal(chan_seal(&i->c, m, sizeof(m), recs[k], sizeof(recs[k]), &rec_len[k]), 0);
	}
}

static int deliver(struct party *r, const uint8_t *f, size_t n, uint8_t *out, size_t *ol)
{
	uint8_t pt[64];
	size_t ptl;
	int rc = chan_open(&r->c, f, n, pt, sizeof(pt), &ptl, out, 64, ol);

	if (rc == 0)
		assert_int_equal(ptl, 32);
	return rc;
}

static void test_chan_record_flip_is_record_auth(void **state)
{
	struct party i, r;
	uint8_t out[64], bad[sizeof(recs[0])];
	size_t ol;

	(void)state;
	/* every byte after the sequence number: ciphertext and tag */
	for (size_t pos = CHAN_HDR_LEN + CHAN_SEQ_LEN; pos < CHAN_RECORD_OVERHEAD + 32; pos++) {
		pair_with_records(&i, &r);
		memcpy(bad, recs[0], rec_len[0]);
		bad[pos] ^= 0x01;
		both_say(&r, &i, deliver(&r, bad, rec_len[0], out, &ol), CHAN_R_RECORD_AUTH, out, &ol);
	}
	/* the type byte is authenticated too (DATA -> KEY_UPDATE is also a size error) */
	pair_with_records(&i, &r);
	memcpy(bad, recs[0], rec_len[0]);
	bad[0] = CHAN_T_CLOSE;
	both_say(&r, &i, deliver(&r, bad, rec_len[0], out, &ol), CHAN_R_BAD_FRAME, out, &ol);
}

static void test_chan_record_drop_duplicate_reorder_are_record_seq(void **state)
{
	struct party i, r;
	uint8_t out[64];
	size_t ol;

	(void)state;
	/* drop r0 */
	pair_with_records(&i, &r);
	both_say(&r, &i, deliver(&r, recs[1], rec_len[1], out, &ol), CHAN_R_RECORD_SEQ, out, &ol);
	/* duplicate r0 */
	pair_with_records(&i, &r);
	assert_int_equal(deliver(&r, recs[0], rec_len[0], out, &ol), 0);
	both_say(&r, &i, deliver(&r, recs[0], rec_len[0], out, &ol), CHAN_R_RECORD_SEQ, out, &ol);
	/* reorder r1 before r0 */
	pair_with_records(&i, &r);
	assert_int_equal(deliver(&r, recs[0], rec_len[0], out, &ol), 0);
	both_say(&r, &i, deliver(&r, recs[2], rec_len[2], out, &ol), CHAN_R_RECORD_SEQ, out, &ol);
	/* a host rewrites the explicit seq to match: the nonce differs, the tag fails */
	pair_with_records(&i, &r);
	uint8_t bad[sizeof(recs[0])];
	memcpy(bad, recs[1], rec_len[1]);
	bad[CHAN_HDR_LEN + 7] = 0;
	both_say(&r, &i, deliver(&r, bad, rec_len[1], out, &ol), CHAN_R_RECORD_AUTH, out, &ol);
}

static void test_chan_record_replayed_into_another_session_fails(void **state)
{
	struct party i, r;
	uint8_t out[64], old[sizeof(recs[0])];
	size_t ol, old_len = rec_len[0];

	(void)state;
	pair_with_records(&i, &r);
	memcpy(old, recs[0], rec_len[0]);
	old_len = rec_len[0];
	/* a new session (other randomness): same seq 0, other key */
	party_setup(&i, CHAN_ROLE_INITIATOR, MEAS_A, MEAS_B, 3000);
	party_setup(&r, CHAN_ROLE_RESPONDER, MEAS_B, MEAS_A, 4000);
	party_start(&i);
	party_start(&r);
	handshake(&i, &r);
	both_say(&r, &i, deliver(&r, old, old_len, out, &ol), CHAN_R_RECORD_AUTH, out, &ol);
}

static void test_chan_handshake_replayed_into_another_session_fails(void **state)
{
	struct party i, r, i2;
	uint8_t old23[CHAN_MAX_FRAME], out[64];
	size_t old23_len, old2_len, n, ol;

	(void)state;
	pair(&i, &r);
	party_start(&i);
	party_start(&r);
	handshake(&i, &r);
	memcpy(old23, f23, f23_len);
	old23_len = f23_len;
	old2_len = f2_len;
	/* a new initiator (fresh nonce) gets the old RESP_HELLO + RESP_AUTH */
	party_setup(&i2, CHAN_ROLE_INITIATOR, MEAS_A, MEAS_B, 5000);
	party_start(&i2);
	assert_int_equal(chan_hs_start(&i2.c, f1, sizeof(f1), &f1_len), 0);
	assert_int_equal(chan_hs_input(&i2.c, old23, old2_len, out, sizeof(out), &n), 0);
	assert_int_equal(chan_hs_input(&i2.c, old23 + old2_len, old23_len - old2_len, out, sizeof(out), &ol), -EPROTO);
	assert_int_equal(i2.c.reason, CHAN_R_MAC);
	assert_int_equal(ol, CHAN_HDR_LEN + 1);
	assert_int_equal(out[0], CHAN_T_ABORT);
	assert_int_equal(out[4], CHAN_R_MAC);
}

static void test_chan_truncated_frames_and_streams_fail(void **state)
{
	struct party i, r;
	uint8_t out[64];
	size_t ol, fl;

	(void)state;
	assert_int_equal(chan_frame_len(recs[0], 3, &fl), -EAGAIN);
	pair_with_records(&i, &r);
	both_say(&r, &i, deliver(&r, recs[0], rec_len[0] - 1, out, &ol), CHAN_R_BAD_FRAME, out, &ol);
	/* a truncated handshake frame */
	pair(&i, &r);
	party_start(&i);
	party_start(&r);
	assert_int_equal(chan_hs_start(&i.c, f1, sizeof(f1), &f1_len), 0);
	both_say(&r, &i, chan_hs_input(&r.c, f1, f1_len - 1, out, sizeof(out), &ol), CHAN_R_BAD_FRAME, out, &ol);
	/* the stream ends without a CLOSE: truncated, never a clean end */
	pair_with_records(&i, &r);
	chan_eof(&r.c, 0);
	assert_int_equal(r.c.reason, CHAN_R_TRUNCATED);
	assert_int_equal(deliver(&r, recs[0], rec_len[0], out, &ol), -EPIPE);
}

static void test_chan_reflection_is_refused(void **state)
{
	struct party a1, a2, x;
	uint8_t out[CHAN_MAX_FRAME], g[CHAN_MAX_FRAME];
	struct chan_selfset self;
	size_t ol;

	(void)state;
	/* the initiator's own hello sent back to it as a RESP_HELLO */
	party_setup(&a1, CHAN_ROLE_INITIATOR, MEAS_A, MEAS_A, 1);
	party_setup(&x, CHAN_ROLE_RESPONDER, MEAS_A, MEAS_A, 2);
	party_start(&a1);
	party_start(&x);
	assert_int_equal(chan_hs_start(&a1.c, f1, sizeof(f1), &f1_len), 0);
	memcpy(g, f1, f1_len);
	g[0] = CHAN_T_RESP_HELLO;
	both_say(&a1, &x, chan_hs_input(&a1.c, g, f1_len, out, sizeof(out), &ol), CHAN_R_REFLECTED, out, &ol);
	/* ... and as itself: unexpected */
	party_setup(&a1, CHAN_ROLE_INITIATOR, MEAS_A, MEAS_A, 1);
	party_start(&a1);
	assert_int_equal(chan_hs_start(&a1.c, f1, sizeof(f1), &f1_len), 0);
	assert_int_equal(chan_hs_input(&a1.c, f1, f1_len, out, sizeof(out), &ol), -EPROTO);
	assert_int_equal(a1.c.reason, CHAN_R_UNEXPECTED);
	/* one party, two channels (initiator a1, responder a2, same measurement
	 * so each would accept the other's evidence): a host wires a1 to a2 */
	memset(&self, 0, sizeof(self));
	party_setup(&a1, CHAN_ROLE_INITIATOR, MEAS_A, MEAS_A, 10);
	party_setup(&a2, CHAN_ROLE_RESPONDER, MEAS_A, MEAS_A, 20);
	a1.cfg.self = &self;
	a2.cfg.self = &self;
	party_start(&a1);
	party_start(&a2);
	assert_int_equal(chan_hs_start(&a1.c, f1, sizeof(f1), &f1_len), 0);
	both_say(&a2, &a1, chan_hs_input(&a2.c, f1, f1_len, out, sizeof(out), &ol), CHAN_R_REFLECTED, out, &ol);
	/* without the shared set the same wiring would succeed: the set is what catches it */
	party_setup(&a1, CHAN_ROLE_INITIATOR, MEAS_A, MEAS_A, 10);
	party_setup(&a2, CHAN_ROLE_RESPONDER, MEAS_A, MEAS_A, 20);
	party_start(&a1);
	party_start(&a2);
	handshake(&a1, &a2);
}

static void test_chan_bad_hello_fields(void **state)
{
	struct party i, r;
	uint8_t out[64], g[CHAN_MAX_FRAME];
	size_t ol;
	static const struct { size_t off; uint8_t val; uint8_t reason; } cases[] = {
		{ 4, 2, CHAN_R_VERSION },           /* version 2 */
		{ 5, 9, CHAN_R_VERSION },           /* suite 9 */
		{ 6, 0x80, CHAN_R_BAD_FRAME },      /* unknown flag */
		{ 7, 1, CHAN_R_BAD_FRAME },         /* reserved */
		{ 40, 0x02, CHAN_R_BAD_KEY },       /* compressed-point prefix */
		{ 104, 0x00, CHAN_R_BAD_KEY },      /* y changed: off the curve */
	};

	(void)state;
	for (size_t k = 0; k < FUTEET_ARRAY_SIZE(cases); k++) {
		pair(&i, &r);
		party_start(&i);
		party_start(&r);
		assert_int_equal(chan_hs_start(&i.c, f1, sizeof(f1), &f1_len), 0);
		memcpy(g, f1, f1_len);
		g[cases[k].off] = cases[k].val == g[cases[k].off] ? (uint8_t)(cases[k].val + 1) : cases[k].val;
		both_say(&r, &i, chan_hs_input(&r.c, g, f1_len, out, sizeof(out), &ol), cases[k].reason, out, &ol);
	}
	/* an unknown frame type, and data before the handshake */
	pair(&i, &r);
	party_start(&i);
	party_start(&r);
	assert_int_equal(chan_hs_start(&i.c, f1, sizeof(f1), &f1_len), 0);
	memcpy(g, f1, f1_len);
	g[0] = 0x42;
	both_say(&r, &i, chan_hs_input(&r.c, g, f1_len, out, sizeof(out), &ol), CHAN_R_BAD_FRAME, out, &ol);
	pair(&i, &r);
	party_start(&r);
	assert_int_equal(chan_seal(&r.c, g, 1, out, sizeof(out), &ol), -ENOTCONN);
}

static void test_chan_record_size_and_sequence_limits(void **state)
{
	struct party i, r;
	uint8_t out[64], big[CHAN_HDR_LEN + CHAN_MAX_RECORD_LEN + 1];
	uint8_t rec[CHAN_RECORD_OVERHEAD + 8];
	size_t ol, rl;

	(void)state;
	/* a DATA record above the maximum: record-size, before any decryption */
	pair_with_records(&i, &r);
	memset(big, 0, sizeof(big));
	big[0] = CHAN_T_DATA;
	big[1] = (uint8_t)((CHAN_MAX_RECORD_LEN + 1) >> 16);
	big[2] = (uint8_t)((CHAN_MAX_RECORD_LEN + 1) >> 8);
	big[3] = (uint8_t)(CHAN_MAX_RECORD_LEN + 1);
	both_say(&r, &i, deliver(&r, big, sizeof(big), out, &ol), CHAN_R_RECORD_SIZE, out, &ol);
	/* a receiver with a 4-record limit and a sender that never updates */
	pair(&i, &r);
	r.cfg.records_per_key = 4;
	party_start(&i);
	party_start(&r);
	handshake(&i, &r);
	for (int k = 0; k < 4; k++) {
		assert_int_equal(chan_seal(&i.c, (const uint8_t *)"12345678", 8, rec, sizeof(rec), &rl), 0);
		assert_int_equal(chan_open(&r.c, rec, rl, big, sizeof(big), &ol, out, sizeof(out), &ol), 0);
	}
	assert_int_equal(chan_seal(&i.c, (const uint8_t *)"12345678", 8, rec, sizeof(rec), &rl), 0);
	both_say(&r, &i, chan_open(&r.c, rec, rl, big, sizeof(big), &rl, out, sizeof(out), &ol),
		 CHAN_R_SEQ_EXHAUSTED, out, &ol);
}

/* A host client with no TEE (UNATTESTED): accepted only where the policy
 * allows it, flagged in the result; an UNATTESTED auth that carries
 * evidence anyway is malformed. */
static void test_chan_unattested_peer_needs_policy_and_is_flagged(void **state)
{
	struct party i, r;
	uint8_t out[64];
	size_t ol;

	(void)state;
	pair(&i, &r);
	i.cfg.unattested = true;
	i.ops.produce = NULL;
	r.cfg.allow_unattested_peer = true;
	party_start(&i);
	party_start(&r);
	handshake(&i, &r);
	assert_int_equal(r.c.peer_mode, CHAN_MODE_UNATTESTED);
	assert_int_equal(i.c.peer_mode, CHAN_MODE_FRESH); /* the guest is still attested */
	assert_non_null(strstr(r.c.peer.summary, "UNATTESTED"));

	/* the default policy refuses it */
	pair(&i, &r);
	i.cfg.unattested = true;
	party_start(&i);
	party_start(&r);
	assert_int_equal(chan_hs_start(&i.c, f1, sizeof(f1), &f1_len), 0);
	assert_int_equal(chan_hs_input(&r.c, f1, f1_len, f23, sizeof(f23), &f23_len), 0);
	assert_int_equal(chan_frame_len(f23, f23_len, &f2_len), 0);
	assert_int_equal(chan_hs_input(&i.c, f23, f2_len, f4, sizeof(f4), &ol), 0);
	assert_int_equal(chan_hs_input(&i.c, f23 + f2_len, f23_len - f2_len, f4, sizeof(f4), &f4_len), 0);
	assert_int_equal(f4[CHAN_HDR_LEN], CHAN_MODE_UNATTESTED);
	assert_int_equal(f4_len, CHAN_HDR_LEN + CHAN_AUTH_FIXED_LEN + CHAN_MAC_LEN);
	both_say(&r, &i, chan_hs_input(&r.c, f4, f4_len, out, sizeof(out), &ol), CHAN_R_MODE_FORBIDDEN, out, &ol);

	/* a host turns a FRESH auth into UNATTESTED: the mode byte is under
	 * the MAC, and the evidence length no longer fits the mode */
	pair(&i, &r);
	r.cfg.allow_unattested_peer = true;
	party_start(&i);
	party_start(&r);
	assert_int_equal(chan_hs_start(&i.c, f1, sizeof(f1), &f1_len), 0);
	assert_int_equal(chan_hs_input(&r.c, f1, f1_len, f23, sizeof(f23), &f23_len), 0);
	assert_int_equal(chan_frame_len(f23, f23_len, &f2_len), 0);
	assert_int_equal(chan_hs_input(&i.c, f23, f2_len, f4, sizeof(f4), &ol), 0);
	assert_int_equal(chan_hs_input(&i.c, f23 + f2_len, f23_len - f2_len, f4, sizeof(f4), &f4_len), 0);
	f4[CHAN_HDR_LEN] = CHAN_MODE_UNATTESTED;
	both_say(&r, &i, chan_hs_input(&r.c, f4, f4_len, out, sizeof(out), &ol), CHAN_R_BAD_FRAME, out, &ol);
}

static void test_chan_reason_strings_cover_every_code(void **state)
{
	(void)state;
	for (unsigned k = 1; k <= CHAN_R_INTERNAL; k++)
		assert_string_not_equal(chan_reason_str(k), "unknown reason code");
	assert_string_equal(chan_reason_str(200), "unknown reason code");
}

/* The attested key's one-time evidence (CHANNEL.md 4): Python's `ak`
 * vector made the key from r_ak_priv and its test evidence carries
 * eat_nonce = SHA-256("futeet-chan-v1 attested key" || pub) at bytes
 * 16..47 and cnf at 48..112; chan_ak_keygen from those random bytes and
 * chan_ak_nonce give the same. A zero scalar is redrawn. */
static int rng_seq(void *ctx, uint8_t *out, size_t n)
{
	const uint8_t **q = ctx;

	memcpy(out, *q, n);
	*q += n;
	return 0;
}

static void test_chan_attested_key_nonce_and_keygen_match_python(void **state)
{
	uint8_t seed[64], ev[CHAN_TESTEV_LEN], priv[32], pub[65], nonce[32];
	const uint8_t *q = seed;

	(void)state;
	memset(seed, 0, 32);                 /* 0 is not a scalar: drawn again */
	vec("ak", "r_ak_priv", seed + 32, 32);
	assert_int_equal(vec("ak", "r_ak_evidence", ev, sizeof(ev)), CHAN_TESTEV_LEN);
	assert_int_equal(chan_ak_keygen(rng_seq, &q, priv, pub), 0);
	assert_memory_equal(priv, seed + 32, 32);
	assert_memory_equal(pub, ev + 48, 65);
	chan_ak_nonce(pub, nonce);
	assert_memory_equal(nonce, ev + 16, 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chan_initiator_matches_python_vectors_fresh),
		cmocka_unit_test(test_chan_initiator_matches_python_vectors_attested_key),
		cmocka_unit_test(test_chan_responder_matches_python_vectors_fresh),
		cmocka_unit_test(test_chan_binding_matches_python_vectors),
		cmocka_unit_test(test_chan_c_pair_exchanges_records_and_updates_keys),
		cmocka_unit_test(test_chan_attested_key_mode_is_flagged_and_forbiddable),
		cmocka_unit_test(test_chan_attested_key_forbidden_by_receiver_closes_mode_forbidden),
		cmocka_unit_test(test_chan_attested_key_with_wrong_key_fails_signature),
		cmocka_unit_test(test_chan_attested_key_nonce_and_keygen_match_python),
		cmocka_unit_test(test_chan_refuses_wrong_measurement_both_ways),
		cmocka_unit_test(test_chan_refuses_debug_on),
		cmocka_unit_test(test_chan_refuses_evidence_for_another_handshake_or_key),
		cmocka_unit_test(test_chan_any_flipped_handshake_byte_fails),
		cmocka_unit_test(test_chan_record_flip_is_record_auth),
		cmocka_unit_test(test_chan_record_drop_duplicate_reorder_are_record_seq),
		cmocka_unit_test(test_chan_record_replayed_into_another_session_fails),
		cmocka_unit_test(test_chan_handshake_replayed_into_another_session_fails),
		cmocka_unit_test(test_chan_truncated_frames_and_streams_fail),
		cmocka_unit_test(test_chan_reflection_is_refused),
		cmocka_unit_test(test_chan_bad_hello_fields),
		cmocka_unit_test(test_chan_record_size_and_sequence_limits),
		cmocka_unit_test(test_chan_unattested_peer_needs_policy_and_is_flagged),
		cmocka_unit_test(test_chan_reason_strings_cover_every_code),
	};
	const char *src = getenv("FUTEET_SRC");
	char path[512];

	memset(MEAS_A, 0xaa, sizeof(MEAS_A));
	memset(MEAS_B, 0xbb, sizeof(MEAS_B));
	snprintf(path, sizeof(path), "%s/tests/vectors/chan_v1.txt", src ? src : ".");
	vec_text = slurp(path);
	if (vec_text == NULL) {
		fprintf(stderr, "test_chan: cannot read %s (run from the repository root)\n", path);
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
