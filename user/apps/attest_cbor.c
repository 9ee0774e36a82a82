/* attest's own reader for FUTEET evidence (DESIGN.md section 5; CBOR per RFC
 * 8949): a bounded, iterative (no recursion) walk that finds the claims set,
 * its eat_nonce (key 10) and the "tsm" record's provider/outblob/auxblob.
 * Definite lengths only; every length is checked against what is left. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "attest.h"

/* RFC 8949 section 3.1 major types. */
enum { MT_UINT, MT_NINT, MT_BSTR, MT_TSTR, MT_ARRAY, MT_MAP, MT_TAG, MT_SIMPLE };
#define CBOR_TAG_UCCS 601u   /* RFC 9781 */
#define EAT_NONCE_KEY 10u    /* RFC 9711 */
#define MAX_ENTRIES   64u
#define MAX_PENDING   4096u

struct cur {
	const uint8_t *p;
	size_t len, off;
};

static int head(struct cur *c, unsigned *mt, uint64_t *arg)
{
	unsigned ai, n;

	if (c->off >= c->len)
		return -1;
	*mt = c->p[c->off] >> 5;
	ai = c->p[c->off] & 31;
	c->off++;
	if (ai < 24) {
		*arg = ai;
		return 0;
	}
	if (ai > 27)
		return -1; /* reserved or indefinite length: refused */
	n = 1u << (ai - 24);
	if (c->len - c->off < n)
		return -1;
	*arg = 0;
	for (unsigned i = 0; i < n; i++)
		*arg = *arg << 8 | c->p[c->off++];
	return 0;
}

/* Skip one complete item, iteratively: 'pending' counts items still owed. */
static int skip(struct cur *c)
{
	uint64_t pending = 1, arg;
	unsigned mt;

	while (pending) {
		if (head(c, &mt, &arg))
			return -1;
		pending--;
		switch (mt) {
		case MT_BSTR:
		case MT_TSTR:
			if (arg > c->len - c->off)
				return -1;
			c->off += (size_t)arg;
			break;
		case MT_ARRAY:
		case MT_MAP:
			if (arg > MAX_PENDING)
				return -1;
			pending += (mt == MT_MAP ? 2 : 1) * arg;
			break;
		case MT_TAG:
			pending++;
			break;
		default:
			break;
		}
		if (pending > MAX_PENDING)
			return -1;
	}
	return 0;
}

static int string(struct cur *c, unsigned want, const uint8_t **s, size_t *n)
{
	unsigned mt;
	uint64_t arg;

	if (head(c, &mt, &arg) || mt != want || arg > c->len - c->off)
		return -1;
	*s = c->p + c->off;
	*n = (size_t)arg;
	c->off += (size_t)arg;
	return 0;
}

static int key_is(const uint8_t *k, size_t n, const char *want)
{
	return n == strlen(want) && memcmp(k, want, n) == 0;
}

/* A CMW record [media-type, bstr, ...]: the bstr. */
static int record(struct cur *c, const uint8_t **b, size_t *n)
{
	unsigned mt;
	uint64_t arg;
	const uint8_t *s;
	size_t sn;

	if (head(c, &mt, &arg) || mt != MT_ARRAY || arg < 2 || arg > 3)
		return -1;
	if (string(c, MT_TSTR, &s, &sn) || string(c, MT_BSTR, b, n))
		return -1;
	return arg == 3 ? skip(c) : 0;
}

int attest_decode(const uint8_t *ev, size_t len, struct attest_view *v, const char **why)
{
	struct cur c = { ev, len, 0 }, t, cl;
	unsigned mt;
	uint64_t n, arg;
	const uint8_t *k, *tsm = NULL;
	size_t kn, tsm_len = 0;

	memset(v, 0, sizeof(*v));
	*why = "evidence is not a CBOR map";
	if (head(&c, &mt, &n) || mt != MT_MAP || n > MAX_ENTRIES)
		return -1;
	for (uint64_t i = 0; i < n; i++) {
		*why = "evidence map has a non-text key";
		if (string(&c, MT_TSTR, &k, &kn))
			return -1;
		*why = "malformed CMW record";
		if (key_is(k, kn, "futeet")) {
			if (record(&c, &v->claims, &v->claims_len))
				return -1;
		} else if (key_is(k, kn, "tsm")) {
			if (record(&c, &tsm, &tsm_len))
				return -1;
		} else if (key_is(k, kn, "ccel")) {
			if (record(&c, &v->ccel, &v->ccel_len))
				return -1;
		} else if (skip(&c)) {
			return -1;
		}
	}
	if (c.off != c.len || v->claims == NULL || tsm == NULL) {
		*why = "evidence lacks the \"futeet\" or \"tsm\" record";
		return -1;
	}

	/* "tsm": { ? "auxblob": bstr, "outblob": bstr, "provider": tstr } */
	t = (struct cur){ tsm, tsm_len, 0 };
	*why = "malformed tsm report";
	if (head(&t, &mt, &n) || mt != MT_MAP || n > MAX_ENTRIES)
		return -1;
	for (uint64_t i = 0; i < n; i++) {
		const uint8_t *s;
		size_t sn;

		if (string(&t, MT_TSTR, &k, &kn))
			return -1;
		if (key_is(k, kn, "outblob")) {
			if (string(&t, MT_BSTR, &v->outblob, &v->outblob_len))
				return -1;
		} else if (key_is(k, kn, "auxblob")) {
			if (string(&t, MT_BSTR, &v->auxblob, &v->auxblob_len))
				return -1;
		} else if (key_is(k, kn, "provider")) {
			if (string(&t, MT_TSTR, &s, &sn))
				return -1;
			v->provider = (const char *)s;
			v->provider_len = sn;
		} else if (skip(&t)) {
			return -1;
		}
	}
	if (t.off != t.len || v->outblob == NULL || v->provider == NULL)
		return -1;

	/* claims: 601({ 10: bstr, ... }) */
	cl = (struct cur){ v->claims, v->claims_len, 0 };
	*why = "claims set is not a tag-601 map";
	if (head(&cl, &mt, &arg) || mt != MT_TAG || arg != CBOR_TAG_UCCS)
		return -1;
	if (head(&cl, &mt, &n) || mt != MT_MAP || n > MAX_ENTRIES)
		return -1;
	for (uint64_t i = 0; i < n; i++) {
		struct cur save = cl;

		if (head(&cl, &mt, &arg))
			return -1;
		if (mt == MT_UINT && arg == EAT_NONCE_KEY) {
			if (string(&cl, MT_BSTR, &v->nonce, &v->nonce_len))
				return -1;
			continue;
		}
		cl = save; /* other key: skip key and value */
		if (skip(&cl) || skip(&cl))
			return -1;
	}
	if (cl.off != cl.len || v->nonce == NULL) {
		*why = "claims set has no eat_nonce";
		return -1;
	}
	return 0;
}
