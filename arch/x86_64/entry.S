/* Kernel <-> user transitions (Intel SDM Dec 2024 vol. 2B SYSCALL, SYSRET;
 * vol. 3A 5.8.8 fast system calls in 64-bit mode).
 *
 * syscall_entry, entered by SYSCALL from ring 3 (IF, DF, TF, AC already
 * cleared by IA32_FMASK):
 *   rax = syscall number          rcx = user RIP (return address)
 *   rdi, rsi, rdx, r10, r8, r9    = arguments 1-6
 *   r11 = user RFLAGS             rsp = user stack (not trusted, not used)
 * It switches to the kernel stack (syscall_kstack_top), saves a
 * struct syscall_frame (arch/x86_64/cpu.h), saves the user's FPU/SSE/AVX
 * state, loads the kernel's MXCSR, calls syscall_dispatch(frame), restores
 * everything but rax (the result), rcx and r11, and returns with SYSRETQ.
 * SYSRET to a non-canonical RIP would raise #GP in ring 0 with the user's
 * RSP on Intel CPUs (CVE-2012-0217), so a RIP at or above USER_TOP never
 * reaches SYSRETQ: syscall_bad_return kills the program instead.
 *
 * arch_enter_user(rip = rdi, rsp = rsi): first entry to ring 3 with a clean
 * register file and the initial FPU state; RFLAGS = 0x2 (IF clear: the
 * kernel takes no interrupts, so the program is never preempted).
 *
 * arch_call_on_stack(stack_top = rdi, fn = rsi, arg = rdx): switch stacks
 * and call fn(arg), which never returns.
 */
#include "uapi/futeet/memlayout.h"
#define USER_TOP_HI FUTEET_USER_TOP_HI   /* USER_TOP >> 32 */
#define USER_RFLAGS 0x2

	.text
	.globl syscall_entry
	.balign 16
syscall_entry:
	movq %rsp, syscall_user_rsp(%rip)
	movq syscall_kstack_top(%rip), %rsp
	/* struct syscall_frame, highest field first */
	pushq %r15
	pushq %r14
	pushq %r13
	pushq %r12
	pushq %rbp
	pushq %rbx
	pushq syscall_user_rsp(%rip)
	pushq %r11
	pushq %rcx
	pushq %r9
	pushq %r8
	pushq %r10
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rax
	movq %rsp, %r12                 /* the frame, callee-saved */
	call fpu_save_user
	movq %r12, %rdi
	call syscall_dispatch
	call fpu_restore_user
	movq %r12, %rsp
	popq %rax                       /* result */
	popq %rdi
	popq %rsi
	popq %rdx
	popq %r10
	popq %r8
	popq %r9
	popq %rcx
	popq %r11
	/* Canonical check before SYSRET (CVE-2012-0217). */
	movq %rcx, %rbx
	shrq $32, %rbx
	cmpq $USER_TOP_HI, %rbx
	jae 2f
	popq syscall_user_rsp(%rip)
	popq %rbx
	popq %rbp
	popq %r12
	popq %r13
	popq %r14
	popq %r15
	movq syscall_user_rsp(%rip), %rsp
	andq $~0x40000, %r11            /* never return with AC set */
	orq $0x2, %r11
	sysretq
2:
	movq %r12, %rdi
	andq $-16, %rsp
	call syscall_bad_return
	ud2

/* Save the user's FPU state in fpu_user_area and load the kernel's MXCSR
 * (the program may have unmasked SIMD exceptions). Clobbers rax, rdx, rdi. */
	.globl fpu_save_user
fpu_save_user:
	movq fpu_user_area(%rip), %rdi
	testb $1, fpu_use_xsave(%rip)
	jz 1f
	movl $0xffffffff, %eax
	movl $0xffffffff, %edx
	xsave64 (%rdi)
	jmp 2f
1:	fxsave64 (%rdi)
2:	ldmxcsr kernel_mxcsr(%rip)
	ret

/* Restore the user's FPU state. Clobbers rax, rdx, rdi. */
	.globl fpu_restore_user
fpu_restore_user:
	movq fpu_user_area(%rip), %rdi
	testb $1, fpu_use_xsave(%rip)
	jz 1f
	movl $0xffffffff, %eax
	movl $0xffffffff, %edx
	xrstor64 (%rdi)
	ret
1:	fxrstor64 (%rdi)
	ret

	.globl arch_enter_user
arch_enter_user:
	movq %rdi, %rcx
	movq %rsi, syscall_user_rsp(%rip)
	movq syscall_kstack_top(%rip), %rsp
	pushq %rcx
	call fpu_restore_user           /* fpu_init left a clean state there */
	popq %rcx
	movq $USER_RFLAGS, %r11
	xorl %eax, %eax
	xorl %ebx, %ebx
	xorl %edx, %edx
	xorl %esi, %esi
	xorl %edi, %edi
	xorl %ebp, %ebp
	xorl %r8d, %r8d
	xorl %r9d, %r9d
	xorl %r10d, %r10d
	xorl %r12d, %r12d
	xorl %r13d, %r13d
	xorl %r14d, %r14d
	xorl %r15d, %r15d
	movq syscall_user_rsp(%rip), %rsp
	sysretq

	.globl arch_call_on_stack
arch_call_on_stack:
	movq %rdi, %rsp
	andq $-16, %rsp
	movq %rdx, %rdi
	xorl %ebp, %ebp
	call *%rsi
	ud2

	.data
	.balign 8
	.globl syscall_kstack_top
syscall_kstack_top:	.quad 0
syscall_user_rsp:	.quad 0
	.globl fpu_user_area
fpu_user_area:		.quad 0
	.globl fpu_use_xsave
fpu_use_xsave:		.byte 0
	.balign 4
kernel_mxcsr:		.long 0x1f80	/* all SIMD exceptions masked (SDM vol. 1 10.2.3) */

	.section .note.GNU-stack, "", @progbits
