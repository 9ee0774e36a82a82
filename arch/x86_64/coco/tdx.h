/* Intel TDX guest primitives: TDCALL leaves and TDG.VP.VMCALL
 * sub-functions (TDX Module ABI 348551: TDCALL leaf table, per-leaf
 * register tables; GHCI 343961: TDG.VP.VMCALL sub-function table and the
 * per-sub-function register tables). Same numbers in Linux
 * arch/x86/include/asm/shared/tdx.h and td-shim tdx-tdcall/src/lib.rs.
 *
 * Three layers, so the register assignments are unit-tested on the host
 * (tests/unit/test_tdx_args.c) and only the last one needs a TD:
 *   tdx_enc_* / tdx_dec_*   fill / read a struct tdx_args for one leaf;
 *                           plain C (arch/x86_64/coco/tdx_args.c)
 *   tdx_tdcall / tdx_vmcall_raw   the instruction (tdcall.S)
 *   tdx_* calls             encode + instruction + status (tdx.c, kernel)
 * Never executed on hardware (docs/CAVEATS.md). */
#ifndef FUTEET_ARCH_COCO_TDX_H
#define FUTEET_ARCH_COCO_TDX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

/* TDX Module ABI 348551, TDCALL leaf numbers (RAX). */
#define TDG_VP_VMCALL          0u
#define TDG_VP_INFO            1u
#define TDG_MR_RTMR_EXTEND     2u
#define TDG_VP_VEINFO_GET      3u
#define TDG_MR_REPORT          4u
#define TDG_MEM_PAGE_ACCEPT    6u

/* GHCI 343961 table "TDG.VP.VMCALL codes" (R11). Instruction exits use the
 * VMX basic exit reason (Intel SDM vol. 3C appendix C). */
#define TDVMCALL_CPUID         10u       /* Instruction.CPUID */
#define TDVMCALL_HLT           12u       /* Instruction.HLT */
#define TDVMCALL_IO            30u       /* Instruction.IO */
#define TDVMCALL_RDMSR         31u       /* Instruction.RDMSR */
#define TDVMCALL_WRMSR         32u       /* Instruction.WRMSR */
#define TDVMCALL_MMIO          48u       /* #VE.RequestMMIO (EPT violation) */
#define TDVMCALL_MAP_GPA       0x10001u
#define TDVMCALL_GET_QUOTE     0x10002u
#define TDVMCALL_REPORT_FATAL_ERROR 0x10003u
#define TDVMCALL_SETUP_EVENT_NOTIFY 0x10004u

/* GHCI 343961 table "TDG.VP.VMCALL-Instruction.IO": R13 direction. */
#define TDVMCALL_IO_READ       0u
#define TDVMCALL_IO_WRITE      1u

/* GHCI 343961 table "TDG.VP.VMCALL status codes" (R10). */
#define TDVMCALL_STATUS_SUCCESS         0x0000000000000000ull
#define TDVMCALL_STATUS_RETRY           0x0000000000000001ull
#define TDVMCALL_STATUS_OPERAND_INVALID 0x8000000000000000ull
#define TDVMCALL_STATUS_GPA_INUSE       0x8000000000000001ull
#define TDVMCALL_STATUS_ALIGN_ERROR     0x8000000000000002ull

/* TDX Module ABI 348551, completion status (RAX): class in bits 63:32,
 * operand details in 31:0. */
#define TDX_STATUS_MASK                 0xFFFFFFFF00000000ull
#define TDX_SUCCESS                     0x0000000000000000ull
#define TDX_OPERAND_BUSY                0x8000020000000000ull
#define TDX_OPERAND_INVALID             0xC000010000000000ull
#define TDX_PAGE_ALREADY_ACCEPTED       0x00000B0A00000000ull
#define TDX_PAGE_SIZE_MISMATCH          0xC0000B0B00000000ull

/* TDX Module ABI 348551, TDG.MEM.PAGE.ACCEPT RCX[2:0]: page level. */
#define TDX_PAGE_LEVEL_4K      0u
#define TDX_PAGE_LEVEL_2M      1u

/* TDX Module ABI 348551, TDG.VP.INFO RCX[5:0]: GPAW, 48 or 52; the SHARED
 * bit is GPA bit GPAW-1. */
#define TDX_GPAW_MASK          0x3Full

/* ReportFatalError R12: bit 63 = R13 holds a valid shared GPA (GHCI 343961
 * "TDG.VP.VMCALL<ReportFatalError>"; td-shim tdvmcall_report_fatal_error). */
#define TDVMCALL_FATAL_GPA_VALID (1ull << 63)

/* The registers TDCALL reads and writes, in the order tdcall.S expects. */
struct tdx_args {
	uint64_t rcx, rdx, r8, r9, r10, r11, r12, r13, r14, r15;
};
FUTEET_ASSERT_SIZE(struct tdx_args, 0x50);
FUTEET_ASSERT_OFFSET(struct tdx_args, rcx, 0x00);
FUTEET_ASSERT_OFFSET(struct tdx_args, r10, 0x20);
FUTEET_ASSERT_OFFSET(struct tdx_args, r11, 0x28);
FUTEET_ASSERT_OFFSET(struct tdx_args, r12, 0x30);
FUTEET_ASSERT_OFFSET(struct tdx_args, r15, 0x48);

/* TDG.VP.INFO outputs, validated (TDX Module ABI 348551, TDG.VP.INFO). */
struct tdx_vp_info {
	unsigned gpaw;          /* 48 or 52 */
	uint64_t shared_mask;   /* 1 << (gpaw - 1) */
	uint64_t attributes;    /* TD_ATTRIBUTES (bit 0 DEBUG, bit 28 SEPT_VE_DISABLE) */
	uint32_t num_vcpus, max_vcpus, vcpu_index;
};

/* TDG.VP.VEINFO.GET outputs (TDX Module ABI 348551, TDG.VP.VEINFO.GET). */
struct tdx_ve_info {
	uint32_t exit_reason;
	uint64_t exit_qualification;
	uint64_t gla, gpa;
	uint32_t instr_len, instr_info;
};

/* ---- encoders and decoders (tdx_args.c, host-testable) ---- */
/* Each tdx_enc_* zeroes *a, then sets the inputs of one leaf or VMCALL
 * sub-function; -EINVAL when an argument breaks the spec's alignment or
 * range rules (nothing is then executed). */
void tdx_enc_vp_info(struct tdx_args *a);
int tdx_dec_vp_info(const struct tdx_args *a, struct tdx_vp_info *out);
void tdx_enc_veinfo_get(struct tdx_args *a);
void tdx_dec_veinfo(const struct tdx_args *a, struct tdx_ve_info *out);
/* TDG.MR.REPORT: RCX = TDREPORT_STRUCT GPA (1024-aligned), RDX =
 * REPORTDATA GPA (64-aligned), R8 = subtype 0. */
int tdx_enc_mr_report(struct tdx_args *a, uint64_t report_gpa, uint64_t data_gpa);
/* TDG.MR.RTMR.EXTEND: RCX = 48-byte digest GPA (64-aligned), RDX = index 0..3. */
int tdx_enc_rtmr_extend(struct tdx_args *a, uint64_t digest_gpa, unsigned index);
/* TDG.MEM.PAGE.ACCEPT: RCX = GPA | level (GPA aligned to the level's size). */
int tdx_enc_page_accept(struct tdx_args *a, uint64_t gpa, unsigned level);

/* TDG.VP.VMCALL sub-functions: R10 = 0 (GHCI standard), R11 = code. */
int tdx_enc_vmcall_io(struct tdx_args *a, unsigned size, bool write, uint16_t port,
		      uint32_t value);
uint32_t tdx_dec_vmcall_io_read(const struct tdx_args *a, unsigned size);
/* A CPUID that raised #VE (the TDX module does not virtualize the leaf:
 * TDX Module ABI 348551 "CPUID virtualization") is asked of the VMM only in
 * the range reserved for hypervisors, 0x40000000..0x4FFFFFFF; any other
 * such leaf reads as zeros, as a CPU answers an unsupported leaf. The VMM is
 * untrusted: it may describe itself, never the CPU. Linux
 * arch/x86/coco/tdx/tdx.c handle_cpuid has the same rule. */
bool tdx_cpuid_leaf_for_vmm(uint32_t leaf);
void tdx_enc_vmcall_cpuid(struct tdx_args *a, uint32_t leaf, uint32_t subleaf);
void tdx_dec_vmcall_cpuid(const struct tdx_args *a, uint32_t out[4]); /* eax ebx ecx edx */
void tdx_enc_vmcall_rdmsr(struct tdx_args *a, uint32_t msr);
void tdx_enc_vmcall_wrmsr(struct tdx_args *a, uint32_t msr, uint64_t value);
void tdx_enc_vmcall_hlt(struct tdx_args *a, bool irq_blocked);
int tdx_enc_vmcall_mmio(struct tdx_args *a, unsigned size, bool write, uint64_t gpa,
			uint64_t value);
int tdx_enc_vmcall_map_gpa(struct tdx_args *a, uint64_t gpa, uint64_t size);
/* GetQuote: R12 = shared GPA (the SHARED bit set by the caller), R13 =
 * buffer size; both 4 KiB-aligned and nonzero. */
int tdx_enc_vmcall_get_quote(struct tdx_args *a, uint64_t shared_gpa, uint64_t size);
void tdx_enc_vmcall_report_fatal(struct tdx_args *a, uint32_t code, uint64_t shared_gpa);

/* TDVMCALL status (R10) as an errno: 0, -EAGAIN (RETRY), -EINVAL
 * (OPERAND_INVALID, ALIGN_ERROR), -EBUSY (GPA_INUSE), -EIO (anything else). */
int tdx_vmcall_errno(uint64_t status);
/* TDCALL completion status as an errno: 0 (only for status 0), -EBUSY (OPERAND_BUSY: retry),
 * -EINVAL (OPERAND_INVALID), -EEXIST (PAGE_ALREADY_ACCEPTED), -EIO. */
int tdx_tdcall_errno(uint64_t status);

/* MapGPA retry protocol (GHCI 343961 "TDG.VP.VMCALL<MapGPA>": on RETRY,
 * R11 = the GPA to resume from). One step: given the range still to map
 * [*cur, end) and the answer (status, r11), 0 = done, -EAGAIN = call again
 * from the updated *cur, other = fail. A resume address outside
 * (cur, end), or no progress for TDX_MAP_GPA_MAX_RETRIES calls, fails:
 * the host must not loop the guest forever. */
#define TDX_MAP_GPA_MAX_RETRIES 3u
int tdx_map_gpa_step(uint64_t *cur, uint64_t end, uint64_t status, uint64_t r11,
		     unsigned *stalls);

/* ---- the instruction (tdcall.S) ---- */
uint64_t tdx_tdcall(uint64_t leaf, struct tdx_args *args);
uint64_t tdx_vmcall_raw(struct tdx_args *args);

/* ---- kernel calls (tdx.c): encode, execute, check status ---- */
/* 0 or a negative errno (the TDCALL status mapped by tdx_tdcall_errno). */
int tdx_mr_report(uint64_t report_gpa, uint64_t data_gpa);
int tdx_rtmr_extend(uint64_t digest_gpa, unsigned index);
/* GetQuote: 0 once the host accepted the request; the caller polls the
 * buffer's status field. */
int tdx_get_quote(uint64_t shared_gpa, uint64_t size);
int tdx_vp_info(struct tdx_vp_info *out);
/* TDG.VP.VMCALL with *a already encoded by a tdx_enc_vmcall_* (R10, R11
 * set). 0 with a->r11..r15 the host's outputs, or the mapped status; a
 * rejected TDCALL itself (RAX != 0) is -EIO. */
int tdx_vmcall(struct tdx_args *a);
/* ReportFatalError then halt forever (GHCI 343961). */
FUTEET_NORETURN void tdx_report_fatal(uint32_t code);

#endif
