/* Intel TDX quote verification (DCAP, ECDSA P-256): the PCK chain in the
 * quote to the built-in Intel SGX Root CA through the PCK Platform or
 * Processor CA, the PCK SGX extensions, the QE report signed by the PCK key,
 * the QE report's binding of the attestation key, and the quote signature.
 * Specs: Intel DCAP quote, appendix A.3/A.4 (quote, QE report certification
 * data: "QE Report Data = SHA256(ECDSA Attestation Key || QE Authentication
 * Data) || 32-0x00's"); Intel PCK profile (chain, CA names, extensions).
 *
 *   Intel SGX Root CA (self-signed, built in; or a caller's extra root, sim)
 *    +-- "Intel SGX PCK Platform CA" | "Intel SGX PCK Processor CA"
 *         +-- PCK (P-256, SGX extensions: FMSPC, PCE-ID, TCB, PPID)
 *               signs: QE report (384 B) --> report_data = SHA-256(att_key || auth) || 0^32
 *                        attestation key (P-256) signs header || body
 *
 * Check order (so that a failure names its most specific cause): parse,
 * chain parse, root trusted, chain signatures, validity at now, PCK
 * extensions, QE report signature, QE binding, quote signature. A sim chain
 * must use Intel's CA names too (it plays Intel byte for byte).
 * No allocation; the chain's DER lives in the result struct. */
#ifndef FUTEET_LIB_TDX_VERIFY_H
#define FUTEET_LIB_TDX_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"
#include "lib/tdx/qe_report.h"
#include "lib/x509.h"

/* The built-in Intel SGX Root CA (DER), lib/tdx/intel_root.c. */
extern const uint8_t tdx_intel_root_der[];
extern const size_t tdx_intel_root_der_len;

/* Intel PCK profile 1.3.5: the SGX extensions of a PCK certificate. */
struct tdx_pck_ext {
	uint8_t ppid[16];
	uint8_t sgx_tcb_comp[16];    /* .2.1 .. .2.16 */
	uint16_t pcesvn;             /* .2.17 */
	uint8_t cpusvn[16];          /* .2.18 */
	uint8_t pceid[2];
	uint8_t fmspc[6];
	uint8_t sgx_type;            /* 0 Standard, 1 Scalable, 2 Scalable with integrity */
	bool has_platform_instance_id;
	uint8_t platform_instance_id[16];
	bool has_dynamic_platform, dynamic_platform;
	bool has_cached_keys, cached_keys;
	bool has_smt_enabled, smt_enabled;
};

/* Parse the extnValue contents of 1.2.840.113741.1.13.1. 0 or -EBADMSG
 * (malformed, a duplicate member, or a mandatory one missing). */
FUTEET_MUST_CHECK int tdx_pck_ext_parse(const uint8_t *ext, size_t len, struct tdx_pck_ext *out);
/* The same, found in a parsed certificate; -ENOENT when it has none. */
FUTEET_MUST_CHECK int tdx_pck_ext_from_cert(const struct x509_cert *pck, struct tdx_pck_ext *out);

enum tdx_verify_fail {
	TDX_FAIL_NONE = 0,
	TDX_FAIL_ARG,             /* missing input (-EINVAL) */
	TDX_FAIL_QUOTE_PARSE,     /* malformed (-EINVAL) or not a TDX quote (-EOPNOTSUPP) */
	TDX_FAIL_CERT_PARSE,      /* the PCK chain or a certificate does not parse (-EBADMSG) */
	TDX_FAIL_UNTRUSTED_ROOT,  /* chain root is not Intel's (or a sim root without allow_sim) */
	TDX_FAIL_CHAIN,           /* a signature / issuer / CA / name check failed (-EKEYREJECTED) */
	TDX_FAIL_EXPIRED,         /* a certificate is outside its validity at now (-ETIME) */
	TDX_FAIL_PCK_EXT,         /* PCK SGX extensions missing or malformed (-EBADMSG) */
	TDX_FAIL_QE_SIGNATURE,    /* QE report not signed by the PCK key (-EBADMSG) */
	TDX_FAIL_QE_BINDING,      /* QE report data != SHA-256(att key || auth data) || 0 (-EBADMSG) */
	TDX_FAIL_QUOTE_SIGNATURE, /* header || body not signed by the attestation key (-EBADMSG) */
};

#define TDX_CHAIN_CERTS 3u       /* PCK, intermediate CA, root */
#define TDX_CERT_DER_MAX 2048u   /* Intel's are < 1.3 KiB */

struct tdx_verify_input {
	const uint8_t *quote;
	size_t quote_len;
	int64_t now;                 /* unix seconds, used when time_known */
	bool time_known;             /* false: validity reported as not checked */
	/* Extra self-signed roots (DER), e.g. the sim's; honoured only with allow_sim. */
	const uint8_t *const *extra_roots;
	const size_t *extra_root_lens;
	size_t n_extra_roots;
	bool allow_sim;
};

struct tdx_verify_result {
	struct tdx_quote_info quote;     /* filled whenever the quote parses */
	struct tdx_qe_report_info qe;
	struct tdx_pck_ext pck;
	bool processor_ca;               /* PCK issued by the Processor CA (else Platform CA) */
	bool time_checked;
	bool chain_from_extra_root;
	uint8_t root_sha256[32];
	uint8_t pck_serial[20];          /* for CRL lookups; pck_serial_len bytes */
	size_t pck_serial_len;
	int64_t chain_not_after;         /* earliest notAfter of the three certificates */
	uint8_t chain_der[TDX_CHAIN_CERTS][TDX_CERT_DER_MAX];
	size_t chain_der_len[TDX_CHAIN_CERTS];
	enum tdx_verify_fail fail;
};

/* Verify a quote. 0 on success; otherwise a negative errno, out->fail and a
 * one-line reason in why (always NUL-terminated when why_len > 0). */
FUTEET_MUST_CHECK int tdx_verify(const struct tdx_verify_input *in, struct tdx_verify_result *out,
	       char *why, size_t why_len);

/* ECDSA P-256 / SHA-256 over msg with a raw 64-byte x||y key and a raw
 * 64-byte r||s signature (the quote's encodings). 0 or -EBADMSG. */
FUTEET_MUST_CHECK int tdx_ecdsa_p256_verify_raw(const uint8_t *msg, size_t msg_len, const uint8_t key_xy[64],
			      const uint8_t sig_rs[64]);

#endif
