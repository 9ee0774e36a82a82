/* Exception entry: one stub per vector 0-31, one common path.
 *
 * ABI of trap_common (Intel SDM vol. 3A 6.14.2, 64-bit stack frame):
 *   on entry the stack holds, from the top: vector, error code (0 for
 *   vectors without one, pushed by the stub), RIP, CS, RFLAGS, RSP, SS.
 *   trap_common pushes rax..r15 so that rsp points at a struct trap_frame
 *   (arch/x86_64/cpu.h), clears AC (SMAP) and DF, aligns the stack and calls
 *   trap_handler(frame) with rdi = frame. If trap_handler returns, the
 *   registers are restored and IRETQ resumes the interrupted context.
 *   Every exception from ring 3 is fatal to the program today, so the user's
 *   FPU state is not saved here; a handler that resumes ring 3 must save it.
 */
	.text

.macro TRAP_NOERR vec
	.balign 16
trap_stub_\vec:
	pushq $0
	pushq $\vec
	jmp trap_common
.endm

.macro TRAP_ERR vec
	.balign 16
trap_stub_\vec:
	pushq $\vec
	jmp trap_common
.endm

/* Vectors that push an error code: 8, 10-14, 17, 21, 29, 30 (SDM table 6-1). */
TRAP_NOERR 0
TRAP_NOERR 1
TRAP_NOERR 2
TRAP_NOERR 3
TRAP_NOERR 4
TRAP_NOERR 5
TRAP_NOERR 6
TRAP_NOERR 7
TRAP_ERR   8
TRAP_NOERR 9
TRAP_ERR   10
TRAP_ERR   11
TRAP_ERR   12
TRAP_ERR   13
TRAP_ERR   14
TRAP_NOERR 15
TRAP_NOERR 16
TRAP_ERR   17
TRAP_NOERR 18
TRAP_NOERR 19
TRAP_NOERR 20
TRAP_ERR   21
TRAP_NOERR 22
TRAP_NOERR 23
TRAP_NOERR 24
TRAP_NOERR 25
TRAP_NOERR 26
TRAP_NOERR 27
TRAP_NOERR 28
TRAP_ERR   29
TRAP_ERR   30
TRAP_NOERR 31

trap_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	testb $1, cpu_smap_enabled(%rip)
	jz 1f
	clac
1:
	movq %rsp, %rdi
	movq %rsp, %rbx          /* callee-saved: the frame */
	andq $-16, %rsp
	call trap_handler
	movq %rbx, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp           /* vector, error code */
	iretq

	.section .data.trap_stub_table, "aw"
	.balign 8
	.globl trap_stub_table
trap_stub_table:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad trap_stub_\v
	.endr

	.section .note.GNU-stack, "", @progbits
