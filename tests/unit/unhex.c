/* tests/unit/unhex.h, over lib/hex.c's decoder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hex.h"
#include "tests/unit/unhex.h"

size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex);

	if (n % 2 || n / 2 > cap || hex_decode(hex, n, out, n / 2)) {
		fprintf(stderr, "unhex: bad test vector (%zu digits, room for %zu bytes): %.40s\n",
			n, cap, hex);
		abort();
	}
	return n / 2;
}

void unhex_exact(const char *hex, uint8_t *out, size_t n)
{
	if (unhex(hex, out, n) != n) {
		fprintf(stderr, "unhex: test vector of %zu digits, want %zu bytes: %.40s\n",
			strlen(hex), n, hex);
		abort();
	}
}
