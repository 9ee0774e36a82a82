/* The CBOR decoder's getters the kernel does not call (peeks, the other
 * typed getters, strings as spans, nested decoders): the verifier's and the
 * host tools', never linked into ring 0 (see cbor_get.h; the shared head
 * reader and typed readers are in cbor.c). */
#include <string.h>

#include "futeet/errno.h"
#include "lib/cbor_get.h"

int cbor_peek_major(const struct cbor_dec *d, uint8_t *major)
{
	uint64_t arg;
	size_t next;
	return cbor_head_peek(d, major, &arg, &next);
}

int cbor_get_uint(struct cbor_dec *d, uint64_t *v) { return cbor_get_typed(d, CBOR_MAJOR_UINT, v); }

int cbor_get_bstr_span(struct cbor_dec *d, struct cbor_span *sp)
{
	return cbor_get_string(d, CBOR_MAJOR_BSTR, sp);
}

int cbor_get_tstr_span(struct cbor_dec *d, struct cbor_span *sp)
{
	return cbor_get_string(d, CBOR_MAJOR_TSTR, sp);
}

int cbor_get_tstr(struct cbor_dec *d, const char **s, size_t *n)
{
	struct cbor_span sp;
	int r = cbor_get_string(d, CBOR_MAJOR_TSTR, &sp);

	*s = r ? NULL : (const char *)cbor_span_ptr(d, sp);
	*n = r ? 0 : cbor_span_len(sp);
	return r;
}

int cbor_get_array(struct cbor_dec *d, uint64_t *count)
{
	return cbor_get_container(d, CBOR_MAJOR_ARRAY, count, 1);
}

int cbor_get_tag(struct cbor_dec *d, uint64_t *tag) { return cbor_get_typed(d, CBOR_MAJOR_TAG, tag); }

int cbor_get_bool(struct cbor_dec *d, bool *b)
{
	uint8_t major;
	uint64_t arg;
	size_t next;
	int r = cbor_head_peek(d, &major, &arg, &next);

	*b = false;
	if (r)
		return r;
	if (major != CBOR_MAJOR_SIMPLE || next != d->pos + 1 ||
	    (arg != CBOR_SIMPLE_FALSE && arg != CBOR_SIMPLE_TRUE))
		return -EPROTO;
	d->pos = next;
	*b = arg == CBOR_SIMPLE_TRUE;
	return 0;
}

int cbor_get_null(struct cbor_dec *d)
{
	uint8_t major;
	uint64_t arg;
	size_t next;
	int r = cbor_head_peek(d, &major, &arg, &next);
	if (r)
		return r;
	if (major != CBOR_MAJOR_SIMPLE || next != d->pos + 1 || arg != CBOR_SIMPLE_NULL)
		return -EPROTO;
	d->pos = next;
	return 0;
}

/* Byte by byte, each index checked against the span's end (not memcmp on
 * a pointer and a length, a relation the analysis cannot follow). */
bool cbor_span_eq(const struct cbor_dec *d, struct cbor_span sp, const char *z)
{
	size_t zl = strlen(z);

	if (sp.off > sp.end || sp.end > d->len || sp.end - sp.off != zl)
		return false;
	for (size_t k = 0; k < zl; k++) {
		size_t i = sp.off + k;
		if (i >= sp.end || d->buf[i] != (uint8_t)z[k])
			return false;
	}
	return true;
}

void cbor_dec_span(struct cbor_dec *sub, const struct cbor_dec *d, struct cbor_span sp)
{
	sub->buf = d->buf;
	sub->len = sp.end <= d->len ? sp.end : d->len;
	sub->pos = sp.off <= sub->len ? sp.off : sub->len;
}

bool cbor_tstr_eq(const char *s, size_t n, const char *z)
{
	struct cbor_dec d;
	struct cbor_span sp = { 0, n };

	cbor_dec_init(&d, (const uint8_t *)s, n);
	return cbor_span_eq(&d, sp, z);
}
