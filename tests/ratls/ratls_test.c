/* ratls-test: the RA-TLS code of lib/ (the certificate encoder and parser,
 * the BearSSL TLS server that a guest's ratls app runs) on the host, so that
 * tests/real/ratls_*.sh can hold it against independent code (openssl
 * s_client, Python cryptography) without a guest.
 *   ratls-test parse CERT        extract the evidence: "evidence HEX",
 *                                "spki_sha256 HEX", "self-signed ok|BAD";
 *                                or "refused: REASON" and exit 1
 *   ratls-test serve CERT_OUT N  a fresh key and certificate (DER to
 *                                CERT_OUT), "port P" on 127.0.0.1, then N
 *                                TLS connections one after another
 * The evidence here is NOT evidence: the bytes "FUTEET-RATLS-HOST-TEST" ||
 * nonce (32), so a test can check what was bound (eat_nonce) without a TEE. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <bearssl.h>

#include "futeet/errno.h"
#include "lib/ratls.h"
#include "lib/ratls_tls.h"

static const char TEST_PREFIX[] = "FUTEET-RATLS-HOST-TEST";
static uint8_t cert[RATLS_CERT_MAX];
static struct ratls_tls tls;

static int produce(void *ctx, const uint8_t nonce[RATLS_HASH_LEN], uint8_t *ev, size_t cap,
		   size_t *len)
{
	size_t n = sizeof(TEST_PREFIX) - 1;

	(void)ctx;
	if (cap < n + RATLS_HASH_LEN)
		return -ENOSPC;
	memcpy(ev, TEST_PREFIX, n);
	memcpy(ev + n, nonce, RATLS_HASH_LEN);
	*len = n + RATLS_HASH_LEN;
	return 0;
}

static void hex(const char *label, const uint8_t *b, size_t n)
{
	printf("%s ", label);
	for (size_t i = 0; i < n; i++)
		printf("%02x", b[i]);
	printf("\n");
}

static int parse(const char *path)
{
	static uint8_t der[RATLS_CERT_MAX + 1];
	struct ratls_cert c;
	const char *why;
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		printf("refused: cannot read %s\n", path);
		return 2;
	}
	n = fread(der, 1, sizeof(der), f);
	fclose(f);
	if (ratls_cert_parse(der, n, &c, &why)) {
		printf("refused: %s\n", why);
		return 1;
	}
	hex("evidence", c.evidence, c.evidence_len);
	hex("spki_sha256", c.spki_hash, sizeof(c.spki_hash));
	printf("self-signed %s\n", ratls_cert_check_self_signed(&c) ? "BAD" : "ok");
	return 0;
}

static int sock_read(void *ctx, unsigned char *buf, size_t len)
{
	ssize_t r = read(*(int *)ctx, buf, len);
	return r > 0 ? (int)r : -1;
}

static int sock_write(void *ctx, const unsigned char *buf, size_t len)
{
	ssize_t r = write(*(int *)ctx, buf, len);
	return r > 0 ? (int)r : -1;
}

static int serve(const char *cert_out, int connections)
{
	br_prng_seeder seeder = br_prng_seeder_system(NULL);
	br_hmac_drbg_context drbg;
	br_ec_private_key sk;
	br_ec_public_key pk;
	uint8_t priv[RATLS_SCALAR_LEN], point[RATLS_POINT_LEN], serial[16], ev[64];
	struct ratls_cert_params p;
	struct sockaddr_in a;
	socklen_t al = sizeof(a);
	size_t ev_len, cert_len;
	int ls, failures = 0, one = 1;
	FILE *f;

	br_hmac_drbg_init(&drbg, &br_sha256_vtable, NULL, 0);
	if (!seeder || !seeder(&drbg.vtable)) {
		fprintf(stderr, "ratls-test: no system randomness\n");
		return 2;
	}
	if (br_ec_keygen(&drbg.vtable, &br_ec_p256_m31, &sk, priv, BR_EC_secp256r1) != 32 ||
	    br_ec_compute_pub(&br_ec_p256_m31, &pk, point, &sk) != 65)
		return 2;
	br_hmac_drbg_generate(&drbg, serial, sizeof(serial));
	p.priv = priv;
	p.point = point;
	p.serial = serial;
	{
		uint8_t h[RATLS_HASH_LEN];
		ratls_spki_hash(point, h);
		if (produce(NULL, h, ev, sizeof(ev), &ev_len))
			return 2;
	}
	p.evidence = ev;
	p.evidence_len = ev_len;
	if (ratls_cert_build(&p, cert, sizeof(cert), &cert_len)) {
		fprintf(stderr, "ratls-test: certificate build failed\n");
		return 2;
	}
	f = fopen(cert_out, "wb");
	if (!f || fwrite(cert, 1, cert_len, f) != cert_len || fclose(f)) {
		fprintf(stderr, "ratls-test: cannot write %s\n", cert_out);
		return 2;
	}
	ls = socket(AF_INET, SOCK_STREAM, 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof(a)) || listen(ls, 4) ||
	    getsockname(ls, (struct sockaddr *)&a, &al)) {
		fprintf(stderr, "ratls-test: cannot listen on 127.0.0.1\n");
		return 2;
	}
	printf("port %u\n", ntohs(a.sin_port));
	fflush(stdout);
	ratls_tls_init(&tls, cert, cert_len, priv, produce, NULL);
	for (int i = 1; i <= connections; i++) {
		uint8_t seed[32];
		int s = accept(ls, NULL, NULL), err;
		struct ratls_tls_io io = { &s, sock_read, sock_write };

		if (s < 0)
			return 2;
		br_hmac_drbg_generate(&drbg, seed, sizeof(seed));
		err = ratls_tls_serve(&tls, &io, seed);
		close(s);
		if (err) {
			failures++;
			printf("connection %d failed: %s\n", i, tls.why);
		} else {
			printf("connection %d ok suite 0x%04x\n", i, ratls_tls_suite(&tls));
		}
		fflush(stdout);
	}
	close(ls);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "parse"))
		return parse(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "serve"))
		return serve(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: ratls-test parse CERT | serve CERT_OUT CONNECTIONS\n");
	return 2;
}
