/* Frama-C EVA entry point for the DER reader (lib/der.c): der_check_all
 * over unknown bytes of every length from 0 to DER_MAX, then a bounded walk
 * with der_read/der_peek/der_expect/der_enter that hands every TLV to each
 * value decoder (INTEGER, BOOLEAN, BIT STRING, OID, time). Every read is
 * buf[i] with an index i the code compares with the view's end; EVA shows
 * no read leaves the DER_MAX-byte buffer and no runtime error, for every
 * length. It does not show the read stays below len (the input sits at the
 * start of buf): that relational bound, i < end <= len, is WP's proof of
 * der_read in wp_der.c. (Placing the input at the end of buf with one EVA
 * partition per length would show it here too, but costs over 10 minutes.)
 * Run by scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "lib/der.h"

#define DER_MAX 48u
#define WALK_STEPS 8 /* der_read consumes >= 2 bytes: DER_MAX / 2 would cover all */

static uint8_t buf[DER_MAX];
static const uint8_t oid_ecpub[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };

static void decode_values(const struct der_tlv *t)
{
	const uint8_t *mag, *bits;
	size_t mag_len, bits_len;
	uint64_t u;
	bool b;
	uint32_t flags;
	int64_t secs;

	(void)der_uint_bytes(t, &mag, &mag_len);
	(void)der_uint64(t, &u);
	(void)der_bool(t, &b);
	(void)der_bitstring_octets(t, &bits, &bits_len);
	(void)der_bitstring_flags(t, &flags);
	(void)der_oid_eq(t, oid_ecpub, sizeof(oid_ecpub));
	(void)der_oid_check(t);
	(void)der_time(t, &secs);
}

int main(void)
{
	size_t len = Frama_C_size_t_interval(0, DER_MAX);
	const uint8_t *in = buf;
	struct der d, inner;
	struct der_tlv t;
	int i;

	Frama_C_make_unknown((char *)buf, sizeof(buf));
	(void)der_check_all(in, len);

	der_init(&d, in, len);
	for (i = 0; i < WALK_STEPS; i++) {
		(void)der_peek(&d);
		if (der_read(&d, &t) != 0)
			break;
		/*@ assert tlv_inside: t.buf == in && t.end <= DER_MAX && d.end <= DER_MAX; */
		decode_values(&t);
		der_enter(&t, &inner);
		if (der_expect(&inner, DER_INTEGER, &t) == 0) {
			/*@ assert inner_inside: t.buf == in && t.end <= DER_MAX; */
			decode_values(&t);
		}
	}
	return 0;
}
