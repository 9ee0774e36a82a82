/* Confidential-computing platform detection (DESIGN.md section 2 step 4):
 * which hardware TEE the boot CPU runs in, from CPUID and the SEV_STATUS
 * MSR. The decision (coco_classify) is plain C over recorded values, so it
 * is unit-tested on the host; coco_detect reads the live values. */
#ifndef FUTEET_ARCH_COCO_DETECT_H
#define FUTEET_ARCH_COCO_DETECT_H

#include <stdbool.h>
#include <stdint.h>

/* Intel TDX Module ABI / GHCI: CPUID leaf 0x21 subleaf 0 returns
 * "IntelTDX    " in EBX, EDX, ECX (Linux arch/x86/coco/tdx/tdx.c,
 * TDX_IDENT). */
#define CPUID_TDX_LEAF        0x21u
/* AMD APM vol. 3 appendix E.4.17, CPUID Fn8000_001F: EAX bit 1 SEV, bit 3
 * SEV-ES, bit 4 SEV-SNP; EBX[5:0] C-bit position. */
#define CPUID_AMD_MEM_ENC     0x8000001Fu
#define CPUID_MEM_ENC_SEV     (1u << 1)
/* AMD APM vol. 2 section 15.34.10, MSR C001_0131 SEV_STATUS: bit 0 SEV
 * enabled, bit 1 SEV-ES enabled, bit 2 SEV-SNP enabled. */
#define MSR_SEV_STATUS        0xC0010131u
#define SEV_STATUS_SEV        (1ull << 0)
#define SEV_STATUS_SEV_ES     (1ull << 1)
#define SEV_STATUS_SNP        (1ull << 2)

/* The values detection reads, recorded so tests can replay a platform. */
struct coco_raw {
	uint32_t max_leaf;          /* CPUID 0 EAX */
	uint32_t vendor[3];         /* CPUID 0 EBX, EDX, ECX */
	uint32_t tdx_sig[3];        /* CPUID 0x21 EBX, EDX, ECX (0 when max_leaf < 0x21) */
	uint32_t max_ext_leaf;      /* CPUID 0x80000000 EAX */
	uint32_t mem_enc_eax;       /* CPUID 0x8000001F EAX (0 when absent) */
	uint32_t mem_enc_ebx;       /* CPUID 0x8000001F EBX */
	bool sev_status_read;       /* SEV_STATUS was read (without a fault) */
	uint64_t sev_status;
};

/* What the platform is. kind: enum futeet_platform (NONE, SNP or TDX). */
struct coco_platform {
	uint32_t kind;
	uint64_t sev_status;
};

/* Decide from recorded values. 0 with *out filled, or -EOPNOTSUPP when the
 * kernel must refuse to run (*why says why: SEV or SEV-ES without SNP). */
int coco_classify(const struct coco_raw *raw, struct coco_platform *out, const char **why);

/* Read the live values (arch/x86_64/coco/detect.c). */
void coco_read_raw(struct coco_raw *raw);

/* Detect the boot CPU's platform into bi->cc_platform / cc_sev_status.
 * 0, or -EOPNOTSUPP after printing why the kernel must not run. */
struct boot_info;
int coco_detect(struct boot_info *bi);

#endif
