/* SEV-SNP Secure TSC's TSC_INFO guest message (arch/x86_64/coco/
 * securetsc_msg.h): not linked into the kernel yet. Plain bounded C. */
#include <stddef.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/bytes.h"
#include "arch/x86_64/coco/securetsc_msg.h"

void snp_tsc_info_req(uint8_t req[SNP_TSC_INFO_LEN])
{
	memset(req, 0, SNP_TSC_INFO_LEN);
}

int snp_tsc_info_resp_parse(const uint8_t *p, size_t len, struct snp_tsc_info *out)
{
	memset(out, 0, sizeof(*out));
	if (len != SNP_TSC_INFO_LEN)
		return -EINVAL;
	if (bytes_le32(p + offsetof(struct snp_tsc_info_rsp_wire, status)) != 0)
		return -EIO;
	if (bytes_le32(p + offsetof(struct snp_tsc_info_rsp_wire, reserved1)) != 0)
		return -EPROTO;
	for (size_t i = offsetof(struct snp_tsc_info_rsp_wire, reserved2); i < SNP_TSC_INFO_LEN; i++)
		if (p[i])
			return -EPROTO;
	out->scale = bytes_le64(p + offsetof(struct snp_tsc_info_rsp_wire, guest_tsc_scale));
	out->offset = bytes_le64(p + offsetof(struct snp_tsc_info_rsp_wire, guest_tsc_offset));
	out->factor = bytes_le32(p + offsetof(struct snp_tsc_info_rsp_wire, tsc_factor));
	return 0;
}
