/* futeet_verify: the verifier of lib/verify, linked into the kernel, so a
 * guest can appraise a peer's evidence with exactly the code the host's
 * futeet-verify runs. The guest has no clock it can trust: certificate
 * validity is checked only at the policy's "verification_time", otherwise
 * reported as not checked (a warning), never against the host's time.
 *
 * The work area (evidence, policy, result and the appraisal structs, about
 * 150 KiB) is allocated from the page allocator on first use, not kept in
 * the image. Not reentrant: one CPU, one program. */
#include <string.h>

#include "futeet/errno.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/uaccess.h"
#include "kernel/kernel.h"
#include "lib/verify/appraise.h"
#include "lib/verify/ear.h"
#include "lib/verify/policy.h"
#include "uapi/futeet/verify.h"

/* The FUTEET sim ARK, generated from tools/futeet-sim's committed seed
 * (tools/futeet-verify/module.mk); honoured only with FUTEET_VERIFY_ALLOW_SIM. */
extern const uint8_t futeet_sim_ark_der[];
extern const size_t futeet_sim_ark_der_len;
extern const uint8_t futeet_sim_tdx_root_der[];
extern const size_t futeet_sim_tdx_root_der_len;

struct verify_work {
	uint8_t evidence[FUTEET_VERIFY_EVIDENCE_MAX];
	uint8_t nonce[64];
	char policy_json[FUTEET_VERIFY_POLICY_MAX];
	uint8_t result[FUTEET_VERIFY_RESULT_MAX];
	struct policy policy;
	struct appraise_result res;
	struct futeet_verify_out out;
	char why[APPRAISE_REASON_LEN];
};

static struct verify_work *work;

static int work_get(void)
{
	if (work)
		return 0;
	uint64_t pa;
	size_t pages = (sizeof(*work) + PAGE_SIZE - 1) / PAGE_SIZE;
	int err = pmm_alloc_pages(pages, &pa);
	if (err)
		return err;
	work = (struct verify_work *)(uintptr_t)pa;
	return 0;
}

long sys_futeet_verify(uint64_t ureq, uint64_t uout, uint64_t uresult, uint64_t cap)
{
	struct futeet_verify_req req;
	int err;

	/* Validate everything before doing any work. */
	if ((err = copy_from_user(&req, ureq, sizeof(req))))
		return err;
	if (req.reserved0 || req.reserved[0] || req.reserved[1] ||
	    (req.flags & ~(FUTEET_VERIFY_ALLOW_SIM | FUTEET_VERIFY_FORMAT_CBOR)))
		return -EINVAL;
	if (req.evidence_len == 0 || req.evidence_len > FUTEET_VERIFY_EVIDENCE_MAX ||
	    req.nonce_len > 64 || (req.nonce == 0) != (req.nonce_len == 0) ||
	    req.policy_len > FUTEET_VERIFY_POLICY_MAX || (req.policy == 0) != (req.policy_len == 0))
		return -EINVAL;
	if (!user_range_ok(uout, sizeof(struct futeet_verify_out), true) ||
	    !user_range_ok(uresult, cap, true))
		return -EFAULT;
	if ((err = work_get()))
		return err;
	if ((err = copy_from_user(work->evidence, req.evidence, req.evidence_len)) ||
	    (err = copy_from_user(work->nonce, req.nonce, req.nonce_len)) ||
	    (err = copy_from_user(work->policy_json, req.policy, req.policy_len)))
		return err;

	policy_default(&work->policy);
	if (req.policy_len &&
	    (err = policy_parse(work->policy_json, req.policy_len, &work->policy, work->why,
				sizeof(work->why)))) {
		kprintf("futeet: verify: policy refused: %s\n", work->why);
		return err;
	}

	const uint8_t *roots[2] = { futeet_sim_ark_der, futeet_sim_tdx_root_der };
	size_t root_lens[2] = { futeet_sim_ark_der_len, futeet_sim_tdx_root_der_len };
	struct appraise_input in = {
		.evidence = work->evidence,
		.evidence_len = req.evidence_len,
		.nonce = req.nonce_len ? work->nonce : NULL,
		.nonce_len = req.nonce_len,
		.time_known = false,           /* the policy's time, or not checked */
		.allow_sim = (req.flags & FUTEET_VERIFY_ALLOW_SIM) != 0,
		.sim_roots = roots,
		.sim_root_lens = root_lens,
		.n_sim_roots = 2,
		.policy = &work->policy,
	};
	if ((err = appraise(&in, &work->res, work->why, sizeof(work->why)))) {
		kprintf("futeet: verify: not evidence: %s\n", work->why);
		return err;
	}

	struct ear_meta meta = {
		.iat = 0,                      /* no trusted clock in the guest */
		.build = "futeet-kernel verifier",
		.nonce = in.nonce,
		.nonce_len = in.nonce_len,
	};
	size_t len = 0;
	size_t lim = cap < sizeof(work->result) ? (size_t)cap : sizeof(work->result);
	err = ear_write(&work->res, &meta,
			(req.flags & FUTEET_VERIFY_FORMAT_CBOR) ? EAR_FORMAT_CBOR : EAR_FORMAT_JSON,
			work->result, lim, &len);
	if (err)
		return err;

	memset(&work->out, 0, sizeof(work->out));
	work->out.status = work->res.status;
	work->out.result_len = (uint32_t)len;
	const char *s = appraise_summary(&work->res);
	size_t sl = strnlen(s, sizeof(work->out.summary) - 1);
	memcpy(work->out.summary, s, sl);
	if ((err = copy_to_user(uresult, work->result, len)) ||
	    (err = copy_to_user(uout, &work->out, sizeof(work->out))))
		return err;
	return 0;
}
