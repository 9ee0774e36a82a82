/* Base64 (RFC 4648 section 4) in the line layout of PEM and our console
 * blocks: 48 bytes of input to one line of 64 characters (RFC 7468 section 2). */
#ifndef FUTEET_LIB_BASE64_H
#define FUTEET_LIB_BASE64_H

#include <stddef.h>
#include <stdint.h>

#define BASE64_LINE_BYTES 48u   /* input bytes per full line */
#define BASE64_LINE_CHARS 64u

/* in[0..n), n <= BASE64_LINE_BYTES (more is cut there), as 4 * ceil(n / 3)
 * characters with '=' padding, then a NUL. Returns the character count. */
size_t base64_line(const uint8_t *in, size_t n, char out[BASE64_LINE_CHARS + 1]);

#endif
