/* Base64 lines and base64url (lib/base64.h). */
#include "lib/base64.h"

#include <stdbool.h>

static const char b64_std[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/* RFC 4648 section 5: 62 and 63 are '-' and '_' */
static const char b64_url[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* in[0..n) in alpha, '=' padding when pad, then a NUL; stops before the
 * first group that would not fit in out[0..cap). Returns the count. */
static size_t encode(const char *alpha, bool pad, const uint8_t *in, size_t n, char *out,
		     size_t cap)
{
	size_t o = 0;

	if (cap == 0)
		return 0;
	for (size_t i = 0; i < n; i += 3) {
		size_t k = n - i >= 3 ? 3 : n - i;
		uint32_t v = (uint32_t)in[i] << 16;

		if (o + (pad ? 4 : k + 1) >= cap)
			break;
		if (k > 1)
			v |= (uint32_t)in[i + 1] << 8;
		if (k > 2)
			v |= in[i + 2];
		out[o++] = alpha[(v >> 18) & 63];
		out[o++] = alpha[(v >> 12) & 63];
		if (k > 1 || pad)
			out[o++] = k > 1 ? alpha[(v >> 6) & 63] : '=';
		if (k > 2 || pad)
			out[o++] = k > 2 ? alpha[v & 63] : '=';
	}
	out[o] = '\0';
	return o;
}

size_t base64_line(const uint8_t *in, size_t n, char out[BASE64_LINE_CHARS + 1])
{
	if (n > BASE64_LINE_BYTES)
		n = BASE64_LINE_BYTES;
	return encode(b64_std, true, in, n, out, BASE64_LINE_CHARS + 1);
}

size_t base64url(const uint8_t *in, size_t n, char *out, size_t cap)
{
	return encode(b64_url, false, in, n, out, cap);
}
