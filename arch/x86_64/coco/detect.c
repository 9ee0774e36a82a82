/* Platform detection: the CPUID / SEV_STATUS reads (coco_read_raw) and the
 * decision over their values (coco_classify). Order: TDX, then SEV (SNP
 * required), else none. Constants and their spec tables: detect.h. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/boot.h"
#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/printk.h"
#include "uapi/futeet/tee.h"
#include "arch/x86_64/coco/detect.h"

static const char tdx_ident[12] = "IntelTDX    ";

int coco_classify(const struct coco_raw *raw, struct coco_platform *out, const char **why)
{
	*why = NULL;
	out->kind = FUTEET_PLATFORM_NONE;
	out->sev_status = raw->sev_status_read ? raw->sev_status : 0;
	if (raw->max_leaf >= CPUID_TDX_LEAF && memcmp(raw->tdx_sig, tdx_ident, 12) == 0) {
		out->kind = FUTEET_PLATFORM_TDX;
		return 0;
	}
	if (out->sev_status & SEV_STATUS_SNP) {
		out->kind = FUTEET_PLATFORM_SNP;
		return 0;
	}
	if (out->sev_status & (SEV_STATUS_SEV | SEV_STATUS_SEV_ES)) {
		*why = "SEV/SEV-ES without SNP is not supported";
		return -EOPNOTSUPP;
	}
	return 0;
}

void coco_read_raw(struct coco_raw *raw)
{
	struct cpuid_regs r;

	memset(raw, 0, sizeof(*raw));
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
	cpu_cpuid(0x80000000u, 0, &r);
	raw->max_ext_leaf = r.eax;
	if (raw->max_ext_leaf >= CPUID_AMD_MEM_ENC) {
		cpu_cpuid(CPUID_AMD_MEM_ENC, 0, &r);
		raw->mem_enc_eax = r.eax;
		raw->mem_enc_ebx = r.ebx;
	}
	/* SEV_STATUS may not exist when the CPU offers no SEV: reading it
	 * would fault. */
	if (raw->mem_enc_eax & CPUID_MEM_ENC_SEV) {
		raw->sev_status = cpu_rdmsr(MSR_SEV_STATUS);
		raw->sev_status_read = true;
	}
}

int coco_detect(struct boot_info *bi)
{
	struct coco_raw raw;
	struct coco_platform p;
	const char *why;
	int rc;

	coco_read_raw(&raw);
	rc = coco_classify(&raw, &p, &why);
	bi->cc_platform = p.kind;
	bi->cc_sev_status = p.sev_status;
	if (rc)
		kprintf("futeet: %s (SEV_STATUS 0x%llx): refusing to run\n", why,
			(unsigned long long)p.sev_status);
	return rc;
}
