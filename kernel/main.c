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
#include "kernel/linux_syscall.h"
#include "kernel/port.h"
#include "kernel/proc.h"
#include "kernel/vfs.h"

#define KSTACK_PAGES 16   /* 64 KiB: syscalls and traps from ring 3 */
#define IST_PAGES    4    /* 16 KiB each: NMI, #DF, #MC, #VC/#VE */
#define DEBUG_EXIT_PORT 0xf4 /* QEMU isa-debug-exit, iobase=0xf4, iosize=4 */

static struct boot_info *boot;
static void print_timeline(void);

void kernel_report_exit(uint32_t code)
{
	/* After the program, not before it: the timeline's microseconds may
	 * need the PIT calibration that boot no longer waits for (kernel/time.c). */
	static bool timeline_printed;   /* a panic while printing it comes back here */
	if (boot && boot->tsc[BOOT_STAMP_USER] && !timeline_printed) {
		timeline_printed = true;
		time_report();
		print_timeline();
	}
	/* scripts/run --stdout keeps this many bytes of the second serial
	 * port (the firmware wrote there before the kernel). */
	if (cmdline_has("futeet.stdout", "serial1"))
		kprintf("futeet: serial1: %llu bytes of program output\n",
			(unsigned long long)uart_serial1_count());
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
 * kernel's page tables are live (guard_stacks). Not zeroed: ring 0 only. */
static uint64_t alloc_stack(size_t pages)
{
	uint64_t p;
	if (pmm_alloc_pages_unzeroed(pages + 1, &p))
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

/* The environment of every program: PATH, HOME, TERM, then each env=K=V of
 * the command line (which may override them). */
static const char *envp[PROC_ENV_MAX];
static int envc;

static void env_init(void)
{
	static const char *const defaults[] = { "PATH=/bin:/sbin:/usr/bin:/usr/sbin", "HOME=/",
						"TERM=dumb" };
	const char *extra[PROC_ENV_MAX];
	int n = cmdline_get_all("env", extra, PROC_ENV_MAX);
	envc = 0;
	for (unsigned i = 0; i < FUTEET_ARRAY_SIZE(defaults); i++) {
		bool overridden = false;
		size_t k = (size_t)(strchr(defaults[i], '=') - defaults[i]);
		for (int j = 0; j < n; j++)
			overridden = overridden || (strncmp(extra[j], defaults[i], k + 1) == 0);
		if (!overridden)
			envp[envc++] = defaults[i];
	}
	for (int j = 0; j < n && envc < PROC_ENV_MAX; j++)
		envp[envc++] = extra[j];
}

/* Load a program: an initrd path ("/bin/x") or an embedded program's name,
 * measured (runtime register 2) before it is mapped, with a fresh file
 * table, signals and TLS. */
static int program_load(const char *init, int argc, const char *const *argv, uint64_t *entry,
			uint64_t *sp)
{
	const uint8_t *img;
	size_t size;
	char path[VFS_PATH_MAX];
	const char *why = NULL;
	int err;

	if (init[0] != '/') {
		const struct user_blob *blob = user_blob_find(init);
		if (!blob)
			return -ENOENT;
		tee_measure_program(init, blob->start, (size_t)(blob->end - blob->start));
		vfs_reset_process(init, argc, argv);
		linux_reset_process(init);
		port_reset_process();
		return proc_load(init, argc, argv, envc, envp, entry, sp);
	}
	err = vfs_lookup_file(init, &img, &size, path, sizeof(path));
	if (err) {
		kprintf("futeet: %s: not a file in the initrd: %s\n", init, futeet_strerror(err));
		return err;
	}
	tee_measure_program(path, img, size);
	vfs_reset_process(path, argc, argv);
	linux_reset_process(path);
	port_reset_process();
	err = proc_load_image(path, img, size, argc, argv, envc, envp, entry, sp, &why);
	if (err)
		kprintf("futeet: %s refused: %s\n", path, why ? why : futeet_strerror(err));
	return err;
}

/* A run list (futeet.runlist=/path in the initrd): one program per line,
 * its arguments separated by TABs; empty lines and lines starting with '#'
 * are skipped. The programs run one after the other in the same boot,
 * sharing /tmp; the kernel reports each one's status and where its output
 * starts and ends on the second serial port. */
#define RUNLIST_LINE_MAX 4096u
static struct {
	bool batch;
	const uint8_t *list;
	size_t len, pos;
	unsigned run;
	uint64_t out_start;
	char list_path[VFS_PATH_MAX];
	char line[RUNLIST_LINE_MAX];
} runner;

FUTEET_NORETURN static void run_next(void)
{
	for (;;) {
		if (runner.pos >= runner.len) {
			kprintf("futeet: run list %s done: %u programs\n", runner.list_path, runner.run);
			kernel_report_exit(0);
		}
		size_t n = 0;
		while (runner.pos < runner.len && runner.list[runner.pos] != '\n') {
			if (n + 1 < sizeof(runner.line))
				runner.line[n++] = (char)runner.list[runner.pos];
			runner.pos++;
		}
		runner.pos++;
		runner.line[n] = '\0';
		if (n == 0 || runner.line[0] == '#')
			continue;
		const char *argv[PROC_ARGC_MAX];
		int argc = 0;
		char *p = runner.line;
		while (argc < PROC_ARGC_MAX) {
			argv[argc++] = p;
			char *t = strchr(p, '\t');
			if (!t)
				break;
			*t = '\0';
			p = t + 1;
		}
		runner.run++;
		uint64_t entry, sp;
		proc_teardown();
		fpu_reset();
		runner.out_start = uart_serial1_count();
		int err = program_load(argv[0], argc, argv, &entry, &sp);
		if (err) {
			kprintf("futeet: run %u: status 127 (not loaded: %s) stdout %llu-%llu\n", runner.run,
				futeet_strerror(err), (unsigned long long)runner.out_start,
				(unsigned long long)runner.out_start);
			continue;
		}
		kprintf("futeet: run %u: starting %s\n", runner.run, argv[0]);
		arch_enter_user(entry, sp);
	}
}

void kernel_program_ended(int status, const char *killed)
{
	port_reset_process();   /* its ports close: a shared-memory peer reads 0 */
	uart_end_line();
	if (killed)
		kprintf("futeet: user program '%s' killed: %s\n", proc.name, killed);
	else
		kprintf("futeet: program '%s' exited with status %d\n", proc.name, status);
	if (runner.batch) {
		kprintf("futeet: run %u: status %d stdout %llu-%llu\n", runner.run,
			killed ? 128 + 9 : status, (unsigned long long)runner.out_start,
			(unsigned long long)uart_serial1_count());
		run_next();
	}
	if (killed)
		kernel_report_exit(EXIT_KILLED);
	uint32_t code = status < 0 || status > EXIT_STATUS_MAX ? EXIT_STATUS_MAX : (uint32_t)status;
	kernel_report_exit(code);
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

	if (cmdline_has("futeet.stdout", "serial1")) {
		uart_serial1_init();
		vfs_set_stdout_serial1(true);
	}
	/* The initrd and stdin (host input, fw_cfg): measured, then parsed. */
	if (initrd_init())
		panic("the initrd was refused (see the line above)");
	env_init();

	const char *list = cmdline_get("futeet.runlist");
	if (list) {
		if (vfs_lookup_file(list, &runner.list, &runner.len, runner.list_path,
				    sizeof(runner.list_path)))
			panic("futeet.runlist=%s: no such file in the initrd", list);
		runner.batch = true;
		run_next();
	}

	const char *init = cmdline_get("init");
	if (!init)
		init = "hello";
	const char *argv[PROC_ARGC_MAX];
	int nargs = cmdline_argv(argv + 1, PROC_ARGC_MAX - 1);
	if (nargs < 0)
		panic("more than %d program arguments after \" -- \" on the command line",
		      CMDLINE_ARGS_MAX);
	argv[0] = init;

	uint64_t entry, sp;
	int err = program_load(init, nargs + 1, argv, &entry, &sp);
	if (err == -ENOENT && init[0] != '/') {
		char have[256];
		user_blob_list(have, sizeof(have));
		panic("no embedded program named '%s' (have: %s)", init, have);
	}
	if (err)
		panic("cannot load program '%s': %s", init, futeet_strerror(err));

	bi->tsc[BOOT_STAMP_USER] = cpu_rdtsc();
	kprintf("futeet: starting '%s'\n", init);
	arch_enter_user(entry, sp);
}
