/* SEV-SNP hardware doorbell (DESIGN.md section 3): the driver's private
 * request page is copied into a shared page, the GHCB NAE event
 * SNP_GUEST_REQUEST (0x8000_0011) or SNP_EXT_GUEST_REQUEST (0x8000_0012)
 * is issued, and the shared response (and certificate pages) are copied
 * out once (GHCB 56421 rev 2.03 section 4.1.8). Never executed in this
 * tree's tests: no SNP hardware here (docs/CAVEATS.md). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/mm.h"
#include "futeet/snp_abi.h"
#include "arch/x86_64/coco/ghcb.h"
#include "tee/snp/hw_doorbell.h"

#define HW_PAGES (2u + SNP_CERT_PAGES_MAX) /* request, response, certificates */

static uint8_t *hw_shared;   /* HW_PAGES pages, shared, identity-mapped */
static uint64_t hw_gpa;

int snp_hw_doorbell_init(void)
{
	void *va;
	uint64_t gpa;
	int rc;

	if (hw_shared != NULL)
		return 0;
	rc = ghcb_init();
	if (rc)
		return rc;
	/* The one shared-page allocator (include/futeet/mm.h). */
	rc = vm_alloc_shared(HW_PAGES, &va, &gpa);
	if (rc)
		return rc;
	hw_shared = va;
	hw_gpa = gpa;
	return 0;
}

static int hw_guest_request(void *ctx, const uint8_t req[SNP_PAGE_SIZE],
			    uint8_t rsp[SNP_PAGE_SIZE], uint64_t *exitinfo2)
{
	int rc;

	(void)ctx;
	if (hw_shared == NULL)
		return -ENODEV;
	memcpy(hw_shared, req, SNP_PAGE_SIZE);
	memset(hw_shared + SNP_PAGE_SIZE, 0, SNP_PAGE_SIZE);
	rc = ghcb_snp_guest_request(false, hw_gpa, hw_gpa + SNP_PAGE_SIZE, 0, NULL, exitinfo2);
	memcpy(rsp, hw_shared + SNP_PAGE_SIZE, SNP_PAGE_SIZE); /* copy out once */
	return rc;
}

static int hw_ext_guest_request(void *ctx, const uint8_t req[SNP_PAGE_SIZE],
				uint8_t rsp[SNP_PAGE_SIZE], uint8_t *certs,
				uint64_t *npages_inout, uint64_t *exitinfo2)
{
	uint64_t n = *npages_inout;
	int rc;

	(void)ctx;
	if (hw_shared == NULL)
		return -ENODEV;
	if (n == 0 || n > SNP_CERT_PAGES_MAX)
		return -EINVAL;
	memcpy(hw_shared, req, SNP_PAGE_SIZE);
	memset(hw_shared + SNP_PAGE_SIZE, 0, (1 + n) * SNP_PAGE_SIZE);
	rc = ghcb_snp_guest_request(true, hw_gpa, hw_gpa + SNP_PAGE_SIZE,
				    hw_gpa + 2 * SNP_PAGE_SIZE, &n, exitinfo2);
	memcpy(rsp, hw_shared + SNP_PAGE_SIZE, SNP_PAGE_SIZE);
	if (rc)
		return rc;
	if ((uint32_t)(*exitinfo2 >> SNP_GUEST_VMM_ERR_SHIFT) == SNP_GUEST_VMM_ERR_INVALID_LEN) {
		*npages_inout = n; /* pages needed; the caller bounds it */
		return 0;
	}
	memcpy(certs, hw_shared + 2 * SNP_PAGE_SIZE, (size_t)*npages_inout * SNP_PAGE_SIZE);
	return 0;
}

const struct snp_doorbell_ops snp_hw_doorbell = {
	.guest_request = hw_guest_request,
	.ext_guest_request = hw_ext_guest_request,
};
