/* TDCALL and TDG.VP.VMCALL (TDX Module ABI 348551, section
 * "TDCALL instruction" and the TDG.* leaf tables; GHCI 343961 section
 * "TDG.VP.VMCALL Interface": the register interface).
 * Compare Linux arch/x86/virt/vmx/tdx/tdxcall.S and td-shim tdcall.asm.
 * Never executed on hardware in this tree's tests (docs/CAVEATS.md).
 *
 * TDCALL is 66 0F 01 CC. Both entry points move a struct tdx_args
 * (arch/x86_64/coco/tdx.h, offsets pinned there) into the registers, run
 * TDCALL, and write the same registers back into the struct:
 *
 *   struct tdx_args  offset  register
 *       rcx           0x00    RCX   in: leaf input / VMCALL: exposed-GPR bitmap
 *       rdx           0x08    RDX
 *       r8            0x10    R8
 *       r9            0x18    R9
 *       r10           0x20    R10   VMCALL: in 0 (GHCI standard), out status
 *       r11           0x28    R11   VMCALL: in sub-function, out value
 *       r12..r15      0x30..  R12..R15  VMCALL arguments / outputs
 *
 * uint64_t tdx_tdcall(uint64_t leaf = rdi, struct tdx_args *args = rsi)
 *   RAX = leaf; returns RAX = TDCALL completion status (bits 63:32 class).
 * uint64_t tdx_vmcall_raw(struct tdx_args *args = rdi)
 *   RAX = 0 (TDG.VP.VMCALL), RCX = TDVMCALL_EXPOSE_REGS (R10-R15 only,
 *   GHCI table "TDG.VP.VMCALL register usage": bit n = GPR n, RAX = 0, RCX
 *   = 1, ..., R15 = 15, so bits 10-15 = 0xFC00), R10..R15 from args;
 *   returns RAX (nonzero only when the TDX module rejected the call itself).
 *   The host chooses every value in R10..R15 on return: callers validate.
 *
 * Clobbers: RAX, RCX, RDX, R8-R11 (caller-saved in the SysV ABI). R12-R15
 * are callee-saved and restored here. RBX, RBP, RSI, RDI, RSP are neither
 * used as inputs nor exposed to the host, so the TDX module preserves them.
 */
#define TDCALL .byte 0x66, 0x0f, 0x01, 0xcc
#define TDG_VP_VMCALL 0
#define TDVMCALL_EXPOSE_REGS 0xfc00

	.text
	.globl tdx_tdcall
	.type tdx_tdcall, @function
	.balign 16
tdx_tdcall:
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	pushq %rsi
	incq coco_n_tdcall(%rip)
	movq %rdi, %rax
	movq 0x00(%rsi), %rcx
	movq 0x08(%rsi), %rdx
	movq 0x10(%rsi), %r8
	movq 0x18(%rsi), %r9
	movq 0x20(%rsi), %r10
	movq 0x28(%rsi), %r11
	movq 0x30(%rsi), %r12
	movq 0x38(%rsi), %r13
	movq 0x40(%rsi), %r14
	movq 0x48(%rsi), %r15
	TDCALL
	popq %rsi
	movq %rcx, 0x00(%rsi)
	movq %rdx, 0x08(%rsi)
	movq %r8, 0x10(%rsi)
	movq %r9, 0x18(%rsi)
	movq %r10, 0x20(%rsi)
	movq %r11, 0x28(%rsi)
	movq %r12, 0x30(%rsi)
	movq %r13, 0x38(%rsi)
	movq %r14, 0x40(%rsi)
	movq %r15, 0x48(%rsi)
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	ret
	.size tdx_tdcall, . - tdx_tdcall

	.globl tdx_vmcall_raw
	.type tdx_vmcall_raw, @function
	.balign 16
tdx_vmcall_raw:
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	pushq %rdi
	incq coco_n_tdcall(%rip)
	movl $TDG_VP_VMCALL, %eax
	movl $TDVMCALL_EXPOSE_REGS, %ecx
	movq 0x20(%rdi), %r10
	movq 0x28(%rdi), %r11
	movq 0x30(%rdi), %r12
	movq 0x38(%rdi), %r13
	movq 0x40(%rdi), %r14
	movq 0x48(%rdi), %r15
	TDCALL
	popq %rdi
	movq %r10, 0x20(%rdi)
	movq %r11, 0x28(%rdi)
	movq %r12, 0x30(%rdi)
	movq %r13, 0x38(%rdi)
	movq %r14, 0x40(%rdi)
	movq %r15, 0x48(%rdi)
	/* The host saw and may have left values in R10-R15: do not let them
	 * flow on (Linux tdxcall.S clears the exposed registers too). */
	xorl %r10d, %r10d
	xorl %r11d, %r11d
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	ret
	.size tdx_vmcall_raw, . - tdx_vmcall_raw

	.section .note.GNU-stack, "", @progbits
