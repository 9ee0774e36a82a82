/* Intel TDX Quote v4/v5 and TDREPORT_STRUCT parsers.
 * Spec: Intel DCAP quote, appendix A.3 (v4) and A.4 (v5); TDX Module ABI
 * 348551, TDREPORT_STRUCT. Wire layouts: include/futeet/tdx_abi.h;
 * the verifier's QE-report decoder and quote sniffing: qe_report.h. */
#ifndef FUTEET_LIB_TDX_QUOTE_H
#define FUTEET_LIB_TDX_QUOTE_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/tdx_abi.h"

/* The fields of the TD quote body, host byte order where numeric. For body
 * type 2 (TDX 1.0) tee_tcb_svn2 and mrservicetd are zero. */
struct tdx_body_info {
	uint8_t tee_tcb_svn[16];
	uint8_t mrseam[48];
	uint8_t mrsignerseam[48];
	uint64_t seam_attributes;
	uint64_t td_attributes;
	uint64_t xfam;
	uint8_t mrtd[48];
	uint8_t mrconfigid[48];
	uint8_t mrowner[48];
	uint8_t mrownerconfig[48];
	uint8_t rtmr[TDX_NUM_RTMRS][48];
	uint8_t report_data[64];
	uint8_t tee_tcb_svn2[16];
	uint8_t mrservicetd[48];
};

/* A parsed quote. Numbers and small fields are copies; the views (signed
 * bytes, QE report, QE authentication data, PCK chain) point into the
 * caller's buffer, which must outlive this struct. */
struct tdx_quote_info {
	uint16_t version;            /* 4 or 5 */
	uint16_t att_key_type;       /* 2 = ECDSA P-256 */
	uint32_t tee_type;           /* 0x81 */
	uint16_t qe_svn, pce_svn;    /* header's reserved fields (0 for TDX) */
	uint8_t qe_vendor_id[16];
	uint8_t user_data[20];
	uint16_t body_type;          /* 2 (TDX 1.0) or 3 (TDX 1.5); v4 is 2 */
	uint32_t body_size;          /* 584 or 648 */
	struct tdx_body_info body;
	const uint8_t *signed_data;  /* header || [descriptor ||] body */
	size_t signed_len;
	uint8_t signature[TDX_ECDSA_SIG_SIZE]; /* r || s, big-endian */
	uint8_t att_key[TDX_ECDSA_KEY_SIZE];   /* x || y, big-endian */
	uint16_t cert_type;          /* outer certification data type (6) */
	const uint8_t *qe_report;    /* TDX_QE_REPORT_SIZE bytes: the signed QE report */
	uint8_t qe_report_sig[TDX_ECDSA_SIG_SIZE];
	const uint8_t *qe_auth;      /* QE authentication data */
	size_t qe_auth_len;
	uint16_t pck_cert_type;      /* inner certification data type (5) */
	const uint8_t *pck_chain;    /* PEM text, as carried (may end in NULs) */
	size_t pck_chain_len;
	size_t quote_len;            /* bytes up to the end of the signature data */
	size_t trailing_len;         /* bytes after it, tolerated */
};

/* Parse a quote of len bytes. Accepts versions 4 and 5 with ECDSA P-256,
 * tee_type TDX, body types 2 and 3 and certification data type 6 wrapping
 * type 5. Every length is checked against the bytes that hold it; bytes after
 * the signature data are tolerated (real quotes carry some) and counted in
 * trailing_len. Returns 0, -EINVAL (malformed: truncated, inconsistent
 * lengths) or -EOPNOTSUPP (a version, key type, TEE type, body type or
 * certification data type it does not handle, e.g. an SGX quote). */
FUTEET_MUST_CHECK int tdx_quote_parse(const uint8_t *buf, size_t len, struct tdx_quote_info *out);

/* A TDREPORT_STRUCT, decoded. */
struct tdx_report_info {
	uint8_t report_type[4];
	uint8_t cpusvn[16];
	uint8_t tee_tcb_info_hash[48];
	uint8_t tee_info_hash[48];
	uint8_t reportdata[64];
	uint8_t mac[32];
	uint8_t tee_tcb_svn[16];
	uint8_t mrseam[48];
	uint8_t mrsignerseam[48];
	uint64_t seam_attributes;
	uint8_t tee_tcb_svn2[16];
	uint64_t td_attributes;
	uint64_t xfam;
	uint8_t mrtd[48];
	uint8_t mrconfigid[48];
	uint8_t mrowner[48];
	uint8_t mrownerconfig[48];
	uint8_t rtmr[TDX_NUM_RTMRS][48];
	uint8_t servtd_hash[48];
};

/* Parse exactly TDX_REPORT_SIZE bytes. Checks REPORTTYPE.TYPE = 0x81 (TDX)
 * and that tee_tcb_info_hash = SHA-384(TEE_TCB_INFO) and tee_info_hash =
 * SHA-384(TDINFO_STRUCT), as the TDX module computes them; the MAC can be
 * checked only on the platform. Returns 0, -EINVAL (wrong size or type) or
 * -EBADMSG (a hash does not match). */
FUTEET_MUST_CHECK int tdx_report_parse(const uint8_t *buf, size_t len, struct tdx_report_info *out);

#endif
