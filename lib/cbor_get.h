/* The CBOR decoder's getters the kernel does not call: the verifier's
 * and the host tools' (built with VERIFY_LIB_SRCS, never into ring 0). The
 * same strict decoder as cbor.h, whose rules apply: -EBADMSG if malformed,
 * -EPROTO if the next item has another type (the cursor does not move on a
 * type mismatch), outputs written on failure too (zero, false, NULL, an
 * empty span). */
#ifndef FUTEET_LIB_CBOR_GET_H
#define FUTEET_LIB_CBOR_GET_H

#include "lib/cbor.h"

/* Major type of the next item without consuming it; -EBADMSG at the end. */
FUTEET_MUST_CHECK int cbor_peek_major(const struct cbor_dec *d, uint8_t *major);

FUTEET_MUST_CHECK int cbor_get_uint(struct cbor_dec *d, uint64_t *v);
FUTEET_MUST_CHECK int cbor_get_tstr(struct cbor_dec *d, const char **s, size_t *n);
FUTEET_MUST_CHECK int cbor_get_array(struct cbor_dec *d, uint64_t *count);
FUTEET_MUST_CHECK int cbor_get_tag(struct cbor_dec *d, uint64_t *tag);
FUTEET_MUST_CHECK int cbor_get_bool(struct cbor_dec *d, bool *b);
FUTEET_MUST_CHECK int cbor_get_null(struct cbor_dec *d);

/* Strings as spans (struct cbor_span, cbor.h). The decoders of hostile
 * input keep strings as these indices (compare with cbor_span_eq, decode a
 * nested item with cbor_dec_span) so every read is an index checked against
 * the buffer's length, which a static analysis can follow (docs/PROOFS.md);
 * the pointer getters are the same ranges as pointer + length. */
FUTEET_MUST_CHECK int cbor_get_bstr_span(struct cbor_dec *d, struct cbor_span *sp);
FUTEET_MUST_CHECK int cbor_get_tstr_span(struct cbor_dec *d, struct cbor_span *sp);
/* True if the span's bytes equal the NUL-terminated string z. */
bool cbor_span_eq(const struct cbor_dec *d, struct cbor_span sp, const char *z);
/* A decoder over the span's bytes only (same buffer, same indices). */
void cbor_dec_span(struct cbor_dec *sub, const struct cbor_dec *d, struct cbor_span sp);

/* True if the text (s, n) equals the NUL-terminated string z. */
bool cbor_tstr_eq(const char *s, size_t n, const char *z);

#endif
