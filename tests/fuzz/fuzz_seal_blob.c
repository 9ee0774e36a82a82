/* libFuzzer: the sealed-blob decoder (seal_blob_parse, lib/seal_blob.c) on
 * host-supplied bytes, then the kernel's authentication step
 * (aes_gcm_open, lib/aes_gcm.c) on what it accepted, under a fixed
 * key. Properties: an accepted blob re-encodes to the same header bytes (no
 * header bit is ignored), its length is header + ct_len + tag, its policy
 * passes seal_policy_check and its key fields are the policy's; a refusal
 * leaves *h untouched and gives a reason; GCM never accepts a blob it did
 * not make (bytes differ from the one sealed under that key). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/aes_gcm.h"
#include "lib/seal_blob.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t buf[FUTEET_SEAL_BLOB_MAX];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t key[32] = { 0x42 };
	struct seal_blob_hdr h, canary;
	uint8_t hdr[FUTEET_SEAL_HDR_LEN];
	const char *why = NULL;
	int rc;

	memset(&h, 0xa5, sizeof(h));
	memcpy(&canary, &h, sizeof(h));
	rc = seal_blob_parse(data, size, &h, &why);
	if (rc != 0) {
		if (rc != -EINVAL || why == NULL || memcmp(&h, &canary, sizeof(h)) != 0)
			__builtin_trap();
		return 0;
	}
	if (size != FUTEET_SEAL_BLOB_LEN((size_t)h.ct_len) || size > sizeof(buf))
		__builtin_trap();
	if (seal_policy_check(h.policy, NULL) != 0 || h.key_fields != seal_key_fields(h.policy))
		__builtin_trap();
	seal_blob_put_hdr(hdr, &h);
	if (memcmp(hdr, data, sizeof(hdr)) != 0)
		__builtin_trap();
	/* Authentication on a copy, as the kernel does (copied once). A random
	 * 128-bit tag matching is not a finding libFuzzer can make. */
	memcpy(buf, data, size);
	rc = aes_gcm_open(key, h.iv, buf, FUTEET_SEAL_HDR_LEN, buf + FUTEET_SEAL_HDR_LEN, h.ct_len,
			   buf + FUTEET_SEAL_HDR_LEN + h.ct_len);
	if (rc == 0 || rc != -EBADMSG)
		__builtin_trap();
	/* Refused: the plaintext area is wiped, never released. */
	for (size_t i = 0; i < h.ct_len; i++)
		if (buf[FUTEET_SEAL_HDR_LEN + i] != 0)
			__builtin_trap();
	return 0;
}
