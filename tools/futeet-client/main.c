/* futeet-client: one end of a FUTEET attested channel (docs/CHANNEL.md) on
 * the host, over a unix or TCP socket (a guest's chardev socket, or another
 * client in tests). Two ways to run:
 *
 *   futeet-client (--connect|--listen) ADDR [--policy FILE] [--allow-sim]
 *       the host client: sends no evidence (UNATTESTED, it has no TEE) and
 *       appraises the peer's real FUTEET evidence with lib/verify (the same
 *       appraisal as futeet-verify) against the policy; --allow-sim accepts
 *       the sim's evidence (an EAR "warning": not confidential).
 *   futeet-client --test-evidence (--connect|--listen) unix:PATH|tcp:HOST:PORT
 *       [--send TEXT] [--measurement HEX96] [--want HEX96] [--allow-debug]
 *       [--debug] [--ak] [--forbid-ak] [--records-per-key N]
 *       [--unattested] [--allow-unattested]
 *
 * --forbid-ak (or "forbid_attested_key": true in the --policy file) refuses
 * a peer's attested-key mode (reason 9) and asks it for fresh evidence; the
 * established line says which mode the peer used (mode=fresh|attested-key).
 * --ak (test evidence only: the host has no TEE) authenticates this client
 * with an attested key.
 *
 * --unattested sends no evidence (mode UNATTESTED: a host client outside any
 * TEE); the peer accepts that only with --allow-unattested (its policy).
 *
 * Without --send it pipes stdin into DATA records and DATA records to stdout,
 * and closes at the end of stdin. With --send it sends TEXT, prints the
 * peer's first message as "chan: peer says: ...", closes, and exits 0 only if
 * the handshake and that exchange succeeded. Status lines go to stderr. */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "lib/chan.h"
#include "lib/chan_testev.h"
#include "lib/chan_verify.h"
#include "lib/hex.h"
#include "lib/verify/policy.h"

/* The sim roots, compiled in by tools/futeet-verify/module.mk. */
extern const uint8_t futeet_sim_ark_der[];
extern const size_t futeet_sim_ark_der_len;
extern const uint8_t futeet_sim_tdx_root_der[];
extern const size_t futeet_sim_tdx_root_der_len;

static uint8_t rbuf[CHAN_MAX_FRAME], wbuf[CHAN_MAX_FRAME];
static uint8_t ptbuf[CHAN_MAX_PLAINTEXT];
static uint8_t ak_priv[CHAN_SCALAR_LEN]; /* --ak: wiped at exit, never printed */
static struct chan ch;

static void wipe_keys(void)
{
	futeet_wipe(ak_priv, sizeof(ak_priv));
	chan_wipe(&ch);
	futeet_wipe(ptbuf, sizeof(ptbuf));
}

static void usage(void)
{
	fprintf(stderr, "usage: futeet-client (--connect|--listen) ADDR [--policy FILE] [--allow-sim] [--forbid-ak]\n"
			"       futeet-client --test-evidence (--connect|--listen) "
			"unix:PATH|tcp:HOST:PORT [--send TEXT] [--measurement HEX96] [--want HEX96]\n"
			"       [--allow-debug] [--debug] [--ak] [--forbid-ak] [--records-per-key N]\n"
			"       [--unattested] [--allow-unattested]\n");
	exit(2);
}

static int os_random(void *ctx, uint8_t *out, size_t n)
{
	(void)ctx;
	return getrandom(out, n, 0) == (ssize_t)n ? 0 : -EIO;
}

static int open_socket(const char *addr, bool listen_mode)
{
	int fd = -1;

	if (strncmp(addr, "unix:", 5) == 0) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		if (strlen(addr + 5) >= sizeof(sa.sun_path))
			return -1;
		strcpy(sa.sun_path, addr + 5);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (fd < 0)
			return -1;
		if (listen_mode) {
			unlink(sa.sun_path);
			if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) || listen(fd, 1))
				return -1;
		} else if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
			return -1;
		}
	} else if (strncmp(addr, "tcp:", 4) == 0) {
		char host[256];
		const char *colon = strrchr(addr + 4, ':');
		struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE }, *ai;
		if (colon == NULL || (size_t)(colon - (addr + 4)) >= sizeof(host))
			return -1;
		memcpy(host, addr + 4, (size_t)(colon - (addr + 4)));
		host[colon - (addr + 4)] = '\0';
		if (getaddrinfo(host[0] ? host : NULL, colon + 1, &hints, &ai))
			return -1;
		fd = socket(ai->ai_family, SOCK_STREAM, 0);
		if (fd >= 0 && listen_mode) {
			int one = 1;
			setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
			if (bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 1))
				fd = -1;
		} else if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen)) {
			fd = -1;
		}
		freeaddrinfo(ai);
		if (fd < 0)
			return -1;
	} else {
		return -1;
	}
	if (listen_mode) {
		int c;
		fprintf(stderr, "futeet-client: listening on %s\n", addr);
		c = accept(fd, NULL, NULL);
		close(fd);
		fd = c;
	}
	return fd;
}

static int send_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read exactly n bytes: 0, or the number read before the end of the stream
 * (as a negative count minus one) / -1 on error. */
static long recv_exact(int fd, uint8_t *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = recv(fd, p + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -(long)got - 1;
		got += (size_t)r;
	}
	return 0;
}

/* One frame from the stream into rbuf: 0 and its length; 1 on a clean
 * end of stream before any header byte (the caller decides: truncated);
 * -1 with c closed on a bad header or a stream cut mid-frame. */
static int recv_frame(int fd, struct chan *c, size_t *len)
{
	size_t fl;
	long r = recv_exact(fd, rbuf, CHAN_HDR_LEN);

	if (r == -1)
		return 1;
	if (r < 0) {
		chan_eof(c, (size_t)(-r - 1));
		return -1;
	}
	if (chan_frame_len(rbuf, CHAN_HDR_LEN, &fl)) {
		*len = CHAN_HDR_LEN; /* hand the bad header to the channel: it closes */
		return 0;
	}
	r = recv_exact(fd, rbuf + CHAN_HDR_LEN, fl - CHAN_HDR_LEN);
	if (r < 0) {
		chan_eof(c, CHAN_HDR_LEN + (size_t)(-r - 1));
		return -1;
	}
	*len = fl;
	return 0;
}

static int closed(const struct chan *c)
{
	fprintf(stderr, "futeet-client: closed: %s reason %u %s\n",
		c->reason_from_peer ? "peer" : "local", c->reason, chan_reason_str(c->reason));
	return c->reason_from_peer && c->reason == CHAN_R_CLOSED ? 0 : 1;
}

static void parse_hex48(const char *s, uint8_t out[48])
{
	if (strlen(s) != 96 || hex_decode(s, 96, out, 48) != 0) {
		fprintf(stderr, "futeet-client: want 96 hex digits: %s\n", s);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	const char *addr = NULL, *send_text = NULL;
	bool listen_mode = false, test_ev = false, ak = false, allow_sim = false;
	const char *policy_path = NULL;
	static struct chan_verifier ver;
	static struct policy pol;
	const uint8_t *sim_roots[2];
	size_t sim_lens[2];
	struct chan_testev tev;
	struct chan_evidence_ops ops;
	struct chan_config cfg;
	uint8_t ak_pub[65], ak_ev[CHAN_TESTEV_LEN], nonce[32];
	size_t n, ol;
	int fd, rc;

	atexit(wipe_keys);
	memset(&tev, 0, sizeof(tev));
	memset(&cfg, 0, sizeof(cfg));
	memset(tev.measurement, 0x33, 48);
	memset(tev.want_measurement, 0x33, 48);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--connect") && v) { addr = v; i++; }
		else if (!strcmp(a, "--listen") && v) { addr = v; listen_mode = true; i++; }
		else if (!strcmp(a, "--send") && v) { send_text = v; i++; }
		else if (!strcmp(a, "--measurement") && v) { parse_hex48(v, tev.measurement); i++; }
		else if (!strcmp(a, "--want") && v) { parse_hex48(v, tev.want_measurement); i++; }
		else if (!strcmp(a, "--records-per-key") && v) { cfg.records_per_key = strtoull(v, NULL, 0); i++; }
		else if (!strcmp(a, "--test-evidence")) test_ev = true;
		else if (!strcmp(a, "--policy") && v) { policy_path = v; i++; }
		else if (!strcmp(a, "--allow-sim")) allow_sim = true;
		else if (!strcmp(a, "--allow-debug")) tev.allow_debug = true;
		else if (!strcmp(a, "--debug")) tev.debug = 1;
		else if (!strcmp(a, "--ak")) ak = true;
		else if (!strcmp(a, "--forbid-ak")) cfg.forbid_attested_key = true;
		else if (!strcmp(a, "--unattested")) cfg.unattested = true;
		else if (!strcmp(a, "--allow-unattested")) cfg.allow_unattested_peer = true;
		else usage();
	}
	if (addr == NULL)
		usage();
	if (!test_ev) {
		/* the host client: no TEE of its own, the real verifier for the peer */
		policy_default(&pol);
		if (policy_path != NULL) {
			static char json[65536], why[256];
			FILE *f = fopen(policy_path, "rb");
			size_t jl = f ? fread(json, 1, sizeof(json), f) : 0;
			if (f == NULL || jl == sizeof(json) || policy_parse(json, jl, &pol, why, sizeof(why))) {
				fprintf(stderr, "futeet-client: policy %s: %s\n", policy_path,
					f ? why : strerror(errno));
				return 2;
			}
			fclose(f);
		}
		if (ak) {
			fprintf(stderr, "futeet-client: --ak needs --test-evidence (the host has no TEE)\n");
			return 2;
		}
		/* the policy file may forbid the peer's attested-key mode */
		cfg.forbid_attested_key = cfg.forbid_attested_key || pol.forbid_attested_key;
		chan_verifier_init(&ver, &pol);
		sim_roots[0] = futeet_sim_ark_der;
		sim_lens[0] = futeet_sim_ark_der_len;
		sim_roots[1] = futeet_sim_tdx_root_der;
		sim_lens[1] = futeet_sim_tdx_root_der_len;
		ver.in.sim_roots = sim_roots;
		ver.in.sim_root_lens = sim_lens;
		ver.in.n_sim_roots = 2;
		ver.in.allow_sim = allow_sim;
		ver.in.time_known = true;
		ver.in.now = (int64_t)time(NULL);
		ver.accept_warning = allow_sim; /* sim evidence is "warning" at best */
		memset(&ops, 0, sizeof(ops));
		chan_verifier_ops(&ops, &ver);
		cfg.unattested = true;
	} else {
		fprintf(stderr, "futeet-client: WARNING: test evidence is forgeable; this proves the protocol, not a TEE\n");
		chan_testev_ops(&ops, &tev);
	}
	cfg.ev = &ops;
	cfg.random = os_random;
	if (ak) {
		/* the attested-key mode with test evidence (CHANNEL.md 4) */
		if (chan_ak_keygen(os_random, NULL, ak_priv, ak_pub))
			return 1;
		chan_ak_nonce(ak_pub, nonce);
		chan_testev_make(nonce, ak_pub, tev.measurement, tev.debug, ak_ev);
		cfg.ak_evidence = ak_ev;
		cfg.ak_evidence_len = sizeof(ak_ev);
		cfg.ak_priv = ak_priv;
	}
	fd = open_socket(addr, listen_mode);
	if (fd < 0) {
		fprintf(stderr, "futeet-client: cannot %s %s: %s\n", listen_mode ? "listen on" : "connect to",
			addr, strerror(errno));
		return 1;
	}
	if (chan_init(&ch, listen_mode ? CHAN_ROLE_RESPONDER : CHAN_ROLE_INITIATOR, &cfg)) {
		fprintf(stderr, "futeet-client: bad channel configuration\n");
		return 2;
	}

	/* handshake */
	if (!listen_mode) {
		if (chan_hs_start(&ch, wbuf, sizeof(wbuf), &ol) || send_all(fd, wbuf, ol))
			return closed(&ch);
	}
	while (!chan_established(&ch)) {
		rc = recv_frame(fd, &ch, &n);
		if (rc == 1)
			chan_eof(&ch, 0);
		if (rc != 0)
			return closed(&ch);
		rc = chan_hs_input(&ch, rbuf, n, wbuf, sizeof(wbuf), &ol);
		if (ol)
			(void)send_all(fd, wbuf, ol);
		if (rc) {
			if (ch.reason == CHAN_R_EVIDENCE || ch.reason == CHAN_R_BINDING)
				fprintf(stderr, "futeet-client: peer evidence: %s\n", ch.peer.summary);
			return closed(&ch);
		}
	}
	fprintf(stderr, "futeet-client: established sid=");
	for (unsigned i = 0; i < CHAN_SID_LEN; i++)
		fprintf(stderr, "%02x", ch.sid[i]);
	fprintf(stderr, " peer=%s mode=%s\n", ch.peer.summary,
		ch.peer_mode == CHAN_MODE_ATTESTED_KEY ? "attested-key" :
		ch.peer_mode == CHAN_MODE_UNATTESTED ? "unattested" : "fresh");

	/* records */
	if (send_text != NULL) {
		if (chan_seal(&ch, (const uint8_t *)send_text, strlen(send_text), wbuf, sizeof(wbuf), &ol))
			return 1;
		/* a peer that refused us may be gone already: what it said
		 * (an ABORT) is still to be read, so a failed send is not the end */
		(void)send_all(fd, wbuf, ol);
	}
	struct pollfd pf[2] = { { .fd = fd, .events = POLLIN }, { .fd = 0, .events = POLLIN } };
	bool stdin_open = send_text == NULL;
	for (;;) {
		if (poll(pf, stdin_open ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (stdin_open && (pf[1].revents & (POLLIN | POLLHUP))) {
			ssize_t r = read(0, ptbuf, sizeof(ptbuf));
			if (r > 0) {
				if (chan_seal(&ch, ptbuf, (size_t)r, wbuf, sizeof(wbuf), &ol) || send_all(fd, wbuf, ol))
					return 1;
			} else {
				/* end of our input: close the channel */
				if (chan_close_frame(&ch, CHAN_R_CLOSED, wbuf, sizeof(wbuf), &ol) == 0)
					(void)send_all(fd, wbuf, ol);
				fprintf(stderr, "futeet-client: closed: local reason 1 %s\n", chan_reason_str(1));
				return 0;
			}
		}
		if (!(pf[0].revents & (POLLIN | POLLHUP)))
			continue;
		rc = recv_frame(fd, &ch, &n);
		if (rc == 1)
			chan_eof(&ch, 0);
		if (rc != 0)
			return closed(&ch);
		rc = chan_open(&ch, rbuf, n, ptbuf, sizeof(ptbuf), &n, wbuf, sizeof(wbuf), &ol);
		if (ol)
			(void)send_all(fd, wbuf, ol);
		if (rc)
			return closed(&ch);
		if (n == 0)
			continue; /* KEY_UPDATE */
		if (send_text != NULL) {
			printf("chan: peer says: %.*s\n", (int)n, (const char *)ptbuf);
			fflush(stdout);
			if (chan_close_frame(&ch, CHAN_R_CLOSED, wbuf, sizeof(wbuf), &ol) == 0)
				(void)send_all(fd, wbuf, ol);
			fprintf(stderr, "futeet-client: closed: local reason 1 %s\n", chan_reason_str(1));
			return 0;
		}
		if (fwrite(ptbuf, 1, n, stdout) != n)
			return 1;
		fflush(stdout);
	}
}
