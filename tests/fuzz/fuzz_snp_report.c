/* libFuzzer harness: SNP report parser, certificate table and the whole
 * verifier. Input = 1184-byte report followed by a leaf certificate (DER);
 * also the whole input as a certificate table (lib/snp/). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "futeet/snp_abi.h"
#include "lib/snp/report.h"
#include "lib/snp/verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snp_report_info info;
	struct snp_verify_input in;
	static struct snp_verify_result res;
	struct snp_tcb tcb;
	char why[128];
	uint8_t g[16];
	const uint8_t *der;
	size_t len;

	if (snp_report_parse(data, size < SNP_REPORT_SIZE ? size : SNP_REPORT_SIZE, &info) == 0) {
		(void)snp_tcb_decode(info.reported_tcb, SNP_PRODUCT_MILAN, &tcb);
		(void)snp_tcb_decode(info.reported_tcb, SNP_PRODUCT_TURIN, &tcb);
		(void)snp_product_from_cpuid(info.cpuid_fam_id, info.cpuid_mod_id);
	}
	if (snp_guid_parse(SNP_GUID_VCEK, g) == 0)
		(void)snp_certtable_find(data, size, g, &der, &len);
	if (size > SNP_REPORT_SIZE) {
		memset(&in, 0, sizeof(in));
		in.report = data;
		in.report_len = SNP_REPORT_SIZE;
		in.leaf_der = data + SNP_REPORT_SIZE;
		in.leaf_len = size - SNP_REPORT_SIZE;
		in.time_known = true;
		in.now = 1767225600;
		(void)snp_verify(&in, &res, why, sizeof(why));
	}
	return 0;
}
