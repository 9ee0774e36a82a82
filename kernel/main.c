/* kernel_main: from the firmware's hand-off to the user program. The order
 * matters: our own descriptors and page tables come before any memory the
 * firmware may still be using is reused (kernel/pmm.c). */
#include <string.h>

#include "arch/x86_64/coco/detect.h"
#include "arch/x86_64/coco/pv.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/uart.h"
#include "futeet/acpi.h"
#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/tee.h"
#include "kernel/kernel.h"
#include "kernel/proc.h"

#define KSTACK_PAGES 16   /* 64 KiB: syscalls and traps from ring 3 */
#define IST_PAGES    4    /* 16 KiB each: NMI, #DF, #MC, #VC/#VE */
#define DEBUG_EXIT_PORT 0xf4 /* QEMU isa-debug-exit, iobase=0xf4, iosize=4 */

static struct boot_info *boot;

void kernel_report_exit(uint32_t code)
{
	/* Which confidential-computing exits ran (0 and 0 on a plain VM). */
	kprintf("futeet: platform exits: %llu VMGEXIT, %llu TDCALL\n",
		(unsigned long long)coco_vmgexit_count(), (unsigned long long)coco_tdcall_count());
	/* QEMU's isa-debug-exit turns this into exit((code << 1) | 1). On a
	 * host without it the write goes nowhere and the CPU halts. */
	io_outl(DEBUG_EXIT_PORT, code);
	kprintf("futeet: halted (exit code %u)\n", code);
	cpu_halt();
}

#define NSTACKS 5
static uint64_t stack_guards[NSTACKS];
static int nstack_guards;

/* A stack of 'pages' with one more page below it, unmapped once the
 * kernel's page tables are live (guard_stacks). */
static uint64_t alloc_stack(size_t pages)
{
	uint64_t p;
	if (pmm_alloc_pages(pages + 1, &p))
		panic("no memory for kernel stacks");
	if (nstack_guards < NSTACKS)
		stack_guards[nstack_guards++] = p;
	return p + (pages + 1) * PAGE_SIZE;
}

static void guard_stacks(void)
{
	for (int i = 0; i < nstack_guards; i++)
		paging_guard_kernel_page(stack_guards[i]);
}

/* futeet.test=...: faults the kernel causes on purpose, so that tests can
 * see what the host sees: a triple fault, and the kernel's own W^X (a write
 * to kernel text, a jump into kernel data), each a reported panic. The
 * host, which owns the command line, could stop the VM anyway. */
static void kernel_self_test(const char *what)
{
	static const uint8_t ret_insn[1] = { 0xc3 }; /* RET, in kernel data (NX) */
	if (!what)
		return;
	kprintf("futeet: futeet.test=%s: faulting on purpose\n", what);
	if (strcmp(what, "triple-fault") == 0)
		cpu_triple_fault();
	if (strcmp(what, "write-kernel-text") == 0) {
		volatile uint8_t *text = (volatile uint8_t *)(uintptr_t)&kernel_main;
		*text = *text;
	}
	if (strcmp(what, "exec-kernel-data") == 0) {
		void (*fn)(void) = (void (*)(void))(uintptr_t)ret_insn;
		fn();
	}
	panic("futeet.test=%s: the fault did not happen", what);
}

static void print_timeline(void)
{
	static const char *const what[BOOT_STAMP_COUNT] = {
		"efi_main", "ExitBootServices", "kernel_main", "user entry",
	};
	kprintf("futeet: boot timeline (microseconds since efi_main):\n");
	for (int i = 0; i < BOOT_STAMP_COUNT; i++)
		kprintf("futeet:   %-18s %llu\n", what[i],
			(unsigned long long)time_tsc_to_us(boot->tsc[i] - boot->tsc[0]));
}

void kernel_main(struct boot_info *bi)
{
	bi->tsc[BOOT_STAMP_KERNEL] = cpu_rdtsc();
	boot = bi;
	uart_init();
	kprintf("\nfuteet: FUTEET kernel, booted by UEFI (ExitBootServices after %u attempt%s)\n",
		bi->ebs_attempts, bi->ebs_attempts == 1 ? "" : "s");
	kprintf("futeet: command line: \"%s\"\n", bi->cmdline);

	cpu_init();
	pmm_init(bi);
	uint64_t kstack = alloc_stack(KSTACK_PAGES);
	uint64_t ist[4];
	for (int i = 0; i < 4; i++)
		ist[i] = alloc_stack(IST_PAGES);
	gdt_init(kstack, ist);
	idt_init();
	if (coco_detect(bi))
		panic("platform detection refused this platform");
	paging_init(bi);
	coco_late_init(bi);
	guard_stacks();
	cpu_enable_smep_smap();
	pmm_add_boot_services(bi);
	kprintf("futeet: cpu %s: nx smep=%d smap=%d umip=%d xsave=%d (%u bytes) rdrand=%d rdseed=%d\n",
		cpu_features.vendor, cpu_features.smep, cpu_features.smap, cpu_features.umip,
		cpu_features.xsave, cpu_features.xsave_size, cpu_features.rdrand, cpu_features.rdseed);

	time_init(bi->tsc[BOOT_STAMP_EFI_ENTRY]);
	cmdline_init(bi->cmdline);
	kernel_self_test(cmdline_get("futeet.test"));
	random_init();
	fpu_init();
	syscall_init(kstack);
	const char *inject = cmdline_get("futeet.detect");
	if (inject && coco_inject_recorded(bi, inject))
		panic("futeet.detect=%s: not a recorded platform (tdx, snp)", inject);
	if (coco_check_masks())
		panic("platform initialisation failed");
	if (tee_init(bi))
		panic("platform initialisation failed");
	if (cmdline_get("futeet.acpi"))
		acpi_report(bi);
	/* Host input: measured (TDX RTMR2) before init= and argv are used. */
	tee_measure_cmdline(bi->cmdline);

	const char *init = cmdline_get("init");
	if (!init)
		init = "hello";
	const char **args;
	int nargs = cmdline_argv(&args);
	const char *argv[PROC_ARGC_MAX];
	if (nargs < 0)
		panic("more than %d program arguments after \" -- \" on the command line",
		      CMDLINE_ARGS_MAX);
	argv[0] = init;
	for (int i = 0; i < nargs; i++)
		argv[i + 1] = args[i];

	/* The program as embedded, measured before it is loaded and run. */
	const struct user_blob *blob = user_blob_find(init);
	if (blob)
		tee_measure_program(init, blob->start, (size_t)(blob->end - blob->start));

	uint64_t entry, sp;
	int err = proc_load(init, nargs + 1, argv, &entry, &sp);
	if (err == -ENOENT) {
		char have[256];
		user_blob_list(have, sizeof(have));
		panic("no embedded program named '%s' (have: %s)", init, have);
	}
	if (err)
		panic("cannot load program '%s': %s", init, futeet_strerror(err));

	bi->tsc[BOOT_STAMP_USER] = cpu_rdtsc();
	print_timeline();
	kprintf("futeet: starting '%s'\n", init);
	arch_enter_user(entry, sp);
}
