/* Base64 lines (lib/base64.h). */
#include "lib/base64.h"

size_t base64_line(const uint8_t *in, size_t n, char out[BASE64_LINE_CHARS + 1])
{
	static const char alpha[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;

	if (n > BASE64_LINE_BYTES)
		n = BASE64_LINE_BYTES;
	for (size_t i = 0; i < n; i += 3) {
		size_t k = n - i >= 3 ? 3 : n - i;
		uint32_t v = (uint32_t)in[i] << 16;

		if (k > 1)
			v |= (uint32_t)in[i + 1] << 8;
		if (k > 2)
			v |= in[i + 2];
		out[o++] = alpha[(v >> 18) & 63];
		out[o++] = alpha[(v >> 12) & 63];
		out[o++] = k > 1 ? alpha[(v >> 6) & 63] : '=';
		out[o++] = k > 2 ? alpha[v & 63] : '=';
	}
	out[o] = '\0';
	return o;
}
