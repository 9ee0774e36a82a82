/* A small DER writer (ITU-T X.690 section 10) for the sim's certificates.
 * Content is appended to one caller-provided buffer; a constructed value is
 * made by appending its content and then wrapping it in place (derw_wrap), so
 * no length has to be known in advance. Any overflow sets err and sticks. */
#ifndef FUTEET_SIM_DERW_H
#define FUTEET_SIM_DERW_H

#include <stddef.h>
#include <stdint.h>

/* X.690 8.1.2 identifier octets used here. */
#define DER_BOOLEAN      0x01
#define DER_INTEGER      0x02
#define DER_BIT_STRING   0x03
#define DER_OCTET_STRING 0x04
#define DER_NULL         0x05
#define DER_OID          0x06
#define DER_UTF8STRING   0x0C
#define DER_PRINTABLE    0x13
#define DER_IA5STRING    0x16
#define DER_UTCTIME      0x17
#define DER_SEQUENCE     0x30
#define DER_SET          0x31
#define DER_CTX(n)       (0xA0 | (n)) /* [n] constructed, context-specific */

struct derw {
	uint8_t *buf;
	size_t cap;
	size_t len;
	int err; /* 0 or -ENOSPC */
};

void derw_init(struct derw *d, uint8_t *buf, size_t cap);
void derw_raw(struct derw *d, const void *p, size_t n);
/* Wrap the bytes appended since `start` into one TLV with `tag`. */
void derw_wrap(struct derw *d, size_t start, uint8_t tag);
void derw_tlv(struct derw *d, uint8_t tag, const void *p, size_t n);
/* INTEGER from an unsigned big-endian magnitude (leading zeros stripped,
 * a 0x00 added when the top bit is set: X.690 8.3). */
void derw_uint_be(struct derw *d, const uint8_t *be, size_t n);
void derw_uint(struct derw *d, uint64_t v);
void derw_null(struct derw *d);

#endif
