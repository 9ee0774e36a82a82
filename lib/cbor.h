/* CBOR (RFC 8949): a deterministic encoder into a caller buffer and a strict,
 * bounded decoder over a caller buffer. No allocation; shared by the kernel
 * and the host tools.
 *
 * Encoder: every put writes the preferred (shortest) head (RFC 8949 section
 * 4.2.1). Running out of room sets `overflow` and further puts do nothing;
 * cbor_enc_finish() then reports -ENOSPC. Map keys are written in the order
 * the caller gives them: callers sort them (section 4.2.1 bytewise order).
 *
 * Decoder: a cursor (buf, len, pos). It accepts definite lengths only and
 * rejects, with -EBADMSG, anything not well-formed or not minimally encoded:
 * indefinite lengths (additional info 31), reserved additional info 28..30,
 * non-minimal heads, two-byte simple values below 32, truncated items. */
#ifndef FUTEET_LIB_CBOR_H
#define FUTEET_LIB_CBOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

/* Major types (RFC 8949 section 3.1). */
#define CBOR_MAJOR_UINT  0u
#define CBOR_MAJOR_NINT  1u
#define CBOR_MAJOR_BSTR  2u
#define CBOR_MAJOR_TSTR  3u
#define CBOR_MAJOR_ARRAY 4u
#define CBOR_MAJOR_MAP   5u
#define CBOR_MAJOR_TAG   6u
#define CBOR_MAJOR_SIMPLE 7u

/* Simple values (RFC 8949 section 3.3). */
#define CBOR_SIMPLE_FALSE 20u
#define CBOR_SIMPLE_TRUE  21u
#define CBOR_SIMPLE_NULL  22u
#define CBOR_SIMPLE_UNDEF 23u

/* Bound on items one cbor_skip() may walk (each item is at least one byte,
 * so a buffer can never hold more items than bytes anyway). */
#define CBOR_SKIP_MAX_ITEMS 65536u

struct cbor_enc {
	uint8_t *buf;
	size_t cap;
	size_t len;
	bool overflow;
};

void cbor_enc_init(struct cbor_enc *e, uint8_t *buf, size_t cap);
void cbor_put_uint(struct cbor_enc *e, uint64_t v);
/* Negative integer -1 - n (major type 1 with argument n). */
void cbor_put_nint(struct cbor_enc *e, uint64_t n);
void cbor_put_int(struct cbor_enc *e, int64_t v);
void cbor_put_bstr(struct cbor_enc *e, const uint8_t *p, size_t n);
void cbor_put_tstr(struct cbor_enc *e, const char *s, size_t n);
void cbor_put_tstr_z(struct cbor_enc *e, const char *s);
void cbor_put_array(struct cbor_enc *e, uint64_t count);
void cbor_put_map(struct cbor_enc *e, uint64_t pairs);
void cbor_put_tag(struct cbor_enc *e, uint64_t tag);
void cbor_put_bool(struct cbor_enc *e, bool b);
void cbor_put_null(struct cbor_enc *e);
/* Append already-encoded CBOR (for example a nested item's bytes). */
void cbor_put_raw(struct cbor_enc *e, const uint8_t *p, size_t n);

/* Containers whose size is known only at the end: open writes a one-byte
 * placeholder and returns its offset; close rewrites the head with `count`
 * (array items or map pairs), moving the content if the head grows. */
size_t cbor_open_container(struct cbor_enc *e);
void cbor_close_container(struct cbor_enc *e, size_t mark, uint8_t major, uint64_t count);

/* 0 and the encoded length, or -ENOSPC if any put did not fit. */
FUTEET_MUST_CHECK int cbor_enc_finish(const struct cbor_enc *e, size_t *len);

/* The bytes left are buf[pos .. len) (len: one past the last byte of this
 * decoder's window, which cbor_dec_span narrows). */
struct cbor_dec {
	const uint8_t *buf;
	size_t len;
	size_t pos;
};

void cbor_dec_init(struct cbor_dec *d, const uint8_t *buf, size_t len);
/* True when every byte has been consumed. */
bool cbor_dec_done(const struct cbor_dec *d);

/* Read one head: major type and argument (value, length, count, tag number
 * or simple value). Strict as described above. For major 7 floats (additional
 * info 25..27) `arg` holds the raw bits. */
FUTEET_MUST_CHECK int cbor_get_head(struct cbor_dec *d, uint8_t *major, uint64_t *arg);

/* Typed getters: -EBADMSG if malformed, -EPROTO if the next item has another
 * type (the cursor does not move on a type mismatch). Every getter (and
 * cbor_get_head) writes its outputs on failure too: zero, NULL, an empty
 * span. These are the ones the kernel calls; the others (uint, tstr, array,
 * tag, bool, null, peeks, spans) are in cbor_get.h, outside ring 0. */
FUTEET_MUST_CHECK int cbor_get_int(struct cbor_dec *d, int64_t *v);        /* uint or nint in int64 range */
FUTEET_MUST_CHECK int cbor_get_bstr(struct cbor_dec *d, const uint8_t **p, size_t *n);
FUTEET_MUST_CHECK int cbor_get_map(struct cbor_dec *d, uint64_t *pairs);

/* A string's contents as an index range of the decoder's buffer:
 * buf[off .. end), off <= end <= len (cbor_get.h says why). */
struct cbor_span {
	size_t off;
	size_t end;
};

static inline const uint8_t *cbor_span_ptr(const struct cbor_dec *d, struct cbor_span sp)
{
	return d->buf + sp.off;
}
static inline size_t cbor_span_len(struct cbor_span sp)
{
	return sp.end - sp.off;
}

/* The readers every getter is built on, shared by cbor.c and cbor_get.c:
 * the head at the cursor without moving (*next just past it); a head of one
 * major type; a string of one major type as a span; a container of one
 * major type whose count fits in the bytes left (`per` bytes per item). */
FUTEET_MUST_CHECK int cbor_head_peek(const struct cbor_dec *d, uint8_t *major, uint64_t *arg, size_t *next);
FUTEET_MUST_CHECK int cbor_get_typed(struct cbor_dec *d, uint8_t want, uint64_t *arg);
FUTEET_MUST_CHECK int cbor_get_string(struct cbor_dec *d, uint8_t want, struct cbor_span *sp);
FUTEET_MUST_CHECK int cbor_get_container(struct cbor_dec *d, uint8_t want, uint64_t *count, uint64_t per);

/* Skip one complete item (with everything nested in it), iteratively. */
FUTEET_MUST_CHECK int cbor_skip(struct cbor_dec *d);

#endif
