/* The QE report of a TDX quote: an SGX REPORT body (Intel DCAP quote, A.3
 * "Enclave Report Body"; TDX_QE_REPORT_SIZE in futeet/tdx_abi.h). The
 * verifier's and the sim's; the kernel never reads the QE report. */
#ifndef FUTEET_SGX_REPORT_H
#define FUTEET_SGX_REPORT_H

#include <stdint.h>
#include "futeet/compiler.h"
#include "futeet/tdx_abi.h"

struct tdx_sgx_report_body {
	uint8_t cpusvn[16];          /* 0x000 */
	uint8_t miscselect[4];       /* 0x010 */
	uint8_t reserved1[12];       /* 0x014 */
	uint8_t isv_ext_prod_id[16]; /* 0x020 */
	uint8_t attributes[16];      /* 0x030 */
	uint8_t mrenclave[32];       /* 0x040 */
	uint8_t reserved2[32];       /* 0x060 */
	uint8_t mrsigner[32];        /* 0x080 */
	uint8_t reserved3[32];       /* 0x0A0 */
	uint8_t config_id[64];       /* 0x0C0 */
	uint8_t isv_prod_id[2];      /* 0x100 */
	uint8_t isv_svn[2];          /* 0x102 */
	uint8_t config_svn[2];       /* 0x104 */
	uint8_t reserved4[42];       /* 0x106 */
	uint8_t isv_family_id[16];   /* 0x130 */
	uint8_t report_data[64];     /* 0x140 */
};
FUTEET_ASSERT_SIZE(struct tdx_sgx_report_body, TDX_QE_REPORT_SIZE);
FUTEET_ASSERT_OFFSET(struct tdx_sgx_report_body, miscselect, 0x010);
FUTEET_ASSERT_OFFSET(struct tdx_sgx_report_body, attributes, 0x030);
FUTEET_ASSERT_OFFSET(struct tdx_sgx_report_body, mrenclave, 0x040);
FUTEET_ASSERT_OFFSET(struct tdx_sgx_report_body, mrsigner, 0x080);
FUTEET_ASSERT_OFFSET(struct tdx_sgx_report_body, isv_prod_id, 0x100);
FUTEET_ASSERT_OFFSET(struct tdx_sgx_report_body, isv_svn, 0x102);
FUTEET_ASSERT_OFFSET(struct tdx_sgx_report_body, report_data, 0x140);

#endif
