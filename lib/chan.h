/* The FUTEET attested channel, version 1 (docs/CHANNEL.md): a SIGMA-style
 * mutual handshake whose evidence binds each side's ephemeral P-256 key, role,
 * the peer's nonce and the transcript hash, then AES-256-GCM records with
 * explicit 64-bit sequence numbers. Ring-3 and host code: never linked into
 * the kernel. No I/O here: the caller moves frames (a byte stream, a shared
 * memory ring, a test harness), so the same code serves every transport.
 *
 *   initiator                                      responder
 *   chan_hs_start()      ── F1 INIT_HELLO ──►      chan_hs_input()
 *   chan_hs_input()      ◄── F2 RESP_HELLO ──
 *   chan_hs_input()      ◄── F3 RESP_AUTH  ──      (both written by one call)
 *   (established)        ── F4 INIT_AUTH  ──►      chan_hs_input() (established)
 *   chan_seal() / chan_open() / chan_close_frame()   both ways
 *
 * Every function returns 0 or a negative errno; on a protocol failure it
 * returns -EPROTO, the channel is closed, c->reason holds the reason code
 * (CHAN_R_*) and, where the caller should tell the peer, an ABORT or CLOSE
 * frame has been written to the output buffer (*out_len > 0). */
#ifndef FUTEET_LIB_CHAN_H
#define FUTEET_LIB_CHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <bearssl.h>
#include "futeet/compiler.h"

/* ---- wire constants (docs/CHANNEL.md sections 2..6) ---------------------- */
#define CHAN_VERSION          1u
#define CHAN_SUITE_P256_AESGCM 1u
#define CHAN_HDR_LEN          4u      /* type u8 | length u24 BE */
#define CHAN_NONCE_LEN        32u
#define CHAN_POINT_LEN        65u     /* SEC1 uncompressed P-256 point */
#define CHAN_SCALAR_LEN       32u
#define CHAN_HASH_LEN         32u     /* SHA-256 */
#define CHAN_MAC_LEN          32u     /* HMAC-SHA-256 */
#define CHAN_SIG_LEN          64u     /* ECDSA P-256 raw r || s */
#define CHAN_HELLO_LEN        101u
#define CHAN_AUTH_FIXED_LEN   8u      /* mode, reserved, sig_len u16, ev_len u32 */
#define CHAN_MAX_EVIDENCE     131072u
#define CHAN_MAX_AUTH_LEN     (CHAN_AUTH_FIXED_LEN + CHAN_MAX_EVIDENCE + CHAN_SIG_LEN + CHAN_MAC_LEN)
#define CHAN_SEQ_LEN          8u
#define CHAN_TAG_LEN          16u
#define CHAN_MAX_PLAINTEXT    16384u
#define CHAN_RECORD_OVERHEAD  (CHAN_HDR_LEN + CHAN_SEQ_LEN + CHAN_TAG_LEN)
#define CHAN_MAX_RECORD_LEN   (CHAN_SEQ_LEN + CHAN_MAX_PLAINTEXT + CHAN_TAG_LEN)
#define CHAN_MAX_FRAME        (CHAN_HDR_LEN + CHAN_MAX_AUTH_LEN)
/* AES-GCM usage limit per key (TLS 1.3, RFC 8446 section 5.5): a sender
 * updates its key before this many records; a receiver refuses record
 * numbers at or above it. */
#define CHAN_RECORDS_PER_KEY  (1ull << 24)
#define CHAN_SID_LEN          16u

/* Frame types (CHANNEL.md section 2). */
#define CHAN_T_INIT_HELLO 0x01u
#define CHAN_T_RESP_HELLO 0x02u
#define CHAN_T_RESP_AUTH  0x03u
#define CHAN_T_INIT_AUTH  0x04u
#define CHAN_T_ABORT      0x05u
#define CHAN_T_DATA       0x10u
#define CHAN_T_CLOSE      0x11u
#define CHAN_T_KEY_UPDATE 0x12u

#define CHAN_FLAG_FRESH_REQUIRED 0x01u

/* Auth modes (section 4). */
#define CHAN_MODE_FRESH        1u
#define CHAN_MODE_ATTESTED_KEY 2u
#define CHAN_MODE_UNATTESTED   3u   /* no evidence: a host client outside any TEE */

/* Roles, as bound in the evidence (section 4). */
#define CHAN_ROLE_INITIATOR 1u
#define CHAN_ROLE_RESPONDER 2u

/* Reason codes (section 7). */
enum chan_reason {
	CHAN_R_NONE = 0,
	CHAN_R_CLOSED = 1,
	CHAN_R_BAD_FRAME = 2,
	CHAN_R_UNEXPECTED = 3,
	CHAN_R_VERSION = 4,
	CHAN_R_BAD_KEY = 5,
	CHAN_R_REFLECTED = 6,
	CHAN_R_EVIDENCE = 7,
	CHAN_R_BINDING = 8,
	CHAN_R_MODE_FORBIDDEN = 9,
	CHAN_R_SIGNATURE = 10,
	CHAN_R_MAC = 11,
	CHAN_R_RECORD_AUTH = 12,
	CHAN_R_RECORD_SEQ = 13,
	CHAN_R_RECORD_SIZE = 14,
	CHAN_R_SEQ_EXHAUSTED = 15,
	CHAN_R_TRUNCATED = 16,
	CHAN_R_INTERNAL = 17,
};

/* "name: meaning" for a reason code (any byte: unknown ones say so). */
const char *chan_reason_str(unsigned reason);

/* ---- evidence: the plug for issue 12's attest + ring-3 verifier ---------- */

#define CHAN_SUMMARY_LEN 256u
#define CHAN_MAX_EAT_NONCE 64u

/* What the verifier established about the peer's evidence. */
struct chan_peer_evidence {
	uint8_t eat_nonce[CHAN_MAX_EAT_NONCE]; /* the verified evidence's nonce */
	size_t eat_nonce_len;
	uint8_t cnf[CHAN_POINT_LEN];           /* the key it binds (SEC1 P-256) */
	bool has_cnf;
	char summary[CHAN_SUMMARY_LEN];        /* one line: what was verified */
};

struct chan_evidence_ops {
	/* Fresh evidence binding eat_nonce = binding and cnf = the given key
	 * (futeet_attest in a guest). 0 or a negative errno. */
	int (*produce)(void *ctx, const uint8_t binding[CHAN_HASH_LEN],
		       const uint8_t cnf[CHAN_POINT_LEN], uint8_t *out, size_t cap,
		       size_t *out_len);
	/* Verify the peer's evidence against the caller's policy (the ring-3
	 * verifier); fill *pe. 0, or a negative errno with pe->summary saying
	 * why. The channel itself compares nonce and cnf (CHANNEL.md 4). */
	int (*verify)(void *ctx, const uint8_t *ev, size_t ev_len,
		      struct chan_peer_evidence *pe);
	void *ctx;
};

/* Nonces of the handshakes one party has in flight, to catch a party that
 * talks to itself (CHANNEL.md section 3). Shared by the caller between its
 * channels; zero-initialise it. */
#define CHAN_SELFSET_SLOTS 16u
struct chan_selfset {
	uint8_t nonce[CHAN_SELFSET_SLOTS][CHAN_NONCE_LEN];
	bool used[CHAN_SELFSET_SLOTS];
	unsigned next;
};

struct chan_config {
	const struct chan_evidence_ops *ev;
	/* Randomness: nonce (32 bytes) first, then ephemeral scalars. */
	int (*random)(void *ctx, uint8_t *out, size_t n);
	void *random_ctx;
	/* Policy: refuse the peer's attested-key mode. */
	bool forbid_attested_key;
	/* Policy: accept a peer without evidence (UNATTESTED: a host client
	 * talking to a guest). Off by default. */
	bool allow_unattested_peer;
	/* We have no TEE: send UNATTESTED (no producer or attested key needed). */
	bool unattested;
	/* Our attested-key mode (NULL = always fresh evidence): evidence made
	 * once with cnf = the public key of ak_priv. Used unless the peer's
	 * hello says FRESH_REQUIRED. */
	const uint8_t *ak_evidence;
	size_t ak_evidence_len;
	const uint8_t *ak_priv;      /* CHAN_SCALAR_LEN bytes */
	struct chan_selfset *self;   /* optional */
	/* Tests only: a smaller per-key record limit (0 = CHAN_RECORDS_PER_KEY). */
	uint64_t records_per_key;
};

/* ---- the channel -------------------------------------------------------- */

enum chan_state {
	CHAN_S_NEW = 0,
	CHAN_S_I_WAIT_RESP_HELLO,
	CHAN_S_I_WAIT_RESP_AUTH,
	CHAN_S_R_WAIT_INIT_HELLO,
	CHAN_S_R_WAIT_INIT_AUTH,
	CHAN_S_ESTABLISHED,
	CHAN_S_CLOSED,
};

struct chan_dir {
	uint8_t ts[CHAN_HASH_LEN];  /* traffic secret */
	uint8_t key[32];
	uint8_t iv[12];
	uint64_t seq;
};

struct chan {
	struct chan_config cfg;
	uint8_t role;
	enum chan_state state;
	uint8_t reason;              /* why it closed (ours or the peer's) */
	bool reason_from_peer;       /* the peer sent it (ABORT/CLOSE) */
	/* handshake */
	br_sha256_context th;        /* running transcript hash */
	uint8_t own_nonce[CHAN_NONCE_LEN], peer_nonce[CHAN_NONCE_LEN];
	uint8_t own_eph[CHAN_POINT_LEN], peer_eph[CHAN_POINT_LEN];
	uint8_t eph_priv[CHAN_SCALAR_LEN];
	uint8_t z[32];               /* ECDH x-coordinate */
	uint8_t km_own[CHAN_MAC_LEN], km_peer[CHAN_MAC_LEN];
	uint8_t peer_flags;
	/* result */
	uint8_t peer_mode;           /* CHAN_MODE_* the peer authenticated with */
	uint8_t own_mode;
	struct chan_peer_evidence peer;
	uint8_t sid[CHAN_SID_LEN];
	struct chan_dir tx, rx;
	bool rx_seen;                /* a record from the peer was accepted */
	uint64_t records_per_key;
};

/* Start a channel in `role`. The config is copied; what it points to must
 * outlive the channel. */
FUTEET_MUST_CHECK int chan_init(struct chan *c, uint8_t role, const struct chan_config *cfg);

/* Initiator: write F1 (INIT_HELLO). */
FUTEET_MUST_CHECK int chan_hs_start(struct chan *c, uint8_t *out, size_t cap, size_t *out_len);

/* Feed one complete handshake frame (or an ABORT); writes the answer (if
 * any) to out: RESP_HELLO || RESP_AUTH for a responder given F1, INIT_AUTH
 * for an initiator given F3, an ABORT on failure. */
FUTEET_MUST_CHECK int chan_hs_input(struct chan *c, const uint8_t *in, size_t in_len,
				    uint8_t *out, size_t cap, size_t *out_len);

static inline bool chan_established(const struct chan *c)
{
	return c->state == CHAN_S_ESTABLISHED;
}

/* Frame length from a header: 0 and *frame_len (header included) when the
 * 4 header bytes are there and type and length are acceptable; -EAGAIN
 * when fewer than 4 bytes; -EPROTO (reason bad-frame) otherwise. For byte
 * streams: read the header, then exactly the rest. */
FUTEET_MUST_CHECK int chan_frame_len(const uint8_t *hdr, size_t have, size_t *frame_len);

/* Seal n <= CHAN_MAX_PLAINTEXT bytes into one DATA record (n + 28 bytes).
 * Writes a KEY_UPDATE record first when the key's limit is near (so give
 * room for 2 * CHAN_RECORD_OVERHEAD + n). */
FUTEET_MUST_CHECK int chan_seal(struct chan *c, const uint8_t *pt, size_t n,
				uint8_t *out, size_t cap, size_t *out_len);

/* Open one record frame. DATA: 0, plaintext in pt[0..*pt_len). KEY_UPDATE:
 * 0 with *pt_len = 0. CLOSE: -EPIPE, c->reason = the peer's reason. Failure:
 * -EPROTO, c->reason set, a CLOSE for the peer in out (*out_len) if cap
 * allows. pt may alias neither in nor out. */
FUTEET_MUST_CHECK int chan_open(struct chan *c, const uint8_t *in, size_t in_len,
				uint8_t *pt, size_t pt_cap, size_t *pt_len,
				uint8_t *out, size_t cap, size_t *out_len);

/* A CLOSE record (established) or an ABORT (handshake) with `reason`; the
 * channel is closed afterwards. */
FUTEET_MUST_CHECK int chan_close_frame(struct chan *c, uint8_t reason,
				       uint8_t *out, size_t cap, size_t *out_len);

/* The end of the byte stream arrived (with `pending` bytes of an unfinished
 * frame): unless a CLOSE was seen, the channel closes with reason truncated. */
void chan_eof(struct chan *c, size_t pending);

/* Wipe every secret and forget the channel. */
void chan_wipe(struct chan *c);

/* The binding digest of CHANNEL.md section 4 (exposed for tests and for
 * evidence producers that want to recompute it). */
void chan_binding(uint8_t role, const uint8_t peer_nonce[CHAN_NONCE_LEN],
		  const uint8_t own_eph[CHAN_POINT_LEN], const uint8_t th[CHAN_HASH_LEN],
		  uint8_t out[CHAN_HASH_LEN]);

/* The attested-key mode (CHANNEL.md section 4, "The attested key"): a
 * long-term P-256 key, a scalar in [1, n) drawn from random (bounded
 * retries) and its SEC1 public key. 0 or -EIO. */
FUTEET_MUST_CHECK int chan_ak_keygen(int (*random)(void *ctx, uint8_t *out, size_t n), void *ctx,
				     uint8_t priv[CHAN_SCALAR_LEN], uint8_t pub[CHAN_POINT_LEN]);

/* The eat_nonce its one-time evidence carries: SHA-256("futeet-chan-v1
 * attested key" || pub). It makes the evidence say what it is for;
 * receivers do not rely on it (CHANNEL.md 4). */
void chan_ak_nonce(const uint8_t pub[CHAN_POINT_LEN], uint8_t out[CHAN_HASH_LEN]);

#endif
