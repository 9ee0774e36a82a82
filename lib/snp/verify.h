/* SEV-SNP attestation report verification: AMD chain (ARK -> ASK -> VCEK,
 * ARK -> ASVK -> VLEK) for Milan, Genoa and Turin with built-in roots, the
 * report signature, TCB and chip-id binding, certificate validity.
 * Specs: SNP ABI 56860 rev 1.57 (report, signature, TCB_VERSION);
 * AMD 57230 "Versioned Chip Endorsement Key (VCEK) Certificate and KDS
 * Interface Specification" (certificate extensions, chain);
 * GHCB 56421 rev 2.03 section 4.1.8.1 (certificate table).
 *
 * Check order: see the comment at the top of lib/snp/verify.c, which lists
 * the checks in the order snp_verify() runs them (inputs, leaf, product and
 * VCEK/VLEK from the leaf's issuer CN - a sim chain must use AMD's names too
 * - ASK/ASVK, ARK, validity, report signature, report version, product
 * consistency, SIGNER_INFO, REPORTED_TCB, CHIP_ID). Every certificate
 * signature must be RSASSA-PSS SHA-384 / MGF1-SHA-384 / salt 48 (AMD 57230).
 *
 * No allocation; under 8 KiB of stack (gcc -fstack-usage, RSA-4096 path). */
#ifndef FUTEET_LIB_SNP_VERIFY_H
#define FUTEET_LIB_SNP_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lib/snp/certtable_find.h"
#include "lib/snp/report.h"
#include "lib/snp/tcb.h"
#include "futeet/compiler.h"

struct snp_verify_input {
	const uint8_t *report;       /* ATTESTATION_REPORT, 0x4A0 bytes */
	size_t report_len;
	const uint8_t *leaf_der;     /* VCEK or VLEK (DER), required */
	size_t leaf_len;
	const uint8_t *ask_der;      /* optional ASK/ASVK (DER); NULL = built in */
	size_t ask_len;
	const uint8_t *ark_der;      /* optional ARK (DER); must equal a trusted root */
	size_t ark_len;
	int64_t now;                 /* unix seconds, used when time_known */
	bool time_known;             /* false: validity reported as not checked */
	/* Extra trust anchors (self-signed ARKs, DER), e.g. the sim's; they are
	 * honoured only when allow_sim is true. */
	const uint8_t *const *extra_roots;
	const size_t *extra_root_lens;
	size_t n_extra_roots;
	bool allow_sim;
};

/* Why a verification failed (beside the errno and the text). */
enum snp_verify_fail {
	SNP_FAIL_NONE = 0,
	SNP_FAIL_ARG,            /* bad input pointers/lengths (-EINVAL) */
	SNP_FAIL_REPORT_PARSE,   /* report malformed / unknown version (-EINVAL, -EOPNOTSUPP) */
	SNP_FAIL_CERT_PARSE,     /* a certificate does not parse (-EBADMSG) */
	SNP_FAIL_PRODUCT,        /* product unknown or inconsistent (-EKEYREJECTED) */
	SNP_FAIL_UNTRUSTED_ROOT, /* given ARK is not a trusted root, or the chain ends in
				  * an extra root without allow_sim (-EKEYREJECTED) */
	SNP_FAIL_CHAIN,          /* a certificate signature / issuer / CA check failed (-EKEYREJECTED) */
	SNP_FAIL_EXPIRED,        /* a certificate is outside its validity at now (-ETIME) */
	SNP_FAIL_SIGNER,         /* SIGNER_INFO key type does not match VCEK/VLEK (-EKEYREJECTED) */
	SNP_FAIL_TCB,            /* cert SPLs != REPORTED_TCB (-EKEYREJECTED) */
	SNP_FAIL_CHIP_ID,        /* VCEK hwID != CHIP_ID, also when that is why the
				  * signature fails: a VCEK of another chip (-EKEYREJECTED) */
	SNP_FAIL_SIGNATURE,      /* report signature does not verify (-EBADMSG) */
};

struct snp_verify_result {
	struct snp_report_info report;   /* parsed fields (filled whenever the report parses,
					  * even if another check fails) */
	enum snp_product product;
	struct snp_tcb reported_tcb;     /* REPORTED_TCB decoded for product */
	struct snp_tcb cert_tcb;         /* the leaf's SPL extensions */
	bool vlek;                       /* leaf is a VLEK (chain through ASVK) */
	bool time_checked;               /* validity of all 3 certs checked at now */
	bool chain_from_extra_root;      /* anchored in a caller's extra root (sim) */
	bool chip_id_checked;            /* VCEK hwID compared with CHIP_ID */
	uint8_t hwid[64];                /* leaf hwID (VCEK), hwid_len bytes */
	size_t hwid_len;
	char product_name[32];           /* leaf productName, NUL-terminated, may be "" */
	uint8_t root_sha256[32];         /* SHA-256 of the anchoring ARK's DER */
	enum snp_verify_fail fail;
};

/* Verify a report. 0 on success; otherwise a negative errno, out->fail, and
 * a one-line reason in why (always NUL-terminated when why_len > 0). */
FUTEET_MUST_CHECK int snp_verify(const struct snp_verify_input *in, struct snp_verify_result *out,
	       char *why, size_t why_len);

/* A TCB_VERSION as "fmc F bl B tee T snp S ucode U" (fmc on Turin only;
 * SNP ABI 56860 rev 1.57, TCB_VERSION), for reasons and summaries. */
struct strbuf;
void snp_tcb_describe(struct strbuf *b, const struct snp_tcb *t);

/* The built-in AMD certificates (lib/snp/amd_roots.c). kind: 0 ARK, 1 ASK,
 * 2 ASVK. 0 or -ENOENT. */
FUTEET_MUST_CHECK int snp_amd_cert(enum snp_product product, int kind, const uint8_t **der, size_t *len);
#define SNP_AMD_ARK  0
#define SNP_AMD_ASK  1
#define SNP_AMD_ASVK 2

#endif
