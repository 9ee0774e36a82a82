/* DER writer; see der.h. X.690 8.1.3 (definite lengths, short and long form). */
#include <string.h>
#include "futeet/errno.h"
#include "derw.h"

void derw_init(struct derw *d, uint8_t *buf, size_t cap)
{
	d->buf = buf;
	d->cap = cap;
	d->len = 0;
	d->err = 0;
}

void derw_raw(struct derw *d, const void *p, size_t n)
{
	if (d->err || n == 0)
		return;
	if (n > d->cap - d->len) {
		d->err = -ENOSPC;
		return;
	}
	memcpy(d->buf + d->len, p, n);
	d->len += n;
}

void derw_wrap(struct derw *d, size_t start, uint8_t tag)
{
	uint8_t hdr[6];
	size_t hl = 0, n;

	if (d->err)
		return;
	if (start > d->len) {
		d->err = -EINVAL;
		return;
	}
	n = d->len - start;
	hdr[hl++] = tag;
	if (n < 0x80) {
		hdr[hl++] = (uint8_t)n;
	} else if (n < 0x100) {
		hdr[hl++] = 0x81;
		hdr[hl++] = (uint8_t)n;
	} else if (n < 0x10000) {
		hdr[hl++] = 0x82;
		hdr[hl++] = (uint8_t)(n >> 8);
		hdr[hl++] = (uint8_t)n;
	} else if (n < 0x1000000) {
		hdr[hl++] = 0x83;
		hdr[hl++] = (uint8_t)(n >> 16);
		hdr[hl++] = (uint8_t)(n >> 8);
		hdr[hl++] = (uint8_t)n;
	} else {
		d->err = -E2BIG;
		return;
	}
	if (hl > d->cap - d->len) {
		d->err = -ENOSPC;
		return;
	}
	memmove(d->buf + start + hl, d->buf + start, n);
	memcpy(d->buf + start, hdr, hl);
	d->len += hl;
}

void derw_tlv(struct derw *d, uint8_t tag, const void *p, size_t n)
{
	size_t start = d->len;

	derw_raw(d, p, n);
	derw_wrap(d, start, tag);
}

void derw_uint_be(struct derw *d, const uint8_t *be, size_t n)
{
	size_t start = d->len;
	static const uint8_t zero = 0;

	while (n > 1 && be[0] == 0) {
		be++;
		n--;
	}
	if (n == 0 || (be[0] & 0x80))
		derw_raw(d, &zero, 1);
	derw_raw(d, be, n);
	derw_wrap(d, start, DER_INTEGER);
}

void derw_uint(struct derw *d, uint64_t v)
{
	uint8_t be[8];

	for (int i = 7; i >= 0; i--) {
		be[i] = (uint8_t)v;
		v >>= 8;
	}
	derw_uint_be(d, be, sizeof(be));
}

void derw_null(struct derw *d)
{
	derw_tlv(d, DER_NULL, NULL, 0);
}
