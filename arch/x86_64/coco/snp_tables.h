/* The firmware's SEV-SNP tables the kernel reads: the EFI CC blob (where
 * the secrets and CPUID pages are) and the CPUID page (the CPUID values
 * the PSP checked at launch). Parsed from a private copy, bounded, plain C
 * (tests/unit/test_snp_tables.c, tests/fuzz/fuzz_snp_tables.c).
 *
 * CC blob (EFI configuration table EFI_CC_BLOB_GUID 067b1f5f-cf26-44c5-
 * 8554-93d777912d42; OVMF CONFIDENTIAL_COMPUTING_SNP_BLOB_LOCATION, Linux
 * arch/x86/include/asm/sev.h struct cc_blob_sev_info), 0x28 bytes:
 *   0x00 u32 magic 'AMDE' (0x45444d41)   0x04 u16 version   0x06 u16 rsvd
 *   0x08 u64 secrets_phys   0x10 u32 secrets_len   0x14 u32 rsvd
 *   0x18 u64 cpuid_phys     0x20 u32 cpuid_len     0x24 u32 rsvd
 * CPUID page (SNP ABI 56860 rev 1.57, table "CPUID Page Format" / "CPUID
 * Function Structure"; Linux struct snp_cpuid_table), 4096 bytes:
 *   0x00 u32 count (<= 64)   0x04 u32 rsvd   0x08 u64 rsvd
 *   0x10 + 0x30 * i: u32 eax_in, u32 ecx_in, u64 xcr0_in, u64 xss_in,
 *                    u32 eax, ebx, ecx, edx, u64 rsvd */
#ifndef FUTEET_ARCH_COCO_SNP_TABLES_H
#define FUTEET_ARCH_COCO_SNP_TABLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define SNP_CC_BLOB_MAGIC     0x45444d41u
#define SNP_CC_BLOB_LEN       0x28u
#define SNP_CPUID_PAGE_LEN    4096u
#define SNP_CPUID_COUNT_MAX   64u
#define SNP_CPUID_FN_LEN      0x30u
#define SNP_CPUID_HDR_LEN     0x10u
#define SNP_TABLE_PAGE        4096u

struct snp_cc_blob {
	uint16_t version;
	uint64_t secrets_phys;
	uint64_t cpuid_phys;
};

struct snp_cpuid_fn {
	uint32_t eax_in, ecx_in;
	uint64_t xcr0_in, xss_in;
	uint32_t eax, ebx, ecx, edx;
	uint64_t reserved;
};
FUTEET_ASSERT_SIZE(struct snp_cpuid_fn, SNP_CPUID_FN_LEN);
FUTEET_ASSERT_OFFSET(struct snp_cpuid_fn, xcr0_in, 0x08);
FUTEET_ASSERT_OFFSET(struct snp_cpuid_fn, eax, 0x18);
FUTEET_ASSERT_OFFSET(struct snp_cpuid_fn, edx, 0x24);

struct snp_cpuid_table {
	uint32_t count;
	struct snp_cpuid_fn fn[SNP_CPUID_COUNT_MAX];
};

/* buf: a private copy of len bytes. 0, -EINVAL (short), -EPROTO (magic,
 * lengths other than one page, unaligned or zero or beyond 52-bit
 * addresses). */
int snp_cc_blob_parse(const uint8_t *buf, size_t len, struct snp_cc_blob *out);
/* 0, -EINVAL (short), -EPROTO (count 0 or > 64, nonzero reserved header). */
int snp_cpuid_table_parse(const uint8_t *buf, size_t len, struct snp_cpuid_table *out);
/* The entry for (leaf, subleaf): leaves whose output depends on ECX (SNP
 * ABI 56860 "CPUID Function Structure"; Linux snp_cpuid_get_validated_func:
 * 0x7, 0xB, 0xD, 0xF, 0x10, 0x8000001D, 0x80000020) match ecx_in too.
 * Leaf 0xD is not matched on XCR0/XSS (the kernel asks for the values at
 * its own XCR0 only through the boot table). 0 with out[4] = EAX..EDX, or
 * -ENOENT. */
int snp_cpuid_lookup(const struct snp_cpuid_table *t, uint32_t leaf, uint32_t subleaf,
		     uint32_t out[4]);

/* The values the CPUID page cannot know, fixed up as Linux
 * arch/x86 sev-shared snp_cpuid_postprocess does (APM vol. 3 CPUID Fn0000_0001
 * ECX bit 27 OSXSAVE; Fn0000_000D): leaf 1 ECX.OSXSAVE follows CR4.OSXSAVE;
 * leaf 0xD subleaf 0 EBX (and subleaf 1 EBX, compacted, with xss) is the
 * XSAVE area size for the enabled features, computed from the table's
 * subleaves 2..63 (EAX size, EBX offset; legacy area + header = 0x240).
 * -EPROTO when an enabled feature has no subleaf in the table. */
#define SNP_XSAVE_LEGACY_SIZE 0x240u
int snp_cpuid_xsave_size(const struct snp_cpuid_table *t, uint64_t xfeatures, bool compacted,
			 uint32_t *size);
int snp_cpuid_postprocess(const struct snp_cpuid_table *t, uint32_t leaf, uint32_t subleaf,
			  bool osxsave, uint64_t xcr0, uint64_t xss, uint32_t regs[4]);

/* The per-vCPU bits of a CPUID answer the CPUID page cannot hold (one page
 * serves every vCPU), which Linux snp_cpuid_postprocess (arch/x86/coco/sev/
 * sev-shared.c / boot/startup/sev-shared.c) takes from the hypervisor:
 *   0x1         EBX[31:24] initial APIC ID, EDX bit 9 APIC present
 *   0xB         EDX x2APIC ID (asked with subleaf 0)
 *   0x8000001E  EAX extended APIC ID, EBX[7:0] compute unit ID,
 *               ECX[7:0] node ID
 * (APM vol. 3 CPUID Fn0000_0001 EBX/EDX, Fn0000_000B EDX, Fn8000_001E).
 * mask[r] = the bits of register r (EAX..EDX) that come from the
 * hypervisor; all zero for every other leaf. The hypervisor's word on these
 * is all there is (Linux trusts it the same way): they name a vCPU, they
 * grant nothing. */
#define SNP_CPUID_1_EBX_APIC_ID   0xFF000000u
#define SNP_CPUID_1_EDX_APIC      (1u << 9)
void snp_cpuid_hv_masks(uint32_t leaf, uint32_t mask[4]);
/* regs[r] = (regs[r] & ~mask[r]) | (hv[r] & mask[r]). */
void snp_cpuid_hv_merge(const uint32_t mask[4], const uint32_t hv[4], uint32_t regs[4]);

#endif
