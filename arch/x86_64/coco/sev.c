/* SEV-SNP guest primitives (arch/x86_64/coco/sev.h). Instruction encodings:
 * AMD APM vol. 3 (VMGEXIT F3 0F 01 D9, PVALIDATE F2 0F 01 FF, RMPADJUST
 * F3 0F 01 FE); protocol: GHCB 56421 rev 2.03 section 2.3.1. */
#include <stdint.h>

#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/printk.h"
#include "arch/x86_64/coco/convert.h"
#include "arch/x86_64/coco/detect.h"
#include "arch/x86_64/coco/ghcb.h"
#include "arch/x86_64/coco/ghcb_msr.h"
#include "arch/x86_64/coco/sev.h"

/* APM vol. 3 PVALIDATE / RMPADJUST: RCX page size 0 = 4 KiB. */
#define RMP_PG_SIZE_4K        0u
#define RMP_PG_SIZE_2M        1u
/* APM vol. 3 RMPADJUST: RDX[7:0] target VMPL, [15:8] permissions. Target
 * VMPL 1 with no permissions succeeds only from VMPL0 (Linux
 * arch/x86/boot/startup/sev-shared.c enforce_vmpl0 does the same). */
#define RMPADJUST_VMPL1_NONE  1u

void sev_vmgexit(void)
{
	coco_n_vmgexit++;
	__asm__ __volatile__("rep; vmmcall" : : : "memory");
}

uint64_t sev_msr_protocol(uint64_t req)
{
	uint64_t saved = cpu_rdmsr(MSR_GHCB), resp;

	cpu_wrmsr(MSR_GHCB, req);
	sev_vmgexit();
	resp = cpu_rdmsr(MSR_GHCB);
	cpu_wrmsr(MSR_GHCB, saved);
	return resp;
}

void sev_terminate(unsigned reason_set, unsigned reason)
{
	kprintf("futeet: SEV-SNP: terminating the guest (GHCB reason set %u, code %u)\n",
		reason_set, reason);
	for (;;) {
		cpu_wrmsr(MSR_GHCB, ghcb_msr_term_req(reason_set, reason));
		sev_vmgexit();
		__asm__ __volatile__("cli; hlt" : : : "memory");
	}
}

int sev_pvalidate(uint64_t va, bool size_2m, bool validate)
{
	uint32_t rc;
	uint8_t no_update;

	__asm__ __volatile__(".byte 0xF2, 0x0F, 0x01, 0xFF\n\tsetc %1"
			     : "=a"(rc), "=qm"(no_update)
			     : "a"(va), "c"(size_2m ? RMP_PG_SIZE_2M : RMP_PG_SIZE_4K),
			       "d"((uint32_t)validate)
			     : "memory", "cc");
	return coco_pvalidate_result(rc, no_update != 0);
}

/* APM vol. 3 RMPADJUST result codes (EAX). */
#define RMPADJUST_FAIL_PERMISSION    2u
#define RMPADJUST_FAIL_SIZEMISMATCH  6u
#define SIZE_2M                      0x200000ull

static uint32_t sev_rmpadjust(uint64_t va, uint32_t psize, uint64_t attrs)
{
	uint32_t rc;

	__asm__ __volatile__(".byte 0xF3, 0x0F, 0x01, 0xFE"
			     : "=a"(rc)
			     : "a"(va), "c"(psize), "d"(attrs)
			     : "memory", "cc");
	return rc;
}

/* 0 at VMPL0, -EPERM at a lower-privileged VMPL, -EIO otherwise. A 4 KiB
 * RMPADJUST of a page inside a 2 MiB RMP entry is, like PVALIDATE, a nested
 * page fault the hypervisor resolves by PSMASH (Linux arch/x86/kvm/svm/sev.c
 * sev_handle_rmp_fault: "Only RMPADJUST/PVALIDATE should cause
 * PFERR_GUEST_SIZEM"); the 2 MiB retry on FAIL_SIZEMISMATCH is only a
 * fallback for a host that answers otherwise (arch/x86_64/coco/convert.h). */
static int sev_check_vmpl0(uint64_t va)
{
	uint32_t rc = sev_rmpadjust(va, RMP_PG_SIZE_4K, RMPADJUST_VMPL1_NONE);

	if (rc == RMPADJUST_FAIL_SIZEMISMATCH)
		rc = sev_rmpadjust(va & ~(SIZE_2M - 1), RMP_PG_SIZE_2M, RMPADJUST_VMPL1_NONE);
	if (rc == 0)
		return 0;
	return rc == RMPADJUST_FAIL_PERMISSION ? -EPERM : -EIO;
}

int sev_psc(uint64_t pa, bool size_2m, bool shared)
{
	uint64_t gfn = pa >> 12;

	/* Through the GHCB once registered (the NAE event), else the MSR
	 * protocol (the GHCB page itself is converted that way), whose request
	 * has no page size: 4 KiB only (GHCB 56421 2.3.1). */
	if (ghcb_ready())
		return ghcb_psc(pa, size_2m, shared);
	if (size_2m)
		return -EINVAL;
	return ghcb_msr_psc_parse(sev_msr_protocol(
		ghcb_msr_psc_req(gfn, shared ? GHCB_PSC_OP_SHARED : GHCB_PSC_OP_PRIVATE)));
}

/* A private, validated page for the RMPADJUST probe. */
static uint8_t vmpl_probe_page[4096] __attribute__((aligned(4096)));

void sev_snp_init(unsigned cpuid_cbit)
{
	unsigned version, cbit;
	uint64_t features;
	int rc;

	rc = ghcb_msr_sev_info_parse(sev_msr_protocol(ghcb_msr_sev_info_req()), &version, &cbit);
	if (rc) {
		kprintf("futeet: SEV-SNP: the hypervisor offers no GHCB protocol version 2 (%s)\n",
			futeet_strerror(rc));
		sev_terminate(GHCB_TERM_SET_GENERAL, GHCB_TERM_PROTOCOL_UNSUPPORTED);
	}
	rc = ghcb_msr_hv_ft_parse(sev_msr_protocol(ghcb_msr_hv_ft_req()), &features);
	if (rc) {
		kprintf("futeet: SEV-SNP: the hypervisor does not support SEV-SNP guests (%s)\n",
			futeet_strerror(rc));
		sev_terminate(GHCB_TERM_SET_GENERAL, GHCB_TERM_SNP_UNSUPPORTED);
	}
	rc = sev_check_vmpl0((uint64_t)(uintptr_t)vmpl_probe_page);
	if (rc) {
		kprintf("futeet: SEV-SNP: %s: not supported\n", rc == -EPERM ?
			"running at VMPL > 0 (under an SVSM?)" : "RMPADJUST failed: VMPL unknown");
		sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_NOT_VMPL0);
	}
	if (cbit != cpuid_cbit) {
		kprintf("futeet: SEV-SNP: the hypervisor's C-bit %u differs from CPUID's %u\n",
			cbit, cpuid_cbit);
		sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_BAD_ANSWER);
	}
	kprintf("futeet: SEV-SNP: GHCB protocol version %u, hypervisor features 0x%llx, VMPL0\n",
		version, (unsigned long long)features);
}
