/* Base64 (RFC 4648 section 4) in the line layout of PEM and our console
 * blocks: 48 bytes of input to one line of 64 characters (RFC 7468 section 2);
 * base64url without padding (RFC 4648 section 5, as JWT and EAT's JSON form
 * use it: RFC 7515 section 2). */
#ifndef FUTEET_LIB_BASE64_H
#define FUTEET_LIB_BASE64_H

#include <stddef.h>
#include <stdint.h>

#define BASE64_LINE_BYTES 48u   /* input bytes per full line */
#define BASE64_LINE_CHARS 64u

/* in[0..n), n <= BASE64_LINE_BYTES (more is cut there), as 4 * ceil(n / 3)
 * characters with '=' padding, then a NUL. Returns the character count. */
size_t base64_line(const uint8_t *in, size_t n, char out[BASE64_LINE_CHARS + 1]);

/* Characters base64url gives n bytes: 4 per 3, 2 or 3 for the last 1 or 2. */
#define BASE64URL_CHARS(n) (((n) / 3u) * 4u + ((n) % 3u ? (n) % 3u + 1u : 0u))

/* in[0..n) as base64url without '=' padding, then a NUL, into out[0..cap)
 * (cap >= BASE64URL_CHARS(n) + 1 holds it all; a smaller cap ends it at the
 * last whole group that fits). Returns the character count. */
size_t base64url(const uint8_t *in, size_t n, char *out, size_t cap);

#endif
