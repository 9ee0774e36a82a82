/* A static Linux program (built with musl-gcc by the QEMU test, outside
 * FUTEET's tree and libc) that asks FUTEET for evidence through the
 * header-only <futeet/static.h> and prints it base64-armoured, as
 * user/apps/attest does, for scripts/run --save-evidence.
 *   attest_static NONCE-HEX */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <futeet/static.h>

static unsigned char ev[64 * 1024];

int main(int argc, char **argv)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char nonce[64];
	size_t n = 0, len = 0;

	if (argc != 2 || strlen(argv[1]) % 2 || strlen(argv[1]) > 128) {
		fprintf(stderr, "usage: attest_static NONCE-HEX\n");
		return 2;
	}
	for (; n < strlen(argv[1]) / 2; n++)
		if (sscanf(argv[1] + 2 * n, "%2hhx", &nonce[n]) != 1)
			return 2;
	long r = futeet_inline_futeet_attest((long)nonce, (long)n, (long)ev, sizeof(ev), (long)&len, 0);
	if (r < 0) {
		fprintf(stderr, "attest_static: futeet_attest: %ld\n", r);
		return 1;
	}
	printf("-----BEGIN FUTEET EVIDENCE-----\n");
	for (size_t i = 0, col = 0; i < len; i += 3) {
		unsigned v = ev[i] << 16 | (i + 1 < len ? ev[i + 1] << 8 : 0) | (i + 2 < len ? ev[i + 2] : 0);
		char q[4] = { b64[v >> 18 & 63], b64[v >> 12 & 63],
			      i + 1 < len ? b64[v >> 6 & 63] : '=', i + 2 < len ? b64[v & 63] : '=' };
		fwrite(q, 1, 4, stdout);
		if ((col += 4) == 64 || i + 3 >= len) {
			putchar('\n');
			col = 0;
		}
	}
	printf("-----END FUTEET EVIDENCE-----\n");
	return 0;
}
