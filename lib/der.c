/* Strict, bounded DER reader. Spec: ITU-T X.690 (02/2021) sections 8.1
 * (identifier and length octets) and 10 (DER restrictions); times per
 * RFC 5280 section 4.1.2.5.
 *
 *   identifier  length                      contents
 *   +--------+  +------+------------------+ +------------+
 *   | tag    |  | 0xxxxxxx (short, <128)  | | len bytes  |
 *   +--------+  | 1000nnnn + n bytes      | +------------+
 *               |   (n = 1..4, minimal)   |
 *               +-------------------------+
 * Tag numbers >= 31 (multi-byte identifiers) and the indefinite form (0x80)
 * are refused. */
#include "lib/der.h"
#include "futeet/errno.h"
#include <string.h>

int der_peek(const struct der *d)
{
	if (d->len == 0)
		return -ENODATA;
	return d->p[0];
}

int der_read(struct der *d, struct der_tlv *out)
{
	size_t hdr, len, i, n;

	if (d->len == 0)
		return -ENODATA;
	if (d->len < 2)
		return -EBADMSG;
	/* X.690 8.1.2.4: tag number 31 means "more identifier octets". */
	if ((d->p[0] & 0x1Fu) == 0x1Fu)
		return -EBADMSG;
	if (d->p[1] < 0x80u) {
		len = d->p[1];
		hdr = 2;
	} else {
		n = d->p[1] & 0x7Fu;
		/* X.690 10.1: definite form only; 8.1.3.5: 0xFF reserved. */
		if (n == 0 || n > DER_MAX_LEN_BYTES)
			return -EBADMSG;
		if (d->len - 2 < n)
			return -EBADMSG;
		/* X.690 10.1: minimal number of length octets. */
		if (d->p[2] == 0)
			return -EBADMSG;
		len = 0;
		for (i = 0; i < n; i++)
			len = (len << 8) | d->p[2 + i];
		if (len < 0x80u)
			return -EBADMSG;
		hdr = 2 + n;
	}
	if (d->len - hdr < len)
		return -EBADMSG;
	out->tag = d->p[0];
	out->raw = d->p;
	out->raw_len = hdr + len;
	out->val = d->p + hdr;
	out->len = len;
	d->p += hdr + len;
	d->len -= hdr + len;
	return 0;
}

int der_expect(struct der *d, uint8_t tag, struct der_tlv *out)
{
	int err = der_read(d, out);

	if (err == -ENODATA)
		return -EBADMSG;
	if (err)
		return err;
	return out->tag == tag ? 0 : -EBADMSG;
}

void der_enter(const struct der_tlv *t, struct der *inner)
{
	der_init(inner, t->val, t->len);
}

int der_uint_bytes(const struct der_tlv *t, const uint8_t **mag, size_t *mag_len)
{
	const uint8_t *v = t->val;
	size_t n = t->len;

	if (t->tag != DER_INTEGER || n == 0)
		return -EBADMSG;
	if (v[0] & 0x80u)
		return -ERANGE; /* negative */
	/* X.690 8.3.2: no redundant leading 0x00. */
	if (n > 1 && v[0] == 0 && !(v[1] & 0x80u))
		return -EBADMSG;
	if (n > 1 && v[0] == 0) {
		v++;
		n--;
	}
	*mag = v;
	*mag_len = n;
	return 0;
}

int der_uint64(const struct der_tlv *t, uint64_t *v)
{
	const uint8_t *m;
	size_t n, i;
	uint64_t x = 0;
	int err = der_uint_bytes(t, &m, &n);

	if (err)
		return err;
	if (n > 8)
		return -ERANGE;
	for (i = 0; i < n; i++)
		x = (x << 8) | m[i];
	*v = x;
	return 0;
}

int der_bool(const struct der_tlv *t, bool *v)
{
	/* X.690 11.1: DER TRUE is 0xFF. */
	if (t->tag != DER_BOOLEAN || t->len != 1)
		return -EBADMSG;
	if (t->val[0] != 0x00u && t->val[0] != 0xFFu)
		return -EBADMSG;
	*v = t->val[0] != 0;
	return 0;
}

int der_bitstring_octets(const struct der_tlv *t, const uint8_t **bits, size_t *len)
{
	if (t->tag != DER_BIT_STRING || t->len < 1 || t->val[0] != 0)
		return -EBADMSG;
	*bits = t->val + 1;
	*len = t->len - 1;
	return 0;
}

int der_bitstring_flags(const struct der_tlv *t, uint32_t *v)
{
	uint32_t x = 0;
	size_t i, nbytes;
	unsigned unused;

	if (t->tag != DER_BIT_STRING || t->len < 1)
		return -EBADMSG;
	unused = t->val[0];
	nbytes = t->len - 1;
	if (unused > 7 || (nbytes == 0 && unused != 0) || nbytes > 2)
		return -EBADMSG;
	/* X.690 11.2.2: unused bits are zero; named bit lists have no trailing 0 bits. */
	if (nbytes > 0) {
		uint8_t last = t->val[nbytes];
		if (last & ((1u << unused) - 1u))
			return -EBADMSG;
		if (last == 0)
			return -EBADMSG;
	}
	for (i = 0; i < nbytes; i++) {
		unsigned b;
		for (b = 0; b < 8; b++)
			if (t->val[1 + i] & (0x80u >> b))
				x |= 1u << (i * 8 + b);
	}
	*v = x;
	return 0;
}

bool der_oid_eq(const struct der_tlv *t, const uint8_t *oid, size_t oid_len)
{
	return t->tag == DER_OID && t->len == oid_len && memcmp(t->val, oid, oid_len) == 0;
}

int der_oid_check(const struct der_tlv *t)
{
	size_t i;

	if (t->tag != DER_OID || t->len == 0)
		return -EBADMSG;
	/* X.690 8.19.2: a subidentifier does not start with 0x80; the last
	 * octet has bit 8 clear. */
	if (t->val[t->len - 1] & 0x80u)
		return -EBADMSG;
	for (i = 0; i < t->len; i++)
		if (t->val[i] == 0x80u && (i == 0 || !(t->val[i - 1] & 0x80u)))
			return -EBADMSG;
	return 0;
}

static int digits(const uint8_t *p, size_t n, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -EBADMSG;
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	*out = v;
	return 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned mon, unsigned day)
{
	int64_t era, yoe, doy, doe, m = mon, d = day;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int der_time(const struct der_tlv *t, int64_t *unix_seconds)
{
	unsigned y, mo, d, h, mi, s, mdays;
	const uint8_t *p = t->val;
	static const uint8_t month_days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (t->tag == DER_UTC_TIME) {
		/* RFC 5280 4.1.2.5.1: YYMMDDHHMMSSZ; YY >= 50 is 19YY. */
		if (t->len != 13 || p[12] != 'Z' || digits(p, 2, &y))
			return -EBADMSG;
		y += y >= 50 ? 1900 : 2000;
		p += 2;
	} else if (t->tag == DER_GENERALIZED_TIME) {
		/* RFC 5280 4.1.2.5.2: YYYYMMDDHHMMSSZ, no fractions. */
		if (t->len != 15 || p[14] != 'Z' || digits(p, 4, &y))
			return -EBADMSG;
		p += 4;
	} else {
		return -EBADMSG;
	}
	if (digits(p, 2, &mo) || digits(p + 2, 2, &d) || digits(p + 4, 2, &h) ||
	    digits(p + 6, 2, &mi) || digits(p + 8, 2, &s))
		return -EBADMSG;
	if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59)
		return -EBADMSG;
	mdays = month_days[mo - 1];
	if (mo == 2 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		mdays = 28;
	if (d > mdays)
		return -EBADMSG;
	*unix_seconds = days_from_civil((int64_t)y, mo, d) * 86400 +
			(int64_t)h * 3600 + (int64_t)mi * 60 + (int64_t)s;
	return 0;
}

int der_check_all(const uint8_t *buf, size_t len)
{
	struct der stack[DER_MAX_DEPTH];
	struct der_tlv t;
	size_t depth = 0;
	int err;

	der_init(&stack[0], buf, len);
	if ((err = der_read(&stack[0], &t)))
		return err == -ENODATA ? -EBADMSG : err;
	if (!der_empty(&stack[0]))
		return -EBADMSG; /* trailing bytes */
	if (!(t.tag & DER_CONSTRUCTED))
		return 0;
	der_enter(&t, &stack[0]);
	/* Iterative pre-order walk: each level is a view of what is left. The
	 * loop consumes at least 2 bytes per step, so it ends within len steps. */
	for (;;) {
		if (der_empty(&stack[depth])) {
			if (depth == 0)
				return 0;
			depth--;
			continue;
		}
		if ((err = der_read(&stack[depth], &t)))
			return err;
		if (t.tag & DER_CONSTRUCTED) {
			if (depth + 1 >= DER_MAX_DEPTH)
				return -E2BIG;
			depth++;
			der_enter(&t, &stack[depth]);
		}
	}
}
