/* Byte helpers shared by the kernel, lib/ and the host tools, in the spirit of
 * BearSSL's src/inner.h: byte-order readers and writers over unaligned
 * buffers, a constant-time compare, the printable-ASCII filter for text that
 * came from hostile input (the verifier's string builder: lib/strbuf.h).
 * Readers take a pointer the caller has bounds-checked. */
#ifndef FUTEET_LIB_BYTES_H
#define FUTEET_LIB_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- byte order -------------------------------------------------------- */

/* The little-endian readers are written as sums of bytes times powers of
 * 256, the arithmetic meaning itself: Frama-C's WP proves that with z3
 * (tests/prove/wp_bytes.c), which it does not for the shift-and-or form. */
static inline uint16_t bytes_le16(const uint8_t *p)
{
	return (uint16_t)((uint32_t)p[0] + (uint32_t)p[1] * 0x100u);
}

static inline uint32_t bytes_le32(const uint8_t *p)
{
	return (uint32_t)p[0] + (uint32_t)p[1] * 0x100u + (uint32_t)p[2] * 0x10000u +
	       (uint32_t)p[3] * 0x1000000u;
}

static inline uint64_t bytes_le64(const uint8_t *p)
{
	return (uint64_t)bytes_le32(p) + (uint64_t)bytes_le32(p + 4) * 0x100000000u;
}

static inline uint16_t bytes_be16(const uint8_t *p)
{
	return (uint16_t)((uint16_t)p[0] << 8 | (uint16_t)p[1]);
}

static inline uint32_t bytes_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
	       (uint32_t)p[3];
}

static inline uint64_t bytes_be64(const uint8_t *p)
{
	return (uint64_t)bytes_be32(p) << 32 | (uint64_t)bytes_be32(p + 4);
}

static inline void bytes_put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void bytes_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void bytes_put_le64(uint8_t *p, uint64_t v)
{
	bytes_put_le32(p, (uint32_t)v);
	bytes_put_le32(p + 4, (uint32_t)(v >> 32));
}

static inline void bytes_put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void bytes_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void bytes_put_be64(uint8_t *p, uint64_t v)
{
	bytes_put_be32(p, (uint32_t)(v >> 32));
	bytes_put_be32(p + 4, (uint32_t)v);
}

/* ---- comparison -------------------------------------------------------- */

/* a[0..n) == b[0..n) in time that depends on n only (MACs, tags, nonces,
 * bindings): no early exit. */
static inline bool bytes_ct_eq(const uint8_t *a, const uint8_t *b, size_t n)
{
	volatile uint8_t acc = 0;

	for (size_t i = 0; i < n; i++)
		acc |= (uint8_t)(a[i] ^ b[i]);
	return acc == 0;
}

/* ---- printable ASCII --------------------------------------------------- */

/* Text that reaches a user or a result (JSON string, CBOR tstr, a console
 * line) may come from hostile input: 0x20..0x7E pass, every other byte
 * becomes '?', so the text is valid UTF-8 and one line. */
static inline char bytes_ascii(uint8_t c)
{
	return (c >= 0x20 && c <= 0x7E) ? (char)c : '?';
}

/* The filter over a NUL-terminated string, in place. */
static inline void bytes_ascii_only(char *s)
{
	for (; *s; s++)
		*s = bytes_ascii((uint8_t)*s);
}

#endif
