/* ratls [--print-only] [--connections N]: an RA-TLS server (docs/CHANNEL.md
 * section 11). At start-up it makes a fresh P-256 key and a self-signed
 * certificate carrying its evidence in the extension 2.23.133.5.4.9
 * (libfuteet futeet_ratls_cert), prints the certificate as PEM on the
 * console, then serves TLS 1.2 (BearSSL, ECDHE-ECDSA with AES-GCM only) over
 * the stream port to N clients one after another (default 8): after the
 * handshake a client may send "nonce <64 hex>" and gets fresh evidence
 * bound to its nonce, the certificate key and the TLS exporter.
 *   --print-only   print the certificate and stop (no port needed)
 * Exit 0 when every connection ended cleanly, 1 with a one-line reason
 * otherwise, 2 on a usage error. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <futeet/futeet.h>

#include "lib/base64.h"
#include "lib/ratls.h"
#include "lib/ratls_tls.h"

#define DEFAULT_CONNECTIONS 8
#define MAX_CONNECTIONS 64
#define RECV_TIMEOUT_MS 120000u /* a client silent mid-connection is dropped after 2 minutes */
#define DRAIN_MS 500u

static struct futeet_ratls ra;
static void print_pem(const uint8_t *b, size_t n)
{
	char line[BASE64_LINE_CHARS + 1];

	/* RFC 7468 section 5: base64 in 64-column lines */
	puts("-----BEGIN CERTIFICATE-----");
	for (size_t i = 0; i < n; i += BASE64_LINE_BYTES) {
		base64_line(b + i, n - i, line);
		puts(line);
	}
	puts("-----END CERTIFICATE-----");
}

static int produce(void *ctx, const uint8_t nonce[RATLS_HASH_LEN], uint8_t *ev, size_t cap,
		   size_t *len)
{
	(void)ctx;
	return futeet_ratls_evidence(&ra, nonce, ev, cap, len);
}

static struct ratls_tls tls;

/* One open of the stream port per connection: the port ends an open at
 * its client's hang-up (futeet_port_recv 0 from then on) and drops what a
 * client that hung up left (drivers/virtio_console.c). A connection waits
 * for its first byte without a bound, then each read has one. */
struct port_io {
	int h;
	int started;
};

static int port_read(void *ctx, unsigned char *buf, size_t len)
{
	struct port_io *p = ctx;
	long r;

	r = futeet_sys_futeet_port_recv((long)p->h, (long)buf, (long)len,
					p->started ? RECV_TIMEOUT_MS : 0);
	if (r < 1 || (size_t)r > len)
		return -1;
	p->started = 1;
	return (int)r;
}

static int port_write(void *ctx, const unsigned char *buf, size_t len)
{
	long r = futeet_sys_futeet_port_send((long)((struct port_io *)ctx)->h, (long)buf,
					     (long)len);

	return r >= 1 && (size_t)r <= len ? (int)r : -1;
}

/* After a failed connection, what its client still sent is dropped, so the
 * next client's handshake starts on a clean stream. */
static void drain(int h)
{
	static unsigned char junk[4096];

	while (futeet_sys_futeet_port_recv((long)h, (long)junk, sizeof(junk), DRAIN_MS) > 0)
		;
}

static int serve(int connections)
{
	int failures = 0;
	long r = futeet_sys_futeet_port_open(FUTEET_PORT_STREAM, 0);
	struct port_io pio;
	struct ratls_tls_io io = { &pio, port_read, port_write };

	if (futeet_is_err(r)) {
		printf("ratls: no stream port: %s\n", futeet_strerror((int)r));
		return 1;
	}
	pio.h = (int)r;
	ratls_tls_init(&tls, ra.cert, ra.cert_len, ra.priv, produce, NULL);
	printf("ratls: serving TLS 1.2 on the stream port, %d connection(s)\n", connections);
	for (int i = 1; i <= connections; i++) {
		uint8_t seed[32];
		int err = futeet_random(seed, sizeof(seed));

		if (i > 1) {   /* the next connection gets an open of its own */
			futeet_sys_futeet_port_close(pio.h);
			r = futeet_sys_futeet_port_open(FUTEET_PORT_STREAM, 0);
			if (futeet_is_err(r)) {
				printf("ratls: stream port: %s\n", futeet_strerror((int)r));
				return 1;
			}
			pio.h = (int)r;
		}
		pio.started = 0;
		if (!err)
			err = ratls_tls_serve(&tls, &io, seed);
		memset(seed, 0, sizeof(seed));
		if (err) {
			failures++;
			printf("ratls: connection %d failed: %s\n", i,
			       tls.why[0] ? tls.why : futeet_strerror(err));
			drain(pio.h);
		} else {
			printf("ratls: connection %d closed cleanly (suite 0x%04x)\n", i,
			       ratls_tls_suite(&tls));
		}
	}
	futeet_sys_futeet_port_close(pio.h);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	bool print_only = false;
	int connections = DEFAULT_CONNECTIONS, err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--print-only")) {
			print_only = true;
		} else if (!strcmp(argv[i], "--connections") && i + 1 < argc) {
			connections = atoi(argv[++i]);
			if (connections < 1 || connections > MAX_CONNECTIONS) {
				printf("ratls: --connections takes 1..%d\n", MAX_CONNECTIONS);
				return 2;
			}
		} else {
			printf("usage: ratls [--print-only] [--connections N]\n");
			return 2;
		}
	}
	err = futeet_ratls_cert(&ra);
	if (err) {
		printf("ratls: no certificate: %s\n", futeet_strerror(err));
		return 1;
	}
	printf("ratls: certificate %u bytes, SHA-256(SubjectPublicKeyInfo) ", (unsigned)ra.cert_len);
	for (size_t i = 0; i < sizeof(ra.spki_hash); i++)
		printf("%02x", ra.spki_hash[i]);
	printf("\n");
	print_pem(ra.cert, ra.cert_len);
	if (print_only)
		return 0;
	return serve(connections);
}
