/* RSASSA-PSS signature verification (RFC 8017 sections 8.1.2 and 9.1.2,
 * EMSA-PSS-VERIFY with MGF1, appendix B.2.1) over BearSSL's RSA public
 * operation (br_rsa_i31_public). BearSSL 0.6 has no PSS of its own. */
#ifndef FUTEET_LIB_RSA_PSS_H
#define FUTEET_LIB_RSA_PSS_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

/* Hash identifiers are BearSSL's: br_sha256_ID (4), br_sha384_ID (5),
 * br_sha512_ID (6). Others are refused with -EOPNOTSUPP. */
#define RSA_PSS_MAX_MOD_BYTES 512u /* 4096-bit moduli (BR_MAX_RSA_SIZE) */

/* Output length of a supported hash id, 0 otherwise. */
size_t rsa_pss_hash_len(int hash_id);
/* One-shot hash of buf with a supported id; out holds rsa_pss_hash_len(). */
FUTEET_MUST_CHECK int rsa_pss_hash(int hash_id, const uint8_t *buf, size_t len, uint8_t *out);

/* Verify sig (exactly the modulus length in bytes) over the message hash
 * mhash (mhash_len = the hash's length) with modulus n (big-endian, leading
 * zeros allowed) and public exponent e. hash_id hashes M', mgf_hash_id is the
 * MGF1 hash, salt_len the expected salt length (RFC 8017 9.1.2 with a fixed
 * sLen, as X.509 RSASSA-PSS-params give it).
 * 0 valid; -EBADMSG invalid signature; -EINVAL/-EOPNOTSUPP bad parameters. */
FUTEET_MUST_CHECK int rsa_pss_verify(const uint8_t *n, size_t n_len, const uint8_t *e, size_t e_len,
		   int hash_id, int mgf_hash_id, size_t salt_len,
		   const uint8_t *mhash, size_t mhash_len,
		   const uint8_t *sig, size_t sig_len);

/* EMSA-PSS-VERIFY alone (RFC 8017 9.1.2) on an encoded message em of
 * em_len = ceil(em_bits / 8) bytes; exported for the fuzzer and tests.
 * 0 consistent; -EBADMSG inconsistent; -EINVAL/-EOPNOTSUPP bad parameters. */
FUTEET_MUST_CHECK int rsa_pss_emsa_verify(const uint8_t *em, size_t em_len, unsigned em_bits,
			int hash_id, int mgf_hash_id, size_t salt_len,
			const uint8_t *mhash, size_t mhash_len);

#endif
