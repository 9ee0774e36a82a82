/* AES-256-GCM (NIST SP 800-38D, FIPS 197), in place, 96-bit IV, 128-bit
 * tag, with BearSSL's constant-time code only: AES-NI + PCLMULQDQ when the
 * CPU has them, else aes_ct64 + ghash_ctmul64 (CONVENTIONS.md). */
#ifndef FUTEET_LIB_AES_GCM_H
#define FUTEET_LIB_AES_GCM_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define AES_GCM_KEY_LEN 32u
#define AES_GCM_IV_LEN  12u
#define AES_GCM_TAG_LEN 16u

/* Encrypt data[0..len) in place and write the tag. 0, or -EINVAL. */
FUTEET_MUST_CHECK
int aes_gcm_seal(const uint8_t key[AES_GCM_KEY_LEN], const uint8_t iv[AES_GCM_IV_LEN],
		 const uint8_t *aad, size_t aad_len, uint8_t *data, size_t len,
		 uint8_t tag[AES_GCM_TAG_LEN]);

/* Decrypt data[0..len) in place; -EBADMSG when the tag (checked in constant
 * time) does not match, and data is wiped then: unauthenticated plaintext
 * is never released. */
FUTEET_MUST_CHECK
int aes_gcm_open(const uint8_t key[AES_GCM_KEY_LEN], const uint8_t iv[AES_GCM_IV_LEN],
		 const uint8_t *aad, size_t aad_len, uint8_t *data, size_t len,
		 const uint8_t tag[AES_GCM_TAG_LEN]);

#endif
