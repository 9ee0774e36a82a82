/* Frama-C EVA entry point for the X.509 chain checks (lib/x509.c over
 * lib/der.c, lib/rsa_pss.c): two certificates x509_parse accepts from
 * unknown bytes of every length 0..CERT_MAX each, then x509_check_issued
 * (the issuer's name against the issuer's subject, the CA flags, the
 * signature) and x509_verify_signature with the certificate's own key and
 * with the issuer's: every signature algorithm the parser accepts (ECDSA
 * P-256/P-384, RSA PKCS#1 v1.5, RSASSA-PSS with RFC 8017's EMSA-PSS
 * decoding in lib/rsa_pss.c), every key the parser returns. BearSSL's
 * hashes, ECDSA and RSA are stubbed by their contracts
 * (bearssl_sig_stub.acsl.h, sha384_stub.acsl.h). The inputs sit at the
 * start of their buffers: EVA shows every read stays inside them; that the
 * ranges stay below len is the reader's index checks. Run by
 * scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include <bearssl.h>
#include "tests/prove/bearssl_sig_stub.acsl.h"
#include "lib/x509.h"

#ifndef CERT_MAX
#define CERT_MAX 4096u /* AMD's RSA-4096 ARK and ASK are about 1.6 KB */
#endif

static uint8_t a_buf[CERT_MAX], b_buf[CERT_MAX];

int main(void)
{
	struct x509_cert a, b;
	size_t a_len = Frama_C_size_t_interval(0, CERT_MAX);
	size_t b_len = Frama_C_size_t_interval(0, CERT_MAX);

	Frama_C_make_unknown((char *)a_buf, sizeof(a_buf));
	Frama_C_make_unknown((char *)b_buf, sizeof(b_buf));
	if (x509_parse(a_buf, a_len, &a) != 0)
		return 0;
	(void)x509_verify_signature(&a, &a.key);
	if (x509_parse(b_buf, b_len, &b) != 0)
		return 0;
	(void)x509_check_issued(&a, &b);
	(void)x509_check_issued(&a, &a);
	return 0;
}
