/* libfuteet: bytes printed as base64 (RFC 4648 section 4) in 64-column lines
 * between "-----BEGIN FUTEET <label>-----" and "-----END FUTEET <label>-----",
 * the blocks scripts/run --save-evidence / --save-sealed and futeet-verify
 * read back from the console. */
#include <stdint.h>
#include <stdio.h>
#include <futeet/futeet.h>

void futeet_print_armored(const char *label, const void *buf, size_t n)
{
	static const char tbl[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const uint8_t *p = buf;
	char line[65];
	size_t col = 0;

	printf("-----BEGIN FUTEET %s-----\n", label);
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		size_t k = n - i;
		char q[4];

		if (k > 1)
			v |= (uint32_t)p[i + 1] << 8;
		if (k > 2)
			v |= p[i + 2];
		q[0] = tbl[v >> 18 & 63];
		q[1] = tbl[v >> 12 & 63];
		q[2] = k > 1 ? tbl[v >> 6 & 63] : '=';
		q[3] = k > 2 ? tbl[v & 63] : '=';
		for (int j = 0; j < 4; j++) {
			line[col++] = q[j];
			if (col == 64) {
				line[col] = 0;
				printf("%s\n", line);
				col = 0;
			}
		}
	}
	if (col) {
		line[col] = 0;
		printf("%s\n", line);
	}
	printf("-----END FUTEET %s-----\n", label);
}
