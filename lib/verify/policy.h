/* Appraisal policy: the JSON file of docs/POLICY.md, parsed into fixed-size
 * tables (no allocation; runs in the guest too). Unknown keys are refused so
 * that a misspelt rule never silently turns into "no rule". */
#ifndef FUTEET_LIB_VERIFY_POLICY_H
#define FUTEET_LIB_VERIFY_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define POLICY_MAX_MEASUREMENTS 32u
#define POLICY_MAX_HOST_DATA    16u
#define POLICY_MAX_CAPS         16u
#define POLICY_MAX_PRODUCTS     4u
#define POLICY_NAME_MAX         40u
#define POLICY_ID_MAX           64u
#define POLICY_MEASUREMENT_LEN  48u /* SNP MEASUREMENT, SHA-384 (SNP ABI 56860) */
#define POLICY_HOST_DATA_LEN    32u /* SNP HOST_DATA (SNP ABI 56860) */
#define POLICY_TCB_UNSET        (-1)

#define POLICY_PATH_MAX         256u

/* "reference": the SEV-SNP launch to compute the reference measurement from
 * (docs/POLICY.md). Only a host tool with the files can resolve it
 * (futeet-verify, with lib/measure): it adds the digest to measurements and
 * sets coverage_known / kernel_bound. An unresolved reference is refused at
 * appraisal time. */
struct policy_reference {
	bool set;
	char firmware[POLICY_PATH_MAX];
	uint32_t vcpus;                       /* default 1 */
	char vcpu_type[POLICY_NAME_MAX];      /* default "EPYC-v4" */
	uint64_t guest_features;              /* default 0x1 */
	char vmm[POLICY_NAME_MAX];            /* default "qemu" */
	char kernel[POLICY_PATH_MAX];         /* "" = no kernel hashes */
	char append[POLICY_PATH_MAX];
};

struct policy {
	char id[POLICY_ID_MAX];               /* "policy_id", echoed in the result */
	bool measurements_set;                /* the key was present */
	size_t n_measurements;
	uint8_t measurements[POLICY_MAX_MEASUREMENTS][POLICY_MEASUREMENT_LEN];
	bool host_data_set;
	size_t n_host_data;
	uint8_t host_data[POLICY_MAX_HOST_DATA][POLICY_HOST_DATA_LEN];
	/* minimum REPORTED_TCB per component, POLICY_TCB_UNSET = no minimum */
	int16_t min_tcb_bl, min_tcb_tee, min_tcb_snp, min_tcb_ucode, min_tcb_fmc;
	bool debug_forbidden;                 /* default true */
	bool allow_vcek, allow_vlek;          /* default both */
	size_t n_required_caps;
	char required_caps[POLICY_MAX_CAPS][POLICY_NAME_MAX];
	size_t n_products;                    /* 0 = any product */
	char products[POLICY_MAX_PRODUCTS][POLICY_NAME_MAX];
	bool has_time;                        /* "verification_time" */
	int64_t verification_time;            /* unix seconds */
	bool allow_sim;                       /* default false */
	/* VMPLs a report may come from, bit n = VMPL n (SNP ABI 56860: 0..3).
	 * Default VMPL 0 only: under an SVSM, software at a higher VMPL may
	 * request a report with any REPORT_DATA it chose. */
	uint8_t allowed_vmpls;
	/* true: freshness is established outside this appraisal (e.g. by the
	 * transport), so evidence appraised without a nonce is not held back
	 * to a warning. Default false. */
	bool freshness_elsewhere;
	/* Channels (docs/CHANNEL.md 4): the peer must send fresh evidence, not
	 * an attested key's signature (its evidence was made once, earlier).
	 * Default false. The appraisal itself ignores it. */
	bool forbid_attested_key;
	struct policy_reference reference;
	bool coverage_known;                  /* "reference" resolved: */
	bool kernel_bound;                    /* MEASUREMENT covers kernel + command line */
};

#define POLICY_VMPL_MAX 3u                    /* SNP ABI 56860: VMPL 0..3 */

/* The policy used when no file is given (a constant, so that the guest
 * needs no policy-sized stack frame for it), and a copy of it. */
extern const struct policy policy_defaults;
void policy_default(struct policy *p);

/* Parse a policy document over the defaults. 0 or -EBADMSG / -EPROTO /
 * -ERANGE / -ENOSPC / -EINVAL with a one-line reason in why. */
FUTEET_MUST_CHECK int policy_parse(const char *json, size_t len, struct policy *p, char *why, size_t why_len);

/* RFC 3339 date-time ("2026-11-25T12:00:00Z", "...+01:00", fractions
 * ignored) to unix seconds. Years 1970..9999. 0 or -EINVAL. */
FUTEET_MUST_CHECK int policy_parse_time(const char *s, size_t n, int64_t *t);

#endif
