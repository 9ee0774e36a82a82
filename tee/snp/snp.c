/* SEV-SNP guest requests: MSG_REPORT_REQ, MSG_KEY_REQ and the extended
 * report request. SNP ABI 56860 rev 1.57 sections
 * 7.2 (MSG_KEY_REQ/RSP) and 7.3 (MSG_REPORT_REQ/RSP); the certificate table
 * of GHCB 56421 rev 2.03 section 4.1.8.1 is checked by lib/snp/certtable.c.
 * Layouts: include/futeet/snp_abi.h. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/bytes.h"
#include "lib/snp/report.h"
#include "tee/snp/snp.h"

/* Response payload buffer: the largest answer we accept (a report response:
 * 0x20-byte header + report; the page bounds it anyway). */
#define SNP_RSP_PAYLOAD_MAX SNP_MSG_PAYLOAD_MAX

/* Decode and check a MSG_REPORT_RSP payload (SNP ABI 56860 7.3, table
 * "MSG_REPORT_RSP": STATUS @0, REPORT_SIZE @4, report @0x20). The payload
 * is authentic (its tag verified under VMPCK0), so nothing here wipes the
 * key: a payload we cannot read is the firmware speaking a format we do not
 * know (a newer report version after a firmware update), not a host attack,
 * and the sequence numbers stayed in step with the PSP. */
static int snp_report_rsp_check(struct snp_guest_ctx *g, const uint8_t *rsp, size_t rsp_len,
				const uint8_t user_data[64], uint32_t vmpl,
				uint8_t *report, size_t cap, size_t *report_len)
{
	struct snp_report_info info;
	uint32_t status, size;
	int rc;

	if (rsp_len < sizeof(struct snp_report_rsp_hdr)) {
		g->why = "SNP report response too short for MSG_REPORT_RSP";
		return -EOPNOTSUPP;
	}
	status = bytes_le32(rsp);
	size = bytes_le32(rsp + 4);
	g->last_fw_status = status;
	if (status != SNP_FW_SUCCESS) {
		g->why = status == SNP_FW_INVALID_PARAM
			? "SNP firmware refused the report request: invalid parameters (0x16)"
		       : status == SNP_FW_INVALID_KEY
			? "SNP firmware refused the report request: invalid key selection (0x27)"
			: "SNP firmware returned an error status in MSG_REPORT_RSP";
		return -EIO;
	}
	if (size != SNP_REPORT_SIZE || size > rsp_len - sizeof(struct snp_report_rsp_hdr)) {
		g->why = "SNP report response has a REPORT_SIZE we do not know";
		return -EOPNOTSUPP;
	}
	if (size > cap)
		return -ENOSPC;
	rc = snp_report_parse(rsp + sizeof(struct snp_report_rsp_hdr), size, &info);
	if (rc) {
		g->why = "SNP report of an unknown version or signature algorithm (VMPCK0 kept)";
		return -EOPNOTSUPP;
	}
	if (memcmp(info.report_data, user_data, 64) != 0 || info.vmpl != vmpl) {
		g->why = "SNP report does not carry the requested REPORT_DATA / VMPL";
		return -EBADMSG;
	}
	memcpy(report, rsp + sizeof(struct snp_report_rsp_hdr), size);
	*report_len = size;
	return 0;
}

static int snp_report_common(struct snp_guest_ctx *g, const uint8_t user_data[64], uint32_t vmpl,
			     uint8_t *report, size_t cap, size_t *report_len,
			     uint8_t *certs, size_t certs_cap, size_t *certs_len)
{
	struct snp_report_req req;
	uint8_t rsp[SNP_RSP_PAYLOAD_MAX];
	size_t rsp_len = 0;
	uint64_t pages = 0;
	int rc;

	if (g == NULL || user_data == NULL || report == NULL || report_len == NULL ||
	    vmpl > SNP_VMPL_MAX)
		return -EINVAL;
	if (certs != NULL && (certs_len == NULL || certs_cap < SNP_PAGE_SIZE ||
			      certs_cap % SNP_PAGE_SIZE != 0))
		return -EINVAL;
	if (cap < SNP_REPORT_SIZE)
		return -ENOSPC;
	memset(&req, 0, sizeof(req));
	memcpy(req.user_data, user_data, 64);
	req.vmpl = vmpl;
	req.flags = SNP_REPORT_KEY_SEL_DEFAULT;
	if (certs != NULL) {
		memset(certs, 0, certs_cap);
		pages = certs_cap / SNP_PAGE_SIZE;
	}
	rc = snp_guest_exchange(g, SNP_MSG_REPORT_REQ, SNP_REPORT_MSG_VERSION,
				(const uint8_t *)&req, sizeof(req), rsp, sizeof(rsp), &rsp_len,
				certs, certs ? certs_cap / SNP_PAGE_SIZE : 0, &pages);
	if (rc)
		return rc;
	rc = snp_report_rsp_check(g, rsp, rsp_len, user_data, vmpl, report, cap, report_len);
	if (rc || certs == NULL)
		return rc;
	if (pages * SNP_PAGE_SIZE > certs_cap)
		return -EPROTO;
	rc = snp_certtable_check(certs, (size_t)pages * SNP_PAGE_SIZE, certs_len);
	if (rc)
		g->why = "SNP extended request: the host's certificate table is malformed";
	return rc;
}

int snp_get_report(struct snp_guest_ctx *g, const uint8_t user_data[64], uint32_t vmpl,
		   uint8_t *report, size_t cap, size_t *report_len)
{
	return snp_report_common(g, user_data, vmpl, report, cap, report_len, NULL, 0, NULL);
}

int snp_get_ext_report(struct snp_guest_ctx *g, const uint8_t user_data[64], uint32_t vmpl,
		       uint8_t *report, size_t cap, size_t *report_len,
		       uint8_t *certs, size_t certs_cap, size_t *certs_len)
{
	if (certs == NULL)
		return -EINVAL;
	return snp_report_common(g, user_data, vmpl, report, cap, report_len,
				 certs, certs_cap, certs_len);
}

int snp_get_derived_key(struct snp_guest_ctx *g, const struct snp_key_req *req,
			uint8_t key[SNP_DERIVED_KEY_LEN])
{
	struct snp_key_req r;
	uint8_t rsp[sizeof(struct snp_key_rsp)];
	size_t rsp_len = 0;
	uint32_t status;
	int rc;

	if (g == NULL || req == NULL || key == NULL)
		return -EINVAL;
	memcpy(&r, req, sizeof(r));
	/* SNP ABI 56860 7.2, MSG_KEY_REQ: reserved bits must be zero. */
	if ((r.root_key_select & ~SNP_KEY_ROOT_WORD_MASK) != 0 || r.rsvd0 != 0 ||
	    (r.guest_field_select & ~SNP_KEY_FIELD_ALL_V1) != 0 || r.vmpl > SNP_VMPL_MAX ||
	    ((r.root_key_select >> 1) & 3u) == 3u)
		return -EINVAL;
	rc = snp_guest_exchange(g, SNP_MSG_KEY_REQ, SNP_KEY_MSG_VERSION, (const uint8_t *)&r,
				sizeof(r), rsp, sizeof(rsp), &rsp_len, NULL, 0, NULL);
	if (rc)
		return rc;
	/* Authentic from here on (see snp_report_rsp_check): the key stays. */
	if (rsp_len != sizeof(struct snp_key_rsp)) {
		futeet_wipe(rsp, sizeof(rsp));
		g->why = "SNP key response has a size MSG_KEY_RSP does not have (VMPCK0 kept)";
		return -EOPNOTSUPP;
	}
	status = bytes_le32(rsp);
	g->last_fw_status = status;
	if (status != SNP_FW_SUCCESS) {
		futeet_wipe(rsp, sizeof(rsp));
		g->why = status == SNP_FW_INVALID_PARAM
			? "SNP firmware refused the key request: invalid parameters (0x16)"
		       : status == SNP_FW_INVALID_KEY
			? "SNP firmware refused the key request: invalid key selection (0x27)"
			: "SNP firmware returned an error status in MSG_KEY_RSP";
		return -EIO;
	}
	memcpy(key, rsp + 0x20, SNP_DERIVED_KEY_LEN); /* DERIVED_KEY @0x20 */
	futeet_wipe(rsp, sizeof(rsp));
	return 0;
}
