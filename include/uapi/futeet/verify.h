/* futeet_verify: the in-guest verifier (the same lib/verify code as the
 * host's futeet-verify) appraises a peer's evidence and returns an EAR
 * attestation result. DESIGN.md section 5. A libfuteet call that runs in
 * the calling program, in ring 3 (user/libfuteet/verify.c): the kernel
 * never parses a peer's evidence. */
#ifndef FUTEET_UAPI_VERIFY_H
#define FUTEET_UAPI_VERIFY_H

#include <stdint.h>

#include "collateral.h"

#define FUTEET_VERIFY_EVIDENCE_MAX 65536u
#define FUTEET_VERIFY_POLICY_MAX   16384u
#define FUTEET_VERIFY_RESULT_MAX   65536u

#define FUTEET_VERIFY_ALLOW_SIM   (1u << 0) /* accept the FUTEET sim test root */
#define FUTEET_VERIFY_FORMAT_CBOR (1u << 1) /* EAR as CBOR instead of JSON */
/* Verify at futeet_time's wall clock when the policy names no
 * verification_time. That clock is the host's (the emulated CMOS RTC) on
 * every TEE: no TEE here vouches for wall-clock time, so the result carries
 * a warning that validity windows and collateral freshness were checked at a
 * time the host chose. */
#define FUTEET_VERIFY_HOST_TIME   (1u << 2)

/* EAR status tiers (draft-ietf-rats-ear "ear.status"). */
#define FUTEET_EAR_AFFIRMING       2u
#define FUTEET_EAR_WARNING        32u
#define FUTEET_EAR_CONTRAINDICATED 96u

struct futeet_verify_req {
	uint64_t evidence;      /* user pointer: CMW collection or raw SNP report */
	uint64_t evidence_len;
	uint64_t nonce;         /* expected eat_nonce, 0 = not checked */
	uint64_t nonce_len;
	uint64_t policy;        /* JSON policy (docs/POLICY.md), 0 = defaults */
	uint64_t policy_len;
	uint32_t flags;         /* FUTEET_VERIFY_* */
	uint32_t reserved0;     /* must be zero */
	uint64_t collateral;    /* user pointer: Intel TDX collateral (see above), 0 = none */
	uint64_t collateral_len;
};
_Static_assert(sizeof(struct futeet_verify_req) == 72, "futeet_verify_req size");
_Static_assert(__builtin_offsetof(struct futeet_verify_req, collateral) == 56,
	       "futeet_verify_req collateral");

struct futeet_verify_out {
	uint32_t status;        /* FUTEET_EAR_* */
	uint32_t result_len;    /* bytes of EAR written to the result buffer */
	char summary[200];      /* one-line reason for the worst finding, or "" */
};
_Static_assert(sizeof(struct futeet_verify_out) == 208, "futeet_verify_out size");

#ifndef FUTEET_KERNEL
#include <stddef.h>
/* Appraise req->evidence; write the EAR (JSON, or CBOR with
 * FUTEET_VERIFY_FORMAT_CBOR) to result[0..cap) and its status, length and a
 * one-line summary to *out. 0 when a result was written (its status may be
 * contraindicated); a negative errno when the call or the input is refused
 * (-EFAULT null pointer, -EINVAL bad request, -EBADMSG / -EPROTO /
 * -ERANGE / -EINVAL a policy or evidence that cannot be read, -ENOSPC result
 * too big for cap); out->summary then says why. Without collateral (or
 * without a verification time) a TDX TCB status is "not evaluated".
 * Not reentrant. */
int futeet_verify(const struct futeet_verify_req *req, struct futeet_verify_out *out,
		  uint8_t *result, size_t cap);
#endif

#endif
