/* Decoders of FUTEET evidence (evidence.h): the CMW collection and the
 * tag-601 claims set of a peer, hostile input. The verifier's (host tools,
 * ring 3), never linked into the kernel, which only encodes evidence.
 * Specs: RFC 8949, RFC 9711, RFC 9781, RFC 8747, draft-ietf-rats-msg-wrap. */
#include <string.h>

#include "futeet/errno.h"
#include "lib/cbor_get.h"
#include "lib/evidence_decode.h"

/* Bounds on what a decoder walks: records in a collection, claims in a set. */
#define EVIDENCE_MAX_RECORDS 16u
#define EVIDENCE_MAX_CLAIMS  64u
#define EVIDENCE_MAX_TSM_FIELDS 8u

/* cnf = { 1: COSE_Key } (RFC 8747 section 3.2); other confirmation methods
 * (encrypted key, kid) are skipped, one COSE_Key is required. */
static int decode_cnf(struct cbor_dec *d, struct evidence_claims_view *cv)
{
	uint64_t pairs;
	int64_t k;
	bool have_key = false;

	if (cbor_get_map(d, &pairs) || pairs > 4)
		return -EBADMSG;
	for (uint64_t i = 0; i < pairs; i++) {
		if (cbor_get_int(d, &k))
			return -EBADMSG;
		if (k != COSE_KEY_CNF_COSE_KEY) {
			if (cbor_skip(d))
				return -EBADMSG;
			continue; /* encrypted key / kid forms: not ours */
		}
		if (have_key || evidence_cose_key_get(d, &cv->cnf_crv, &cv->cnf_x, &cv->cnf_y,
						      &cv->cnf_coord_len))
			return -EBADMSG;
		have_key = true;
	}
	return have_key ? 0 : -EBADMSG;
}

/* One CMW record: [type: tstr, value: bstr, ? ind: uint]; type and value as
 * spans of the collection's buffer (empty on failure, as the getters'). */
static int get_record(struct cbor_dec *d, struct cbor_span *mt, struct cbor_span *val)
{
	uint64_t n, ind;
	int r;

	mt->off = mt->end = val->off = val->end = d->pos;
	r = cbor_get_array(d, &n);
	if (r)
		return -EBADMSG;
	if (n != 2 && n != 3)
		return -EBADMSG;
	if (cbor_get_tstr_span(d, mt) || cbor_get_bstr_span(d, val))
		return -EBADMSG;
	if (n == 3) {
		if (cbor_get_uint(d, &ind))
			return -EBADMSG;
		if (!(ind & EVIDENCE_CMW_IND_EVIDENCE))
			return -EPROTO;
	}
	return 0;
}

/* The "tsm" record's value: a tsm-report map, decoded in place (a nested
 * decoder over the record's span of the collection's buffer). */
static int decode_tsm(const struct cbor_dec *outer, struct cbor_span tsm, struct evidence_view *v)
{
	struct cbor_dec d;
	uint64_t pairs;
	bool have_out = false, have_prov = false, have_aux = false;

	cbor_dec_span(&d, outer, tsm);
	if (cbor_get_map(&d, &pairs) || pairs > EVIDENCE_MAX_TSM_FIELDS)
		return -EBADMSG;
	for (uint64_t i = 0; i < pairs; i++) {
		struct cbor_span k;
		if (cbor_get_tstr_span(&d, &k))
			return -EBADMSG;
		if (cbor_span_eq(&d, k, "outblob")) {
			if (have_out || cbor_get_bstr(&d, &v->outblob, &v->outblob_len))
				return -EBADMSG;
			have_out = true;
		} else if (cbor_span_eq(&d, k, "auxblob")) {
			if (have_aux || cbor_get_bstr(&d, &v->auxblob, &v->auxblob_len))
				return -EBADMSG;
			have_aux = true;
		} else if (cbor_span_eq(&d, k, "provider")) {
			if (have_prov || cbor_get_tstr(&d, &v->provider, &v->provider_len))
				return -EBADMSG;
			have_prov = true;
		} else if (cbor_skip(&d)) {
			return -EBADMSG; /* manifestblob, service_provider, ... */
		}
	}
	if (!cbor_dec_done(&d) || !have_out || !have_prov || v->provider_len == 0 ||
	    v->outblob_len == 0)
		return -EBADMSG;
	if (!have_aux) {
		v->auxblob = NULL;
		v->auxblob_len = 0;
	}
	return 0;
}

int evidence_decode(const uint8_t *buf, size_t len, struct evidence_view *v)
{
	struct cbor_dec d;
	uint64_t pairs;
	bool have_futeet = false, have_tsm = false, have_type = false, have_ccel = false;
	struct cbor_span tsm = { 0, 0 };
	int r;

	if (!buf || !v)
		return -EINVAL;
	memset(v, 0, sizeof(*v));
	cbor_dec_init(&d, buf, len);
	if (cbor_get_map(&d, &pairs) || pairs > EVIDENCE_MAX_RECORDS)
		return -EBADMSG;
	for (uint64_t i = 0; i < pairs; i++) {
		struct cbor_span k, mt, val;
		if (cbor_get_tstr_span(&d, &k))
			return -EBADMSG;
		if (cbor_span_eq(&d, k, EVIDENCE_LABEL_CMWC_T)) {
			struct cbor_span t;
			if (have_type || cbor_get_tstr_span(&d, &t))
				return -EBADMSG;
			if (!cbor_span_eq(&d, t, EVIDENCE_CMWC_TYPE))
				return -EPROTO;
			have_type = true;
		} else if (cbor_span_eq(&d, k, EVIDENCE_LABEL_FUTEET)) {
			if (have_futeet)
				return -EBADMSG;
			r = get_record(&d, &mt, &val);
			if (r)
				return r;
			if (!cbor_span_eq(&d, mt, EVIDENCE_FUTEET_MEDIA_TYPE))
				return -EPROTO;
			v->claims = cbor_span_ptr(&d, val);
			v->claims_len = cbor_span_len(val);
			have_futeet = true;
		} else if (cbor_span_eq(&d, k, EVIDENCE_LABEL_TSM)) {
			if (have_tsm)
				return -EBADMSG;
			r = get_record(&d, &mt, &tsm);
			if (r)
				return r;
			if (!cbor_span_eq(&d, mt, EVIDENCE_TSM_MEDIA_TYPE))
				return -EPROTO;
			have_tsm = true;
		} else if (cbor_span_eq(&d, k, EVIDENCE_LABEL_CCEL)) {
			if (have_ccel)
				return -EBADMSG;
			r = get_record(&d, &mt, &val);
			if (r)
				return r;
			if (!cbor_span_eq(&d, mt, EVIDENCE_CCEL_MEDIA_TYPE))
				return -EPROTO;
			v->ccel = cbor_span_ptr(&d, val);
			v->ccel_len = cbor_span_len(val);
			have_ccel = true;
		} else {
			if (cbor_skip(&d))
				return -EBADMSG;
			v->unknown_records++;
		}
	}
	if (!cbor_dec_done(&d))
		return -EBADMSG;
	if (!have_type || !have_futeet || !have_tsm || v->claims_len == 0)
		return -EBADMSG;
	return decode_tsm(&d, tsm, v);
}

/* One item of the given major type (0xff: any), as a byte range. */
static int get_item(struct cbor_dec *d, uint8_t major, const uint8_t **p, size_t *n)
{
	uint8_t m;
	size_t start = d->pos;

	if (cbor_peek_major(d, &m) || (major != 0xff && m != major) || cbor_skip(d))
		return -EBADMSG;
	*p = d->buf + start;
	*n = d->pos - start;
	return 0;
}

/* [ + [index: uint, value: bstr .size 48] ], at most EVIDENCE_RTM_MAX,
 * indexes strictly ascending (so none twice). */
static int decode_rtm(struct cbor_dec *d, struct evidence_claims_view *cv)
{
	uint64_t n, m, idx;
	size_t vl;

	if (cbor_get_array(d, &n) || n == 0 || n > EVIDENCE_RTM_MAX)
		return -EBADMSG;
	for (uint64_t i = 0; i < n; i++) {
		if (cbor_get_array(d, &m) || m != 2 || cbor_get_uint(d, &idx) || idx > 255 ||
		    (i > 0 && idx <= cv->rtm_index[i - 1]) ||
		    cbor_get_bstr(d, &cv->rtm_value[i], &vl) || vl != EVIDENCE_RTM_SIZE)
			return -EBADMSG;
		cv->rtm_index[i] = (uint32_t)idx;
	}
	cv->rtm_count = (uint32_t)n;
	return 0;
}

int evidence_claims_decode(const uint8_t *claims, size_t len, struct evidence_claims_view *cv)
{
	struct cbor_dec d;
	uint64_t tag, pairs;

	if (!claims || !cv)
		return -EINVAL;
	memset(cv, 0, sizeof(*cv));
	cbor_dec_init(&d, claims, len);
	if (cbor_get_tag(&d, &tag) || tag != EVIDENCE_TAG_UCCS)
		return -EBADMSG;
	if (cbor_get_map(&d, &pairs) || pairs > EVIDENCE_MAX_CLAIMS)
		return -EBADMSG;
	for (uint64_t i = 0; i < pairs; i++) {
		int64_t key;
		uint8_t major;
		if (cbor_peek_major(&d, &major))
			return -EBADMSG;
		if (major != CBOR_MAJOR_UINT && major != CBOR_MAJOR_NINT) {
			/* text-keyed claims are legal EAT; not ours: skip key+value */
			if (cbor_skip(&d) || cbor_skip(&d))
				return -EBADMSG;
			cv->unknown_claims++;
			continue;
		}
		if (cbor_get_int(&d, &key))
			return -EBADMSG;
		switch (key) {
		case EAT_KEY_CNF:
			if (cv->cnf_crv || decode_cnf(&d, cv))
				return -EBADMSG;
			break;
		case EAT_KEY_NONCE:
			if (cv->nonce || cbor_get_bstr(&d, &cv->nonce, &cv->nonce_len))
				return -EBADMSG;
			if (cv->nonce_len < EAT_NONCE_MIN || cv->nonce_len > EAT_NONCE_MAX)
				return -EBADMSG;
			break;
		case EAT_KEY_PROFILE:
			if (cv->profile || cbor_get_tstr(&d, &cv->profile, &cv->profile_len))
				return -EBADMSG;
			break;
		case EAT_KEY_SWNAME:
			if (cv->swname || cbor_get_tstr(&d, &cv->swname, &cv->swname_len))
				return -EBADMSG;
			break;
		case EAT_KEY_SWVERSION: {
			uint64_t n;
			if (cv->swversion || cbor_get_array(&d, &n) || n < 1 || n > 2)
				return -EBADMSG;
			if (cbor_get_tstr(&d, &cv->swversion, &cv->swversion_len))
				return -EBADMSG;
			if (n == 2 && cbor_skip(&d))
				return -EBADMSG;
			break;
		}
		case FUTEET_KEY_TEE:
			if (cv->tee || cbor_get_tstr(&d, &cv->tee, &cv->tee_len))
				return -EBADMSG;
			break;
		case FUTEET_KEY_CAPS:
			if (cv->caps || get_item(&d, CBOR_MAJOR_MAP, &cv->caps, &cv->caps_len))
				return -EBADMSG;
			break;
		case FUTEET_KEY_CLAIMS:
			if (cv->claims || get_item(&d, CBOR_MAJOR_MAP, &cv->claims, &cv->claims_len))
				return -EBADMSG;
			break;
		case FUTEET_KEY_USER:
			if (cv->user || get_item(&d, 0xff, &cv->user, &cv->user_len))
				return -EBADMSG;
			break;
		case FUTEET_KEY_RTM_LOG:
			if (cv->rtm_log || cbor_get_bstr(&d, &cv->rtm_log, &cv->rtm_log_len))
				return -EBADMSG;
			break;
		case FUTEET_KEY_RTM:
			if (cv->rtm_count || decode_rtm(&d, cv))
				return -EBADMSG;
			break;
		default:
			if (cbor_skip(&d))
				return -EBADMSG;
			cv->unknown_claims++;
			break;
		}
	}
	if (!cbor_dec_done(&d) || !cv->nonce)
		return -EBADMSG;
	return 0;
}
