/* Strict, bounded DER reader (ITU-T X.690 (02/2021) section 10, DER):
 * definite lengths only, minimal length encoding, low tag numbers only,
 * no recursion (the whole-structure check walks with a bounded stack).
 * A reader is an index window (buf, pos, end); every read checks the index
 * against end first. */
#ifndef FUTEET_LIB_DER_H
#define FUTEET_LIB_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

/* Universal tags (X.690 section 8 / X.680 table 1). */
#define DER_BOOLEAN          0x01u
#define DER_INTEGER          0x02u
#define DER_BIT_STRING       0x03u
#define DER_OCTET_STRING     0x04u
#define DER_NULL             0x05u
#define DER_OID              0x06u
#define DER_UTF8_STRING      0x0Cu
#define DER_PRINTABLE_STRING 0x13u
#define DER_T61_STRING       0x14u
#define DER_IA5_STRING       0x16u
#define DER_UTC_TIME         0x17u
#define DER_GENERALIZED_TIME 0x18u
#define DER_BMP_STRING       0x1Eu
#define DER_SEQUENCE         0x30u /* constructed */
#define DER_SET              0x31u /* constructed */
#define DER_CONSTRUCTED      0x20u
#define DER_CTX(n)           (0x80u | (n))        /* [n] IMPLICIT primitive */
#define DER_CTX_CONS(n)      (0xA0u | (n))        /* [n] constructed / EXPLICIT */

/* Nesting bound for der_check_all (X.509 certs need < 10). */
#define DER_MAX_DEPTH 16u
/* Longest length field accepted: 4 bytes (values < 2^32). */
#define DER_MAX_LEN_BYTES 4u

/* A reader is an index window over one input buffer: the bytes left are
 * buf[pos .. end). Every read compares an index with end, so no pointer moves
 * and the bounds are the ones a static analysis can follow (docs/PROOFS.md).
 * Invariant (kept by every function here): pos <= end <= the input's length. */
struct der {
	const uint8_t *buf; /* the whole input the reader was made from */
	size_t pos;         /* next unread byte */
	size_t end;         /* one past the last byte of this view */
};

/* One TLV: buf[raw_off .. end) is the whole TLV, buf[off .. end) its
 * contents (raw_off + 2 <= off <= end). val/len and raw/raw_len are the same
 * bytes as pointer + length, for callers that hand them on (hashes, stored
 * certificate fields); der.c's readers use the indices only. */
struct der_tlv {
	uint8_t tag;
	const uint8_t *buf;
	size_t raw_off;
	size_t off;
	size_t end;
	const uint8_t *val; /* buf + off */
	size_t len;         /* end - off */
	const uint8_t *raw; /* buf + raw_off */
	size_t raw_len;     /* end - raw_off */
};

static inline void der_init(struct der *d, const uint8_t *p, size_t len)
{
	d->buf = p;
	d->pos = 0;
	d->end = len;
}

static inline bool der_empty(const struct der *d)
{
	return d->pos >= d->end;
}

/* A TLV whose contents are p[0 .. len) (no header: raw = val), for values
 * that arrive in another encoding (e.g. a PCS date turned GeneralizedTime). */
static inline void der_tlv_init(struct der_tlv *t, uint8_t tag, const uint8_t *p, size_t len)
{
	t->tag = tag;
	t->buf = p;
	t->raw_off = 0;
	t->off = 0;
	t->end = len;
	t->val = p;
	t->len = len;
	t->raw = p;
	t->raw_len = len;
}

/* Read the next TLV and advance. -EBADMSG on any malformed header or a
 * length beyond the view; -ENODATA when the view is empty. On failure *out
 * is an empty TLV (tag 0) at the cursor. */
FUTEET_MUST_CHECK int der_read(struct der *d, struct der_tlv *out);
/* der_read, then require the tag (-EBADMSG otherwise). */
FUTEET_MUST_CHECK int der_expect(struct der *d, uint8_t tag, struct der_tlv *out);
/* Tag of the next TLV without consuming; -ENODATA when empty. */
FUTEET_MUST_CHECK int der_peek(const struct der *d);
/* A reader over a TLV's contents. */
void der_enter(const struct der_tlv *t, struct der *inner);
/* A reader over a TLV's contents after its first skip bytes (a BIT STRING's
 * octets after the unused-bits octet); empty when there are fewer. */
void der_enter_at(const struct der_tlv *t, size_t skip, struct der *inner);

/* INTEGER as a non-negative value: minimal encoding enforced, negative
 * rejected. mag, mag_len: big-endian magnitude without the sign octet
 * (at least one byte: zero is "00"). */
FUTEET_MUST_CHECK int der_uint_bytes(const struct der_tlv *t, const uint8_t **mag, size_t *mag_len);
/* Non-negative INTEGER that fits uint64_t. */
FUTEET_MUST_CHECK int der_uint64(const struct der_tlv *t, uint64_t *v);
/* BOOLEAN (DER: 0x00 or 0xFF only). */
FUTEET_MUST_CHECK int der_bool(const struct der_tlv *t, bool *v);
/* BIT STRING with zero unused bits; *bits points after the unused-bits octet. */
FUTEET_MUST_CHECK int der_bitstring_octets(const struct der_tlv *t, const uint8_t **bits, size_t *len);
/* BIT STRING as a named-bit list (key usage): bit 0 is the MSB of the first
 * octet; returns up to 16 bits in *v (bit n of *v = named bit n). */
FUTEET_MUST_CHECK int der_bitstring_flags(const struct der_tlv *t, uint32_t *v);
/* OID contents compare: true when t is an OID whose contents are oid/oid_len. */
bool der_oid_eq(const struct der_tlv *t, const uint8_t *oid, size_t oid_len);
/* True when t is an OID whose contents are longer than prefix/prefix_len and
 * start with it (an arc: every OID below it). */
bool der_oid_under(const struct der_tlv *t, const uint8_t *prefix, size_t prefix_len);
/* The contents byte k of t (t->buf[t->off + k]), or -1 when t is shorter. */
int der_byte(const struct der_tlv *t, size_t k);
/* True when a and b are the same bytes (whole TLVs, header included). */
bool der_tlv_same(const struct der_tlv *a, const struct der_tlv *b);
/* Well-formed OID contents (X.690 8.19: minimal base-128 subidentifiers). */
FUTEET_MUST_CHECK int der_oid_check(const struct der_tlv *t);
/* UTCTime (YYMMDDHHMMSSZ, 1950-2049) or GeneralizedTime (YYYYMMDDHHMMSSZ),
 * RFC 5280 section 4.1.2.5, to unix seconds. */
FUTEET_MUST_CHECK int der_time(const struct der_tlv *t, int64_t *unix_seconds);
/* Check that buf is exactly one TLV, and every constructed TLV inside it is
 * strictly well formed, down to DER_MAX_DEPTH levels (bounded walk). */
FUTEET_MUST_CHECK int der_check_all(const uint8_t *buf, size_t len);

/* ---- writer ------------------------------------------------------------
 * A bounded DER writer (X.690 section 10: definite, minimal lengths) over
 * one caller buffer: values are written forward, and a constructed TLV is
 * closed by moving its contents up by the size of its header. Any overflow
 * sets err and every later call does nothing, so a caller checks once at
 * the end. Lengths up to 2^24 - 1 (a 4-byte header). */
struct der_w {
	uint8_t *buf;
	size_t cap;
	size_t len;
	int err;        /* 0, or -ENOSPC / -E2BIG */
};

void der_w_init(struct der_w *w, uint8_t *buf, size_t cap);
/* Raw bytes (an already encoded TLV). */
void der_w_raw(struct der_w *w, const void *p, size_t n);
/* One primitive TLV: tag, length, p[0..n). */
void der_w_tlv(struct der_w *w, uint8_t tag, const void *p, size_t n);
/* Start a constructed TLV: returns the mark to close it with. */
size_t der_w_open(const struct der_w *w);
/* buf[mark .. len) becomes the contents of one TLV with this tag. */
void der_w_close(struct der_w *w, size_t mark, uint8_t tag);

#endif
