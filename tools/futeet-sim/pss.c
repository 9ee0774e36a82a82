/* RSASSA-PSS signing for the sim ARK/ASK, the way AMD signs its certificates:
 * SHA-384, MGF1 with SHA-384, salt length 48, trailer 0xBC (RFC 8017 8.1.1,
 * 9.1.1 and B.2.1). BearSSL has PSS verify only, so the encoding is here; the
 * RSA private operation is BearSSL's constant-time i31 code. */
#include <string.h>
#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "sim.h"

#define PSS_HLEN 48u /* SHA-384 */

/* MGF1 (RFC 8017 B.2.1) with SHA-384: out ^= MGF1(seed, len). */
static void mgf1_sha384_xor(const uint8_t *seed, size_t seed_len, uint8_t *out, size_t len)
{
	uint8_t c[4], t[PSS_HLEN];
	uint32_t counter = 0;
	size_t done = 0;

	while (done < len) {
		br_sha384_context h;
		c[0] = (uint8_t)(counter >> 24);
		c[1] = (uint8_t)(counter >> 16);
		c[2] = (uint8_t)(counter >> 8);
		c[3] = (uint8_t)counter;
		br_sha384_init(&h);
		br_sha384_update(&h, seed, seed_len);
		br_sha384_update(&h, c, 4);
		br_sha384_out(&h, t);
		for (size_t i = 0; i < PSS_HLEN && done < len; i++)
			out[done++] ^= t[i];
		counter++;
	}
}

int sim_emsa_pss_encode(const uint8_t mhash[48], const uint8_t *salt, size_t salt_len,
			size_t em_bits, uint8_t *em, size_t em_len)
{
	static const uint8_t zeros8[8];
	uint8_t h[PSS_HLEN];
	br_sha384_context c;
	size_t db_len;

	/* Step 3: emLen = ceil(emBits/8) >= hLen + sLen + 2. */
	if (em_len != (em_bits + 7) / 8 || em_len < PSS_HLEN + salt_len + 2)
		return -EINVAL;
	/* Steps 5-6: H = Hash(0x00*8 || mHash || salt). */
	br_sha384_init(&c);
	br_sha384_update(&c, zeros8, sizeof(zeros8));
	br_sha384_update(&c, mhash, PSS_HLEN);
	br_sha384_update(&c, salt, salt_len);
	br_sha384_out(&c, h);
	/* Steps 7-8: DB = PS || 0x01 || salt. */
	db_len = em_len - PSS_HLEN - 1;
	memset(em, 0, db_len - salt_len - 1);
	em[db_len - salt_len - 1] = 0x01;
	memcpy(em + db_len - salt_len, salt, salt_len);
	/* Steps 9-10: maskedDB = DB xor MGF(H, emLen - hLen - 1). */
	mgf1_sha384_xor(h, PSS_HLEN, em, db_len);
	/* Step 11: clear the leftmost 8*emLen - emBits bits. */
	em[0] &= (uint8_t)(0xFF >> (8 * em_len - em_bits));
	/* Step 12: EM = maskedDB || H || 0xbc. */
	memcpy(em + db_len, h, PSS_HLEN);
	em[em_len - 1] = 0xBC;
	return 0;
}

int sim_rsa_pss_sha384_sign(const br_rsa_private_key *sk, const uint8_t mhash[48],
			    uint8_t *sig, size_t sig_len)
{
	size_t k = (sk->n_bitlen + 7) / 8, em_bits = sk->n_bitlen - 1;
	size_t em_len = (em_bits + 7) / 8;
	uint8_t salt[PSS_HLEN];
	br_sha384_context c;
	int err;

	if (sig_len != k || k < em_len)
		return -EINVAL;
	/* Deterministic salt: SHA-384("FUTEET-SIM PSS salt" || p || mHash).
	 * Any salt gives a valid signature; this one makes the sim's certs
	 * reproducible (the private p keeps it unpredictable to others). */
	br_sha384_init(&c);
	br_sha384_update(&c, "FUTEET-SIM PSS salt", 19);
	br_sha384_update(&c, sk->p, sk->plen);
	br_sha384_update(&c, mhash, PSS_HLEN);
	br_sha384_out(&c, salt);
	/* RFC 8017 8.1.1 step 2a: EM is emLen bytes, the signature k bytes. */
	memset(sig, 0, k - em_len);
	err = sim_emsa_pss_encode(mhash, salt, sizeof(salt), em_bits, sig + (k - em_len), em_len);
	futeet_wipe(salt, sizeof(salt));
	if (err)
		return err;
	return br_rsa_i31_private(sig, sk) ? 0 : -EIO;
}
