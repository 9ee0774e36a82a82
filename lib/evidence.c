/* FUTEET unified evidence: CMW collection + tag-601 claims set; see evidence.h.
 * The encoders (the kernel's) are here, the decoders of a peer's evidence
 * (the verifier's, never in the kernel) in evidence_decode.c.
 * Specs: RFC 8949 (CBOR, section 4.2.1 deterministic order), RFC 9711 (EAT
 * claims), RFC 9781 (UCCS, tag 601), draft-ietf-rats-msg-wrap
 * (CMW record [type, value, ind] and collection with "__cmwc_t"), Veraison
 * ratsd docs/tsm-report.cddl (tsm-report map). */
#include <string.h>

#include <bearssl.h>

#include "futeet/errno.h"
#include "lib/cbor.h"
#include "lib/evidence.h"

/* Coordinate length for a COSE EC2 curve (RFC 9053 section 7.1), 0 if unknown. */
static size_t cnf_coord_len(int crv)
{
	return crv == COSE_CRV_P256 ? 32 : crv == COSE_CRV_P384 ? 48 : 0;
}

/* COSE_Key = { 1: 2, -1: crv, -2: x, -3: y }; other parameters (kid, alg,
 * ...) are skipped. */
int evidence_cose_key_get(struct cbor_dec *d, int *crv_out, const uint8_t **x_out,
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

int evidence_cose_key_decode(const uint8_t *key, size_t len, int *crv, const uint8_t **x,
			     const uint8_t **y)
{
	struct cbor_dec d;
	size_t cl;

	if (key == NULL || crv == NULL || x == NULL || y == NULL)
		return -EINVAL;
	cbor_dec_init(&d, key, len);
	if (evidence_cose_key_get(&d, crv, x, y, &cl) || !cbor_dec_done(&d))
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

void evidence_report_data(const uint8_t *claims, size_t len,
			  uint8_t out[EVIDENCE_REPORT_DATA_LEN])
{
	br_sha512_context h;
	br_sha512_init(&h);
	br_sha512_update(&h, claims, len);
	br_sha512_out(&h, out);
}
