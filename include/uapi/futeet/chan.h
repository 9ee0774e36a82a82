/* The attested channel in libfuteet (user/libfuteet/chan.c; docs/CHANNEL.md,
 * docs/API.md "futeet_chan_*"): the handshake, the verifier and the policy
 * run in the calling program (ring 3), over a peer transport of
 * uapi/futeet/port.h. One channel at a time per program (static state). */
#ifndef FUTEET_UAPI_CHAN_H
#define FUTEET_UAPI_CHAN_H

#include <stdint.h>

/* futeet_chan_open's peer: a transport kind (FUTEET_PORT_STREAM,
 * FUTEET_PORT_SHM), or AUTO: shared memory when FUTEET_PORT_SHM opens (a
 * peer guest on this host), the stream otherwise. */
#define FUTEET_CHAN_PEER_AUTO 0u

/* roles (CHANNEL.md section 4: the initiator sends INIT_HELLO) */
#define FUTEET_CHAN_INITIATOR 1u
#define FUTEET_CHAN_RESPONDER 2u

/* struct futeet_chan_policy flags */
#define FUTEET_CHAN_ALLOW_SIM        (1u << 0) /* accept the FUTEET sim roots (EAR warning) */
#define FUTEET_CHAN_ACCEPT_WARNING   (1u << 1) /* EAR "warning" passes (else affirming only) */
#define FUTEET_CHAN_ALLOW_UNATTESTED (1u << 2) /* accept a peer with no evidence (a host client) */
#define FUTEET_CHAN_FORBID_AK        (1u << 3) /* refuse the peer's attested-key mode */
#define FUTEET_CHAN_UNATTESTED       (1u << 4) /* send no evidence ourselves (tests on platform none) */
/* Authenticate ourselves with an attested key (CHANNEL.md 4, ATTESTED_KEY)
 * instead of fresh evidence per handshake: at the first such open the
 * program makes a P-256 key and has it attested once (futeet_attest, cnf =
 * the key); later handshakes send that evidence and sign the transcript.
 * A peer whose hello says FRESH_REQUIRED still gets fresh evidence. The key
 * stays in the program's memory (never printed, never stored) until
 * futeet_chan_ak_wipe or the program's end. */
#define FUTEET_CHAN_ATTESTED_KEY     (1u << 5)
#define FUTEET_CHAN_FLAGS_ALL        0x3Fu

struct futeet_chan_policy {
	const char *json;        /* docs/POLICY.md: required_capabilities, reference_measurements,
				    debug_forbidden, allow_sim, ...; NULL = the defaults */
	uint64_t json_len;
	uint32_t flags;          /* FUTEET_CHAN_* */
	uint32_t timeout_ms;     /* longest wait for one handshake message; 0 = 30 s */
};

/* peer modes (CHANNEL.md section 4) */
#define FUTEET_CHAN_MODE_FRESH        1u
#define FUTEET_CHAN_MODE_ATTESTED_KEY 2u
#define FUTEET_CHAN_MODE_UNATTESTED   3u

struct futeet_chan_info {
	uint32_t transport;      /* FUTEET_PORT_* the channel runs on */
	uint32_t peer_mode;      /* FUTEET_CHAN_MODE_* the peer authenticated with */
	uint32_t reason;         /* why it closed (CHANNEL.md section 7), 0 while open */
	uint32_t reason_from_peer; /* 1: the peer sent it (ABORT or CLOSE) */
	uint8_t sid[16];         /* session id, the same on both sides */
	char peer[256];          /* one line: what was verified about the peer */
	uint32_t own_mode;       /* FUTEET_CHAN_MODE_* we authenticated with */
	uint32_t hs_us;          /* microseconds this program spent in its handshake steps
				    (keys, our evidence or signature, checking the peer's),
				    not waiting for the peer */
};

#ifndef FUTEET_KERNEL
#include <stddef.h>
/* Open a port (peer) and run the handshake in `role` with `policy`. 0 (the
 * handle) with *info filled; -EPROTO with info->reason when the handshake
 * failed (the peer was told why when it could be), or a port error
 * (-ENODEV, -EBUSY, -ETIMEDOUT ...). */
int futeet_chan_open(unsigned peer, unsigned role, const struct futeet_chan_policy *policy,
		     struct futeet_chan_info *info);
/* Seal len bytes into records (16 KiB each) and send them: len, or
 * -EPROTO / a port error (the channel is closed then). */
long futeet_chan_send(int h, const void *buf, size_t len);
/* The next record's plaintext (at most cap bytes: a longer record is kept
 * for the next calls): n >= 1; 0 when the peer closed normally; -ETIMEDOUT
 * (nothing arrived, the channel stays open; timeout_ms 0 = forever);
 * -EPROTO with the reason in futeet_chan_get_info (altered, dropped,
 * replayed or reordered records, truncation, a CLOSE with a reason). */
long futeet_chan_recv(int h, void *buf, size_t cap, unsigned timeout_ms);
/* Send CLOSE (reason closed) if still open, wipe the keys, close the port. 0. */
int futeet_chan_close(int h);
int futeet_chan_get_info(int h, struct futeet_chan_info *info);
/* Wipe the attested key of FUTEET_CHAN_ATTESTED_KEY and its evidence; the
 * next such open makes and attests a new one. 0. */
int futeet_chan_ak_wipe(void);
/* "name: meaning" of a reason code (CHANNEL.md section 7). */
const char *futeet_chan_reason_str(unsigned reason);
#endif

#endif
