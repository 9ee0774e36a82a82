/* chan: the guest end of the attested channel over the stream port
 * (libfuteet futeet_chan_*, docs/CHANNEL.md), for tests, the demo and the
 * bench.
 *
 *   chan serve [N] [--allow-sim] [--allow-unattested] [--forbid-ak] [--ak]
 *              [--need-cap NAME]... [--measurement HEX96]... [--idle-ms MS]
 *              [--echo-first]
 *       responder: N connections one after another (default 1); each is a
 *       handshake (printing what was verified about the peer, or why it was
 *       refused), then every record's bytes sent back as they came, until
 *       the peer closes or hangs up (or, with --idle-ms, stays silent that
 *       long); exits 0 after
 *       the N-th. --echo-first: the plain echo below first, on the same
 *       port, then the channel (scripts/bench-chan-stream compares them).
 *   chan call TEXT [--allow-sim] [--allow-unattested] [--ak]
 *       initiator: one handshake, TEXT as one message, the peer's first
 *       message printed, close; exits 0 only if all of that worked.
 *
 * --ak: authenticate with an attested key (FUTEET_CHAN_ATTESTED_KEY,
 * CHANNEL.md 4): attested once, at the first handshake, then a signature per
 * handshake; --forbid-ak: the peer must send fresh evidence. Each
 * established line says the peer's mode, our own (own=) and the handshake's
 * own work in the guest (us=: keys, evidence or signature, the peer's check;
 * not the wait for the peer).
 *   chan echo
 *       the port without the channel: every byte back (the bench's plain
 *       copy), until a chunk starting "QUIT" or the peer's hang-up.
 *
 * The policy for the peer is docs/POLICY.md's, built from the options
 * (the kernel command line carries no JSON quoting). */
#include <errno.h>
#include <futeet/futeet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char buf[FUTEET_PORT_CHUNK];
static char policy[4096];

static int echo(void)
{
	long h = futeet_sys_futeet_port_open(FUTEET_PORT_STREAM, 0);
	if (h < 0) {
		printf("chan: port_open: %s\n", futeet_strerror((int)h));
		return 1;
	}
	printf("chan: echo ready\n");
	for (;;) {
		long n = futeet_sys_futeet_port_recv(h, (long)buf, sizeof(buf), 0);
		if (n == 0) {
			printf("chan: echo: the peer closed\n");
			break;
		}
		if (n < 0) {
			printf("chan: recv: %ld\n", n);
			return 1;
		}
		if (n >= 4 && memcmp(buf, "QUIT", 4) == 0)
			break;
		long w = futeet_sys_futeet_port_send(h, (long)buf, n);
		if (w != n) {
			printf("chan: send: %ld\n", w);
			return 1;
		}
	}
	futeet_sys_futeet_port_close(h);
	printf("chan: echo done\n");
	return 0;
}

/* Bytes a previous client that is still connected sends after its session
 * ended (records after a refused one) would be read as the next session's
 * first frame: take whatever arrives until the port has been quiet for
 * 300 ms, or the client hangs up. (What a client that hung up left is
 * dropped by the port itself; docs/CAVEATS.md.) A test starts a client
 * only after "ready". */
static void drain(void)
{
	long h = futeet_sys_futeet_port_open(FUTEET_PORT_STREAM, 0), n, total = 0;

	if (h < 0)
		return;
	while ((n = futeet_sys_futeet_port_recv(h, (long)buf, sizeof(buf), 300)) > 0)
		total += n;
	futeet_sys_futeet_port_close(h);
	if (total)
		printf("chan: dropped %ld stale bytes\n", total);
}

static const char *mode_name(unsigned m)
{
	return m == FUTEET_CHAN_MODE_FRESH ? "fresh" : m == FUTEET_CHAN_MODE_ATTESTED_KEY ? "attested-key"
	       : m == FUTEET_CHAN_MODE_UNATTESTED ? "unattested" : "none";
}

static void print_established(const struct futeet_chan_info *in, unsigned long us)
{
	printf("chan: established transport=%s sid=", in->transport == FUTEET_PORT_SHM ? "shm" : "stream");
	for (unsigned j = 0; j < sizeof(in->sid); j++)
		printf("%02x", in->sid[j]);
	printf(" peer=%s mode=%s own=%s us=%lu\n", in->peer, mode_name(in->peer_mode),
	       mode_name(in->own_mode), us);
}

static void print_closed(const struct futeet_chan_info *in)
{
	printf("chan: closed: %s reason %u %s\n", in->reason_from_peer ? "peer" : "local", in->reason,
	       futeet_chan_reason_str(in->reason));
}

static int serve(int argc, char **argv)
{
	struct futeet_chan_policy p;
	struct futeet_chan_info in;
	long count = 1, idle_ms = 0;
	size_t pl = 0;
	int i = 2, caps = 0, meas = 0, echo_first = 0, forbid_ak = 0;
	char capbuf[1024] = "", measbuf[2048] = "";

	memset(&p, 0, sizeof(p));
	if (i < argc && argv[i][0] != '-')
		count = strtol(argv[i++], NULL, 10);
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--allow-sim"))
			p.flags |= FUTEET_CHAN_ALLOW_SIM;
		else if (!strcmp(argv[i], "--allow-unattested"))
			p.flags |= FUTEET_CHAN_ALLOW_UNATTESTED;
		else if (!strcmp(argv[i], "--echo-first"))
			echo_first = 1;
		else if (!strcmp(argv[i], "--idle-ms") && i + 1 < argc)
			idle_ms = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--forbid-ak"))
			forbid_ak = 1; /* the policy's forbid_attested_key (docs/POLICY.md) */
		else if (!strcmp(argv[i], "--ak"))
			p.flags |= FUTEET_CHAN_ATTESTED_KEY;
		else if (!strcmp(argv[i], "--need-cap") && i + 1 < argc &&
			 strlen(capbuf) + strlen(argv[i + 1]) + 8 < sizeof(capbuf)) {
			snprintf(capbuf + strlen(capbuf), sizeof(capbuf) - strlen(capbuf), "%s\"%s\"",
				 caps++ ? ", " : "", argv[++i]);
		} else if (!strcmp(argv[i], "--measurement") && i + 1 < argc && strlen(argv[i + 1]) == 96 &&
			   strlen(measbuf) + 104 < sizeof(measbuf)) {
			snprintf(measbuf + strlen(measbuf), sizeof(measbuf) - strlen(measbuf), "%s\"%s\"",
				 meas++ ? ", " : "", argv[++i]);
		} else {
			printf("chan: serve: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (count < 1 || count > 1000) {
		printf("chan: serve: 1 to 1000 connections\n");
		return 2;
	}
	pl = (size_t)snprintf(policy, sizeof(policy), "{\"policy_id\": \"chan-serve\"%s%s%s%s%s%s%s}",
			      caps ? ", \"required_capabilities\": [" : "", capbuf, caps ? "]" : "",
			      meas ? ", \"reference_measurements\": [" : "", measbuf, meas ? "]" : "",
			      forbid_ak ? ", \"forbid_attested_key\": true" : "");
	p.json = policy;
	p.json_len = pl;
	if (echo_first && echo() != 0)
		return 1;
	printf("chan: policy %s%s%s%s\n", policy, p.flags & FUTEET_CHAN_ALLOW_SIM ? " +allow-sim" : "",
	       p.flags & FUTEET_CHAN_ALLOW_UNATTESTED ? " +allow-unattested" : "",
	       p.flags & FUTEET_CHAN_ATTESTED_KEY ? " +attested-key" : "");
	for (long k = 1; k <= count; k++) {
		drain();
		printf("chan: serve %ld/%ld ready\n", k, count);
		int rc = futeet_chan_open(FUTEET_CHAN_PEER_AUTO, FUTEET_CHAN_RESPONDER, &p, &in);
		if (rc) {
			printf("chan: refused: %s%s%s\n", futeet_strerror(rc), in.peer[0] ? ": peer " : "",
			       in.peer);
			print_closed(&in);
			continue;
		}
		print_established(&in, in.hs_us);
		unsigned long records = 0, bytes = 0;
		for (;;) {
			long n = futeet_chan_recv(0, buf, sizeof(buf), (unsigned)idle_ms);
			if (n == -ETIMEDOUT) {
				printf("chan: idle for %ld ms: closing\n", idle_ms);
				futeet_chan_get_info(0, &in);
				break;
			}
			if (n <= 0) {
				futeet_chan_get_info(0, &in);
				break;
			}
			records++;
			bytes += (unsigned long)n;
			if (records <= 3) {
				/* the peer's words, printable ASCII only, at most 60 */
				char line[61];
				long m = n < 60 ? n : 60;
				for (long j = 0; j < m; j++)
					line[j] = buf[j] >= 0x20 && buf[j] < 0x7f ? (char)buf[j] : '.';
				line[m] = '\0';
				printf("chan: peer says: %s%s\n", line, n > 60 ? "..." : "");
			}
			if (futeet_chan_send(0, buf, (size_t)n) != n) {
				futeet_chan_get_info(0, &in);
				break;
			}
		}
		printf("chan: %lu messages, %lu bytes echoed\n", records, bytes);
		print_closed(&in);
		futeet_chan_close(0);
	}
	futeet_chan_ak_wipe();
	printf("chan: served %ld\n", count);
	return 0;
}

static int call(int argc, char **argv)
{
	struct futeet_chan_policy p;
	struct futeet_chan_info in;
	const char *text = argc >= 3 ? argv[2] : "hello from the guest";
	long n;

	memset(&p, 0, sizeof(p));
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--allow-sim"))
			p.flags |= FUTEET_CHAN_ALLOW_SIM;
		else if (!strcmp(argv[i], "--allow-unattested"))
			p.flags |= FUTEET_CHAN_ALLOW_UNATTESTED;
		else if (!strcmp(argv[i], "--ak"))
			p.flags |= FUTEET_CHAN_ATTESTED_KEY;
		else {
			printf("chan: call: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	int rc = futeet_chan_open(FUTEET_CHAN_PEER_AUTO, FUTEET_CHAN_INITIATOR, &p, &in);
	if (rc) {
		printf("chan: refused: %s%s%s\n", futeet_strerror(rc), in.peer[0] ? ": peer " : "", in.peer);
		print_closed(&in);
		return 1;
	}
	print_established(&in, in.hs_us);
	if (futeet_chan_send(0, text, strlen(text)) != (long)strlen(text)) {
		futeet_chan_get_info(0, &in);
		print_closed(&in);
		return 1;
	}
	n = futeet_chan_recv(0, buf, sizeof(buf) - 1, 30000);
	if (n <= 0) {
		futeet_chan_get_info(0, &in);
		printf("chan: no answer: %s\n", n == 0 ? "closed" : futeet_strerror((int)n));
		print_closed(&in);
		futeet_chan_close(0);
		return 1;
	}
	for (long j = 0; j < n; j++)
		if (buf[j] < 0x20 || buf[j] >= 0x7f)
			buf[j] = '.';
	buf[n] = 0;
	printf("chan: peer says: %s\n", (const char *)buf);
	futeet_chan_close(0);
	futeet_chan_ak_wipe();
	printf("chan: closed: local reason 1 %s\n", futeet_chan_reason_str(1));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "call"))
		return call(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "echo"))
		return echo();
	if (argc >= 2 && !strcmp(argv[1], "serve"))
		return serve(argc, argv);
	printf("usage: chan call TEXT [--allow-sim] [--allow-unattested] [--ak] | chan serve [N] [--allow-sim] [--allow-unattested] [--forbid-ak] [--ak] "
	       "[--need-cap NAME]... [--measurement HEX96]... | chan echo\n");
	return 2;
}
