/* pair: two guests on one host, wired by scripts/run --peer (docs/CHANNEL.md
 * section 10): each side opens the peer port, FUTEET_PORT_SHM, whose ring
 * it writes is its role (env FUTEET_PEER=initiator|responder, set by
 * scripts/run on the measured command line).
 *
 *   pair [raw [MiB]] the plain byte exchange over the port, no channel: a
 *                    greeting each way, then MiB (default 4) of 64 KiB
 *                    messages initiator -> responder, checked byte for byte
 *                    by the responder and timed by the initiator:
 *                      pair: plain copy: N bytes in T us = R MB/s (64 KiB messages)
 *
 * Prints "pair: PASS" and exits 0 on success, "pair: FAIL: reason" and 1
 * otherwise. */
#include <errno.h>
#include <futeet/futeet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAIR_MSG       65536u       /* the benchmark's message size */
#define PAIR_WAIT_MS   120000u      /* two TCG guests: a peer can be minutes late */

static int port = -1;
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

static long send_all(const void *p, size_t n)
{
	long r = futeet_sys_futeet_port_send(port, (long)p, (long)n);

	return r < 0 ? r : (r == (long)n ? 0 : -EIO);
}

/* Exactly n bytes, each wait bounded. */
static long recv_all(void *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		long r = futeet_sys_futeet_port_recv(port, (long)((uint8_t *)p + got),
						     (long)(n - got), PAIR_WAIT_MS);
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

static int raw(int initiator, unsigned mib)
{
	static const char hi_i[32] = "pair raw: hello from initiator";
	static const char hi_r[32] = "pair raw: hello from responder";
	char got[32];
	uint32_t count = mib * 16u;   /* 64 KiB messages */
	uint8_t ack = 0;
	long r;

	r = send_all(initiator ? hi_i : hi_r, sizeof(hi_i));
	if (r)
		return fail("greeting: send", r);
	if ((r = recv_all(got, sizeof(got))))
		return fail("greeting: recv", r);
	if (memcmp(got, initiator ? hi_r : hi_i, sizeof(got)) != 0)
		return fail("greeting: the peer's bytes differ from what it sent", 0);
	printf("pair: raw greeting from the %s received intact\n", initiator ? "responder" : "initiator");

	if (initiator) {
		uint64_t t0 = now_us(), dt;

		for (uint32_t i = 0; i < count; i++) {
			fill(msg, i);
			if ((r = send_all(msg, PAIR_MSG)))
				return fail("copy: send", r);
		}
		if ((r = recv_all(&ack, 1)))
			return fail("copy: the responder's acknowledgement", r);
		dt = now_us() - t0;
		if (ack != 1)
			return fail("copy: the responder found the bytes altered", 0);
		/* The generator runs on both sides, in the timed loop: the
		 * figure is a lower bound of the ring's own rate. */
		printf("pair: plain copy: %llu bytes in %llu us = %llu MB/s (64 KiB messages)\n",
		       (unsigned long long)count * PAIR_MSG, (unsigned long long)dt,
		       dt ? (unsigned long long)((uint64_t)count * PAIR_MSG / dt) : 0ull);
	} else {
		ack = 1;
		for (uint32_t i = 0; i < count; i++) {
			if ((r = recv_all(msg, PAIR_MSG)))
				return fail("copy: recv", r);
			fill(want, i);
			if (memcmp(msg, want, PAIR_MSG) != 0)
				ack = 2;
		}
		if ((r = send_all(&ack, 1)))
			return fail("copy: acknowledgement", r);
		if (ack != 1)
			return fail("copy: the initiator's bytes arrived altered", 0);
		printf("pair: plain copy: %u messages of 64 KiB arrived intact\n", count);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *role = getenv("FUTEET_PEER");
	int initiator;
	long h;
	int rc;

	if (role == NULL || (strcmp(role, "initiator") != 0 && strcmp(role, "responder") != 0))
		return fail("no FUTEET_PEER=initiator|responder in the environment (run me with scripts/run --peer)", 0);
	initiator = strcmp(role, "initiator") == 0;
	h = futeet_sys_futeet_port_open(FUTEET_PORT_SHM, 0);
	if (h < 0)
		return fail("futeet_port_open(FUTEET_PORT_SHM)", h);
	port = (int)h;
	printf("pair: %s, shared-memory port open\n", role);
	/* No arguments: raw (the attested channel mode comes with libfuteet's
	 * futeet_chan_*). */
	if (argc < 2 || strcmp(argv[1], "raw") == 0) {
		unsigned mib = argc >= 3 ? (unsigned)atoi(argv[2]) : 4u;
		if (mib == 0 || mib > 1024)
			return fail("raw: MiB wants 1..1024", 0);
		rc = raw(initiator, mib);
	} else {
		rc = fail("usage: pair raw [MiB]", 0);
	}
	(void)futeet_sys_futeet_port_close(port);
	if (rc == 0)
		printf("pair: PASS\n");
	return rc;
}
