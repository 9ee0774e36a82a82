/* Hexadecimal text, as policies, options and GUID strings carry it. */
#ifndef FUTEET_LIB_HEX_H
#define FUTEET_LIB_HEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

/* The value of one hex digit (either case), or -1. This and hex_decode are
 * in hex_decode.c: host tools and ring 3 only, not the kernel. */
FUTEET_MUST_CHECK int hex_digit(char c);

/* Exactly 2 * out_len hex digits in s[0..n) into out. 0 or -EINVAL. */
FUTEET_MUST_CHECK int hex_decode(const char *s, size_t n, uint8_t *out, size_t out_len);

/* n bytes as 2n hex digits and a NUL into out[0..2n]; upper-case when upper.
 * The caller gives room for 2 * n + 1 bytes. */
void hex_encode(const uint8_t *p, size_t n, char *out, bool upper);

#endif
