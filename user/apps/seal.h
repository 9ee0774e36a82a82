/* seal's own helpers (user/apps/seal*.c): userland has no lib/ or BearSSL. */
#ifndef SEAL_H
#define SEAL_H

#include <stddef.h>
#include <stdint.h>

void seal_sha256(const void *data, size_t len, uint8_t out[32]);

#endif
