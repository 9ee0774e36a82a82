/* Frama-C EVA entry point for the evidence decoders (lib/evidence_decode.c
 * with lib/evidence.c's COSE_Key reader, lib/cbor.c and lib/cbor_get.c):
 *  - evidence_decode (the CMW collection) and evidence_claims_decode (the
 *    tag-601 claims set: cnf with its COSE_Key, nonce, text claims, the
 *    caps/claims/user items, the RTM list) over unknown bytes of every length
 *    0..EVIDENCE_MAX; NULL;
 *  - evidence_cose_key_decode (a program's COSE_Key for cnf, which the
 *    kernel decodes in futeet_attest) over the same bytes; NULL;
 *  - evidence_decode over a well-formed collection up to the "tsm" record's
 *    media type (the "__cmwc_t" type and a "futeet" record), followed by
 *    TSM_TAIL unknown bytes, every length 0..prefix + TSM_TAIL: the walk
 *    into the tsm-report map (decode_tsm), which a collection of at most
 *    EVIDENCE_MAX unknown bytes cannot reach (the media types alone are
 *    longer).
 * The input sits at the start of buf[]: EVA shows every read stays inside
 * buf[]; that reads stay below len is the decoder's index checks. Run by
 * scripts/prove; not compiled by make. */
#include <string.h>
#include "__fc_builtin.h"
#include "lib/evidence_decode.h"

#define EVIDENCE_MAX 48u
#define TSM_TAIL 40u
#define PREFIX_MAX 192u

static uint8_t buf[EVIDENCE_MAX];
static uint8_t coll[PREFIX_MAX + TSM_TAIL];

/* A CBOR text string (RFC 8949 section 3.1, major 3) of fewer than 256 bytes. */
static size_t put_tstr(size_t at, const char *s)
{
	size_t n = strlen(s);
	if (n < 24) {
		coll[at++] = (uint8_t)(0x60 | n);
	} else {
		coll[at++] = 0x78;
		coll[at++] = (uint8_t)n;
	}
	memcpy(coll + at, s, n);
	return at + n;
}

int main(void)
{
	size_t len = Frama_C_size_t_interval(0, sizeof(buf));
	struct evidence_view v;
	struct evidence_claims_view cv;
	const uint8_t *x, *y;
	int crv;
	size_t at = 0;

	Frama_C_make_unknown((char *)buf, sizeof(buf));
	(void)evidence_decode(buf, len, &v);
	(void)evidence_claims_decode(buf, len, &cv);
	(void)evidence_decode(NULL, len, &v);
	(void)evidence_claims_decode(NULL, len, &cv);
	(void)evidence_cose_key_decode(buf, len, &crv, &x, &y);
	(void)evidence_cose_key_decode(NULL, len, &crv, &x, &y);

	coll[at++] = 0xa3; /* map of 3 records */
	at = put_tstr(at, EVIDENCE_LABEL_CMWC_T);
	at = put_tstr(at, EVIDENCE_CMWC_TYPE);
	at = put_tstr(at, EVIDENCE_LABEL_FUTEET);
	coll[at++] = 0x82; /* [type, value] */
	at = put_tstr(at, EVIDENCE_FUTEET_MEDIA_TYPE);
	coll[at++] = 0x41; /* a 1-byte claims bstr */
	coll[at++] = 0x00;
	at = put_tstr(at, EVIDENCE_LABEL_TSM);
	coll[at++] = 0x82;
	at = put_tstr(at, EVIDENCE_TSM_MEDIA_TYPE);
	/*@ assert prefix_fits: at <= PREFIX_MAX; */
	Frama_C_make_unknown((char *)coll + at, TSM_TAIL);
	len = Frama_C_size_t_interval(0, at + TSM_TAIL);
	(void)evidence_decode(coll, len, &v);
	return 0;
}
