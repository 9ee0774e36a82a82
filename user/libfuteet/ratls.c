/* libfuteet RA-TLS (uapi/futeet/ratls.h; docs/CHANNEL.md section 11): the
 * key, the evidence bound to it, and the certificate, all in the calling
 * program (ring 3). The kernel only attests: it sees the public key as the
 * cnf claim, never the private key or the certificate. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <futeet/futeet.h>
#include <bearssl.h>

#include "lib/ratls.h"

_Static_assert(FUTEET_RATLS_CERT_MAX == RATLS_CERT_MAX, "certificate bound");
_Static_assert(FUTEET_EVIDENCE_MAX == RATLS_EVIDENCE_MAX, "evidence bound");

/* The evidence for the certificate; one thread (libfuteet is not reentrant). */
static uint8_t ev_buf[FUTEET_EVIDENCE_MAX];

int futeet_ratls_evidence(const struct futeet_ratls *r, const uint8_t nonce[32],
			  uint8_t *ev, size_t cap, size_t *len)
{
	uint8_t cose[RATLS_COSE_KEY_LEN];
	struct futeet_attest_opts opts;
	size_t out_len = 0;
	int err;

	ratls_cose_key(r->point, cose);
	memset(&opts, 0, sizeof(opts));
	opts.flags = FUTEET_ATTEST_CNF;
	opts.cose_key = (uint64_t)(uintptr_t)cose;
	opts.cose_key_len = sizeof(cose);
	if ((err = futeet_attest(nonce, RATLS_HASH_LEN, ev, cap, &out_len, &opts)))
		return err;
	if (out_len == 0 || out_len > cap)
		return -EIO;
	*len = out_len;
	return 0;
}

int futeet_ratls_cert(struct futeet_ratls *r)
{
	br_hmac_drbg_context drbg;
	br_ec_private_key sk;
	br_ec_public_key pk;
	uint8_t seed[48], serial[16];
	struct ratls_cert_params p;
	size_t ev_len = 0;
	int err;

	memset(r, 0, sizeof(*r));
	/* The key: BearSSL's keygen (a scalar in [1, n-1], FIPS 186-4 B.4.2's
	 * rejection sampling) from an HMAC-DRBG seeded by the kernel's DRBG. */
	if ((err = futeet_random(seed, sizeof(seed))))
		return err;
	br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed, sizeof(seed));
	if (br_ec_keygen(&drbg.vtable, &br_ec_p256_m31, &sk, r->priv, BR_EC_secp256r1) !=
	    sizeof(r->priv) ||
	    br_ec_compute_pub(&br_ec_p256_m31, &pk, r->point, &sk) != sizeof(r->point)) {
		err = -EIO;
		goto out;
	}
	br_hmac_drbg_generate(&drbg, serial, sizeof(serial));
	ratls_spki_hash(r->point, r->spki_hash);
	/* CHANNEL.md 11.2: eat_nonce = SHA-256(SPKI), cnf = the key */
	if ((err = futeet_ratls_evidence(r, r->spki_hash, ev_buf, sizeof(ev_buf), &ev_len)))
		goto out;
	p.priv = r->priv;
	p.point = r->point;
	p.serial = serial;
	p.evidence = ev_buf;
	p.evidence_len = ev_len;
	err = ratls_cert_build(&p, r->cert, sizeof(r->cert), &r->cert_len);
out:
	memset(seed, 0, sizeof(seed));
	memset(&drbg, 0, sizeof(drbg));
	if (err)
		memset(r->priv, 0, sizeof(r->priv));
	return err;
}
