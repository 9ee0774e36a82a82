/* x86-64 CPU control for the kernel (not for drivers: they use
 * include/futeet/io.h). Intel SDM Dec 2024 vol. 3A chapters 2, 4, 5, 6, 13. */
#ifndef FUTEET_ARCH_CPU_H
#define FUTEET_ARCH_CPU_H

#include <stdbool.h>
#include <stdint.h>
#include "futeet/compiler.h"

/* GDT selectors (arch/x86_64/gdt.c). SYSRET loads CS = STAR[63:48] + 16 and
 * SS = STAR[63:48] + 8 (SDM vol. 2B, SYSRET), hence user data before code. */
#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UDATA (0x18 | 3)
#define SEL_UCODE (0x20 | 3)
#define SEL_TSS   0x28

/* What the boot CPU offers (CPUID, SDM vol. 2A table 3-8 / 3-10). */
struct cpu_features {
	bool nx, smep, smap, umip, xsave, rdrand, rdseed, avx, aesni, pclmul;
	bool hypervisor, invariant_tsc;
	uint32_t xsave_size;   /* bytes for the enabled XCR0 components */
	uint64_t xcr0;
	uint32_t max_leaf, max_ext_leaf;
	char vendor[13];
};
extern struct cpu_features cpu_features;

/* The register file a trap saves (arch/x86_64/trap.S pushes it). */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;   /* pushed by the CPU */
};
FUTEET_ASSERT_OFFSET(struct trap_frame, vector, 15 * 8);
FUTEET_ASSERT_OFFSET(struct trap_frame, rip, 17 * 8);

/* What syscall_entry saves (arch/x86_64/syscall.S). */
struct syscall_frame {
	uint64_t nr;                         /* rax on entry, result on exit */
	uint64_t rdi, rsi, rdx, r10, r8, r9; /* arguments, restored on exit */
	uint64_t rip, rflags, rsp;           /* user rcx, r11, rsp */
	uint64_t rbx, rbp, r12, r13, r14, r15;
};
FUTEET_ASSERT_OFFSET(struct syscall_frame, rip, 7 * 8);
FUTEET_ASSERT_SIZE(struct syscall_frame, 16 * 8);

void cpu_init(void);            /* features, EFER.NXE, CR0/CR4, XCR0, SSE */
void cpu_enable_smep_smap(void);/* after the kernel's page tables are live */
void gdt_init(uint64_t kstack_top, const uint64_t ist_tops[4]);
void idt_init(void);
void syscall_init(uint64_t kstack_top);
void fpu_init(void);            /* user FPU save area, clean initial state */
void fpu_reset(void);           /* that clean state again, for the next program */
/* The program's FPU state, saved at syscall entry and restored on return
 * (cpu_features.xsave_size bytes): kernel/linux.c keeps a copy across a
 * signal handler. */
extern uint8_t *fpu_user_area;

uint64_t cpu_read_cr2(void);
void cpu_write_cr3(uint64_t v);
void cpu_invlpg(uint64_t va);
bool cpu_rdseed64(uint64_t *v);
bool cpu_rdrand64(uint64_t *v);
FUTEET_NORETURN void cpu_halt(void);
FUTEET_NORETURN void cpu_triple_fault(void);

/* Copy between kernel and user memory with SMAP's AC flag set for the
 * duration (the caller has validated the range). */
void cpu_user_copy(void *dst, const void *src, size_t n);

/* Assembly entry points (entry.S, syscall.S). */
FUTEET_NORETURN void arch_call_on_stack(void *stack_top, FUTEET_NORETURN void (*fn)(void *), void *arg);
FUTEET_NORETURN void arch_enter_user(uint64_t rip, uint64_t rsp);

/* A kernel exception the faulting code expects (cpu_rdmsr_safe's #GP):
 * true when the frame was redirected to resume (arch/x86_64/io.c). */
bool arch_exception_fixup(struct trap_frame *f);

/* C handlers the assembly calls. */
void trap_handler(struct trap_frame *f);
void syscall_dispatch(struct syscall_frame *f);
FUTEET_NORETURN void syscall_bad_return(struct syscall_frame *f);

#endif
