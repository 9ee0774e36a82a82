/* Platform detection: the CPUID / SEV_STATUS reads (coco_read_raw) and the
 * decision over their values (coco_classify). Rules and spec tables:
 * detect.h. Only the boot CPU runs; application processors stay parked. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/boot.h"
#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "lib/bytes.h"
#include "uapi/futeet/tee.h"
#include "arch/x86_64/coco/detect.h"
#include "arch/x86_64/coco/ghcb_msr.h"
#include "arch/x86_64/coco/pv.h"
#include "arch/x86_64/coco/securetsc.h"
#include "arch/x86_64/coco/sev.h"
#include "arch/x86_64/coco/shared.h"
#include "arch/x86_64/coco/snp_tables.h"
#include "arch/x86_64/coco/vc_ve.h"
#include "arch/x86_64/coco/tdx.h"
#include "arch/x86_64/paging.h"

static uint32_t detected_kind = FUTEET_PLATFORM_NONE;
uint64_t coco_n_vmgexit, coco_n_tdcall;

uint32_t coco_platform_kind(void)
{
	return detected_kind;
}

uint64_t coco_vmgexit_count(void)
{
	return coco_n_vmgexit;
}

uint64_t coco_tdcall_count(void)
{
	return coco_n_tdcall;
}

int coco_check_masks(void)
{
	if (detected_kind != FUTEET_PLATFORM_NONE && !paging_enc_active()) {
		kprintf("futeet: platform detection: no encryption mask set on a confidential platform\n");
		return -EFAULT;
	}
	return 0;
}

void coco_read_raw(const struct boot_info *bi, struct coco_raw *raw)
{
	struct cpuid_regs r;

	memset(raw, 0, sizeof(*raw));
	raw->cc_blob = bi->cc_blob != 0;
	cpu_cpuid(0, 0, &r);
	raw->max_leaf = r.eax;
	raw->vendor[0] = r.ebx;
	raw->vendor[1] = r.edx;
	raw->vendor[2] = r.ecx;
	if (raw->max_leaf >= CPUID_TDX_LEAF) {
		cpu_cpuid(CPUID_TDX_LEAF, 0, &r);
		raw->tdx_sig[0] = r.ebx;
		raw->tdx_sig[1] = r.edx;
		raw->tdx_sig[2] = r.ecx;
	}
	/* In a TD the AMD leaves and MSR would raise #VE (before the #VE
	 * handler serves anything): the TDX signature comes from the TDX
	 * module, so stop here. */
	if (coco_is_tdx(raw))
		return;
	cpu_cpuid(0x80000000u, 0, &r);
	raw->max_ext_leaf = r.eax;
	if (raw->max_ext_leaf >= CPUID_AMD_MEM_ENC) {
		cpu_cpuid(CPUID_AMD_MEM_ENC, 0, &r);
		raw->mem_enc_eax = r.eax;
		raw->mem_enc_ebx = r.ebx;
	}
	/* On every CPU that is not a TD the MSR is read whatever CPUID says
	 * (the host may hide leaf 0x8000001F); no such MSR (#GP) means no SEV. */
	raw->sev_status_read = cpu_rdmsr_safe(MSR_SEV_STATUS, &raw->sev_status) == 0;
}

static void vendor_string(const struct coco_raw *raw, char out[13])
{
	memcpy(out, raw->vendor, 12);
	out[12] = '\0';
	bytes_ascii_only(out);
}

static void report(const struct coco_raw *raw, const struct coco_platform *p, const char *note)
{
	char vendor[13];

	vendor_string(raw, vendor);
	if (p->kind == FUTEET_PLATFORM_TDX)
		kprintf("futeet: platform: tdx (CPUID 0x21 \"IntelTDX    \"%s)\n", note);
	else if (p->kind == FUTEET_PLATFORM_SNP)
		kprintf("futeet: platform: snp (SEV_STATUS 0x%llx, C-bit %u%s)\n",
			(unsigned long long)p->sev_status, p->cbit, note);
	else if (raw->sev_status_read)
		kprintf("futeet: platform: none (CPU %s, SEV_STATUS 0%s)\n", vendor, note);
	else
		kprintf("futeet: platform: none (CPU %s, no SEV_STATUS MSR%s)\n", vendor, note);
}

/* The CPUID page, found through the EFI CC blob, is copied and parsed
 * before any CPUID runs here: on SNP each CPUID raises #VC and the handler
 * answers from this copy, never from the hypervisor. Still on the
 * firmware's identity map (before paging_init). */
static uint8_t cpuid_page_copy[SNP_CPUID_PAGE_LEN];
static struct coco_raw deferred_raw;
static struct coco_platform deferred_p;
static uint64_t tdx_shared_bit_seen;
static uint64_t snp_secrets_phys;   /* from the CC blob, 0 when none */
static uint64_t secure_tsc_hz;      /* SNP Secure TSC's frequency, 0 when not in use */

uint64_t coco_secure_tsc_hz(void)
{
	return secure_tsc_hz;
}

/* SNP with Secure TSC (SEV_STATUS bit 11): the mean TSC frequency from
 * GUEST_TSC_FREQ and the secrets page's TSC_FACTOR (securetsc.h). Read
 * before the paravirtual accessors start, so the RDMSR is native: with
 * Secure TSC the hypervisor does not intercept that MSR, and it is never
 * read without it. Anything odd leaves secure_tsc_hz 0: time then stays
 * the host's word, as without Secure TSC. Still on the firmware's identity
 * map. Never executed on hardware. */
static void snp_secure_tsc_probe(uint64_t sev_status)
{
	uint32_t factor;
	uint64_t hz;

	if (!snp_secure_tsc_enabled(sev_status) || !snp_secrets_phys)
		return;
	/* Read in place (private memory): no copy of the VMPCKs is made. */
	if (snp_secrets_tsc_factor((const uint8_t *)(uintptr_t)snp_secrets_phys, PAGE_SIZE,
				   &factor) == 0 &&
	    snp_secure_tsc_hz(cpu_rdmsr(MSR_GUEST_TSC_FREQ), factor, &hz) == 0)
		secure_tsc_hz = hz;
}

static int load_snp_cpuid(const struct boot_info *bi)
{
	uint8_t blob_copy[SNP_CC_BLOB_LEN];
	struct snp_cc_blob blob;
	int rc;

	memcpy(blob_copy, (const void *)(uintptr_t)bi->cc_blob, sizeof(blob_copy));
	rc = snp_cc_blob_parse(blob_copy, sizeof(blob_copy), &blob);
	if (rc)
		return rc;
	snp_secrets_phys = blob.secrets_phys;
	memcpy(cpuid_page_copy, (const void *)(uintptr_t)blob.cpuid_phys, sizeof(cpuid_page_copy));
	return coco_snp_cpuid_load(cpuid_page_copy, sizeof(cpuid_page_copy));
}

int coco_detect(struct boot_info *bi)
{
	struct coco_raw raw;
	struct coco_platform p;
	const char *why;
	int rc, cpuid_rc = -ENODEV;

	if (bi->cc_blob)
		cpuid_rc = load_snp_cpuid(bi);
	coco_read_raw(bi, &raw);
	rc = coco_classify(&raw, &p, &why);
	/* Under SEV-ES/SNP port I/O raises #VC: route the console through
	 * the GHCB (dropped until it is registered) before printing anything.
	 * SEV-ES without SNP cannot print at all: terminate with the GHCB
	 * reason "SNP unsupported" (GHCB 56421 2.3.1, reason set 0 code 2). */
	if (p.kind == FUTEET_PLATFORM_SNP) {
		if (rc == 0)
			snp_secure_tsc_probe(p.sev_status);
		coco_pv_start(FUTEET_PLATFORM_SNP, 0);
	}
	/* In a TD port I/O raises #VE: TDG.VP.VMCALL needs no setup, so the
	 * console goes through it from here on (MMIO once the SHARED bit is
	 * known, below); #VE CPUID/HLT are served from now on too. */
	if (p.kind == FUTEET_PLATFORM_TDX || (rc && coco_is_tdx(&raw))) {
		coco_pv_start(FUTEET_PLATFORM_TDX, 0);
		detected_kind = FUTEET_PLATFORM_TDX;
	}
	if (rc && (p.sev_status & SEV_STATUS_SEV_ES))
		sev_terminate(GHCB_TERM_SET_GENERAL, GHCB_TERM_SNP_UNSUPPORTED);
	if (rc) {
		kprintf("futeet: platform detection: %s (SEV_STATUS 0x%llx): refusing to run\n",
			why, (unsigned long long)p.sev_status);
		return rc;
	}
	if (p.kind == FUTEET_PLATFORM_TDX) {
		struct tdx_vp_info vi;

		rc = tdx_vp_info(&vi);
		if (rc) {
			kprintf("futeet: platform detection: TDG.VP.INFO failed (%s): refusing to run\n",
				futeet_strerror(rc));
			return -EOPNOTSUPP;
		}
		/* TDX Module ABI 348551, TDG.VP.INFO: GPA bit GPAW-1 is SHARED. */
		paging_set_enc_masks(0, vi.shared_mask);
		coco_set_tdx_shared_bit(vi.shared_mask);
		tdx_shared_bit_seen = vi.shared_mask;
	} else if (p.kind == FUTEET_PLATFORM_SNP) {
		/* Nothing can be printed yet (no GHCB): terminate with a reason. */
		if (cpuid_rc)
			sev_terminate(GHCB_TERM_SET_FUTEET, GHCB_TERM_NO_CPUID_PAGE);
		/* APM vol. 2 15.34.5: the C-bit set = private (encrypted). */
		paging_set_enc_masks(1ull << p.cbit, 0);
		/* GHCB protocol version, SNP support, VMPL0: else terminate. */
		sev_snp_init(p.cbit);
	}
	detected_kind = p.kind;
	bi->cc_platform = p.kind;
	bi->cc_sev_status = p.sev_status;
	if (p.kind == FUTEET_PLATFORM_TDX)
		coco_pv_start(p.kind, tdx_shared_bit_seen);
	deferred_raw = raw;
	deferred_p = p;
	/* On SNP port I/O needs the GHCB, registered after paging_init. */
	if (p.kind != FUTEET_PLATFORM_SNP)
		report(&raw, &p, "");
	return 0;
}

void coco_report_deferred(void)
{
	report(&deferred_raw, &deferred_p, "");
}

/* Values a guest sees, written out from the spec tables (no dump recorded
 * from hardware is in tests/data yet): TDX per TDX Module ABI 348551
 * "CPUID virtualization" (leaf 0x21 signature, vendor GenuineIntel); SNP
 * per APM vol. 3 E.4.17 (Fn8000_001F EAX bits 1, 3, 4; EBX C-bit 51 as on
 * EPYC Milan/Genoa) and APM vol. 2 15.34.10 (SEV_STATUS bits 0-2). The
 * same tables drive tests/unit/test_coco_detect.c. */
static const struct coco_raw recorded_tdx = {
	.max_leaf = 0x23,
	.vendor = { 0x756e6547, 0x49656e69, 0x6c65746e },   /* "GenuineIntel" */
	.tdx_sig = { 0x65746e49, 0x5844546c, 0x20202020 },  /* "IntelTDX    " */
	.max_ext_leaf = 0x80000008,
};
static const struct coco_raw recorded_snp = {
	.max_leaf = 0x10,
	.vendor = { 0x68747541, 0x69746e65, 0x444d4163 },   /* "AuthenticAMD" */
	.max_ext_leaf = 0x80000021,
	.mem_enc_eax = 0x1A,
	.mem_enc_ebx = 0x33,
	.sev_status_read = true,
	.sev_status = 0x7,
	.cc_blob = true,
};

int coco_inject_recorded(struct boot_info *bi, const char *name)
{
	const struct coco_raw *raw;
	struct coco_platform p;
	const char *why;

	if (strcmp(name, "tdx") == 0)
		raw = &recorded_tdx;
	else if (strcmp(name, "snp") == 0)
		raw = &recorded_snp;
	else
		return -EINVAL;
	if (coco_classify(raw, &p, &why) || p.kind == FUTEET_PLATFORM_NONE)
		return -EINVAL; /* never toward "none": see detect.h */
	bi->cc_platform = p.kind;
	bi->cc_sev_status = p.sev_status;
	bi->cc_injected = 1;
	report(raw, &p, "; recorded values injected by futeet.detect: hardware backend not started");
	return 0;
}
