/* libFuzzer: FUTEET evidence decoding (lib/evidence: CMW collection, tsm
 * record, tag-601 claims) and the whole unified verifier (lib/verify:
 * appraise + EAR writer) on hostile input. Decoded views must stay inside
 * the input buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cbor.h"
#include "lib/evidence_decode.h"
#include "lib/json.h"
#include "lib/verify/appraise.h"
#include "lib/verify/ear.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void inside(const uint8_t *p, size_t n, const uint8_t *buf, size_t len)
{
	if (p && (p < buf || n > len || p + n > buf + len))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct appraise_result r;
	static uint8_t ear[65536];
	struct evidence_view v;
	struct evidence_claims_view cv;
	struct appraise_input in;
	struct ear_meta m = { .iat = 1767225600, .build = "fuzz" };
	char why[256];
	size_t len;

	if (evidence_decode(data, size, &v) == 0) {
		inside(v.claims, v.claims_len, data, size);
		inside(v.outblob, v.outblob_len, data, size);
		inside(v.auxblob, v.auxblob_len, data, size);
		inside((const uint8_t *)v.provider, v.provider_len, data, size);
		if (evidence_claims_decode(v.claims, v.claims_len, &cv) == 0) {
			inside(cv.nonce, cv.nonce_len, data, size);
			if (cv.nonce_len < EAT_NONCE_MIN || cv.nonce_len > EAT_NONCE_MAX)
				abort();
		}
	}

	memset(&in, 0, sizeof(in));
	in.evidence = data;
	in.evidence_len = size;
	in.time_known = true;
	in.now = 1767225600;
	in.nonce = (const uint8_t *)"01234567";
	in.nonce_len = 8;
	if (appraise(&in, &r, why, sizeof(why)) == 0) {
		struct json_dec jd;
		struct cbor_dec cd;
		/* the result is always one well-formed JSON / CBOR item */
		if (ear_write(&r, &m, EAR_FORMAT_JSON, ear, sizeof(ear), &len) != 0)
			abort();
		json_dec_init(&jd, (const char *)ear, len);
		if (json_skip(&jd) != 0 || json_end(&jd) != 0)
			abort();
		if (ear_write(&r, &m, EAR_FORMAT_CBOR, ear, sizeof(ear), &len) != 0)
			abort();
		cbor_dec_init(&cd, ear, len);
		if (cbor_skip(&cd) != 0 || !cbor_dec_done(&cd))
			abort();
	}
	if (!memchr(why, 0, sizeof(why)))
		abort();
	return 0;
}
