/* The FUTEET sealed blob (include/uapi/futeet/seal.h draws it; docs/FORMATS.md
 * "Sealed blob" specifies it): header encode and a strict decoder for blobs
 * that come back from the host. No crypto here: the kernel (tee/core/seal.c)
 * derives the key and runs AES-256-GCM with the header as AAD. */
#ifndef FUTEET_LIB_SEAL_BLOB_H
#define FUTEET_LIB_SEAL_BLOB_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"
#include "uapi/futeet/seal.h"

struct seal_blob_hdr {
	uint8_t version;       /* FUTEET_SEAL_VERSION */
	uint8_t tee;           /* enum futeet_platform: SNP or SIM_SNP */
	uint8_t bind;          /* FUTEET_SEAL_BIND_* */
	uint8_t key_vmpl;      /* 0..3 */
	uint32_t policy;       /* FUTEET_SEAL_* */
	uint32_t ct_len;       /* <= FUTEET_SEAL_PLAINTEXT_MAX */
	uint64_t key_fields;   /* seal_key_fields(policy) */
	uint8_t iv[FUTEET_SEAL_IV_LEN];
};

/* The SNP MSG_KEY_REQ GUEST_FIELD_SELECT bits (SNP ABI 56860 rev 1.57,
 * section 7.2 MSG_KEY_REQ; uapi FUTEET_KEY_FIELD_*) a policy selects. */
uint64_t seal_key_fields(uint32_t policy);

/* 0 when policy is one futeet_seal accepts (known bits, at least one
 * binding, REQUIRE_KERNEL only with MEASUREMENT), else -EINVAL and *why. */
FUTEET_MUST_CHECK
int seal_policy_check(uint32_t policy, const char **why);

/* Write h as the FUTEET_SEAL_HDR_LEN-byte header. */
void seal_blob_put_hdr(uint8_t out[FUTEET_SEAL_HDR_LEN], const struct seal_blob_hdr *h);

/* Decode blob[0..len): every header field checked against the rules of
 * docs/FORMATS.md, and len == FUTEET_SEAL_BLOB_LEN(ct_len). 0 with *h, or
 * -EINVAL with a one-line reason in *why. On success the ciphertext is at
 * blob + FUTEET_SEAL_HDR_LEN and the tag right after it. */
FUTEET_MUST_CHECK
int seal_blob_parse(const uint8_t *blob, size_t len, struct seal_blob_hdr *h, const char **why);

/* Short names for reasons and demos. */
const char *seal_bind_name(uint32_t bind);

#endif
