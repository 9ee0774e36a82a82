/* A bounded string builder for the verifier's reasons and texts (lib/ has no
 * snprintf): lib/strbuf.c, built for the host tools and ring 3, never the
 * kernel. */
#ifndef FUTEET_LIB_STRBUF_H
#define FUTEET_LIB_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Appends never write past cap - 1 and always leave p NUL-terminated (when
 * cap > 0); what did not fit sets truncated. A NULL p or cap 0 is a builder
 * that only counts truncation. */
struct strbuf {
	char *p;
	size_t cap;
	size_t len;
	bool truncated;
};

/* Start an empty string in p[0..cap). */
void strbuf_init(struct strbuf *b, char *p, size_t cap);
/* Forget the contents (p = ""), keep the buffer. */
void strbuf_reset(struct strbuf *b);
/* Append a NUL-terminated string (NULL appends nothing). */
void strbuf_add(struct strbuf *b, const char *s);
/* Append n bytes of hostile text through the ASCII filter. */
void strbuf_add_ascii(struct strbuf *b, const uint8_t *s, size_t n);
/* Append v in decimal. */
void strbuf_add_u64(struct strbuf *b, uint64_t v);

/* p[0..cap) = a then b (either may be NULL), truncated to fit: the
 * two-part reason most callers need. Nothing when p is NULL or cap is 0. */
void strbuf_set2(char *p, size_t cap, const char *a, const char *b);

#endif
