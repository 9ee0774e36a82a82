/* Runs the FUTEET user programs (build/user/{hello,selftest,fault,bench}.elf) on the
 * Linux host. They are static ELF64 executables that speak the Linux x86-64
 * syscall ABI, so Linux itself is an independent kernel to check crt0, the
 * libfuteet stubs and the libc against, before (and apart from) the FUTEET
 * kernel. Only the selftest checks whose expected answer is also Linux's are
 * run here; the FUTEET-only rules (stack location, argv[0], W^X, mmap of
 * files refused) are left to the QEMU tests. */
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "uapi/futeet/memlayout.h"

static char user_dir[PATH_MAX + 8];

/* build/tests/unit/<this> -> build/user/ */
static int find_user_dir(void **state)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n <= 0)
		return -1;
	self[n] = 0;
	for (int i = 0; i < 3; i++) {
		slash = strrchr(self, '/');
		if (!slash)
			return -1;
		*slash = 0;
	}
	snprintf(user_dir, sizeof(user_dir), "%s/user", self);
	return 0;
}

struct run {
	int status;
	char out[65536];
	size_t len;
};

/* Runs user_dir/prog with argv (argv[0] as given), stdin /dev/null, stdout
 * and stderr into r->out, no inherited descriptors above 2. */
static void run_prog(const char *prog, char *const argv[], struct run *r)
{
	char path[PATH_MAX + 32];
	char *const envp[] = { "FUTEET_TEST=1", NULL };
	int fds[2];
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s.elf", user_dir, prog);
	assert_int_equal(access(path, X_OK), 0);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);
		struct rlimit no_core = { 0, 0 };

		setrlimit(RLIMIT_CORE, &no_core);   /* fault modes: no core files */

		dup2(nul, 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close_range(3, ~0U, 0);
		execve(path, argv, envp);
		_exit(127);
	}
	close(fds[1]);
	r->len = 0;
	for (;;) {
		ssize_t n = read(fds[0], r->out + r->len, sizeof(r->out) - 1 - r->len);

		if (n <= 0)
			break;
		r->len += (size_t)n;
	}
	r->out[r->len] = 0;
	close(fds[0]);
	assert_int_equal(waitpid(pid, &r->status, 0), pid);
}

/* user/user.lds.S's promise to the kernel's loader, checked on every built
 * program (ELF gABI; x86-64 psABI): a static ET_EXEC, first PT_LOAD at
 * USER_BASE, every PT_LOAD below the loader's IMAGE_LIMIT (both from
 * uapi/futeet/memlayout.h), text R+X, everything else non-executable, no segment both
 * writable and executable, page-aligned, no interpreter, dynamic section or
 * TLS, a non-executable PT_GNU_STACK, the entry point inside the text. */
#define USER_BASE FUTEET_USER_BASE
static void check_elf(const char *path)
{
	static unsigned char img[4 << 20];
	FILE *f = fopen(path, "rb");
	size_t n;
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
	int loads = 0, stack = 0, entry_in_text = 0;

	assert_non_null(f);
	n = fread(img, 1, sizeof(img), f);
	fclose(f);
	assert_true(n >= sizeof(Elf64_Ehdr));
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64)
		fail_msg("%s: not an x86-64 ELF64 ET_EXEC", path);
	assert_int_equal(eh->e_phentsize, sizeof(Elf64_Phdr));
	assert_true(eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) <= n);
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = (const Elf64_Phdr *)(img + eh->e_phoff) + i;

		if (ph->p_type == PT_INTERP || ph->p_type == PT_DYNAMIC || ph->p_type == PT_TLS)
			fail_msg("%s: segment type %u (interpreter, dynamic or TLS)", path, ph->p_type);
		if (ph->p_type == PT_GNU_STACK) {
			stack = 1;
			if (ph->p_flags & PF_X)
				fail_msg("%s: executable stack requested", path);
		}
		if (ph->p_type != PT_LOAD)
			continue;
		if (loads++ == 0 && ph->p_vaddr != USER_BASE)
			fail_msg("%s: first PT_LOAD at %#llx, want %#llx", path,
				 (unsigned long long)ph->p_vaddr, USER_BASE);
		if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
			fail_msg("%s: PT_LOAD %d is writable and executable", path, i);
		if (ph->p_vaddr % 4096 || ph->p_offset % 4096 || ph->p_vaddr < USER_BASE ||
		    ph->p_vaddr + ph->p_memsz > FUTEET_IMAGE_LIMIT || ph->p_filesz > ph->p_memsz)
			fail_msg("%s: PT_LOAD %d misplaced (vaddr %#llx offset %#llx)", path, i,
				 (unsigned long long)ph->p_vaddr, (unsigned long long)ph->p_offset);
		if ((ph->p_flags & PF_X) && eh->e_entry >= ph->p_vaddr &&
		    eh->e_entry < ph->p_vaddr + ph->p_memsz)
			entry_in_text = 1;
	}
	if (loads < 2 || !stack || !entry_in_text)
		fail_msg("%s: %d PT_LOADs, PT_GNU_STACK %d, entry in text %d", path, loads, stack,
			 entry_in_text);
}

static void test_user_programs_are_static_wx_separated_at_user_base(void **state)
{
	DIR *d = opendir(user_dir);
	struct dirent *e;
	int seen = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		char path[PATH_MAX + 300];

		if (l < 5 || strcmp(e->d_name + l - 4, ".elf"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", user_dir, e->d_name);
		check_elf(path);
		seen++;
	}
	closedir(d);
	assert_true(seen >= 4);   /* hello, selftest, fault, bench at least */
}

static void test_hello_prints_greeting_and_each_argument(void **state)
{
	static struct run r;
	char *const argv[] = { "hello", "a", "b c", NULL };

	run_prog("hello", argv, &r);
	assert_true(WIFEXITED(r.status));
	assert_int_equal(WEXITSTATUS(r.status), 0);
	assert_string_equal(r.out, "Hello from FUTEET userland\n"
				   "argv[0] = hello\n"
				   "argv[1] = a\n"
				   "argv[2] = b c\n");
}

/* selftest checks whose expected result Linux shares */
static const char *const linux_checks[] = {
	"entry_registers_leak_nothing_from_the_kernel",
	"entry_fpu_registers_hold_no_kernel_data",
	"write_stdout_returns_length",
	"write_kernel_or_unmapped_buffer_efault",
	"write_buffer_wrapping_past_user_end_efault",
	"write_bad_fd_ebadf",
	"unknown_syscall_enosys",
	"syscall_preserves_registers",
	"xmm_registers_survive_syscalls",
	"ymm_registers_survive_syscalls",
	"fp_control_and_x87_stack_survive_syscalls",
	"clock_monotonic_advances",
	"clock_gettime_bad_clock_einval",
	"clock_gettime_bad_pointer_efault",
	"getrandom_fills_and_differs",
	"getrandom_large_request",
	"getrandom_bad_pointer_efault",
	"getrandom_known_flags_accepted",
	"getrandom_unknown_flags_einval",
	"futeet_random_fills_loops_and_refuses_bad_buffers",
	"futeet_strerror_names_every_errno",
	"brk_grows_zeroed_and_shrinks",
	"mmap_anonymous_zeroed_writable_distinct",
	"munmap_then_mmap_again_is_zeroed",
	"munmap_bad_range_einval",
	"munmap_middle_page_keeps_neighbours",
	"readonly_mapping_refuses_kernel_writes",
	"malloc_free_stress",
	"snprintf_formats",
};

static void test_selftest_checks_pass_on_linux(void **state)
{
	enum { N = sizeof(linux_checks) / sizeof(linux_checks[0]) };
	static struct run r;
	char *argv[N + 2];
	char want[128];

	argv[0] = "selftest";
	for (size_t i = 0; i < N; i++)
		argv[i + 1] = (char *)linux_checks[i];
	argv[N + 1] = NULL;
	run_prog("selftest", argv, &r);
	for (size_t i = 0; i < N; i++) {
		snprintf(want, sizeof(want), "\nok %s\n", linux_checks[i]);
		if (!strstr(r.out, want) && strncmp(r.out, want + 1, strlen(want + 1)))
			fail_msg("no \"ok %s\" in:\n%s", linux_checks[i], r.out);
	}
	snprintf(want, sizeof(want), "selftest: %d passed, 0 failed\n", (int)N);
	if (!strstr(r.out, want))
		fail_msg("no \"%s\" in:\n%s", want, r.out);
	assert_true(WIFEXITED(r.status));
	assert_int_equal(WEXITSTATUS(r.status), 0);
}

static void test_selftest_reports_failure_in_exit_status(void **state)
{
	/* on Linux, W+X mappings are allowed: this FUTEET rule must FAIL here,
	 * which shows that a failing check reaches the exit status */
	static struct run r;
	char *const argv[] = { "selftest", "mmap_write_exec_einval", NULL };

	run_prog("selftest", argv, &r);
	assert_non_null(strstr(r.out, "FAIL mmap_write_exec_einval: "));
	assert_non_null(strstr(r.out, "selftest: 0 passed, 1 failed\n"));
	assert_true(WIFEXITED(r.status));
	assert_int_equal(WEXITSTATUS(r.status), 1);
}

static void test_fault_modes_are_killed_after_announcing(void **state)
{
	/* Linux turns #PF and #GP into SIGSEGV, #UD into SIGILL, #DE into
	 * SIGFPE, #BP into SIGTRAP (arch/x86/kernel/traps.c) */
	static const struct { const char *mode; int sig; } modes[] = {
		{ "read-kernel", SIGSEGV }, { "null", SIGSEGV }, { "noncanonical", SIGSEGV },
		{ "write-text", SIGSEGV }, { "write-rodata", SIGSEGV },
		{ "write-readonly", SIGSEGV }, { "exec-stack", SIGSEGV },
		{ "exec-data", SIGSEGV }, { "nxdata", SIGSEGV }, { "use-after-munmap", SIGSEGV },
		{ "stack-overflow", SIGSEGV }, { "ud2", SIGILL }, { "div0", SIGFPE },
		{ "privileged", SIGSEGV }, { "int3", SIGTRAP }, { "abort", SIGILL },
		{ "single-step", SIGTRAP },
	};
	static struct run r;
	char want[64];

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		char *const argv[] = { "fault", (char *)modes[i].mode, NULL };

		run_prog("fault", argv, &r);
		snprintf(want, sizeof(want), "fault: trying %s\n", modes[i].mode);
		/* the line must be out before the fault: stdout flushes at '\n' */
		if (strcmp(r.out, want))
			fail_msg("%s: output \"%s\"", modes[i].mode, r.out);
		if (!WIFSIGNALED(r.status) || WTERMSIG(r.status) != modes[i].sig)
			fail_msg("%s: status %#x, want signal %d", modes[i].mode, r.status,
				 modes[i].sig);
	}
}

static void test_fault_tf_and_gsbase_modes_reach_their_syscall(void **state)
{
	/* the syscall in each mode must return (Linux masks TF on entry and
	 * restores GS), then the program dies: SIGTRAP for TF; SIGSEGV for the
	 * #PF after the GS base was set, or SIGILL where WRGSBASE is off */
	static struct run r;
	char *const tf[] = { "fault", "single-step-syscall", NULL };
	char *const gs[] = { "fault", "gsbase", NULL };

	run_prog("fault", tf, &r);
	assert_string_equal(r.out, "fault: trying single-step-syscall\n"
				   "fault: single-step-syscall: the syscall returned\n");
	assert_true(WIFSIGNALED(r.status));
	assert_int_equal(WTERMSIG(r.status), SIGTRAP);
	run_prog("fault", gs, &r);
	assert_true(WIFSIGNALED(r.status));
	if (WTERMSIG(r.status) == SIGILL) {
		assert_string_equal(r.out, "fault: trying gsbase\n");
	} else {
		assert_int_equal(WTERMSIG(r.status), SIGSEGV);
		assert_string_equal(r.out, "fault: trying gsbase\n"
					   "fault: gsbase: syscall with a garbage GS base returned\n");
	}
}

static void test_fault_assert_reports_then_aborts(void **state)
{
	static struct run r;
	char *const argv[] = { "fault", "assert", NULL };

	const char *msg;

	run_prog("fault", argv, &r);
	/* "FILE:LINE: FUNC: ..." with the file relative to the tree
	 * (-ffile-prefix-map keeps build paths out of the binaries) */
	msg = "fault: trying assert\nuser/apps/fault.c:";
	assert_memory_equal(r.out, msg, strlen(msg));
	assert_non_null(strstr(r.out, ": main: assertion failed: argc == 0\n"));
	assert_true(WIFSIGNALED(r.status));
	assert_int_equal(WTERMSIG(r.status), SIGILL);
}

static void test_bench_reports_every_measure(void **state)
{
	static const char *const names[] = { "syscall_enosys", "clock_gettime", "getrandom_32B",
					      "getrandom_4KiB", "write_0B", "mmap_touch_munmap_4KiB",
					      "mmap_munmap_1MiB", "malloc_free" };
	static struct run r;
	char *const argv[] = { "bench", NULL };

	run_prog("bench", argv, &r);
	assert_true(WIFEXITED(r.status));
	assert_int_equal(WEXITSTATUS(r.status), 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char want[64];
		const char *line;
		long ops = 0, ns = -1;

		snprintf(want, sizeof(want), "bench: %s ", names[i]);
		line = strstr(r.out, want);
		if (!line || sscanf(line + strlen(want), "%ld ops %ld ns/op", &ops, &ns) != 2 ||
		    ops <= 0 || ns < 0)
			fail_msg("no \"%s N ops M ns/op\" line in:\n%s", want, r.out);
	}
	assert_non_null(strstr(r.out, "bench: done\n"));
}

static void test_fault_exit_n_exits_with_n(void **state)
{
	static struct run r;
	char *const argv[] = { "fault", "exit", "7", NULL };
	char *const argv0[] = { "fault", "exit", "0", NULL };

	run_prog("fault", argv, &r);
	assert_true(WIFEXITED(r.status));
	assert_int_equal(WEXITSTATUS(r.status), 7);
	/* the last line has no newline: exit() flushed it */
	assert_string_equal(r.out, "fault: trying exit\nfault: exit(7)");
	run_prog("fault", argv0, &r);
	assert_true(WIFEXITED(r.status));
	assert_int_equal(WEXITSTATUS(r.status), 0);
}

static void test_fault_reports_survival_with_status_1(void **state)
{
	/* reading our own text is allowed: "survived" must be reported */
	static struct run r;
	char *const argv[] = { "fault", "read-kernel", "0x700000000000", NULL };

	run_prog("fault", argv, &r);
	assert_non_null(strstr(r.out, "fault: read-kernel survived: read 0x700000000000 = "));
	assert_true(WIFEXITED(r.status));
	assert_int_equal(WEXITSTATUS(r.status), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_programs_are_static_wx_separated_at_user_base),
		cmocka_unit_test(test_hello_prints_greeting_and_each_argument),
		cmocka_unit_test(test_selftest_checks_pass_on_linux),
		cmocka_unit_test(test_selftest_reports_failure_in_exit_status),
		cmocka_unit_test(test_fault_modes_are_killed_after_announcing),
		cmocka_unit_test(test_fault_tf_and_gsbase_modes_reach_their_syscall),
		cmocka_unit_test(test_fault_exit_n_exits_with_n),
		cmocka_unit_test(test_fault_assert_reports_then_aborts),
		cmocka_unit_test(test_bench_reports_every_measure),
		cmocka_unit_test(test_fault_reports_survival_with_status_1),
	};

	return cmocka_run_group_tests(tests, find_user_dir, NULL);
}
