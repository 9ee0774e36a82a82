/* Minimal INTEGERs, NULL and the shared X.509 pieces over lib/der.c's
 * writer; see derw.h. */
#include "derw.h"

#include <string.h>

void derw_uint_be(struct der_w *d, const uint8_t *be, size_t n)
{
	size_t start = d->len;
	static const uint8_t zero = 0;

	while (n > 1 && be[0] == 0) {
		be++;
		n--;
	}
	if (n == 0 || (be[0] & 0x80))
		der_w_raw(d, &zero, 1);
	der_w_raw(d, be, n);
	der_w_close(d, start, DER_INTEGER);
}

void derw_uint(struct der_w *d, uint64_t v)
{
	uint8_t be[8];

	for (int i = 7; i >= 0; i--) {
		be[i] = (uint8_t)v;
		v >>= 8;
	}
	derw_uint_be(d, be, sizeof(be));
}

void derw_null(struct der_w *d)
{
	der_w_tlv(d, DER_NULL, NULL, 0);
}

void derw_bits(struct der_w *d, const uint8_t *p, size_t n)
{
	size_t s = d->len;
	static const uint8_t unused_bits = 0;

	der_w_raw(d, &unused_bits, 1);
	der_w_raw(d, p, n);
	der_w_close(d, s, DER_BIT_STRING);
}

void derw_rdn(struct der_w *d, uint8_t attr, uint8_t str_tag, const char *v)
{
	const uint8_t oid[3] = { 0x55, 0x04, attr }; /* 2.5.4.x X.520 */
	size_t s = d->len, q = d->len;

	der_w_tlv(d, DER_OID, oid, sizeof(oid));
	der_w_tlv(d, str_tag, v, strlen(v));
	der_w_close(d, q, DER_SEQUENCE);
	der_w_close(d, s, DER_SET);
}

void derw_ext(struct der_w *d, const uint8_t *oid, size_t oid_len, int critical,
	      const uint8_t *val, size_t val_len)
{
	size_t s = d->len;
	static const uint8_t t = 0xFF;

	der_w_tlv(d, DER_OID, oid, oid_len);
	if (critical)
		der_w_tlv(d, DER_BOOLEAN, &t, 1);
	der_w_tlv(d, DER_OCTET_STRING, val, val_len);
	der_w_close(d, s, DER_SEQUENCE);
}

static const uint8_t oid_ku[] = { 0x55, 0x1D, 0x0F };  /* 2.5.29.15 RFC 5280 4.2.1.3 */
static const uint8_t oid_ski[] = { 0x55, 0x1D, 0x0E }; /* 2.5.29.14 RFC 5280 4.2.1.2 */
static const uint8_t oid_aki[] = { 0x55, 0x1D, 0x23 }; /* 2.5.29.35 RFC 5280 4.2.1.1 */
static const uint8_t oid_bc[] = { 0x55, 0x1D, 0x13 };  /* 2.5.29.19 RFC 5280 4.2.1.9 */

void derw_ext_ku(struct der_w *d, const uint8_t *val, size_t val_len)
{
	derw_ext(d, oid_ku, sizeof(oid_ku), 1, val, val_len);
}

void derw_ext_bc(struct der_w *d, const uint8_t *val, size_t val_len)
{
	derw_ext(d, oid_bc, sizeof(oid_bc), 1, val, val_len);
}

/* SubjectKeyIdentifier ::= OCTET STRING */
void derw_ext_ski(struct der_w *d, const uint8_t id[20])
{
	uint8_t v[24];
	struct der_w t;

	der_w_init(&t, v, sizeof(v));
	der_w_tlv(&t, DER_OCTET_STRING, id, 20);
	derw_ext(d, oid_ski, sizeof(oid_ski), 0, v, t.len);
}

/* AuthorityKeyIdentifier ::= SEQUENCE { [0] keyIdentifier } */
void derw_ext_aki(struct der_w *d, const uint8_t id[20])
{
	uint8_t v[24];
	struct der_w t;

	der_w_init(&t, v, sizeof(v));
	der_w_tlv(&t, 0x80, id, 20);
	der_w_close(&t, 0, DER_SEQUENCE);
	derw_ext(d, oid_aki, sizeof(oid_aki), 0, v, t.len);
}

void derw_spki_ec(struct der_w *d, const uint8_t *curve_oid, size_t curve_oid_len,
		  const uint8_t *q, size_t q_len)
{
	static const uint8_t oid_ec_pub[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 }; /* 1.2.840.10045.2.1 RFC 5480 */
	size_t s = d->len, a = d->len;

	der_w_tlv(d, DER_OID, oid_ec_pub, sizeof(oid_ec_pub));
	der_w_tlv(d, DER_OID, curve_oid, curve_oid_len);
	der_w_close(d, a, DER_SEQUENCE);
	derw_bits(d, q, q_len);
	der_w_close(d, s, DER_SEQUENCE);
}
