/* Intel TDX collateral: TCB info (TDX, version 3) and QE identity (TD_QE),
 * their signatures and issuer chains, the PCK and root CRLs, and the TCB
 * status of a verified quote by Intel's matching rules.
 * Specs: Intel "Provisioning Certification Service" API v4 (cited "Intel PCS
 * v4"): "Get TDX TCB Info" (tcbInfo v3: tdxModule, tdxModuleIdentities,
 * tcbLevels with sgxtcbcomponents, pcesvn, tdxtcbcomponents, tcbStatus,
 * advisoryIDs), "Get TDX QE Identity" (enclaveIdentity v2), "Get PCK Cert
 * CRL"; RFC 5280 section 5 (CRLs). The matching rules follow Intel's QVL as
 * dcap-qvl implements them (src/verify.rs, match_platform_tcb,
 * match_tdx_module_identity, verify_qe_identity_policy): the first TCB level
 * (in Intel's order, highest first) whose PCESVN and all 16 SGX components
 * are <= the PCK's and all 16 TDX components <= TEE_TCB_SVN; when
 * TEE_TCB_SVN[1] (the TDX module major version) > 0 and tdxModuleIdentities
 * exist, the identity "TDX_%02X" gives MRSIGNERSEAM, SEAM attributes and a
 * module status from TEE_TCB_SVN[0]; the QE's ISVSVN picks a QE identity
 * level; the final status is the worse of platform and QE, advisories merged.
 *
 * Two collateral forms are read (both as bytes; files are the caller's):
 *  - dcap-qvl's single JSON object: tcb_info, qe_identity (the exact signed
 *    JSON text, as strings), tcb_info_signature, qe_identity_signature (hex
 *    r||s), tcb_info_issuer_chain, qe_identity_issuer_chain (PEM), pck_crl,
 *    root_ca_crl (hex DER);
 *  - Intel PCS responses: {"tcbInfo":{...},"signature":"hex"} and
 *    {"enclaveIdentity":{...},"signature":"hex"} bodies (the signature covers
 *    the exact bytes of the inner value), the issuer chains (PEM, from the
 *    TCB-Info-Issuer-Chain / SGX-Enclave-Identity-Issuer-Chain headers), the
 *    CRLs (DER). futeet-verify reads them from a directory, file names in
 *    TDX_PCS_FILE_*. */
#ifndef FUTEET_LIB_TDX_COLLATERAL_H
#define FUTEET_LIB_TDX_COLLATERAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"
#include "lib/tdx/verify.h"

/* The directory form: one file per PCS response. */
#define TDX_PCS_FILE_TCB_INFO        "tcb_info.json"
#define TDX_PCS_FILE_TCB_INFO_CHAIN  "tcb_info_issuer_chain.pem"
#define TDX_PCS_FILE_QE_ID           "qe_identity.json"
#define TDX_PCS_FILE_QE_ID_CHAIN     "qe_identity_issuer_chain.pem"
#define TDX_PCS_FILE_PCK_CRL         "pck_crl.der"
#define TDX_PCS_FILE_ROOT_CRL        "root_crl.der"

#define TDX_COLL_TCB_INFO_MAX  32768u
#define TDX_COLL_QE_ID_MAX     4096u
#define TDX_COLL_CHAIN_MAX     6144u
#define TDX_COLL_CRL_MAX       32768u

/* Collateral bytes, copied in (so a caller's file buffers may go). */
struct tdx_collateral {
	char tcb_info[TDX_COLL_TCB_INFO_MAX];   /* exact signed JSON text */
	size_t tcb_info_len;
	uint8_t tcb_info_sig[64];               /* r || s */
	char tcb_info_chain[TDX_COLL_CHAIN_MAX];/* PEM: TCB signing cert, root */
	size_t tcb_info_chain_len;
	char qe_id[TDX_COLL_QE_ID_MAX];
	size_t qe_id_len;
	uint8_t qe_id_sig[64];
	char qe_id_chain[TDX_COLL_CHAIN_MAX];
	size_t qe_id_chain_len;
	uint8_t pck_crl[TDX_COLL_CRL_MAX];      /* DER, issued by the PCK CA */
	size_t pck_crl_len;
	uint8_t root_crl[TDX_COLL_CRL_MAX];     /* DER, issued by the root */
	size_t root_crl_len;
};

/* dcap-qvl's JSON form. 0, -EBADMSG (not that shape), -ENOSPC (too big). */
FUTEET_MUST_CHECK int tdx_collateral_from_dcap_qvl(const char *json, size_t len, struct tdx_collateral *out);
/* Either form as one byte string (lib/tdx/collateral_in.c): dcap-qvl's JSON
 * object, or a cpio newc archive holding the six TDX_PCS_FILE_* files (each
 * exactly once, nothing else but the root "." directory). How collateral
 * reaches a guest program. 0, or -EBADMSG / -ENOSPC with a one-line why. */
FUTEET_MUST_CHECK int tdx_collateral_from_bytes(const uint8_t *p, size_t len, struct tdx_collateral *c,
						char *why, size_t why_len);
/* The PCS forms, one response at a time. 0, -EBADMSG, -ENOSPC. */
FUTEET_MUST_CHECK int tdx_collateral_set_pcs_tcb_info(struct tdx_collateral *c, const char *body, size_t len);
FUTEET_MUST_CHECK int tdx_collateral_set_pcs_qe_identity(struct tdx_collateral *c, const char *body, size_t len);
/* which: 0 TCB info chain, 1 QE identity chain (PEM); 2 PCK CRL, 3 root CRL (DER). */
FUTEET_MUST_CHECK int tdx_collateral_set_raw(struct tdx_collateral *c, int which, const uint8_t *p, size_t len);

/* TCB status values, in Intel's names; order = severity (dcap-qvl). */
enum tdx_tcb_status {
	TDX_TCB_UP_TO_DATE = 0,
	TDX_TCB_SW_HARDENING_NEEDED,
	TDX_TCB_CONFIGURATION_NEEDED,
	TDX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED,
	TDX_TCB_OUT_OF_DATE,
	TDX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED,
	TDX_TCB_REVOKED,
	TDX_TCB_STATUS_COUNT,
};
const char *tdx_tcb_status_name(enum tdx_tcb_status s);

#define TDX_MAX_ADVISORIES 32u
#define TDX_ADVISORY_LEN   24u

enum tdx_coll_fail {
	TDX_COLL_OK = 0,
	TDX_COLL_MISSING,        /* a part of the collateral is absent (-EINVAL) */
	TDX_COLL_PARSE,          /* JSON / PEM / CRL malformed (-EBADMSG) */
	TDX_COLL_CHAIN,          /* issuer chain / signature / CRL signature (-EKEYREJECTED) */
	TDX_COLL_EXPIRED,        /* outside issueDate..nextUpdate or a validity window (-ETIME) */
	TDX_COLL_REVOKED,        /* a certificate of the quote is on a CRL (-EKEYREVOKED) */
	TDX_COLL_MISMATCH,       /* FMSPC, PCE-ID, TDX module or QE identity differ (-EKEYREJECTED) */
	TDX_COLL_NO_TCB_LEVEL,   /* no TCB level matches (-ENOENT) */
};

struct tdx_tcb_eval {
	enum tdx_tcb_status status;          /* final: worse of platform and QE */
	enum tdx_tcb_status platform_status; /* TCB level, merged with the TDX module's */
	enum tdx_tcb_status qe_status;
	size_t n_advisories;
	char advisories[TDX_MAX_ADVISORIES][TDX_ADVISORY_LEN];
	char tcb_date[24];                   /* the matched platform level's tcbDate */
	uint32_t tcb_eval_number;
	int64_t collateral_not_after;        /* earliest nextUpdate / notAfter seen */
	int64_t tcb_info_issue_date;
	enum tdx_coll_fail fail;
};

/* Appraise the collateral for a quote that tdx_verify() accepted (res), at
 * in->now (time_known required: collateral without a clock is not
 * evaluated). The collateral's chains must end in the quote's own root.
 * 0 with *out set; else a negative errno, out->fail and a one-line why. */
FUTEET_MUST_CHECK int tdx_collateral_eval(const struct tdx_collateral *c, const struct tdx_verify_input *in,
			const struct tdx_verify_result *res, struct tdx_tcb_eval *out,
			char *why, size_t why_len);

/* Is the DER serial (INTEGER contents) listed in the DER CRL? Checks only
 * the structure, not the signature. 1 listed, 0 not, -EBADMSG. */
FUTEET_MUST_CHECK int tdx_crl_lists(const uint8_t *crl, size_t crl_len, const uint8_t *serial, size_t serial_len);

/* Parse and check a CRL (RFC 5280 section 5.1): ECDSA-SHA256 signature by
 * issuer, issuer name = issuer's subject, thisUpdate <= now <= nextUpdate
 * when time_known. 0, -EBADMSG, -EKEYREJECTED, -ETIME. *next_update set. */
FUTEET_MUST_CHECK int tdx_crl_check(const uint8_t *crl, size_t crl_len, const struct x509_cert *issuer,
		  bool time_known, int64_t now, int64_t *next_update);

/* Parse only (tests, fuzzing): the tcbInfo / enclaveIdentity JSON text is
 * well formed with every member this verifier needs. 0 or -EBADMSG. */
FUTEET_MUST_CHECK int tdx_tcb_info_parse_check(const char *text, size_t len);
FUTEET_MUST_CHECK int tdx_qe_identity_parse_check(const char *text, size_t len);

#endif
