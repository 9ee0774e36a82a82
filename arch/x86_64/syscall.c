/* SYSCALL/SYSRET MSRs and the user's FPU save area. Intel SDM Dec 2024
 * vol. 3A 5.8.8 (IA32_STAR/LSTAR/FMASK), vol. 1 10.5 and 13 (FXSAVE/XSAVE). */
#include <string.h>

#include "arch/x86_64/cpu.h"
#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "futeet/printk.h"

#define MSR_EFER  0xC0000080u
#define EFER_SCE  (1ull << 0)
#define MSR_STAR  0xC0000081u
#define MSR_LSTAR 0xC0000082u
#define MSR_FMASK 0xC0000084u
/* Cleared on SYSCALL: TF(8) IF(9) DF(10) AC(18) NT(14) (SDM 3.4.3). */
#define SYSCALL_FMASK ((1u << 8) | (1u << 9) | (1u << 10) | (1u << 14) | (1u << 18))

/* FXSAVE/XSAVE legacy region: FCW at 0, MXCSR at 24 (SDM vol. 1 table 10-2). */
#define FX_FCW_OFF   0
#define FX_MXCSR_OFF 24
#define FCW_INIT     0x037f
#define MXCSR_INIT   0x1f80

extern void syscall_entry(void);
extern uint64_t syscall_kstack_top;
extern uint8_t *fpu_user_area;
extern uint8_t fpu_use_xsave;

void syscall_init(uint64_t kstack_top)
{
	syscall_kstack_top = kstack_top;
	cpu_wrmsr(MSR_STAR, ((uint64_t)(SEL_UDATA - 8 - 3) << 48) | ((uint64_t)SEL_KCODE << 32));
	cpu_wrmsr(MSR_LSTAR, (uint64_t)(uintptr_t)syscall_entry);
	cpu_wrmsr(MSR_FMASK, SYSCALL_FMASK);
	uint64_t efer = cpu_rdmsr(MSR_EFER);
	if (!(efer & EFER_SCE)) /* unchanged EFER is not written: #VE in a TD (cpu.c) */
		cpu_wrmsr(MSR_EFER, efer | EFER_SCE);
}

/* The program starts from the architectural initial FPU state: an all-zero
 * XSAVE header (XSTATE_BV = 0) puts every component in its init state on
 * the first restore; FCW and MXCSR hold their reset values. */
void fpu_init(void)
{
	uint64_t phys;
	size_t size = cpu_features.xsave_size;
	size_t pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;

	if (size < 512 || pages > 4)
		panic("unexpected FPU save area size %zu", size);
	if (pmm_alloc_pages(pages, &phys) != 0)
		panic("no memory for the FPU save area");
	fpu_user_area = (uint8_t *)(uintptr_t)phys; /* page aligned >= 64 */
	uint16_t fcw = FCW_INIT;
	uint32_t mxcsr = MXCSR_INIT;
	memcpy(fpu_user_area + FX_FCW_OFF, &fcw, sizeof(fcw));
	memcpy(fpu_user_area + FX_MXCSR_OFF, &mxcsr, sizeof(mxcsr));
	fpu_use_xsave = cpu_features.xsave ? 1 : 0;
}

/* A new program after another (a run list): the initial FPU state again. */
void fpu_reset(void)
{
	uint16_t fcw = FCW_INIT;
	uint32_t mxcsr = MXCSR_INIT;
	size_t pages = (cpu_features.xsave_size + PAGE_SIZE - 1) / PAGE_SIZE;
	memset(fpu_user_area, 0, pages * PAGE_SIZE);
	memcpy(fpu_user_area + FX_FCW_OFF, &fcw, sizeof(fcw));
	memcpy(fpu_user_area + FX_MXCSR_OFF, &mxcsr, sizeof(mxcsr));
}
