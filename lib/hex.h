/* Hexadecimal text, as policies, options and GUID strings carry it. */
#ifndef FUTEET_LIB_HEX_H
#define FUTEET_LIB_HEX_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

/* The value of one hex digit (either case), or -1. */
FUTEET_MUST_CHECK int hex_digit(char c);

/* Exactly 2 * out_len hex digits in s[0..n) into out. 0 or -EINVAL. */
FUTEET_MUST_CHECK int hex_decode(const char *s, size_t n, uint8_t *out, size_t out_len);

#endif
