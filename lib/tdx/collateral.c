/* Intel TDX collateral: loading (dcap-qvl JSON, Intel PCS responses),
 * signature and chain checks, CRLs, and the TCB status by Intel's matching
 * rules. The rules and the forms are described in lib/tdx/collateral.h.
 * JSON is read with lib/json's bounded pull reader; every array and string
 * has a fixed bound and an overflow is an error, never a truncation. */
#include "lib/tdx/collateral.h"
#include "lib/der.h"
#include "lib/hex.h"
#include "lib/json.h"
#include "futeet/errno.h"
#include "futeet/sgx_report.h"
#include <bearssl.h>
#include <string.h>

#define KEY_MAX 40u
#define MAX_LEVELS 64u
#define MAX_MODULE_IDS 8u
#define MAX_MODULE_LEVELS 16u
#define MAX_LEVEL_ADV 32u
#define TDX_COMPONENTS 16u

/* ---- small helpers ----------------------------------------------------- */

struct why_buf {
	char *p;
	size_t cap, len;
};

static void why_add(struct why_buf *w, const char *s)
{
	while (*s && w->cap && w->len + 1 < w->cap)
		w->p[w->len++] = *s++;
	if (w->cap)
		w->p[w->len] = '\0';
}

static int fail(struct tdx_tcb_eval *o, struct why_buf *w, enum tdx_coll_fail f, int err,
		const char *msg)
{
	o->fail = f;
	w->len = 0;
	why_add(w, msg);
	return err;
}

static const char *const status_names[TDX_TCB_STATUS_COUNT] = {
	"UpToDate", "SWHardeningNeeded", "ConfigurationNeeded",
	"ConfigurationAndSWHardeningNeeded", "OutOfDate", "OutOfDateConfigurationNeeded",
	"Revoked",
};

const char *tdx_tcb_status_name(enum tdx_tcb_status s)
{
	return (unsigned)s < TDX_TCB_STATUS_COUNT ? status_names[s] : "Unknown";
}

static int get_str(struct json_dec *d, char *out, size_t cap, size_t *len)
{
	int rc = json_get_string(d, out, cap, len);
	return rc ? -EBADMSG : 0;
}

static int get_hex(struct json_dec *d, uint8_t *out, size_t n)
{
	char s[2 * 64 + 1]; /* the longest: a 64-byte signature */
	size_t len;

	if (2 * n >= sizeof(s) || get_str(d, s, sizeof(s), &len) || len != 2 * n)
		return -EBADMSG;
	return hex_decode(s, len, out, n) ? -EBADMSG : 0;
}

static int get_uint(struct json_dec *d, int64_t max, int64_t *v)
{
	if (json_get_int(d, v) || *v < 0 || *v > max)
		return -EBADMSG;
	return 0;
}

/* "YYYY-MM-DDTHH:MM:SSZ" (Intel PCS dates, RFC 3339 in UTC) to unix seconds,
 * through lib/der's GeneralizedTime reader. */
static int date_parse(const char *s, size_t n, int64_t *t)
{
	uint8_t gt[15];
	struct der_tlv tlv;
	size_t i;

	if (n != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || s[19] != 'Z')
		return -EBADMSG;
	memcpy(gt, s, 4);
	memcpy(gt + 4, s + 5, 2);
	memcpy(gt + 6, s + 8, 2);
	memcpy(gt + 8, s + 11, 2);
	memcpy(gt + 10, s + 14, 2);
	memcpy(gt + 12, s + 17, 2);
	gt[14] = 'Z';
	for (i = 0; i < 14; i++)
		if (gt[i] < '0' || gt[i] > '9')
			return -EBADMSG;
	der_tlv_init(&tlv, DER_GENERALIZED_TIME, gt, sizeof(gt));
	return der_time(&tlv, t) ? -EBADMSG : 0;
}

static int get_date(struct json_dec *d, int64_t *t, char *copy, size_t copy_cap)
{
	char s[24];
	size_t len;

	if (get_str(d, s, sizeof(s), &len) || date_parse(s, len, t))
		return -EBADMSG;
	if (copy && copy_cap > len) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return 0;
}

static int get_status(struct json_dec *d, enum tdx_tcb_status *st)
{
	char s[48];
	size_t len;
	unsigned i;

	if (get_str(d, s, sizeof(s), &len))
		return -EBADMSG;
	for (i = 0; i < TDX_TCB_STATUS_COUNT; i++)
		if (strcmp(s, status_names[i]) == 0) {
			*st = (enum tdx_tcb_status)i;
			return 0;
		}
	return -EBADMSG; /* an unknown status is not guessed at */
}

/* An advisory id list: strings of [A-Za-z0-9-], kept as (offset, length)
 * into the signed text (no escapes allowed, so the raw bytes are the value). */
struct adv_list {
	uint16_t n;
	uint32_t off[MAX_LEVEL_ADV];
	uint8_t len[MAX_LEVEL_ADV];
};

static int get_advisories(struct json_dec *d, struct adv_list *a)
{
	enum json_type t;
	char s[TDX_ADVISORY_LEN];
	size_t len, start, i;
	int r;

	a->n = 0;
	if (json_arr_begin(d))
		return -EBADMSG;
	while ((r = json_arr_next(d)) == 1) {
		if (json_peek(d, &t) || t != JSON_STRING)
			return -EBADMSG;
		start = d->pos;
		if (a->n >= MAX_LEVEL_ADV || get_str(d, s, sizeof(s), &len) ||
		    d->pos - start != len + 2 || len == 0)
			return -EBADMSG;
		for (i = 0; i < len; i++) {
			char c = s[i];
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			      (c >= '0' && c <= '9') || c == '-'))
				return -EBADMSG;
		}
		a->off[a->n] = (uint32_t)(start + 1);
		a->len[a->n] = (uint8_t)len;
		a->n++;
	}
	return r < 0 ? -EBADMSG : 0;
}

/* ---- TCB info (Intel PCS v4 "Get TDX TCB Info", tcbInfo version 3) ------ */

struct tcb_level {
	uint8_t sgx[TDX_COMPONENTS];
	uint8_t tdx[TDX_COMPONENTS];
	unsigned n_sgx, n_tdx;
	bool has_pcesvn;
	uint16_t pcesvn;
	enum tdx_tcb_status status;
	bool has_status;
	char tcb_date[24];
	struct adv_list adv;
};

struct module_level {
	uint16_t isvsvn;
	enum tdx_tcb_status status;
	struct adv_list adv;
};

struct module_id {
	char id[16];
	uint8_t mrsigner[48], attributes[8], mask[8];
	unsigned n_levels;
	struct module_level levels[MAX_MODULE_LEVELS];
};

struct tcb_info {
	char id[8];
	int64_t version, eval_num;
	int64_t issue_date, next_update;
	uint8_t fmspc[6], pceid[2];
	bool has_module;
	uint8_t mod_mrsigner[48], mod_attributes[8], mod_mask[8];
	unsigned n_ids;
	struct module_id ids[MAX_MODULE_IDS];
	unsigned n_levels;
	struct tcb_level levels[MAX_LEVELS];
};

/* [{ "svn": n, ... }, ...] into svn[]; counts them (more than 16 is kept as
 * a count so that the mismatch is reported, not truncated). */
static int get_components(struct json_dec *d, uint8_t *svn, unsigned *n)
{
	char key[KEY_MAX];
	size_t kl;
	int64_t v;
	int r, k;
	bool have;

	*n = 0;
	if (json_arr_begin(d))
		return -EBADMSG;
	while ((r = json_arr_next(d)) == 1) {
		if (*n > 64 || json_obj_begin(d))
			return -EBADMSG;
		have = false;
		while ((k = json_obj_next(d, key, sizeof(key), &kl)) == 1) {
			if (strcmp(key, "svn") == 0) {
				if (get_uint(d, 255, &v))
					return -EBADMSG;
				have = true;
				if (*n < TDX_COMPONENTS)
					svn[*n] = (uint8_t)v;
			} else if (json_skip(d)) {
				return -EBADMSG;
			}
		}
		if (k < 0 || !have)
			return -EBADMSG;
		(*n)++;
	}
	return r < 0 ? -EBADMSG : 0;
}

static int parse_tcb_level(struct json_dec *d, struct tcb_level *l)
{
	char key[KEY_MAX];
	size_t kl;
	int64_t v, t;
	int k, k2;

	memset(l, 0, sizeof(*l));
	if (json_obj_begin(d))
		return -EBADMSG;
	while ((k = json_obj_next(d, key, sizeof(key), &kl)) == 1) {
		if (strcmp(key, "tcb") == 0) {
			if (json_obj_begin(d))
				return -EBADMSG;
			while ((k2 = json_obj_next(d, key, sizeof(key), &kl)) == 1) {
				if (strcmp(key, "sgxtcbcomponents") == 0) {
					if (get_components(d, l->sgx, &l->n_sgx))
						return -EBADMSG;
				} else if (strcmp(key, "tdxtcbcomponents") == 0) {
					if (get_components(d, l->tdx, &l->n_tdx))
						return -EBADMSG;
				} else if (strcmp(key, "pcesvn") == 0) {
					if (get_uint(d, 65535, &v))
						return -EBADMSG;
					l->pcesvn = (uint16_t)v;
					l->has_pcesvn = true;
				} else if (json_skip(d)) {
					return -EBADMSG;
				}
			}
			if (k2 < 0)
				return -EBADMSG;
		} else if (strcmp(key, "tcbDate") == 0) {
			if (get_date(d, &t, l->tcb_date, sizeof(l->tcb_date)))
				return -EBADMSG;
		} else if (strcmp(key, "tcbStatus") == 0) {
			if (get_status(d, &l->status))
				return -EBADMSG;
			l->has_status = true;
		} else if (strcmp(key, "advisoryIDs") == 0) {
			if (get_advisories(d, &l->adv))
				return -EBADMSG;
		} else if (json_skip(d)) {
			return -EBADMSG;
		}
	}
	return (k < 0 || !l->has_status || !l->has_pcesvn) ? -EBADMSG : 0;
}

/* {"tcb":{"isvsvn":n},"tcbDate":..,"tcbStatus":..,"advisoryIDs":[..]}, the
 * level shape of TDX module identities and of the QE identity. */
static int parse_isv_level(struct json_dec *d, struct module_level *l)
{
	char key[KEY_MAX];
	size_t kl;
	int64_t v, t;
	int k, k2;
	bool has_svn = false, has_status = false;

	memset(l, 0, sizeof(*l));
	if (json_obj_begin(d))
		return -EBADMSG;
	while ((k = json_obj_next(d, key, sizeof(key), &kl)) == 1) {
		if (strcmp(key, "tcb") == 0) {
			if (json_obj_begin(d))
				return -EBADMSG;
			while ((k2 = json_obj_next(d, key, sizeof(key), &kl)) == 1) {
				if (strcmp(key, "isvsvn") == 0) {
					if (get_uint(d, 65535, &v))
						return -EBADMSG;
					l->isvsvn = (uint16_t)v;
					has_svn = true;
				} else if (json_skip(d)) {
					return -EBADMSG;
				}
			}
			if (k2 < 0)
				return -EBADMSG;
		} else if (strcmp(key, "tcbDate") == 0) {
			if (get_date(d, &t, NULL, 0))
				return -EBADMSG;
		} else if (strcmp(key, "tcbStatus") == 0) {
			if (get_status(d, &l->status))
				return -EBADMSG;
			has_status = true;
		} else if (strcmp(key, "advisoryIDs") == 0) {
			if (get_advisories(d, &l->adv))
				return -EBADMSG;
		} else if (json_skip(d)) {
			return -EBADMSG;
		}
	}
	return (k < 0 || !has_svn || !has_status) ? -EBADMSG : 0;
}

/* Fixed-length hex fields of one object: when KEY is f[i].name, its value
 * (exactly f[i].n bytes of hex) goes to f[i].dst and f[i].bit into *have.
 * Returns 1 when KEY was one of them and read, 0 when it is not, -EBADMSG
 * on a bad value. */
struct hex_field {
	const char *name;
	uint8_t *dst;
	size_t n;
	unsigned bit;
};

static int parse_hex_field(struct json_dec *d, const char *key, const struct hex_field *f,
			   size_t nf, unsigned *have)
{
	for (size_t i = 0; i < nf; i++) {
		if (strcmp(key, f[i].name) != 0)
			continue;
		if (get_hex(d, f[i].dst, f[i].n))
			return -EBADMSG;
		*have |= f[i].bit;
		return 1;
	}
	return 0;
}

static int parse_module_id(struct json_dec *d, struct module_id *m)
{
	char key[KEY_MAX];
	size_t kl, len;
	int k, r;
	unsigned have = 0;

	const struct hex_field hf[] = {
		{ "mrsigner", m->mrsigner, 48, 2 },
		{ "attributes", m->attributes, 8, 4 },
		{ "attributesMask", m->mask, 8, 8 },
	};

	memset(m, 0, sizeof(*m));
	if (json_obj_begin(d))
		return -EBADMSG;
	while ((k = json_obj_next(d, key, sizeof(key), &kl)) == 1) {
		if ((r = parse_hex_field(d, key, hf, sizeof(hf) / sizeof(hf[0]), &have)) != 0) {
			if (r < 0)
				return -EBADMSG;
			continue;
		}
		if (strcmp(key, "id") == 0) {
			if (get_str(d, m->id, sizeof(m->id), &len))
				return -EBADMSG;
			have |= 1;
		} else if (strcmp(key, "tcbLevels") == 0) {
			if (json_arr_begin(d))
				return -EBADMSG;
			while ((r = json_arr_next(d)) == 1) {
				if (m->n_levels >= MAX_MODULE_LEVELS ||
				    parse_isv_level(d, &m->levels[m->n_levels]))
					return -EBADMSG;
				m->n_levels++;
			}
			if (r < 0)
				return -EBADMSG;
		} else if (json_skip(d)) {
			return -EBADMSG;
		}
	}
	return (k < 0 || have != 15) ? -EBADMSG : 0;
}

/* The fields TCB info and QE identity share (Intel PCS v4 "Get TDX TCB Info"
 * and "Get TDX QE Identity" bodies): id, version, issueDate, nextUpdate
 * (have bits 1, 2, 4, 8) and tcbEvaluationDataNumber. Returns 1 when KEY
 * was one of them and its value was read, 0 when it is not, -EBADMSG on a
 * bad value. */
struct collateral_common {
	char *id;
	size_t id_cap;
	int64_t *version, *issue_date, *next_update, *eval_num;
};

static int parse_common_field(struct json_dec *d, const char *key,
			      const struct collateral_common *c, unsigned *have)
{
	size_t sl;

	if (strcmp(key, "id") == 0) {
		if (get_str(d, c->id, c->id_cap, &sl))
			return -EBADMSG;
		*have |= 1;
	} else if (strcmp(key, "version") == 0) {
		if (get_uint(d, 255, c->version))
			return -EBADMSG;
		*have |= 2;
	} else if (strcmp(key, "issueDate") == 0) {
		if (get_date(d, c->issue_date, NULL, 0))
			return -EBADMSG;
		*have |= 4;
	} else if (strcmp(key, "nextUpdate") == 0) {
		if (get_date(d, c->next_update, NULL, 0))
			return -EBADMSG;
		*have |= 8;
	} else if (strcmp(key, "tcbEvaluationDataNumber") == 0) {
		if (get_uint(d, 0xFFFFFFFF, c->eval_num))
			return -EBADMSG;
	} else {
		return 0;
	}
	return 1;
}

static int parse_tcb_info(const char *text, size_t len, struct tcb_info *ti)
{
	struct json_dec d;
	char key[KEY_MAX];
	size_t kl;
	const struct collateral_common common = {
		ti->id, sizeof(ti->id), &ti->version, &ti->issue_date, &ti->next_update,
		&ti->eval_num,
	};
	const struct hex_field hf[] = {
		{ "fmspc", ti->fmspc, 6, 16 },
		{ "pceId", ti->pceid, 2, 32 },
	};
	const struct hex_field mf[] = { /* tdxModule */
		{ "mrsigner", ti->mod_mrsigner, 48, 1 },
		{ "attributes", ti->mod_attributes, 8, 2 },
		{ "attributesMask", ti->mod_mask, 8, 4 },
	};
	int k, k2, r;
	unsigned have = 0;

	memset(ti, 0, sizeof(*ti));
	json_dec_init(&d, text, len);
	if (json_obj_begin(&d))
		return -EBADMSG;
	while ((k = json_obj_next(&d, key, sizeof(key), &kl)) == 1) {
		r = parse_common_field(&d, key, &common, &have);
		if (r < 0)
			return -EBADMSG;
		if (r == 1)
			continue;
		if ((r = parse_hex_field(&d, key, hf, sizeof(hf) / sizeof(hf[0]), &have)) != 0) {
			if (r < 0)
				return -EBADMSG;
			continue;
		}
		if (strcmp(key, "tdxModule") == 0) {
			unsigned mh = 0;
			if (json_obj_begin(&d))
				return -EBADMSG;
			while ((k2 = json_obj_next(&d, key, sizeof(key), &kl)) == 1) {
				r = parse_hex_field(&d, key, mf, sizeof(mf) / sizeof(mf[0]), &mh);
				if (r < 0 || (r == 0 && json_skip(&d)))
					return -EBADMSG;
			}
			if (k2 < 0 || mh != 7)
				return -EBADMSG;
			ti->has_module = true;
		} else if (strcmp(key, "tdxModuleIdentities") == 0) {
			if (json_arr_begin(&d))
				return -EBADMSG;
			while ((r = json_arr_next(&d)) == 1) {
				if (ti->n_ids >= MAX_MODULE_IDS || parse_module_id(&d, &ti->ids[ti->n_ids]))
					return -EBADMSG;
				ti->n_ids++;
			}
			if (r < 0)
				return -EBADMSG;
		} else if (strcmp(key, "tcbLevels") == 0) {
			if (json_arr_begin(&d))
				return -EBADMSG;
			while ((r = json_arr_next(&d)) == 1) {
				if (ti->n_levels >= MAX_LEVELS ||
				    parse_tcb_level(&d, &ti->levels[ti->n_levels]))
					return -EBADMSG;
				ti->n_levels++;
			}
			if (r < 0)
				return -EBADMSG;
			have |= 64;
		} else if (json_skip(&d)) {
			return -EBADMSG;
		}
	}
	if (k < 0 || json_end(&d) || have != 127)
		return -EBADMSG;
	return 0;
}

/* ---- QE identity (Intel PCS v4 "Get TDX QE Identity", version 2) -------- */

struct qe_identity {
	char id[8];
	int64_t version, eval_num;
	int64_t issue_date, next_update;
	uint8_t miscselect[4], miscselect_mask[4];
	uint8_t attributes[16], attributes_mask[16];
	uint8_t mrsigner[32];
	int64_t isvprodid;
	unsigned n_levels;
	struct module_level levels[MAX_MODULE_LEVELS];
};

static int parse_qe_identity(const char *text, size_t len, struct qe_identity *q)
{
	struct json_dec d;
	char key[KEY_MAX];
	size_t kl;
	const struct collateral_common common = {
		q->id, sizeof(q->id), &q->version, &q->issue_date, &q->next_update,
		&q->eval_num,
	};
	const struct hex_field hf[] = {
		{ "miscselect", q->miscselect, 4, 16 },
		{ "miscselectMask", q->miscselect_mask, 4, 32 },
		{ "attributes", q->attributes, 16, 64 },
		{ "attributesMask", q->attributes_mask, 16, 128 },
		{ "mrsigner", q->mrsigner, 32, 256 },
	};
	int k, r;
	unsigned have = 0;

	memset(q, 0, sizeof(*q));
	json_dec_init(&d, text, len);
	if (json_obj_begin(&d))
		return -EBADMSG;
	while ((k = json_obj_next(&d, key, sizeof(key), &kl)) == 1) {
		r = parse_common_field(&d, key, &common, &have);
		if (r < 0)
			return -EBADMSG;
		if (r == 1)
			continue;
		if ((r = parse_hex_field(&d, key, hf, sizeof(hf) / sizeof(hf[0]), &have)) != 0) {
			if (r < 0)
				return -EBADMSG;
			continue;
		}
		if (strcmp(key, "isvprodid") == 0) {
			if (get_uint(&d, 65535, &q->isvprodid))
				return -EBADMSG;
			have |= 512;
		} else if (strcmp(key, "tcbLevels") == 0) {
			if (json_arr_begin(&d))
				return -EBADMSG;
			while ((r = json_arr_next(&d)) == 1) {
				if (q->n_levels >= MAX_MODULE_LEVELS ||
				    parse_isv_level(&d, &q->levels[q->n_levels]))
					return -EBADMSG;
				q->n_levels++;
			}
			if (r < 0)
				return -EBADMSG;
			have |= 1024;
		} else if (json_skip(&d)) {
			return -EBADMSG;
		}
	}
	return (k < 0 || json_end(&d) || have != 2047) ? -EBADMSG : 0;
}

/* ---- loading ------------------------------------------------------------ */

static int copy_in(char *dst, size_t cap, size_t *dlen, const char *src, size_t n)
{
	if (n > cap)
		return -ENOSPC;
	memcpy(dst, src, n);
	*dlen = n;
	return 0;
}

/* A JSON string value unescaped into dst (the signed text of dcap-qvl's
 * form is the string's value). */
static int get_str_into(struct json_dec *d, char *dst, size_t cap, size_t *len)
{
	int rc = json_get_string(d, dst, cap, len);
	if (rc == -ENOSPC)
		return -ENOSPC;
	return rc ? -EBADMSG : 0;
}

static int get_hex_var(struct json_dec *d, uint8_t *dst, size_t cap, size_t *out_len,
		       char *scratch, size_t scratch_cap)
{
	size_t len;
	int rc = get_str_into(d, scratch, scratch_cap, &len);

	if (rc)
		return rc;
	if (len % 2 || len / 2 > cap)
		return len % 2 ? -EBADMSG : -ENOSPC;
	if (hex_decode(scratch, len, dst, len / 2))
		return -EBADMSG;
	*out_len = len / 2;
	return 0;
}

int tdx_collateral_from_dcap_qvl(const char *json, size_t len, struct tdx_collateral *c)
{
	static char scratch[2 * TDX_COLL_CRL_MAX + 1]; /* hex text of the largest field */
	struct json_dec d;
	char key[KEY_MAX];
	size_t kl, n;
	int k, rc = 0;
	unsigned have = 0;

	memset(c, 0, sizeof(*c));
	json_dec_init(&d, json, len);
	if (json_obj_begin(&d))
		return -EBADMSG;
	while ((k = json_obj_next(&d, key, sizeof(key), &kl)) == 1) {
		if (strcmp(key, "tcb_info") == 0) {
			rc = get_str_into(&d, c->tcb_info, sizeof(c->tcb_info), &c->tcb_info_len);
			have |= 1;
		} else if (strcmp(key, "tcb_info_signature") == 0) {
			rc = get_hex_var(&d, c->tcb_info_sig, 64, &n, scratch, sizeof(scratch));
			rc = rc ? rc : (n == 64 ? 0 : -EBADMSG);
			have |= 2;
		} else if (strcmp(key, "tcb_info_issuer_chain") == 0) {
			rc = get_str_into(&d, c->tcb_info_chain, sizeof(c->tcb_info_chain),
					  &c->tcb_info_chain_len);
			have |= 4;
		} else if (strcmp(key, "qe_identity") == 0) {
			rc = get_str_into(&d, c->qe_id, sizeof(c->qe_id), &c->qe_id_len);
			have |= 8;
		} else if (strcmp(key, "qe_identity_signature") == 0) {
			rc = get_hex_var(&d, c->qe_id_sig, 64, &n, scratch, sizeof(scratch));
			rc = rc ? rc : (n == 64 ? 0 : -EBADMSG);
			have |= 16;
		} else if (strcmp(key, "qe_identity_issuer_chain") == 0) {
			rc = get_str_into(&d, c->qe_id_chain, sizeof(c->qe_id_chain),
					  &c->qe_id_chain_len);
			have |= 32;
		} else if (strcmp(key, "pck_crl") == 0) {
			rc = get_hex_var(&d, c->pck_crl, sizeof(c->pck_crl), &c->pck_crl_len, scratch,
					 sizeof(scratch));
			have |= 64;
		} else if (strcmp(key, "root_ca_crl") == 0) {
			rc = get_hex_var(&d, c->root_crl, sizeof(c->root_crl), &c->root_crl_len,
					 scratch, sizeof(scratch));
			have |= 128;
		} else {
			rc = json_skip(&d) ? -EBADMSG : 0;
		}
		if (rc)
			return rc;
	}
	if (k < 0 || json_end(&d) || have != 255)
		return -EBADMSG;
	return 0;
}

/* {"<inner>": {...}, "signature": "hex"}: the inner value's exact bytes. */
static int set_pcs(const char *body, size_t len, const char *inner, char *dst, size_t cap,
		   size_t *dlen, uint8_t sig[64])
{
	struct json_dec d;
	char key[KEY_MAX];
	size_t kl, start;
	enum json_type t;
	int k;
	unsigned have = 0;

	json_dec_init(&d, body, len);
	if (json_obj_begin(&d))
		return -EBADMSG;
	while ((k = json_obj_next(&d, key, sizeof(key), &kl)) == 1) {
		if (strcmp(key, inner) == 0) {
			if (json_peek(&d, &t) || t != JSON_OBJECT)
				return -EBADMSG;
			start = d.pos;
			if (json_skip(&d))
				return -EBADMSG;
			if (copy_in(dst, cap, dlen, body + start, d.pos - start))
				return -ENOSPC;
			have |= 1;
		} else if (strcmp(key, "signature") == 0) {
			if (get_hex(&d, sig, 64))
				return -EBADMSG;
			have |= 2;
		} else if (json_skip(&d)) {
			return -EBADMSG;
		}
	}
	return (k < 0 || json_end(&d) || have != 3) ? -EBADMSG : 0;
}

int tdx_collateral_set_pcs_tcb_info(struct tdx_collateral *c, const char *body, size_t len)
{
	return set_pcs(body, len, "tcbInfo", c->tcb_info, sizeof(c->tcb_info), &c->tcb_info_len,
		       c->tcb_info_sig);
}

int tdx_collateral_set_pcs_qe_identity(struct tdx_collateral *c, const char *body, size_t len)
{
	return set_pcs(body, len, "enclaveIdentity", c->qe_id, sizeof(c->qe_id), &c->qe_id_len,
		       c->qe_id_sig);
}

int tdx_collateral_set_raw(struct tdx_collateral *c, int which, const uint8_t *p, size_t len)
{
	switch (which) {
	case 0: return copy_in(c->tcb_info_chain, sizeof(c->tcb_info_chain), &c->tcb_info_chain_len,
			       (const char *)p, len);
	case 1: return copy_in(c->qe_id_chain, sizeof(c->qe_id_chain), &c->qe_id_chain_len,
			       (const char *)p, len);
	case 2:
		if (len > sizeof(c->pck_crl))
			return -ENOSPC;
		memcpy(c->pck_crl, p, len);
		c->pck_crl_len = len;
		return 0;
	case 3:
		if (len > sizeof(c->root_crl))
			return -ENOSPC;
		memcpy(c->root_crl, p, len);
		c->root_crl_len = len;
		return 0;
	default: return -EINVAL;
	}
}

/* ---- evaluation --------------------------------------------------------- */

/* Scratch for one evaluation: parsed documents and a signing chain. Not
 * reentrant (one verifier at a time, as in the guest and the tools). */
static struct {
	struct tcb_info ti;
	struct qe_identity qe;
	uint8_t der[2][TDX_CERT_DER_MAX];
	size_t der_len[2];
} ws;

static void note_not_after(struct tdx_tcb_eval *o, int64_t t)
{
	if (t < o->collateral_not_after)
		o->collateral_not_after = t;
}

/* Issuer chain (signing cert, root) whose root is the quote's root; the
 * signature over text by the signing cert. */
static int check_signed(const char *pem, size_t pem_len, const char *text, size_t text_len,
			const uint8_t sig[64], const struct x509_cert *root, bool time_known,
			int64_t now, struct x509_cert *signer, struct tdx_tcb_eval *o)
{
	size_t pos = 0;
	uint8_t xy[64];

	if (x509_pem_next(pem, pem_len, &pos, ws.der[0], TDX_CERT_DER_MAX, &ws.der_len[0]) ||
	    x509_pem_next(pem, pem_len, &pos, ws.der[1], TDX_CERT_DER_MAX, &ws.der_len[1]))
		return -EBADMSG;
	if (x509_parse(ws.der[0], ws.der_len[0], signer))
		return -EBADMSG;
	if (ws.der_len[1] != root->der_len || memcmp(ws.der[1], root->der, root->der_len) != 0)
		return -EKEYREJECTED;
	if (x509_check_issued(signer, root))
		return -EKEYREJECTED;
	if (time_known && x509_check_time(signer, now))
		return -ETIME;
	note_not_after(o, signer->not_after);
	if (signer->key.type != X509_KEY_EC || signer->key.ec_curve != BR_EC_secp256r1 ||
	    signer->key.ec_point_len != 65)
		return -EKEYREJECTED;
	memcpy(xy, signer->key.ec_point + 1, 64);
	if (tdx_ecdsa_p256_verify_raw((const uint8_t *)text, text_len, xy, sig))
		return -EKEYREJECTED;
	return 0;
}

static void adv_add(struct tdx_tcb_eval *o, const char *text, const struct adv_list *a)
{
	size_t i, j;

	for (i = 0; i < a->n; i++) {
		const char *s = text + a->off[i];
		size_t n = a->len[i];
		bool dup = false;

		for (j = 0; j < o->n_advisories && !dup; j++)
			dup = strlen(o->advisories[j]) == n && memcmp(o->advisories[j], s, n) == 0;
		if (dup || o->n_advisories >= TDX_MAX_ADVISORIES)
			continue;
		memcpy(o->advisories[o->n_advisories], s, n);
		o->advisories[o->n_advisories][n] = '\0';
		o->n_advisories++;
	}
}

static enum tdx_tcb_status worse(enum tdx_tcb_status a, enum tdx_tcb_status b)
{
	return a > b ? a : b;
}

int tdx_collateral_eval(const struct tdx_collateral *c, const struct tdx_verify_input *in,
			const struct tdx_verify_result *res, struct tdx_tcb_eval *o,
			char *why, size_t why_len)
{
	struct why_buf w = { why, why ? why_len : 0, 0 };
	struct x509_cert root, ca, pck, signer;
	const struct tdx_body_info *b = &res->quote.body;
	const struct tdx_pck_ext *e = &res->pck;
	const struct tcb_level *lvl = NULL;
	const struct module_level *ml = NULL;
	int64_t now = in->now, nu;
	size_t i, j;
	int rc;

	why_add(&w, "");
	memset(o, 0, sizeof(*o));
	o->collateral_not_after = INT64_MAX;
	if (!c || !in->time_known)
		return fail(o, &w, TDX_COLL_MISSING, -EINVAL,
			    "collateral needs the verification time");
	if (!c->tcb_info_len || !c->qe_id_len || !c->tcb_info_chain_len || !c->qe_id_chain_len ||
	    !c->pck_crl_len || !c->root_crl_len)
		return fail(o, &w, TDX_COLL_MISSING, -EINVAL,
			    "collateral is incomplete (TCB info, QE identity, chains, PCK and root CRLs)");
	if (x509_parse(res->chain_der[2], res->chain_der_len[2], &root) ||
	    x509_parse(res->chain_der[1], res->chain_der_len[1], &ca) ||
	    x509_parse(res->chain_der[0], res->chain_der_len[0], &pck))
		return fail(o, &w, TDX_COLL_PARSE, -EINVAL, "the quote's PCK chain is not verified");

	/* CRLs: the root's over the intermediate CAs, the PCK CA's over the PCK. */
	rc = tdx_crl_check(c->root_crl, c->root_crl_len, &root, true, now, &nu);
	if (rc)
		return fail(o, &w, rc == -ETIME ? TDX_COLL_EXPIRED : rc == -EBADMSG ? TDX_COLL_PARSE : TDX_COLL_CHAIN,
			    rc, rc == -ETIME ? "root CA CRL is not current at the given time"
			    : rc == -EBADMSG ? "root CA CRL does not parse"
			    : "root CA CRL is not signed by the root");
	note_not_after(o, nu);
	rc = tdx_crl_check(c->pck_crl, c->pck_crl_len, &ca, true, now, &nu);
	if (rc)
		return fail(o, &w, rc == -ETIME ? TDX_COLL_EXPIRED : rc == -EBADMSG ? TDX_COLL_PARSE : TDX_COLL_CHAIN,
			    rc, rc == -ETIME ? "PCK CRL is not current at the given time"
			    : rc == -EBADMSG ? "PCK CRL does not parse"
			    : "PCK CRL is not issued by the quote's PCK CA");
	note_not_after(o, nu);
	if (tdx_crl_lists(c->pck_crl, c->pck_crl_len, pck.serial, pck.serial_len) == 1) {
		o->status = o->platform_status = TDX_TCB_REVOKED;
		return fail(o, &w, TDX_COLL_REVOKED, -EKEYREVOKED,
			    "PCK certificate is revoked (listed in the PCK CRL)");
	}
	if (tdx_crl_lists(c->root_crl, c->root_crl_len, ca.serial, ca.serial_len) == 1 ||
	    tdx_crl_lists(c->root_crl, c->root_crl_len, root.serial, root.serial_len) == 1) {
		o->status = o->platform_status = TDX_TCB_REVOKED;
		return fail(o, &w, TDX_COLL_REVOKED, -EKEYREVOKED,
			    "PCK CA certificate is revoked (listed in the root CA CRL)");
	}

	/* Signed documents. */
	rc = check_signed(c->tcb_info_chain, c->tcb_info_chain_len, c->tcb_info, c->tcb_info_len,
			  c->tcb_info_sig, &root, true, now, &signer, o);
	if (rc)
		return fail(o, &w, rc == -ETIME ? TDX_COLL_EXPIRED : rc == -EBADMSG ? TDX_COLL_PARSE : TDX_COLL_CHAIN, rc,
			    rc == -ETIME ? "TCB info signing certificate is expired at the given time"
			    : rc == -EBADMSG ? "TCB info issuer chain does not parse"
			    : "TCB info signature or issuer chain does not verify to the quote's root");
	if (tdx_crl_lists(c->root_crl, c->root_crl_len, signer.serial, signer.serial_len) == 1)
		return fail(o, &w, TDX_COLL_REVOKED, -EKEYREVOKED, "TCB signing certificate is revoked");
	rc = check_signed(c->qe_id_chain, c->qe_id_chain_len, c->qe_id, c->qe_id_len, c->qe_id_sig,
			  &root, true, now, &signer, o);
	if (rc)
		return fail(o, &w, rc == -ETIME ? TDX_COLL_EXPIRED : rc == -EBADMSG ? TDX_COLL_PARSE : TDX_COLL_CHAIN, rc,
			    rc == -ETIME ? "QE identity signing certificate is expired at the given time"
			    : rc == -EBADMSG ? "QE identity issuer chain does not parse"
			    : "QE identity signature or issuer chain does not verify to the quote's root");
	if (parse_tcb_info(c->tcb_info, c->tcb_info_len, &ws.ti))
		return fail(o, &w, TDX_COLL_PARSE, -EBADMSG, "TCB info JSON is malformed");
	if (parse_qe_identity(c->qe_id, c->qe_id_len, &ws.qe))
		return fail(o, &w, TDX_COLL_PARSE, -EBADMSG, "QE identity JSON is malformed");
	o->tcb_eval_number = (uint32_t)ws.ti.eval_num;
	o->tcb_info_issue_date = ws.ti.issue_date;

	/* Intel PCS v4: TDX TCB info is id "TDX", version 3; QE identity "TD_QE". */
	if (strcmp(ws.ti.id, "TDX") != 0 || ws.ti.version != 3 || !ws.ti.has_module)
		return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED,
			    "TCB info is not TDX TCB info version 3");
	if (strcmp(ws.qe.id, "TD_QE") != 0 || (ws.qe.version != 2 && ws.qe.version != 3))
		return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED,
			    "QE identity is not a TD_QE identity version 2");
	if (now < ws.ti.issue_date || now > ws.ti.next_update)
		return fail(o, &w, TDX_COLL_EXPIRED, -ETIME,
			    "TCB info is not current at the given time (issueDate..nextUpdate)");
	if (now < ws.qe.issue_date || now > ws.qe.next_update)
		return fail(o, &w, TDX_COLL_EXPIRED, -ETIME,
			    "QE identity is not current at the given time (issueDate..nextUpdate)");
	note_not_after(o, ws.ti.next_update);
	note_not_after(o, ws.qe.next_update);
	if (memcmp(ws.ti.fmspc, e->fmspc, 6) != 0)
		return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED,
			    "FMSPC of the PCK certificate differs from the TCB info's");
	if (memcmp(ws.ti.pceid, e->pceid, 2) != 0)
		return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED,
			    "PCE-ID of the PCK certificate differs from the TCB info's");

	/* QE identity: MRSIGNER, ISVPRODID, masked MISCSELECT and ATTRIBUTES,
	 * no debug QE (SGX ATTRIBUTES.DEBUG, bit 1), then the ISVSVN level. */
	if (memcmp(res->qe.mrsigner, ws.qe.mrsigner, 32) != 0)
		return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED,
			    "QE MRSIGNER differs from the QE identity's");
	if (res->qe.isv_prod_id != ws.qe.isvprodid)
		return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED,
			    "QE ISVPRODID differs from the QE identity's");
	{
		const uint8_t *ms = res->quote.qe_report + offsetof(struct tdx_sgx_report_body, miscselect);
		for (i = 0; i < 4; i++)
			if ((ms[i] ^ ws.qe.miscselect[i]) & ws.qe.miscselect_mask[i])
				return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED,
					    "QE MISCSELECT differs from the QE identity's (masked)");
		for (i = 0; i < 16; i++)
			if ((res->qe.attributes[i] ^ ws.qe.attributes[i]) & ws.qe.attributes_mask[i])
				return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED,
					    "QE ATTRIBUTES differ from the QE identity's (masked)");
		if (res->qe.attributes[0] & 0x02)
			return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED, "the QE is a debug enclave");
	}
	for (i = 0; i < ws.qe.n_levels && !ml; i++)
		if (res->qe.isv_svn >= ws.qe.levels[i].isvsvn)
			ml = &ws.qe.levels[i];
	if (!ml)
		return fail(o, &w, TDX_COLL_NO_TCB_LEVEL, -ENOENT, "no matching QE TCB level found");
	o->qe_status = ml->status;

	/* Platform TCB level: PCESVN, SGX components (PCK), TDX components
	 * (TEE_TCB_SVN), first match in Intel's order. */
	for (i = 0; i < ws.ti.n_levels && !lvl; i++) {
		const struct tcb_level *l = &ws.ti.levels[i];
		bool ok = true;

		if (e->pcesvn < l->pcesvn)
			continue;
		if (l->n_sgx != TDX_COMPONENTS)
			return fail(o, &w, TDX_COLL_PARSE, -EBADMSG, "SGX component count mismatch");
		for (j = 0; j < TDX_COMPONENTS && ok; j++)
			ok = e->sgx_tcb_comp[j] >= l->sgx[j];
		if (!ok)
			continue;
		if (l->n_tdx != TDX_COMPONENTS)
			return fail(o, &w, TDX_COLL_PARSE, -EBADMSG, "TDX component count mismatch");
		for (j = 0; j < TDX_COMPONENTS && ok; j++)
			ok = b->tee_tcb_svn[j] >= l->tdx[j];
		if (ok)
			lvl = l;
	}
	if (!lvl)
		return fail(o, &w, TDX_COLL_NO_TCB_LEVEL, -ENOENT, "no matching TCB level found");
	o->platform_status = lvl->status;
	memcpy(o->tcb_date, lvl->tcb_date, sizeof(o->tcb_date));
	adv_add(o, c->tcb_info, &lvl->adv);

	/* TDX module identity (TEE_TCB_SVN[1] = module major version). */
	{
		const uint8_t *mrs = ws.ti.mod_mrsigner, *attr = ws.ti.mod_attributes,
			      *mask = ws.ti.mod_mask;
		const struct module_id *mid = NULL;
		uint8_t seam_attr[8];
		char want[8] = "TDX_00";
		static const char hx[] = "0123456789ABCDEF";

		if (b->tee_tcb_svn[1] > 0 && ws.ti.n_ids > 0) {
			want[4] = hx[b->tee_tcb_svn[1] >> 4];
			want[5] = hx[b->tee_tcb_svn[1] & 15];
			for (i = 0; i < ws.ti.n_ids && !mid; i++) {
				const char *id = ws.ti.ids[i].id;
				bool eq = strlen(id) == 6;
				for (j = 0; j < 6 && eq; j++) {
					char x = id[j];
					if (x >= 'a' && x <= 'z')
						x = (char)(x - 32);
					eq = x == want[j];
				}
				if (eq)
					mid = &ws.ti.ids[i];
			}
			if (!mid)
				return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED,
					    "no TDX module identity for the quote's module version in the TCB info");
			mrs = mid->mrsigner;
			attr = mid->attributes;
			mask = mid->mask;
		}
		if (memcmp(b->mrsignerseam, mrs, 48) != 0)
			return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED,
				    "MRSIGNERSEAM differs from the TCB info's TDX module signer");
		for (i = 0; i < 8; i++) {
			seam_attr[i] = (uint8_t)(b->seam_attributes >> (8 * i));
			if (((seam_attr[i] ^ attr[i]) & mask[i]) || (seam_attr[i] & ~mask[i]))
				return fail(o, &w, TDX_COLL_MISMATCH, -EKEYREJECTED,
					    "SEAM attributes differ from the TCB info's TDX module (masked)");
		}
		if (mid) {
			const struct module_level *m = NULL;
			for (i = 0; i < mid->n_levels && !m; i++)
				if (b->tee_tcb_svn[0] >= mid->levels[i].isvsvn)
					m = &mid->levels[i];
			if (!m)
				return fail(o, &w, TDX_COLL_NO_TCB_LEVEL, -ENOENT,
					    "TDX module SVN is below every TDX module TCB level");
			o->platform_status = worse(o->platform_status, m->status);
			adv_add(o, c->tcb_info, &m->adv);
		}
	}
	adv_add(o, c->qe_id, &ml->adv);
	o->status = worse(o->platform_status, o->qe_status);
	o->fail = TDX_COLL_OK;
	w.len = 0;
	why_add(&w, tdx_tcb_status_name(o->status));
	return 0;
}

int tdx_tcb_info_parse_check(const char *text, size_t len)
{
	return parse_tcb_info(text, len, &ws.ti);
}

int tdx_qe_identity_parse_check(const char *text, size_t len)
{
	return parse_qe_identity(text, len, &ws.qe);
}
