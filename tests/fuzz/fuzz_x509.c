/* libFuzzer harness: DER walker, X.509 parser, signature/issuer checks and
 * PEM decoding on hostile bytes (lib/der.c, lib/x509.c). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "lib/der.h"
#include "lib/snp/verify.h"
#include "lib/x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct x509_cert c, ark;
	static uint8_t der[8192];
	const uint8_t *ark_der;
	size_t ark_len, pos = 0, n;
	unsigned i;

	(void)der_check_all(data, size);
	if (x509_parse(data, size, &c) == 0) {
		(void)x509_check_time(&c, 1767225600);
		/* As its own issuer, and under a real ARK (RSA-PSS path). */
		(void)x509_check_issued(&c, &c);
		if (snp_amd_cert(SNP_PRODUCT_MILAN, SNP_AMD_ARK, &ark_der, &ark_len) == 0 &&
		    x509_parse(ark_der, ark_len, &ark) == 0)
			(void)x509_verify_signature(&c, &ark.key);
	}
	/* PEM: up to 4 blocks. */
	for (i = 0; i < 4; i++)
		if (x509_pem_next((const char *)data, size, &pos, der, sizeof(der), &n) != 0)
			break;
	return 0;
}
