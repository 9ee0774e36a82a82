/* Frama-C EVA entry point for the CBOR decoder (lib/cbor.c): a buffer of
 * unknown bytes and unknown length from 0 to CBOR_MAX, walked for at most
 * WALK_STEPS steps, each step one of the decoder's entry points chosen
 * nondeterministically (head, peek, every typed getter, skip). The
 * assertion checks that a string's contents lie inside the buffer. Run by
 * scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "lib/cbor.h"

#define CBOR_MAX 48u
#define WALK_STEPS 8

static uint8_t buf[CBOR_MAX];

int main(void)
{
	size_t len = Frama_C_size_t_interval(0, sizeof(buf));
	struct cbor_dec d;
	int i;

	Frama_C_make_unknown((char *)buf, sizeof(buf));
	cbor_dec_init(&d, buf, len);
	for (i = 0; i < WALK_STEPS && !cbor_dec_done(&d); i++) {
		uint8_t major;
		uint64_t u, count;
		int64_t v;
		bool b;
		const uint8_t *p;
		const char *s;
		size_t n;

		switch (Frama_C_interval(0, 11)) {
		case 0: (void)cbor_get_head(&d, &major, &u); break;
		case 1: (void)cbor_peek_major(&d, &major); break;
		case 2: (void)cbor_get_uint(&d, &u); break;
		case 3: (void)cbor_get_int(&d, &v); break;
		case 4:
			if (cbor_get_bstr(&d, &p, &n) == 0) {
				/*@ assert bstr_inside: \valid_read(p + (0 .. n - 1)); */
			}
			break;
		case 5:
			if (cbor_get_tstr(&d, &s, &n) == 0)
				(void)cbor_tstr_eq(s, n, "measurement");
			break;
		case 6: (void)cbor_get_array(&d, &count); break;
		case 7: (void)cbor_get_map(&d, &count); break;
		case 8: (void)cbor_get_tag(&d, &u); break;
		case 9: (void)cbor_get_bool(&d, &b); break;
		case 10: (void)cbor_get_null(&d); break;
		default: (void)cbor_skip(&d); break;
		}
	}
	cbor_dec_init(&d, NULL, len);
	(void)cbor_skip(&d);
	return 0;
}
