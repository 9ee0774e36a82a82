/* Bytes to hexadecimal text (lib/hex.h); the decoders are in hex_decode.c,
 * outside the kernel, which only writes hex. */
#include "lib/hex.h"

void hex_encode(const uint8_t *p, size_t n, char *out, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}
