/* libFuzzer: the capability descriptor decoder (lib/caps_decode.c).
 * Properties: whatever the decoder accepts, the encoder can write again
 * (every decoded value is inside its enum, every provenance 1..3), and
 * decoding that encoding gives the same descriptor (the note, key 24, is
 * prose: the encoder writes its own from host_known_keys). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/caps_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t out[FUTEET_CAPS_CBOR_MAX * 4];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct futeet_caps c, d;
	uint32_t unknown = 0;
	size_t len = 0;

	if (caps_decode(data, size, &c, &unknown) != 0)
		return 0;
	if (c.version != FUTEET_CAPS_VERSION || c.tcb_len > sizeof(c.tcb_raw))
		__builtin_trap();
	if (caps_encode(&c, out, sizeof(out), &len) != 0)
		__builtin_trap();
	if (caps_decode(out, len, &d, NULL) != 0)
		__builtin_trap();
	if (memcmp(&c, &d, sizeof(c)) != 0)
		__builtin_trap();
	return 0;
}
