/* Decoders of FUTEET evidence (lib/evidence_decode.c): the CMW collection
 * and the tag-601 claims set of lib/evidence.h, as a verifier reads a peer's
 * (host tools, ring 3). Not for the kernel, which only encodes evidence. */
#ifndef FUTEET_LIB_EVIDENCE_DECODE_H
#define FUTEET_LIB_EVIDENCE_DECODE_H

#include "lib/evidence.h"

/* Decoded claims set: pointers into the claims bytes. */
struct evidence_claims_view {
	const uint8_t *nonce;
	size_t nonce_len;
	const char *profile;      /* NULL if absent */
	size_t profile_len;
	const char *swname;
	size_t swname_len;
	const char *swversion;
	size_t swversion_len;
	const char *tee;
	size_t tee_len;
	int cnf_crv;              /* 0 if no cnf */
	const uint8_t *cnf_x, *cnf_y;
	size_t cnf_coord_len;     /* 32 or 48 */
	const uint8_t *caps;      /* FUTEET_KEY_CAPS item, NULL if absent */
	size_t caps_len;
	const uint8_t *claims;    /* FUTEET_KEY_CLAIMS item */
	size_t claims_len;
	const uint8_t *user;      /* FUTEET_KEY_USER item */
	size_t user_len;
	const uint8_t *rtm_log;   /* FUTEET_KEY_RTM_LOG content */
	size_t rtm_log_len;
	uint32_t rtm_count;       /* FUTEET_KEY_RTM entries */
	uint32_t rtm_index[EVIDENCE_RTM_MAX];
	const uint8_t *rtm_value[EVIDENCE_RTM_MAX];
	uint32_t unknown_claims;  /* keys we skipped (forward compatible) */
};

/* Decoded CMW collection: pointers into the evidence buffer. */
struct evidence_view {
	const uint8_t *claims;    /* content of the "futeet" byte string */
	size_t claims_len;
	const char *provider;
	size_t provider_len;
	const uint8_t *outblob;
	size_t outblob_len;
	const uint8_t *auxblob;   /* NULL if absent */
	size_t auxblob_len;
	const uint8_t *ccel;      /* the "ccel" record's event log, NULL if absent */
	size_t ccel_len;
	uint32_t unknown_records; /* further CMW records we skipped */
};

/* Strict decode of a CMW collection. 0, -EBADMSG (malformed CBOR, missing or
 * duplicate record, wrong shape), -EPROTO (wrong collection type or media
 * type). Trailing bytes are refused. */
FUTEET_MUST_CHECK int evidence_decode(const uint8_t *buf, size_t len, struct evidence_view *v);

/* Strict decode of a tag-601 claims set. -EBADMSG if malformed, a key
 * repeated, or the nonce missing or outside 8..64 bytes. */
FUTEET_MUST_CHECK int evidence_claims_decode(const uint8_t *claims, size_t len, struct evidence_claims_view *cv);

#endif
