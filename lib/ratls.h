/* RA-TLS certificates (docs/CHANNEL.md section 11): a self-signed X.509 v3
 * certificate (RFC 5280) for a fresh P-256 key that carries the guest's
 * evidence, the FUTEET CMW (docs/FORMATS.md), in the non-critical extension
 * 2.23.133.5.4.9, tcg-dice-conceptual-message-wrapper (TCG DICE Attestation
 * Architecture v1.1, section 6.1.8); the extnValue OCTET STRING holds the CMW
 * bytes as they are, as Gramine's and librats' "interoperable RA-TLS" do.
 *
 * The binding (CHANNEL.md 11.2): the evidence's claims carry
 *   cnf       = the certificate's key (COSE EC2 P-256, RFC 8747), and
 *   eat_nonce = SHA-256(the certificate's SubjectPublicKeyInfo DER).
 * Fresh evidence after the handshake binds the client's nonce and the TLS
 * exporter (CHANNEL.md 11.3): eat_nonce = ratls_fresh_nonce(...).
 *
 * Code for ring 3 (libfuteet) and the host, never the kernel: the encoder
 * is used by a guest program, the parser by verifiers of hostile input. */
#ifndef FUTEET_LIB_RATLS_H
#define FUTEET_LIB_RATLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"
#include "lib/x509.h"

#define RATLS_POINT_LEN    65u    /* SEC1 uncompressed P-256 point: 04 || X || Y */
#define RATLS_SCALAR_LEN   32u
#define RATLS_SPKI_LEN     91u    /* RFC 5480 SubjectPublicKeyInfo of a P-256 key */
#define RATLS_HASH_LEN     32u    /* SHA-256 */
#define RATLS_COSE_KEY_LEN 75u    /* {1: 2, -1: 1, -2: x, -3: y} (RFC 9052 7, RFC 9053 7.1.1) */
#define RATLS_NONCE_LEN    32u    /* the client's nonce (CHANNEL.md 11.3) */
#define RATLS_EXPORTER_LEN 32u    /* RFC 5705 exporter output the binding uses */
#define RATLS_EVIDENCE_MAX 65536u /* = FUTEET_EVIDENCE_MAX */
/* The certificate around the evidence is < 600 bytes. */
#define RATLS_CERT_MAX     (RATLS_EVIDENCE_MAX + 1024u)
/* RFC 5705 section 4: labels beginning with "EXPERIMENTAL" are for private use. */
#define RATLS_EXPORTER_LABEL "EXPERIMENTAL-futeet-ratls-v1"

/* 2.23.133.5.4.9 as OID contents octets (X.690 8.19: 2*40+23 = 103 = 0x67,
 * 133 = 0x81 0x05). */
extern const uint8_t ratls_cmw_oid[6];

/* What a certificate builder needs. */
struct ratls_cert_params {
	const uint8_t *priv;        /* P-256 private scalar, 32 bytes big-endian */
	const uint8_t *point;       /* its public key, 65 bytes */
	const uint8_t *serial;      /* 16 random bytes (made positive and minimal here) */
	const uint8_t *evidence;    /* the CMW: 1 .. RATLS_EVIDENCE_MAX bytes */
	size_t evidence_len;
};

/* A parsed RA-TLS certificate: views into the caller's DER. */
struct ratls_cert {
	struct x509_cert x;
	const uint8_t *evidence;    /* the extension's CMW bytes */
	size_t evidence_len;
	const uint8_t *point;       /* the certificate's P-256 key, 65 bytes */
	uint8_t spki_hash[RATLS_HASH_LEN]; /* SHA-256 of its SubjectPublicKeyInfo DER */
};

/* The SubjectPublicKeyInfo of a P-256 point (RFC 5480 section 2). */
void ratls_spki(const uint8_t point[RATLS_POINT_LEN], uint8_t spki[RATLS_SPKI_LEN]);
/* SHA-256 of that SubjectPublicKeyInfo: the certificate's eat_nonce. */
void ratls_spki_hash(const uint8_t point[RATLS_POINT_LEN], uint8_t out[RATLS_HASH_LEN]);
/* The point as the COSE_Key futeet_attest takes for cnf (deterministic
 * encoding, RFC 8949 4.2.1). */
void ratls_cose_key(const uint8_t point[RATLS_POINT_LEN], uint8_t out[RATLS_COSE_KEY_LEN]);
/* eat_nonce of fresh evidence (CHANNEL.md 11.3):
 *   SHA-256("futeet-ratls-v1 fresh" || client_nonce || spki_hash || exporter) */
void ratls_fresh_nonce(const uint8_t client_nonce[RATLS_NONCE_LEN],
		       const uint8_t spki_hash[RATLS_HASH_LEN],
		       const uint8_t exporter[RATLS_EXPORTER_LEN], uint8_t out[RATLS_HASH_LEN]);

/* Build and sign (ECDSA P-256 with SHA-256, RFC 5758 3.2) the certificate
 * into out[0..cap). 0, -EINVAL (bad parameters), -ENOSPC, -EIO (signing). */
FUTEET_MUST_CHECK int ratls_cert_build(const struct ratls_cert_params *p, uint8_t *out,
				       size_t cap, size_t *len);

/* Parse a certificate and take out the evidence: strict X.509 (lib/x509.c),
 * v3, a P-256 key, exactly one non-critical 2.23.133.5.4.9 extension with
 * 1 .. RATLS_EVIDENCE_MAX bytes. Checks no signature and no evidence.
 * 0, or a negative errno and *why a one-line reason. */
FUTEET_MUST_CHECK int ratls_cert_parse(const uint8_t *der, size_t len, struct ratls_cert *out,
				       const char **why);

/* The certificate is self-issued (issuer == subject) and its signature
 * verifies with its own key: whoever made it held the private key.
 * 0 or -EKEYREJECTED. */
FUTEET_MUST_CHECK int ratls_cert_check_self_signed(const struct ratls_cert *c);

/* The key binding of verified claims: cnf is a P-256 key equal to the
 * certificate's, and eat_nonce equals expect_nonce (spki_hash for the
 * certificate's evidence, ratls_fresh_nonce for fresh evidence).
 * cnf_x / cnf_y: the verified claims' coordinates (crv COSE_CRV_P256,
 * coord_len 32). 0, or -EKEYREJECTED and *why. */
FUTEET_MUST_CHECK int ratls_check_binding(const struct ratls_cert *c, int cnf_crv,
					  size_t cnf_coord_len, const uint8_t *cnf_x,
					  const uint8_t *cnf_y, const uint8_t *eat_nonce,
					  size_t eat_nonce_len,
					  const uint8_t expect_nonce[RATLS_HASH_LEN],
					  const char **why);

#endif
