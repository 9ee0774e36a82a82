/* Hex test vectors to bytes, for the host unit tests. */
#ifndef FUTEET_TESTS_UNHEX_H
#define FUTEET_TESTS_UNHEX_H

#include <stddef.h>
#include <stdint.h>

/* The bytes of hex (an even number of digits, either case) into out[0..cap);
 * returns their number. A malformed or too long vector is a bug in the test:
 * it says so on stderr and aborts. */
size_t unhex(const char *hex, uint8_t *out, size_t cap);
/* The same for a vector of exactly n bytes (2n digits). */
void unhex_exact(const char *hex, uint8_t *out, size_t n);

#endif
