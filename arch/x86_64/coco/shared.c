/* Private <-> shared conversion on SNP and TDX, step by step in the order
 * of arch/x86_64/coco/convert.h, and the one allocator of host-visible
 * pages (include/futeet/mm.h vm_alloc_shared). A failure before the page
 * state changed returns an error; after it, the guest terminates (GHCB
 * termination on SNP, ReportFatalError on TDX): a page half converted is
 * neither safe to use nor to give back. Never executed on hardware. */
#include <string.h>

#include "futeet/boot.h"
#include "futeet/errno.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "uapi/futeet/tee.h"
#include "arch/x86_64/coco/convert.h"
#include "arch/x86_64/coco/detect.h"
#include "arch/x86_64/coco/ghcb.h"
#include "arch/x86_64/coco/ghcb_msr.h"
#include "arch/x86_64/coco/sev.h"
#include "arch/x86_64/coco/shared.h"
#include "arch/x86_64/coco/tdx.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"

static uint64_t tdx_shared_bit;

void coco_set_tdx_shared_bit(uint64_t bit)
{
	tdx_shared_bit = bit;
}

/* MapGPA with its retry protocol (tdx_map_gpa_step). */
static int tdx_map_gpa(uint64_t gpa, uint64_t size)
{
	uint64_t cur = gpa, end = gpa + size;
	unsigned stalls = 0;
	int rc;

	do {
		struct tdx_args a;

		rc = tdx_enc_vmcall_map_gpa(&a, cur, end - cur);
		if (rc)
			return rc;
		rc = tdx_vmcall(&a);
		if (rc != -EAGAIN)
			return rc;
		rc = tdx_map_gpa_step(&cur, end, TDVMCALL_STATUS_RETRY, a.r11, &stalls);
	} while (rc == -EAGAIN);
	return rc;
}

static int tdx_accept(uint64_t pa)
{
	struct tdx_args a;
	int rc = tdx_enc_page_accept(&a, pa, TDX_PAGE_LEVEL_4K);

	if (rc)
		return rc;
	for (unsigned tries = 0; tries < 16; tries++) {
		rc = tdx_tdcall_errno(tdx_tdcall(TDG_MEM_PAGE_ACCEPT, &a));
		if (rc != -EBUSY)
			break;
		tdx_enc_page_accept(&a, pa, TDX_PAGE_LEVEL_4K);
	}
	return rc;
}

FUTEET_NORETURN static void fail_closed(uint32_t kind, const struct coco_convert_failure *f,
					int rc)
{
	kprintf("futeet: page conversion of %#llx (%llu KiB) failed at step %u (%s): terminating\n",
		(unsigned long long)f->va, (unsigned long long)(f->len >> 10), f->step,
		futeet_strerror(rc));
	if (kind == FUTEET_PLATFORM_SNP)
		sev_terminate(GHCB_TERM_SET_FUTEET,
			      f->step == COCO_STEP_PSC_SHARED || f->step == COCO_STEP_PSC_PRIVATE ?
			      GHCB_TERM_PSC : GHCB_TERM_PVALIDATE);
	tdx_report_fatal(f->step);
}

/* One step on the unit [va, va + len) (coco_convert_range; len 2 MiB only
 * on SNP with the GHCB registered). */
static int run_step(void *ctx, unsigned step, uint64_t va, uint64_t len)
{
	uint64_t pa = va; /* identity map */
	int rc = 0;

	(void)ctx;
	switch (step) {
	case COCO_STEP_PVALIDATE_RESCIND: return sev_pvalidate(va, len == COCO_2M, false);
	case COCO_STEP_PVALIDATE: return sev_pvalidate(va, len == COCO_2M, true);
	case COCO_STEP_PSC_SHARED: return sev_psc(pa, len == COCO_2M, true);
	case COCO_STEP_PSC_PRIVATE: return sev_psc(pa, len == COCO_2M, false);
	case COCO_STEP_PTE_SHARED:
	case COCO_STEP_PTE_PRIVATE:
		for (uint64_t a = va; a < va + len && rc == 0; a += PAGE_SIZE)
			rc = paging_set_page_enc(a, step == COCO_STEP_PTE_SHARED);
		return rc;
	case COCO_STEP_TLB_FLUSH:
		for (uint64_t a = va; a < va + len; a += PAGE_SIZE)
			cpu_invlpg(a);
		return 0;
	case COCO_STEP_ZERO: memset((void *)(uintptr_t)va, 0, len); return 0;
	case COCO_STEP_MAPGPA_SHARED: return tdx_map_gpa(pa | tdx_shared_bit, len);
	case COCO_STEP_MAPGPA_PRIVATE: return tdx_map_gpa(pa, len);
	case COCO_STEP_ACCEPT:
		for (uint64_t a = pa; a < pa + len && rc == 0; a += PAGE_SIZE)
			rc = tdx_accept(a);
		return rc;
	default: return -EINVAL;
	}
}

int coco_set_shared(uint64_t va, size_t size, bool shared)
{
	uint32_t kind = coco_platform_kind();
	const uint8_t *plan = coco_conversion_plan(kind, shared);
	struct coco_convert_failure f;
	int rc;

	if (plan == NULL)
		return -EOPNOTSUPP;
	if (kind == FUTEET_PLATFORM_TDX && tdx_shared_bit == 0)
		return -EOPNOTSUPP;
	/* 2 MiB units on SNP once the GHCB carries the PSC (the MSR protocol
	 * is 4 KiB only); TDX stays at 4 KiB. */
	rc = coco_convert_range(plan, va, size, kind == FUTEET_PLATFORM_SNP && ghcb_ready(),
				run_step, NULL, &f);
	/* Before the first step changed anything: report it. */
	if (rc && f.changed)
		fail_closed(kind, &f, rc);
	return rc;
}

int vm_alloc_shared(size_t pages, void **va, uint64_t *host_gpa)
{
	uint64_t pa;
	int rc;

	*va = NULL;
	*host_gpa = 0;
	if (pages == 0)
		return -EINVAL;
	rc = pmm_alloc_pages(pages, &pa);
	if (rc)
		return rc;
	rc = vm_set_shared((void *)(uintptr_t)pa, pages * PAGE_SIZE, true);
	if (rc) {
		pmm_free_pages(pa, pages);
		return rc;
	}
	*va = (void *)(uintptr_t)pa;
	/* TDX: the host sees the page at its shared alias (GPA | SHARED). */
	*host_gpa = pa | (coco_platform_kind() == FUTEET_PLATFORM_TDX ? tdx_shared_bit : 0);
	return 0;
}

void vm_free_shared(void *va, size_t pages)
{
	if (va == NULL || pages == 0)
		return;
	/* Back to private (which zeroes it) before the allocator reuses it;
	 * a failure here terminates the guest (coco_set_shared). */
	if (vm_set_shared(va, pages * PAGE_SIZE, false) == 0)
		pmm_free_pages((uint64_t)(uintptr_t)va, pages);
}

/* UEFI 2.10 table 7.10: EfiUnacceptedMemoryType. */
#define EFI_UNACCEPTED 15u

/* TDX: TDG.MEM.PAGE.ACCEPT each page of every unaccepted range (2 MiB at a
 * time where aligned; "already accepted" is fine here). SNP: OVMF accepts
 * all memory at ExitBootServices unless asked not to (FUTEET never asks),
 * so a range left means the firmware did something else: say so. Either
 * way the page allocator does not take these ranges (kernel/pmm.c uses
 * only conventional and boot-services memory). */
void coco_unaccepted_memory(const struct boot_info *bi)
{
	uint32_t kind = coco_platform_kind();
	uint64_t pages = 0;

	for (uint32_t i = 0; i < bi->mem_count; i++) {
		const struct boot_mem_range *m = &bi->mem[i];
		uint64_t pa, end;

		if (m->efi_type != EFI_UNACCEPTED)
			continue;
		pages += m->pages;
		if (kind != FUTEET_PLATFORM_TDX)
			continue;
		end = m->base + m->pages * PAGE_SIZE;
		for (pa = m->base; pa < end;) {
			struct tdx_args a;
			bool big = (pa & 0x1FFFFFull) == 0 && end - pa >= 0x200000ull;
			int rc = tdx_enc_page_accept(&a, pa, big ? TDX_PAGE_LEVEL_2M : TDX_PAGE_LEVEL_4K);

			if (rc == 0)
				rc = tdx_tdcall_errno(tdx_tdcall(TDG_MEM_PAGE_ACCEPT, &a));
			if (rc == -EBUSY)
				continue;
			if (rc && rc != -EEXIST) {
				kprintf("futeet: TDX: accepting %#llx failed (%s)\n",
					(unsigned long long)pa, futeet_strerror(rc));
				tdx_report_fatal(TDG_MEM_PAGE_ACCEPT);
			}
			pa += big ? 0x200000ull : PAGE_SIZE;
		}
	}
	if (pages == 0)
		return;
	if (kind == FUTEET_PLATFORM_TDX)
		kprintf("futeet: TDX: accepted %llu pages of EFI unaccepted memory (not given to the page allocator)\n",
			(unsigned long long)pages);
	else
		kprintf("futeet: %llu pages of EFI unaccepted memory left by the firmware: not used\n",
			(unsigned long long)pages);
}
