/* The verifier's side of lib/tdx/quote.h: sniffing a DCAP quote and decoding
 * the QE report a parsed quote carries (Intel TDX DCAP Quoting Library API,
 * appendix A; the QE report is an SGX REPORT body, include/futeet/tdx_abi.h).
 * Host tools and ring 3 only: the kernel checks its own quote against its
 * TDREPORT and never reads the QE's report. */
#include <stddef.h>
#include <string.h>

#include "futeet/sgx_report.h"
#include "futeet/tdx_abi.h"
#include "lib/bytes.h"
#include "lib/tdx/qe_report.h"

#define QE(f) offsetof(struct tdx_sgx_report_body, f)

void tdx_qe_report_decode(const uint8_t *r, struct tdx_qe_report_info *out)
{
	memset(out, 0, sizeof(*out));
	memcpy(out->cpusvn, r + QE(cpusvn), sizeof(out->cpusvn));
	out->miscselect = bytes_le32(r + QE(miscselect));
	memcpy(out->attributes, r + QE(attributes), sizeof(out->attributes));
	memcpy(out->mrenclave, r + QE(mrenclave), sizeof(out->mrenclave));
	memcpy(out->mrsigner, r + QE(mrsigner), sizeof(out->mrsigner));
	out->isv_prod_id = bytes_le16(r + QE(isv_prod_id));
	out->isv_svn = bytes_le16(r + QE(isv_svn));
	memcpy(out->report_data, r + QE(report_data), sizeof(out->report_data));
}

bool tdx_looks_like_quote(const uint8_t *buf, size_t len)
{
	static const uint8_t intel[16] = TDX_INTEL_QE_VENDOR_ID;
	uint16_t v, k;

	if (!buf || len < TDX_QUOTE_HEADER_SIZE)
		return false;
	v = bytes_le16(buf);
	k = bytes_le16(buf + offsetof(struct tdx_quote_header, att_key_type));
	/* DCAP quotes v3 (SGX) .. v5 share this header (Intel DCAP quote A.3). */
	return v >= 3 && v <= TDX_QUOTE_V5 && (k == 2 || k == 3) &&
	       memcmp(buf + offsetof(struct tdx_quote_header, qe_vendor_id), intel, 16) == 0;
}
