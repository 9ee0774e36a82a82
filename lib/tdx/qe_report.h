/* The verifier's side of lib/tdx/quote.h (lib/tdx/qe_report.c): sniffing a
 * DCAP quote and the QE report a parsed quote carries, decoded (Intel TDX
 * DCAP Quoting Library API, appendix A). Host tools and ring 3 only, never
 * the kernel. */
#ifndef FUTEET_LIB_TDX_QE_REPORT_H
#define FUTEET_LIB_TDX_QE_REPORT_H

#include <stdbool.h>
#include "lib/tdx/quote.h"

/* The QE report (an SGX REPORT body), decoded. */
struct tdx_qe_report_info {
	uint8_t cpusvn[16];
	uint32_t miscselect;
	uint8_t attributes[16];
	uint8_t mrenclave[32];
	uint8_t mrsigner[32];
	uint16_t isv_prod_id;
	uint16_t isv_svn;
	uint8_t report_data[64];
};

/* The input starts like an Intel DCAP quote (version 3..5, ECDSA key type,
 * Intel's QE vendor id): SGX or TDX, for the verifier's input sniffing. */
bool tdx_looks_like_quote(const uint8_t *buf, size_t len);

/* Decode a TDX_QE_REPORT_SIZE-byte QE report. */
void tdx_qe_report_decode(const uint8_t *qe_report, struct tdx_qe_report_info *out);

#endif
