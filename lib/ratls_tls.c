/* The RA-TLS server on BearSSL (see ratls_tls.h; docs/CHANNEL.md 11).
 * TLS 1.2 (RFC 5246) only: BearSSL has no TLS 1.3. Suites
 * TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 and _AES_256_GCM_SHA384 (RFC 5289
 * section 3.2), ECDHE and ECDSA on P-256 only (RFC 8422), BearSSL's
 * constant-time ec_p256_m31 / ecdsa_i31 and AES-GCM (aes_x86ni + pclmul
 * where the CPU has them, else aes_ct64 + ghash_ctmul64). */
#if defined(FUTEET_KERNEL)
#error "lib/ratls_tls.c is ring-3 and host code, never the kernel"
#endif

#include "lib/ratls_tls.h"

#include <string.h>
#include "futeet/errno.h"
#include "lib/base64.h"
#include "lib/bytes.h"
#include "lib/strbuf.h"
#include "lib/hex.h"

static const uint16_t SUITES[] = {
	BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
};

static const char GREETING[] =
	"FUTEET RA-TLS 1 ready: send \"nonce <64 hex digits>\" for fresh evidence, \"quit\" to close\n";

void ratls_tls_init(struct ratls_tls *t, const uint8_t *cert, size_t cert_len,
		    const uint8_t priv[RATLS_SCALAR_LEN], ratls_produce_fn produce, void *ctx)
{
	struct ratls_cert rc;
	const char *why;

	memset(t, 0, sizeof(*t));
	memcpy(t->priv, priv, RATLS_SCALAR_LEN);
	t->chain.data = (unsigned char *)(uintptr_t)cert;
	t->chain.data_len = cert_len;
	t->sk.curve = BR_EC_secp256r1;
	t->sk.x = t->priv;
	t->sk.xlen = RATLS_SCALAR_LEN;
	t->produce = produce;
	t->produce_ctx = ctx;
	/* the fresh evidence binds SHA-256 of the certificate's SPKI (11.3) */
	if (ratls_cert_parse(cert, cert_len, &rc, &why) == 0)
		memcpy(t->spki_hash, rc.spki_hash, RATLS_HASH_LEN);
}

unsigned ratls_tls_suite(const struct ratls_tls *t)
{
	return t->sc.eng.session.cipher_suite;
}

static void set_why(struct ratls_tls *t, const char *a, const char *b)
{
	strbuf_set2(t->why, sizeof(t->why), a, b);
}

static void configure(struct ratls_tls *t)
{
	br_ssl_engine_context *eng = &t->sc.eng;

	br_ssl_server_zero(&t->sc);
	br_ssl_engine_set_versions(eng, BR_TLS12, BR_TLS12);
	br_ssl_engine_set_suites(eng, SUITES, sizeof(SUITES) / sizeof(SUITES[0]));
	/* handshake hashes: SHA-256 and SHA-384 (the PRFs, RFC 5246 5 and
	 * RFC 5289 3.2) and the ServerKeyExchange signature's hash */
	br_ssl_engine_set_hash(eng, br_sha256_ID, &br_sha256_vtable);
	br_ssl_engine_set_hash(eng, br_sha384_ID, &br_sha384_vtable);
	br_ssl_engine_set_prf_sha256(eng, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(eng, &br_tls12_sha384_prf);
	br_ssl_engine_set_default_aes_gcm(eng);
	br_ssl_engine_set_ec(eng, &br_ec_p256_m31);
	br_ssl_server_set_single_ec(&t->sc, &t->chain, 1, &t->sk, BR_KEYTYPE_SIGN,
				    BR_KEYTYPE_EC, &br_ec_p256_m31, &br_ecdsa_i31_sign_asn1);
	br_ssl_engine_set_buffer(eng, t->iobuf, sizeof(t->iobuf), 1);
}

static int put(struct ratls_tls *t, const void *p, size_t n)
{
	return br_sslio_write_all(&t->ioc, p, n) == 0 ? 0 : -EIO;
}

static int put_str(struct ratls_tls *t, const char *s)
{
	return put(t, s, strlen(s));
}

static int put_hex_line(struct ratls_tls *t, const char *label, const uint8_t *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char line[16 + 2 * 64 + 2];
	size_t o = 0, i;

	for (i = 0; label[i] && o < 16; i++)
		line[o++] = label[i];
	for (i = 0; i < n && i < 64; i++) {
		line[o++] = digits[b[i] >> 4];
		line[o++] = digits[b[i] & 15];
	}
	line[o++] = '\n';
	return put(t, line, o);
}

/* RFC 4648 section 4 base64, 64 characters a line (RFC 7468's layout). */
static int put_armored(struct ratls_tls *t, const uint8_t *b, size_t n)
{
	char line[BASE64_LINE_CHARS + 1];
	int err = put_str(t, "-----BEGIN FUTEET EVIDENCE-----\n");

	for (size_t i = 0; !err && i < n; i += BASE64_LINE_BYTES) {
		size_t o = base64_line(b + i, n - i, line);

		line[o] = '\n';
		err = put(t, line, o + 1);
	}
	return err ? err : put_str(t, "-----END FUTEET EVIDENCE-----\n");
}


/* One request line into line[0..RATLS_LINE_MAX]: 1 a line, 0 the client
 * closed (or the stream ended) before a line started, negative on error. */
static int get_line(struct ratls_tls *t, char *line, size_t *len)
{
	size_t n = 0;
	unsigned char c;

	for (;;) {
		if (br_sslio_read(&t->ioc, &c, 1) != 1)
			return n == 0 ? 0 : -EPIPE;
		if (c == '\n')
			break;
		if (c == '\r')
			continue;
		if (n >= RATLS_LINE_MAX)
			return -E2BIG;
		line[n++] = (char)c;
	}
	line[n] = '\0';
	*len = n;
	return 1;
}

enum ratls_request ratls_request_parse(const char *line, size_t len,
				       uint8_t nonce[RATLS_NONCE_LEN])
{
	static const char NONCE[] = "nonce ";
	const size_t pre = sizeof(NONCE) - 1;

	if (len == 4 && memcmp(line, "quit", 4) == 0)
		return RATLS_REQ_QUIT;
	if (len < pre || memcmp(line, NONCE, pre) != 0)
		return RATLS_REQ_UNKNOWN;
	if (len != pre + 2 * RATLS_NONCE_LEN)
		return RATLS_REQ_BAD_NONCE;
	if (hex_decode(line + pre, 2 * RATLS_NONCE_LEN, nonce, RATLS_NONCE_LEN))
		return RATLS_REQ_BAD_NONCE;
	return RATLS_REQ_NONCE;
}

static int answer_nonce(struct ratls_tls *t, const uint8_t cn[RATLS_NONCE_LEN])
{
	uint8_t exporter[RATLS_EXPORTER_LEN], nonce[RATLS_HASH_LEN];
	size_t ev_len = 0;
	int err;

	/* RFC 5705 section 4, without a context value */
	if (!br_ssl_key_export(&t->sc.eng, exporter, sizeof(exporter), RATLS_EXPORTER_LABEL,
			       NULL, 0))
		return put_str(t, "error internal: no exporter\n");
	ratls_fresh_nonce(cn, t->spki_hash, exporter, nonce);
	if (!t->produce)
		return put_str(t, "error evidence: no producer\n");
	err = t->produce(t->produce_ctx, nonce, t->ev, sizeof(t->ev), &ev_len);
	if (err || ev_len == 0 || ev_len > sizeof(t->ev))
		return put_str(t, "error evidence: the TEE produced none\n");
	if ((err = put_hex_line(t, "exporter ", exporter, sizeof(exporter))) ||
	    (err = put_armored(t, t->ev, ev_len)))
		return err;
	return put_str(t, "ok\n");
}

static int tls_failed(struct ratls_tls *t, const char *stage)
{
	int e = br_ssl_engine_last_error(&t->sc.eng);
	struct strbuf b;

	strbuf_init(&b, t->why, sizeof(t->why));
	strbuf_add(&b, stage);
	if (e != BR_ERR_OK) {
		strbuf_add(&b, ": BearSSL error ");
		strbuf_add_u64(&b, (uint64_t)e);
		if (e >= BR_ERR_SEND_FATAL_ALERT) {
			strbuf_add(&b, " (alert we sent: ");
			strbuf_add_u64(&b, (uint64_t)(e - BR_ERR_SEND_FATAL_ALERT));
			strbuf_add(&b, ")");
		} else if (e >= BR_ERR_RECV_FATAL_ALERT) {
			strbuf_add(&b, " (alert the client sent: ");
			strbuf_add_u64(&b, (uint64_t)(e - BR_ERR_RECV_FATAL_ALERT));
			strbuf_add(&b, ")");
		}
	} else {
		strbuf_add(&b, ": the connection ended");
	}
	return -EPROTO;
}

int ratls_tls_serve(struct ratls_tls *t, const struct ratls_tls_io *io, const uint8_t seed[32])
{
	char line[RATLS_LINE_MAX + 1];
	uint8_t cn[RATLS_NONCE_LEN];
	enum ratls_request req;
	size_t len;
	int r;

	t->why[0] = '\0';
	configure(t);
	/* No system entropy in a guest's BearSSL: the caller's seed (RFC 5246
	 * randoms, ECDHE scalars, ECDSA nonces come from this DRBG). */
	br_ssl_engine_inject_entropy(&t->sc.eng, seed, 32);
	if (!br_ssl_server_reset(&t->sc)) {
		set_why(t, "TLS engine reset failed", NULL);
		return -EIO;
	}
	br_sslio_init(&t->ioc, &t->sc.eng, io->read, io->ctx, io->write, io->ctx);
	if (put_str(t, GREETING) || br_sslio_flush(&t->ioc))
		return tls_failed(t, "handshake");
	for (;;) {
		r = get_line(t, line, &len);
		if (r == 0) {
			/* a close_notify leaves no error; a cut connection does */
			if (br_ssl_engine_last_error(&t->sc.eng) != BR_ERR_OK)
				return tls_failed(t, "reading a request");
			return 0;
		}
		if (r == -E2BIG) {
			(void)put_str(t, "error request line too long\n");
			(void)br_sslio_flush(&t->ioc);
			set_why(t, "the client sent a request line longer than 200 bytes", NULL);
			return r;
		}
		if (r < 0)
			return tls_failed(t, "reading a request");
		req = ratls_request_parse(line, len, cn);
		if (req == RATLS_REQ_QUIT) {
			(void)br_sslio_close(&t->ioc);
			return 0;
		}
		if (req == RATLS_REQ_NONCE)
			r = answer_nonce(t, cn);
		else if (req == RATLS_REQ_BAD_NONCE)
			r = put_str(t, "error nonce: 64 hex digits (32 bytes) expected\n");
		else
			r = put_str(t, "error unknown request\n");
		if (r || br_sslio_flush(&t->ioc))
			return tls_failed(t, "writing an answer");
	}
}
