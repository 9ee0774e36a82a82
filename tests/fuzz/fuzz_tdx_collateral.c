/* libFuzzer harness: Intel TDX collateral parsers on hostile bytes: the
 * dcap-qvl JSON form, the PCS response bodies, the tcbInfo and QE identity
 * JSON, the CRL reader (lib/tdx/collateral.c, crl.c), and the one-string
 * form a guest receives, JSON or a cpio archive of PCS files
 * (lib/tdx/collateral_in.c). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "lib/tdx/collateral.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tdx_collateral coll;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t serial[20] = { 0x3c, 0x16, 0xed, 0x54 };
	const char *s = (const char *)data;

	char why[160];

	(void)tdx_collateral_from_bytes(data, size, &coll, why, sizeof(why));
	(void)tdx_collateral_from_dcap_qvl(s, size, &coll);
	(void)tdx_collateral_set_pcs_tcb_info(&coll, s, size);
	(void)tdx_collateral_set_pcs_qe_identity(&coll, s, size);
	(void)tdx_tcb_info_parse_check(s, size);
	(void)tdx_qe_identity_parse_check(s, size);
	(void)tdx_crl_lists(data, size, serial, sizeof(serial));
	return 0;
}
