/* Bounded JSON reader and writer (RFC 8259); see json.h. */
#include <string.h>

#include "lib/hex.h"
#include "futeet/errno.h"
#include "lib/json.h"

/* ---- reader ------------------------------------------------------------ */

/* has_item and json_skip's kind keep one bit per nesting depth. */
_Static_assert(JSON_MAX_DEPTH <= 64, "one uint64_t bit per depth");

void json_dec_init(struct json_dec *d, const char *buf, size_t len)
{
	d->buf = buf;
	d->len = buf ? len : 0;
	d->pos = 0;
	d->depth = 0;
	d->has_item = 0;
}

/* RFC 8259 section 2: ws = space, tab, LF, CR. */
static void skip_ws(struct json_dec *d)
{
	while (d->pos < d->len) {
		char c = d->buf[d->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		d->pos++;
	}
}

/* The literal w at pos; checked as indices, buf[pos .. end) with end <= len
 * (pos <= len, w is a short literal: no wrap). */
static bool lit(struct json_dec *d, const char *w)
{
	size_t n = strlen(w);
	size_t end = d->pos + n;
	if (end > d->len)
		return false;
	for (size_t j = d->pos, i = 0; j < end && i < n; j++, i++)
		if (d->buf[j] != w[i])
			return false;
	d->pos = end;
	return true;
}

int json_peek(struct json_dec *d, enum json_type *t)
{
	char c;
	skip_ws(d);
	if (d->pos >= d->len)
		return -EBADMSG;
	c = d->buf[d->pos];
	switch (c) {
	case '{': *t = JSON_OBJECT; return 0;
	case '[': *t = JSON_ARRAY; return 0;
	case '"': *t = JSON_STRING; return 0;
	case 't': case 'f': *t = JSON_BOOL; return 0;
	case 'n': *t = JSON_NULL; return 0;
	default:
		if (c == '-' || (c >= '0' && c <= '9')) {
			*t = JSON_NUMBER;
			return 0;
		}
		return -EBADMSG;
	}
}

static int open_container(struct json_dec *d, char c)
{
	skip_ws(d);
	if (d->pos >= d->len)
		return -EBADMSG;
	if (d->buf[d->pos] != c)
		return (d->buf[d->pos] == '{' || d->buf[d->pos] == '[' ||
			d->buf[d->pos] == '"') ? -EPROTO : -EBADMSG;
	if (d->depth >= JSON_MAX_DEPTH - 1)
		return -E2BIG;
	d->pos++;
	d->depth++;
	d->has_item &= ~(1ull << d->depth);
	return 0;
}

int json_obj_begin(struct json_dec *d) { return open_container(d, '{'); }
int json_arr_begin(struct json_dec *d) { return open_container(d, '['); }

/* Common part of obj_next/arr_next: 1 item follows, 0 closed. */
static int next_item(struct json_dec *d, char close)
{
	uint64_t bit;
	/* open_container keeps depth below JSON_MAX_DEPTH (<= 64 bits) */
	if (d->depth == 0 || d->depth >= JSON_MAX_DEPTH)
		return -EINVAL;
	bit = 1ull << d->depth;
	skip_ws(d);
	if (d->pos >= d->len)
		return -EBADMSG;
	if (d->buf[d->pos] == close) {
		d->pos++;
		d->depth--;
		return 0;
	}
	if (d->has_item & bit) {
		if (d->buf[d->pos] != ',')
			return -EBADMSG;
		d->pos++;
		skip_ws(d);
	}
	d->has_item |= bit;
	return 1;
}

int json_obj_next(struct json_dec *d, char *key, size_t cap, size_t *klen)
{
	int r = next_item(d, '}');
	if (r <= 0)
		return r;
	if (d->pos >= d->len || d->buf[d->pos] != '"')
		return -EBADMSG;
	r = json_get_string(d, key, cap, klen);
	if (r)
		return r;
	skip_ws(d);
	if (d->pos >= d->len || d->buf[d->pos] != ':')
		return -EBADMSG;
	d->pos++;
	return 1;
}

int json_arr_next(struct json_dec *d)
{
	int r = next_item(d, ']');
	if (r == 1) {
		skip_ws(d);
		if (d->pos < d->len && d->buf[d->pos] == ']')
			return -EBADMSG; /* "[1,]" */
	}
	return r;
}

static int read_u4(struct json_dec *d, uint32_t *u)
{
	uint32_t v = 0;
	size_t end = d->pos + 4; /* buf[pos .. end), as indices: pos <= len */
	if (end > d->len)
		return -EBADMSG;
	for (size_t j = d->pos; j < end; j++) {
		int h = hex_digit(d->buf[j]);
		if (h < 0)
			return -EBADMSG;
		v = (v << 4) | (uint32_t)h;
	}
	d->pos = end;
	*u = v;
	return 0;
}

static int out_byte(char *out, size_t cap, size_t *n, uint8_t b)
{
	if (out) {
		if (*n + 1 >= cap)
			return -ENOSPC;
		out[*n] = (char)b;
	}
	(*n)++;
	return 0;
}

int json_get_string(struct json_dec *d, char *out, size_t cap, size_t *len)
{
	size_t n = 0;
	size_t save;
	int r = 0;

	skip_ws(d);
	save = d->pos;
	if (out && cap == 0)
		return -ENOSPC;
	if (d->pos >= d->len)
		return -EBADMSG;
	if (d->buf[d->pos] != '"')
		return -EPROTO;
	d->pos++;
	while (d->pos < d->len) {
		uint8_t c = (uint8_t)d->buf[d->pos++];
		if (c == '"') {
			if (out)
				out[n] = 0;
			if (len)
				*len = n;
			return 0;
		}
		if (c < 0x20) {
			r = -EBADMSG; /* control characters must be escaped */
			break;
		}
		if (c != '\\') {
			r = out_byte(out, cap, &n, c);
			if (r)
				break;
			continue;
		}
		if (d->pos >= d->len) {
			r = -EBADMSG;
			break;
		}
		c = (uint8_t)d->buf[d->pos++];
		switch (c) {
		case '"': case '\\': case '/': break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'u': {
			uint32_t u = 0, lo = 0;
			uint8_t enc[4] = { 0 };
			size_t el;
			r = read_u4(d, &u);
			if (r)
				break;
			if (u >= 0xdc00 && u <= 0xdfff) {
				r = -EBADMSG; /* lone low surrogate */
				break;
			}
			if (u >= 0xd800 && u <= 0xdbff) {
				if (!lit(d, "\\u") || read_u4(d, &lo) || lo < 0xdc00 || lo > 0xdfff) {
					r = -EBADMSG;
					break;
				}
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			}
			if (u == 0) {
				r = -EBADMSG; /* no NUL inside C strings */
				break;
			}
			if (u < 0x80) {
				enc[0] = (uint8_t)u; el = 1;
			} else if (u < 0x800) {
				enc[0] = (uint8_t)(0xc0 | (u >> 6));
				enc[1] = (uint8_t)(0x80 | (u & 0x3f)); el = 2;
			} else if (u < 0x10000) {
				enc[0] = (uint8_t)(0xe0 | (u >> 12));
				enc[1] = (uint8_t)(0x80 | ((u >> 6) & 0x3f));
				enc[2] = (uint8_t)(0x80 | (u & 0x3f)); el = 3;
			} else {
				enc[0] = (uint8_t)(0xf0 | (u >> 18));
				enc[1] = (uint8_t)(0x80 | ((u >> 12) & 0x3f));
				enc[2] = (uint8_t)(0x80 | ((u >> 6) & 0x3f));
				enc[3] = (uint8_t)(0x80 | (u & 0x3f)); el = 4;
			}
			for (size_t i = 0; i < el && !r; i++)
				r = out_byte(out, cap, &n, enc[i]);
			if (r)
				break;
			continue;
		}
		default:
			r = -EBADMSG;
			break;
		}
		if (r)
			break;
		r = out_byte(out, cap, &n, c);
		if (r)
			break;
	}
	d->pos = save;
	return r ? r : -EBADMSG;
}

/* RFC 8259 section 6 number grammar; *is_int when no fraction/exponent. */
static int scan_number(struct json_dec *d, size_t *end, bool *is_int)
{
	size_t p = d->pos;
	*is_int = true;
	if (p < d->len && d->buf[p] == '-')
		p++;
	if (p >= d->len)
		return -EBADMSG;
	if (d->buf[p] == '0') {
		p++;
	} else if (d->buf[p] >= '1' && d->buf[p] <= '9') {
		while (p < d->len && d->buf[p] >= '0' && d->buf[p] <= '9')
			p++;
	} else {
		return -EBADMSG;
	}
	if (p < d->len && d->buf[p] == '.') {
		size_t s = ++p;
		*is_int = false;
		while (p < d->len && d->buf[p] >= '0' && d->buf[p] <= '9')
			p++;
		if (p == s)
			return -EBADMSG;
	}
	if (p < d->len && (d->buf[p] == 'e' || d->buf[p] == 'E')) {
		size_t s;
		*is_int = false;
		p++;
		if (p < d->len && (d->buf[p] == '+' || d->buf[p] == '-'))
			p++;
		s = p;
		while (p < d->len && d->buf[p] >= '0' && d->buf[p] <= '9')
			p++;
		if (p == s)
			return -EBADMSG;
	}
	*end = p;
	return 0;
}

int json_get_int(struct json_dec *d, int64_t *v)
{
	enum json_type t;
	size_t end, p;
	bool is_int, neg;
	uint64_t acc = 0, lim;
	int r = json_peek(d, &t);
	if (r)
		return r;
	if (t != JSON_NUMBER)
		return -EPROTO;
	r = scan_number(d, &end, &is_int);
	if (r)
		return r;
	if (!is_int)
		return -EPROTO;
	p = d->pos;
	neg = d->buf[p] == '-';
	if (neg)
		p++;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; p < end; p++) {
		uint64_t dg = (uint64_t)(d->buf[p] - '0');
		if (acc > (lim - dg) / 10)
			return -ERANGE;
		acc = acc * 10 + dg;
	}
	d->pos = end;
	if (neg)
		*v = acc > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)acc; /* acc <= 2^63 */
	else
		*v = (int64_t)acc;
	return 0;
}

int json_get_bool(struct json_dec *d, bool *b)
{
	enum json_type t;
	int r = json_peek(d, &t);
	if (r)
		return r;
	if (t != JSON_BOOL)
		return -EPROTO;
	if (lit(d, "true"))
		*b = true;
	else if (lit(d, "false"))
		*b = false;
	else
		return -EBADMSG;
	return 0;
}

int json_get_null(struct json_dec *d)
{
	enum json_type t;
	int r = json_peek(d, &t);
	if (r)
		return r;
	if (t != JSON_NULL)
		return -EPROTO;
	return lit(d, "null") ? 0 : -EBADMSG;
}

/* Without recursion: each iteration consumes at least one byte, so the loop
 * runs at most len + 1 times; bit d of `kind` remembers object (1) or
 * array (0) for the container opened at depth d (< JSON_MAX_DEPTH <= 64). */
int json_skip(struct json_dec *d)
{
	unsigned base = d->depth;
	uint64_t kind = 0;
	size_t guard = d->len + 2;

	for (;;) {
		enum json_type t = JSON_NULL;
		int r;
		if (guard-- == 0)
			return -EBADMSG;
		if (d->depth >= JSON_MAX_DEPTH)
			return -EINVAL; /* open_container keeps it below */
		if (d->depth > base) {
			bool is_obj = (kind >> d->depth) & 1;
			r = is_obj ? json_obj_next(d, NULL, 0, NULL) : json_arr_next(d);
			if (r < 0)
				return r;
			if (r == 0) {
				if (d->depth == base)
					return 0;
				continue;
			}
		}
		r = json_peek(d, &t);
		if (r)
			return r;
		switch (t) {
		case JSON_OBJECT:
		case JSON_ARRAY:
			r = open_container(d, t == JSON_OBJECT ? '{' : '[');
			if (r)
				return r;
			if (d->depth >= JSON_MAX_DEPTH)
				return -EINVAL; /* open_container refused that */
			if (t == JSON_OBJECT)
				kind |= 1ull << d->depth;
			else
				kind &= ~(1ull << d->depth);
			continue;
		case JSON_STRING:
			r = json_get_string(d, NULL, 0, NULL);
			break;
		case JSON_NUMBER: {
			size_t end = 0;
			bool is_int;
			r = scan_number(d, &end, &is_int);
			if (!r)
				d->pos = end;
			break;
		}
		case JSON_BOOL: {
			bool b;
			r = json_get_bool(d, &b);
			break;
		}
		default:
			r = json_get_null(d);
			break;
		}
		if (r)
			return r;
		if (d->depth == base)
			return 0;
	}
}

int json_end(struct json_dec *d)
{
	skip_ws(d);
	return d->pos == d->len && d->depth == 0 ? 0 : -EBADMSG;
}

/* ---- writer ------------------------------------------------------------ */

void json_w_init(struct json_w *w, char *buf, size_t cap)
{
	w->buf = buf;
	w->cap = buf ? cap : 0;
	w->len = 0;
	w->overflow = false;
	w->bad_nesting = false;
	w->after_key = false;
	w->depth = 0;
	w->has_item = 0;
}

static void w_put(struct json_w *w, const char *s, size_t n)
{
	if (w->overflow)
		return;
	if (n > w->cap - w->len) {
		w->overflow = true;
		return;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void w_indent(struct json_w *w)
{
	w_put(w, "\n", 1);
	for (unsigned i = 0; i < w->depth; i++)
		w_put(w, "  ", 2);
}

/* Separator before a value or key at the current level. */
static void w_sep(struct json_w *w)
{
	uint64_t bit = 1ull << w->depth;
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0) {
		if (w->has_item & 1)
			w->bad_nesting = true; /* two top-level values */
		w->has_item |= 1;
		return;
	}
	if (w->has_item & bit)
		w_put(w, ",", 1);
	w->has_item |= bit;
	w_indent(w);
}

static void w_open(struct json_w *w, const char *c)
{
	w_sep(w);
	w_put(w, c, 1);
	if (w->depth + 1 >= 64) {
		w->bad_nesting = true;
		return;
	}
	w->depth++;
	w->has_item &= ~(1ull << w->depth);
}

static void w_close(struct json_w *w, const char *c)
{
	bool had = (w->has_item >> w->depth) & 1;
	if (w->depth == 0 || w->after_key) {
		w->bad_nesting = true;
		return;
	}
	w->depth--;
	if (had)
		w_indent(w);
	w_put(w, c, 1);
}

void json_w_obj_begin(struct json_w *w) { w_open(w, "{"); }
void json_w_obj_end(struct json_w *w) { w_close(w, "}"); }
void json_w_arr_begin(struct json_w *w) { w_open(w, "["); }
void json_w_arr_end(struct json_w *w) { w_close(w, "]"); }

static void w_string(struct json_w *w, const char *s, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	w_put(w, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		uint8_t c = (uint8_t)s[i];
		if (c == '"' || c == '\\') {
			char e[2] = { '\\', (char)c };
			w_put(w, e, 2);
		} else if (c < 0x20 || c == 0x7f) {
			char e[6] = { '\\', 'u', '0', '0', hx[c >> 4], hx[c & 15] };
			w_put(w, e, 6);
		} else {
			w_put(w, (const char *)&c, 1);
		}
	}
	w_put(w, "\"", 1);
}

void json_w_key(struct json_w *w, const char *key)
{
	w_sep(w);
	w_string(w, key, strlen(key));
	w_put(w, ": ", 2);
	w->after_key = true;
}

void json_w_strn(struct json_w *w, const char *s, size_t n)
{
	w_sep(w);
	w_string(w, s, n);
}

void json_w_str(struct json_w *w, const char *s) { json_w_strn(w, s, strlen(s)); }

void json_w_hex(struct json_w *w, const uint8_t *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	w_sep(w);
	w_put(w, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		char two[2] = { hx[p[i] >> 4], hx[p[i] & 15] };
		w_put(w, two, 2);
	}
	w_put(w, "\"", 1);
}

static void w_u64(struct json_w *w, uint64_t v)
{
	char tmp[20];
	size_t n = 0;
	do {
		tmp[sizeof(tmp) - 1 - n] = (char)('0' + v % 10);
		v /= 10;
		n++;
	} while (v);
	w_put(w, tmp + sizeof(tmp) - n, n);
}

void json_w_uint(struct json_w *w, uint64_t v)
{
	w_sep(w);
	w_u64(w, v);
}

void json_w_int(struct json_w *w, int64_t v)
{
	w_sep(w);
	if (v < 0) {
		w_put(w, "-", 1);
		w_u64(w, (uint64_t)(-(v + 1)) + 1);
	} else {
		w_u64(w, (uint64_t)v);
	}
}

void json_w_bool(struct json_w *w, bool b)
{
	w_sep(w);
	if (b)
		w_put(w, "true", 4);
	else
		w_put(w, "false", 5);
}

void json_w_null(struct json_w *w)
{
	w_sep(w);
	w_put(w, "null", 4);
}

int json_w_finish(struct json_w *w, size_t *len)
{
	if (w->bad_nesting || w->depth != 0 || w->after_key)
		return -EINVAL;
	w_put(w, "\n", 1);
	w_put(w, "", 1);
	if (w->overflow)
		return -ENOSPC;
	w->len--; /* the NUL is not counted */
	*len = w->len;
	return 0;
}
