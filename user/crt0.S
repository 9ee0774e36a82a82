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
 * We record the MXCSR and x87 control word we were given (selftest checks
 * them) and then load the psABI values ourselves, so that a kernel bug there
 * cannot unmask FP exceptions under main. */
	.section .text.start, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
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
	.balign 4
	.globl __ulibc_entry_mxcsr
__ulibc_entry_mxcsr:
	.zero	4
	.globl __ulibc_entry_fcw
__ulibc_entry_fcw:
	.zero	2

	.section .note.GNU-stack, "", @progbits
