/* Sealing: futeet_seal / futeet_unseal (uapi/futeet/seal.h;
 * blob format docs/FORMATS.md "Sealed blob"). The key comes from the TEE:
 * SNP MSG_KEY_REQ (SNP ABI 56860 rev 1.57 section 7.2) with the launch
 * fields the caller's policy selects, then HKDF-Expand (RFC 5869 2.3) to a
 * sealing-only key; AES-256-GCM (NIST SP 800-38D) with the header as AAD.
 *
 *   derived  = MSG_KEY_REQ(VCEK root, VMPL 0, GUEST_FIELD_SELECT = key_fields)
 *   seal_key = HKDF-Expand-SHA-256(PRK = derived,
 *                  info = "FUTEET-SEAL-KEY-1" || header[0x00..0x18), L = 32)
 *   blob     = header || GCM(seal_key, iv, aad = header, plaintext) || tag
 *
 * Nothing but the TEE's key goes in: hashes of the kernel or the command
 * line would add nothing a substituted kernel could not compute too, so the
 * binding is exactly what the launch measurement covers (tee_seal_binding).
 * Each handler checks every argument before it asks the platform for a key
 * (seL4 decode/invoke). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <bearssl.h>

#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/printk.h"
#include "futeet/uaccess.h"
#include "kernel/kernel.h"
#include "lib/aes_gcm.h"
#include "lib/seal_blob.h"
#include "tee/core/tee.h"
#include "uapi/futeet/seal.h"
#include "uapi/futeet/tee.h"

#define SEAL_KDF_LABEL     "FUTEET-SEAL-KEY-1"
#define SEAL_KEY_VMPL      0u  /* the kernel's VMPL (no SVSM) */

_Static_assert(FUTEET_SEAL_IV_LEN == AES_GCM_IV_LEN, "GCM IV is 96 bits (SP 800-38D 8.2)");
_Static_assert(FUTEET_SEAL_TAG_LEN == AES_GCM_TAG_LEN, "GCM tag is 128 bits");

/* One buffer for both calls: one CPU, no syscall re-entry. */
static uint8_t seal_buf[FUTEET_SEAL_BLOB_MAX];

uint32_t tee_seal_binding(void)
{
	const struct tee_ops *ops = tee_active();

	if (ops == NULL || ops->derive_key == NULL)
		return FUTEET_SEAL_BIND_NONE;
	return ops->seal_bind;
}

const char *tee_seal_binding_text(void)
{
	uint32_t p = tee_platform();

	switch (tee_seal_binding()) {
	case FUTEET_SEAL_BIND_FIRMWARE:
		return "launch measurement of the firmware alone: any kernel and command line derive the same key";
	case FUTEET_SEAL_BIND_KERNEL:
		return "launch measurement of the firmware, kernel and command line (kernel hashes)";
	default:
		if (p == FUTEET_PLATFORM_TDX || p == FUTEET_PLATFORM_SIM_TDX)
			return "none: TDX has no sealing key in hardware";
		return "none: no TEE key";
	}
}

/* -EOPNOTSUPP with the reason, or 0 and *out. */
static int seal_platform(const char *call, const struct tee_ops **out)
{
	const struct tee_ops *ops = tee_active();

	if (tee_seal_binding() == FUTEET_SEAL_BIND_NONE) {
		kprintf("futeet: %s: platform %s has no sealing (%s) (EOPNOTSUPP)\n", call,
			tee_platform_name(), tee_seal_binding_text());
		return -EOPNOTSUPP;
	}
	*out = ops;
	return 0;
}

/* The sealing key for header hdr (its first FUTEET_SEAL_OFF_IV bytes name
 * the platform, binding, policy, length and key fields). */
static int seal_key(const struct tee_ops *ops, const uint8_t hdr[FUTEET_SEAL_HDR_LEN],
		    uint64_t key_fields, uint8_t key[32])
{
	struct futeet_key_req req;
	uint8_t derived[FUTEET_KEY_LEN];
	br_hmac_key_context kc;
	br_hmac_context hc;
	static const uint8_t one = 1;
	int rc;

	memset(&req, 0, sizeof(req));
	req.root_key = FUTEET_KEY_ROOT_VCEK;
	req.vmpl = SEAL_KEY_VMPL;
	req.field_select = key_fields;
	rc = ops->derive_key(&req, derived);
	if (rc)
		return rc;
	/* RFC 5869 2.3 with L = HashLen: T(1) = HMAC(PRK, info || 0x01). */
	br_hmac_key_init(&kc, &br_sha256_vtable, derived, sizeof(derived));
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, SEAL_KDF_LABEL, sizeof(SEAL_KDF_LABEL) - 1);
	br_hmac_update(&hc, hdr, FUTEET_SEAL_OFF_IV);
	br_hmac_update(&hc, &one, 1);
	br_hmac_out(&hc, key);
	futeet_wipe(&hc, sizeof(hc));
	futeet_wipe(&kc, sizeof(kc));
	futeet_wipe(derived, sizeof(derived));
	return 0;
}

static uint32_t bind_for(const struct tee_ops *ops, uint32_t policy)
{
	return (policy & FUTEET_SEAL_MEASUREMENT) ? ops->seal_bind : FUTEET_SEAL_BIND_NONE;
}

/* futeet_seal(policy, plaintext, len, blob, cap) -> blob length. */
long sys_futeet_seal(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	const struct tee_ops *ops = NULL;
	struct seal_blob_hdr h;
	uint8_t key[32];
	const char *why = NULL;
	size_t len = (size_t)a3, need;
	int rc;

	if (a1 > UINT32_MAX || seal_policy_check((uint32_t)a1, &why)) {
		kprintf("futeet: futeet_seal: policy 0x%llx: %s (EINVAL)\n", (unsigned long long)a1,
			why ? why : "wider than 32 bits");
		return -EINVAL;
	}
	if (a3 > FUTEET_SEAL_PLAINTEXT_MAX)
		return -EMSGSIZE;
	need = FUTEET_SEAL_BLOB_LEN(len);
	if (a5 < need)
		return -ENOSPC;
	rc = copy_from_user(seal_buf + FUTEET_SEAL_HDR_LEN, a2, len);
	if (rc == 0)
		rc = tee_probe_user_write(a4, need);
	if (rc == 0)
		rc = seal_platform("futeet_seal", &ops);
	if (rc == 0 && (a1 & FUTEET_SEAL_REQUIRE_KERNEL) &&
	    ops->seal_bind != FUTEET_SEAL_BIND_KERNEL) {
		kprintf("futeet: futeet_seal: REQUIRE_KERNEL, but the launch measurement binds the firmware alone (EOPNOTSUPP)\n");
		rc = -EOPNOTSUPP;
	}
	if (rc)
		goto out;

	memset(&h, 0, sizeof(h));
	h.version = FUTEET_SEAL_VERSION;
	h.tee = (uint8_t)ops->platform;
	h.bind = (uint8_t)bind_for(ops, (uint32_t)a1);
	h.key_vmpl = SEAL_KEY_VMPL;
	h.policy = (uint32_t)a1;
	h.ct_len = (uint32_t)len;
	h.key_fields = seal_key_fields(h.policy);
	/* 96-bit random IV (SP 800-38D 8.2.2): the key is the same for every
	 * blob of one binding, so the IV must not repeat; 2^32 blobs per key
	 * stay far below the 2^-32 collision bound of 8.3. */
	random_bytes(h.iv, sizeof(h.iv));
	seal_blob_put_hdr(seal_buf, &h);
	rc = seal_key(ops, seal_buf, h.key_fields, key);
	if (rc == 0)
		rc = aes_gcm_seal(key, h.iv, seal_buf, FUTEET_SEAL_HDR_LEN,
				   seal_buf + FUTEET_SEAL_HDR_LEN, len,
				   seal_buf + FUTEET_SEAL_HDR_LEN + len);
	futeet_wipe(key, sizeof(key));
	if (rc == 0)
		rc = copy_to_user(a4, seal_buf, need);
out:
	futeet_wipe(seal_buf, sizeof(seal_buf));
	return rc ? rc : (long)need;
}

/* futeet_unseal(blob, blob_len, out, cap) -> plaintext length. */
long sys_futeet_unseal(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	const struct tee_ops *ops = NULL;
	struct seal_blob_hdr h;
	uint8_t key[32];
	const char *why = NULL;
	size_t blen = (size_t)a2;
	uint32_t want;
	int rc;

	memset(&h, 0, sizeof(h));
	if (a2 > FUTEET_SEAL_BLOB_MAX)
		return -EMSGSIZE;
	rc = copy_from_user(seal_buf, a1, blen); /* copied once, then parsed */
	if (rc)
		return rc;
	rc = seal_blob_parse(seal_buf, blen, &h, &why);
	if (rc) {
		kprintf("futeet: futeet_unseal: %s (EINVAL)\n", why);
		goto out;
	}
	if (a4 < h.ct_len) {
		rc = -ENOSPC;
		goto out;
	}
	rc = tee_probe_user_write(a3, h.ct_len);
	if (rc == 0)
		rc = seal_platform("futeet_unseal", &ops);
	if (rc)
		goto out;
	if (h.tee != ops->platform) {
		kprintf("futeet: futeet_unseal: the blob was sealed on %s, this is %s (EINVAL)\n",
			tee_platform_name_of(h.tee), tee_platform_name());
		rc = -EINVAL;
		goto out;
	}
	want = bind_for(ops, h.policy);
	if (h.bind != want) {
		kprintf("futeet: futeet_unseal: sealed where the launch measurement bound the %s, here it binds the %s (EINVAL)\n",
			seal_bind_name(h.bind), seal_bind_name(want));
		rc = -EINVAL;
		goto out;
	}
	rc = seal_key(ops, seal_buf, h.key_fields, key);
	if (rc == 0) {
		rc = aes_gcm_open(key, h.iv, seal_buf, FUTEET_SEAL_HDR_LEN,
				   seal_buf + FUTEET_SEAL_HDR_LEN, h.ct_len,
				   seal_buf + FUTEET_SEAL_HDR_LEN + h.ct_len);
		if (rc == -EBADMSG)
			kprintf("futeet: futeet_unseal: authentication failed: another launch measurement or policy, or a changed byte (EBADMSG)\n");
	}
	futeet_wipe(key, sizeof(key));
	if (rc == 0)
		rc = copy_to_user(a3, seal_buf + FUTEET_SEAL_HDR_LEN, h.ct_len);
out:
	futeet_wipe(seal_buf, sizeof(seal_buf));
	return rc ? rc : (long)h.ct_len;
}
