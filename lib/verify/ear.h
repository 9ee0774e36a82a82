/* EAT Attestation Result (draft-ietf-rats-ear) from an appraisal result, as
 * JSON (claim names) or CBOR (claim keys), same content. The output is the
 * unsigned EAR claims set: the CLI prints it, a guest hands it to its caller;
 * wrapping it in a JWT/CWT needs a verifier key and is not done here. */
#ifndef FUTEET_LIB_VERIFY_EAR_H
#define FUTEET_LIB_VERIFY_EAR_H

#include <stddef.h>
#include <stdint.h>

#include "lib/verify/appraise.h"
#include "futeet/compiler.h"

#define EAR_PROFILE "tag:github.com,2023:veraison/ear"
#define EAR_SUBMOD_NAME "cpu0" /* one attester: the CVM's CPU TEE (Trustee naming) */

/* EAR / EAT CBOR keys (draft-ietf-rats-ear section 3, RFC 9711, RFC 8392). */
#define EAR_KEY_IAT              6
#define EAR_KEY_NONCE           10
#define EAR_KEY_PROFILE        265
#define EAR_KEY_SUBMODS        266
#define EAR_KEY_STATUS        1000
#define EAR_KEY_VECTOR        1001
#define EAR_KEY_RAW_EVIDENCE  1002
#define EAR_KEY_POLICY_ID     1003
#define EAR_KEY_VERIFIER_ID   1004
#define EAR_KEY_ANNOTATED   (-70000) /* ear.veraison.annotated-evidence */

enum ear_format {
	EAR_FORMAT_JSON = 0,
	EAR_FORMAT_CBOR = 1,
};

struct ear_meta {
	int64_t iat;              /* issued-at, unix seconds (0 if unknown) */
	const char *build;        /* ear.verifier-id build, e.g. "futeet-verify 0.1" */
	const uint8_t *nonce;     /* the relying party's nonce to echo, or NULL */
	size_t nonce_len;
};

/* Write the EAR. 0 and *len; -ENOSPC if buf is too small; -EINVAL. JSON
 * output ends with a newline and is NUL-terminated (not counted in *len). */
FUTEET_MUST_CHECK int ear_write(const struct appraise_result *r, const struct ear_meta *m, enum ear_format fmt,
	      uint8_t *buf, size_t cap, size_t *len);

#endif
