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

/* AMD APM vol. 2 15.35.4 / GHCB 56421 2.2: the GHCB MSR. */
#define MSR_GHCB                 0xC0010130u
/* GHCB 56421 2.3.1: MSR protocol, GHCBData[11:0] = function. */
#define GHCB_MSR_REG_GPA_REQ     0x012ull
#define GHCB_MSR_REG_GPA_RESP    0x013ull
#define GHCB_MSR_INFO_MASK       0xFFFull
/* GHCB 56421 2.5, layout. */
#define GHCB_OFF_RAX             0x1F8u
#define GHCB_OFF_RBX             0x318u
#define GHCB_OFF_SW_EXIT_CODE    0x390u
#define GHCB_OFF_SW_EXIT_INFO_1  0x398u
#define GHCB_OFF_SW_EXIT_INFO_2  0x3A0u
#define GHCB_OFF_VALID_BITMAP    0x3F0u
#define GHCB_OFF_PROTOCOL        0xFFAu
#define GHCB_OFF_USAGE           0xFFCu
#define GHCB_PROTOCOL_VERSION    2u     /* SNP requires version 2 */
/* GHCB 56421 table "NAE events": SNP guest requests. */
#define SVM_EXIT_SNP_GUEST_REQUEST     0x80000011ull
#define SVM_EXIT_SNP_EXT_GUEST_REQUEST 0x80000012ull

static uint8_t *ghcb_page;
static uint64_t ghcb_gpa;

static void ghcb_set(unsigned off, uint64_t v)
{
	memcpy(ghcb_page + off, &v, 8);
	ghcb_page[GHCB_OFF_VALID_BITMAP + off / 64] |= (uint8_t)(1u << ((off / 8) % 8));
}

static uint64_t ghcb_get(unsigned off)
{
	uint64_t v;

	memcpy(&v, ghcb_page + off, 8);
	return v;
}

/* VMGEXIT = REP VMMCALL (F3 0F 01 D9), AMD APM vol. 3. In: the GHCB MSR
 * holds the GHCB's GPA (or an MSR-protocol request). Out: the hypervisor has
 * written its answer into the GHCB (or the MSR). No registers change. */
static void vmgexit(void)
{
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
	uint64_t info1;

	if (ghcb_page == NULL)
		return -ENODEV;
	if (exitinfo2 == NULL || (ext && npages == NULL))
		return -EINVAL;
	memset(ghcb_page + GHCB_OFF_VALID_BITMAP, 0, 16);
	memcpy(ghcb_page + GHCB_OFF_PROTOCOL, &(uint16_t){ GHCB_PROTOCOL_VERSION }, 2);
	memcpy(ghcb_page + GHCB_OFF_USAGE, &(uint32_t){ 0 }, 4);
	ghcb_set(GHCB_OFF_SW_EXIT_CODE,
		 ext ? SVM_EXIT_SNP_EXT_GUEST_REQUEST : SVM_EXIT_SNP_GUEST_REQUEST);
	ghcb_set(GHCB_OFF_SW_EXIT_INFO_1, req_gpa);
	ghcb_set(GHCB_OFF_SW_EXIT_INFO_2, rsp_gpa);
	if (ext) {
		ghcb_set(GHCB_OFF_RAX, certs_gpa);
		ghcb_set(GHCB_OFF_RBX, *npages);
	}
	cpu_wrmsr(MSR_GHCB, ghcb_gpa);
	cpu_mb();
	vmgexit();
	cpu_mb();
	/* One read of each answer field (the page is shared: hostile). */
	info1 = ghcb_get(GHCB_OFF_SW_EXIT_INFO_1);
	*exitinfo2 = ghcb_get(GHCB_OFF_SW_EXIT_INFO_2);
	if ((uint32_t)info1 != 0)
		return -EIO; /* GHCB 56421 4.1.8: the NAE event itself failed */
	/* VMM INVALID_LEN: RBX = pages needed (Linux reads it the same way). */
	if (ext && (uint32_t)(*exitinfo2 >> 32) == 1u)
		*npages = ghcb_get(GHCB_OFF_RBX);
	return 0;
}
