/* The #GP-safe RDMSR that detection reads SEV_STATUS with
 * (arch/x86_64/io.c cpu_rdmsr_safe + arch_exception_fixup), executed for
 * real: this host runs the test in ring 3, where RDMSR always raises #GP
 * (Intel SDM vol. 2B RDMSR, "#GP(0) if the current privilege level is not
 * 0"; AMD APM vol. 3 RDMSR), which Linux delivers as SIGSEGV. The signal
 * handler plays the kernel's trap path (kernel/trap.c: a kernel #GP goes to
 * arch_exception_fixup first): it builds the trap frame from the signal
 * context, calls the real arch_exception_fixup, and resumes where it says.
 * So the instruction, its labels, the register convention (RSI = 1 on a
 * fault) and the fixup are the kernel's own; QEMU's TCG cannot show this
 * (it returns 0 for SEV_STATUS instead of raising #GP). Detection's answer
 * to a faulted read ("no SEV") is test_coco_detect's. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include <cmocka.h>

#include "arch/x86_64/io.c"

/* io.c's paravirtual branches: never taken here (coco_pv_kind = 0). */
uint32_t coco_pv_kind;
uint32_t coco_io_in(uint16_t port, unsigned size) { (void)port; (void)size; fail(); return 0; }
void coco_io_out(uint16_t port, unsigned size, uint32_t v) { (void)port; (void)size; (void)v; fail(); }
bool coco_mmio_read(volatile void *a, unsigned s, uint64_t *v) { (void)a; (void)s; (void)v; fail(); return false; }
bool coco_mmio_write(volatile void *a, unsigned s, uint64_t v) { (void)a; (void)s; (void)v; fail(); return false; }
bool coco_cpuid(uint32_t l, uint32_t s, uint32_t o[4]) { (void)l; (void)s; (void)o; fail(); return false; }
uint64_t coco_msr_read(uint32_t msr) { (void)msr; fail(); return 0; }
void coco_msr_write(uint32_t msr, uint64_t v) { (void)msr; (void)v; fail(); }
bool coco_msr_native(uint32_t kind, uint32_t msr) { (void)kind; (void)msr; return true; }

static int n_faults, n_fixed;
static uint64_t fault_rip;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;
	struct trap_frame f;
	(void)sig;
	(void)si;

	n_faults++;
	memset(&f, 0, sizeof(f));
	f.vector = 13;              /* #GP */
	f.cs = 0x08;                /* as the kernel's own fault */
	f.rip = (uint64_t)g[REG_RIP];
	f.rax = (uint64_t)g[REG_RAX];
	f.rdx = (uint64_t)g[REG_RDX];
	f.rsi = (uint64_t)g[REG_RSI];
	fault_rip = f.rip;
	if (!arch_exception_fixup(&f)) {
		signal(SIGSEGV, SIG_DFL);   /* an unexpected fault: die loudly */
		return;
	}
	n_fixed++;
	g[REG_RIP] = (greg_t)f.rip;
	g[REG_RAX] = (greg_t)f.rax;
	g[REG_RDX] = (greg_t)f.rdx;
	g[REG_RSI] = (greg_t)f.rsi;
}

/* Inside the test: cmocka installs its own SIGSEGV handler around each
 * test, and this one must be the one that runs. */
static void take_sigsegv(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	assert_int_equal(sigaction(SIGSEGV, &sa, NULL), 0);
}

/* SEV_STATUS (C001_0131) faults: -EIO, value 0, resumed after the RDMSR. */
static void test_sev_status_gp_gives_eio_and_zero(void **state)
{
	uint64_t v = 0x1234;
	(void)state;
	take_sigsegv();
	n_faults = n_fixed = 0;
	assert_int_equal(cpu_rdmsr_safe(0xC0010131u, &v), -EIO);
	assert_int_equal(v, 0);
	assert_int_equal(n_faults, 1);
	assert_int_equal(n_fixed, 1);
	assert_int_equal(fault_rip, (uint64_t)(uintptr_t)cpu_rdmsr_safe_insn);
	/* and again: nothing sticky */
	assert_int_equal(cpu_rdmsr_safe(0xC0010131u, &v), -EIO);
	assert_int_equal(n_fixed, 2);
}

/* Only a ring-0 #GP at that one instruction is fixed up: another vector,
 * another address, or a user-mode fault goes to the normal trap path. */
static void test_fixup_only_for_ring0_gp_at_the_label(void **state)
{
	struct trap_frame f;
	(void)state;
	memset(&f, 0, sizeof(f));
	f.vector = 13;
	f.cs = 0x08;
	f.rip = (uint64_t)(uintptr_t)cpu_rdmsr_safe_insn;
	assert_true(arch_exception_fixup(&f));
	assert_int_equal(f.rip, (uint64_t)(uintptr_t)cpu_rdmsr_safe_resume);
	assert_int_equal(f.rsi, 1);
	f.rip = (uint64_t)(uintptr_t)cpu_rdmsr_safe_insn;
	f.vector = 14;
	assert_false(arch_exception_fixup(&f));
	f.vector = 13;
	f.cs = 0x2b;
	assert_false(arch_exception_fixup(&f));
	f.cs = 0x08;
	f.rip += 1;
	assert_false(arch_exception_fixup(&f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sev_status_gp_gives_eio_and_zero),
		cmocka_unit_test(test_fixup_only_for_ring0_gp_at_the_label),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
