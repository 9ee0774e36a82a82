/* sim-snp doorbell over the mailbox (include/futeet/simbox.h ops
 * SNP_GUEST_REQUEST / SNP_EXT_GUEST_REQUEST). Same contract as the hardware
 * doorbell: the request page goes out, the response page (and certificate
 * pages) come back as bytes copied into private memory; ret is SW_EXITINFO2
 * exactly as GHCB 56421 rev 2.03 section 4.1.8 defines it. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/simbox.h"
#include "futeet/snp_abi.h"
#include "drivers/simbox.h"
#include "tee/sim/sim_snp.h"

/* Response page + the largest certificate buffer we ever offer. */
static uint8_t sim_rsp_buf[SNP_PAGE_SIZE * (1 + SNP_CERT_PAGES_MAX)];

static int sim_guest_request(void *ctx, const uint8_t req[SNP_PAGE_SIZE],
			     uint8_t rsp[SNP_PAGE_SIZE], uint64_t *exitinfo2)
{
	size_t len = 0;
	uint64_t ret = 0, aux = 0;
	int rc;

	(void)ctx;
	rc = simbox_call(SIMBOX_OP_SNP_GUEST_REQUEST, req, SNP_PAGE_SIZE, 0,
			 sim_rsp_buf, SNP_PAGE_SIZE, &len, &ret, &aux);
	if (rc)
		return rc;
	*exitinfo2 = ret;
	memset(rsp, 0, SNP_PAGE_SIZE);
	if (ret != 0)
		return 0; /* an error answer carries no page */
	if (len != SNP_PAGE_SIZE)
		return -EPROTO;
	memcpy(rsp, sim_rsp_buf, SNP_PAGE_SIZE);
	return 0;
}

static int sim_ext_guest_request(void *ctx, const uint8_t req[SNP_PAGE_SIZE],
				 uint8_t rsp[SNP_PAGE_SIZE], uint8_t *certs,
				 uint64_t *npages_inout, uint64_t *exitinfo2)
{
	uint64_t offered = *npages_inout, ret = 0, aux = 0;
	size_t len = 0, cert_bytes;
	int rc;

	(void)ctx;
	if (offered == 0 || offered > SNP_CERT_PAGES_MAX)
		return -EINVAL;
	cert_bytes = (size_t)offered * SNP_PAGE_SIZE;
	rc = simbox_call(SIMBOX_OP_SNP_EXT_GUEST_REQUEST, req, SNP_PAGE_SIZE, offered,
			 sim_rsp_buf, SNP_PAGE_SIZE + cert_bytes, &len, &ret, &aux);
	if (rc)
		return rc;
	*exitinfo2 = ret;
	memset(rsp, 0, SNP_PAGE_SIZE);
	if ((uint32_t)(ret >> SNP_GUEST_VMM_ERR_SHIFT) == SNP_GUEST_VMM_ERR_INVALID_LEN) {
		*npages_inout = aux; /* RBX: pages needed; the caller bounds it */
		return 0;
	}
	if (ret != 0)
		return 0;
	if (len < SNP_PAGE_SIZE)
		return -EPROTO;
	memcpy(rsp, sim_rsp_buf, SNP_PAGE_SIZE);
	memset(certs, 0, cert_bytes);
	memcpy(certs, sim_rsp_buf + SNP_PAGE_SIZE, len - SNP_PAGE_SIZE);
	return 0;
}

const struct snp_doorbell_ops sim_snp_doorbell = {
	.guest_request = sim_guest_request,
	.ext_guest_request = sim_ext_guest_request,
};
