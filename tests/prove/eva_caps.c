/* Frama-C EVA entry point for the capability descriptor's decoder
 * (lib/caps_decode.c over lib/cbor.c, the names of lib/caps.c): caps_decode
 * over unknown bytes of every length 0..CAPS_MAX and NULL; over a
 * well-formed head (map, version 1) followed by CAPS_TAIL unknown bytes,
 * every length; caps_key_name, caps_prov_name, caps_value_name on any
 * argument. The input sits at the start of buf[]: EVA shows every read
 * stays inside buf[]; that reads stay below len is the decoder's index
 * checks. Run by scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "lib/caps_decode.h"

#define CAPS_MAX 48u

static uint8_t buf[CAPS_MAX];

int main(void)
{
	struct futeet_caps c;
	uint32_t unknown;
	size_t len = Frama_C_size_t_interval(0, sizeof(buf));

	Frama_C_make_unknown((char *)buf, sizeof(buf));
	(void)caps_decode(buf, len, &c, &unknown);
	(void)caps_decode(buf, len, &c, NULL);
	(void)caps_decode(NULL, len, &c, &unknown);
	(void)caps_key_name(Frama_C_unsigned_int_interval(0, 0xffffffffu));
	(void)caps_prov_name(Frama_C_unsigned_int_interval(0, 0xffffffffu));
	(void)caps_value_name(Frama_C_unsigned_int_interval(0, 0xffffffffu),
			      (uint64_t)Frama_C_unsigned_long_long_interval(0, UINT64_MAX));
	return 0;
}
