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
	if (d->pos >= d->end)
		return -ENODATA;
	return d->buf[d->pos];
}

/* Every index below is compared with the view's end before it is used, so
 * each read stays in buf[pos .. end). */
int der_read(struct der *d, struct der_tlv *out)
{
	const uint8_t *b = d->buf;
	size_t pos = d->pos, end = d->end, hdr_end, vend, len, i, n;
	uint8_t tag, l0;

	/* An empty TLV at the cursor until a whole one is read: after a
	 * failure the caller sees no stale fields. */
	out->tag = 0;
	out->buf = b;
	out->raw_off = out->off = out->end = pos;
	out->val = out->raw = b + pos;
	out->len = out->raw_len = 0;
	if (pos >= end)
		return -ENODATA;
	if (pos + 1 >= end)
		return -EBADMSG; /* a tag without a length */
	tag = b[pos];
	/* X.690 8.1.2.4: tag number 31 means "more identifier octets". */
	if ((tag & 0x1Fu) == 0x1Fu)
		return -EBADMSG;
	l0 = b[pos + 1];
	if (l0 < 0x80u) {
		len = l0;
		hdr_end = pos + 2;
	} else {
		n = l0 & 0x7Fu;
		/* X.690 10.1: definite form only; 8.1.3.5: 0xFF reserved. */
		if (n == 0 || n > DER_MAX_LEN_BYTES)
			return -EBADMSG;
		if (n > end - pos - 2)
			return -EBADMSG; /* pos + 1 < end: no wrap */
		hdr_end = pos + 2 + n;
		len = 0;
		/*@ loop invariant pos + 2 <= i <= hdr_end;
		    loop assigns i, len;
		    loop variant hdr_end - i; */
		for (i = pos + 2; i < hdr_end && i < end; i++)
			len = (len << 8) | b[i];
		/* X.690 10.1: minimal number of length octets: no leading zero
		 * octet, and the long form only for lengths >= 128. */
		if ((len >> (8 * (n - 1))) == 0 || len < 0x80u)
			return -EBADMSG;
	}
	/* len < 2^32, so the sum wraps only if end is absurd; checked anyway.
	 * vend against end first: then hdr_end <= vend bounds hdr_end too,
	 * in the order interval analyses (EVA) follow. */
	vend = hdr_end + len;
	if (vend > end || vend < hdr_end)
		return -EBADMSG;
	out->tag = tag;
	out->buf = b;
	out->raw_off = pos;
	out->off = hdr_end;
	out->end = vend;
	out->raw = b + pos;
	out->raw_len = vend - pos;
	out->val = b + hdr_end;
	out->len = vend - hdr_end;
	d->pos = vend;
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
	inner->buf = t->buf;
	inner->pos = t->off;
	inner->end = t->end;
}

void der_enter_at(const struct der_tlv *t, size_t skip, struct der *inner)
{
	inner->buf = t->buf;
	inner->end = t->end;
	inner->pos = t->off <= t->end && skip <= t->end - t->off ? t->off + skip : t->end;
}

int der_byte(const struct der_tlv *t, size_t k)
{
	size_t at = t->off + k;

	if (at < t->off || at >= t->end)
		return -1;
	return t->buf[at];
}

bool der_tlv_same(const struct der_tlv *a, const struct der_tlv *b)
{
	size_t i, j;
	uint8_t diff = 0;

	if (a->raw_off > a->end || b->raw_off > b->end ||
	    a->end - a->raw_off != b->end - b->raw_off)
		return false;
	for (i = a->raw_off, j = b->raw_off; i < a->end && j < b->end; i++, j++)
		diff |= a->buf[i] ^ b->buf[j];
	return diff == 0;
}

/* Index of the magnitude's first byte (after a sign octet 0x00), in
 * [t->off, t->end). */
static int uint_start(const struct der_tlv *t, size_t *start)
{
	const uint8_t *b = t->buf;
	size_t off = t->off;

	if (t->tag != DER_INTEGER || off >= t->end)
		return -EBADMSG;
	if (b[off] & 0x80u)
		return -ERANGE; /* negative */
	if (b[off] == 0 && off + 1 < t->end) {
		/* X.690 8.3.2: no redundant leading 0x00. */
		if (!(b[off + 1] & 0x80u))
			return -EBADMSG;
		off++;
	}
	*start = off;
	return 0;
}

int der_uint_bytes(const struct der_tlv *t, const uint8_t **mag, size_t *mag_len)
{
	size_t start;
	int err = uint_start(t, &start);

	if (err)
		return err;
	*mag = t->buf + start;
	*mag_len = t->end - start;
	return 0;
}

int der_uint64(const struct der_tlv *t, uint64_t *v)
{
	size_t start, i;
	uint64_t x = 0;
	int err = uint_start(t, &start);

	if (err)
		return err;
	if (t->end - start > 8)
		return -ERANGE;
	for (i = start; i < t->end; i++)
		x = (x << 8) | t->buf[i];
	*v = x;
	return 0;
}

int der_bool(const struct der_tlv *t, bool *v)
{
	uint8_t x;

	/* X.690 11.1: DER TRUE is 0xFF. */
	if (t->tag != DER_BOOLEAN || t->off >= t->end || t->end - t->off != 1)
		return -EBADMSG;
	x = t->buf[t->off];
	if (x != 0x00u && x != 0xFFu)
		return -EBADMSG;
	*v = x != 0;
	return 0;
}

int der_bitstring_octets(const struct der_tlv *t, const uint8_t **bits, size_t *len)
{
	if (t->tag != DER_BIT_STRING || t->off >= t->end || t->buf[t->off] != 0)
		return -EBADMSG;
	*bits = t->buf + t->off + 1;
	*len = t->end - t->off - 1;
	return 0;
}

int der_bitstring_flags(const struct der_tlv *t, uint32_t *v)
{
	uint32_t x = 0;
	size_t i;
	unsigned unused, k = 0;

	if (t->tag != DER_BIT_STRING || t->off >= t->end)
		return -EBADMSG;
	unused = t->buf[t->off];
	/* at most 2 octets of bits after the unused-bits octet */
	if (unused > 7 || t->end - t->off > 3 || (t->end - t->off == 1 && unused != 0))
		return -EBADMSG;
	/* X.690 11.2.2: unused bits are zero; named bit lists have no trailing 0 bits. */
	if (t->end - t->off > 1) {
		uint8_t last = t->buf[t->end - 1];
		if (last & ((1u << unused) - 1u))
			return -EBADMSG;
		if (last == 0)
			return -EBADMSG;
	}
	for (i = t->off + 1; i < t->end && k < 2; i++, k++) {
		unsigned b;
		for (b = 0; b < 8; b++)
			if (t->buf[i] & (0x80u >> b))
				x |= 1u << (k * 8 + b);
	}
	*v = x;
	return 0;
}

bool der_oid_eq(const struct der_tlv *t, const uint8_t *oid, size_t oid_len)
{
	size_t i, k;
	uint8_t diff = 0;

	if (t->tag != DER_OID || t->off > t->end || t->end - t->off != oid_len)
		return false;
	for (i = t->off, k = 0; i < t->end && k < oid_len; i++, k++)
		diff |= t->buf[i] ^ oid[k];
	return diff == 0;
}

bool der_oid_under(const struct der_tlv *t, const uint8_t *prefix, size_t prefix_len)
{
	size_t i, k;
	uint8_t diff = 0;

	if (t->tag != DER_OID || t->off > t->end || t->end - t->off <= prefix_len)
		return false;
	for (i = t->off, k = 0; i < t->end && k < prefix_len; i++, k++)
		diff |= t->buf[i] ^ prefix[k];
	return diff == 0;
}

int der_oid_check(const struct der_tlv *t)
{
	size_t i;

	if (t->tag != DER_OID || t->off >= t->end)
		return -EBADMSG;
	/* X.690 8.19.2: a subidentifier does not start with 0x80; the last
	 * octet has bit 8 clear. */
	if (t->buf[t->end - 1] & 0x80u)
		return -EBADMSG;
	for (i = t->off; i < t->end; i++)
		if (t->buf[i] == 0x80u && (i == t->off || !(t->buf[i - 1] & 0x80u)))
			return -EBADMSG;
	return 0;
}

/* n decimal digits at buf[at .. at + n), at + n <= end. */
static int digits(const uint8_t *buf, size_t at, size_t n, size_t end, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	if (at > end || end - at < n)
		return -EBADMSG;
	for (i = at; i < at + n && i < end; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return -EBADMSG;
		v = v * 10 + (unsigned)(buf[i] - '0');
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
	const uint8_t *b = t->buf;
	size_t p = t->off, end = t->end;
	static const uint8_t month_days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (p > end)
		return -EBADMSG;
	if (t->tag == DER_UTC_TIME) {
		/* RFC 5280 4.1.2.5.1: YYMMDDHHMMSSZ; YY >= 50 is 19YY. */
		if (end - p != 13 || b[end - 1] != 'Z' || digits(b, p, 2, end, &y))
			return -EBADMSG;
		y += y >= 50 ? 1900 : 2000;
		p += 2;
	} else if (t->tag == DER_GENERALIZED_TIME) {
		/* RFC 5280 4.1.2.5.2: YYYYMMDDHHMMSSZ, no fractions. */
		if (end - p != 15 || b[end - 1] != 'Z' || digits(b, p, 4, end, &y))
			return -EBADMSG;
		p += 4;
	} else {
		return -EBADMSG;
	}
	if (digits(b, p, 2, end, &mo) || digits(b, p + 2, 2, end, &d) ||
	    digits(b, p + 4, 2, end, &h) || digits(b, p + 6, 2, end, &mi) ||
	    digits(b, p + 8, 2, end, &s))
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
	/* Pre-order walk with one cursor: ends[k] is where the constructed TLV
	 * open at level k ends. Each step reads one TLV of at least 2 bytes,
	 * so the walk ends within len / 2 steps. */
	size_t ends[DER_MAX_DEPTH];
	struct der d;
	struct der_tlv t;
	size_t depth = 0, k;
	int err;

	for (k = 0; k < DER_MAX_DEPTH; k++)
		ends[k] = 0;
	der_init(&d, buf, len);
	if ((err = der_read(&d, &t)))
		return err == -ENODATA ? -EBADMSG : err;
	if (!der_empty(&d))
		return -EBADMSG; /* trailing bytes */
	if (!(t.tag & DER_CONSTRUCTED))
		return 0;
	der_enter(&t, &d);
	ends[0] = d.end;
	for (;;) {
		if (d.pos >= ends[depth]) {
			if (depth == 0)
				return 0;
			depth--;
			continue;
		}
		d.end = ends[depth];
		if ((err = der_read(&d, &t)))
			return err;
		if (t.tag & DER_CONSTRUCTED) {
			if (depth + 1 >= DER_MAX_DEPTH)
				return -E2BIG;
			depth++;
			ends[depth] = t.end;
			d.pos = t.off;
		}
	}
}

/* ---- writer (X.690 8.1.3: definite form; 10.1: minimal length octets) -- */

#define DER_W_MAX_LEN 0xFFFFFFu /* three length octets at most */

void der_w_init(struct der_w *w, uint8_t *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->len = 0;
	w->err = 0;
}

/* Octets of the length field for a contents length n (after the tag). */
static size_t der_w_len_octets(size_t n)
{
	return n < 0x80u ? 1 : n <= 0xFFu ? 2 : n <= 0xFFFFu ? 3 : 4;
}

static void der_w_put_len(uint8_t *p, size_t n)
{
	size_t k = der_w_len_octets(n), i;

	if (k == 1) {
		p[0] = (uint8_t)n;
		return;
	}
	p[0] = (uint8_t)(0x80u | (k - 1));
	for (i = 1; i < k; i++)
		p[i] = (uint8_t)(n >> (8 * (k - 1 - i)));
}

void der_w_raw(struct der_w *w, const void *p, size_t n)
{
	if (w->err)
		return;
	if (n > w->cap - w->len) {
		w->err = -ENOSPC;
		return;
	}
	if (n)
		memcpy(w->buf + w->len, p, n);
	w->len += n;
}

void der_w_tlv(struct der_w *w, uint8_t tag, const void *p, size_t n)
{
	size_t mark = der_w_open(w);

	der_w_raw(w, p, n);
	der_w_close(w, mark, tag);
}

size_t der_w_open(const struct der_w *w)
{
	return w->len;
}

void der_w_close(struct der_w *w, size_t mark, uint8_t tag)
{
	size_t n, h;

	if (w->err)
		return;
	if (mark > w->len) {
		w->err = -EINVAL;
		return;
	}
	n = w->len - mark;
	if (n > DER_W_MAX_LEN) {
		w->err = -E2BIG;
		return;
	}
	h = 1 + der_w_len_octets(n);
	if (h > w->cap - w->len) {
		w->err = -ENOSPC;
		return;
	}
	memmove(w->buf + mark + h, w->buf + mark, n);
	w->buf[mark] = tag;
	der_w_put_len(w->buf + mark + 1, n);
	w->len += h;
}
