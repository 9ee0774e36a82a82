/* The RA-TLS server (docs/CHANNEL.md section 11): BearSSL's TLS 1.2 server
 * with ECDHE-ECDSA and AES-GCM only, serving the RA-TLS certificate, and the
 * small line protocol after the handshake that gives a client fresh
 * evidence for its nonce. Transport-neutral: the caller passes blocking
 * read/write callbacks (a socket on the host, the stream port in a guest)
 * and the evidence producer (futeet_attest in a guest).
 *
 * Ring-3 and host code, never the kernel. One connection at a time; the
 * context is large (BearSSL's bidirectional I/O buffer): make it static. */
#ifndef FUTEET_LIB_RATLS_TLS_H
#define FUTEET_LIB_RATLS_TLS_H

#include <stddef.h>
#include <stdint.h>
#include <bearssl.h>
#include "lib/ratls.h"

/* Longest request line (without its LF). */
#define RATLS_LINE_MAX 200u

struct ratls_tls_io {
	void *ctx;
	/* Read 1..len bytes; -1 on error or end of stream (br_sslio's contract). */
	int (*read)(void *ctx, unsigned char *buf, size_t len);
	/* Write 1..len bytes; -1 on error. */
	int (*write)(void *ctx, const unsigned char *buf, size_t len);
};

/* Fresh evidence: eat_nonce = nonce (32 bytes) and cnf = the certificate's
 * key. 0 and *len, or a negative errno. */
typedef int (*ratls_produce_fn)(void *ctx, const uint8_t nonce[RATLS_HASH_LEN],
				uint8_t *ev, size_t cap, size_t *len);

struct ratls_tls {
	br_ssl_server_context sc;
	br_sslio_context ioc;
	br_x509_certificate chain;
	br_ec_private_key sk;
	uint8_t priv[RATLS_SCALAR_LEN];
	uint8_t spki_hash[RATLS_HASH_LEN];
	unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
	ratls_produce_fn produce;
	void *produce_ctx;
	uint8_t ev[RATLS_EVIDENCE_MAX];
	char why[160];                 /* one-line reason of the last failure */
};

/* Set up for the certificate cert[0..cert_len) (kept by reference: it must
 * outlive t) and its private key (copied). */
void ratls_tls_init(struct ratls_tls *t, const uint8_t *cert, size_t cert_len,
		    const uint8_t priv[RATLS_SCALAR_LEN], ratls_produce_fn produce, void *ctx);

/* Serve one connection on io: handshake, a greeting line, then requests
 * until "quit", the client's close, or an error:
 *   "nonce <64 hex digits>"  -> "exporter <64 hex>" line, then the fresh
 *                               evidence between BEGIN/END FUTEET EVIDENCE
 *                               lines (base64, 64 columns), then "ok"
 *   "quit"                   -> close_notify
 * seed: 32 fresh random bytes for BearSSL's DRBG (one connection's worth).
 * 0 when the connection ended cleanly, else a negative errno and t->why. */
int ratls_tls_serve(struct ratls_tls *t, const struct ratls_tls_io *io, const uint8_t seed[32]);

/* One request line (CHANNEL.md 11.3), without its LF, CRs removed. */
enum ratls_request {
	RATLS_REQ_UNKNOWN = 0,   /* anything else */
	RATLS_REQ_QUIT,          /* "quit" */
	RATLS_REQ_NONCE,         /* "nonce " + 64 hex digits: *nonce holds the 32 bytes */
	RATLS_REQ_BAD_NONCE,     /* "nonce " + anything else */
};
enum ratls_request ratls_request_parse(const char *line, size_t len,
				       uint8_t nonce[RATLS_NONCE_LEN]);

/* The negotiated suite of the last connection (BR_TLS_*), 0 if none. */
unsigned ratls_tls_suite(const struct ratls_tls *t);

#endif
