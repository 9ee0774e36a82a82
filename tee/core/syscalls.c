/* FUTEET attestation syscalls (numbers in include/uapi/futeet/syscalls.def,
 * structures in include/uapi/futeet/tee.h). Each handler validates every
 * argument, and probes its output buffer, before it asks the platform for
 * anything: a rejected call consumes no sequence number (seL4 decode/invoke). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/printk.h"
#include "futeet/uaccess.h"
#include "uapi/futeet/tee.h"
#include "lib/caps.h"
#include "lib/cclog.h"
#include "lib/evidence.h"
#include "tee/core/tee.h"

static uint8_t sys_evidence_buf[FUTEET_EVIDENCE_MAX];
static const uint8_t zero_chunk[4096];

/* Check that [u, u + n) is writable user memory by zeroing it. */
int tee_probe_user_write(uint64_t u, size_t n)
{
	while (n) {
		size_t k = n < sizeof(zero_chunk) ? n : sizeof(zero_chunk);
		int rc = copy_to_user(u, zero_chunk, k);

		if (rc)
			return rc;
		u += k;
		n -= k;
	}
	return 0;
}

/* Report a size through a user size_t (8 bytes on x86-64). */
static int put_user_size(uint64_t u, size_t n)
{
	uint64_t v = n;

	return copy_to_user(u, &v, sizeof(v));
}

/* futeet_attest's options: every field checked, key and claims copied in
 * once (static buffers: one process, one thread), before anything is asked
 * of the platform. */
static int attest_opts(uint64_t uopts, struct tee_attest_in *in)
{
	static uint8_t key[FUTEET_ATTEST_COSE_KEY_MAX], user[FUTEET_ATTEST_USER_CLAIMS_MAX];
	struct futeet_attest_opts o;
	int rc;

	if (uopts == 0)
		return 0;
	rc = copy_from_user(&o, uopts, sizeof(o));
	if (rc)
		return rc;
	if ((o.flags & ~FUTEET_ATTEST_FLAGS_ALL) || o.reserved0 || o.reserved[0] || o.reserved[1])
		return -EINVAL;
	if (o.flags & FUTEET_ATTEST_CNF) {
		if (o.cose_key_len == 0 || o.cose_key_len > sizeof(key))
			return -EINVAL;
		rc = copy_from_user(key, o.cose_key, (size_t)o.cose_key_len);
		if (rc)
			return rc;
		if (evidence_cose_key_decode(key, (size_t)o.cose_key_len, &in->cnf_crv, &in->cnf_x,
					     &in->cnf_y) != 0)
			return -EINVAL;
	} else if (o.cose_key || o.cose_key_len) {
		return -EINVAL;
	}
	if (o.flags & FUTEET_ATTEST_USER_CLAIMS) {
		if (o.user_claims_len == 0 || o.user_claims_len > sizeof(user))
			return -EINVAL;
		rc = copy_from_user(user, o.user_claims, (size_t)o.user_claims_len);
		if (rc)
			return rc;
		if (!evidence_is_one_item(user, (size_t)o.user_claims_len))
			return -EINVAL;
		in->user = user;
		in->user_len = (size_t)o.user_claims_len;
	} else if (o.user_claims || o.user_claims_len) {
		return -EINVAL;
	}
	return 0;
}

long sys_futeet_attest(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
		       uint64_t a6)
{
	uint8_t nonce[FUTEET_NONCE_MAX];
	struct tee_attest_in in;
	size_t cap = (size_t)a4, len = 0;
	int rc;

	if (a2 < FUTEET_NONCE_MIN || a2 > FUTEET_NONCE_MAX)
		return -EINVAL;
	memset(&in, 0, sizeof(in));
	rc = copy_from_user(nonce, a1, (size_t)a2);
	if (rc == 0)
		rc = attest_opts(a6, &in);
	if (rc == 0)
		rc = put_user_size(a5, 0);
	if (rc == 0 && cap)
		rc = tee_probe_user_write(a3, cap < FUTEET_EVIDENCE_MAX ? cap : FUTEET_EVIDENCE_MAX);
	if (rc)
		return rc;
	if (tee_active() == NULL) {
		kprintf("futeet: futeet_attest: platform %s has no attestation (EOPNOTSUPP)\n",
			tee_platform_name());
		return -EOPNOTSUPP;
	}
	in.nonce = nonce;
	in.nonce_len = (size_t)a2;
	rc = tee_evidence_build(&in, sys_evidence_buf, sizeof(sys_evidence_buf), &len);
	if (rc)
		return rc;
	if (len > cap) {
		rc = put_user_size(a5, len);
		return rc ? rc : -ENOSPC;
	}
	rc = copy_to_user(a3, sys_evidence_buf, len);
	return rc ? rc : put_user_size(a5, len);
}

long sys_futeet_caps(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	static uint8_t cbor[FUTEET_CAPS_CBOR_MAX];
	struct futeet_caps c;
	size_t cap = (size_t)a2, need = sizeof(c);
	const void *src = &c;
	int rc;

	if (a4 != FUTEET_CAPS_STRUCT && a4 != FUTEET_CAPS_CBOR)
		return -EINVAL;
	rc = put_user_size(a3, 0);
	if (rc)
		return rc;
	rc = tee_caps(&c);
	if (rc == 0 && a4 == FUTEET_CAPS_CBOR) {
		rc = caps_encode(&c, cbor, sizeof(cbor), &need);
		src = cbor;
	}
	if (rc)
		return rc;
	if (need > cap) {
		rc = put_user_size(a3, need);
		return rc ? rc : -ENOSPC;
	}
	rc = copy_to_user(a1, src, need);
	return rc ? rc : put_user_size(a3, need);
}

long sys_futeet_measurements(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	static struct futeet_measurements m;
	const uint8_t *log;
	size_t log_len, cap = (size_t)a3;
	int rc;

	rc = put_user_size(a4, 0);
	if (rc == 0)
		rc = tee_probe_user_write(a1, sizeof(m));
	if (rc)
		return rc;
	rc = tee_rtm_read(&m, &log, &log_len);
	if (rc) {
		if (rc == -EOPNOTSUPP)
			kprintf("futeet: futeet_measurements: platform %s has no attestation (EOPNOTSUPP)\n",
				tee_platform_name());
		return rc;
	}
	if (log_len > cap) {
		rc = put_user_size(a4, log_len);
		return rc ? rc : -ENOSPC;
	}
	rc = copy_to_user(a2, log, log_len);
	if (rc == 0)
		rc = copy_to_user(a1, &m, sizeof(m));
	return rc ? rc : put_user_size(a4, log_len);
}

long sys_futeet_derive_key(uint64_t a1, uint64_t a2)
{
	const struct tee_ops *ops = tee_active();
	struct futeet_key_req req;
	uint8_t key[FUTEET_KEY_LEN];
	int rc;

	rc = copy_from_user(&req, a1, sizeof(req));
	if (rc)
		return rc;
	/* The uapi's own reserved fields; what the other fields may hold is
	 * the backend's to check (on SNP, snp_get_derived_key, before it
	 * sends anything). */
	if (req.reserved0 || req.reserved[0] || req.reserved[1])
		return -EINVAL;
	rc = tee_probe_user_write(a2, sizeof(key));
	if (rc)
		return rc;
	if (ops == NULL || ops->derive_key == NULL) {
		kprintf("futeet: futeet_derive_key: platform %s has no key derivation (EOPNOTSUPP)\n",
			tee_platform_name());
		return -EOPNOTSUPP;
	}
	rc = ops->derive_key(&req, key);
	if (rc == 0)
		rc = copy_to_user(a2, key, sizeof(key));
	futeet_wipe(key, sizeof(key));
	return rc;
}

/* Userland's runtime measurements: register 3 only, each one logged (EV_IPL,
 * TCG PFP 1.05 10.4.1, with the caller's event data) by tee/core/rtm.c. */
long sys_futeet_extend(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	uint8_t digest[FUTEET_EXTEND_DIGEST_LEN], event[FUTEET_EXTEND_EVENT_MAX];
	size_t event_len = (size_t)a5;
	int rc;

	if (a3 != FUTEET_EXTEND_DIGEST_LEN || a5 > FUTEET_EXTEND_EVENT_MAX)
		return -EINVAL;
	rc = copy_from_user(digest, a2, sizeof(digest));
	if (rc == 0 && event_len)
		rc = copy_from_user(event, a4, event_len);
	if (rc)
		return rc;
	if (a1 != FUTEET_EXTEND_USER_INDEX) {
		kprintf("futeet: futeet_extend: userland may extend register %u only, not %llu (EPERM)\n",
			FUTEET_EXTEND_USER_INDEX, (unsigned long long)a1);
		return -EPERM;
	}
	if (tee_active() == NULL) {
		kprintf("futeet: futeet_extend: platform %s has no runtime measurement registers (EOPNOTSUPP)\n",
			tee_platform_name());
		return -EOPNOTSUPP;
	}
	return tee_rtm_extend(FUTEET_EXTEND_USER_INDEX, digest, CCLOG_EV_IPL,
			      event_len ? event : NULL, event_len);
}
