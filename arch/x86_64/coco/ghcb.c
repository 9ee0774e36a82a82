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
#include "arch/x86_64/coco/detect.h"
#include "arch/x86_64/coco/ghcb.h"
#include "arch/x86_64/coco/ghcb_page.h"

/* AMD APM vol. 2 15.35.4 / GHCB 56421 2.2: the GHCB MSR. */
#define MSR_GHCB                 0xC0010130u
/* GHCB 56421 2.3.1: MSR protocol, GHCBData[11:0] = function. */
#define GHCB_MSR_REG_GPA_REQ     0x012ull
#define GHCB_MSR_REG_GPA_RESP    0x013ull
#define GHCB_MSR_INFO_MASK       0xFFFull

static uint8_t *ghcb_page;
static uint64_t ghcb_gpa;

/* VMGEXIT = REP VMMCALL (F3 0F 01 D9), AMD APM vol. 3. In: the GHCB MSR
 * holds the GHCB's GPA (or an MSR-protocol request). Out: the hypervisor has
 * written its answer into the GHCB (or the MSR). No registers change. */
static void vmgexit(void)
{
	coco_n_vmgexit++;
	__asm__ __volatile__("rep; vmmcall" : : : "memory");
}

int ghcb_init(void)
{
	uint64_t pa, resp;
	int rc;

	if (ghcb_page != NULL)
		return 0;
	rc = pmm_alloc_pages(1, &pa);
	if (rc)
		return rc;
	rc = vm_set_shared((void *)(uintptr_t)pa, PAGE_SIZE, true);
	if (rc) {
		pmm_free_pages(pa, 1);
		return rc;
	}
	/* GHCB 56421 2.3.1 "Register GHCB GPA": request GFN, expect it back. */
	cpu_wrmsr(MSR_GHCB, (pa & PAGE_MASK) | GHCB_MSR_REG_GPA_REQ);
	vmgexit();
	resp = cpu_rdmsr(MSR_GHCB);
	if ((resp & GHCB_MSR_INFO_MASK) != GHCB_MSR_REG_GPA_RESP ||
	    (resp & PAGE_MASK) != (pa & PAGE_MASK))
		return -EIO;
	ghcb_page = (uint8_t *)(uintptr_t)pa;
	ghcb_gpa = pa;
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
	vmgexit();
	cpu_mb();
	return ghcb_page_guest_response(ghcb_page, ext, exitinfo2, npages);
}
