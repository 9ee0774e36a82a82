/* The FUTEET attested channel v1: handshake state machine, key schedule and
 * AES-256-GCM record layer, exactly as docs/CHANNEL.md sections 2..7 draw
 * them (the section numbers below are that document's). Frames from the
 * peer are hostile: every length is checked against the frame before use,
 * fields are read at fixed offsets from a bounds-checked body. Crypto:
 * BearSSL's constant-time ec_p256_m31, ecdsa_i31, aes_x86ni/aes_ct64 with
 * ghash_pclmul/ghash_ctmul64 (CONVENTIONS.md). */
#if defined(FUTEET_KERNEL)
#error "lib/chan.c is ring-3 and host code: the kernel never sees channel plaintext"
#endif

#include "lib/chan.h"

#include <errno.h>
#include <string.h>
#include "lib/bytes.h"
#include "lib/strbuf.h"

/* ---- labels (CHANNEL.md sections 4 and 5) -------------------------------- */
static const char LBL_EVIDENCE[] = "futeet-chan-v1 evidence";
static const char LBL_AK_NONCE[] = "futeet-chan-v1 attested key";
static const char LBL_MAC_RESP[] = "futeet-chan-v1 mac resp";
static const char LBL_MAC_INIT[] = "futeet-chan-v1 mac init";
static const char LBL_I2R[] = "futeet-chan-v1 i2r";
static const char LBL_R2I[] = "futeet-chan-v1 r2i";
static const char LBL_SID[] = "futeet-chan-v1 session id";
static const char LBL_KEY[] = "futeet-chan-v1 key";
static const char LBL_IV[] = "futeet-chan-v1 iv";
static const char LBL_UPDATE[] = "futeet-chan-v1 update";
#define LBL_LEN(s) (sizeof(s) - 1)
_Static_assert(LBL_LEN(LBL_EVIDENCE) == 23, "CHANNEL.md 4: 23-byte evidence label");
_Static_assert(LBL_LEN(LBL_AK_NONCE) == 27, "CHANNEL.md 4: 27-byte attested-key label");

/* Hello offsets (section 3). */
#define HELLO_VERSION 0u
#define HELLO_SUITE   1u
#define HELLO_FLAGS   2u
#define HELLO_RSVD    3u
#define HELLO_NONCE   4u
#define HELLO_EPH     36u
_Static_assert(HELLO_EPH + CHAN_POINT_LEN == CHAN_HELLO_LEN, "hello is 101 bytes");

/* Auth offsets (section 4). */
#define AUTH_MODE   0u
#define AUTH_RSVD   1u
#define AUTH_SIGLEN 2u
#define AUTH_EVLEN  4u
#define AUTH_EV     8u
_Static_assert(AUTH_EV == CHAN_AUTH_FIXED_LEN, "auth fixed part");

/* Record header (section 6): type, length, seq = the AAD. */
#define REC_AAD_LEN (CHAN_HDR_LEN + CHAN_SEQ_LEN)

/* P-256 group order n (SEC 2 v2 section 2.4.2), big-endian. */
static const uint8_t P256_N[32] = {
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
	0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};

static const char *const REASONS[] = {
	[CHAN_R_NONE] = "none",
	[CHAN_R_CLOSED] = "closed: normal close",
	[CHAN_R_BAD_FRAME] = "bad-frame: malformed frame (type, length, reserved bits or a field out of range)",
	[CHAN_R_UNEXPECTED] = "unexpected: a message the handshake state does not allow",
	[CHAN_R_VERSION] = "version: unsupported protocol version or suite",
	[CHAN_R_BAD_KEY] = "bad-key: the peer's ephemeral key is not a P-256 point",
	[CHAN_R_REFLECTED] = "reflected: the peer's nonce or key is our own (a party talking to itself)",
	[CHAN_R_EVIDENCE] = "evidence: the verifier or the policy refused the peer's evidence",
	[CHAN_R_BINDING] = "binding: the evidence does not bind this handshake (nonce) or this key (cnf)",
	[CHAN_R_MODE_FORBIDDEN] = "mode-forbidden: the peer's mode (attested-key or unattested) is forbidden by policy",
	[CHAN_R_SIGNATURE] = "signature: the attested key's signature over the handshake is invalid",
	[CHAN_R_MAC] = "mac: handshake MAC mismatch (no ECDH secret, or altered bytes)",
	[CHAN_R_RECORD_AUTH] = "record-auth: a record failed authentication (altered bytes)",
	[CHAN_R_RECORD_SEQ] = "record-seq: a record out of sequence (dropped, duplicated, replayed or reordered)",
	[CHAN_R_RECORD_SIZE] = "record-size: a record larger than allowed",
	[CHAN_R_SEQ_EXHAUSTED] = "seq-exhausted: sequence number at the key's limit without a key update",
	[CHAN_R_TRUNCATED] = "truncated: the stream ended without a close",
	[CHAN_R_INTERNAL] = "internal: local failure (randomness, evidence producer, buffer)",
};

const char *chan_reason_str(unsigned reason)
{
	if (reason < FUTEET_ARRAY_SIZE(REASONS) && REASONS[reason] != NULL)
		return REASONS[reason];
	return "unknown reason code";
}

/* ---- small crypto helpers ------------------------------------------------ */

static void hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *a, size_t a_len,
			const uint8_t *b, size_t b_len, uint8_t out[CHAN_HASH_LEN])
{
	br_hmac_key_context kc;
	br_hmac_context hc;

	br_hmac_key_init(&kc, &br_sha256_vtable, key, key_len);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, a, a_len);
	if (b_len)
		br_hmac_update(&hc, b, b_len);
	br_hmac_out(&hc, out);
	futeet_wipe(&kc, sizeof(kc));
	futeet_wipe(&hc, sizeof(hc));
}

/* HKDF-Extract (RFC 5869 section 2.2) = HMAC(salt, IKM). */
static void hkdf_extract(const uint8_t salt[CHAN_HASH_LEN], const uint8_t *ikm, size_t ikm_len,
			 uint8_t prk[CHAN_HASH_LEN])
{
	hmac_sha256(salt, CHAN_HASH_LEN, ikm, ikm_len, NULL, 0, prk);
}

/* HKDF-Expand (RFC 5869 section 2.3) for L <= 32: T(1) = HMAC(PRK, info || 0x01). */
static void hkdf_expand(const uint8_t prk[CHAN_HASH_LEN], const char *info, size_t info_len,
			uint8_t *out, size_t len)
{
	static const uint8_t one = 0x01;
	uint8_t t[CHAN_HASH_LEN];

	hmac_sha256(prk, CHAN_HASH_LEN, (const uint8_t *)info, info_len, &one, 1, t);
	memcpy(out, t, len);
	futeet_wipe(t, sizeof(t));
}

static bool scalar_ok(const uint8_t x[CHAN_SCALAR_LEN])
{
	/* 1 <= x < n, compared big-endian (the scalar is secret: no early exit) */
	uint32_t nonzero = 0, lt = 0, eq = 1;

	for (size_t i = 0; i < CHAN_SCALAR_LEN; i++) {
		uint32_t a = x[i], b = P256_N[i];
		nonzero |= a;
		lt |= eq & (uint32_t)(a < b);
		eq &= (uint32_t)(a == b);
	}
	return nonzero != 0 && lt != 0;
}

void chan_binding(uint8_t role, const uint8_t peer_nonce[CHAN_NONCE_LEN],
		  const uint8_t own_eph[CHAN_POINT_LEN], const uint8_t th[CHAN_HASH_LEN],
		  uint8_t out[CHAN_HASH_LEN])
{
	br_sha256_context h;

	br_sha256_init(&h);
	br_sha256_update(&h, LBL_EVIDENCE, LBL_LEN(LBL_EVIDENCE));
	br_sha256_update(&h, &role, 1);
	br_sha256_update(&h, peer_nonce, CHAN_NONCE_LEN);
	br_sha256_update(&h, own_eph, CHAN_POINT_LEN);
	br_sha256_update(&h, th, CHAN_HASH_LEN);
	br_sha256_out(&h, out);
}

void chan_ak_nonce(const uint8_t pub[CHAN_POINT_LEN], uint8_t out[CHAN_HASH_LEN])
{
	br_sha256_context h;

	br_sha256_init(&h);
	br_sha256_update(&h, LBL_AK_NONCE, LBL_LEN(LBL_AK_NONCE));
	br_sha256_update(&h, pub, CHAN_POINT_LEN);
	br_sha256_out(&h, out);
}

int chan_ak_keygen(int (*random)(void *ctx, uint8_t *out, size_t n), void *ctx,
		   uint8_t priv[CHAN_SCALAR_LEN], uint8_t pub[CHAN_POINT_LEN])
{
	for (int tries = 0; tries < 8; tries++) {
		if (random(ctx, priv, CHAN_SCALAR_LEN))
			break;
		if (!scalar_ok(priv))
			continue;
		if (br_ec_p256_m31.mulgen(pub, priv, CHAN_SCALAR_LEN, BR_EC_secp256r1) != CHAN_POINT_LEN)
			break;
		return 0;
	}
	futeet_wipe(priv, CHAN_SCALAR_LEN);
	return -EIO;
}

union gcm_keys {
	const br_block_ctr_class *vtable;
	br_aes_ct64_ctr_keys ct64;
	br_aes_x86ni_ctr_keys x86ni;
};

/* AES-256-GCM over data in place: with tag_out it seals, else it opens and
 * returns whether tag_in matched (constant time). */
static bool gcm_run(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
		    size_t aad_len, uint8_t *data, size_t len, uint8_t *tag_out,
		    const uint8_t *tag_in)
{
	int encrypt = tag_out != NULL;
	union gcm_keys keys;
	br_gcm_context gc;
	br_ghash gh = br_ghash_pclmul_get();
	bool ok = true;

	if (br_aes_x86ni_ctr_get_vtable() != NULL)
		br_aes_x86ni_ctr_init(&keys.x86ni, key, 32);
	else
		br_aes_ct64_ctr_init(&keys.ct64, key, 32);
	if (gh == 0)
		gh = br_ghash_ctmul64;
	br_gcm_init(&gc, &keys.vtable, gh);
	br_gcm_reset(&gc, nonce, 12);
	br_gcm_aad_inject(&gc, aad, aad_len);
	br_gcm_flip(&gc);
	br_gcm_run(&gc, encrypt, data, len);
	if (encrypt)
		br_gcm_get_tag(&gc, tag_out);
	else
		ok = br_gcm_check_tag(&gc, tag_in) != 0;
	futeet_wipe(&keys, sizeof(keys));
	futeet_wipe(&gc, sizeof(gc));
	return ok;
}

/* ---- framing (section 2) ------------------------------------------------- */

static uint32_t max_body(uint8_t type)
{
	switch (type) {
	case CHAN_T_INIT_HELLO:
	case CHAN_T_RESP_HELLO:
		return CHAN_HELLO_LEN;
	case CHAN_T_RESP_AUTH:
	case CHAN_T_INIT_AUTH:
		return CHAN_MAX_AUTH_LEN;
	case CHAN_T_ABORT:
		return 1;
	case CHAN_T_DATA:
	case CHAN_T_CLOSE:
	case CHAN_T_KEY_UPDATE:
		return CHAN_MAX_RECORD_LEN;
	default:
		return 0;
	}
}

int chan_frame_len(const uint8_t *hdr, size_t have, size_t *frame_len)
{
	uint32_t len, max;

	if (have < CHAN_HDR_LEN)
		return -EAGAIN;
	len = (uint32_t)hdr[1] << 16 | (uint32_t)hdr[2] << 8 | hdr[3];
	max = max_body(hdr[0]);
	if (max == 0 || len > max)
		return -EPROTO;
	*frame_len = CHAN_HDR_LEN + (size_t)len;
	return 0;
}

static void put_hdr(uint8_t *p, uint8_t type, size_t body_len)
{
	p[0] = type;
	p[1] = (uint8_t)(body_len >> 16);
	p[2] = (uint8_t)(body_len >> 8);
	p[3] = (uint8_t)body_len;
}

/* ---- failure paths ------------------------------------------------------- */

static void wipe_handshake(struct chan *c)
{
	futeet_wipe(c->eph_priv, sizeof(c->eph_priv));
	futeet_wipe(c->z, sizeof(c->z));
	futeet_wipe(c->km_own, sizeof(c->km_own));
	futeet_wipe(c->km_peer, sizeof(c->km_peer));
}

static void wipe_traffic(struct chan *c)
{
	futeet_wipe(&c->tx, sizeof(c->tx));
	futeet_wipe(&c->rx, sizeof(c->rx));
}

static int record_write(struct chan_dir *d, uint8_t type, const uint8_t *pt, size_t n,
			uint8_t *out, size_t cap, size_t *out_len);

/* Close with a local reason; tell the peer in out (ABORT during the
 * handshake, CLOSE record once established) when there is room. */
static int fail(struct chan *c, uint8_t reason, uint8_t *out, size_t cap, size_t *out_len)
{
	bool established = c->state == CHAN_S_ESTABLISHED;

	if (out_len)
		*out_len = 0;
	if (c->state != CHAN_S_CLOSED && out != NULL && out_len != NULL) {
		if (established) {
			if (record_write(&c->tx, CHAN_T_CLOSE, &reason, 1, out, cap, out_len))
				*out_len = 0;
		} else if (cap >= CHAN_HDR_LEN + 1) {
			put_hdr(out, CHAN_T_ABORT, 1);
			out[CHAN_HDR_LEN] = reason;
			*out_len = CHAN_HDR_LEN + 1;
		}
	}
	c->state = CHAN_S_CLOSED;
	c->reason = reason;
	c->reason_from_peer = false;
	wipe_handshake(c);
	wipe_traffic(c);
	return -EPROTO;
}

static int peer_closed(struct chan *c, uint8_t reason)
{
	c->state = CHAN_S_CLOSED;
	c->reason = reason;
	c->reason_from_peer = true;
	wipe_handshake(c);
	wipe_traffic(c);
	return -EPIPE;
}

/* ---- handshake ----------------------------------------------------------- */

int chan_init(struct chan *c, uint8_t role, const struct chan_config *cfg)
{
	if (c == NULL || cfg == NULL || cfg->ev == NULL || cfg->ev->verify == NULL ||
	    cfg->random == NULL)
		return -EINVAL;
	if (role != CHAN_ROLE_INITIATOR && role != CHAN_ROLE_RESPONDER)
		return -EINVAL;
	if (cfg->ak_evidence != NULL &&
	    (cfg->ak_priv == NULL || cfg->ak_evidence_len == 0 ||
	     cfg->ak_evidence_len > CHAN_MAX_EVIDENCE || !scalar_ok(cfg->ak_priv)))
		return -EINVAL;
	if (cfg->ak_evidence == NULL && cfg->ev->produce == NULL && !cfg->unattested)
		return -EINVAL;
	if (cfg->records_per_key == 1 || cfg->records_per_key > CHAN_RECORDS_PER_KEY)
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	c->cfg = *cfg;
	c->role = role;
	c->state = role == CHAN_ROLE_INITIATOR ? CHAN_S_NEW : CHAN_S_R_WAIT_INIT_HELLO;
	c->records_per_key = cfg->records_per_key ? cfg->records_per_key : CHAN_RECORDS_PER_KEY;
	br_sha256_init(&c->th);
	return 0;
}

static bool in_selfset(const struct chan_selfset *s, const uint8_t nonce[CHAN_NONCE_LEN])
{
	bool hit = false;

	if (s == NULL)
		return false;
	for (unsigned i = 0; i < CHAN_SELFSET_SLOTS; i++)
		hit |= s->used[i] && bytes_ct_eq(s->nonce[i], nonce, CHAN_NONCE_LEN);
	return hit;
}

static void selfset_add(struct chan_selfset *s, const uint8_t nonce[CHAN_NONCE_LEN])
{
	unsigned i;

	if (s == NULL)
		return;
	i = s->next % CHAN_SELFSET_SLOTS;
	memcpy(s->nonce[i], nonce, CHAN_NONCE_LEN);
	s->used[i] = true;
	s->next = (i + 1) % CHAN_SELFSET_SLOTS;
}

/* Our nonce, then an ephemeral scalar in [1, n) (bounded retries) and its point. */
static int make_ephemeral(struct chan *c)
{
	if (c->cfg.random(c->cfg.random_ctx, c->own_nonce, CHAN_NONCE_LEN))
		return -EIO;
	for (int tries = 0; tries < 8; tries++) {
		if (c->cfg.random(c->cfg.random_ctx, c->eph_priv, CHAN_SCALAR_LEN))
			return -EIO;
		if (!scalar_ok(c->eph_priv))
			continue;
		if (br_ec_p256_m31.mulgen(c->own_eph, c->eph_priv, CHAN_SCALAR_LEN,
					  BR_EC_secp256r1) != CHAN_POINT_LEN)
			return -EIO;
		selfset_add(c->cfg.self, c->own_nonce);
		return 0;
	}
	return -EIO;
}

static void write_hello(const struct chan *c, uint8_t type, uint8_t *out)
{
	uint8_t *b = out + CHAN_HDR_LEN;

	put_hdr(out, type, CHAN_HELLO_LEN);
	b[HELLO_VERSION] = CHAN_VERSION;
	b[HELLO_SUITE] = CHAN_SUITE_P256_AESGCM;
	b[HELLO_FLAGS] = c->cfg.forbid_attested_key ? CHAN_FLAG_FRESH_REQUIRED : 0;
	b[HELLO_RSVD] = 0;
	memcpy(b + HELLO_NONCE, c->own_nonce, CHAN_NONCE_LEN);
	memcpy(b + HELLO_EPH, c->own_eph, CHAN_POINT_LEN);
}

/* Parse the peer's hello (frame length already checked), check reflection
 * and the point, compute Z. Returns a reason code or 0. */
static uint8_t read_hello(struct chan *c, const uint8_t *f, size_t len)
{
	const uint8_t *b = f + CHAN_HDR_LEN;

	if (len != CHAN_HDR_LEN + CHAN_HELLO_LEN)
		return CHAN_R_BAD_FRAME;
	if (b[HELLO_VERSION] != CHAN_VERSION || b[HELLO_SUITE] != CHAN_SUITE_P256_AESGCM)
		return CHAN_R_VERSION;
	if ((b[HELLO_FLAGS] & (uint8_t)~CHAN_FLAG_FRESH_REQUIRED) != 0 || b[HELLO_RSVD] != 0)
		return CHAN_R_BAD_FRAME;
	c->peer_flags = b[HELLO_FLAGS];
	memcpy(c->peer_nonce, b + HELLO_NONCE, CHAN_NONCE_LEN);
	memcpy(c->peer_eph, b + HELLO_EPH, CHAN_POINT_LEN);
	if (in_selfset(c->cfg.self, c->peer_nonce))
		return CHAN_R_REFLECTED;
	if (c->state == CHAN_S_I_WAIT_RESP_HELLO &&
	    (bytes_ct_eq(c->peer_nonce, c->own_nonce, CHAN_NONCE_LEN) ||
	     bytes_ct_eq(c->peer_eph, c->own_eph, CHAN_POINT_LEN)))
		return CHAN_R_REFLECTED;
	if (c->peer_eph[0] != 0x04)
		return CHAN_R_BAD_KEY;
	return 0;
}

/* Z = x(eph_priv * peer_eph); the point is validated by BearSSL's mul. */
static uint8_t ecdh(struct chan *c)
{
	uint8_t g[CHAN_POINT_LEN];
	uint32_t ok;

	memcpy(g, c->peer_eph, CHAN_POINT_LEN);
	ok = br_ec_p256_m31.mul(g, CHAN_POINT_LEN, c->eph_priv, CHAN_SCALAR_LEN, BR_EC_secp256r1);
	memcpy(c->z, g + 1, 32);
	futeet_wipe(g, sizeof(g));
	return ok == 1 ? 0 : CHAN_R_BAD_KEY;
}

/* hs = Extract(TH2, Z); the MAC keys (section 4). */
static void derive_mac_keys(struct chan *c)
{
	br_sha256_context t = c->th;
	uint8_t th2[CHAN_HASH_LEN], hs[CHAN_HASH_LEN];

	br_sha256_out(&t, th2);
	hkdf_extract(th2, c->z, sizeof(c->z), hs);
	if (c->role == CHAN_ROLE_RESPONDER) {
		hkdf_expand(hs, LBL_MAC_RESP, LBL_LEN(LBL_MAC_RESP), c->km_own, CHAN_MAC_LEN);
		hkdf_expand(hs, LBL_MAC_INIT, LBL_LEN(LBL_MAC_INIT), c->km_peer, CHAN_MAC_LEN);
	} else {
		hkdf_expand(hs, LBL_MAC_INIT, LBL_LEN(LBL_MAC_INIT), c->km_own, CHAN_MAC_LEN);
		hkdf_expand(hs, LBL_MAC_RESP, LBL_LEN(LBL_MAC_RESP), c->km_peer, CHAN_MAC_LEN);
	}
	futeet_wipe(hs, sizeof(hs));
}

/* mac = HMAC(km, SHA-256(transcript || frame[0 .. len - 32))). */
static void auth_mac(const struct chan *c, const uint8_t km[CHAN_MAC_LEN], const uint8_t *f,
		     size_t len, uint8_t mac[CHAN_MAC_LEN])
{
	br_sha256_context t = c->th;
	uint8_t h[CHAN_HASH_LEN];

	br_sha256_update(&t, f, len - CHAN_MAC_LEN);
	br_sha256_out(&t, h);
	hmac_sha256(km, CHAN_MAC_LEN, h, sizeof(h), NULL, 0, mac);
}

static void dir_keys(struct chan_dir *d)
{
	hkdf_expand(d->ts, LBL_KEY, LBL_LEN(LBL_KEY), d->key, sizeof(d->key));
	hkdf_expand(d->ts, LBL_IV, LBL_LEN(LBL_IV), d->iv, sizeof(d->iv));
	d->seq = 0;
}

static void dir_update(struct chan_dir *d)
{
	uint8_t next[CHAN_HASH_LEN];

	hkdf_expand(d->ts, LBL_UPDATE, LBL_LEN(LBL_UPDATE), next, sizeof(next));
	memcpy(d->ts, next, sizeof(next));
	futeet_wipe(next, sizeof(next));
	dir_keys(d);
}

/* After F4: master = Extract(TH4, Z), traffic secrets, session id (section 5). */
static void derive_traffic(struct chan *c)
{
	br_sha256_context t = c->th;
	uint8_t th4[CHAN_HASH_LEN], master[CHAN_HASH_LEN];
	struct chan_dir *i2r = c->role == CHAN_ROLE_INITIATOR ? &c->tx : &c->rx;
	struct chan_dir *r2i = c->role == CHAN_ROLE_INITIATOR ? &c->rx : &c->tx;

	br_sha256_out(&t, th4);
	hkdf_extract(th4, c->z, sizeof(c->z), master);
	hkdf_expand(master, LBL_I2R, LBL_LEN(LBL_I2R), i2r->ts, CHAN_HASH_LEN);
	hkdf_expand(master, LBL_R2I, LBL_LEN(LBL_R2I), r2i->ts, CHAN_HASH_LEN);
	hkdf_expand(master, LBL_SID, LBL_LEN(LBL_SID), c->sid, CHAN_SID_LEN);
	dir_keys(i2r);
	dir_keys(r2i);
	futeet_wipe(master, sizeof(master));
	wipe_handshake(c);
	c->state = CHAN_S_ESTABLISHED;
}

/* Write our auth frame (section 4) at out; *len its length. The transcript
 * so far (c->th) is TH2 for the responder, TH3 for the initiator. */
static uint8_t write_auth(struct chan *c, uint8_t type, uint8_t *out, size_t cap, size_t *len)
{
	br_sha256_context t = c->th;
	uint8_t th[CHAN_HASH_LEN], binding[CHAN_HASH_LEN];
	uint8_t *b = out + CHAN_HDR_LEN;
	size_t ev_len = 0, sig_len = 0, body;
	bool ak = c->cfg.ak_evidence != NULL && !(c->peer_flags & CHAN_FLAG_FRESH_REQUIRED);

	if (cap < CHAN_HDR_LEN + CHAN_AUTH_FIXED_LEN + CHAN_SIG_LEN + CHAN_MAC_LEN + 1)
		return CHAN_R_INTERNAL;
	br_sha256_out(&t, th);
	chan_binding(c->role, c->peer_nonce, c->own_eph, th, binding);
	/* room for the evidence: what is left after the fixed parts */
	size_t ev_cap = cap - (CHAN_HDR_LEN + CHAN_AUTH_FIXED_LEN + CHAN_SIG_LEN + CHAN_MAC_LEN);
	if (ev_cap > CHAN_MAX_EVIDENCE)
		ev_cap = CHAN_MAX_EVIDENCE;
	if (c->cfg.unattested) {
		c->own_mode = CHAN_MODE_UNATTESTED; /* no evidence, no signature */
	} else if (ak) {
		br_ec_private_key sk = { BR_EC_secp256r1, (unsigned char *)(uintptr_t)c->cfg.ak_priv,
					 CHAN_SCALAR_LEN };
		if (c->cfg.ak_evidence_len > ev_cap)
			return CHAN_R_INTERNAL;
		ev_len = c->cfg.ak_evidence_len;
		memcpy(b + AUTH_EV, c->cfg.ak_evidence, ev_len);
		/* ECDSA over BI: the hash value signed is SHA-256(BI) = binding */
		sig_len = br_ecdsa_i31_sign_raw(&br_ec_p256_m31, &br_sha256_vtable, binding, &sk,
						b + AUTH_EV + ev_len);
		if (sig_len != CHAN_SIG_LEN)
			return CHAN_R_INTERNAL;
		c->own_mode = CHAN_MODE_ATTESTED_KEY;
	} else {
		if (c->cfg.ev->produce == NULL ||
		    c->cfg.ev->produce(c->cfg.ev->ctx, binding, c->own_eph, b + AUTH_EV, ev_cap,
				       &ev_len) != 0 ||
		    ev_len == 0 || ev_len > ev_cap)
			return CHAN_R_INTERNAL;
		c->own_mode = CHAN_MODE_FRESH;
	}
	body = CHAN_AUTH_FIXED_LEN + ev_len + sig_len + CHAN_MAC_LEN;
	put_hdr(out, type, body);
	b[AUTH_MODE] = c->own_mode;
	b[AUTH_RSVD] = 0;
	bytes_put_be16(b + AUTH_SIGLEN, (uint16_t)sig_len);
	bytes_put_be32(b + AUTH_EVLEN, (uint32_t)ev_len);
	*len = CHAN_HDR_LEN + body;
	auth_mac(c, c->km_own, out, *len, out + *len - CHAN_MAC_LEN);
	br_sha256_update(&c->th, out, *len);
	return 0;
}

/* Check the peer's auth frame (section 4; order: framing, mode, MAC,
 * verifier, binding or signature). Returns a reason code or 0. */
static uint8_t read_auth(struct chan *c, const uint8_t *f, size_t len)
{
	const uint8_t *b = f + CHAN_HDR_LEN;
	size_t blen = len - CHAN_HDR_LEN, ev_len, sig_len;
	uint8_t mac[CHAN_MAC_LEN], th[CHAN_HASH_LEN], binding[CHAN_HASH_LEN];
	uint8_t peer_role = c->role == CHAN_ROLE_INITIATOR ? CHAN_ROLE_RESPONDER : CHAN_ROLE_INITIATOR;
	br_sha256_context t = c->th;
	uint8_t mode;

	if (blen < CHAN_AUTH_FIXED_LEN + CHAN_MAC_LEN)
		return CHAN_R_BAD_FRAME;
	mode = b[AUTH_MODE];
	sig_len = bytes_be16(b + AUTH_SIGLEN);
	ev_len = bytes_be32(b + AUTH_EVLEN);
	if (b[AUTH_RSVD] != 0 || mode < CHAN_MODE_FRESH || mode > CHAN_MODE_UNATTESTED)
		return CHAN_R_BAD_FRAME;
	if (sig_len != (mode == CHAN_MODE_ATTESTED_KEY ? CHAN_SIG_LEN : 0u))
		return CHAN_R_BAD_FRAME;
	if ((mode == CHAN_MODE_UNATTESTED) != (ev_len == 0) || ev_len > CHAN_MAX_EVIDENCE ||
	    blen != CHAN_AUTH_FIXED_LEN + ev_len + sig_len + CHAN_MAC_LEN)
		return CHAN_R_BAD_FRAME;
	if ((mode == CHAN_MODE_ATTESTED_KEY && c->cfg.forbid_attested_key) ||
	    (mode == CHAN_MODE_UNATTESTED && !c->cfg.allow_unattested_peer))
		return CHAN_R_MODE_FORBIDDEN;
	auth_mac(c, c->km_peer, f, len, mac);
	if (!bytes_ct_eq(mac, f + len - CHAN_MAC_LEN, CHAN_MAC_LEN))
		return CHAN_R_MAC;
	memset(&c->peer, 0, sizeof(c->peer));
	if (mode == CHAN_MODE_UNATTESTED) {
		/* the policy accepts a peer with no TEE: keys are confirmed
		 * (the MAC), nothing is known about what it runs */
		strbuf_set2(c->peer.summary, sizeof(c->peer.summary),
			    "UNATTESTED peer (no evidence: not a TEE)", NULL);
		c->peer_mode = mode;
		br_sha256_update(&c->th, f, len);
		return 0;
	}
	if (c->cfg.ev->verify(c->cfg.ev->ctx, b + AUTH_EV, ev_len, &c->peer) != 0)
		return CHAN_R_EVIDENCE;
	c->peer.summary[CHAN_SUMMARY_LEN - 1] = '\0';
	br_sha256_out(&t, th);
	chan_binding(peer_role, c->own_nonce, c->peer_eph, th, binding);
	if (mode == CHAN_MODE_FRESH) {
		if (c->peer.eat_nonce_len != CHAN_HASH_LEN ||
		    !bytes_ct_eq(c->peer.eat_nonce, binding, CHAN_HASH_LEN) || !c->peer.has_cnf ||
		    !bytes_ct_eq(c->peer.cnf, c->peer_eph, CHAN_POINT_LEN))
			return CHAN_R_BINDING;
	} else {
		br_ec_public_key pk = { BR_EC_secp256r1, c->peer.cnf, CHAN_POINT_LEN };
		if (!c->peer.has_cnf)
			return CHAN_R_BINDING;
		if (br_ecdsa_i31_vrfy_raw(&br_ec_p256_m31, binding, CHAN_HASH_LEN, &pk,
					  b + AUTH_EV + ev_len, CHAN_SIG_LEN) != 1)
			return CHAN_R_SIGNATURE;
	}
	c->peer_mode = mode;
	br_sha256_update(&c->th, f, len);
	return 0;
}

int chan_hs_start(struct chan *c, uint8_t *out, size_t cap, size_t *out_len)
{
	*out_len = 0;
	if (c->role != CHAN_ROLE_INITIATOR || c->state != CHAN_S_NEW)
		return -EINVAL;
	if (cap < CHAN_HDR_LEN + CHAN_HELLO_LEN)
		return -ENOSPC;
	if (make_ephemeral(c))
		return fail(c, CHAN_R_INTERNAL, NULL, 0, NULL);
	write_hello(c, CHAN_T_INIT_HELLO, out);
	*out_len = CHAN_HDR_LEN + CHAN_HELLO_LEN;
	br_sha256_update(&c->th, out, *out_len);
	c->state = CHAN_S_I_WAIT_RESP_HELLO;
	return 0;
}

int chan_hs_input(struct chan *c, const uint8_t *in, size_t in_len, uint8_t *out, size_t cap,
		  size_t *out_len)
{
	size_t flen, n = 0;
	uint8_t type, r;

	*out_len = 0;
	if (c->state == CHAN_S_CLOSED || c->state == CHAN_S_ESTABLISHED || c->state == CHAN_S_NEW)
		return -EINVAL;
	if (in_len < CHAN_HDR_LEN || chan_frame_len(in, in_len, &flen) || flen != in_len)
		return fail(c, CHAN_R_BAD_FRAME, out, cap, out_len);
	type = in[0];
	if (type == CHAN_T_ABORT) {
		if (in_len != CHAN_HDR_LEN + 1)
			return fail(c, CHAN_R_BAD_FRAME, out, cap, out_len);
		return peer_closed(c, in[CHAN_HDR_LEN]);
	}
	switch (c->state) {
	case CHAN_S_R_WAIT_INIT_HELLO:
		if (type != CHAN_T_INIT_HELLO)
			return fail(c, CHAN_R_UNEXPECTED, out, cap, out_len);
		r = read_hello(c, in, in_len);
		if (r)
			return fail(c, r, out, cap, out_len);
		if (make_ephemeral(c))
			return fail(c, CHAN_R_INTERNAL, out, cap, out_len);
		r = ecdh(c);
		if (r)
			return fail(c, r, out, cap, out_len);
		if (cap < 2 * CHAN_HDR_LEN + CHAN_HELLO_LEN)
			return fail(c, CHAN_R_INTERNAL, out, cap, out_len);
		br_sha256_update(&c->th, in, in_len);
		write_hello(c, CHAN_T_RESP_HELLO, out);
		br_sha256_update(&c->th, out, CHAN_HDR_LEN + CHAN_HELLO_LEN);
		derive_mac_keys(c);
		r = write_auth(c, CHAN_T_RESP_AUTH, out + CHAN_HDR_LEN + CHAN_HELLO_LEN,
			       cap - (CHAN_HDR_LEN + CHAN_HELLO_LEN), &n);
		if (r)
			return fail(c, r, out, cap, out_len);
		*out_len = CHAN_HDR_LEN + CHAN_HELLO_LEN + n;
		c->state = CHAN_S_R_WAIT_INIT_AUTH;
		return 0;
	case CHAN_S_I_WAIT_RESP_HELLO:
		if (type != CHAN_T_RESP_HELLO)
			return fail(c, CHAN_R_UNEXPECTED, out, cap, out_len);
		r = read_hello(c, in, in_len);
		if (r == 0)
			r = ecdh(c);
		if (r)
			return fail(c, r, out, cap, out_len);
		br_sha256_update(&c->th, in, in_len);
		derive_mac_keys(c);
		c->state = CHAN_S_I_WAIT_RESP_AUTH;
		return 0;
	case CHAN_S_I_WAIT_RESP_AUTH:
		if (type != CHAN_T_RESP_AUTH)
			return fail(c, CHAN_R_UNEXPECTED, out, cap, out_len);
		r = read_auth(c, in, in_len);
		if (r)
			return fail(c, r, out, cap, out_len);
		r = write_auth(c, CHAN_T_INIT_AUTH, out, cap, &n);
		if (r)
			return fail(c, r, out, cap, out_len);
		*out_len = n;
		derive_traffic(c);
		return 0;
	case CHAN_S_R_WAIT_INIT_AUTH:
		if (type != CHAN_T_INIT_AUTH)
			return fail(c, CHAN_R_UNEXPECTED, out, cap, out_len);
		r = read_auth(c, in, in_len);
		if (r)
			return fail(c, r, out, cap, out_len);
		derive_traffic(c);
		return 0;
	default:
		return fail(c, CHAN_R_UNEXPECTED, out, cap, out_len);
	}
}

/* ---- records (section 6) ------------------------------------------------- */

static void record_nonce(const struct chan_dir *d, uint64_t seq, uint8_t nonce[12])
{
	memcpy(nonce, d->iv, 12);
	for (int i = 0; i < 8; i++)
		nonce[4 + i] ^= (uint8_t)(seq >> (56 - 8 * i));
}

static int record_write(struct chan_dir *d, uint8_t type, const uint8_t *pt, size_t n,
			uint8_t *out, size_t cap, size_t *out_len)
{
	uint8_t nonce[12];

	if (n > CHAN_MAX_PLAINTEXT || cap < CHAN_RECORD_OVERHEAD + n)
		return -ENOSPC;
	if (d->seq == UINT64_MAX)
		return -EOVERFLOW;
	put_hdr(out, type, CHAN_SEQ_LEN + n + CHAN_TAG_LEN);
	bytes_put_be64(out + CHAN_HDR_LEN, d->seq);
	if (n)
		memmove(out + REC_AAD_LEN, pt, n);
	record_nonce(d, d->seq, nonce);
	gcm_run(d->key, nonce, out, REC_AAD_LEN, out + REC_AAD_LEN, n, out + REC_AAD_LEN + n, NULL);
	d->seq++;
	*out_len = CHAN_RECORD_OVERHEAD + n;
	return 0;
}

int chan_seal(struct chan *c, const uint8_t *pt, size_t n, uint8_t *out, size_t cap,
	      size_t *out_len)
{
	size_t ku = 0, m = 0;
	int rc;

	*out_len = 0;
	if (c->state != CHAN_S_ESTABLISHED)
		return c->state == CHAN_S_CLOSED ? -EPIPE : -ENOTCONN;
	if (n > CHAN_MAX_PLAINTEXT)
		return -EMSGSIZE;
	if (c->tx.seq + 1 >= c->records_per_key) {
		/* KEY_UPDATE takes the last number of this key (section 6) */
		if (cap < 2 * CHAN_RECORD_OVERHEAD + n)
			return -ENOSPC;
		rc = record_write(&c->tx, CHAN_T_KEY_UPDATE, NULL, 0, out, cap, &ku);
		if (rc)
			return rc;
		dir_update(&c->tx);
	}
	rc = record_write(&c->tx, CHAN_T_DATA, pt, n, out + ku, cap - ku, &m);
	if (rc)
		return rc;
	*out_len = ku + m;
	return 0;
}

int chan_open(struct chan *c, const uint8_t *in, size_t in_len, uint8_t *pt, size_t pt_cap,
	      size_t *pt_len, uint8_t *out, size_t cap, size_t *out_len)
{
	uint8_t nonce[12];
	size_t flen, n;
	uint64_t seq;
	uint8_t type;

	*pt_len = 0;
	*out_len = 0;
	if (c->state != CHAN_S_ESTABLISHED)
		return c->state == CHAN_S_CLOSED ? -EPIPE : -ENOTCONN;
	if (in_len < CHAN_HDR_LEN)
		return fail(c, CHAN_R_BAD_FRAME, out, cap, out_len);
	type = in[0];
	/* The responder refuses INIT_AUTH after the initiator is established:
	 * its ABORT is the first frame the initiator gets (CHANNEL.md 2). */
	if (type == CHAN_T_ABORT && c->role == CHAN_ROLE_INITIATOR && !c->rx_seen &&
	    in_len == CHAN_HDR_LEN + 1 && in[1] == 0 && in[2] == 0 && in[3] == 1)
		return peer_closed(c, in[CHAN_HDR_LEN]);
	if (type != CHAN_T_DATA && type != CHAN_T_CLOSE && type != CHAN_T_KEY_UPDATE)
		return fail(c, type == CHAN_T_ABORT || (type >= CHAN_T_INIT_HELLO &&
							type <= CHAN_T_INIT_AUTH)
				       ? CHAN_R_UNEXPECTED : CHAN_R_BAD_FRAME,
			    out, cap, out_len);
	if (chan_frame_len(in, in_len, &flen))
		return fail(c, CHAN_R_RECORD_SIZE, out, cap, out_len);
	if (flen != in_len || in_len < CHAN_RECORD_OVERHEAD)
		return fail(c, CHAN_R_BAD_FRAME, out, cap, out_len);
	n = in_len - CHAN_RECORD_OVERHEAD;
	if ((type == CHAN_T_CLOSE && n != 1) || (type == CHAN_T_KEY_UPDATE && n != 0))
		return fail(c, CHAN_R_BAD_FRAME, out, cap, out_len);
	seq = bytes_be64(in + CHAN_HDR_LEN);
	if (seq != c->rx.seq)
		return fail(c, CHAN_R_RECORD_SEQ, out, cap, out_len);
	if (seq >= c->records_per_key)
		return fail(c, CHAN_R_SEQ_EXHAUSTED, out, cap, out_len);
	if (pt_cap < n)
		return -ENOSPC; /* the caller's buffer: nothing consumed */
	memcpy(pt, in + REC_AAD_LEN, n);
	record_nonce(&c->rx, seq, nonce);
	if (!gcm_run(c->rx.key, nonce, in, REC_AAD_LEN, pt, n, NULL, in + REC_AAD_LEN + n)) {
		futeet_wipe(pt, n);
		return fail(c, CHAN_R_RECORD_AUTH, out, cap, out_len);
	}
	c->rx.seq++;
	c->rx_seen = true;
	if (type == CHAN_T_CLOSE) {
		uint8_t reason = pt[0];
		futeet_wipe(pt, n);
		return peer_closed(c, reason);
	}
	if (type == CHAN_T_KEY_UPDATE) {
		dir_update(&c->rx);
		return 0;
	}
	*pt_len = n;
	return 0;
}

int chan_close_frame(struct chan *c, uint8_t reason, uint8_t *out, size_t cap, size_t *out_len)
{
	*out_len = 0;
	if (c->state == CHAN_S_CLOSED)
		return -EPIPE;
	(void)fail(c, reason, out, cap, out_len);
	return *out_len ? 0 : -ENOSPC;
}

void chan_eof(struct chan *c, size_t pending)
{
	(void)pending;
	if (c->state == CHAN_S_CLOSED)
		return;
	c->state = CHAN_S_CLOSED;
	c->reason = CHAN_R_TRUNCATED;
	c->reason_from_peer = false;
	wipe_handshake(c);
	wipe_traffic(c);
}

void chan_wipe(struct chan *c)
{
	futeet_wipe(c, sizeof(*c));
}
