/* The GHCB MSR protocol (GHCB 56421 rev 2.03 section 2.3.1 "GHCB MSR
 * Protocol", table "GHCB MSR Protocol"): a request is written to the GHCB
 * MSR (C001_0130), VMGEXIT, the answer read back from the same MSR.
 * GHCBData[11:0] is the function code, the rest its data:
 *
 *   0x002 SEV information request         -> 0x001 [63:48] max, [47:32] min
 *                                             protocol version, [31:24] C-bit
 *   0x004 CPUID request [63:32] fn,       -> 0x005 [63:32] value
 *         [31:30] register (0 EAX..3 EDX)
 *   0x012 register GHCB GPA [63:12] GFN   -> 0x013 [63:12] GFN (the same)
 *   0x014 page state change [55:52] op    -> 0x015 [63:32] error (0 = ok)
 *         (1 private, 2 shared), [51:12] GFN
 *   0x080 hypervisor features request     -> 0x081 [63:12] features
 *                                             (bit 0 SEV-SNP, 1 AP creation)
 *   0x100 termination [15:12] reason set, [23:16] reason code (no answer)
 *
 * Encoders and decoders only (plain C, tests/unit/test_ghcb_msr.c); the
 * VMGEXIT is in arch/x86_64/coco/sev.c. Every decoder treats the answer
 * as hostile: a wrong function code or a changed GFN is an error. */
#ifndef FUTEET_ARCH_COCO_GHCB_MSR_H
#define FUTEET_ARCH_COCO_GHCB_MSR_H

#include <stdint.h>

#define MSR_GHCB                    0xC0010130u  /* APM vol. 2 15.35.4 */
#define GHCB_MSR_INFO_MASK          0xFFFull
#define GHCB_MSR_SEV_INFO_RESP      0x001ull
#define GHCB_MSR_SEV_INFO_REQ       0x002ull
#define GHCB_MSR_CPUID_REQ          0x004ull
#define GHCB_MSR_CPUID_RESP         0x005ull
#define GHCB_MSR_REG_GPA_REQ        0x012ull
#define GHCB_MSR_REG_GPA_RESP       0x013ull
#define GHCB_MSR_PSC_REQ            0x014ull
#define GHCB_MSR_PSC_RESP           0x015ull
#define GHCB_MSR_HV_FT_REQ          0x080ull
#define GHCB_MSR_HV_FT_RESP         0x081ull
#define GHCB_MSR_TERM_REQ           0x100ull

/* GHCB 56421 2.3.1 "Page State Change": GHCBData[55:52]. */
#define GHCB_PSC_OP_PRIVATE         1u
#define GHCB_PSC_OP_SHARED          2u
/* GHCB 56421 2.3.1 "Hypervisor Feature Support": bit 0 SEV-SNP. */
#define GHCB_HV_FT_SNP              (1ull << 0)
#define GHCB_HV_FT_SNP_AP_CREATION  (1ull << 1)
/* GHCB 56421 2.3.1 "Termination Request": reason set 0 (general) codes. */
#define GHCB_TERM_SET_GENERAL       0u
#define GHCB_TERM_GENERAL           0u
#define GHCB_TERM_PROTOCOL_UNSUPPORTED 1u
#define GHCB_TERM_SNP_UNSUPPORTED   2u
/* FUTEET's own reason set (1), like Linux's SEV_TERM_SET_LINUX. */
#define GHCB_TERM_SET_FUTEET        1u
#define GHCB_TERM_REGISTER          0u  /* GHCB GPA registration failed */
#define GHCB_TERM_PSC               1u  /* page state change failed */
#define GHCB_TERM_PVALIDATE         2u  /* PVALIDATE failed */
#define GHCB_TERM_NOT_VMPL0         3u  /* not running at VMPL0 */
#define GHCB_TERM_BAD_ANSWER        4u  /* a host answer failed its checks */
#define GHCB_TERM_UNHANDLED_VC      5u  /* a #VC the kernel does not serve */
#define GHCB_TERM_PRIVATE_MMIO      6u  /* MMIO asked for a private address */
#define GHCB_TERM_NO_CPUID_PAGE     7u  /* no usable CPUID page in the CC blob */
#define GHCB_TERM_NO_GHCB           8u  /* a GHCB NAE event before registration */

/* GHCB 56421 2.2: protocol versions. SNP requires version 2. */
#define GHCB_PROTOCOL_MIN           2u
#define GHCB_PROTOCOL_MAX           2u

/* GFNs are 40 bits (GPA bits 51:12). */
#define GHCB_GFN_MASK               0xFFFFFFFFFFull

uint64_t ghcb_msr_sev_info_req(void);
/* 0 with the negotiated version (*version = 2) and the hypervisor's C-bit,
 * -EPROTO (not a SEV-information answer), -EOPNOTSUPP (no common version). */
int ghcb_msr_sev_info_parse(uint64_t resp, unsigned *version, unsigned *cbit);
uint64_t ghcb_msr_cpuid_req(uint32_t fn, unsigned reg);
int ghcb_msr_cpuid_parse(uint64_t resp, uint32_t *value);
uint64_t ghcb_msr_reg_gpa_req(uint64_t gfn);
int ghcb_msr_reg_gpa_parse(uint64_t resp, uint64_t gfn);
uint64_t ghcb_msr_psc_req(uint64_t gfn, unsigned op);
int ghcb_msr_psc_parse(uint64_t resp);
uint64_t ghcb_msr_hv_ft_req(void);
/* 0 with the feature bitmap; -EOPNOTSUPP when SEV-SNP is not in it. */
int ghcb_msr_hv_ft_parse(uint64_t resp, uint64_t *features);
uint64_t ghcb_msr_term_req(unsigned reason_set, unsigned reason);

#endif
