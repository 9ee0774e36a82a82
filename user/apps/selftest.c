/* selftest: checks of the kernel's user ABI from ring 3, in the style of xv6's
 * usertests: a table of named checks, each printing "ok NAME" or
 * "FAIL NAME: why", then "selftest: N passed, M failed"; the exit status is 0
 * iff nothing failed. `selftest NAME...` runs only the named checks.
 *
 * What "right" means comes from the ABI the kernel promises (syscalls.def,
 * Linux x86-64 semantics: bad pointer -EFAULT, unknown call -ENOSYS, bad fd
 * -EBADF, W^X, psABI 3.4.1 process start state). Faults that kill the
 * program are tested by the fault program and the host harness instead. */
#include <errno.h>
#include <futeet/futeet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
/* The kernel's user ABI (futeet/memlayout.h): programs load at USER_BASE,
 * the stack is the 1 MiB below STACK_TOP, user addresses stop at USER_END
 * (the canonical-address boundary, Intel SDM vol. 1, 3.3.7.1). */
#define USER_BASE  ((unsigned long)FUTEET_USER_BASE)
#define STACK_TOP  ((unsigned long)FUTEET_STACK_TOP)
#define STACK_SIZE ((unsigned long)FUTEET_STACK_SIZE)
#define USER_END   ((unsigned long)FUTEET_USER_TOP)

#define KERNEL_ADDR   0xffff800000000000UL   /* bottom of the upper half */
#define NONCANONICAL  0x0000800000000000UL   /* first non-canonical address */

/* selftest_probe.S */
long probe_gpr(long nr, long a0, long a1, long a2, long out[12]);
long probe_xmm(long nr, long a0, long a1, long a2, const void *in, void *out);
long probe_ymm(long nr, long a0, long a1, long a2, const void *in, void *out);
struct fpctl {
	uint32_t mxcsr;
	uint16_t fcw;
	uint16_t pad;
	double st1;
	double st0;
};
_Static_assert(__builtin_offsetof(struct fpctl, st1) == 8, "probe_fpctl layout");
_Static_assert(__builtin_offsetof(struct fpctl, st0) == 16, "probe_fpctl layout");
long probe_fpctl(long nr, long a0, long a1, long a2, const struct fpctl *in, struct fpctl *out);

/* crt0.S: MXCSR and x87 control word as the kernel handed them to us */
extern uint32_t __ulibc_entry_mxcsr;
extern uint16_t __ulibc_entry_fcw;
/* crt0.S: rax rbx rcx rdx rsi rdi rbp r8-r15 rsp rflags at _start */
extern uint64_t __ulibc_entry_regs[17];
#define RFLAGS_DF (1UL << 10)   /* Intel SDM vol. 1, 3.4.3.2 */
/* crt0.S: FXSAVE image at _start. Layout: Intel SDM vol. 1, 10.5.1, Table 10-2 */
extern unsigned char __ulibc_entry_fxsave[512];
#define FXSAVE_FTW  4     /* abridged tag word: bit i set = ST(i) holds a value */
#define FXSAVE_ST0  32    /* ST0..ST7 / MM0..MM7, 16 bytes each */
#define FXSAVE_XMM0 160   /* XMM0..XMM15, 16 bytes each */

/* user.lds: the first page after the program's highest segment */
extern char __user_end[];

static int g_argc;
static char **g_argv;
static long g_initial_brk;   /* brk(0) before anything could move it */
static char why[256];

#define FAIL(...)                                        \
	do {                                             \
		snprintf(why, sizeof(why), __VA_ARGS__); \
		return why;                              \
	} while (0)
#define EXPECT(cond, ...)             \
	do {                          \
		if (!(cond))          \
			FAIL(__VA_ARGS__); \
	} while (0)
/* a raw syscall result must be exactly -err */
#define EXPECT_ERR(r, err, what) \
	EXPECT((r) == -(err), "%s: got %ld, want -%s (%d)", what, (long)(r), #err, -(err))

static uint64_t prng_state = 0x2545f4914f6cdd1dULL;
static uint64_t prng(void)   /* xorshift64 (Marsaglia 2003) */
{
	prng_state ^= prng_state << 13;
	prng_state ^= prng_state >> 7;
	prng_state ^= prng_state << 17;
	return prng_state;
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		if (c[i])
			return false;
	return true;
}

static long map_pages(size_t n, int prot)
{
	return futeet_sys_mmap(0, (long)(n * PAGE), prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/* ---- process start (psABI 3.4.1) ---- */

static const char *check_start_state_follows_psabi(void)
{
	int local;
	uintptr_t sp = (uintptr_t)&local;

	EXPECT(__ulibc_entry_mxcsr == 0x1f80, "MXCSR at entry %#x, want 0x1f80",
	       __ulibc_entry_mxcsr);
	EXPECT(__ulibc_entry_fcw == 0x037f, "x87 control word at entry %#x, want 0x37f",
	       __ulibc_entry_fcw);
	EXPECT(sp < STACK_TOP && sp >= STACK_TOP - STACK_SIZE, "stack at %p, not in the 1 MiB below %#lx",
	       (void *)&local, STACK_TOP);
	return NULL;
}

static const char *check_entry_registers_leak_nothing_from_the_kernel(void)
{
	static const char *const names[15] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp",
					       "r8", "r9", "r10", "r11", "r12", "r13", "r14",
					       "r15" };
	uint64_t sp = __ulibc_entry_regs[15], fl = __ulibc_entry_regs[16];

	/* Linux starts a static program with them zero; any value must at
	 * least not be a kernel address */
	for (int i = 0; i < 15; i++)
		EXPECT(__ulibc_entry_regs[i] < USER_END, "%s = %#lx at entry: a kernel value",
		       names[i], (unsigned long)__ulibc_entry_regs[i]);
	EXPECT(sp % 16 == 0, "rsp %#lx at entry is not 16-byte aligned", (unsigned long)sp);
	EXPECT(sp == (uintptr_t)(g_argv - 1), "rsp %#lx at entry does not point at argc (%p)",
	       (unsigned long)sp, (void *)(g_argv - 1));
	EXPECT(!(fl & RFLAGS_DF), "RFLAGS.DF set at entry (psABI 3.4.1: clear)");
	return NULL;
}

static const char *check_entry_fpu_registers_hold_no_kernel_data(void)
{
	/* the kernel may use SSE itself (and hold keys there): a new program
	 * must start from a clean FPU state, as Linux's exec does */
	for (int i = 0; i < 16; i++)
		EXPECT(all_zero(__ulibc_entry_fxsave + FXSAVE_XMM0 + 16 * i, 16),
		       "xmm%d not zero at entry", i);
	for (int i = 0; i < 8; i++)
		EXPECT(all_zero(__ulibc_entry_fxsave + FXSAVE_ST0 + 16 * i, 10),
		       "st%d/mm%d not zero at entry", i, i);
	EXPECT(__ulibc_entry_fxsave[FXSAVE_FTW] == 0, "x87 tag word %#x at entry: registers in use",
	       __ulibc_entry_fxsave[FXSAVE_FTW]);
	return NULL;
}

static const char *check_argv_envp_auxv_are_well_formed(void)
{
	char **envp;
	unsigned long *auxv;
	int i;

	EXPECT(g_argc >= 1, "argc %d", g_argc);
	EXPECT(g_argv[g_argc] == NULL, "argv[argc] is not NULL");
	EXPECT(!strcmp(g_argv[0], "selftest"), "argv[0] is \"%s\", want \"selftest\"", g_argv[0]);
	for (i = 0; i < g_argc; i++)
		EXPECT((uintptr_t)g_argv[i] >= STACK_TOP - STACK_SIZE && (uintptr_t)g_argv[i] < STACK_TOP,
		       "argv[%d] = %p is not on the stack", i, (void *)g_argv[i]);
	envp = g_argv + g_argc + 1;
	for (i = 0; envp[i]; i++)
		EXPECT(i < 256, "no NULL after 256 environment entries");
	auxv = (unsigned long *)(envp + i + 1);
	for (i = 0; auxv[2 * i] != 0; i++)   /* AT_NULL = 0 (psABI 3.4.3) */
		EXPECT(i < 64, "no AT_NULL in 64 auxv entries");
	return NULL;
}

/* ---- write ---- */

static const char *check_write_stdout_returns_length(void)
{
	static const char msg[] = "selftest: write probe (fd 1)\n";
	static const char msg2[] = "selftest: write probe (fd 2)\n";
	long r;

	fflush(stdout);
	r = futeet_sys_write(1, (long)msg, sizeof(msg) - 1);
	EXPECT(r == (long)sizeof(msg) - 1, "write(1) returned %ld, want %zu", r, sizeof(msg) - 1);
	r = futeet_sys_write(2, (long)msg2, sizeof(msg2) - 1);
	EXPECT(r == (long)sizeof(msg2) - 1, "write(2) returned %ld, want %zu", r, sizeof(msg2) - 1);
	r = futeet_sys_write(1, (long)msg, 0);
	EXPECT(r == 0, "write(1, buf, 0) returned %ld, want 0", r);
	return NULL;
}

static const char *check_write_kernel_or_unmapped_buffer_efault(void)
{
	static const struct { unsigned long addr; const char *what; } bad[] = {
		{ 0, "NULL" },
		{ 0x1000, "0x1000 (unmapped low page)" },
		{ KERNEL_ADDR, "0xffff800000000000 (kernel half)" },
		{ 0xffffffff80000000UL, "0xffffffff80000000 (kernel half)" },
		{ NONCANONICAL, "0x0000800000000000 (non-canonical)" },
		{ 0x8000000000000000UL, "0x8000000000000000 (non-canonical)" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long r = futeet_sys_write(1, (long)bad[i].addr, 16);

		EXPECT_ERR(r, EFAULT, bad[i].what);
	}
	return NULL;
}

static const char *check_write_buffer_wrapping_past_user_end_efault(void)
{
	long r;

	/* starts on the (mapped) top of the stack, runs past its end */
	r = futeet_sys_write(1, (long)(STACK_TOP - 8), 64);
	EXPECT_ERR(r, EFAULT, "stack top - 8, len 64");
	/* starts in user space, ends past the canonical boundary */
	r = futeet_sys_write(1, (long)(USER_END - 16), 32);
	EXPECT_ERR(r, EFAULT, "0x7ffffffffff0, len 32");
	/* pointer + length wraps around 2^64 */
	r = futeet_sys_write(1, -16L, 32);
	EXPECT_ERR(r, EFAULT, "0xfffffffffffffff0, len 32");
	r = futeet_sys_write(1, (long)"x", -1L);
	EXPECT_ERR(r, EFAULT, "valid pointer, len SIZE_MAX");
	return NULL;
}

static const char *check_write_buffer_crossing_into_unmapped_page_efault(void)
{
	long m = map_pages(2, PROT_READ | PROT_WRITE);
	long r;

	EXPECT(!futeet_is_err(m), "mmap 2 pages: %ld", m);
	memset((char *)m + PAGE - 8, 'A', 8);
	r = futeet_sys_munmap(m + (long)PAGE, (long)PAGE);
	EXPECT(r == 0, "munmap second page: %ld", r);
	r = futeet_sys_write(1, m + (long)PAGE - 8, 16);
	EXPECT_ERR(r, EFAULT, "8 mapped bytes + 8 unmapped");
	r = futeet_sys_write(1, m + (long)PAGE, 8);
	EXPECT_ERR(r, EFAULT, "a just-unmapped page");
	r = futeet_sys_munmap(m, (long)PAGE);
	EXPECT(r == 0, "munmap first page: %ld", r);
	return NULL;
}

static const char *check_write_bad_fd_ebadf(void)
{
	static const long fds[] = { 0, 3, 1000, -1 };   /* int fd: high bits may be dropped, as Linux does */

	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		long r = futeet_sys_write(fds[i], (long)"x", 1);

		EXPECT(r == -EBADF, "write(fd %ld) returned %ld, want -EBADF", fds[i], r);
	}
	return NULL;
}

/* ---- dispatch ---- */

static const char *check_unknown_syscall_enosys(void)
{
	static const long nrs[] = { 999, 5000, 1023, -1L, 0x7fffffffL };

	for (size_t i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		long r = futeet_syscall(nrs[i], 0, 0, 0, 0, 0, 0);

		EXPECT(r == -ENOSYS, "syscall %#lx returned %ld, want -ENOSYS", nrs[i], r);
	}
	return NULL;
}

static const char *check_syscall_preserves_registers(void)
{
	/* Linux x86-64: only rax (result), rcx and r11 change */
	static const char *const names[12] = { "rdi", "rsi", "rdx", "r8", "r9", "r10",
					       "rbx", "rbp", "r12", "r13", "r14", "r15" };
	unsigned char buf[32];
	long out[12], want[12];
	long r;

	for (int pass = 0; pass < 2; pass++) {
		if (pass == 0) {   /* an unknown call: the shortest path */
			r = probe_gpr(999, 0x0101010101010101L, 0x0202020202020202L,
				      0x0303030303030303L, out);
			want[0] = 0x0101010101010101L;
			want[1] = 0x0202020202020202L;
			want[2] = 0x0303030303030303L;
			EXPECT(r == -ENOSYS, "syscall 999 returned %ld", r);
		} else {           /* a real one that copies out */
			r = probe_gpr(FUTEET_SYS_getrandom, (long)buf, sizeof(buf), 0, out);
			want[0] = (long)buf;
			want[1] = sizeof(buf);
			want[2] = 0;
			EXPECT(r == (long)sizeof(buf), "getrandom returned %ld", r);
		}
		want[3] = 0x0808080808080808L;
		want[4] = 0x0909090909090909L;
		want[5] = 0x0a0a0a0a0a0a0a0aL;
		want[6] = 0x0b0b0b0b0b0b0b0bL;
		want[7] = 0x0c0c0c0c0c0c0c0cL;
		want[8] = 0x1212121212121212L;
		want[9] = 0x1313131313131313L;
		want[10] = 0x1414141414141414L;
		want[11] = 0x1515151515151515L;
		for (int i = 0; i < 12; i++)
			EXPECT(out[i] == want[i], "%s: %s changed to %#lx", pass ? "getrandom" : "syscall 999",
			       names[i], out[i]);
	}
	return NULL;
}

/* ---- FPU / SSE / AVX state ---- */

static const char *check_xmm_registers_survive_syscalls(void)
{
	unsigned char in[256], out[256], buf[64];
	long r;

	for (int round = 0; round < 200; round++) {
		for (size_t i = 0; i < sizeof(in); i++)
			in[i] = (unsigned char)(i * 37 + 11 + round);
		memset(out, 0, sizeof(out));
		if (round == 0) {
			static const char msg[] = "selftest: xmm probe via write\n";

			fflush(stdout);
			r = probe_xmm(FUTEET_SYS_write, 1, (long)msg, sizeof(msg) - 1, in, out);
			EXPECT(r == (long)sizeof(msg) - 1, "write returned %ld", r);
		} else if (round == 1) {
			struct timespec ts;

			r = probe_xmm(FUTEET_SYS_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0, in, out);
			EXPECT(r == 0, "clock_gettime returned %ld", r);
		} else {
			r = probe_xmm(FUTEET_SYS_getrandom, (long)buf, sizeof(buf), 0, in, out);
			EXPECT(r == (long)sizeof(buf), "getrandom returned %ld", r);
		}
		for (int reg = 0; reg < 16; reg++)
			EXPECT(!memcmp(in + 16 * reg, out + 16 * reg, 16),
			       "xmm%d changed across syscall (round %d)", reg, round);
	}
	return NULL;
}

/* CPUID.1:ECX bit 27 OSXSAVE, bit 28 AVX; XCR0 bits 1 (SSE) and 2 (AVX)
 * (Intel SDM vol. 1, 13.3 "Enabling the XSAVE feature set"). */
static bool avx_enabled(void)
{
	unsigned a, b, c, d, lo, hi;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
	if (!(c & (1u << 27)) || !(c & (1u << 28)))
		return false;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	(void)hi;
	return (lo & 6) == 6;
}

static const char *check_ymm_registers_survive_syscalls(void)
{
	unsigned char in[512], out[512], buf[64];

	if (!avx_enabled())
		return "skip";
	for (int round = 0; round < 100; round++) {
		long r;

		for (size_t i = 0; i < sizeof(in); i++)
			in[i] = (unsigned char)(i * 53 + 7 + round);
		memset(out, 0, sizeof(out));
		r = probe_ymm(FUTEET_SYS_getrandom, (long)buf, sizeof(buf), 0, in, out);
		EXPECT(r == (long)sizeof(buf), "getrandom returned %ld", r);
		for (int reg = 0; reg < 16; reg++)
			EXPECT(!memcmp(in + 32 * reg, out + 32 * reg, 32),
			       "ymm%d changed across syscall (round %d)%s", reg, round,
			       !memcmp(in + 32 * reg, out + 32 * reg, 16) ? ": upper half" : "");
	}
	return NULL;
}

static const char *check_fp_control_and_x87_stack_survive_syscalls(void)
{
	/* round toward zero in both units (MXCSR.RC = 11b, FCW.RC = 11b,
	 * Intel SDM vol. 1, 10.2.3 and 8.1.5), and two values on the x87 stack */
	struct fpctl in = { .mxcsr = 0x7f80, .fcw = 0x0f7f, .st1 = 2.718281828459045,
			    .st0 = -1234.5 };
	struct fpctl out;
	unsigned char buf[64];

	for (int round = 0; round < 50; round++) {
		long r;

		memset(&out, 0, sizeof(out));
		r = probe_fpctl(FUTEET_SYS_getrandom, (long)buf, sizeof(buf), 0, &in, &out);
		EXPECT(r == (long)sizeof(buf), "getrandom returned %ld", r);
		EXPECT(out.mxcsr == in.mxcsr, "MXCSR %#x became %#x", in.mxcsr, out.mxcsr);
		EXPECT(out.fcw == in.fcw, "x87 control word %#x became %#x", in.fcw, out.fcw);
		EXPECT(!memcmp(&out.st0, &in.st0, 8) && !memcmp(&out.st1, &in.st1, 8),
		       "x87 stack changed across syscall");
	}
	return NULL;
}

/* ---- clock_gettime ---- */

static const char *check_clock_monotonic_advances(void)
{
	struct timespec a, b, prev;
	long r;
	int spins;

	r = futeet_sys_clock_gettime(CLOCK_MONOTONIC, (long)&a);
	EXPECT(r == 0, "clock_gettime(CLOCK_MONOTONIC) returned %ld", r);
	EXPECT(a.tv_nsec >= 0 && a.tv_nsec < 1000000000L, "tv_nsec %ld out of range", a.tv_nsec);
	EXPECT(a.tv_sec >= 0, "tv_sec %ld negative", (long)a.tv_sec);
	prev = a;
	for (spins = 0; spins < 10000000; spins++) {
		r = futeet_sys_clock_gettime(CLOCK_MONOTONIC, (long)&b);
		EXPECT(r == 0, "clock_gettime returned %ld", r);
		EXPECT(b.tv_nsec >= 0 && b.tv_nsec < 1000000000L, "tv_nsec %ld out of range", b.tv_nsec);
		EXPECT(b.tv_sec > prev.tv_sec || (b.tv_sec == prev.tv_sec && b.tv_nsec >= prev.tv_nsec),
		       "went backwards: %ld.%09ld then %ld.%09ld", (long)prev.tv_sec, prev.tv_nsec,
		       (long)b.tv_sec, b.tv_nsec);
		prev = b;
		if (b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec > a.tv_nsec + 1000))
			break;
	}
	EXPECT(spins < 10000000, "did not advance by 1 us in 10^7 calls");
	r = futeet_sys_clock_gettime(CLOCK_BOOTTIME, (long)&b);
	EXPECT(r == 0, "clock_gettime(CLOCK_BOOTTIME) returned %ld", r);
	r = futeet_sys_clock_gettime(CLOCK_MONOTONIC_RAW, (long)&b);
	EXPECT(r == 0, "clock_gettime(CLOCK_MONOTONIC_RAW) returned %ld", r);
	return NULL;
}

static const char *check_clock_gettime_bad_clock_einval(void)
{
	static const long ids[] = { 12345, -1 };   /* clockid_t is an int */
	struct timespec ts;

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		long r = futeet_sys_clock_gettime(ids[i], (long)&ts);

		EXPECT(r == -EINVAL, "clockid %ld returned %ld, want -EINVAL", ids[i], r);
	}
	return NULL;
}

static const char *check_clock_gettime_bad_pointer_efault(void)
{
	long r;

	r = futeet_sys_clock_gettime(CLOCK_MONOTONIC, 0x1000);
	EXPECT_ERR(r, EFAULT, "0x1000");
	r = futeet_sys_clock_gettime(CLOCK_MONOTONIC, (long)KERNEL_ADDR);
	EXPECT_ERR(r, EFAULT, "kernel address");
	r = futeet_sys_clock_gettime(CLOCK_MONOTONIC, (long)(USER_END - 8));
	EXPECT_ERR(r, EFAULT, "struct straddling the end of user space");
	/* our own text is mapped but read-only: the kernel must not write it */
	r = futeet_sys_clock_gettime(CLOCK_MONOTONIC, (long)(uintptr_t)&check_clock_monotonic_advances);
	EXPECT_ERR(r, EFAULT, "read-only text");
	return NULL;
}

/* ---- getrandom ---- */

static const char *check_getrandom_fills_and_differs(void)
{
	unsigned char a[32], b[32];
	long r;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	r = futeet_sys_getrandom((long)a, sizeof(a), 0);
	EXPECT(r == (long)sizeof(a), "getrandom(32) returned %ld", r);
	r = futeet_sys_getrandom((long)b, sizeof(b), 0);
	EXPECT(r == (long)sizeof(b), "getrandom(32) returned %ld", r);
	EXPECT(memcmp(a, b, sizeof(a)), "two 32-byte draws are equal");
	EXPECT(!all_zero(a, sizeof(a)) && !all_zero(b, sizeof(b)), "a draw is all zero");
	r = futeet_sys_getrandom((long)a, 0, 0);
	EXPECT(r == 0, "getrandom(len 0) returned %ld", r);
	r = futeet_sys_getrandom((long)a, 1, 0);
	EXPECT(r == 1, "getrandom(len 1) returned %ld", r);
	return NULL;
}

static const char *check_getrandom_large_request(void)
{
	long m = map_pages(4, PROT_READ | PROT_WRITE);
	long r;

	EXPECT(!futeet_is_err(m), "mmap: %ld", m);
	r = futeet_sys_getrandom(m, (long)(4 * PAGE), 0);
	EXPECT(r > 0 && r <= (long)(4 * PAGE), "getrandom(16 KiB) returned %ld", r);
	EXPECT(!all_zero((void *)(m + r - 64), 64), "last 64 bytes written are zero");
	r = futeet_sys_munmap(m, (long)(4 * PAGE));
	EXPECT(r == 0, "munmap: %ld", r);
	return NULL;
}

static const char *check_getrandom_bad_pointer_efault(void)
{
	long r;

	r = futeet_sys_getrandom(0x1000, 32, 0);
	EXPECT_ERR(r, EFAULT, "0x1000");
	r = futeet_sys_getrandom((long)KERNEL_ADDR, 32, 0);
	EXPECT_ERR(r, EFAULT, "kernel address");
	r = futeet_sys_getrandom((long)(USER_END - 16), 32, 0);
	EXPECT_ERR(r, EFAULT, "buffer straddling the end of user space");
	r = futeet_sys_getrandom((long)(uintptr_t)&check_getrandom_fills_and_differs, 32, 0);
	EXPECT_ERR(r, EFAULT, "read-only text");
	return NULL;
}

/* ---- futeet_derive_key: the uapi's reserved fields ---- */

/* The syscall refuses reserved fields before it asks any platform, so the
 * answer is EINVAL on every platform (on "none" too, where a well-formed
 * request is EOPNOTSUPP). The platform checks the other fields. */
static const char *check_derive_key_reserved_fields_einval_on_any_platform(void)
{
	struct futeet_key_req req;
	unsigned char key[FUTEET_KEY_LEN];
	long r;

	memset(&req, 0, sizeof(req));
	req.reserved0 = 1;
	r = futeet_sys_futeet_derive_key((long)&req, (long)key);
	EXPECT_ERR(r, EINVAL, "reserved0 = 1");
	req.reserved0 = 0;
	req.reserved[1] = 1;
	r = futeet_sys_futeet_derive_key((long)&req, (long)key);
	EXPECT_ERR(r, EINVAL, "reserved[1] = 1");
	req.reserved[1] = 0;
	r = futeet_sys_futeet_derive_key((long)&req, (long)key);
	EXPECT(r == 0 || r == -EOPNOTSUPP, "a well-formed request: got %ld, want 0 or -EOPNOTSUPP", r);
	return NULL;
}

/* ---- futeet_random, futeet_time, futeet_counter (docs/API.md) ---- */

static const char *check_futeet_random_fills_loops_and_refuses_bad_buffers(void)
{
	static unsigned char a[64], b[64];
	size_t big = (2UL << 20) + 3 * PAGE;   /* past getrandom's 1 MiB per call */
	long m;
	int r;

	EXPECT(futeet_random(a, sizeof(a)) == 0 && futeet_random(b, sizeof(b)) == 0,
	       "futeet_random of 64 bytes failed");
	EXPECT(!all_zero(a, sizeof(a)) && memcmp(a, b, sizeof(a)), "64 random bytes zero or repeated");
	EXPECT(futeet_random(a, 0) == 0, "futeet_random of 0 bytes failed");
	m = map_pages(big / PAGE, PROT_READ | PROT_WRITE);
	EXPECT(!futeet_is_err(m), "mmap of %zu bytes: %ld", big, m);
	r = futeet_random((void *)m, big);
	EXPECT(r == 0, "futeet_random of %zu bytes: %d", big, r);
	EXPECT(!all_zero((unsigned char *)m + big - 64, 64), "the last 64 bytes stayed zero");
	EXPECT(futeet_sys_munmap(m, (long)big) == 0, "munmap");
	r = futeet_random((void *)0x1000, 16);
	EXPECT_ERR(r, EFAULT, "buffer at 0x1000");
	r = futeet_random((void *)KERNEL_ADDR, 16);
	EXPECT_ERR(r, EFAULT, "kernel address");
	r = futeet_random((void *)(USER_END - 8), 16);
	EXPECT_ERR(r, EFAULT, "buffer straddling the end of user space");
	return NULL;
}

static const char *check_futeet_time_flags_each_source(void)
{
	struct futeet_time t1, t2;
	struct futeet_caps c;
	long r;

	memset(&t1, 0xa5, sizeof(t1));
	r = futeet_time(&t1);
	EXPECT(r == 0, "futeet_time: %ld", r);
	r = futeet_caps(&c);
	EXPECT(r == 0, "futeet_caps: %ld", r);
	EXPECT(t1.reserved0 == 0 && t1.reserved[0] == 0 && t1.reserved[1] == 0,
	       "reserved fields not zero");
	EXPECT(t1.elapsed_flags & FUTEET_TIME_VALID, "elapsed time not valid");
	EXPECT(t1.tsc_hz >= 1000000 && t1.tsc_source >= FUTEET_TSC_TDX_CPUID &&
	       t1.tsc_source <= FUTEET_TSC_GUESS, "TSC %llu Hz, source %u",
	       (unsigned long long)t1.tsc_hz, t1.tsc_source);
	/* Trusted only where the TEE reports the TSC frequency (TDX; not
	 * recorded TDX values injected with futeet.detect, whose descriptor
	 * says no attestation); the sims and a plain VM take it from the
	 * host. */
	if (c.kind == FUTEET_TEE_TDX && futeet_caps_attests(&c))
		EXPECT((t1.elapsed_flags & FUTEET_TIME_TRUSTED) && t1.tsc_source == FUTEET_TSC_TDX_CPUID,
		       "TDX: elapsed time not trusted (source %u)", t1.tsc_source);
	else if (c.kind == FUTEET_TEE_SEV_SNP && futeet_caps_attests(&c) &&
		 t1.tsc_source == FUTEET_TSC_SNP_SECURE_TSC)
		/* SNP with Secure TSC (SEV_STATUS bit 11; never run) */
		EXPECT(t1.elapsed_flags & FUTEET_TIME_TRUSTED,
		       "SNP Secure TSC: elapsed time not trusted");
	else
		EXPECT(!(t1.elapsed_flags & FUTEET_TIME_TRUSTED) && t1.tsc_source != FUTEET_TSC_TDX_CPUID &&
		       t1.tsc_source != FUTEET_TSC_SNP_SECURE_TSC,
		       "platform %s: elapsed time claims to be trusted (source %u)", c.tee,
		       t1.tsc_source);
	EXPECT(!(t1.wall_flags & FUTEET_TIME_TRUSTED), "the host's wall clock claims to be trusted");
	if (t1.wall_flags & FUTEET_TIME_VALID)
		/* QEMU's RTC starts at the host's UTC time (-rtc base=utc) */
		EXPECT(t1.wall_source == FUTEET_WALL_CMOS_RTC && t1.wall_sec > 1577836800 &&
		       t1.wall_nsec == 0, "wall clock %lld s from source %u", (long long)t1.wall_sec,
		       t1.wall_source);
	else
		EXPECT(t1.wall_source == FUTEET_WALL_NONE && t1.wall_sec == 0,
		       "an invalid wall clock with source %u", t1.wall_source);
	r = futeet_time(&t2);
	EXPECT(r == 0 && t2.elapsed_ns > t1.elapsed_ns, "elapsed time did not advance: %llu -> %llu",
	       (unsigned long long)t1.elapsed_ns, (unsigned long long)t2.elapsed_ns);
	return NULL;
}

static const char *check_futeet_time_bad_pointer_or_flags_refused(void)
{
	struct futeet_time t;
	long m = map_pages(1, PROT_READ), r;

	EXPECT(!futeet_is_err(m), "mmap(PROT_READ): %ld", m);
	r = futeet_sys_futeet_time(0x1000, 0);
	EXPECT_ERR(r, EFAULT, "0x1000");
	r = futeet_sys_futeet_time((long)KERNEL_ADDR, 0);
	EXPECT_ERR(r, EFAULT, "kernel address");
	r = futeet_sys_futeet_time((long)(USER_END - 16), 0);
	EXPECT_ERR(r, EFAULT, "straddling the end of user space");
	r = futeet_sys_futeet_time(m, 0);
	EXPECT_ERR(r, EFAULT, "a PROT_READ page");
	EXPECT(all_zero((void *)m, PAGE), "the read-only page was written");
	r = futeet_sys_futeet_time((long)&t, 1);
	EXPECT_ERR(r, EINVAL, "flags 1");
	r = futeet_sys_futeet_time((long)&t, 1L << 32);
	EXPECT_ERR(r, EINVAL, "flags 1 << 32");
	EXPECT(futeet_sys_munmap(m, (long)PAGE) == 0, "munmap");
	return NULL;
}

static const char *check_futeet_counters_count_up_and_refuse_bad_ids(void)
{
	uint32_t id, extra[FUTEET_COUNTER_MAX];
	uint64_t v = 99;
	unsigned n = 0;
	long r;

	r = futeet_counter_create(&id);
	EXPECT(r == 0 && id < FUTEET_COUNTER_MAX, "create: %ld, id %u", r, id);
	EXPECT(futeet_counter_read(id, &v) == 0 && v == 0, "a new counter reads %llu",
	       (unsigned long long)v);
	EXPECT(futeet_counter_increment(id, &v) == 0 && v == 1, "first increment gave %llu",
	       (unsigned long long)v);
	EXPECT(futeet_counter_increment(id, &v) == 0 && v == 2, "second increment gave %llu",
	       (unsigned long long)v);
	/* a bad pointer: refused before the counter moves */
	r = futeet_counter_increment(id, (uint64_t *)KERNEL_ADDR);
	EXPECT_ERR(r, EFAULT, "increment into a kernel address");
	r = futeet_counter_read(id, (uint64_t *)0x1000);
	EXPECT_ERR(r, EFAULT, "read into 0x1000");
	EXPECT(futeet_counter_read(id, &v) == 0 && v == 2, "after the refused increment: %llu",
	       (unsigned long long)v);
	r = futeet_counter_read(FUTEET_COUNTER_MAX, &v);
	EXPECT_ERR(r, EINVAL, "id FUTEET_COUNTER_MAX");
	r = futeet_sys_futeet_counter(FUTEET_COUNTER_READ, -1L, (long)&v);
	EXPECT_ERR(r, EINVAL, "id -1");
	r = futeet_sys_futeet_counter(7, (long)id, (long)&v);
	EXPECT_ERR(r, EINVAL, "unknown op 7");
	r = futeet_sys_futeet_counter(FUTEET_COUNTER_CREATE, 1, 0);
	EXPECT_ERR(r, EINVAL, "create with id 1");
	r = futeet_sys_futeet_counter(FUTEET_COUNTER_CREATE, 0, (long)&v);
	EXPECT_ERR(r, EINVAL, "create with a value pointer");
	/* the table is small and fixed: create until -ENOSPC */
	while (n < FUTEET_COUNTER_MAX && futeet_counter_create(&extra[n]) == 0)
		n++;
	r = futeet_sys_futeet_counter(FUTEET_COUNTER_CREATE, 0, 0);
	EXPECT_ERR(r, ENOSPC, "create beyond FUTEET_COUNTER_MAX");
	EXPECT(n + 1 == FUTEET_COUNTER_MAX, "created %u more counters, the table holds %u", n,
	       FUTEET_COUNTER_MAX);
	for (unsigned i = 0; i < n; i++)
		EXPECT(futeet_counter_read(extra[i], &v) == 0 && v == 0, "counter %u reads %llu",
		       extra[i], (unsigned long long)v);
	return NULL;
}

static const char *check_futeet_counter_never_created_enoent(void)
{
	uint64_t v;
	long r;

	/* run on its own (selftest NAME), before any create: id 0 is unused */
	r = futeet_counter_read(FUTEET_COUNTER_MAX - 1, &v);
	EXPECT(r == -ENOENT || r == 0, "read of the last id: %ld", r);
	if (r == 0)
		return NULL;   /* the full run's counter check created them all */
	r = futeet_counter_increment(FUTEET_COUNTER_MAX - 1, &v);
	EXPECT_ERR(r, ENOENT, "increment of a counter never created");
	return NULL;
}

/* ---- the attestation calls: argument checks and -EOPNOTSUPP per platform ---- */

static const char *check_evidence_bad_nonce_or_buffer_refused(void)
{
	static unsigned char nonce[FUTEET_NONCE_MAX + 1], buf[256];
	size_t out;
	long r;

	r = futeet_sys_futeet_attest((long)nonce, 0, (long)buf, sizeof(buf), (long)&out, 0);
	EXPECT_ERR(r, EINVAL, "no nonce");
	r = futeet_sys_futeet_attest((long)nonce, 32, (long)(USER_END - 16), sizeof(buf), (long)&out, 0);
	EXPECT_ERR(r, EFAULT, "buffer straddling the end of user space");
	r = futeet_sys_futeet_attest((long)nonce, 32, (long)(uintptr_t)&check_evidence_bad_nonce_or_buffer_refused,
				     sizeof(buf), (long)&out, 0);
	EXPECT_ERR(r, EFAULT, "buffer in read-only text");
	return NULL;
}

/* What each platform supports (docs/API.md): the rest is -EOPNOTSUPP, never
 * a fake success. */
static const char *check_unsupported_calls_eopnotsupp_by_platform(void)
{
	static unsigned char nonce[32], buf[FUTEET_EVIDENCE_MAX], d[FUTEET_EXTEND_DIGEST_LEN];
	struct futeet_caps c;
	struct futeet_key_req req;
	unsigned char key[FUTEET_KEY_LEN];
	long r, want_key, want_extend;
	bool snp, tdx, att;

	r = futeet_caps(&c);
	EXPECT(r == 0, "futeet_caps: %ld", r);
	EXPECT(c.kind <= FUTEET_TEE_SIM_TDX, "unknown platform %u", c.kind);
	/* Without attestation (none, or recorded values injected with
	 * futeet.detect) nothing is supported. */
	att = futeet_caps_attests(&c);
	snp = att && (c.kind == FUTEET_TEE_SEV_SNP || c.kind == FUTEET_TEE_SIM_SNP);
	tdx = att && (c.kind == FUTEET_TEE_TDX || c.kind == FUTEET_TEE_SIM_TDX);
	EXPECT(!att || snp || tdx, "platform %s attests", c.tee);
	/* 1026 (futeet_tee_info) is retired: futeet_caps says all it said */
	r = futeet_syscall(1026, (long)&c, 0, 0, 0, 0, 0);
	EXPECT_ERR(r, ENOSYS, "the retired futeet_tee_info (1026)");
	if (!snp && !tdx) {
		size_t out;

		r = futeet_sys_futeet_attest((long)nonce, sizeof(nonce), (long)buf, sizeof(buf), (long)&out, 0);
		EXPECT_ERR(r, EOPNOTSUPP, "evidence without attestation");
	}
	memset(&req, 0, sizeof(req));
	want_key = snp ? 0 : -EOPNOTSUPP;     /* TDX has no sealing key */
	r = futeet_sys_futeet_derive_key((long)&req, (long)key);
	EXPECT(r == want_key, "platform %s: derive_key gave %ld, want %ld", c.tee, r, want_key);
	want_extend = snp || tdx ? 0 : -EOPNOTSUPP;  /* TDX RTMR3, SNP kernel register 3 */
	r = futeet_sys_futeet_extend(FUTEET_EXTEND_USER_INDEX, (long)d, sizeof(d), (long)"selftest", 8);
	EXPECT(r == want_extend, "platform %s: extend gave %ld, want %ld", c.tee, r, want_extend);
	return NULL;
}

/* ---- peer transports (futeet_port_*, docs/API.md) ---- */

/* The transport contract's refusals: unknown kinds and flags -EINVAL, a
 * handle never opened -EBADF, a kind without a device -ENODEV. With a
 * device present (a run that wires one) the open succeeds, a second open
 * is -EBUSY, and bad buffers are -EFAULT before a byte moves. */
static const char *check_port_calls_refuse_bad_kinds_handles_and_buffers(void)
{
	static unsigned char buf[64];
	long r, h;

	EXPECT_ERR(futeet_sys_futeet_port_open(0, 0), EINVAL, "kind 0");
	EXPECT_ERR(futeet_sys_futeet_port_open(FUTEET_PORT_KIND_MAX + 1, 0), EINVAL, "unknown kind");
	EXPECT_ERR(futeet_sys_futeet_port_open(FUTEET_PORT_STREAM, 1), EINVAL, "nonzero flags");
	EXPECT_ERR(futeet_sys_futeet_port_close(-1), EBADF, "close(-1)");
	EXPECT_ERR(futeet_sys_futeet_port_close(0), EBADF, "close(0)");
	EXPECT_ERR(futeet_sys_futeet_port_close(FUTEET_PORT_STREAM), EBADF, "close of a handle never opened");
	EXPECT_ERR(futeet_sys_futeet_port_send(FUTEET_PORT_SHM, (long)buf, 1), EBADF, "send on a handle never opened");
	EXPECT_ERR(futeet_sys_futeet_port_recv(FUTEET_PORT_STREAM, (long)buf, sizeof(buf), 1), EBADF,
		   "recv on a handle never opened");
	for (unsigned kind = 1; kind <= FUTEET_PORT_KIND_MAX; kind++) {
		h = futeet_sys_futeet_port_open(kind, 0);
		if (h == -ENODEV)
			continue;
		EXPECT(h >= 0, "port_open(%u): %ld, want a handle or -ENODEV", kind, h);
		r = futeet_sys_futeet_port_open(kind, 0);
		EXPECT(r == -EBUSY, "second port_open(%u): %ld, want -EBUSY", kind, r);
		r = futeet_sys_futeet_port_send(h, (long)(USER_END - 16), 64);
		EXPECT(r == -EFAULT, "send from past the end of user space: %ld", r);
		r = futeet_sys_futeet_port_send(h, (long)KERNEL_ADDR, 16);
		EXPECT(r == -EFAULT, "send from a kernel address: %ld", r);
		r = futeet_sys_futeet_port_recv(h, (long)(uintptr_t)&check_port_calls_refuse_bad_kinds_handles_and_buffers,
						sizeof(buf), 1);
		EXPECT(r == -EFAULT, "recv into read-only text: %ld", r);
		r = futeet_sys_futeet_port_recv(h, (long)buf, 0, 1);
		EXPECT(r == -EINVAL, "recv with cap 0: %ld", r);
		EXPECT(futeet_sys_futeet_port_close(h) == 0, "close");
		EXPECT_ERR(futeet_sys_futeet_port_close(h), EBADF, "second close");
	}
	return NULL;
}

static const char *check_futeet_strerror_names_every_errno(void)
{
	EXPECT(!strcmp(futeet_strerror(-EOPNOTSUPP), "Operation not supported"), "-EOPNOTSUPP: \"%s\"",
	       futeet_strerror(-EOPNOTSUPP));
	EXPECT(!strcmp(futeet_strerror(EFAULT), "Bad address"), "EFAULT: \"%s\"",
	       futeet_strerror(EFAULT));
	EXPECT(!strcmp(futeet_strerror(-4095), "Unknown error"), "-4095: \"%s\"", futeet_strerror(-4095));
	EXPECT(futeet_strerror(-EINVAL) == strerror(EINVAL), "libc and libfuteet disagree on EINVAL");
	return NULL;
}

static const char *check_getrandom_known_flags_accepted(void)
{
	static const long flags[] = { GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE };
	unsigned char a[16];

	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		long r = futeet_sys_getrandom((long)a, sizeof(a), flags[i]);

		EXPECT(r == (long)sizeof(a), "flags %#lx: returned %ld, want %zu", flags[i], r,
		       sizeof(a));
	}
	return NULL;
}

static const char *check_getrandom_unknown_flags_einval(void)
{
	unsigned char a[16];
	long r;

	r = futeet_sys_getrandom((long)a, sizeof(a), 0x80);
	EXPECT_ERR(r, EINVAL, "flags 0x80");
	r = futeet_sys_getrandom((long)a, sizeof(a), 0x80000000L);
	EXPECT_ERR(r, EINVAL, "flags 0x80000000");
	return NULL;
}

/* ---- brk ---- */

static const char *check_brk_grows_zeroed_and_shrinks(void)
{
	long cur = futeet_sys_brk(0), r;
	unsigned char *p;

	EXPECT(!futeet_is_err(cur) && cur > (long)USER_BASE, "brk(0) returned %#lx", cur);
	p = (unsigned char *)cur;
	r = futeet_sys_brk(cur + 3 * (long)PAGE);
	EXPECT(r == cur + 3 * (long)PAGE, "brk(+3 pages) returned %#lx, want %#lx", r,
	       cur + 3 * (long)PAGE);
	EXPECT(all_zero(p, 3 * PAGE), "new break memory is not zero");
	memset(p, 0x5a, 3 * PAGE);
	EXPECT(p[3 * PAGE - 1] == 0x5a, "break memory not writable");
	r = futeet_sys_brk(cur);
	EXPECT(r == cur, "brk(back) returned %#lx, want %#lx", r, cur);
	r = futeet_sys_brk(cur + 3 * (long)PAGE);
	EXPECT(r == cur + 3 * (long)PAGE, "brk(+3 pages again) returned %#lx", r);
	EXPECT(all_zero(p, 3 * PAGE), "memory given back and taken again is not zero");
	r = futeet_sys_brk(cur);
	EXPECT(r == cur, "brk(back) returned %#lx", r);
	/* refusals leave the break where it was (Linux: returns the old break) */
	r = futeet_sys_brk(0x1000);
	EXPECT(r == cur, "brk(0x1000) returned %#lx, want the old break %#lx", r, cur);
	r = futeet_sys_brk((long)KERNEL_ADDR);
	EXPECT(r == cur, "brk(kernel address) returned %#lx, want the old break %#lx", r, cur);
	r = futeet_sys_brk((long)STACK_TOP);
	EXPECT(r == cur, "brk(into the stack) returned %#lx, want the old break %#lx", r, cur);
	return NULL;
}

static const char *check_brk_starts_after_program_image(void)
{
	EXPECT(g_initial_brk == (long)(uintptr_t)__user_end,
	       "initial break %#lx, want the page after the image %p", g_initial_brk,
	       (void *)__user_end);
	return NULL;
}

/* ---- mmap / munmap ---- */

static const char *check_mmap_anonymous_zeroed_writable_distinct(void)
{
	long a = map_pages(3, PROT_READ | PROT_WRITE);
	long b = map_pages(3, PROT_READ | PROT_WRITE);
	long r;

	EXPECT(!futeet_is_err(a) && !futeet_is_err(b), "mmap returned %ld, %ld", a, b);
	EXPECT(a % (long)PAGE == 0 && b % (long)PAGE == 0, "not page aligned: %#lx %#lx", a, b);
	EXPECT(a >= (long)PAGE && (unsigned long)a + 3 * PAGE <= STACK_TOP - STACK_SIZE,
	       "mapping %#lx outside the user range below the stack", a);
	EXPECT(a + 3 * (long)PAGE <= b || b + 3 * (long)PAGE <= a, "mappings overlap: %#lx %#lx", a, b);
	EXPECT(all_zero((void *)a, 3 * PAGE) && all_zero((void *)b, 3 * PAGE), "not zeroed");
	memset((void *)a, 0xa5, 3 * PAGE);
	memset((void *)b, 0x3c, 3 * PAGE);
	EXPECT(((unsigned char *)a)[3 * PAGE - 1] == 0xa5 && ((unsigned char *)b)[0] == 0x3c,
	       "writes did not stick");
	r = futeet_sys_munmap(a, 3 * (long)PAGE);
	EXPECT(r == 0, "munmap a: %ld", r);
	r = futeet_sys_munmap(b, 3 * (long)PAGE);
	EXPECT(r == 0, "munmap b: %ld", r);
	return NULL;
}

static const char *check_munmap_then_mmap_again_is_zeroed(void)
{
	long a, r;

	for (int i = 0; i < 20; i++) {
		a = map_pages(3, PROT_READ | PROT_WRITE);
		EXPECT(!futeet_is_err(a), "mmap (round %d): %ld", i, a);
		EXPECT(all_zero((void *)a, 3 * PAGE), "mapping not zeroed (round %d)", i);
		memset((void *)a, 0xff, 3 * PAGE);
		r = futeet_sys_munmap(a, 3 * (long)PAGE);
		EXPECT(r == 0, "munmap (round %d): %ld", i, r);
	}
	return NULL;
}

static const char *check_mmap_refuses_files_and_shared(void)
{
	long r;

	r = futeet_sys_mmap(0, (long)PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 3, 0);
	EXPECT(futeet_is_err(r), "fd 3 accepted: %#lx", r);
	r = futeet_sys_mmap(0, (long)PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, -1, 0);
	EXPECT(futeet_is_err(r), "mapping without MAP_ANONYMOUS accepted: %#lx", r);
	r = futeet_sys_mmap(0, (long)PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	EXPECT(futeet_is_err(r), "MAP_SHARED accepted: %#lx", r);
	r = futeet_sys_mmap(0, 0, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_ERR(r, EINVAL, "length 0");
	return NULL;
}

static const char *check_mmap_write_exec_einval(void)
{
	long r;

	r = futeet_sys_mmap(0, (long)PAGE, PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_ERR(r, EINVAL, "PROT_WRITE|PROT_EXEC");
	r = futeet_sys_mmap(0, (long)PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_ERR(r, EINVAL, "PROT_READ|PROT_WRITE|PROT_EXEC");
	return NULL;
}

static const char *check_munmap_bad_range_einval(void)
{
	long r;

	r = futeet_sys_munmap((long)KERNEL_ADDR, (long)PAGE);
	EXPECT_ERR(r, EINVAL, "kernel address");
	r = futeet_sys_munmap((long)NONCANONICAL, (long)PAGE);
	EXPECT_ERR(r, EINVAL, "non-canonical address");
	r = futeet_sys_munmap((long)(USER_END - PAGE), 2 * (long)PAGE);
	EXPECT_ERR(r, EINVAL, "range running past the end of user space");
	r = futeet_sys_munmap(0x10001, (long)PAGE);
	EXPECT_ERR(r, EINVAL, "unaligned address");
	return NULL;
}

static const char *check_munmap_middle_page_keeps_neighbours(void)
{
	long m = map_pages(3, PROT_READ | PROT_WRITE), r;
	unsigned char *p = (unsigned char *)m;

	EXPECT(!futeet_is_err(m), "mmap 3 pages: %ld", m);
	memset(p, 0x11, PAGE);
	memset(p + 2 * PAGE, 0x33, PAGE);
	r = futeet_sys_munmap(m + (long)PAGE, (long)PAGE);
	EXPECT(r == 0, "munmap of the middle page: %ld", r);
	EXPECT(p[0] == 0x11 && p[PAGE - 1] == 0x11 && p[2 * PAGE] == 0x33 && p[3 * PAGE - 1] == 0x33,
	       "the neighbours lost their contents");
	p[1] = 0x12;
	p[2 * PAGE + 1] = 0x34;   /* and are still writable */
	r = futeet_sys_write(1, m + (long)PAGE, 1);
	EXPECT_ERR(r, EFAULT, "write from the unmapped middle page");
	r = futeet_sys_munmap(m, 3 * (long)PAGE);   /* a range with a hole in it */
	EXPECT(r == 0, "munmap of the whole range: %ld", r);
	return NULL;
}

static const char *check_huge_requests_enomem_and_leave_memory_usable(void)
{
	long cur = futeet_sys_brk(0), r, m;

	/* more than the guest has: refused before anything is mapped */
	r = map_pages((64UL << 30) / PAGE, PROT_READ | PROT_WRITE);
	EXPECT_ERR(r, ENOMEM, "mmap of 64 GiB");
	r = futeet_sys_brk(cur + (64L << 30));
	EXPECT(r == cur, "brk(+64 GiB) returned %#lx, want the old break %#lx", r, cur);
	m = map_pages(3, PROT_READ | PROT_WRITE);
	EXPECT(!futeet_is_err(m), "mmap of 3 pages after the refusals: %ld", m);
	EXPECT(all_zero((void *)m, 3 * PAGE), "not zeroed");
	r = futeet_sys_munmap(m, 3 * (long)PAGE);
	EXPECT(r == 0, "munmap: %ld", r);
	return NULL;
}

static const char *check_readonly_mapping_refuses_kernel_writes(void)
{
	long m = map_pages(1, PROT_READ);
	long r;

	EXPECT(!futeet_is_err(m), "mmap(PROT_READ): %ld", m);
	EXPECT(all_zero((void *)m, PAGE), "PROT_READ mapping not zeroed");
	r = futeet_sys_clock_gettime(CLOCK_MONOTONIC, m);
	EXPECT_ERR(r, EFAULT, "clock_gettime into a PROT_READ page");
	r = futeet_sys_getrandom(m, 16, 0);
	EXPECT_ERR(r, EFAULT, "getrandom into a PROT_READ page");
	r = futeet_sys_munmap(m, (long)PAGE);
	EXPECT(r == 0, "munmap: %ld", r);
	return NULL;
}

/* ---- libc ---- */

static const char *check_malloc_free_stress(void)
{
	enum { SLOTS = 256, ROUNDS = 6000 };
	static unsigned char *ptr[SLOTS];
	static size_t len[SLOTS];
	static unsigned char tag[SLOTS];

	for (int r = 0; r < ROUNDS; r++) {
		size_t i = prng() % SLOTS;

		if (ptr[i]) {
			for (size_t k = 0; k < len[i]; k++)
				EXPECT(ptr[i][k] == (unsigned char)(tag[i] + k),
				       "block %zu (%zu bytes) byte %zu changed", i, len[i], k);
			free(ptr[i]);
			ptr[i] = NULL;
		} else {
			size_t n = prng() % 16 == 0 ? prng() % 100000 : prng() % 512;

			ptr[i] = malloc(n);
			EXPECT(ptr[i], "malloc(%zu) failed at round %d", n, r);
			EXPECT((uintptr_t)ptr[i] % 16 == 0, "malloc(%zu) = %p not 16-aligned", n,
			       (void *)ptr[i]);
			len[i] = n;
			tag[i] = (unsigned char)prng();
			for (size_t k = 0; k < n; k++)
				ptr[i][k] = (unsigned char)(tag[i] + k);
		}
	}
	for (size_t i = 0; i < SLOTS; i++) {
		free(ptr[i]);
		ptr[i] = NULL;
	}
	return NULL;
}

static const char *check_snprintf_formats(void)
{
	/* expected strings worked out from C11 7.21.6.1 */
	static const char want[] = "[   42|-42  |0042|+7| 7|ff|0XFF|017|-9223372036854775808|"
				   "18446744073709551615|abc|  ab|x|%|(nil)]";
	char buf[160];
	int n = snprintf(buf, sizeof(buf), "[%5d|%-5d|%04d|%+d|% d|%x|%#X|%#o|%lld|%llu|%s|%4.2s|%c|%%|%p]",
			 42, -42, 42, 7, 7, 255u, 255u, 15u, (long long)INT64_MIN,
			 (unsigned long long)UINT64_MAX, "abc", "abc", 'x', (void *)0);

	EXPECT(n == (int)sizeof(want) - 1 && !strcmp(buf, want), "got \"%s\" (%d)", buf, n);
	n = snprintf(buf, 4, "%s", "truncated");
	EXPECT(n == 9 && !strcmp(buf, "tru"), "truncation: \"%s\" (%d)", buf, n);
	n = snprintf(buf, sizeof(buf), "%zu %zd %hhd %jx", (size_t)123, (ssize_t)-5, 300, (uintmax_t)0xabc);
	EXPECT(n == 13 && !strcmp(buf, "123 -5 44 abc"), "modifiers: \"%s\" (%d)", buf, n);
	return NULL;
}

static const char *check_libc_wrappers_set_errno(void)
{
	struct timespec ts;

	errno = 0;
	EXPECT(write(7, "x", 1) == -1 && errno == EBADF, "write(7): errno %d", errno);
	errno = 0;
	EXPECT(clock_gettime(4242, &ts) == -1 && errno == EINVAL, "clock_gettime: errno %d", errno);
	errno = 0;
	EXPECT(mmap(NULL, PAGE, PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
	       errno == EINVAL, "mmap W+X: errno %d", errno);
	errno = 0;
	EXPECT(getrandom((void *)0x1000, 8, 0) == -1 && errno == EFAULT, "getrandom: errno %d", errno);
	EXPECT(!strcmp(strerror(EFAULT), "Bad address"), "strerror(EFAULT) = \"%s\"", strerror(EFAULT));
	EXPECT(sbrk(0) != (void *)-1, "sbrk(0) failed: errno %d", errno);
	return NULL;
}

struct check {
	const char *name;
	const char *(*run)(void);   /* NULL = passed, "skip", or why it failed */
};

/* ---- the unified API: futeet_attest, futeet_caps, futeet_measurements,
 * futeet_extend (docs/API.md). Each check runs on every platform: where
 * there is no attestation ("none") a well-formed call must be -EOPNOTSUPP,
 * never a fake success; bad arguments are refused the same everywhere. */

static bool attesting(struct futeet_caps *c)
{
	memset(c, 0, sizeof(*c));
	return futeet_caps(c) == 0 && futeet_caps_attests(c);
}

static unsigned char api_ev[FUTEET_EVIDENCE_MAX];
static const unsigned char api_nonce[64] = "selftest-nonce-0123456789abcdef";

static bool contains(const unsigned char *h, size_t hn, const void *n, size_t nn)
{
	for (size_t i = 0; i + nn <= hn; i++)
		if (memcmp(h + i, n, nn) == 0)
			return true;
	return false;
}

static const char *check_attest_refuses_bad_arguments(void)
{
	struct futeet_caps info;
	struct futeet_attest_opts o;
	size_t out = 0;
	long r;
	bool att = attesting(&info);

	r = futeet_sys_futeet_attest((long)api_nonce, 7, (long)api_ev, sizeof(api_ev), (long)&out, 0);
	EXPECT_ERR(r, EINVAL, "nonce of 7 bytes");
	r = futeet_sys_futeet_attest((long)api_nonce, 65, (long)api_ev, sizeof(api_ev), (long)&out, 0);
	EXPECT_ERR(r, EINVAL, "nonce of 65 bytes");
	r = futeet_sys_futeet_attest((long)KERNEL_ADDR, 8, (long)api_ev, sizeof(api_ev), (long)&out, 0);
	EXPECT_ERR(r, EFAULT, "nonce at a kernel address");
	r = futeet_sys_futeet_attest((long)api_nonce, 8, (long)api_ev, sizeof(api_ev), (long)KERNEL_ADDR, 0);
	EXPECT_ERR(r, EFAULT, "out_len at a kernel address");
	r = futeet_sys_futeet_attest((long)api_nonce, 8, (long)KERNEL_ADDR, 4096, (long)&out, 0);
	EXPECT_ERR(r, EFAULT, "buffer at a kernel address");
	r = futeet_sys_futeet_attest((long)api_nonce, 8, (long)api_ev, sizeof(api_ev), (long)&out,
				     (long)NONCANONICAL);
	EXPECT_ERR(r, EFAULT, "options at a non-canonical address");
	memset(&o, 0, sizeof(o));
	o.flags = 1u << 7;
	r = futeet_sys_futeet_attest((long)api_nonce, 8, (long)api_ev, sizeof(api_ev), (long)&out, (long)&o);
	EXPECT_ERR(r, EINVAL, "unknown flag bit 7");
	o.flags = 0;
	o.reserved[1] = 1;
	r = futeet_sys_futeet_attest((long)api_nonce, 8, (long)api_ev, sizeof(api_ev), (long)&out, (long)&o);
	EXPECT_ERR(r, EINVAL, "reserved field set");
	o.reserved[1] = 0;
	o.flags = FUTEET_ATTEST_CNF;
	o.cose_key = (uint64_t)(uintptr_t)"\xa1\x01\x02";  /* {1: 2}: EC2 without curve or x/y */
	o.cose_key_len = 3;
	r = futeet_sys_futeet_attest((long)api_nonce, 8, (long)api_ev, sizeof(api_ev), (long)&out, (long)&o);
	EXPECT_ERR(r, EINVAL, "COSE_Key without curve and coordinates");
	o.cose_key = KERNEL_ADDR;
	r = futeet_sys_futeet_attest((long)api_nonce, 8, (long)api_ev, sizeof(api_ev), (long)&out, (long)&o);
	EXPECT_ERR(r, EFAULT, "COSE_Key at a kernel address");
	o.flags = FUTEET_ATTEST_USER_CLAIMS;
	o.cose_key = 0;
	o.cose_key_len = 0;
	o.user_claims = (uint64_t)(uintptr_t)"\x01\x02";  /* two items */
	o.user_claims_len = 2;
	r = futeet_sys_futeet_attest((long)api_nonce, 8, (long)api_ev, sizeof(api_ev), (long)&out, (long)&o);
	EXPECT_ERR(r, EINVAL, "user claims of two CBOR items");
	o.user_claims_len = FUTEET_ATTEST_USER_CLAIMS_MAX + 1;
	r = futeet_sys_futeet_attest((long)api_nonce, 8, (long)api_ev, sizeof(api_ev), (long)&out, (long)&o);
	EXPECT_ERR(r, EINVAL, "user claims over the maximum");
	if (!att) {
		r = futeet_sys_futeet_attest((long)api_nonce, 8, (long)api_ev, sizeof(api_ev), (long)&out, 0);
		EXPECT_ERR(r, EOPNOTSUPP, "a well-formed call without attestation");
		return NULL;
	}
	out = 0;
	r = futeet_sys_futeet_attest((long)api_nonce, 8, (long)api_ev, 16, (long)&out, 0);
	EXPECT_ERR(r, ENOSPC, "a 16-byte buffer");
	EXPECT(out > 16 && out <= sizeof(api_ev), "-ENOSPC must report the size needed, got %zu", out);
	return NULL;
}

static const char *check_attest_binds_nonce_key_and_user_claims(void)
{
	/* a P-256 COSE_Key (RFC 9053: kty 2, crv 1, x, y), coordinates arbitrary */
	static unsigned char key[] = { 0xa4, 0x01, 0x02, 0x20, 0x01, 0x21, 0x58, 0x20,
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
		24, 25, 26, 27, 28, 29, 30, 31, 32, 0x22, 0x58, 0x20,
		33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53,
		54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64 };
	/* {"app": "selftest"} */
	static const unsigned char user[] = { 0xa1, 0x63, 'a', 'p', 'p', 0x68, 's', 'e', 'l',
					      'f', 't', 'e', 's', 't' };
	/* -75006 (user claims key): 3a 0001 24fd */
	static const unsigned char user_key[] = { 0x3a, 0x00, 0x01, 0x24, 0xfd };
	struct futeet_caps info;
	struct futeet_attest_opts o;
	size_t out = 0;
	long r;

	memset(&o, 0, sizeof(o));
	o.flags = FUTEET_ATTEST_CNF | FUTEET_ATTEST_USER_CLAIMS;
	o.cose_key = (uint64_t)(uintptr_t)key;
	o.cose_key_len = sizeof(key);
	o.user_claims = (uint64_t)(uintptr_t)user;
	o.user_claims_len = sizeof(user);
	r = futeet_sys_futeet_attest((long)api_nonce, 64, (long)api_ev, sizeof(api_ev), (long)&out, (long)&o);
	if (!attesting(&info)) {
		EXPECT_ERR(r, EOPNOTSUPP, "attest without attestation");
		return NULL;
	}
	EXPECT(r == 0, "attest with key and user claims: %ld", r);
	EXPECT(out > 0 && out <= sizeof(api_ev), "out_len %zu", out);
	EXPECT(contains(api_ev, out, api_nonce, 64), "the evidence does not carry the 64-byte nonce");
	EXPECT(contains(api_ev, out, key + 8, 32) && contains(api_ev, out, key + 43, 32),
	       "the evidence does not carry the key's coordinates");
	EXPECT(contains(api_ev, out, user_key, sizeof(user_key)) &&
	       contains(api_ev, out, user, sizeof(user)), "the user claims are not under -75006");
	return NULL;
}

static const char *check_caps_struct_and_cbor_describe_this_platform(void)
{
	static unsigned char cbor[FUTEET_CAPS_CBOR_MAX];
	struct futeet_caps info, c;
	size_t out = 0, h;
	long r;
	bool att = attesting(&info), sim = futeet_caps_is_sim(&info);

	r = futeet_sys_futeet_caps((long)&c, sizeof(c), (long)&out, 2);
	EXPECT_ERR(r, EINVAL, "unknown format 2");
	r = futeet_sys_futeet_caps((long)&c, sizeof(c), (long)KERNEL_ADDR, FUTEET_CAPS_STRUCT);
	EXPECT_ERR(r, EFAULT, "out_len at a kernel address");
	r = futeet_sys_futeet_caps((long)KERNEL_ADDR, sizeof(c), (long)&out, FUTEET_CAPS_STRUCT);
	EXPECT_ERR(r, EFAULT, "buffer at a kernel address");
	r = futeet_sys_futeet_caps((long)&c, 8, (long)&out, FUTEET_CAPS_STRUCT);
	EXPECT_ERR(r, ENOSPC, "an 8-byte buffer");
	EXPECT(out == sizeof(c), "-ENOSPC must report %zu, got %zu", sizeof(c), out);
	r = futeet_sys_futeet_caps((long)&c, sizeof(c), (long)&out, FUTEET_CAPS_STRUCT);
	EXPECT(r == 0 && out == sizeof(c), "struct: %ld, %zu bytes", r, out);
	EXPECT(c.version == FUTEET_CAPS_VERSION, "version %u", c.version);
	EXPECT(c.kind <= FUTEET_TEE_SIM_TDX, "kind %u is not a platform the kernel runs", c.kind);
	EXPECT(c.host_known_keys.value == (uint64_t)(sim || !att) && c.host_known_keys.prov != 0,
	       "host_known_keys %llu", (unsigned long long)c.host_known_keys.value);
	if (sim || !att)
		EXPECT(c.confidentiality.value == FUTEET_LEVEL_NONE, "a sim or none must not claim confidentiality");
	if (!att)
		EXPECT(c.remote_attestation.value == FUTEET_LEVEL_NONE &&
		       c.rtm.value == FUTEET_RTM_NONE, "none must not claim attestation or registers");
	else
		EXPECT(c.debug.prov == FUTEET_PROV_HW && c.tcb.prov == FUTEET_PROV_HW && c.tcb_len > 0,
		       "debug and TCB must come from the report (hardware-attested)");
	if (c.kind == FUTEET_TEE_SIM_SNP || c.kind == FUTEET_TEE_SEV_SNP)
		EXPECT(c.rtm.value == FUTEET_RTM_KERNEL_SW && c.privilege_level.prov == FUTEET_PROV_HW &&
		       (c.sealing.value == FUTEET_SEALING_TEE_KEY_FIRMWARE ||
			c.sealing.value == FUTEET_SEALING_TEE_KEY_KERNEL),
		       "SNP: kernel software registers, a VMPL, and what the sealing key binds");
	if (c.kind == FUTEET_TEE_SIM_TDX || c.kind == FUTEET_TEE_TDX)
		EXPECT(c.rtm.value == FUTEET_RTM_HW && c.sealing.value == FUTEET_SEALING_NONE,
		       "TDX: hardware registers, no sealing");
	r = futeet_sys_futeet_caps((long)cbor, sizeof(cbor), (long)&out, FUTEET_CAPS_CBOR);
	EXPECT(r == 0 && out > 2 && out <= sizeof(cbor), "CBOR: %ld, %zu bytes", r, out);
	/* a map (major 5) of up to 255 pairs, then key 0 = version 1 */
	h = (cbor[0] & 0x1f) == 24 ? 2 : 1;
	EXPECT((cbor[0] >> 5) == 5 && cbor[h] == 0 && cbor[h + 1] == 1, "CBOR: not a map starting {0: 1");
	EXPECT(contains(cbor, out, c.tee, strlen(c.tee)), "CBOR: no TEE name");
	if (sim)
		EXPECT(contains(cbor, out, "sim: not confidential", 21), "CBOR: no sim note");
	return NULL;
}

static const char *check_extend_refuses_other_registers_and_bad_arguments(void)
{
	static const unsigned char d[FUTEET_EXTEND_DIGEST_LEN] = { 1 };
	struct futeet_caps info;
	long r;

	for (long i = 0; i <= 4; i++) {
		if (i == FUTEET_EXTEND_USER_INDEX)
			continue;
		r = futeet_sys_futeet_extend(i, (long)d, sizeof(d), 0, 0);
		EXPECT_ERR(r, EPERM, "extend of a register other than 3");
	}
	r = futeet_sys_futeet_extend(3, (long)d, 47, 0, 0);
	EXPECT_ERR(r, EINVAL, "a 47-byte digest");
	r = futeet_sys_futeet_extend(3, (long)KERNEL_ADDR, sizeof(d), 0, 0);
	EXPECT_ERR(r, EFAULT, "digest at a kernel address");
	r = futeet_sys_futeet_extend(3, (long)d, sizeof(d), (long)KERNEL_ADDR, 4);
	EXPECT_ERR(r, EFAULT, "event data at a kernel address");
	r = futeet_sys_futeet_extend(3, (long)d, sizeof(d), (long)d, FUTEET_EXTEND_EVENT_MAX + 1);
	EXPECT_ERR(r, EINVAL, "event data over the maximum");
	if (!attesting(&info)) {
		r = futeet_sys_futeet_extend(3, (long)d, sizeof(d), 0, 0);
		EXPECT_ERR(r, EOPNOTSUPP, "extend without attestation");
	}
	return NULL;
}

static const char *check_measurements_report_registers_and_log(void)
{
	static unsigned char log[FUTEET_MEASUREMENT_LOG_MAX];
	static const unsigned char d[FUTEET_EXTEND_DIGEST_LEN] = { 0x5e };
	struct futeet_caps info;
	struct futeet_measurements m, m2;
	size_t out = 0, out2 = 0;
	long r;

	r = futeet_sys_futeet_measurements((long)&m, (long)log, sizeof(log), (long)KERNEL_ADDR);
	EXPECT_ERR(r, EFAULT, "log_len at a kernel address");
	r = futeet_sys_futeet_measurements((long)KERNEL_ADDR, (long)log, sizeof(log), (long)&out);
	EXPECT_ERR(r, EFAULT, "struct at a kernel address");
	r = futeet_sys_futeet_measurements((long)&m, (long)log, sizeof(log), (long)&out);
	if (!attesting(&info)) {
		EXPECT_ERR(r, EOPNOTSUPP, "measurements without attestation");
		return NULL;
	}
	EXPECT(r == 0 && out > 0, "measurements: %ld, %zu bytes of log", r, out);
	EXPECT(m.count == 2 && m.reg[0].index == 2 && m.reg[1].index == 3 &&
	       m.reg[0].alg == FUTEET_HASH_SHA384, "registers 2 and 3, SHA-384");
	EXPECT(!all_zero(m.reg[0].value, 48), "register 2 holds the kernel's measurements");
	EXPECT(m.source == ((info.kind == FUTEET_TEE_SIM_SNP || info.kind == FUTEET_TEE_SEV_SNP)
			    ? FUTEET_RTM_KERNEL_SW : FUTEET_RTM_HW), "source %u", m.source);
	r = futeet_sys_futeet_measurements((long)&m2, (long)log, 8, (long)&out2);
	EXPECT_ERR(r, ENOSPC, "an 8-byte log buffer");
	EXPECT(out2 == out, "-ENOSPC must report %zu, got %zu", out, out2);
	r = futeet_sys_futeet_extend(3, (long)d, sizeof(d), (long)"selftest", 8);
	EXPECT(r == 0, "extend register 3: %ld", r);
	r = futeet_sys_futeet_measurements((long)&m2, (long)log, sizeof(log), (long)&out2);
	EXPECT(r == 0 && out2 > out, "the log grows by the extend (%zu -> %zu)", out, out2);
	EXPECT(memcmp(m.reg[1].value, m2.reg[1].value, 48) != 0 &&
	       memcmp(m.reg[0].value, m2.reg[0].value, 48) == 0, "only register 3 changes");
	EXPECT(contains(log, out2, "selftest", 8) && contains(log, out2, d, 48),
	       "the log records the event data and the digest");
	return NULL;
}

#define CHECK(n) { #n, check_##n }
static const struct check checks[] = {
	CHECK(start_state_follows_psabi),
	CHECK(entry_registers_leak_nothing_from_the_kernel),
	CHECK(entry_fpu_registers_hold_no_kernel_data),
	CHECK(argv_envp_auxv_are_well_formed),
	CHECK(write_stdout_returns_length),
	CHECK(write_kernel_or_unmapped_buffer_efault),
	CHECK(write_buffer_wrapping_past_user_end_efault),
	CHECK(write_buffer_crossing_into_unmapped_page_efault),
	CHECK(write_bad_fd_ebadf),
	CHECK(unknown_syscall_enosys),
	CHECK(syscall_preserves_registers),
	CHECK(xmm_registers_survive_syscalls),
	CHECK(ymm_registers_survive_syscalls),
	CHECK(fp_control_and_x87_stack_survive_syscalls),
	CHECK(clock_monotonic_advances),
	CHECK(clock_gettime_bad_clock_einval),
	CHECK(clock_gettime_bad_pointer_efault),
	CHECK(getrandom_fills_and_differs),
	CHECK(getrandom_large_request),
	CHECK(getrandom_bad_pointer_efault),
	CHECK(getrandom_known_flags_accepted),
	CHECK(getrandom_unknown_flags_einval),
	CHECK(derive_key_reserved_fields_einval_on_any_platform),
	CHECK(futeet_counter_never_created_enoent),
	CHECK(futeet_random_fills_loops_and_refuses_bad_buffers),
	CHECK(futeet_time_flags_each_source),
	CHECK(futeet_time_bad_pointer_or_flags_refused),
	CHECK(futeet_counters_count_up_and_refuse_bad_ids),
	CHECK(futeet_strerror_names_every_errno),
	CHECK(evidence_bad_nonce_or_buffer_refused),
	CHECK(unsupported_calls_eopnotsupp_by_platform),
	CHECK(brk_starts_after_program_image),
	CHECK(brk_grows_zeroed_and_shrinks),
	CHECK(mmap_anonymous_zeroed_writable_distinct),
	CHECK(munmap_then_mmap_again_is_zeroed),
	CHECK(mmap_refuses_files_and_shared),
	CHECK(mmap_write_exec_einval),
	CHECK(munmap_bad_range_einval),
	CHECK(munmap_middle_page_keeps_neighbours),
	CHECK(huge_requests_enomem_and_leave_memory_usable),
	CHECK(readonly_mapping_refuses_kernel_writes),
	CHECK(malloc_free_stress),
	CHECK(snprintf_formats),
	CHECK(libc_wrappers_set_errno),
	CHECK(attest_refuses_bad_arguments),
	CHECK(attest_binds_nonce_key_and_user_claims),
	CHECK(caps_struct_and_cbor_describe_this_platform),
	CHECK(extend_refuses_other_registers_and_bad_arguments),
	CHECK(measurements_report_registers_and_log),
	CHECK(port_calls_refuse_bad_kinds_handles_and_buffers),
};

static bool selected(const char *name)
{
	if (g_argc < 2)
		return true;
	for (int i = 1; i < g_argc; i++)
		if (!strcmp(g_argv[i], name))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0, skipped = 0;

	g_initial_brk = futeet_sys_brk(0);
	g_argc = argc;
	g_argv = argv;
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		const char *res;

		if (!selected(checks[i].name))
			continue;
		res = checks[i].run();
		if (!res) {
			printf("ok %s\n", checks[i].name);
			passed++;
		} else if (!strcmp(res, "skip")) {
			printf("ok %s # skipped: not available on this CPU\n", checks[i].name);
			skipped++;
		} else {
			printf("FAIL %s: %s\n", checks[i].name, res);
			failed++;
		}
	}
	printf("selftest: %d passed, %d failed\n", passed + skipped, failed);
	return failed == 0 ? 0 : 1;
}
