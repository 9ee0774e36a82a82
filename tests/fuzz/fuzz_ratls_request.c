/* libFuzzer harness: the RA-TLS server's request lines (lib/ratls_tls.c
 * ratls_request_parse, CHANNEL.md 11.3): what an anonymous TLS client sends
 * after the handshake. The input is split at LF into lines of at most
 * RATLS_LINE_MAX bytes, as the server reads them. Oracle: NONCE exactly for
 * "nonce " + 64 hex digits, and the 32 bytes it returns print back as those
 * digits; QUIT exactly for "quit". */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "lib/ratls_tls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ABORT_UNLESS(c) do { if (!(c)) __builtin_trap(); } while (0)

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static void check(const char *line, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	uint8_t nonce[RATLS_NONCE_LEN];
	enum ratls_request r = ratls_request_parse(line, len, nonce);

	ABORT_UNLESS((r == RATLS_REQ_QUIT) == (len == 4 && memcmp(line, "quit", 4) == 0));
	if (r == RATLS_REQ_NONCE) {
		ABORT_UNLESS(len == 6 + 2 * RATLS_NONCE_LEN && memcmp(line, "nonce ", 6) == 0);
		for (size_t i = 0; i < RATLS_NONCE_LEN; i++) {
			ABORT_UNLESS(lower(line[6 + 2 * i]) == digits[nonce[i] >> 4]);
			ABORT_UNLESS(lower(line[7 + 2 * i]) == digits[nonce[i] & 15]);
		}
	}
	if (r == RATLS_REQ_BAD_NONCE)
		ABORT_UNLESS(len >= 6 && memcmp(line, "nonce ", 6) == 0);
	if (r == RATLS_REQ_UNKNOWN)
		ABORT_UNLESS(!(len >= 6 && memcmp(line, "nonce ", 6) == 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[RATLS_LINE_MAX + 1];
	size_t n = 0;

	for (size_t i = 0; i < size; i++) {
		if (data[i] == '\n') {
			check(line, n);
			n = 0;
		} else if (data[i] != '\r' && n < RATLS_LINE_MAX) {
			line[n++] = (char)data[i];
		}
	}
	check(line, n);
	return 0;
}
