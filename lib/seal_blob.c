/* The FUTEET sealed blob: header encode and the decoder for blobs coming back
 * from the host (hostile input). Layout: include/uapi/futeet/seal.h; rules:
 * docs/FORMATS.md "Sealed blob". Plain bounded C: fixed offsets, every
 * length checked against the buffer before a read. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/bytes.h"
#include "lib/seal_blob.h"
#include "uapi/futeet/tee.h"

_Static_assert(sizeof(FUTEET_SEAL_MAGIC) - 1 == 4, "seal magic is 4 bytes");
_Static_assert(FUTEET_SEAL_BLOB_MAX < 0x10000u, "a blob length fits the kernel's buffers");

uint64_t seal_key_fields(uint32_t policy)
{
	uint64_t f = 0;

	/* GUEST_FIELD_SELECT (SNP ABI 56860 rev 1.57 section 7.2): bit 3
	 * MEASUREMENT, bit 0 POLICY. Nothing else: GUEST_SVN and TCB_VERSION
	 * would tie the blob to one firmware update level. */
	if (policy & FUTEET_SEAL_MEASUREMENT)
		f |= FUTEET_KEY_FIELD_MEASUREMENT;
	if (policy & FUTEET_SEAL_GUEST_POLICY)
		f |= FUTEET_KEY_FIELD_POLICY;
	return f;
}

int seal_policy_check(uint32_t policy, const char **why)
{
	const char *w = NULL;

	if (policy & ~FUTEET_SEAL_POLICY_KNOWN)
		w = "unknown policy bits";
	else if (!(policy & (FUTEET_SEAL_MEASUREMENT | FUTEET_SEAL_GUEST_POLICY)))
		w = "the policy binds the key to nothing (MEASUREMENT and/or GUEST_POLICY)";
	else if ((policy & FUTEET_SEAL_REQUIRE_KERNEL) && !(policy & FUTEET_SEAL_MEASUREMENT))
		w = "REQUIRE_KERNEL without MEASUREMENT";
	if (why)
		*why = w;
	return w ? -EINVAL : 0;
}

void seal_blob_put_hdr(uint8_t out[FUTEET_SEAL_HDR_LEN], const struct seal_blob_hdr *h)
{
	memcpy(out, FUTEET_SEAL_MAGIC, 4);
	out[FUTEET_SEAL_OFF_VERSION] = h->version;
	out[FUTEET_SEAL_OFF_TEE] = h->tee;
	out[FUTEET_SEAL_OFF_BIND] = h->bind;
	out[FUTEET_SEAL_OFF_KEY_VMPL] = h->key_vmpl;
	bytes_put_le32(out + FUTEET_SEAL_OFF_POLICY, h->policy);
	bytes_put_le32(out + FUTEET_SEAL_OFF_CT_LEN, h->ct_len);
	bytes_put_le64(out + FUTEET_SEAL_OFF_KEY_FIELDS, h->key_fields);
	memcpy(out + FUTEET_SEAL_OFF_IV, h->iv, FUTEET_SEAL_IV_LEN);
	bytes_put_le32(out + FUTEET_SEAL_OFF_RESERVED, 0);
}

static int bad(const char **why, const char *w)
{
	if (why)
		*why = w;
	return -EINVAL;
}

int seal_blob_parse(const uint8_t *blob, size_t len, struct seal_blob_hdr *h, const char **why)
{
	struct seal_blob_hdr t;
	const char *pw = NULL;

	if (why)
		*why = NULL;
	if (blob == NULL || h == NULL)
		return bad(why, "no blob");
	if (len < FUTEET_SEAL_BLOB_LEN(0))
		return bad(why, "shorter than a sealed blob's header and tag");
	if (memcmp(blob, FUTEET_SEAL_MAGIC, 4) != 0)
		return bad(why, "not a FUTEET sealed blob (magic)");
	memset(&t, 0, sizeof(t));
	t.version = blob[FUTEET_SEAL_OFF_VERSION];
	t.tee = blob[FUTEET_SEAL_OFF_TEE];
	t.bind = blob[FUTEET_SEAL_OFF_BIND];
	t.key_vmpl = blob[FUTEET_SEAL_OFF_KEY_VMPL];
	t.policy = bytes_le32(blob + FUTEET_SEAL_OFF_POLICY);
	t.ct_len = bytes_le32(blob + FUTEET_SEAL_OFF_CT_LEN);
	t.key_fields = bytes_le64(blob + FUTEET_SEAL_OFF_KEY_FIELDS);
	memcpy(t.iv, blob + FUTEET_SEAL_OFF_IV, FUTEET_SEAL_IV_LEN);
	if (t.version != FUTEET_SEAL_VERSION)
		return bad(why, "unknown sealed-blob version");
	if (t.tee != FUTEET_PLATFORM_SNP && t.tee != FUTEET_PLATFORM_SIM_SNP)
		return bad(why, "TEE kind without sealing");
	if (seal_policy_check(t.policy, &pw))
		return bad(why, pw);
	/* bind says what MEASUREMENT covered when the key includes it, and
	 * nothing otherwise; REQUIRE_KERNEL was honoured only with KERNEL. */
	if ((t.policy & FUTEET_SEAL_MEASUREMENT) ?
	    (t.bind != FUTEET_SEAL_BIND_FIRMWARE && t.bind != FUTEET_SEAL_BIND_KERNEL) :
	    t.bind != FUTEET_SEAL_BIND_NONE)
		return bad(why, "launch binding does not match the policy");
	if ((t.policy & FUTEET_SEAL_REQUIRE_KERNEL) && t.bind != FUTEET_SEAL_BIND_KERNEL)
		return bad(why, "REQUIRE_KERNEL blob not bound to the kernel");
	if (t.key_vmpl > 3) /* SNP ABI 56860 7.2: VMPL 0..3 */
		return bad(why, "key VMPL above 3");
	if (t.key_fields != seal_key_fields(t.policy))
		return bad(why, "key fields do not match the policy");
	if (bytes_le32(blob + FUTEET_SEAL_OFF_RESERVED) != 0)
		return bad(why, "reserved header bytes are not zero");
	if (t.ct_len > FUTEET_SEAL_PLAINTEXT_MAX)
		return bad(why, "ciphertext longer than FUTEET_SEAL_PLAINTEXT_MAX");
	if (len != FUTEET_SEAL_BLOB_LEN((size_t)t.ct_len))
		return bad(why, "blob length does not match its ciphertext length");
	*h = t;
	return 0;
}

const char *seal_bind_name(uint32_t bind)
{
	switch (bind) {
	case FUTEET_SEAL_BIND_NONE: return "none";
	case FUTEET_SEAL_BIND_FIRMWARE: return "firmware";
	case FUTEET_SEAL_BIND_KERNEL: return "kernel";
	default: return "unknown";
	}
}
