/* Confidential-computing platform detection (DESIGN.md section 2 step 4):
 * which hardware TEE the boot CPU runs in, from CPUID, the SEV_STATUS MSR
 * and the firmware's claim (the EFI CC blob). The decision (coco_classify)
 * is plain C over recorded values, unit-tested on the host
 * (tests/unit/test_coco_detect.c); coco_detect reads the live values.
 *
 *   CPUID 0x21 = "IntelTDX    "              -> tdx (TDX module answers it:
 *                                               the host cannot fake it)
 *   otherwise SEV_STATUS, read on every CPU that is not a TD (a #GP means
 *   no SEV); CPUID 0x8000001F is the host's word and is not asked first:
 *     SNP bit                                -> snp, C-bit from 0x8000001F
 *     SEV / SEV-ES without SNP               -> refused
 *     other bits without SEV                 -> refused (inconsistent)
 *     0 or #GP, but an EFI CC blob is there  -> refused (the firmware
 *                                               claims SNP, the CPU does not)
 *     0 or #GP                               -> none (a sim may be used) */
#ifndef FUTEET_ARCH_COCO_DETECT_H
#define FUTEET_ARCH_COCO_DETECT_H

#include <stdbool.h>
#include <stdint.h>

/* TDX Module ABI 348551 "CPUID virtualization" / Linux
 * arch/x86/include/asm/shared/tdx.h TDX_CPUID_LEAF_ID, TDX_IDENT: leaf 0x21
 * subleaf 0 returns "IntelTDX    " in EBX, EDX, ECX. */
#define CPUID_TDX_LEAF        0x21u
/* AMD APM vol. 3 appendix E.4.17, CPUID Fn8000_001F: EAX bit 1 SEV, bit 3
 * SEV-ES, bit 4 SEV-SNP; EBX[5:0] C-bit position. */
#define CPUID_AMD_MEM_ENC     0x8000001Fu
#define CPUID_MEM_ENC_SEV     (1u << 1)
#define CPUID_MEM_ENC_CBIT_MASK 0x3Fu
/* AMD APM vol. 2 section 15.34.10, MSR C001_0131 SEV_STATUS: bit 0 SEV
 * enabled, bit 1 SEV-ES enabled, bit 2 SEV-SNP enabled. */
#define MSR_SEV_STATUS        0xC0010131u
#define SEV_STATUS_SEV        (1ull << 0)
#define SEV_STATUS_SEV_ES     (1ull << 1)
#define SEV_STATUS_SNP        (1ull << 2)
/* A C-bit below 32 or above 51 is not a physical-address bit an SNP guest
 * can have (APM vol. 2 15.34.6: 52-bit physical addresses). */
#define CBIT_MIN              32u
#define CBIT_MAX              51u

/* The values detection reads, recorded so tests can replay a platform. */
struct coco_raw {
	uint32_t max_leaf;          /* CPUID 0 EAX */
	uint32_t vendor[3];         /* CPUID 0 EBX, EDX, ECX */
	uint32_t tdx_sig[3];        /* CPUID 0x21 EBX, EDX, ECX (0 when max_leaf < 0x21) */
	uint32_t max_ext_leaf;      /* CPUID 0x80000000 EAX */
	uint32_t mem_enc_eax;       /* CPUID 0x8000001F EAX (0 when absent) */
	uint32_t mem_enc_ebx;       /* CPUID 0x8000001F EBX */
	bool sev_status_read;       /* SEV_STATUS was read without a #GP */
	uint64_t sev_status;
	bool cc_blob;               /* the EFI CC blob table is present */
};

/* What the platform is. kind: enum futeet_platform (NONE, SNP or TDX). */
struct coco_platform {
	uint32_t kind;
	uint64_t sev_status;
	unsigned cbit;              /* SNP: C-bit position */
};

/* CPUID 0x21 carries the TDX signature (classify.c). */
bool coco_is_tdx(const struct coco_raw *raw);

/* Decide from recorded values. 0 with *out filled, or -EOPNOTSUPP when the
 * kernel must refuse to run (*why says why). */
int coco_classify(const struct coco_raw *raw, struct coco_platform *out, const char **why);

/* Read the live values (arch/x86_64/coco/detect.c); needs the kernel IDT
 * (SEV_STATUS is read with cpu_rdmsr_safe). */
struct boot_info;
void coco_read_raw(const struct boot_info *bi, struct coco_raw *raw);

/* Detect the boot CPU's platform into bi->cc_platform / cc_sev_status, set
 * the page-table encryption masks (SNP: C-bit on private mappings; TDX:
 * SHARED bit from TDG.VP.INFO on shared ones) and print "futeet: platform:
 * NAME (...)". 0, or -EOPNOTSUPP after printing why the kernel must not
 * run. Before paging_init. */
int coco_detect(struct boot_info *bi);

/* Recorded values of a known platform (detect.c), replayed by
 * futeet.detect=tdx|snp on the command line: the result can only be a
 * hardware TEE, so a host that edits the command line cannot talk a real
 * TD or SNP guest into the sim; the hardware backend is then not started
 * (bi->cc_injected), the kernel only shows what it would refuse. */
int coco_inject_recorded(struct boot_info *bi, const char *name);

/* SNP: the "platform: snp" line, printed once the GHCB carries console
 * output (coco_late_init). */
void coco_report_deferred(void);

/* What detection found (NONE until coco_detect ran). */
uint32_t coco_platform_kind(void);
/* SNP Secure TSC's mean TSC frequency in Hz (arch/x86_64/coco/securetsc.h),
 * 0 when the platform is not SNP or Secure TSC is off or unusable. */
uint64_t coco_secure_tsc_hz(void);

/* Before any backend starts: on SNP or TDX the page-table encryption mask
 * must be set (paging_set_enc_masks), else every "private" mapping would
 * be shared. 0 or -EFAULT. */
int coco_check_masks(void);

/* Incremented by ghcb.c (each VMGEXIT) and tdcall.S (each TDCALL). */
extern uint64_t coco_n_vmgexit, coco_n_tdcall;
/* How many VMGEXITs and TDCALLs the kernel executed (0 on a plain VM). */
uint64_t coco_vmgexit_count(void);
uint64_t coco_tdcall_count(void);

#endif
