/* libFuzzer harness: RSASSA-PSS. The first 4 bytes pick hash, MGF hash, salt
 * length and the emBits slack; the rest is an encoded message given to
 * EMSA-PSS-VERIFY directly (the padding checks are reachable, unlike behind
 * a real RSA operation) and, when its first byte has bit 7 set, padded to
 * 512 bytes, a signature checked with AMD's Milan ARK key (lib/rsa_pss.c). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <bearssl.h>
#include "lib/rsa_pss.h"
#include "lib/snp/verify.h"
#include "lib/x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int ids[3] = { br_sha256_ID, br_sha384_ID, br_sha512_ID };
	static uint8_t sig[512];
	uint8_t mhash[64];
	int h, m;
	size_t salt, em_len, hl;
	unsigned em_bits;
	const uint8_t *ark_der;
	size_t ark_len;
	struct x509_cert ark;

	if (size < 5)
		return 0;
	h = ids[data[0] % 3];
	m = ids[data[1] % 3];
	salt = data[2];
	hl = rsa_pss_hash_len(h);
	memset(mhash, data[3], sizeof(mhash));
	data += 4;
	size -= 4;
	em_len = size > 512 ? 512 : size;
	em_bits = (unsigned)(8 * em_len) - (data[0] & 7u);
	if (em_bits == 0)
		em_bits = 1;
	(void)rsa_pss_emsa_verify(data, em_len, em_bits, h, m, salt, mhash, hl);
	(void)rsa_pss_emsa_verify(data, em_len, (unsigned)(8 * em_len), h, m, salt, mhash, hl);

	/* The RSA-4096 operation is slow: only for inputs that ask for it. */
	if (!(data[0] & 0x80u))
		return 0;
	memset(sig, 0, sizeof(sig));
	memcpy(sig + sizeof(sig) - em_len, data, em_len);
	if (snp_amd_cert(SNP_PRODUCT_MILAN, SNP_AMD_ARK, &ark_der, &ark_len) == 0 &&
	    x509_parse(ark_der, ark_len, &ark) == 0)
		(void)rsa_pss_verify(ark.key.rsa_n, ark.key.rsa_n_len, ark.key.rsa_e,
				     ark.key.rsa_e_len, h, m, salt, mhash, hl, sig, sizeof(sig));
	return 0;
}
