/* JSON (RFC 8259): a bounded pull reader for small documents (the appraisal
 * policy) and a writer into a caller buffer (attestation results). No
 * allocation, no recursion; both run in the kernel and on the host.
 *
 * Reader: a cursor over (buf, len). Containers are walked with
 * json_obj_begin/json_obj_next and json_arr_begin/json_arr_next; nesting is
 * bounded by JSON_MAX_DEPTH. Strings are unescaped into caller buffers
 * (\u escapes become UTF-8; \u0000 and lone surrogates are refused). Numbers:
 * integers only through json_get_int (fractions/exponents are skipped by
 * json_skip but refused by json_get_int). Every error is -EBADMSG, except
 * -EPROTO for "valid JSON but another type", -ERANGE, and -ENOSPC when a
 * string does not fit the caller's buffer. */
#ifndef FUTEET_LIB_JSON_H
#define FUTEET_LIB_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define JSON_MAX_DEPTH 32u

enum json_type {
	JSON_OBJECT = 1,
	JSON_ARRAY,
	JSON_STRING,
	JSON_NUMBER,
	JSON_BOOL,
	JSON_NULL,
};

struct json_dec {
	const char *buf;
	size_t len;
	size_t pos;
	unsigned depth;
	uint64_t has_item; /* bit d: container at depth d already had an element */
};

void json_dec_init(struct json_dec *d, const char *buf, size_t len);
/* Type of the next value (whitespace skipped); -EBADMSG at the end/garbage. */
FUTEET_MUST_CHECK int json_peek(struct json_dec *d, enum json_type *t);

FUTEET_MUST_CHECK int json_obj_begin(struct json_dec *d);
/* 1: a member follows; its key is in key (NUL-terminated, *klen bytes) and
 * the ':' is consumed. 0: the object ended ('}' consumed). <0: error. */
FUTEET_MUST_CHECK int json_obj_next(struct json_dec *d, char *key, size_t cap, size_t *klen);
FUTEET_MUST_CHECK int json_arr_begin(struct json_dec *d);
/* 1: an element follows; 0: the array ended; <0: error. */
FUTEET_MUST_CHECK int json_arr_next(struct json_dec *d);

/* out may be NULL to validate and skip. out is NUL-terminated. */
FUTEET_MUST_CHECK int json_get_string(struct json_dec *d, char *out, size_t cap, size_t *len);
FUTEET_MUST_CHECK int json_get_int(struct json_dec *d, int64_t *v);
FUTEET_MUST_CHECK int json_get_bool(struct json_dec *d, bool *b);
FUTEET_MUST_CHECK int json_get_null(struct json_dec *d);
/* Skip one value of any type, nested containers included. */
FUTEET_MUST_CHECK int json_skip(struct json_dec *d);
/* 0 if only whitespace is left. */
FUTEET_MUST_CHECK int json_end(struct json_dec *d);

/* ---- writer ------------------------------------------------------------ */
struct json_w {
	char *buf;
	size_t cap;
	size_t len;
	bool overflow;
	bool bad_nesting;
	bool after_key;
	unsigned depth;
	uint64_t has_item;
};

void json_w_init(struct json_w *w, char *buf, size_t cap);
void json_w_obj_begin(struct json_w *w);
void json_w_obj_end(struct json_w *w);
void json_w_arr_begin(struct json_w *w);
void json_w_arr_end(struct json_w *w);
void json_w_key(struct json_w *w, const char *key);
void json_w_str(struct json_w *w, const char *s);
void json_w_strn(struct json_w *w, const char *s, size_t n);
/* Bytes as a lowercase hex string. */
void json_w_hex(struct json_w *w, const uint8_t *p, size_t n);
void json_w_int(struct json_w *w, int64_t v);
void json_w_uint(struct json_w *w, uint64_t v);
void json_w_bool(struct json_w *w, bool b);
void json_w_null(struct json_w *w);
/* 0 and the length (a trailing newline and NUL are written, the NUL not
 * counted), -ENOSPC on overflow, -EINVAL on unbalanced nesting. */
FUTEET_MUST_CHECK int json_w_finish(struct json_w *w, size_t *len);

#endif
