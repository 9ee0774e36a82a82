/* pair: two guests on one host, wired by scripts/run --peer (docs/CHANNEL.md
 * sections 10 and 8): each side learns its role from its environment
 * (FUTEET_PEER=initiator|responder, which scripts/run puts on the measured
 * command line; the shared-memory driver writes the ring of the same role).
 *
 *   pair [MiB] [--no-plain] [--no-sim] [--measurement HEX] [--require CAP]...
 *        [--pause-ms N] [--hold-ms N] [--ak] [--leave]
 *
 * 1. plain copy: a greeting each way, then MiB (default 4) of 64 KiB
 *    messages initiator -> responder over the bare port (shared memory when
 *    this host has the peer region, else the stream), checked byte for byte
 *    by the responder, timed by the initiator: the baseline (--no-plain:
 *    skipped); on shared memory the responder then reads the initiator's
 *    port close (futeet_port_recv 0);
 * 2. the attested channel (libfuteet futeet_chan_open over the same port):
 *    both attest (fresh evidence with the handshake's key as cnf; --ak: a
 *    key attested once that signs the handshake, CHANNEL.md 4) and verify
 *    the other's against the policy below; each prints what it verified;
 * 3. one message each way through the channel (--pause-ms: the initiator
 *    then waits N ms and reads what the peer said meanwhile before it goes
 *    on: a quiet window in which a test's host in the middle rewrites the
 *    ring);
 *    (--leave: the responder then ends without the channel's CLOSE, and
 *    the initiator's next recv must end the channel at once as truncated,
 *    reason 16: its port closed, shared memory's close mark);
 * 4. the same MiB through the channel, timed, for the bench.
 * The policy (docs/POLICY.md): remote-attestation required, debug forbidden,
 * the FUTEET sim roots accepted (--no-sim: refused), plus --measurement (the
 * peer's launch measurement must be this one: SNP MEASUREMENT or TDX MRTD,
 * 96 hex digits) and --require (a capability the peer's evidence must give).
 *
 *   pair: plain copy: N bytes in T us = R MB/s (64 KiB messages)
 *   pair: handshake: T us (ROLE over shared memory|stream)
 *   pair: verified the peer: SUMMARY
 *   pair: channel: N bytes in T us = R MB/s (64 KiB messages)
 *
 * "pair: PASS" and status 0 on success, "pair: FAIL: reason" and 1 otherwise
 * (a refused handshake names the channel's reason code, CHANNEL.md 7). */
#include <errno.h>
#include <stdbool.h>
#include <futeet/futeet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAIR_MSG       65536u       /* the benchmark's message size */
#define PAIR_WAIT_MS   120000u      /* two TCG guests: a peer can be minutes late */

static int port = -1;
static bool on_shm;   /* the bare port is shared memory */
static uint8_t msg[PAIR_MSG], want[PAIR_MSG];

static uint64_t now_us(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static int fail(const char *why, long err)
{
	if (err)
		printf("pair: FAIL: %s: %s\n", why, futeet_strerror(err));
	else
		printf("pair: FAIL: %s\n", why);
	return 1;
}

static int chan_h = -1;   /* the channel, once open */

/* All n bytes over the bare port or (chan) the channel. */
static long send_all(bool chan, const void *p, size_t n)
{
	long r = chan ? futeet_chan_send(chan_h, p, n)
		      : futeet_sys_futeet_port_send(port, (long)p, (long)n);

	return r < 0 ? r : (r == (long)n ? 0 : -EIO);
}

/* Exactly n bytes, each wait bounded; -EPIPE when the peer closed. */
static long recv_all(bool chan, void *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		uint8_t *q = (uint8_t *)p + got;
		long r = chan ? futeet_chan_recv(chan_h, q, n - got, PAIR_WAIT_MS)
			      : futeet_sys_futeet_port_recv(port, (long)q, (long)(n - got), PAIR_WAIT_MS);
		if (r < 0)
			return r;
		if (r == 0)
			return -EPIPE;
		got += (size_t)r;
	}
	return 0;
}

/* Message i of the copy benchmark: bytes anyone can recompute. */
static void fill(uint8_t *p, uint32_t i)
{
	uint32_t x = 0x9e3779b9u * (i + 1u);

	for (size_t k = 0; k < PAIR_MSG; k++) {
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		p[k] = (uint8_t)x;
	}
}

/* The timed copy (steps 1 and 4): count 64 KiB messages initiator ->
 * responder, which checks each against fill() and answers one byte, 1
 * intact or 2 altered; the initiator's time runs until that answer. The
 * generator runs on both sides, in the timed loop: the figure is a lower
 * bound of the transport's own rate. 0 and a line "pair: NAME: ..."; 1 when
 * the bytes arrived altered; else a negative errno and the failed step. */
static long copy(bool chan, const char *name, int initiator, uint32_t count,
		 const char **step)
{
	uint8_t ack = 1;
	uint64_t t0, dt;
	long r;

	if (initiator) {
		t0 = now_us();
		for (uint32_t i = 0; i < count; i++) {
			fill(msg, i);
			*step = "send";
			if ((r = send_all(chan, msg, PAIR_MSG)))
				return r;
		}
		*step = "the responder's acknowledgement";
		if ((r = recv_all(chan, &ack, 1)))
			return r;
		dt = now_us() - t0;
		if (ack != 1)
			return 1;
		printf("pair: %s: %llu bytes in %llu us = %llu MB/s (64 KiB messages)\n", name,
		       (unsigned long long)count * PAIR_MSG, (unsigned long long)dt,
		       dt ? (unsigned long long)((uint64_t)count * PAIR_MSG / dt) : 0ull);
		return 0;
	}
	for (uint32_t i = 0; i < count; i++) {
		*step = "recv";
		if ((r = recv_all(chan, msg, PAIR_MSG)))
			return r;
		fill(want, i);
		if (memcmp(msg, want, PAIR_MSG) != 0)
			ack = 2;
	}
	*step = "acknowledgement";
	if ((r = send_all(chan, &ack, 1)))
		return r;
	if (ack != 1)
		return 1;
	printf("pair: %s: %u messages of 64 KiB arrived intact\n", name, count);
	return 0;
}

static int raw(int initiator, unsigned mib)
{
	static const char hi_i[32] = "pair raw: hello from initiator";
	static const char hi_r[32] = "pair raw: hello from responder";
	char got[32], why[64];
	const char *step = "";
	long r;

	r = send_all(false, initiator ? hi_i : hi_r, sizeof(hi_i));
	if (r)
		return fail("greeting: send", r);
	if ((r = recv_all(false, got, sizeof(got))))
		return fail("greeting: recv", r);
	if (memcmp(got, initiator ? hi_r : hi_i, sizeof(got)) != 0)
		return fail("greeting: the peer's bytes differ from what it sent", 0);
	printf("pair: raw greeting from the %s received intact\n", initiator ? "responder" : "initiator");

	r = copy(false, "plain copy", initiator, mib * 16u, &step);
	if (r < 0) {
		snprintf(why, sizeof(why), "copy: %s", step);
		return fail(why, r);
	}
	if (r > 0)
		return fail(initiator ? "copy: the responder found the bytes altered"
				      : "copy: the initiator's bytes arrived altered", 0);
	/* shared memory: the initiator closes its port after the answer; the
	 * responder's next recv says so (0), after the bytes before it */
	if (!initiator && on_shm) {
		r = futeet_sys_futeet_port_recv(port, (long)got, 1, PAIR_WAIT_MS);
		if (r != 0)
			return fail("copy: the initiator's close: futeet_port_recv did not return 0",
				    r < 0 ? r : 0);
		printf("pair: plain copy: the initiator closed its port: futeet_port_recv returned 0\n");
	}
	return 0;
}

static char policy[1024];

static const char *mode_name(unsigned m)
{
	return m == FUTEET_CHAN_MODE_FRESH ? "fresh evidence bound to this handshake"
	       : m == FUTEET_CHAN_MODE_ATTESTED_KEY ? "attested key signing this handshake"
	       : m == FUTEET_CHAN_MODE_UNATTESTED ? "UNATTESTED (no evidence)" : "unknown";
}

static int chan_fail(const char *what, long rc, const struct futeet_chan_info *info)
{
	char why[300];

	if (info->reason)
		snprintf(why, sizeof(why), "%s: refused, reason %u %s (%s)%s%s", what, info->reason,
			 futeet_chan_reason_str(info->reason),
			 info->reason_from_peer ? "the peer's" : "ours",
			 info->peer[0] ? "; peer evidence: " : "", info->peer);
	else
		snprintf(why, sizeof(why), "%s: %s", what, futeet_strerror((int)rc));
	return fail(why, 0);
}

static unsigned pause_ms, hold_ms;
static bool leave;

static int channel(int initiator, unsigned mib, uint32_t flags)
{
	struct futeet_chan_policy pol;
	struct futeet_chan_info info;
	char mine[64], theirs[64];
	uint32_t count = mib * 16u;
	uint64_t t0, dt;
	const char *step;
	uint8_t ack = 0;
	long h, r;

	memset(&pol, 0, sizeof(pol));
	pol.json = policy;
	pol.json_len = strlen(policy);
	pol.flags = flags;
	pol.timeout_ms = PAIR_WAIT_MS;
	t0 = now_us();
	h = futeet_chan_open(FUTEET_CHAN_PEER_AUTO,
			     initiator ? FUTEET_CHAN_INITIATOR : FUTEET_CHAN_RESPONDER, &pol, &info);
	dt = now_us() - t0;
	if (h < 0)
		return chan_fail("handshake", h, &info);
	chan_h = (int)h;
	printf("pair: handshake: %llu us (%s over %s)\n", (unsigned long long)dt,
	       initiator ? "initiator" : "responder",
	       info.transport == FUTEET_PORT_SHM ? "shared memory" : "the stream");
	printf("pair: verified the peer: %s\n", info.peer);
	printf("pair: the peer authenticated with: %s\n", mode_name(info.peer_mode));
	printf("pair: session id ");
	for (unsigned i = 0; i < sizeof(info.sid); i++)
		printf("%02x", info.sid[i]);
	printf("\n");

	/* one message each way */
	memset(mine, 0, sizeof(mine));
	snprintf(mine, sizeof(mine), "hello from the %s", initiator ? "initiator" : "responder");
	if (initiator) {
		if ((r = send_all(true, mine, sizeof(mine))) || (r = recv_all(true, theirs, sizeof(theirs))))
			goto broken;
	} else {
		if ((r = recv_all(true, theirs, sizeof(theirs))) || (r = send_all(true, mine, sizeof(mine))))
			goto broken;
	}
	theirs[sizeof(theirs) - 1] = '\0';
	printf("pair: message from the peer through the channel: \"%s\"\n", theirs);
	if (leave && !initiator) {
		/* --leave: the program ends without the channel's CLOSE; the
		 * kernel closes its port (kernel_program_ended) */
		printf("pair: leaving without a CLOSE\n");
		return 0;
	}
	if (leave) {
		/* the peer's port closed: the channel ends at once, as truncated
		 * (CHANNEL.md 7: no CLOSE), not after PAIR_WAIT_MS */
		t0 = now_us();
		r = futeet_chan_recv((int)h, &ack, 1, PAIR_WAIT_MS);
		dt = now_us() - t0;
		(void)futeet_chan_get_info((int)h, &info);
		(void)futeet_chan_close((int)h);
		printf("pair: the peer left: recv %ld, reason %u %s, after %llu ms\n", r, info.reason,
		       futeet_chan_reason_str(info.reason), (unsigned long long)dt / 1000u);
		return r == -EPROTO && info.reason == 16 && dt < (uint64_t)PAIR_WAIT_MS * 1000u / 2u ? 0 : 1;
	}
	/* --hold-ms: the responder reads nothing for N ms, so the initiator's
	 * first copy records queue in the ring: a window in which a test's
	 * host in the middle drops or reorders them */
	for (t0 = now_us(); !initiator && now_us() - t0 < (uint64_t)hold_ms * 1000u;)
		;
	if (initiator && pause_ms) {
		t0 = now_us();
		while (now_us() - t0 < (uint64_t)pause_ms * 1000u)
			;
		/* whatever the peer said meanwhile (a CLOSE with its reason) */
		r = futeet_chan_recv((int)h, &ack, 1, 1);
		if (r != -ETIMEDOUT)
			goto broken;
	}

	/* the bench: the same bytes as the plain copy, through the channel */
	r = copy(true, "channel", initiator, count, &step);
	if (r < 0)
		goto broken;
	if (r > 0)
		return fail(initiator ? "channel copy: the responder found the bytes altered"
				      : "channel copy: the plaintext differs", 0);
	/* The initiator waits for the responder's CLOSE, so that neither
	 * guest ends while the other still reads. */
	if (initiator) {
		r = futeet_chan_recv((int)h, &ack, 1, PAIR_WAIT_MS);
		if (r != 0)
			goto broken;
	}
	(void)futeet_chan_close((int)h);
	return 0;
broken:
	(void)futeet_chan_get_info((int)h, &info);
	(void)futeet_chan_close((int)h);
	return chan_fail("channel", r, &info);
}

int main(int argc, char **argv)
{
	const char *role = getenv("FUTEET_PEER");
	const char *measurement = NULL;
	const char *require[8];
	unsigned nreq = 0, mib = 4;
	bool allow_sim = true, plain = true, ak = false;
	int initiator, n;
	long h;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--no-sim") == 0)
			allow_sim = false;
		else if (strcmp(argv[i], "--no-plain") == 0)
			plain = false;
		else if (strcmp(argv[i], "--leave") == 0)
			leave = true;
		else if (strcmp(argv[i], "--pause-ms") == 0 && i + 1 < argc)
			pause_ms = (unsigned)atoi(argv[++i]);
		else if (strcmp(argv[i], "--ak") == 0)
			ak = true;   /* authenticate with an attested key (CHANNEL.md 4) */
		else if (strcmp(argv[i], "--hold-ms") == 0 && i + 1 < argc)
			hold_ms = (unsigned)atoi(argv[++i]);
		else if (strcmp(argv[i], "--measurement") == 0 && i + 1 < argc)
			measurement = argv[++i];
		else if (strcmp(argv[i], "--require") == 0 && i + 1 < argc && nreq < 8)
			require[nreq++] = argv[++i];
		else if (argv[i][0] >= '1' && argv[i][0] <= '9' && atoi(argv[i]) <= 1024)
			mib = (unsigned)atoi(argv[i]);
		else
			return fail("usage: pair [MiB] [--no-plain] [--no-sim] [--measurement HEX] [--require CAP]... [--pause-ms N] [--hold-ms N] [--ak] [--leave]", 0);
	}
	if (role == NULL || (strcmp(role, "initiator") != 0 && strcmp(role, "responder") != 0))
		return fail("no FUTEET_PEER=initiator|responder in the environment (run me with scripts/run --peer)", 0);
	initiator = strcmp(role, "initiator") == 0;

	/* the policy: JSON of docs/POLICY.md (the arguments are plain words:
	 * hex digits and capability names, checked by the policy reader) */
	n = snprintf(policy, sizeof(policy),
		     "{\"policy_id\":\"policy:futeet/pair\",\"debug_forbidden\":true,\"allow_sim\":%s,"
		     "\"required_capabilities\":[\"remote-attestation\"",
		     allow_sim ? "true" : "false");
	for (unsigned i = 0; i < nreq && n > 0 && (size_t)n < sizeof(policy); i++)
		n += snprintf(policy + n, sizeof(policy) - (size_t)n, ",\"%s\"", require[i]);
	if (n > 0 && (size_t)n < sizeof(policy))
		n += snprintf(policy + n, sizeof(policy) - (size_t)n, "]");
	if (measurement && n > 0 && (size_t)n < sizeof(policy))
		n += snprintf(policy + n, sizeof(policy) - (size_t)n,
			      ",\"reference_measurements\":[\"%s\"]", measurement);
	if (n > 0 && (size_t)n < sizeof(policy))
		n += snprintf(policy + n, sizeof(policy) - (size_t)n, "}");
	if (n <= 0 || (size_t)n >= sizeof(policy))
		return fail("the policy does not fit", 0);
	printf("pair: %s; policy %s\n", role, policy);

	/* 1. the plain copy over the bare port */
	if (plain) {
		h = futeet_sys_futeet_port_open(FUTEET_PORT_SHM, 0);
		on_shm = h >= 0;
		if (h == -ENODEV)
			h = futeet_sys_futeet_port_open(FUTEET_PORT_STREAM, 0);
		if (h < 0)
			return fail("futeet_port_open (shared memory, then stream)", h);
		port = (int)h;
		rc = raw(initiator, mib);
		(void)futeet_sys_futeet_port_close(port);
		if (rc)
			return rc;
	}
	/* 2..4. the attested channel over the same port */
	rc = channel(initiator, mib, (allow_sim ? FUTEET_CHAN_ALLOW_SIM : 0) |
				     (ak ? FUTEET_CHAN_ATTESTED_KEY : 0));
	(void)futeet_chan_ak_wipe();
	if (rc == 0)
		printf("pair: PASS\n");
	return rc;
}
