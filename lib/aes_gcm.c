/* AES-256-GCM (NIST SP 800-38D, FIPS 197) over data in place, with a 96-bit
 * IV and a 128-bit tag: the SNP guest messages (tee/snp/guest_msg.c, SNP ABI
 * 56860 7.1) and the sealed blobs (tee/core/seal.c) share it. */
#include <stddef.h>
#include <stdint.h>
#include <bearssl.h>

#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "lib/aes_gcm.h"

union aes_gcm_ctr_keys {
	const br_block_ctr_class *vtable;
	br_aes_ct64_ctr_keys ct64;
	br_aes_x86ni_ctr_keys x86ni;
};

/* Constant-time implementations only (CONVENTIONS.md): AES-NI + PCLMULQDQ
 * when the CPU has them, else aes_ct64 + ghash_ctmul64. */
static void aes_gcm_start(br_gcm_context *gc, union aes_gcm_ctr_keys *keys,
			  const uint8_t key[32], const uint8_t iv[AES_GCM_IV_LEN],
			  const uint8_t *aad, size_t aad_len)
{
	const br_block_ctr_class *vt = br_aes_x86ni_ctr_get_vtable();
	br_ghash gh = br_ghash_pclmul_get();

	if (vt != NULL)
		br_aes_x86ni_ctr_init(&keys->x86ni, key, 32);
	else
		br_aes_ct64_ctr_init(&keys->ct64, key, 32);
	if (gh == 0)
		gh = br_ghash_ctmul64;
	br_gcm_init(gc, &keys->vtable, gh);
	br_gcm_reset(gc, iv, AES_GCM_IV_LEN);
	br_gcm_aad_inject(gc, aad, aad_len);
	br_gcm_flip(gc);
}

int aes_gcm_seal(const uint8_t key[32], const uint8_t iv[AES_GCM_IV_LEN],
		 const uint8_t *aad, size_t aad_len, uint8_t *data, size_t len,
		 uint8_t tag[AES_GCM_TAG_LEN])
{
	union aes_gcm_ctr_keys keys;
	br_gcm_context gc;

	if (key == NULL || iv == NULL || tag == NULL || (aad == NULL && aad_len) ||
	    (data == NULL && len))
		return -EINVAL;
	aes_gcm_start(&gc, &keys, key, iv, aad, aad_len);
	br_gcm_run(&gc, 1, data, len);
	br_gcm_get_tag(&gc, tag);
	futeet_wipe(&gc, sizeof(gc));
	futeet_wipe(&keys, sizeof(keys));
	return 0;
}

int aes_gcm_open(const uint8_t key[32], const uint8_t iv[AES_GCM_IV_LEN],
		 const uint8_t *aad, size_t aad_len, uint8_t *data, size_t len,
		 const uint8_t tag[AES_GCM_TAG_LEN])
{
	union aes_gcm_ctr_keys keys;
	br_gcm_context gc;
	uint32_t ok;

	if (key == NULL || iv == NULL || tag == NULL || (aad == NULL && aad_len) ||
	    (data == NULL && len))
		return -EINVAL;
	aes_gcm_start(&gc, &keys, key, iv, aad, aad_len);
	br_gcm_run(&gc, 0, data, len);
	ok = br_gcm_check_tag(&gc, tag); /* constant time */
	futeet_wipe(&gc, sizeof(gc));
	futeet_wipe(&keys, sizeof(keys));
	if (!ok) {
		futeet_wipe(data, len); /* never release unauthenticated plaintext */
		return -EBADMSG;
	}
	return 0;
}
