/* attest's own helpers (user/apps/attest*.c): no lib/, no BearSSL, so the
 * program's checks are independent of the code that built the evidence. */
#ifndef ATTEST_H
#define ATTEST_H

#include <stddef.h>
#include <stdint.h>

void attest_sha512(const void *data, size_t len, uint8_t out[64]);
void attest_sha384(const void *data, size_t len, uint8_t out[48]);

/* The parts of FUTEET evidence attest needs (DESIGN.md section 5): pointers
 * into the evidence buffer. */
struct attest_view {
	const uint8_t *claims;   size_t claims_len;   /* "futeet" record bstr */
	const uint8_t *nonce;    size_t nonce_len;    /* claims key 10 */
	const char *provider;    size_t provider_len; /* "tsm" provider */
	const uint8_t *outblob;  size_t outblob_len;
	const uint8_t *auxblob;  size_t auxblob_len;
	const uint8_t *ccel;     size_t ccel_len;     /* "ccel" record (TDX), or NULL */
};

/* 0, or -1 with *why set when the evidence is not what DESIGN.md says. */
int attest_decode(const uint8_t *ev, size_t len, struct attest_view *v, const char **why);

#endif
