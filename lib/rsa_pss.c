/* RSASSA-PSS verification, RFC 8017 section 8.1.2 (RSAVP1 + EMSA-PSS-VERIFY,
 * section 9.1.2) with MGF1 (appendix B.2.1).
 *
 *   EM (emLen octets) = maskedDB (emLen-hLen-1) || H (hLen) || 0xBC
 *   DB = maskedDB XOR MGF1(H) = PS (zeros) || 0x01 || salt (sLen)
 *   valid iff H == Hash(0x00*8 || mHash || salt)
 *
 * Everything here is public (signature, key, message hash), so the checks
 * need not be constant time; the final hash compare is anyway. */
#include "lib/rsa_pss.h"
#include "futeet/errno.h"
#include <bearssl.h>
#include <string.h>

#define PSS_TRAILER 0xBCu /* RFC 8017 9.1.1 step 12 */
#define PSS_MAX_HASH 64u

union pss_hash_ctx {
	br_sha256_context sha256;
	br_sha384_context sha384;
	br_sha512_context sha512;
};

size_t rsa_pss_hash_len(int hash_id)
{
	switch (hash_id) {
	case br_sha256_ID: return br_sha256_SIZE;
	case br_sha384_ID: return br_sha384_SIZE;
	case br_sha512_ID: return br_sha512_SIZE;
	default: return 0;
	}
}

/* Hash a || b || c (any may be empty). A switch, not a vtable, so that the
 * code stays free of function pointers. */
static void hash3(int id, const void *a, size_t alen, const void *b, size_t blen,
		  const void *c, size_t clen, uint8_t *out)
{
	union pss_hash_ctx ctx;

	switch (id) {
	case br_sha256_ID:
		br_sha256_init(&ctx.sha256);
		br_sha256_update(&ctx.sha256, a, alen);
		br_sha256_update(&ctx.sha256, b, blen);
		br_sha256_update(&ctx.sha256, c, clen);
		br_sha256_out(&ctx.sha256, out);
		break;
	case br_sha384_ID:
		br_sha384_init(&ctx.sha384);
		br_sha384_update(&ctx.sha384, a, alen);
		br_sha384_update(&ctx.sha384, b, blen);
		br_sha384_update(&ctx.sha384, c, clen);
		br_sha384_out(&ctx.sha384, out);
		break;
	default:
		br_sha512_init(&ctx.sha512);
		br_sha512_update(&ctx.sha512, a, alen);
		br_sha512_update(&ctx.sha512, b, blen);
		br_sha512_update(&ctx.sha512, c, clen);
		br_sha512_out(&ctx.sha512, out);
		break;
	}
}

int rsa_pss_hash(int hash_id, const uint8_t *buf, size_t len, uint8_t *out)
{
	if (rsa_pss_hash_len(hash_id) == 0)
		return -EOPNOTSUPP;
	hash3(hash_id, buf, len, NULL, 0, NULL, 0, out);
	return 0;
}

/* db ^= MGF1(seed, db_len) (RFC 8017 B.2.1); db_len < 2^32 * hLen trivially. */
static void mgf1_xor(int id, const uint8_t *seed, size_t seed_len, uint8_t *db, size_t db_len)
{
	uint8_t block[PSS_MAX_HASH] = { 0 };
	size_t hlen = rsa_pss_hash_len(id), off = 0, i;
	uint32_t counter = 0;

	while (off < db_len) {
		uint8_t c[4] = { (uint8_t)(counter >> 24), (uint8_t)(counter >> 16),
				 (uint8_t)(counter >> 8), (uint8_t)counter };
		hash3(id, seed, seed_len, c, 4, NULL, 0, block);
		for (i = 0; i < hlen && off < db_len; i++, off++)
			db[off] ^= block[i];
		counter++;
	}
}

static unsigned bit_length8(uint8_t x)
{
	unsigned n = 0;

	while (x) {
		n++;
		x >>= 1;
	}
	return n;
}

/* Every index below is checked against the buffer it reads (em_len, the
 * local copies' sizes), also where the arithmetic before it already implies
 * it: the checks that a static analysis can follow without relating the
 * lengths to each other (docs/PROOFS.md, target x509_chain). */
int rsa_pss_emsa_verify(const uint8_t *em_in, size_t em_len, unsigned em_bits,
			int hash_id, int mgf_hash_id, size_t salt_len,
			const uint8_t *mhash, size_t mhash_len)
{
	static const uint8_t zeros8[8];
	uint8_t em[RSA_PSS_MAX_MOD_BYTES] = { 0 };
	uint8_t salt[RSA_PSS_MAX_MOD_BYTES];
	uint8_t hh[PSS_MAX_HASH] = { 0 }, h2[PSS_MAX_HASH] = { 0 };
	size_t hlen, db_len, ps_len, i;
	uint8_t diff;
	unsigned top_bits;

	hlen = rsa_pss_hash_len(hash_id);
	if (hlen == 0 || rsa_pss_hash_len(mgf_hash_id) == 0)
		return -EOPNOTSUPP;
	if (!em_in || !mhash || mhash_len != hlen)
		return -EINVAL;
	/* emLen = ceil(emBits / 8) (RFC 8017 9.1.2 input). */
	if (em_len == 0 || em_len > RSA_PSS_MAX_MOD_BYTES || em_len != (em_bits + 7) / 8)
		return -EINVAL;
	memcpy(em, em_in, em_len);
	/* 9.1.2 step 3 (salt_len compared first: no overflow). */
	if (salt_len > em_len || em_len < hlen + salt_len + 2)
		return -EBADMSG;
	/* Step 4. */
	if (em[em_len - 1] != PSS_TRAILER)
		return -EBADMSG;
	/* Step 5-6: the top 8*emLen - emBits bits of maskedDB are zero
	 * (fewer than 8: emLen = ceil(emBits / 8)). H = em[db_len .. db_len + hLen). */
	db_len = em_len - hlen - 1;
	top_bits = (unsigned)(8 * em_len - em_bits);
	if (db_len >= em_len || top_bits > 7)
		return -EBADMSG;
	if (top_bits && (em[0] & (uint8_t)(0xFFu << (8 - top_bits))))
		return -EBADMSG;
	for (i = 0; i < hlen && i < sizeof(hh); i++) {
		size_t j = db_len + i;

		if (j >= em_len)
			return -EBADMSG;
		hh[i] = em[j];
	}
	/* Step 7-9: DB = maskedDB XOR MGF(H) in place, clear the top bits. */
	mgf1_xor(mgf_hash_id, hh, hlen, em, db_len);
	if (top_bits)
		em[0] &= (uint8_t)(0xFFu >> top_bits);
	/* Step 10: PS zeros, then 0x01, then the salt: DB's last sLen octets. */
	ps_len = em_len - hlen - salt_len - 2;
	if (ps_len >= db_len)
		return -EBADMSG;
	for (i = 0; i < ps_len; i++)
		if (em[i] != 0)
			return -EBADMSG;
	if (em[ps_len] != 0x01u)
		return -EBADMSG;
	for (i = 0; i < salt_len && i < sizeof(salt); i++) {
		size_t j = ps_len + 1 + i;

		if (j >= db_len)
			return -EBADMSG;
		salt[i] = em[j];
	}
	/* Steps 11-14: H' = Hash(0x00*8 || mHash || salt), compare with H. */
	hash3(hash_id, zeros8, 8, mhash, hlen, salt, salt_len, h2);
	diff = 0;
	for (i = 0; i < hlen && i < sizeof(h2); i++)
		diff |= (uint8_t)(h2[i] ^ hh[i]);
	return diff == 0 ? 0 : -EBADMSG;
}

int rsa_pss_verify(const uint8_t *n, size_t n_len, const uint8_t *e, size_t e_len,
		   int hash_id, int mgf_hash_id, size_t salt_len,
		   const uint8_t *mhash, size_t mhash_len,
		   const uint8_t *sig, size_t sig_len)
{
	uint8_t m[RSA_PSS_MAX_MOD_BYTES] = { 0 };
	br_rsa_public_key pk;
	size_t k, hlen, em_len;
	unsigned mod_bits;

	hlen = rsa_pss_hash_len(hash_id);
	if (hlen == 0 || rsa_pss_hash_len(mgf_hash_id) == 0)
		return -EOPNOTSUPP;
	if (!n || !e || !mhash || !sig || mhash_len != hlen)
		return -EINVAL;
	while (n_len > 0 && n[0] == 0) {
		n++;
		n_len--;
	}
	while (e_len > 0 && e[0] == 0) {
		e++;
		e_len--;
	}
	if (n_len == 0 || n_len > RSA_PSS_MAX_MOD_BYTES || e_len == 0 || e_len > 4)
		return -EINVAL;
	if (!(n[n_len - 1] & 1u))
		return -EINVAL; /* an RSA modulus is odd */
	k = n_len;
	mod_bits = (unsigned)(8 * (k - 1)) + bit_length8(n[0]);
	if (mod_bits < 512)
		return -EINVAL;

	/* RFC 8017 8.1.2 step 1: the signature is exactly k octets. */
	if (sig_len != k)
		return -EBADMSG;
	/* Step 2: RSAVP1; br_rsa_i31_public fails unless s < n. */
	memcpy(m, sig, k);
	pk.n = (unsigned char *)(uintptr_t)n;
	pk.nlen = n_len;
	pk.e = (unsigned char *)(uintptr_t)e;
	pk.elen = e_len;
	if (!br_rsa_i31_public(m, k, &pk))
		return -EBADMSG;

	/* Step 2c: EM = I2OSP(m, emLen), emLen = ceil((modBits - 1) / 8). */
	em_len = (mod_bits - 1 + 7) / 8;
	if (em_len < k) {
		/* modBits - 1 is a multiple of 8: the top octet of m is 0. */
		if (m[0] != 0)
			return -EBADMSG;
		return rsa_pss_emsa_verify(m + 1, em_len, mod_bits - 1, hash_id, mgf_hash_id,
					   salt_len, mhash, mhash_len);
	}
	return rsa_pss_emsa_verify(m, em_len, mod_bits - 1, hash_id, mgf_hash_id, salt_len,
				   mhash, mhash_len);
}
