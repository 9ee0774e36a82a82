/* RA-TLS in libfuteet (user/libfuteet/ratls.c, docs/CHANNEL.md section 11):
 * a fresh P-256 key and a self-signed X.509 certificate carrying the
 * program's evidence (the CMW) in the extension 2.23.133.5.4.9, bound to the
 * key through cnf and eat_nonce = SHA-256(SubjectPublicKeyInfo). Ring 3
 * only: the kernel provides futeet_attest, never the certificate. */
#ifndef FUTEET_UAPI_RATLS_H
#define FUTEET_UAPI_RATLS_H

#include <stddef.h>
#include <stdint.h>

#define FUTEET_RATLS_CERT_MAX (65536u + 1024u) /* evidence max + the certificate */

struct futeet_ratls {
	uint8_t priv[32];       /* P-256 private scalar: never leaves the program */
	uint8_t point[65];      /* its public key, SEC1 uncompressed */
	uint8_t spki_hash[32];  /* SHA-256 of the certificate's SubjectPublicKeyInfo */
	size_t cert_len;
	uint8_t cert[FUTEET_RATLS_CERT_MAX]; /* DER */
};

#ifndef FUTEET_KERNEL
/* Make a key, evidence for it and the certificate into *r (about 66 KiB:
 * make it static). 0, or a negative errno (-EOPNOTSUPP: no attestation on
 * this platform; what futeet_attest and futeet_random return). */
int futeet_ratls_cert(struct futeet_ratls *r);
/* Fresh evidence with eat_nonce = nonce (32 bytes) and cnf = r's key, into
 * ev[0..cap); *len its size. 0 or a negative errno. */
int futeet_ratls_evidence(const struct futeet_ratls *r, const uint8_t nonce[32],
			  uint8_t *ev, size_t cap, size_t *len);
#endif

#endif
