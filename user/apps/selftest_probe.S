/* selftest probes: make one syscall with registers holding known values and
 * store what they hold afterwards, so selftest.c can check that the kernel
 * preserved them. Written in assembly because the compiler must not touch
 * these registers between loading, the syscall and the store.
 *
 * Syscall convention (futeet.h, Linux x86-64): rax nr; rdi rsi rdx args; the
 * CPU clobbers rcx and r11 (Intel SDM vol. 2B, SYSCALL); everything else,
 * including the x87/SSE/AVX state, must survive. */

	.text

/* long probe_gpr(long nr, long a0, long a1, long a2, long out[12])
 *   in:  rdi nr, rsi a0, rdx a1, rcx a2, r8 out
 *   r8 r9 r10 rbx rbp r12-r15 are loaded with 0x0101..01 * k before the call;
 *   out[0..11] = rdi rsi rdx r8 r9 r10 rbx rbp r12 r13 r14 r15 after it.
 *   returns the syscall's rax. */
	.globl probe_gpr
	.type probe_gpr, @function
probe_gpr:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushq	%r8
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movabsq	$0x0808080808080808, %r8
	movabsq	$0x0909090909090909, %r9
	movabsq	$0x0a0a0a0a0a0a0a0a, %r10
	movabsq	$0x0b0b0b0b0b0b0b0b, %rbx
	movabsq	$0x0c0c0c0c0c0c0c0c, %rbp
	movabsq	$0x1212121212121212, %r12
	movabsq	$0x1313131313131313, %r13
	movabsq	$0x1414141414141414, %r14
	movabsq	$0x1515151515151515, %r15
	syscall
	movq	(%rsp), %rcx
	movq	%rdi, 0(%rcx)
	movq	%rsi, 8(%rcx)
	movq	%rdx, 16(%rcx)
	movq	%r8, 24(%rcx)
	movq	%r9, 32(%rcx)
	movq	%r10, 40(%rcx)
	movq	%rbx, 48(%rcx)
	movq	%rbp, 56(%rcx)
	movq	%r12, 64(%rcx)
	movq	%r13, 72(%rcx)
	movq	%r14, 80(%rcx)
	movq	%r15, 88(%rcx)
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
	.size probe_gpr, . - probe_gpr

/* long probe_xmm(long nr, long a0, long a1, long a2, const void *in, void *out)
 *   in:  rdi nr, rsi a0, rdx a1, rcx a2, r8 in[256], r9 out[256]
 *   xmm0..xmm15 = in[16*i..] before the syscall; out[16*i..] = xmm i after. */
	.globl probe_xmm
	.type probe_xmm, @function
probe_xmm:
	pushq	%rbx
	pushq	%r12
	movq	%r8, %rbx
	movq	%r9, %r12
	movdqu	0(%rbx), %xmm0
	movdqu	16(%rbx), %xmm1
	movdqu	32(%rbx), %xmm2
	movdqu	48(%rbx), %xmm3
	movdqu	64(%rbx), %xmm4
	movdqu	80(%rbx), %xmm5
	movdqu	96(%rbx), %xmm6
	movdqu	112(%rbx), %xmm7
	movdqu	128(%rbx), %xmm8
	movdqu	144(%rbx), %xmm9
	movdqu	160(%rbx), %xmm10
	movdqu	176(%rbx), %xmm11
	movdqu	192(%rbx), %xmm12
	movdqu	208(%rbx), %xmm13
	movdqu	224(%rbx), %xmm14
	movdqu	240(%rbx), %xmm15
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	syscall
	movdqu	%xmm0, 0(%r12)
	movdqu	%xmm1, 16(%r12)
	movdqu	%xmm2, 32(%r12)
	movdqu	%xmm3, 48(%r12)
	movdqu	%xmm4, 64(%r12)
	movdqu	%xmm5, 80(%r12)
	movdqu	%xmm6, 96(%r12)
	movdqu	%xmm7, 112(%r12)
	movdqu	%xmm8, 128(%r12)
	movdqu	%xmm9, 144(%r12)
	movdqu	%xmm10, 160(%r12)
	movdqu	%xmm11, 176(%r12)
	movdqu	%xmm12, 192(%r12)
	movdqu	%xmm13, 208(%r12)
	movdqu	%xmm14, 224(%r12)
	movdqu	%xmm15, 240(%r12)
	popq	%r12
	popq	%rbx
	ret
	.size probe_xmm, . - probe_xmm

/* long probe_ymm(long nr, long a0, long a1, long a2, const void *in, void *out)
 *   as probe_xmm with ymm0..ymm15 and 512-byte buffers. Call only when the
 *   CPU has AVX and the kernel enabled it in XCR0. */
	.globl probe_ymm
	.type probe_ymm, @function
probe_ymm:
	pushq	%rbx
	pushq	%r12
	movq	%r8, %rbx
	movq	%r9, %r12
	vmovdqu	0(%rbx), %ymm0
	vmovdqu	32(%rbx), %ymm1
	vmovdqu	64(%rbx), %ymm2
	vmovdqu	96(%rbx), %ymm3
	vmovdqu	128(%rbx), %ymm4
	vmovdqu	160(%rbx), %ymm5
	vmovdqu	192(%rbx), %ymm6
	vmovdqu	224(%rbx), %ymm7
	vmovdqu	256(%rbx), %ymm8
	vmovdqu	288(%rbx), %ymm9
	vmovdqu	320(%rbx), %ymm10
	vmovdqu	352(%rbx), %ymm11
	vmovdqu	384(%rbx), %ymm12
	vmovdqu	416(%rbx), %ymm13
	vmovdqu	448(%rbx), %ymm14
	vmovdqu	480(%rbx), %ymm15
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	syscall
	vmovdqu	%ymm0, 0(%r12)
	vmovdqu	%ymm1, 32(%r12)
	vmovdqu	%ymm2, 64(%r12)
	vmovdqu	%ymm3, 96(%r12)
	vmovdqu	%ymm4, 128(%r12)
	vmovdqu	%ymm5, 160(%r12)
	vmovdqu	%ymm6, 192(%r12)
	vmovdqu	%ymm7, 224(%r12)
	vmovdqu	%ymm8, 256(%r12)
	vmovdqu	%ymm9, 288(%r12)
	vmovdqu	%ymm10, 320(%r12)
	vmovdqu	%ymm11, 352(%r12)
	vmovdqu	%ymm12, 384(%r12)
	vmovdqu	%ymm13, 416(%r12)
	vmovdqu	%ymm14, 448(%r12)
	vmovdqu	%ymm15, 480(%r12)
	vzeroupper
	popq	%r12
	popq	%rbx
	ret
	.size probe_ymm, . - probe_ymm

/* long probe_fpctl(long nr, long a0, long a1, long a2, const struct fpctl *in,
 *                  struct fpctl *out)
 *   struct fpctl { uint32_t mxcsr @0; uint16_t fcw @4; double st1 @8; double st0 @16; }
 *   loads MXCSR, the x87 control word and two x87 stack values, does the
 *   syscall, stores them back, then restores the psABI defaults
 *   (MXCSR 0x1F80, FCW 0x037F; psABI 3.4.1). */
	.globl probe_fpctl
	.type probe_fpctl, @function
probe_fpctl:
	ldmxcsr	0(%r8)
	fldcw	4(%r8)
	fldl	8(%r8)
	fldl	16(%r8)
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	syscall
	stmxcsr	0(%r9)
	fnstcw	4(%r9)
	fstpl	16(%r9)
	fstpl	8(%r9)
	ldmxcsr	fp_mxcsr_default(%rip)
	fldcw	fp_fcw_default(%rip)
	ret
	.size probe_fpctl, . - probe_fpctl

	.section .rodata
	.balign 4
fp_mxcsr_default:
	.long	0x1f80
fp_fcw_default:
	.short	0x037f

	.section .note.GNU-stack, "", @progbits
