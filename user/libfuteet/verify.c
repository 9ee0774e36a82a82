/* futeet_verify: the in-guest verifier, a libfuteet call in ring 3. It runs
 * lib/verify (the same code as the host's futeet-verify) in the calling
 * program: a peer's evidence is remote, hostile input, and a parser bug in
 * X.509, CBOR or JSON must reach neither the kernel, which holds the VMPCK
 * and the power to make reports, nor anything but this program.
 *
 * Same arguments and results as the futeet_verify syscall it replaces
 * (number 1040, gone): uapi/futeet/verify.h. The guest has no wall clock it
 * can trust on any TEE (futeet_time's wall clock is the host's RTC): validity
 * is checked at the policy's "verification_time"; else, with
 * FUTEET_VERIFY_HOST_TIME, at futeet_time's wall clock, and the result then
 * warns that the host chose that time; else reported as not checked (a
 * warning). Intel collateral (req->collateral, lib/tdx/collateral_in.c's
 * forms) gives a TDX quote its TCB status, as futeet-verify --collateral
 * does on the host; it needs a verification time.
 *
 * The work area (policy and appraisal structs, about 40 KiB) is static: one
 * thread, not reentrant. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <futeet/futeet.h>

#include "lib/verify/appraise.h"
#include "lib/verify/ear.h"
#include "lib/verify/policy.h"

/* The FUTEET sim ARK and sim TDX root, generated from tools/futeet-sim's
 * committed seed (tools/futeet-verify/module.mk); honoured only with
 * FUTEET_VERIFY_ALLOW_SIM. */
extern const uint8_t futeet_sim_ark_der[];
extern const size_t futeet_sim_ark_der_len;
extern const uint8_t futeet_sim_tdx_root_der[];
extern const size_t futeet_sim_tdx_root_der_len;

static struct {
	struct tdx_collateral coll;    /* about 110 KiB */
	struct policy policy;
	struct appraise_result res;
	char why[APPRAISE_REASON_LEN];
} work;

/* out->summary = s, cut to fit, NUL-terminated; the rest of *out zero. */
static void set_summary(struct futeet_verify_out *out, const char *s)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < sizeof(out->summary) - 1 && s[i]; i++)
		out->summary[i] = s[i];
}

/* A one-line reason for a refused call, in out->summary (the syscall left
 * *out untouched on an error; the caller may ignore it as before). */
static int refuse(struct futeet_verify_out *out, int err, const char *why)
{
	if (out)
		set_summary(out, why);
	return err;
}

int futeet_verify(const struct futeet_verify_req *req, struct futeet_verify_out *out,
		  uint8_t *result, size_t cap)
{
	int err;

	/* Validate everything before doing any work (the syscall's rules). */
	if (!req || !out || !result)
		return refuse(out, -EFAULT, "null request, output or result buffer");
	if (req->reserved0 ||
	    (req->flags & ~(FUTEET_VERIFY_ALLOW_SIM | FUTEET_VERIFY_FORMAT_CBOR |
			    FUTEET_VERIFY_HOST_TIME)))
		return refuse(out, -EINVAL, "reserved field or unknown flag set");
	if (req->evidence == 0 || req->evidence_len == 0 ||
	    req->evidence_len > FUTEET_VERIFY_EVIDENCE_MAX || req->nonce_len > 64 ||
	    (req->nonce == 0) != (req->nonce_len == 0) ||
	    req->policy_len > FUTEET_VERIFY_POLICY_MAX ||
	    (req->policy == 0) != (req->policy_len == 0) ||
	    req->collateral_len > FUTEET_VERIFY_COLLATERAL_MAX ||
	    (req->collateral == 0) != (req->collateral_len == 0))
		return refuse(out, -EINVAL, "evidence, nonce, policy or collateral length out of range");
	if (cap > FUTEET_VERIFY_RESULT_MAX)
		cap = FUTEET_VERIFY_RESULT_MAX;

	policy_default(&work.policy);
	if (req->policy_len &&
	    (err = policy_parse((const char *)(uintptr_t)req->policy, (size_t)req->policy_len,
				&work.policy, work.why, sizeof(work.why))))
		return refuse(out, err, work.why);
	if (req->collateral_len &&
	    (err = tdx_collateral_from_bytes((const uint8_t *)(uintptr_t)req->collateral,
					     (size_t)req->collateral_len, &work.coll, work.why,
					     sizeof(work.why))))
		return refuse(out, err, work.why);

	/* The host's wall clock, only when asked and the policy names no time. */
	struct futeet_time t;
	bool host_time = (req->flags & FUTEET_VERIFY_HOST_TIME) && !work.policy.has_time &&
			 futeet_time(&t) == 0 && (t.wall_flags & FUTEET_TIME_VALID);

	const uint8_t *roots[2] = { futeet_sim_ark_der, futeet_sim_tdx_root_der };
	size_t root_lens[2] = { futeet_sim_ark_der_len, futeet_sim_tdx_root_der_len };
	struct appraise_input in = {
		.evidence = (const uint8_t *)(uintptr_t)req->evidence,
		.evidence_len = (size_t)req->evidence_len,
		.nonce = req->nonce_len ? (const uint8_t *)(uintptr_t)req->nonce : NULL,
		.nonce_len = (size_t)req->nonce_len,
		.time_known = host_time,       /* else the policy's time, or not checked */
		.now = host_time ? t.wall_sec : 0,
		.allow_sim = (req->flags & FUTEET_VERIFY_ALLOW_SIM) != 0,
		.sim_roots = roots,
		.sim_root_lens = root_lens,
		.n_sim_roots = 2,
		.policy = &work.policy,
		.tdx_collateral = req->collateral_len ? &work.coll : NULL,
	};
	if ((err = appraise(&in, &work.res, work.why, sizeof(work.why))))
		return refuse(out, err, work.why);
	if (host_time && work.res.time_checked)
		appraise_reason(&work.res, EAR_TIER_WARNING,
				"verified at the host's clock (futeet_time wall clock, untrusted): "
				"validity windows and collateral freshness hold at a time the host chose",
				NULL);

	struct ear_meta meta = {
		.iat = 0,                      /* no trusted clock in the guest */
		.build = "libfuteet verifier",
		.nonce = in.nonce,
		.nonce_len = in.nonce_len,
	};
	size_t len = 0;
	err = ear_write(&work.res, &meta,
			(req->flags & FUTEET_VERIFY_FORMAT_CBOR) ? EAR_FORMAT_CBOR : EAR_FORMAT_JSON,
			result, cap, &len);
	if (err)
		return refuse(out, err, err == -ENOSPC ? "the attestation result does not fit the buffer"
						       : "the attestation result could not be written");

	set_summary(out, appraise_summary(&work.res));
	out->status = work.res.status;
	out->result_len = (uint32_t)len;
	return 0;
}
