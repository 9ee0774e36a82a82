/* Frama-C EVA entry point for the bounded JSON reader (lib/json.c, the
 * reader of verification policies and PCS collateral): a buffer of unknown
 * characters and unknown length 0..JSON_MAX, walked for at most WALK_STEPS
 * steps, each one of the reader's entry points chosen nondeterministically
 * (peek, object/array begin and next, strings into a caller buffer of
 * capacity 0..KEY_CAP or counted only, integers, booleans, null, skip, end).
 * Run by scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "lib/json.h"

/* The bounds; the json_nul_past_cap mutant (scripts/prove) runs a smaller
 * instance of this entry point (-DJSON_MAX=8 -DKEY_CAP=4 -DWALK_STEPS=2),
 * which is enough to reach its bug and costs a fraction of the full run. */
#ifndef JSON_MAX
#define JSON_MAX 32u
#endif
#ifndef KEY_CAP
#define KEY_CAP 16u
#endif
#ifndef WALK_STEPS
#define WALK_STEPS 6
#endif

static char buf[JSON_MAX];
static char key[KEY_CAP];

int main(void)
{
	size_t len = Frama_C_size_t_interval(0, sizeof(buf));
	struct json_dec d;
	int i;

	Frama_C_make_unknown(buf, sizeof(buf));
	json_dec_init(&d, buf, len);
	for (i = 0; i < WALK_STEPS; i++) {
		enum json_type t;
		int64_t v;
		bool b;
		size_t n;
		size_t cap = Frama_C_size_t_interval(0, sizeof(key));

		switch (Frama_C_interval(0, 11)) {
		case 0: (void)json_peek(&d, &t); break;
		case 1: (void)json_obj_begin(&d); break;
		case 2: (void)json_arr_begin(&d); break;
		case 3:
			if (json_obj_next(&d, key, cap, &n) == 1) {
				/*@ assert key_fits: n < KEY_CAP; */
			}
			break;
		case 4: (void)json_arr_next(&d); break;
		case 5:
			if (json_get_string(&d, key, cap, &n) == 0) {
				/*@ assert string_fits: n < KEY_CAP; */
			}
			break;
		case 6: (void)json_get_string(&d, NULL, 0, &n); break;
		case 7: (void)json_get_int(&d, &v); break;
		case 8: (void)json_get_bool(&d, &b); break;
		case 9: (void)json_get_null(&d); break;
		case 10: (void)json_end(&d); break;
		default: (void)json_skip(&d); break;
		}
	}
	json_dec_init(&d, NULL, len);
	(void)json_skip(&d);
	return 0;
}
