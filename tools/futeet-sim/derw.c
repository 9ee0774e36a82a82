/* Minimal INTEGERs and NULL over lib/der.c's writer; see derw.h. */
#include "derw.h"

void derw_uint_be(struct der_w *d, const uint8_t *be, size_t n)
{
	size_t start = d->len;
	static const uint8_t zero = 0;

	while (n > 1 && be[0] == 0) {
		be++;
		n--;
	}
	if (n == 0 || (be[0] & 0x80))
		der_w_raw(d, &zero, 1);
	der_w_raw(d, be, n);
	der_w_close(d, start, DER_INTEGER);
}

void derw_uint(struct der_w *d, uint64_t v)
{
	uint8_t be[8];

	for (int i = 7; i >= 0; i--) {
		be[i] = (uint8_t)v;
		v >>= 8;
	}
	derw_uint_be(d, be, sizeof(be));
}

void derw_null(struct der_w *d)
{
	der_w_tlv(d, DER_NULL, NULL, 0);
}
