/* Frama-C EVA entry point for the X.509 certificate reader (lib/x509.c, over
 * lib/der.c): x509_parse on unknown bytes of every length 0..X509_MAX and on
 * NULL; on a parsed certificate x509_find_extension (an OID of unknown
 * bytes) and x509_check_time (any time); x509_pem_next on unknown
 * characters of every length 0..PEM_MAX into a DER buffer of every capacity
 * 0..DER_CAP from every start position. No runtime error. Every read is
 * buf[i] with an index the DER reader compared with a view's end (lib/der.h),
 * so plain intervals suffice: scripts/prove runs this at -eva-precision 1.
 * The input sits at the start of buf: EVA shows reads stay inside buf, and
 * WP's der_read proof (wp_der.c) that they stay inside the view.
 * x509_verify_signature and x509_check_issued have their own entry point
 * (eva_x509_chain.c). Run by scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "lib/x509.h"

#define X509_MAX 4096u /* AMD's RSA-4096 ARK/ASK certificates are about 1.6 KB */
#define PEM_MAX 256u   /* BEGIN + END lines are 52 characters */
#define DER_CAP 128u

static uint8_t buf[X509_MAX];
static char pem[PEM_MAX];
static uint8_t der[DER_CAP];
static uint8_t oid[12];

int main(void)
{
	struct x509_cert c;
	size_t len = Frama_C_size_t_interval(0, X509_MAX);
	const uint8_t *val;
	size_t val_len, pos, der_len;
	bool crit;

	Frama_C_make_unknown((char *)buf, sizeof(buf));
	if (x509_parse(buf, len, &c) == 0) {
		Frama_C_make_unknown((char *)oid, sizeof(oid));
		(void)x509_find_extension(&c, oid, Frama_C_size_t_interval(0, sizeof(oid)),
					  &val, &val_len, &crit);
		(void)x509_check_time(&c, (int64_t)Frama_C_long_long_interval(INT64_MIN, INT64_MAX));
	}
	(void)x509_parse(NULL, len, &c);

	Frama_C_make_unknown(pem, sizeof(pem));
	len = Frama_C_size_t_interval(0, PEM_MAX);
	pos = Frama_C_size_t_interval(0, PEM_MAX + 1);
	(void)x509_pem_next(pem, len, &pos, der, Frama_C_size_t_interval(0, DER_CAP), &der_len);
	return 0;
}
