/* FUTEET unified evidence: CMW collection + tag-601 claims set; see evidence.h.
 * Specs: RFC 8949 (CBOR, section 4.2.1 deterministic order), RFC 9711 (EAT
 * claims), RFC 9781 (UCCS, tag 601), draft-ietf-rats-msg-wrap
 * (CMW record [type, value, ind] and collection with "__cmwc_t"), Veraison
 * ratsd docs/tsm-report.cddl (tsm-report map). */
#include <string.h>

#include <bearssl.h>

#include "futeet/errno.h"
#include "lib/cbor.h"
#include "lib/evidence.h"

/* Bounds on what a decoder walks: records in a collection, claims in a set. */
#define EVIDENCE_MAX_RECORDS 16u
#define EVIDENCE_MAX_CLAIMS  64u
#define EVIDENCE_MAX_TSM_FIELDS 8u

/* Coordinate length for a COSE EC2 curve (RFC 9053 section 7.1), 0 if unknown. */
static size_t cnf_coord_len(int crv)
{
	return crv == COSE_CRV_P256 ? 32 : crv == COSE_CRV_P384 ? 48 : 0;
}

/* COSE_Key = { 1: 2, -1: crv, -2: x, -3: y }; other parameters (kid, alg,
 * ...) are skipped. */
static int decode_cose_key(struct cbor_dec *d, int *crv_out, const uint8_t **x_out,
			   const uint8_t **y_out, size_t *coord_len)
{
	uint64_t kp;
	int64_t k, kty = 0, crv = 0;
	const uint8_t *x = NULL, *y = NULL;
	size_t xl = 0, yl = 0;

	if (cbor_get_map(d, &kp) || kp > 16)
		return -EBADMSG;
	for (uint64_t j = 0; j < kp; j++) {
		const uint8_t *p;
		size_t n;
		if (cbor_get_int(d, &k))
			return -EBADMSG;
		switch (k) {
		case COSE_KEY_KTY:
			if (kty || cbor_get_int(d, &kty))
				return -EBADMSG;
			break;
		case COSE_KEY_CRV:
			if (crv || cbor_get_int(d, &crv))
				return -EBADMSG;
			break;
		case COSE_KEY_X:
			if (x || cbor_get_bstr(d, &p, &n))
				return -EBADMSG;
			x = p;
			xl = n;
			break;
		case COSE_KEY_Y:
			if (y || cbor_get_bstr(d, &p, &n))
				return -EBADMSG;
			y = p;
			yl = n;
			break;
		default:
			if (cbor_skip(d))
				return -EBADMSG;
			break;
		}
	}
	if (kty != COSE_KTY_EC2 || !x || !y || (crv != COSE_CRV_P256 && crv != COSE_CRV_P384) ||
	    xl != cnf_coord_len((int)crv) || yl != xl)
		return -EBADMSG;
	*crv_out = (int)crv;
	*x_out = x;
	*y_out = y;
	*coord_len = xl;
	return 0;
}

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
		if (have_key || decode_cose_key(d, &cv->cnf_crv, &cv->cnf_x, &cv->cnf_y,
						&cv->cnf_coord_len))
			return -EBADMSG;
		have_key = true;
	}
	return have_key ? 0 : -EBADMSG;
}

int evidence_cose_key_decode(const uint8_t *key, size_t len, int *crv, const uint8_t **x,
			     const uint8_t **y)
{
	struct cbor_dec d;
	size_t cl;

	if (key == NULL || crv == NULL || x == NULL || y == NULL)
		return -EINVAL;
	cbor_dec_init(&d, key, len);
	if (decode_cose_key(&d, crv, x, y, &cl) || !cbor_dec_done(&d))
		return -EINVAL;
	return 0;
}

bool evidence_is_one_item(const uint8_t *buf, size_t len)
{
	struct cbor_dec d;

	if (buf == NULL || len == 0)
		return false;
	cbor_dec_init(&d, buf, len);
	return cbor_skip(&d) == 0 && cbor_dec_done(&d);
}

int evidence_claims_encode(const struct evidence_claims *c, uint8_t *buf, size_t cap,
			   size_t *len)
{
	struct cbor_enc e;
	uint64_t n = 2;

	if (!c || !len || (!c->nonce && c->nonce_len))
		return -EINVAL;
	if (c->nonce_len < EAT_NONCE_MIN || c->nonce_len > EAT_NONCE_MAX)
		return -EINVAL;
	if (c->cnf_crv && (cnf_coord_len(c->cnf_crv) == 0 || !c->cnf_x || !c->cnf_y))
		return -EINVAL;
	if ((c->caps && !evidence_is_one_item(c->caps, c->caps_len)) ||
	    (c->claims && !evidence_is_one_item(c->claims, c->claims_len)) ||
	    (c->user && !evidence_is_one_item(c->user, c->user_len)) ||
	    c->rtm_count > EVIDENCE_RTM_MAX || (c->rtm_log_len && !c->rtm_log))
		return -EINVAL;
	for (uint32_t i = 0; i < c->rtm_count; i++)
		if (!c->rtm_value[i])
			return -EINVAL;
	n += c->cnf_crv != 0;
	n += c->swname != NULL;
	n += c->swversion != NULL;
	n += c->tee != NULL;
	n += c->caps != NULL;
	n += c->claims != NULL;
	n += c->rtm_log != NULL;
	n += c->rtm_count != 0;
	n += c->user != NULL;

	cbor_enc_init(&e, buf, cap);
	cbor_put_tag(&e, EVIDENCE_TAG_UCCS);
	cbor_put_map(&e, n);
	/* keys in deterministic order: 8, 10, 265, 270, 271, then negatives */
	if (c->cnf_crv) {
		size_t cl = cnf_coord_len(c->cnf_crv);
		cbor_put_uint(&e, EAT_KEY_CNF);
		cbor_put_map(&e, 1);
		cbor_put_uint(&e, COSE_KEY_CNF_COSE_KEY);
		cbor_put_map(&e, 4); /* 1, -1, -2, -3 */
		cbor_put_int(&e, COSE_KEY_KTY);
		cbor_put_uint(&e, COSE_KTY_EC2);
		cbor_put_int(&e, COSE_KEY_CRV);
		cbor_put_uint(&e, (uint64_t)c->cnf_crv);
		cbor_put_int(&e, COSE_KEY_X);
		cbor_put_bstr(&e, c->cnf_x, cl);
		cbor_put_int(&e, COSE_KEY_Y);
		cbor_put_bstr(&e, c->cnf_y, cl);
	}
	cbor_put_uint(&e, EAT_KEY_NONCE);
	cbor_put_bstr(&e, c->nonce, c->nonce_len);
	cbor_put_uint(&e, EAT_KEY_PROFILE);
	cbor_put_tstr_z(&e, EVIDENCE_PROFILE);
	if (c->swname) {
		cbor_put_uint(&e, EAT_KEY_SWNAME);
		cbor_put_tstr_z(&e, c->swname);
	}
	if (c->swversion) {
		/* RFC 9711 swversion = [version: tstr, ? scheme] */
		cbor_put_uint(&e, EAT_KEY_SWVERSION);
		cbor_put_array(&e, 1);
		cbor_put_tstr_z(&e, c->swversion);
	}
	/* negative keys: -75000, -75002, ... (arguments 74999, 75001, ...
	 * ascending: section 4.2.1 bytewise order) */
	if (c->tee) {
		cbor_put_int(&e, FUTEET_KEY_TEE);
		cbor_put_tstr_z(&e, c->tee);
	}
	if (c->caps) {
		cbor_put_int(&e, FUTEET_KEY_CAPS);
		cbor_put_raw(&e, c->caps, c->caps_len);
	}
	if (c->claims) {
		cbor_put_int(&e, FUTEET_KEY_CLAIMS);
		cbor_put_raw(&e, c->claims, c->claims_len);
	}
	if (c->rtm_log) {
		cbor_put_int(&e, FUTEET_KEY_RTM_LOG);
		cbor_put_bstr(&e, c->rtm_log, c->rtm_log_len);
	}
	if (c->rtm_count) {
		cbor_put_int(&e, FUTEET_KEY_RTM);
		cbor_put_array(&e, c->rtm_count);
		for (uint32_t i = 0; i < c->rtm_count; i++) {
			cbor_put_array(&e, 2);
			cbor_put_uint(&e, c->rtm_index[i]);
			cbor_put_bstr(&e, c->rtm_value[i], EVIDENCE_RTM_SIZE);
		}
	}
	if (c->user) {
		cbor_put_int(&e, FUTEET_KEY_USER);
		cbor_put_raw(&e, c->user, c->user_len);
	}
	return cbor_enc_finish(&e, len);
}

static void put_record(struct cbor_enc *e, const char *mt, const uint8_t *v, size_t n)
{
	cbor_put_array(e, 3);
	cbor_put_tstr_z(e, mt);
	cbor_put_bstr(e, v, n);
	cbor_put_uint(e, EVIDENCE_CMW_IND_EVIDENCE);
}

int evidence_encode(const uint8_t *claims, size_t claims_len, const char *provider,
		    const uint8_t *outblob, size_t out_len, const uint8_t *auxblob,
		    size_t aux_len, uint8_t *buf, size_t cap, size_t *len)
{
	return evidence_encode_ccel(claims, claims_len, provider, outblob, out_len, auxblob,
				    aux_len, NULL, 0, buf, cap, len);
}

int evidence_encode_ccel(const uint8_t *claims, size_t claims_len, const char *provider,
			 const uint8_t *outblob, size_t out_len, const uint8_t *auxblob,
			 size_t aux_len, const uint8_t *ccel, size_t ccel_len, uint8_t *buf,
			 size_t cap, size_t *len)
{
	bool has_ccel = ccel && ccel_len;
	struct cbor_enc e;
	size_t plen, mark, content;
	bool aux = auxblob && aux_len;

	if (!claims || !claims_len || !provider || !outblob || !out_len || !len)
		return -EINVAL;
	plen = strlen(provider);
	if (plen == 0)
		return -EINVAL;

	/* The tsm-report map is the content of a byte string: written in place
	 * after a placeholder head that is fixed up once its length is known. */
	cbor_enc_init(&e, buf, cap);
	cbor_put_map(&e, has_ccel ? 4 : 3);
	/* "tsm" (3 chars) < "ccel" (4) < "futeet" (6) < "__cmwc_t" (8): section 4.2.1 */
	cbor_put_tstr_z(&e, EVIDENCE_LABEL_TSM);
	cbor_put_array(&e, 3);
	cbor_put_tstr_z(&e, EVIDENCE_TSM_MEDIA_TYPE);
	mark = cbor_open_container(&e);
	content = e.len;
	/* tsm-report: "auxblob" < "outblob" (same length, bytewise) < "provider" */
	cbor_put_map(&e, aux ? 3 : 2);
	if (aux) {
		cbor_put_tstr_z(&e, "auxblob");
		cbor_put_bstr(&e, auxblob, aux_len);
	}
	cbor_put_tstr_z(&e, "outblob");
	cbor_put_bstr(&e, outblob, out_len);
	cbor_put_tstr_z(&e, "provider");
	cbor_put_tstr(&e, provider, plen);
	/* close the byte string: its head carries the content length */
	if (!e.overflow)
		cbor_close_container(&e, mark, CBOR_MAJOR_BSTR, e.len - content);
	cbor_put_uint(&e, EVIDENCE_CMW_IND_EVIDENCE);

	if (has_ccel) {
		cbor_put_tstr_z(&e, EVIDENCE_LABEL_CCEL);
		put_record(&e, EVIDENCE_CCEL_MEDIA_TYPE, ccel, ccel_len);
	}
	cbor_put_tstr_z(&e, EVIDENCE_LABEL_FUTEET);
	put_record(&e, EVIDENCE_FUTEET_MEDIA_TYPE, claims, claims_len);

	cbor_put_tstr_z(&e, EVIDENCE_LABEL_CMWC_T);
	cbor_put_tstr_z(&e, EVIDENCE_CMWC_TYPE);
	return cbor_enc_finish(&e, len);
}

/* One CMW record: [type: tstr, value: bstr, ? ind: uint]. */
static int get_record(struct cbor_dec *d, const char **mt, size_t *mt_len,
		      const uint8_t **val, size_t *val_len)
{
	uint64_t n, ind;
	int r = cbor_get_array(d, &n);
	if (r)
		return -EBADMSG;
	if (n != 2 && n != 3)
		return -EBADMSG;
	if (cbor_get_tstr(d, mt, mt_len) || cbor_get_bstr(d, val, val_len))
		return -EBADMSG;
	if (n == 3) {
		if (cbor_get_uint(d, &ind))
			return -EBADMSG;
		if (!(ind & EVIDENCE_CMW_IND_EVIDENCE))
			return -EPROTO;
	}
	return 0;
}

static int decode_tsm(const uint8_t *p, size_t n, struct evidence_view *v)
{
	struct cbor_dec d;
	uint64_t pairs;
	bool have_out = false, have_prov = false, have_aux = false;

	cbor_dec_init(&d, p, n);
	if (cbor_get_map(&d, &pairs) || pairs > EVIDENCE_MAX_TSM_FIELDS)
		return -EBADMSG;
	for (uint64_t i = 0; i < pairs; i++) {
		const char *k;
		size_t kl;
		if (cbor_get_tstr(&d, &k, &kl))
			return -EBADMSG;
		if (cbor_tstr_eq(k, kl, "outblob")) {
			if (have_out || cbor_get_bstr(&d, &v->outblob, &v->outblob_len))
				return -EBADMSG;
			have_out = true;
		} else if (cbor_tstr_eq(k, kl, "auxblob")) {
			if (have_aux || cbor_get_bstr(&d, &v->auxblob, &v->auxblob_len))
				return -EBADMSG;
			have_aux = true;
		} else if (cbor_tstr_eq(k, kl, "provider")) {
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
	const uint8_t *tsm = NULL;
	size_t tsm_len = 0;
	int r;

	if (!buf || !v)
		return -EINVAL;
	memset(v, 0, sizeof(*v));
	cbor_dec_init(&d, buf, len);
	if (cbor_get_map(&d, &pairs) || pairs > EVIDENCE_MAX_RECORDS)
		return -EBADMSG;
	for (uint64_t i = 0; i < pairs; i++) {
		const char *k, *mt;
		size_t kl, mtl;
		if (cbor_get_tstr(&d, &k, &kl))
			return -EBADMSG;
		if (cbor_tstr_eq(k, kl, EVIDENCE_LABEL_CMWC_T)) {
			const char *t;
			size_t tl;
			if (have_type || cbor_get_tstr(&d, &t, &tl))
				return -EBADMSG;
			if (!cbor_tstr_eq(t, tl, EVIDENCE_CMWC_TYPE))
				return -EPROTO;
			have_type = true;
		} else if (cbor_tstr_eq(k, kl, EVIDENCE_LABEL_FUTEET)) {
			if (have_futeet)
				return -EBADMSG;
			r = get_record(&d, &mt, &mtl, &v->claims, &v->claims_len);
			if (r)
				return r;
			if (!cbor_tstr_eq(mt, mtl, EVIDENCE_FUTEET_MEDIA_TYPE))
				return -EPROTO;
			have_futeet = true;
		} else if (cbor_tstr_eq(k, kl, EVIDENCE_LABEL_TSM)) {
			if (have_tsm)
				return -EBADMSG;
			r = get_record(&d, &mt, &mtl, &tsm, &tsm_len);
			if (r)
				return r;
			if (!cbor_tstr_eq(mt, mtl, EVIDENCE_TSM_MEDIA_TYPE))
				return -EPROTO;
			have_tsm = true;
		} else if (cbor_tstr_eq(k, kl, EVIDENCE_LABEL_CCEL)) {
			if (have_ccel)
				return -EBADMSG;
			r = get_record(&d, &mt, &mtl, &v->ccel, &v->ccel_len);
			if (r)
				return r;
			if (!cbor_tstr_eq(mt, mtl, EVIDENCE_CCEL_MEDIA_TYPE))
				return -EPROTO;
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
	return decode_tsm(tsm, tsm_len, v);
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

void evidence_report_data(const uint8_t *claims, size_t len,
			  uint8_t out[EVIDENCE_REPORT_DATA_LEN])
{
	br_sha512_context h;
	br_sha512_init(&h);
	br_sha512_update(&h, claims, len);
	br_sha512_out(&h, out);
}
