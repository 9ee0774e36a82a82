/* libFuzzer: the claims set's new parts (lib/evidence.c) taken directly,
 * not through a CMW: evidence_claims_decode (descriptor, normalized claims,
 * registers, the kernel's event log, user claims), evidence_cose_key_decode
 * (the key a program hands futeet_attest) and evidence_is_one_item (its
 * claims). Properties: every range points into the input; every raw item
 * is exactly one CBOR item; a descriptor is decodable or refused, never a
 * crash (caps_decode); a log with registers replays or is refused
 * (cclog_replay); an accepted COSE_Key has coordinates of its curve's size. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/caps_decode.h"
#include "lib/cclog.h"
#include "lib/evidence_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void in_range(const uint8_t *p, size_t n, const uint8_t *data, size_t size)
{
	if (p != NULL && (p < data || n > size || p + n > data + size))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct evidence_claims_view cv;
	const uint8_t *x, *y;
	int crv = 0;

	if (evidence_cose_key_decode(data, size, &crv, &x, &y) == 0) {
		size_t cl = crv == COSE_CRV_P256 ? 32 : crv == COSE_CRV_P384 ? 48 : 0;
		if (cl == 0)
			__builtin_trap();
		in_range(x, cl, data, size);
		in_range(y, cl, data, size);
	}
	(void)evidence_is_one_item(data, size);
	if (evidence_claims_decode(data, size, &cv) != 0)
		return 0;
	in_range(cv.nonce, cv.nonce_len, data, size);
	in_range(cv.caps, cv.caps_len, data, size);
	in_range(cv.claims, cv.claims_len, data, size);
	in_range(cv.user, cv.user_len, data, size);
	in_range(cv.rtm_log, cv.rtm_log_len, data, size);
	if ((cv.caps && !evidence_is_one_item(cv.caps, cv.caps_len)) ||
	    (cv.claims && !evidence_is_one_item(cv.claims, cv.claims_len)) ||
	    (cv.user && !evidence_is_one_item(cv.user, cv.user_len)) ||
	    cv.rtm_count > EVIDENCE_RTM_MAX)
		__builtin_trap();
	for (uint32_t i = 0; i < cv.rtm_count; i++)
		in_range(cv.rtm_value[i], EVIDENCE_RTM_SIZE, data, size);
	if (cv.caps) {
		struct futeet_caps c;
		(void)caps_decode(cv.caps, cv.caps_len, &c, NULL);
	}
	if (cv.rtm_log) {
		uint8_t rtmr[CCLOG_RTMRS][CCLOG_SHA384_SIZE];
		size_t used;
		uint32_t events;
		if (cclog_replay(cv.rtm_log, cv.rtm_log_len, rtmr, &used, &events) == 0 &&
		    used > cv.rtm_log_len)
			__builtin_trap();
	}
	return 0;
}
