/* Frama-C EVA entry point for the CBOR decoder (lib/cbor.c, lib/cbor_get.c): a buffer of
 * unknown bytes and unknown length from 0 to CBOR_MAX, walked for at most
 * WALK_STEPS steps, each step one of the decoder's entry points chosen
 * nondeterministically (head, peek, every typed getter, skip, the string
 * getters as spans and as pointers, a span compared with cbor_span_eq and
 * decoded with a nested decoder, cbor_tstr_eq on a constant). The
 * assertions check that a string's span lies inside the buffer and that a
 * nested decoder's window does. The input sits at the start of buf[]: EVA
 * shows every read stays inside buf[]; that reads stay below len is the
 * decoder's index checks. Run by scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "lib/cbor_get.h"

#define CBOR_MAX 48u
#define WALK_STEPS 8

static uint8_t buf[CBOR_MAX];

int main(void)
{
	size_t len = Frama_C_size_t_interval(0, sizeof(buf));
	struct cbor_dec d, sub;
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
		struct cbor_span sp;

		switch (Frama_C_interval(0, 13)) {
		case 0: (void)cbor_get_head(&d, &major, &u); break;
		case 1: (void)cbor_peek_major(&d, &major); break;
		case 2: (void)cbor_get_uint(&d, &u); break;
		case 3: (void)cbor_get_int(&d, &v); break;
		case 4:
			if (cbor_get_bstr_span(&d, &sp) == 0) {
				/*@ assert span_inside: sp.end <= sizeof(buf) &&
				      \valid_read(buf + (sp.off .. sp.end - 1)); */
				cbor_dec_span(&sub, &d, sp);
				/*@ assert sub_inside: sub.buf == buf && sub.pos <= sizeof(buf) &&
				      sub.len <= sizeof(buf); */
				(void)cbor_skip(&sub);
			}
			break;
		case 5:
			if (cbor_get_tstr_span(&d, &sp) == 0)
				(void)cbor_span_eq(&d, sp, "measurement");
			break;
		case 6: (void)cbor_get_bstr(&d, &p, &n); break;
		case 7: (void)cbor_get_tstr(&d, &s, &n); break;
		case 8: (void)cbor_get_array(&d, &count); break;
		case 9: (void)cbor_get_map(&d, &count); break;
		case 10: (void)cbor_get_tag(&d, &u); break;
		case 11: (void)cbor_get_bool(&d, &b); break;
		case 12: (void)cbor_get_null(&d); break;
		default: (void)cbor_skip(&d); break;
		}
	}
	(void)cbor_tstr_eq("measurement", 11, "measurement");
	(void)cbor_tstr_eq(NULL, 0, "");
	cbor_dec_init(&d, NULL, len);
	(void)cbor_skip(&d);
	return 0;
}
