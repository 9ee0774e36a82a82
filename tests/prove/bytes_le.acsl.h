/* ACSL for the little-endian readers of lib/bytes.h: their arithmetic
 * meaning. Included by every WP harness that reads wire integers before it
 * includes lib/bytes.h, so the contracts attach to the real definitions;
 * tests/prove/wp_bytes.c proves them (target wp_bytes), the other harnesses
 * use them. Run by scripts/prove; not compiled by make. */
#ifndef FUTEET_PROVE_BYTES_LE_ACSL_H
#define FUTEET_PROVE_BYTES_LE_ACSL_H
#include <stdint.h>

/*@ logic integer le16(uint8_t *p) = p[0] + 256 * p[1];
    logic integer le32(uint8_t *p) = le16(p) + 65536 * le16(p + 2);
    logic integer le64(uint8_t *p) = le32(p) + 4294967296 * le32(p + 4);
*/

/*@ requires \valid_read(p + (0 .. 1));
    assigns \nothing;
    ensures \result == le16(p); */
static inline uint16_t bytes_le16(const uint8_t *p);
/*@ requires \valid_read(p + (0 .. 3));
    assigns \nothing;
    ensures \result == le32(p); */
static inline uint32_t bytes_le32(const uint8_t *p);
/*@ requires \valid_read(p + (0 .. 7));
    assigns \nothing;
    ensures \result == le64(p); */
static inline uint64_t bytes_le64(const uint8_t *p);

#endif
