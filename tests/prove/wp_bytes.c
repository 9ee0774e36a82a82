/* WP harness for the little-endian readers of lib/bytes.h: bytes_le16/32/64
 * return the arithmetic value of their 2/4/8 bytes (contracts in
 * bytes_le.acsl.h, which the other WP harnesses assume) and read only them.
 * Run by scripts/prove; not compiled by make. */
#include "tests/prove/bytes_le.acsl.h"
#include "lib/bytes.h"
