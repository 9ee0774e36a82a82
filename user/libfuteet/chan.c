/* futeet_chan_*: the attested channel in the calling program (ring 3), over a
 * peer transport (futeet_port_*). lib/chan.c runs the protocol
 * (docs/CHANNEL.md); the evidence is the kernel's futeet_attest with cnf =
 * the handshake's ephemeral key, and the peer's evidence is appraised by
 * lib/chan_verify.c (lib/verify, the same appraisal as futeet_verify and the
 * host's futeet-verify) against the caller's policy (docs/POLICY.md:
 * capabilities, reference measurements, debug, sim roots). The kernel sees
 * only ciphertext on the port.
 *
 * One channel at a time: static state (about 300 KiB of frame buffers).
 *
 * FUTEET_CHAN_ATTESTED_KEY (CHANNEL.md section 4, "The attested key"): the
 * first open with the flag makes a P-256 key (getrandom) and has it
 * attested once with cnf = its public key; the evidence and the key are
 * kept in AK below for every later open with the flag, until
 * futeet_chan_ak_wipe or the end of the program. The private key is never
 * printed, stored or handed out; the channel signs with it in place. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <futeet/futeet.h>

#include "lib/chan.h"
#include "lib/chan_verify.h"
#include "lib/verify/policy.h"

extern const uint8_t futeet_sim_ark_der[];
extern const size_t futeet_sim_ark_der_len;
extern const uint8_t futeet_sim_tdx_root_der[];
extern const size_t futeet_sim_tdx_root_der_len;

#define CHAN_HS_TIMEOUT_MS 30000u
/* A frame that has begun must finish within this (FUTEET's choice): a peer
 * that stops mid-frame without closing its port (a host that holds the
 * connection open) is found by silence, as a truncation; a closed port
 * (futeet_port_recv 0) ends the channel at once, as truncated too. */
#define CHAN_MIDFRAME_TIMEOUT_MS 5000u

static struct {
	bool open;
	bool heard;   /* a byte of this session came from the peer */
	long port;
	struct chan c;
	struct chan_config cfg;
	struct chan_evidence_ops ops;
	struct chan_verifier ver;
	struct chan_selfset self;
	struct futeet_chan_info info;
	const uint8_t *sim_roots[2];
	size_t sim_lens[2];
	/* received bytes: rx[0..have) (one frame may be followed by more) */
	size_t have;
	/* plaintext of the last record not yet handed out */
	size_t pt_off, pt_len;
	uint8_t rx[CHAN_MAX_FRAME];
	uint8_t tx[CHAN_MAX_FRAME];
	uint8_t pt[CHAN_MAX_PLAINTEXT];
	uint8_t ev[FUTEET_EVIDENCE_MAX];
	char why[160];
} S;

/* The attested key and its evidence (made once, CHANNEL.md 4). */
static struct {
	bool made;
	uint8_t priv[CHAN_SCALAR_LEN];
	uint8_t pub[CHAN_POINT_LEN];
	size_t ev_len;
	uint8_t ev[FUTEET_EVIDENCE_MAX];
} AK;

static uint64_t mono_us(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static int os_random(void *ctx, uint8_t *out, size_t n)
{
	(void)ctx;
	return futeet_random(out, n);
}

/* CHANNEL.md section 8: futeet_attest with nonce = binding and cnf = the
 * ephemeral key as a COSE_Key (RFC 9053 EC2: kty 2, crv 1 P-256, x, y). */
static int produce(void *ctx, const uint8_t binding[CHAN_HASH_LEN], const uint8_t cnf[CHAN_POINT_LEN],
		   uint8_t *out, size_t cap, size_t *out_len)
{
	uint8_t key[75] = { 0xa4, 0x01, 0x02, 0x20, 0x01, 0x21, 0x58, 0x20 };
	struct futeet_attest_opts o;
	size_t n = 0;
	long r;

	(void)ctx;
	memcpy(key + 8, cnf + 1, 32);
	key[40] = 0x22;
	key[41] = 0x58;
	key[42] = 0x20;
	memcpy(key + 43, cnf + 33, 32);
	memset(&o, 0, sizeof(o));
	o.flags = FUTEET_ATTEST_CNF;
	o.cose_key = (uint64_t)(uintptr_t)key;
	o.cose_key_len = sizeof(key);
	if (cap > sizeof(S.ev))
		cap = sizeof(S.ev);
	r = futeet_sys_futeet_attest((long)binding, CHAN_HASH_LEN, (long)out, (long)cap, (long)&n, (long)&o);
	if (r < 0)
		return (int)r;
	*out_len = n;
	return 0;
}

/* CHANNEL.md 4: a fresh scalar in [1, n) (chan_ak_keygen), then evidence
 * with cnf = its public key and eat_nonce = chan_ak_nonce(pub). */
static int ak_make(void)
{
	uint8_t nonce[CHAN_HASH_LEN];
	int rc;

	if (AK.made)
		return 0;
	rc = chan_ak_keygen(os_random, NULL, AK.priv, AK.pub);
	if (rc == 0) {
		chan_ak_nonce(AK.pub, nonce);
		rc = produce(NULL, nonce, AK.pub, AK.ev, sizeof(AK.ev), &AK.ev_len);
	}
	if (rc != 0 || AK.ev_len == 0 || AK.ev_len > CHAN_MAX_EVIDENCE) {
		futeet_wipe(&AK, sizeof(AK));
		return rc ? rc : -EIO;
	}
	AK.made = true;
	return 0;
}

int futeet_chan_ak_wipe(void)
{
	futeet_wipe(&AK, sizeof(AK));
	return 0;
}

static void note(void)
{
	S.info.reason = S.c.reason;
	S.info.reason_from_peer = S.c.reason_from_peer;
	S.info.peer_mode = S.c.peer_mode;
	S.info.own_mode = S.c.own_mode;
	memcpy(S.info.sid, S.c.sid, sizeof(S.info.sid));
	memcpy(S.info.peer, S.c.peer.summary, sizeof(S.info.peer) < sizeof(S.c.peer.summary) ?
	       sizeof(S.info.peer) : sizeof(S.c.peer.summary));
	S.info.peer[sizeof(S.info.peer) - 1] = '\0';
}

static long port_send_all(const uint8_t *p, size_t n)
{
	return n ? futeet_sys_futeet_port_send(S.port, (long)p, (long)n) : 0;
}

/* One complete frame at S.rx[0..*len). 0; 1 nothing arrived within
 * timeout_ms (no frame begun); <0: the stream ended or broke (the channel
 * is closed as truncated) or, for a bad header, 0 with *len = 4 so that the
 * channel itself refuses it. On the shared-memory port, until the peer's
 * first byte of this session has come, the port's 0 ends nothing: it is a
 * previous session's end (its program closed the port). The stream port
 * sorts that out itself (drivers/virtio_console.c): a hang-up before the
 * session's first byte is not reported, and after it 0 is final. */
static int read_frame(unsigned timeout_ms, size_t *len)
{
	size_t fl = 0;

	for (;;) {
		if (S.have >= CHAN_HDR_LEN) {
			if (chan_frame_len(S.rx, S.have, &fl)) {
				*len = CHAN_HDR_LEN;
				return 0;
			}
			if (S.have >= fl) {
				*len = fl;
				return 0;
			}
		}
		long r = futeet_sys_futeet_port_recv(S.port, (long)(S.rx + S.have),
						     (long)(sizeof(S.rx) - S.have),
						     S.have ? CHAN_MIDFRAME_TIMEOUT_MS : timeout_ms);
		if (r == -ETIMEDOUT && S.have == 0)
			return 1;
		if (r == 0 && !S.heard && S.info.transport == FUTEET_PORT_SHM)
			continue;
		if (r <= 0) {
			chan_eof(&S.c, S.have);
			S.have = 0;
			return r < 0 && r != -ETIMEDOUT ? (int)r : -EPIPE;
		}
		S.have += (size_t)r;
		S.heard = true;
	}
}

static void consume(size_t len)
{
	if (len > S.have)
		len = S.have;
	memmove(S.rx, S.rx + len, S.have - len);
	S.have -= len;
}

static int fail_closed(int rc)
{
	note();
	return rc;
}

const char *futeet_chan_reason_str(unsigned reason)
{
	return chan_reason_str(reason);
}

int futeet_chan_open(unsigned peer, unsigned role, const struct futeet_chan_policy *p,
		     struct futeet_chan_info *info)
{
	static struct policy pol;
	unsigned timeout;
	uint64_t busy = 0, t0;
	size_t n, ol;
	int rc;

	if (info == NULL || p == NULL)
		return -EFAULT;
	memset(info, 0, sizeof(*info));
	if (S.open)
		return -EBUSY;
	if ((role != FUTEET_CHAN_INITIATOR && role != FUTEET_CHAN_RESPONDER) ||
	    (p->flags & ~FUTEET_CHAN_FLAGS_ALL) || (p->json == NULL) != (p->json_len == 0) ||
	    p->json_len > FUTEET_VERIFY_POLICY_MAX ||
	    (peer != FUTEET_CHAN_PEER_AUTO && peer != FUTEET_PORT_STREAM && peer != FUTEET_PORT_SHM))
		return -EINVAL;
	policy_default(&pol);
	if (p->json && (rc = policy_parse(p->json, (size_t)p->json_len, &pol, S.why, sizeof(S.why)))) {
		strncpy(info->peer, S.why, sizeof(info->peer) - 1);
		return rc;
	}
	memset(&S.c, 0, sizeof(S.c));
	memset(&S.info, 0, sizeof(S.info));
	S.have = S.pt_off = S.pt_len = 0;
	S.heard = false;
	/* the transport: shared memory for a peer on this host, else the stream */
	if (peer == FUTEET_CHAN_PEER_AUTO) {
		S.port = futeet_sys_futeet_port_open(FUTEET_PORT_SHM, 0);
		S.info.transport = FUTEET_PORT_SHM;
		if (S.port == -ENODEV) {
			S.port = futeet_sys_futeet_port_open(FUTEET_PORT_STREAM, 0);
			S.info.transport = FUTEET_PORT_STREAM;
		}
	} else {
		S.port = futeet_sys_futeet_port_open(peer, 0);
		S.info.transport = peer;
	}
	if (S.port < 0)
		return (int)S.port;

	chan_verifier_init(&S.ver, &pol);
	S.sim_roots[0] = futeet_sim_ark_der;
	S.sim_lens[0] = futeet_sim_ark_der_len;
	S.sim_roots[1] = futeet_sim_tdx_root_der;
	S.sim_lens[1] = futeet_sim_tdx_root_der_len;
	S.ver.in.sim_roots = S.sim_roots;
	S.ver.in.sim_root_lens = S.sim_lens;
	S.ver.in.n_sim_roots = 2;
	S.ver.in.allow_sim = (p->flags & FUTEET_CHAN_ALLOW_SIM) || pol.allow_sim;
	S.ver.in.time_known = false;   /* no trusted clock: the policy's verification_time, if any */
	S.ver.accept_warning = (p->flags & (FUTEET_CHAN_ACCEPT_WARNING | FUTEET_CHAN_ALLOW_SIM)) != 0;
	memset(&S.ops, 0, sizeof(S.ops));
	chan_verifier_ops(&S.ops, &S.ver);
	S.ops.produce = produce;
	memset(&S.cfg, 0, sizeof(S.cfg));
	S.cfg.ev = &S.ops;
	S.cfg.random = os_random;
	S.cfg.forbid_attested_key = (p->flags & FUTEET_CHAN_FORBID_AK) || pol.forbid_attested_key;
	S.cfg.allow_unattested_peer = (p->flags & FUTEET_CHAN_ALLOW_UNATTESTED) != 0;
	S.cfg.unattested = (p->flags & FUTEET_CHAN_UNATTESTED) != 0;
	S.cfg.self = &S.self;
	if ((p->flags & FUTEET_CHAN_ATTESTED_KEY) && !S.cfg.unattested) {
		t0 = mono_us();
		rc = ak_make();
		busy += mono_us() - t0;
		if (rc) {
			futeet_sys_futeet_port_close(S.port);
			info->reason = CHAN_R_INTERNAL;
			strncpy(info->peer, "attested key: futeet_attest failed", sizeof(info->peer) - 1);
			return rc;
		}
		S.cfg.ak_evidence = AK.ev;
		S.cfg.ak_evidence_len = AK.ev_len;
		S.cfg.ak_priv = AK.priv;
	}
	timeout = p->timeout_ms ? p->timeout_ms : CHAN_HS_TIMEOUT_MS;

	if (chan_init(&S.c, role == FUTEET_CHAN_INITIATOR ? CHAN_ROLE_INITIATOR : CHAN_ROLE_RESPONDER,
		      &S.cfg)) {
		futeet_sys_futeet_port_close(S.port);
		return -EINVAL;
	}
	S.open = true;
	if (role == FUTEET_CHAN_INITIATOR) {
		t0 = mono_us();
		rc = chan_hs_start(&S.c, S.tx, sizeof(S.tx), &ol);
		busy += mono_us() - t0;
		if (rc == 0 && port_send_all(S.tx, ol) < 0)
			rc = -EPIPE;
		if (rc)
			goto failed;
	}
	while (!chan_established(&S.c)) {
		/* a responder waits as long as it takes for someone to call */
		bool first = role == FUTEET_CHAN_RESPONDER && S.c.state == CHAN_S_R_WAIT_INIT_HELLO;
		rc = read_frame(first ? 0 : timeout, &n);
		if (rc == 1) {
			/* the peer said nothing in time: close as truncated */
			chan_eof(&S.c, 0);
			rc = -ETIMEDOUT;
		}
		if (rc)
			goto failed;
		t0 = mono_us();
		rc = chan_hs_input(&S.c, S.rx, n, S.tx, sizeof(S.tx), &ol);
		busy += mono_us() - t0;
		consume(n);
		if (ol)
			(void)port_send_all(S.tx, ol);
		if (rc)
			goto failed;
	}
	note();
	S.info.hs_us = (uint32_t)busy;
	*info = S.info;
	return 0;
failed:
	note();
	*info = S.info;
	if (S.info.reason == 0)
		info->reason = S.info.reason = CHAN_R_INTERNAL;
	chan_wipe(&S.c);
	futeet_sys_futeet_port_close(S.port);
	S.open = false;
	return rc == -ETIMEDOUT ? -ETIMEDOUT : -EPROTO;
}

/* A send failed (the peer hung up, or stopped taking bytes): what the peer
 * sent before is read first, since its CLOSE may be there, so the channel
 * ends with the peer's reason, else as truncated. The port ends it (0
 * after a hang-up's bytes) or nothing more comes within 1 ms; at most
 * CHAN_TAIL_FRAMES frames. Their plaintext is not handed out. */
#define CHAN_TAIL_FRAMES 64u
static void read_tail(void)
{
	size_t n, ol, ptl;

	for (unsigned k = 0; k < CHAN_TAIL_FRAMES && chan_established(&S.c) && S.pt_off >= S.pt_len; k++) {
		if (read_frame(1, &n) != 0)
			break;   /* nothing more, or the end (chan_eof done) */
		int rc = chan_open(&S.c, S.rx, n, S.pt, sizeof(S.pt), &ptl, S.tx, sizeof(S.tx), &ol);
		consume(n);
		if (rc)
			break;   /* the peer's CLOSE, or a record the channel refused */
	}
	S.pt_off = S.pt_len = 0;
	chan_eof(&S.c, 0);   /* nothing if the channel is closed already */
}

long futeet_chan_send(int h, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t done = 0, ol;

	if (h != 0 || !S.open)
		return -EBADF;
	if (!chan_established(&S.c))
		return fail_closed(-EPROTO);
	while (done < len) {
		size_t n = len - done < CHAN_MAX_PLAINTEXT ? len - done : CHAN_MAX_PLAINTEXT;
		if (chan_seal(&S.c, p + done, n, S.tx, sizeof(S.tx), &ol))
			return fail_closed(-EPROTO);
		long r = port_send_all(S.tx, ol);
		if (r < 0) {
			read_tail();
			return fail_closed((int)r);
		}
		done += n;
	}
	return (long)len;
}

long futeet_chan_recv(int h, void *buf, size_t cap, unsigned timeout_ms)
{
	size_t n, ol, ptl;
	int rc;

	if (h != 0 || !S.open)
		return -EBADF;
	if (cap == 0)
		return -EINVAL;
	while (S.pt_off >= S.pt_len) {
		if (!chan_established(&S.c))
			return S.c.reason == CHAN_R_CLOSED && S.c.reason_from_peer ? 0 : fail_closed(-EPROTO);
		rc = read_frame(timeout_ms, &n);
		if (rc == 1)
			return -ETIMEDOUT;
		if (rc)
			return fail_closed(-EPROTO);
		rc = chan_open(&S.c, S.rx, n, S.pt, sizeof(S.pt), &ptl, S.tx, sizeof(S.tx), &ol);
		consume(n);
		if (ol)
			(void)port_send_all(S.tx, ol);
		if (rc == -EPIPE) {   /* the peer's CLOSE */
			note();
			return S.c.reason == CHAN_R_CLOSED ? 0 : -EPROTO;
		}
		if (rc)
			return fail_closed(-EPROTO);
		S.pt_off = 0;
		S.pt_len = ptl;   /* 0: a KEY_UPDATE, read on */
	}
	n = S.pt_len - S.pt_off < cap ? S.pt_len - S.pt_off : cap;
	memcpy(buf, S.pt + S.pt_off, n);
	S.pt_off += n;
	return (long)n;
}

int futeet_chan_get_info(int h, struct futeet_chan_info *info)
{
	if (h != 0 || info == NULL)
		return -EBADF;
	note();
	*info = S.info;
	return 0;
}

int futeet_chan_close(int h)
{
	size_t ol;

	if (h != 0 || !S.open)
		return -EBADF;
	if (chan_established(&S.c) && chan_close_frame(&S.c, CHAN_R_CLOSED, S.tx, sizeof(S.tx), &ol) == 0)
		(void)port_send_all(S.tx, ol);
	note();
	chan_wipe(&S.c);
	memset(S.pt, 0, sizeof(S.pt));
	futeet_sys_futeet_port_close(S.port);
	S.open = false;
	return 0;
}
