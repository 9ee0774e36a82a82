/* libFuzzer harness: the RA-TLS certificate-extension extraction
 * (lib/ratls.c ratls_cert_parse, over lib/x509.c and lib/der.c) on hostile
 * bytes: a certificate a TLS server sent. Oracles beyond ASan/UBSan: an
 * accepted certificate's evidence and key lie inside the input, within the
 * bounds; a refusal always has a reason; the self-signature and binding
 * checks run on whatever was accepted. The second half of the input, when
 * it parses, is also wrapped in a certificate by the encoder and must come
 * back out unchanged (round trip). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "lib/evidence.h"
#include "lib/ratls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ABORT_UNLESS(c) do { if (!(c)) __builtin_trap(); } while (0)

static uint8_t cert[RATLS_CERT_MAX];

/* Fixed key: SEC 2's generator is the public key of the scalar 1. */
static const uint8_t ONE[32] = { [31] = 1 };
static const uint8_t G[65] = {
	0x04, 0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5, 0x63, 0xa4,
	0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4, 0xa1, 0x39, 0x45, 0xd8,
	0x98, 0xc2, 0x96, 0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a,
	0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40,
	0x68, 0x37, 0xbf, 0x51, 0xf5,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ratls_cert c;
	const char *why = NULL;
	int err = ratls_cert_parse(data, size, &c, &why);

	if (err) {
		ABORT_UNLESS(why && why[0]);
	} else {
		ABORT_UNLESS(c.evidence >= data && c.evidence_len >= 1 &&
			     c.evidence_len <= RATLS_EVIDENCE_MAX &&
			     c.evidence + c.evidence_len <= data + size);
		ABORT_UNLESS(c.point >= data && c.point + RATLS_POINT_LEN <= data + size &&
			     c.point[0] == 0x04);
		(void)ratls_cert_check_self_signed(&c);
		/* the binding with the certificate's own key and nonce holds */
		ABORT_UNLESS(ratls_check_binding(&c, COSE_CRV_P256, 32, c.point + 1, c.point + 33,
						 c.spki_hash, 32, c.spki_hash, &why) == 0);
	}
	/* round trip: any 1..RATLS_EVIDENCE_MAX bytes as evidence */
	if (size >= 1 && size <= RATLS_EVIDENCE_MAX && (data[0] & 0x0F) == 0) {
		struct ratls_cert_params p = { ONE, G, G + 1, data, size };
		size_t len = 0;

		ABORT_UNLESS(ratls_cert_build(&p, cert, sizeof(cert), &len) == 0);
		ABORT_UNLESS(ratls_cert_parse(cert, len, &c, &why) == 0);
		ABORT_UNLESS(c.evidence_len == size && memcmp(c.evidence, data, size) == 0);
		ABORT_UNLESS(memcmp(c.point, G, sizeof(G)) == 0);
	}
	return 0;
}
