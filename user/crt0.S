/* Program entry for FUTEET user programs: set up a C frame and call
 * __ulibc_start(sp), which calls main(argc, argv, envp) then exit().
 *
 * Register/stack state at _start (System V AMD64 psABI 1.0, 3.4.1
 * "Initial Stack and Register State", as the FUTEET kernel sets it up):
 *   rsp    16-byte aligned, points at argc (8 bytes)
 *   rsp+8  argv[0] .. argv[argc-1], NULL, envp[0] .. NULL, auxv pairs ending
 *          with AT_NULL
 *   rbp    unspecified; cleared here to mark the outermost frame
 *   rdx    (Linux: a function for atexit) ignored
 *   MXCSR  psABI 3.4.1: 0x1F80; x87 control word: 0x037F
 * We record the general registers, RFLAGS, rsp, the FXSAVE image, MXCSR and x87 control word we
 * were given (selftest checks them: no kernel values leak into ring 3, DF is
 * clear, rsp is aligned) and then load the psABI FP control values ourselves,
 * so that a kernel bug there cannot unmask FP exceptions under main. */
	.section .text.start, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	movq	%rax, __ulibc_entry_regs+0(%rip)
	movq	%rbx, __ulibc_entry_regs+8(%rip)
	movq	%rcx, __ulibc_entry_regs+16(%rip)
	movq	%rdx, __ulibc_entry_regs+24(%rip)
	movq	%rsi, __ulibc_entry_regs+32(%rip)
	movq	%rdi, __ulibc_entry_regs+40(%rip)
	movq	%rbp, __ulibc_entry_regs+48(%rip)
	movq	%r8, __ulibc_entry_regs+56(%rip)
	movq	%r9, __ulibc_entry_regs+64(%rip)
	movq	%r10, __ulibc_entry_regs+72(%rip)
	movq	%r11, __ulibc_entry_regs+80(%rip)
	movq	%r12, __ulibc_entry_regs+88(%rip)
	movq	%r13, __ulibc_entry_regs+96(%rip)
	movq	%r14, __ulibc_entry_regs+104(%rip)
	movq	%r15, __ulibc_entry_regs+112(%rip)
	movq	%rsp, __ulibc_entry_regs+120(%rip)
	pushfq
	popq	__ulibc_entry_regs+128(%rip)
	fxsave64 __ulibc_entry_fxsave(%rip)	/* x87, MXCSR, xmm0-15 as given */
	xorl	%ebp, %ebp
	stmxcsr	__ulibc_entry_mxcsr(%rip)
	fnstcw	__ulibc_entry_fcw(%rip)
	ldmxcsr	mxcsr_default(%rip)
	fldcw	fcw_default(%rip)
	movq	%rsp, %rdi		/* arg0: -> argc */
	andq	$-16, %rsp		/* keep the psABI alignment even if misled */
	call	__ulibc_start		/* never returns */
	ud2
	.size _start, . - _start

	.section .rodata, "a", @progbits
	.balign 4
mxcsr_default:
	.long	0x1f80			/* psABI 3.4.1: all exceptions masked, RN */
fcw_default:
	.short	0x037f			/* psABI 3.4.1: all masked, 64-bit precision, RN */

	.section .bss, "aw", @nobits
	/* FXSAVE image at _start (Intel SDM vol. 1, 10.5.1, Table 10-2) */
	.balign 16
	.globl __ulibc_entry_fxsave
__ulibc_entry_fxsave:
	.zero	512
	.balign 8
	/* rax rbx rcx rdx rsi rdi rbp r8-r15 rsp rflags, as found at _start */
	.globl __ulibc_entry_regs
__ulibc_entry_regs:
	.zero	17 * 8
	.globl __ulibc_entry_mxcsr
__ulibc_entry_mxcsr:
	.zero	4
	.globl __ulibc_entry_fcw
__ulibc_entry_fcw:
	.zero	2

	.section .note.GNU-stack, "", @progbits
