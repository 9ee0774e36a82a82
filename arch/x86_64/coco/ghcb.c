/* The GHCB page and the SNP guest-request NAE events (GHCB 56421 rev 2.03).
 * Never executed in this tree's tests: no SNP hardware here, and on the sim
 * the mailbox is the doorbell (docs/CAVEATS.md). Layout offsets: GHCB 56421
 * table "GHCB Layout" (also asserted by COCONUT-SVSM, research/PEERS.md c.2).
 *
 *   0x1F8 rax            0x318 rbx
 *   0x390 sw_exit_code   0x398 sw_exit_info_1   0x3A0 sw_exit_info_2
 *   0x3F0 valid_bitmap[16]: bit n = the qword at offset 8 * n is valid
 *   0xFFA protocol_version (u16)   0xFFC ghcb_usage (u32, 0 = standard) */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "arch/x86_64/coco/ghcb.h"
#include "arch/x86_64/coco/ghcb_msr.h"
#include "arch/x86_64/coco/ghcb_page.h"
#include "arch/x86_64/coco/ghcb_psc.h"
#include "arch/x86_64/coco/sev.h"

static uint8_t *ghcb_page;
static uint64_t ghcb_gpa;

/* The page comes from the one shared-page allocator (converted in the
 * order of arch/x86_64/coco/convert.h), then its GPA is registered through
 * the MSR protocol (GHCB 56421 2.3.1 "Register GHCB GPA": the hypervisor
 * must echo the GFN). On a refused registration the page goes back to
 * private and to the allocator: nothing leaks. */
int ghcb_init(void)
{
	void *va;
	uint64_t gpa;
	int rc;

	if (ghcb_page != NULL)
		return 0;
	rc = vm_alloc_shared(1, &va, &gpa);
	if (rc)
		return rc;
	rc = ghcb_msr_reg_gpa_parse(sev_msr_protocol(ghcb_msr_reg_gpa_req(gpa >> 12)), gpa >> 12);
	if (rc) {
		vm_free_shared(va, 1);
		return -EIO;
	}
	ghcb_page = va;
	ghcb_gpa = gpa;
	return 0;
}

int ghcb_snp_guest_request(bool ext, uint64_t req_gpa, uint64_t rsp_gpa, uint64_t certs_gpa,
			   uint64_t *npages, uint64_t *exitinfo2)
{
	if (ghcb_page == NULL)
		return -ENODEV;
	if (exitinfo2 == NULL || (ext && npages == NULL))
		return -EINVAL;
	ghcb_page_guest_request(ghcb_page, ext, req_gpa, rsp_gpa, certs_gpa, ext ? *npages : 0);
	cpu_wrmsr(MSR_GHCB, ghcb_gpa);
	cpu_mb();
	sev_vmgexit();
	cpu_mb();
	return ghcb_page_guest_response(ghcb_page, ext, exitinfo2, npages);
}

int ghcb_ready(void)
{
	return ghcb_page != NULL;
}

/* IOIO NAE event (GHCB 56421 4.1.2): the answer is read once from the page
 * and checked (ghcb_page_ioio_response); a bad answer terminates the guest
 * (fail closed: a driver must never act on an unchecked value). */
uint32_t ghcb_ioio(uint16_t port, unsigned size, bool in, uint32_t value)
{
	uint32_t out = 0;

	if (ghcb_page == NULL)
		return in ? 0xFFFFFFFFu : 0; /* before registration: dropped */
	if (ghcb_page_ioio(ghcb_page, port, size, in, value))
		sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_BAD_ANSWER);
	cpu_wrmsr(MSR_GHCB, ghcb_gpa);
	cpu_mb();
	sev_vmgexit();
	cpu_mb();
	if (ghcb_page_ioio_response(ghcb_page, in, size, &out))
		sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_BAD_ANSWER);
	return out;
}

/* One 4 KiB or 2 MiB page through the Page State Change NAE event (GHCB 56421
 * 4.1.6): the descriptor goes into the GHCB shared buffer, the hypervisor
 * may stop early (resume at cur_entry); each answer is copied out of the
 * shared page once and checked (ghcb_psc_check). Bounded retries. */
#define PSC_MAX_CALLS 8u

int ghcb_psc(uint64_t pa, bool size_2m, bool shared)
{
	uint8_t *buf;
	uint8_t hdr[GHCB_PSC_HDR_LEN];
	uint16_t cur = 0;
	int rc;

	if (ghcb_page == NULL)
		return -ENODEV;
	buf = ghcb_page + GHCB_OFF_SHARED_BUFFER;
	rc = ghcb_psc_desc_fill(buf, GHCB_SHARED_BUFFER_LEN, pa >> 12, 1,
				shared ? GHCB_PSC_OP_SHARED : GHCB_PSC_OP_PRIVATE, size_2m);
	if (rc)
		return rc;
	for (unsigned i = 0; i < PSC_MAX_CALLS; i++) {
		uint64_t info2;

		ghcb_page_psc(ghcb_page, ghcb_gpa + GHCB_OFF_SHARED_BUFFER);
		cpu_wrmsr(MSR_GHCB, ghcb_gpa);
		cpu_mb();
		sev_vmgexit();
		cpu_mb();
		memcpy(hdr, buf, sizeof(hdr));
		info2 = ghcb_page_exit_info2(ghcb_page);
		rc = ghcb_psc_check(hdr, info2, &cur, 0);
		if (rc != -EAGAIN)
			return rc;
	}
	return -ETIMEDOUT;
}

/* MMIO through the NAE event (GHCB 56421 4.1.5): the data travels in the
 * GHCB shared buffer; a read's data is copied out once. size 1, 2, 4, 8.
 * A failed event terminates the guest. */
uint64_t ghcb_mmio(bool write, uint64_t gpa, unsigned size, uint64_t value)
{
	uint8_t *buf;
	uint64_t out = 0;

	if (ghcb_page == NULL || (size != 1 && size != 2 && size != 4 && size != 8))
		sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_BAD_ANSWER);
	buf = ghcb_page + GHCB_OFF_SHARED_BUFFER;
	memset(buf, 0, 8);
	if (write)
		memcpy(buf, &value, size);
	ghcb_page_mmio(ghcb_page, write, gpa, size, ghcb_gpa + GHCB_OFF_SHARED_BUFFER);
	cpu_wrmsr(MSR_GHCB, ghcb_gpa);
	cpu_mb();
	sev_vmgexit();
	cpu_mb();
	if (ghcb_page_nae_result(ghcb_page))
		sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_BAD_ANSWER);
	if (!write)
		memcpy(&out, buf, size);
	return out;
}

/* MSR NAE event: the answer is read once from the page and checked
 * (ghcb_page_msr_response: exit status, RAX and RDX valid on a read). */
uint64_t ghcb_msr(bool write, uint32_t msr, uint64_t value)
{
	uint64_t out = 0;

	if (ghcb_page == NULL)
		sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_NO_GHCB);
	ghcb_page_msr(ghcb_page, write, msr, value);
	cpu_wrmsr(MSR_GHCB, ghcb_gpa);
	cpu_mb();
	sev_vmgexit();
	cpu_mb();
	if (ghcb_page_msr_response(ghcb_page, write, &out))
		sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_BAD_ANSWER);
	return out;
}

void ghcb_hlt(void)
{
	if (ghcb_page == NULL)
		return;
	ghcb_page_hlt(ghcb_page);
	cpu_wrmsr(MSR_GHCB, ghcb_gpa);
	cpu_mb();
	sev_vmgexit();
}
