/* CBOR (RFC 8949) deterministic encoder and strict bounded decoder; see cbor.h.
 *
 * A head (RFC 8949 section 3):
 *
 *   byte 0: MMM AAAAA    M = major type, A = additional information
 *     A 0..23  argument is A itself
 *     A 24     1 following byte      A 25  2 bytes (big-endian)
 *     A 26     4 following bytes     A 27  8 bytes
 *     A 28..30 reserved (not well-formed)
 *     A 31     indefinite length / break (refused here)
 */
#include <string.h>

#include "futeet/errno.h"
#include "lib/cbor.h"

#define CBOR_AI_1BYTE 24u
#define CBOR_AI_2BYTE 25u
#define CBOR_AI_4BYTE 26u
#define CBOR_AI_8BYTE 27u
#define CBOR_AI_INDEF 31u

/* ---- encoder ----------------------------------------------------------- */

void cbor_enc_init(struct cbor_enc *e, uint8_t *buf, size_t cap)
{
	e->buf = buf;
	e->cap = buf ? cap : 0;
	e->len = 0;
	e->overflow = false;
}

static void enc_bytes(struct cbor_enc *e, const uint8_t *p, size_t n)
{
	if (e->overflow)
		return;
	if (n > e->cap - e->len) {
		e->overflow = true;
		return;
	}
	if (n)
		memcpy(e->buf + e->len, p, n);
	e->len += n;
}

/* Length of the preferred head for an argument (section 4.2.1). */
static size_t head_len(uint64_t v)
{
	if (v < 24)
		return 1;
	if (v <= 0xff)
		return 2;
	if (v <= 0xffff)
		return 3;
	if (v <= 0xffffffffull)
		return 5;
	return 9;
}

static size_t head_write(uint8_t out[9], uint8_t major, uint64_t v)
{
	size_t n = head_len(v);
	uint8_t ai;
	switch (n) {
	case 1: ai = (uint8_t)v; break;
	case 2: ai = CBOR_AI_1BYTE; break;
	case 3: ai = CBOR_AI_2BYTE; break;
	case 5: ai = CBOR_AI_4BYTE; break;
	default: ai = CBOR_AI_8BYTE; break;
	}
	out[0] = (uint8_t)((major << 5) | ai);
	for (size_t i = 1; i < n; i++)
		out[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	return n;
}

static void enc_head(struct cbor_enc *e, uint8_t major, uint64_t v)
{
	uint8_t h[9];
	size_t n = head_write(h, major, v);
	enc_bytes(e, h, n);
}

void cbor_put_uint(struct cbor_enc *e, uint64_t v) { enc_head(e, CBOR_MAJOR_UINT, v); }
void cbor_put_nint(struct cbor_enc *e, uint64_t n) { enc_head(e, CBOR_MAJOR_NINT, n); }

void cbor_put_int(struct cbor_enc *e, int64_t v)
{
	if (v >= 0)
		cbor_put_uint(e, (uint64_t)v);
	else
		cbor_put_nint(e, (uint64_t)(-(v + 1)));
}

void cbor_put_bstr(struct cbor_enc *e, const uint8_t *p, size_t n)
{
	enc_head(e, CBOR_MAJOR_BSTR, n);
	enc_bytes(e, p, n);
}

void cbor_put_tstr(struct cbor_enc *e, const char *s, size_t n)
{
	enc_head(e, CBOR_MAJOR_TSTR, n);
	enc_bytes(e, (const uint8_t *)s, n);
}

void cbor_put_tstr_z(struct cbor_enc *e, const char *s)
{
	cbor_put_tstr(e, s, strlen(s));
}

void cbor_put_array(struct cbor_enc *e, uint64_t count) { enc_head(e, CBOR_MAJOR_ARRAY, count); }
void cbor_put_map(struct cbor_enc *e, uint64_t pairs) { enc_head(e, CBOR_MAJOR_MAP, pairs); }
void cbor_put_tag(struct cbor_enc *e, uint64_t tag) { enc_head(e, CBOR_MAJOR_TAG, tag); }

void cbor_put_bool(struct cbor_enc *e, bool b)
{
	enc_head(e, CBOR_MAJOR_SIMPLE, b ? CBOR_SIMPLE_TRUE : CBOR_SIMPLE_FALSE);
}

void cbor_put_null(struct cbor_enc *e) { enc_head(e, CBOR_MAJOR_SIMPLE, CBOR_SIMPLE_NULL); }

void cbor_put_raw(struct cbor_enc *e, const uint8_t *p, size_t n) { enc_bytes(e, p, n); }

size_t cbor_open_container(struct cbor_enc *e)
{
	size_t mark = e->len;
	uint8_t placeholder = 0;
	enc_bytes(e, &placeholder, 1);
	return mark;
}

void cbor_close_container(struct cbor_enc *e, size_t mark, uint8_t major, uint64_t count)
{
	uint8_t h[9];
	size_t n, grow;
	if (e->overflow || mark >= e->len)
		return;
	n = head_write(h, major, count);
	grow = n - 1;
	if (grow > e->cap - e->len) {
		e->overflow = true;
		return;
	}
	/* content is at [mark + 1, len): move it right by `grow` */
	memmove(e->buf + mark + 1 + grow, e->buf + mark + 1, e->len - mark - 1);
	memcpy(e->buf + mark, h, n);
	e->len += grow;
}

int cbor_enc_finish(const struct cbor_enc *e, size_t *len)
{
	if (e->overflow)
		return -ENOSPC;
	*len = e->len;
	return 0;
}

/* ---- decoder ----------------------------------------------------------- */

void cbor_dec_init(struct cbor_dec *d, const uint8_t *buf, size_t len)
{
	d->buf = buf;
	d->len = buf ? len : 0;
	d->pos = 0;
}

bool cbor_dec_done(const struct cbor_dec *d) { return d->pos == d->len; }

/* Decode the head at d->pos without moving; *next = the index just past
 * the head (pos < *next <= len). Every output is written on every path
 * (zero on failure), so no caller ever reads a stale value. */
int cbor_head_peek(const struct cbor_dec *d, uint8_t *major, uint64_t *arg, size_t *next)
{
	size_t n, end;
	uint8_t ib, ai;
	uint64_t v = 0;

	*major = 0;
	*arg = 0;
	*next = d->pos;
	if (d->pos >= d->len)
		return -EBADMSG;
	ib = d->buf[d->pos];
	ai = ib & 0x1f;
	if (ai < CBOR_AI_1BYTE) {
		*major = (uint8_t)(ib >> 5);
		*arg = ai;
		*next = d->pos + 1;
		return 0;
	}
	switch (ai) {
	case CBOR_AI_1BYTE: n = 1; break;
	case CBOR_AI_2BYTE: n = 2; break;
	case CBOR_AI_4BYTE: n = 4; break;
	case CBOR_AI_8BYTE: n = 8; break;
	default: return -EBADMSG; /* 28..30 reserved, 31 indefinite/break */
	}
	/* The argument is buf[pos + 1 .. end). Checked as an index against len
	 * (pos < len, n <= 8: no wrap for any real buffer) so that the bound
	 * is on the index itself, which is what Frama-C's EVA can check. */
	end = d->pos + 1 + n;
	if (end > d->len)
		return -EBADMSG;
	for (size_t i = d->pos + 1; i < end; i++)
		v = (v << 8) | d->buf[i];
	if ((ib >> 5) == CBOR_MAJOR_SIMPLE) {
		/* 25..27 are floats: raw bits, any value. 24: simple value, which
		 * must be >= 32 (RFC 8949 section 3.3). */
		if (ai == CBOR_AI_1BYTE && v < 32)
			return -EBADMSG;
	} else if (head_len(v) != 1 + n) {
		return -EBADMSG; /* not the preferred (shortest) head */
	}
	*major = (uint8_t)(ib >> 5);
	*arg = v;
	*next = end;
	return 0;
}

int cbor_get_head(struct cbor_dec *d, uint8_t *major, uint64_t *arg)
{
	size_t next;
	int r = cbor_head_peek(d, major, arg, &next);
	if (r)
		return r;
	d->pos = next;
	return 0;
}

/* Read a head that must have the given major type. */
int cbor_get_typed(struct cbor_dec *d, uint8_t want, uint64_t *arg)
{
	uint8_t major;
	uint64_t a;
	size_t next;
	int r = cbor_head_peek(d, &major, &a, &next);

	*arg = 0;
	if (r)
		return r;
	if (major != want)
		return -EPROTO;
	d->pos = next;
	*arg = a;
	return 0;
}

int cbor_get_int(struct cbor_dec *d, int64_t *v)
{
	uint8_t major;
	uint64_t arg;
	size_t next;
	int r = cbor_head_peek(d, &major, &arg, &next);

	*v = 0;
	if (r)
		return r;
	if (major != CBOR_MAJOR_UINT && major != CBOR_MAJOR_NINT)
		return -EPROTO;
	if (arg > (uint64_t)INT64_MAX)
		return -ERANGE;
	d->pos = next;
	*v = major == CBOR_MAJOR_UINT ? (int64_t)arg : -1 - (int64_t)arg;
	return 0;
}

/* A string's contents as indices: [next, next + arg), checked as indices
 * against len (arg <= len first, so the sum cannot wrap for any real
 * buffer; then end <= len, the bound on the index itself). On failure an
 * empty span at the cursor. */
int cbor_get_string(struct cbor_dec *d, uint8_t want, struct cbor_span *sp)
{
	uint8_t major;
	uint64_t arg;
	size_t off, end;
	int r = cbor_head_peek(d, &major, &arg, &off);

	sp->off = d->pos;
	sp->end = d->pos;
	if (r)
		return r;
	if (major != want)
		return -EPROTO;
	if (arg > (uint64_t)d->len)
		return -EBADMSG;
	end = off + (size_t)arg;
	if (end > d->len)
		return -EBADMSG;
	sp->off = off;
	sp->end = end;
	d->pos = end;
	return 0;
}

int cbor_get_bstr(struct cbor_dec *d, const uint8_t **p, size_t *n)
{
	struct cbor_span sp;
	int r = cbor_get_string(d, CBOR_MAJOR_BSTR, &sp);

	*p = r ? NULL : cbor_span_ptr(d, sp);
	*n = r ? 0 : cbor_span_len(sp);
	return r;
}

/* A container count cannot exceed the bytes left (each item >= 1 byte). */
int cbor_get_container(struct cbor_dec *d, uint8_t want, uint64_t *count, uint64_t per)
{
	uint64_t arg;
	size_t save = d->pos;
	int r = cbor_get_typed(d, want, &arg);

	*count = 0;
	if (r)
		return r;
	if (arg > (uint64_t)(d->len - d->pos) / per) {
		d->pos = save;
		return -EBADMSG;
	}
	*count = arg;
	return 0;
}

int cbor_get_map(struct cbor_dec *d, uint64_t *pairs)
{
	return cbor_get_container(d, CBOR_MAJOR_MAP, pairs, 2);
}

/* Skip without recursion: `pending` counts the items still to be walked.
 * Each head consumes at least one byte, so the loop ends within
 * min(len, CBOR_SKIP_MAX_ITEMS) iterations. */
int cbor_skip(struct cbor_dec *d)
{
	uint64_t pending = 1;
	uint32_t steps = 0;
	size_t save = d->pos;

	while (pending > 0) {
		uint8_t major;
		uint64_t arg;
		size_t left, end;
		int r;

		if (++steps > CBOR_SKIP_MAX_ITEMS) {
			d->pos = save;
			return -E2BIG;
		}
		r = cbor_get_head(d, &major, &arg);
		if (r) {
			d->pos = save;
			return r;
		}
		pending--;
		left = d->len - d->pos;
		switch (major) {
		case CBOR_MAJOR_BSTR:
		case CBOR_MAJOR_TSTR:
			/* the contents' end as an index, checked against len */
			end = d->pos + (size_t)arg;
			if (arg > (uint64_t)left || end > d->len) {
				d->pos = save;
				return -EBADMSG;
			}
			d->pos = end;
			break;
		case CBOR_MAJOR_ARRAY:
		case CBOR_MAJOR_MAP: {
			uint64_t items = arg;
			if (major == CBOR_MAJOR_MAP) {
				if (items > (uint64_t)left / 2) {
					d->pos = save;
					return -EBADMSG;
				}
				items *= 2;
			}
			/* every pending item needs at least one more byte */
			if (items > (uint64_t)left || pending + items > (uint64_t)left) {
				d->pos = save;
				return -EBADMSG;
			}
			pending += items;
			break;
		}
		case CBOR_MAJOR_TAG:
			pending += 1;
			break;
		default:
			break; /* uint, nint, simple/float: head only */
		}
	}
	return 0;
}
