/* Appraisal policy parser; the document is described in docs/POLICY.md. */
#include <string.h>

#include "lib/bytes.h"
#include "lib/strbuf.h"
#include "lib/hex.h"
#include "futeet/errno.h"
#include "lib/json.h"
#include "lib/verify/policy.h"

const struct policy policy_defaults = {
	.min_tcb_bl = POLICY_TCB_UNSET, .min_tcb_tee = POLICY_TCB_UNSET,
	.min_tcb_snp = POLICY_TCB_UNSET, .min_tcb_ucode = POLICY_TCB_UNSET,
	.min_tcb_fmc = POLICY_TCB_UNSET, .debug_forbidden = true,
	.allow_vcek = true, .allow_vlek = true,
	.allowed_vmpls = 1u << 0,
};

void policy_default(struct policy *p)
{
	*p = policy_defaults;
}

static int digits(const char *s, size_t n, size_t at, size_t count, int *v)
{
	int acc = 0;
	if (at + count > n)
		return -EINVAL;
	for (size_t i = 0; i < count; i++) {
		char c = s[at + i];
		if (c < '0' || c > '9')
			return -EINVAL;
		acc = acc * 10 + (c - '0');
	}
	*v = acc;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil, valid for all years used here). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int policy_parse_time(const char *s, size_t n, int64_t *t)
{
	int Y, M, D, h, mi, sec, oh = 0, om = 0;
	size_t p = 19;
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t off = 0;

	/* date-time = full-date "T" partial-time time-offset (RFC 3339 section 5.6) */
	if (n < 20 || digits(s, n, 0, 4, &Y) || s[4] != '-' || digits(s, n, 5, 2, &M) ||
	    s[7] != '-' || digits(s, n, 8, 2, &D) || (s[10] != 'T' && s[10] != 't') ||
	    digits(s, n, 11, 2, &h) || s[13] != ':' || digits(s, n, 14, 2, &mi) ||
	    s[16] != ':' || digits(s, n, 17, 2, &sec))
		return -EINVAL;
	if (Y < 1970 || M < 1 || M > 12 || D < 1 || D > mdays[M - 1] || h > 23 || mi > 59 ||
	    sec > 60)
		return -EINVAL;
	if (M == 2 && D == 29 && !((Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0))
		return -EINVAL;
	if (s[p] == '.') {
		size_t q = ++p;
		while (p < n && s[p] >= '0' && s[p] <= '9')
			p++;
		if (p == q)
			return -EINVAL;
	}
	if (p >= n)
		return -EINVAL;
	if (s[p] == 'Z' || s[p] == 'z') {
		p++;
	} else if (s[p] == '+' || s[p] == '-') {
		if (digits(s, n, p + 1, 2, &oh) || p + 3 >= n || s[p + 3] != ':' ||
		    digits(s, n, p + 4, 2, &om) || oh > 23 || om > 59)
			return -EINVAL;
		off = (int64_t)oh * 3600 + om * 60;
		if (s[p] == '-')
			off = -off;
		p += 6;
	} else {
		return -EINVAL;
	}
	if (p != n)
		return -EINVAL;
	if (sec == 60)
		sec = 59; /* a leap second is read as the second before it */
	*t = days_from_civil(Y, M, D) * 86400 + h * 3600 + mi * 60 + sec - off;
	return 0;
}

#define KEY_MAX 40u
#define STR_MAX 160u

static int get_hex_list(struct json_dec *d, uint8_t *tbl, size_t rows, size_t width,
			size_t *n, const char *name, char *why, size_t why_len)
{
	int r = json_arr_begin(d);
	*n = 0;
	if (r) {
		strbuf_set2(why, why_len, "policy: expected an array of hex strings for ", name);
		return r;
	}
	while ((r = json_arr_next(d)) == 1) {
		char s[STR_MAX];
		size_t sl;
		if (*n >= rows) {
			strbuf_set2(why, why_len, "policy: too many entries in ", name);
			return -E2BIG;
		}
		r = json_get_string(d, s, sizeof(s), &sl);
		if (r || hex_decode(s, sl, tbl + *n * width, width)) {
			strbuf_set2(why, why_len, "policy: bad hex value (wrong length or digit) in ",
				name);
			return r ? r : -EINVAL;
		}
		(*n)++;
	}
	if (r < 0)
		strbuf_set2(why, why_len, "policy: malformed array ", name);
	return r;
}

static int get_name_list(struct json_dec *d, char (*tbl)[POLICY_NAME_MAX], size_t rows,
			 size_t *n, const char *name, char *why, size_t why_len)
{
	int r = json_arr_begin(d);
	*n = 0;
	if (r) {
		strbuf_set2(why, why_len, "policy: expected an array of strings for ", name);
		return r;
	}
	while ((r = json_arr_next(d)) == 1) {
		size_t sl;
		if (*n >= rows) {
			strbuf_set2(why, why_len, "policy: too many entries in ", name);
			return -E2BIG;
		}
		r = json_get_string(d, tbl[*n], POLICY_NAME_MAX, &sl);
		if (r || sl == 0) {
			strbuf_set2(why, why_len, "policy: bad or too long string in ", name);
			return r ? r : -EINVAL;
		}
		(*n)++;
	}
	if (r < 0)
		strbuf_set2(why, why_len, "policy: malformed array ", name);
	return r;
}

static int get_min_tcb(struct json_dec *d, struct policy *p, char *why, size_t why_len)
{
	char key[KEY_MAX];
	size_t kl;
	int r = json_obj_begin(d);
	if (r) {
		strbuf_set2(why, why_len, "policy: min_tcb must be an object", NULL);
		return r;
	}
	while ((r = json_obj_next(d, key, sizeof(key), &kl)) == 1) {
		int64_t v;
		int16_t *slot;
		if (!strcmp(key, "bl"))
			slot = &p->min_tcb_bl;
		else if (!strcmp(key, "tee"))
			slot = &p->min_tcb_tee;
		else if (!strcmp(key, "snp"))
			slot = &p->min_tcb_snp;
		else if (!strcmp(key, "ucode"))
			slot = &p->min_tcb_ucode;
		else if (!strcmp(key, "fmc"))
			slot = &p->min_tcb_fmc;
		else {
			strbuf_set2(why, why_len, "policy: unknown min_tcb component ", key);
			return -EINVAL;
		}
		r = json_get_int(d, &v);
		if (r || v < 0 || v > 255) {
			strbuf_set2(why, why_len, "policy: min_tcb value must be 0..255 for ", key);
			return r ? r : -ERANGE;
		}
		*slot = (int16_t)v;
	}
	if (r < 0)
		strbuf_set2(why, why_len, "policy: malformed min_tcb", NULL);
	return r;
}

/* "allowed_vmpls": [0, 1, ...], each 0..POLICY_VMPL_MAX, at least one. */
static int get_vmpls(struct json_dec *d, uint8_t *mask, char *why, size_t why_len)
{
	int r = json_arr_begin(d);
	if (r) {
		strbuf_set2(why, why_len, "policy: allowed_vmpls must be an array of integers", NULL);
		return r;
	}
	*mask = 0;
	while ((r = json_arr_next(d)) == 1) {
		int64_t v;
		r = json_get_int(d, &v);
		if (r || v < 0 || v > (int64_t)POLICY_VMPL_MAX) {
			strbuf_set2(why, why_len, "policy: allowed_vmpls values must be 0..3", NULL);
			return r ? r : -ERANGE;
		}
		*mask |= (uint8_t)(1u << v);
	}
	if (r < 0) {
		strbuf_set2(why, why_len, "policy: malformed allowed_vmpls", NULL);
		return r;
	}
	if (!*mask) {
		strbuf_set2(why, why_len, "policy: allowed_vmpls is empty", NULL);
		return -EINVAL;
	}
	return 0;
}

static int get_ref_string(struct json_dec *d, char *out, size_t cap, const char *key, char *why,
			  size_t why_len)
{
	size_t sl;
	int r = json_get_string(d, out, cap, &sl);

	if (r)
		strbuf_set2(why, why_len, "policy: reference: expected a string (< 256 bytes) for ", key);
	return r;
}

static int get_reference(struct json_dec *d, struct policy_reference *ref, char *why,
			 size_t why_len)
{
	char key[KEY_MAX];
	size_t kl;
	int64_t v;
	int r = json_obj_begin(d);

	if (r) {
		strbuf_set2(why, why_len, "policy: reference must be an object", NULL);
		return r;
	}
	ref->set = true;
	ref->vcpus = 1;
	strbuf_set2(ref->vcpu_type, sizeof(ref->vcpu_type), "EPYC-v4", NULL);
	ref->guest_features = 1;
	strbuf_set2(ref->vmm, sizeof(ref->vmm), "qemu", NULL);
	while ((r = json_obj_next(d, key, sizeof(key), &kl)) == 1) {
		if (!strcmp(key, "firmware")) {
			r = get_ref_string(d, ref->firmware, sizeof(ref->firmware), key, why, why_len);
		} else if (!strcmp(key, "vcpu_type")) {
			r = get_ref_string(d, ref->vcpu_type, sizeof(ref->vcpu_type), key, why, why_len);
		} else if (!strcmp(key, "vmm")) {
			r = get_ref_string(d, ref->vmm, sizeof(ref->vmm), key, why, why_len);
		} else if (!strcmp(key, "kernel")) {
			r = get_ref_string(d, ref->kernel, sizeof(ref->kernel), key, why, why_len);
		} else if (!strcmp(key, "append")) {
			r = get_ref_string(d, ref->append, sizeof(ref->append), key, why, why_len);
		} else if (!strcmp(key, "vcpus") || !strcmp(key, "guest_features")) {
			r = json_get_int(d, &v);
			if (r || v < (key[0] == 'v' ? 1 : 0) || v > (key[0] == 'v' ? 4096 : INT64_MAX)) {
				strbuf_set2(why, why_len, "policy: reference: bad integer for ", key);
				return r ? r : -ERANGE;
			}
			if (key[0] == 'v')
				ref->vcpus = (uint32_t)v;
			else
				ref->guest_features = (uint64_t)v;
		} else {
			strbuf_set2(why, why_len, "policy: reference: unknown key ", key);
			return -EINVAL;
		}
		if (r)
			return r;
	}
	if (r < 0) {
		strbuf_set2(why, why_len, "policy: malformed reference", NULL);
		return r;
	}
	if (!ref->firmware[0]) {
		strbuf_set2(why, why_len, "policy: reference needs \"firmware\"", NULL);
		return -EINVAL;
	}
	return 0;
}

static int get_bool(struct json_dec *d, bool *b, const char *key, char *why, size_t why_len)
{
	int r = json_get_bool(d, b);
	if (r)
		strbuf_set2(why, why_len, "policy: expected true or false for ", key);
	return r;
}

int policy_parse(const char *json, size_t len, struct policy *p, char *why, size_t why_len)
{
	struct json_dec d;
	char key[KEY_MAX];
	size_t kl;
	int r;

	strbuf_set2(why, why_len, "", NULL);
	json_dec_init(&d, json, len);
	r = json_obj_begin(&d);
	if (r) {
		strbuf_set2(why, why_len, "policy: the document must be a JSON object", NULL);
		return r;
	}
	while ((r = json_obj_next(&d, key, sizeof(key), &kl)) == 1) {
		if (!strcmp(key, "reference_measurements")) {
			r = get_hex_list(&d, &p->measurements[0][0], POLICY_MAX_MEASUREMENTS,
					 POLICY_MEASUREMENT_LEN, &p->n_measurements, key, why,
					 why_len);
			p->measurements_set = true;
		} else if (!strcmp(key, "allowed_host_data")) {
			r = get_hex_list(&d, &p->host_data[0][0], POLICY_MAX_HOST_DATA,
					 POLICY_HOST_DATA_LEN, &p->n_host_data, key, why, why_len);
			p->host_data_set = true;
		} else if (!strcmp(key, "min_tcb")) {
			r = get_min_tcb(&d, p, why, why_len);
		} else if (!strcmp(key, "debug_forbidden")) {
			r = get_bool(&d, &p->debug_forbidden, key, why, why_len);
		} else if (!strcmp(key, "allow_sim")) {
			r = get_bool(&d, &p->allow_sim, key, why, why_len);
		} else if (!strcmp(key, "allowed_vmpls")) {
			r = get_vmpls(&d, &p->allowed_vmpls, why, why_len);
		} else if (!strcmp(key, "freshness_checked_elsewhere")) {
			r = get_bool(&d, &p->freshness_elsewhere, key, why, why_len);
		} else if (!strcmp(key, "forbid_attested_key")) {
			r = get_bool(&d, &p->forbid_attested_key, key, why, why_len);
		} else if (!strcmp(key, "allowed_signing_keys")) {
			char names[2][POLICY_NAME_MAX];
			size_t n;
			r = get_name_list(&d, names, 2, &n, key, why, why_len);
			p->allow_vcek = p->allow_vlek = false;
			for (size_t i = 0; !r && i < n; i++) {
				if (!strcmp(names[i], "vcek"))
					p->allow_vcek = true;
				else if (!strcmp(names[i], "vlek"))
					p->allow_vlek = true;
				else {
					strbuf_set2(why, why_len,
						"policy: allowed_signing_keys takes \"vcek\"/\"vlek\", not ",
						names[i]);
					r = -EINVAL;
				}
			}
		} else if (!strcmp(key, "required_capabilities")) {
			r = get_name_list(&d, p->required_caps, POLICY_MAX_CAPS,
					  &p->n_required_caps, key, why, why_len);
		} else if (!strcmp(key, "allowed_products")) {
			r = get_name_list(&d, p->products, POLICY_MAX_PRODUCTS, &p->n_products,
					  key, why, why_len);
		} else if (!strcmp(key, "verification_time")) {
			char s[STR_MAX];
			size_t sl;
			r = json_get_string(&d, s, sizeof(s), &sl);
			if (r || policy_parse_time(s, sl, &p->verification_time)) {
				strbuf_set2(why, why_len,
					"policy: verification_time must be an RFC 3339 date-time", NULL);
				r = r ? r : -EINVAL;
			}
			p->has_time = true;
		} else if (!strcmp(key, "policy_id")) {
			size_t sl;
			r = json_get_string(&d, p->id, sizeof(p->id), &sl);
			if (r)
				strbuf_set2(why, why_len, "policy: policy_id must be a string (< 64 bytes)",
					NULL);
		} else if (!strcmp(key, "reference")) {
			r = get_reference(&d, &p->reference, why, why_len);
		} else if (!strcmp(key, "comment")) {
			r = json_skip(&d);
		} else {
			strbuf_set2(why, why_len, "policy: unknown key ", key);
			return -EINVAL;
		}
		if (r)
			return r;
	}
	if (r < 0) {
		if (why && why_len && !why[0])
			strbuf_set2(why, why_len, "policy: malformed JSON", NULL);
		return r;
	}
	if (json_end(&d)) {
		strbuf_set2(why, why_len, "policy: trailing data after the JSON object", NULL);
		return -EBADMSG;
	}
	return 0;
}
