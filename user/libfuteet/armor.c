/* libfuteet: bytes printed as base64 (RFC 4648 section 4) in 64-column lines
 * between "-----BEGIN FUTEET <label>-----" and "-----END FUTEET <label>-----",
 * the blocks scripts/run --save-evidence / --save-sealed and futeet-verify
 * read back from the console. */
#include <stdint.h>
#include <stdio.h>
#include <futeet/futeet.h>
#include "lib/base64.h"

void futeet_print_armored(const char *label, const void *buf, size_t n)
{
	const uint8_t *p = buf;
	char line[BASE64_LINE_CHARS + 1];

	printf("-----BEGIN FUTEET %s-----\n", label);
	for (size_t i = 0; i < n; i += BASE64_LINE_BYTES) {
		base64_line(p + i, n - i, line);
		printf("%s\n", line);
	}
	printf("-----END FUTEET %s-----\n", label);
}
