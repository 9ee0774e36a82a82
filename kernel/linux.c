/* The Linux-compatible syscalls that are not about files (those are in
 * kernel/vfs.c): memory protection and remapping, signals (the ones a
 * program sends itself are delivered to its handlers; nothing else can
 * raise one: no other process, no timer, and faults end the program), ids,
 * limits, time, TLS. One process, one thread: its pid and tid are 1.
 * Linux semantics and errno values (man 2 NAME); arguments are checked
 * before anything changes. */
#include <stddef.h>
#include <string.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"
#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/time.h"
#include "futeet/uaccess.h"
#include "kernel/kernel.h"
#include "kernel/linux_abi.h"
#include "kernel/linux_syscall.h"
#include "kernel/proc.h"

#define PROC_PID 1
/* asm-generic/mman-common.h */
#define PROT_READ  0x1
#define PROT_WRITE 0x2
#define PROT_EXEC  0x4
#define MREMAP_MAYMOVE 1
#define MADV_DONTNEED  4
/* Intel SDM vol. 4 table 2-2: IA32_FS_BASE, IA32_GS_BASE. */
#define MSR_FS_BASE 0xC0000100u
#define MSR_GS_BASE 0xC0000101u
/* asm-generic/signal.h: _NSIG 64; the kernel's sigset_t is 8 bytes;
 * struct sigaction for rt_sigaction is {handler, flags, restorer, mask}. */
#define L_NSIG      64
#define SIGSET_SIZE 8
#define SIGKILL 9
#define SIGSEGV_NR 11
#define SIGSTOP 19
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
/* linux/futex.h */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMD_MASK 0x7f   /* without FUTEX_PRIVATE_FLAG (128), CLOCK_REALTIME (256) */
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
struct l_sigaction {
	uint64_t handler, flags, restorer, mask;
};
FUTEET_ASSERT_SIZE(struct l_sigaction, 32);

static struct l_sigaction actions[L_NSIG + 1];
static uint64_t sigmask, sigpending;
static int sigcode[L_NSIG + 1];   /* si_code of each pending signal */
/* FPU state of the code a handler interrupted, restored by rt_sigreturn:
 * kept here, never in the program's frame, so a forged frame cannot feed
 * XRSTOR (nested handlers up to SIG_DEPTH_MAX deep). */
#define SIG_DEPTH_MAX 3
#define SIG_FPU_MAX   4096
static uint8_t sig_fpu[SIG_DEPTH_MAX][SIG_FPU_MAX] __attribute__((aligned(64)));
static unsigned sig_depth;
static uint32_t umask_bits = 022;
static uint64_t altstack[3];     /* stack_t: ss_sp, ss_flags (int + pad), ss_size */
static char comm[L_TASK_COMM_LEN];   /* prctl PR_SET_NAME / PR_GET_NAME */
static bool no_new_privs;

void linux_reset_process(const char *exe)
{
	memset(actions, 0, sizeof(actions));
	sigmask = 0;
	sigpending = 0;
	sig_depth = 0;
	umask_bits = 022;
	memset(altstack, 0, sizeof(altstack));
	altstack[1] = 2;   /* SS_DISABLE */
	/* Linux names a task after the file it runs (its basename, 15 bytes). */
	const char *b = exe;
	for (const char *p = exe; *p; p++)
		if (*p == '/')
			b = p + 1;
	strncpy_bounded(comm, b, sizeof(comm));
	no_new_privs = false;
	cpu_wrmsr(MSR_FS_BASE, 0);
}

/* ---- memory ------------------------------------------------------------- */

static bool user_pages_ok(uint64_t addr, uint64_t len)
{
	if (addr & ~PAGE_MASK)
		return false;
	if (len == 0 || len > USER_TOP)
		return false;
	uint64_t end = (addr + len + PAGE_SIZE - 1) & PAGE_MASK;
	if (end < addr)
		return false;
	for (uint64_t va = addr; va < end; va += PAGE_SIZE)
		if (!paging_user_ok(va, false) && !proc_stack_fault(va))
			return false;   /* a stack page not touched yet is mapped now */
	return true;
}

long sys_mprotect(uint64_t addr, uint64_t len, uint64_t prot)
{
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EACCES;   /* W^X: never both (docs/LINUX-ABI.md) */
	if (len == 0)
		return 0;
	if (!user_pages_ok(addr, len))
		return -ENOMEM;
	/* PROT_NONE keeps the page readable: FUTEET has no PROT_NONE pages
	 * (docs/LINUX-ABI.md); guard pages a program sets up stay accessible. */
	uint64_t fl = (prot & PROT_EXEC) ? 0 : (prot & PROT_WRITE) ? (PTE_W | PTE_NX) : PTE_NX;
	uint64_t end = (addr + len + PAGE_SIZE - 1) & PAGE_MASK;
	for (uint64_t va = addr; va < end; va += PAGE_SIZE)
		if (paging_protect_user(va, fl))
			return -ENOMEM;
	return 0;
}

long sys_madvise(uint64_t addr, uint64_t len, uint64_t advice)
{
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!user_pages_ok(addr, len))
		return -ENOMEM;
	/* MADV_DONTNEED on private anonymous memory: the next read sees zeros. */
	if (advice == MADV_DONTNEED) {
		uint64_t end = (addr + len + PAGE_SIZE - 1) & PAGE_MASK;
		for (uint64_t va = addr; va < end; va += PAGE_SIZE) {
			uint64_t pa;
			if (paging_user_pa(va, &pa) == 0)
				memset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
		}
	}
	return 0;
}

long sys_mremap(uint64_t old, uint64_t old_len, uint64_t new_len, uint64_t flags)
{
	if ((old & ~PAGE_MASK) || new_len == 0 || (flags & ~(uint64_t)MREMAP_MAYMOVE))
		return -EINVAL;
	uint64_t op = (old_len + PAGE_SIZE - 1) / PAGE_SIZE, np = (new_len + PAGE_SIZE - 1) / PAGE_SIZE;
	if (op == 0 || !user_pages_ok(old, old_len) || old < MMAP_BASE || old >= MMAP_TOP)
		return -EFAULT;
	if (np > (MMAP_TOP - MMAP_BASE) / PAGE_SIZE)
		return -ENOMEM;
	if (np <= op) {
		proc_unmap(old + np * PAGE_SIZE, op - np);
		return (long)old;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	/* Move: the old frames go to a fresh range, then the rest is new. */
	uint64_t va = proc.mmap_next;
	if (np * PAGE_SIZE > MMAP_TOP - va - PAGE_SIZE)
		return -ENOMEM;
	int err = proc_map_anon(va + op * PAGE_SIZE, np - op, PTE_W | PTE_NX);
	if (err)
		return err;
	for (uint64_t i = 0; i < op; i++) {
		uint64_t pa;
		if (paging_unmap_user(old + i * PAGE_SIZE, &pa) == 0 && pa &&
		    paging_map_user(va + i * PAGE_SIZE, pa, PTE_W | PTE_NX))
			pmm_free_pages(pa, 1);
	}
	proc.mmap_next = va + (np + 1) * PAGE_SIZE;
	return (long)va;
}

/* ---- signals ------------------------------------------------------------ */

long sys_rt_sigaction(uint64_t sig, uint64_t uact, uint64_t uold, uint64_t size)
{
	struct l_sigaction act;
	if (sig < 1 || sig > L_NSIG || size != SIGSET_SIZE)
		return -EINVAL;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (uact && copy_from_user(&act, uact, sizeof(act)))
		return -EFAULT;
	if (uold && copy_to_user(uold, &actions[sig], sizeof(actions[sig])))
		return -EFAULT;
	if (uact)
		actions[sig] = act;
	return 0;
}

long sys_rt_sigprocmask(uint64_t how, uint64_t uset, uint64_t uold, uint64_t size)
{
	uint64_t set;
	if (size != SIGSET_SIZE)
		return -EINVAL;
	if (uset && copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	if (uset && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	if (uold && copy_to_user(uold, &sigmask, sizeof(sigmask)))
		return -EFAULT;
	if (uset) {
		uint64_t never = (1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1));
		if (how == SIG_BLOCK)
			sigmask |= set;
		else if (how == SIG_UNBLOCK)
			sigmask &= ~set;
		else
			sigmask = set;
		sigmask &= ~never;
	}
	return 0;
}

long sys_sigaltstack(uint64_t uss, uint64_t uold)
{
	uint64_t ss[3];
	if (uss && copy_from_user(ss, uss, sizeof(ss)))
		return -EFAULT;
	if (uold && copy_to_user(uold, altstack, sizeof(altstack)))
		return -EFAULT;
	if (uss) {
		if ((uint32_t)ss[1] & ~2u)
			return -EINVAL;
		memcpy(altstack, ss, sizeof(ss));
	}
	return 0;
}

/* The signal ABI of x86-64 Linux: arch/x86/include/uapi/asm/signal.h
 * (SA_*), asm/sigcontext.h (struct sigcontext), asm/ucontext.h, and
 * arch/x86/kernel/signal.c (the rt_sigframe: the restorer's address, the
 * ucontext, the siginfo; the stack below the red zone, 16-byte aligned
 * minus 8 as after a call). */
#define SA_RESTORER  0x04000000u
#define SA_ONSTACK   0x08000000u
#define SA_NODEFER   0x40000000u
#define SA_RESETHAND 0x80000000u
#define L_SIG_DFL 0
#define L_SIG_IGN 1
#define SI_USER   0
#define SI_TKILL  (-6)
#define SS_DISABLE 2
#define SIGCHLD  17
#define SIGCONT  18
#define SIGTSTP  20
#define SIGTTOU  22
#define SIGURG   23
#define SIGWINCH 28
/* RFLAGS bits sigreturn may change (arch/x86/kernel/signal.c FIX_EFLAGS):
 * AC OF DF TF SF ZF AF PF CF RF. */
#define FIX_EFLAGS 0x50dd5ull
#define RFLAGS_TF 0x100ull
#define RFLAGS_DF 0x400ull
struct l_sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp,
		rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2, fpstate, reserved1[8];
};
FUTEET_ASSERT_SIZE(struct l_sigcontext, 256);
FUTEET_ASSERT_OFFSET(struct l_sigcontext, rip, 128);
struct l_ucontext {
	uint64_t uc_flags, uc_link;
	uint64_t ss_sp;
	int32_t ss_flags, ss_pad;
	uint64_t ss_size;
	struct l_sigcontext mc;
	uint64_t sigmask;
};
FUTEET_ASSERT_SIZE(struct l_ucontext, 304);
FUTEET_ASSERT_OFFSET(struct l_ucontext, mc, 40);
struct l_siginfo {
	int32_t signo, errno_, code, pad;
	int32_t pid;
	uint32_t uid;
	uint8_t rest[104];
};
FUTEET_ASSERT_SIZE(struct l_siginfo, 128);
struct l_rt_sigframe {
	uint64_t pretcode;
	struct l_ucontext uc;
	struct l_siginfo info;
};
FUTEET_ASSERT_OFFSET(struct l_rt_sigframe, info, 312);

static uint64_t sigbit(int sig)
{
	return 1ull << (sig - 1);
}

/* man 7 signal: the signals whose default action is to be ignored, and the
 * stop signals (stopping the only process would stop it for good: FUTEET
 * ignores them too, docs/LINUX-ABI.md). */
static bool default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH ||
	       (sig >= SIGSTOP && sig <= SIGTTOU);
}

FUTEET_NORETURN static void die_of(int sig, const char *why)
{
	kprintf("futeet: program ended by signal %d (%s)\n", sig, why);
	proc_exit(128 + sig);   /* as a shell reports a death by signal */
}

/* A signal the program sent itself: ignored, ended by, or made pending
 * for its handler (entered on the way out of this syscall). */
static long signal_self(uint64_t sig, int code)
{
	if (sig > L_NSIG)
		return -EINVAL;
	if (sig == 0)
		return 0;
	int s = (int)sig;
	uint64_t h = actions[s].handler;
	if (s == SIGKILL)
		die_of(s, "SIGKILL");
	if (h == L_SIG_IGN || (h == L_SIG_DFL && default_ignored(s)))
		return 0;
	sigpending |= sigbit(s);
	sigcode[s] = code;
	return 0;
}

long sys_kill(uint64_t pid, uint64_t sig)
{
	if ((int)pid != PROC_PID && (int)pid != 0 && (int)pid != -1)
		return -ESRCH;
	return signal_self(sig, SI_USER);
}

long sys_tgkill(uint64_t tgid, uint64_t tid, uint64_t sig)
{
	if ((int)tgid <= 0 || (int)tid <= 0)
		return -EINVAL;
	if ((int)tid != PROC_PID || (int)tgid != PROC_PID)
		return -ESRCH;
	return signal_self(sig, SI_TKILL);
}

long sys_tkill(uint64_t tid, uint64_t sig)
{
	if ((int)tid <= 0)
		return -EINVAL;
	if ((int)tid != PROC_PID)
		return -ESRCH;
	return signal_self(sig, SI_TKILL);
}

long sys_rt_sigpending(uint64_t uset, uint64_t size)
{
	uint64_t p = sigpending & sigmask;
	if (size > SIGSET_SIZE)
		return -EINVAL;
	return copy_to_user(uset, &p, (size_t)size);
}

void linux_signal_deliver(struct syscall_frame *f)
{
	uint64_t ready = sigpending & ~sigmask;
	if (!ready)
		return;
	int sig = __builtin_ctzll(ready) + 1;
	sigpending &= ~sigbit(sig);
	struct l_sigaction *a = &actions[sig];
	if (a->handler == L_SIG_IGN || (a->handler == L_SIG_DFL && default_ignored(sig)))
		return;
	if (a->handler == L_SIG_DFL)
		die_of(sig, "default action");
	if (!(a->flags & SA_RESTORER))
		die_of(sig, "a handler without SA_RESTORER: nowhere to return to");
	if (sig_depth >= SIG_DEPTH_MAX || cpu_features.xsave_size > SIG_FPU_MAX)
		die_of(sig, "handlers nested too deep");

	uint64_t sp = f->rsp;
	bool alt_on = !((uint32_t)altstack[1] & SS_DISABLE);
	if ((a->flags & SA_ONSTACK) && alt_on &&
	    !(sp > altstack[0] && sp <= altstack[0] + altstack[2]))
		sp = altstack[0] + altstack[2];
	sp -= 128;   /* the interrupted code's red zone (psABI 3.2.2) */
	sp = ((sp - sizeof(struct l_rt_sigframe)) & ~15ull) - 8;

	struct l_rt_sigframe fr;
	memset(&fr, 0, sizeof(fr));
	fr.pretcode = a->restorer;
	fr.uc.ss_sp = altstack[0];
	fr.uc.ss_flags = (int32_t)altstack[1];
	fr.uc.ss_size = altstack[2];
	struct l_sigcontext *m = &fr.uc.mc;
	m->rdi = f->rdi;
	m->rsi = f->rsi;
	m->rdx = f->rdx;
	m->r10 = f->r10;
	m->r8 = f->r8;
	m->r9 = f->r9;
	m->rbx = f->rbx;
	m->rbp = f->rbp;
	m->r12 = f->r12;
	m->r13 = f->r13;
	m->r14 = f->r14;
	m->r15 = f->r15;
	m->rax = f->nr;       /* the syscall's result */
	m->rcx = f->rip;      /* what SYSCALL left in rcx and r11 */
	m->r11 = f->rflags;
	m->rsp = f->rsp;
	m->rip = f->rip;
	m->eflags = f->rflags;
	m->cs = SEL_UCODE;    /* FUTEET's user selectors (Linux has 0x33, 0x2b) */
	m->ss = SEL_UDATA;
	m->oldmask = sigmask;
	m->fpstate = 0;       /* the FPU state stays in the kernel (above) */
	fr.uc.sigmask = sigmask;
	fr.info.signo = sig;
	fr.info.code = sigcode[sig];
	fr.info.pid = PROC_PID;
	fr.info.uid = 0;
	if (copy_to_user(sp, &fr, sizeof(fr)))
		die_of(SIGSEGV_NR, "no room for the signal frame on its stack");

	memcpy(sig_fpu[sig_depth++], fpu_user_area, cpu_features.xsave_size);
	sigmask |= a->mask | ((a->flags & SA_NODEFER) ? 0 : sigbit(sig));
	sigmask &= ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
	f->rip = a->handler;
	if (a->flags & SA_RESETHAND) {
		a->handler = L_SIG_DFL;
		a->flags &= ~(uint64_t)SA_RESETHAND;
	}
	f->rsp = sp;
	f->rdi = (uint64_t)sig;
	f->rsi = sp + offsetof(struct l_rt_sigframe, info);
	f->rdx = sp + offsetof(struct l_rt_sigframe, uc);
	f->nr = 0;
	f->rflags &= ~(RFLAGS_TF | RFLAGS_DF);
}

long linux_rt_sigreturn(struct syscall_frame *f)
{
	struct l_ucontext uc;
	/* The handler's ret popped pretcode: rsp is the frame + 8. */
	if (copy_from_user(&uc, f->rsp, sizeof(uc)))
		die_of(SIGSEGV_NR, "rt_sigreturn with no signal frame on the stack");
	const struct l_sigcontext *m = &uc.mc;
	f->rdi = m->rdi;
	f->rsi = m->rsi;
	f->rdx = m->rdx;
	f->r10 = m->r10;
	f->r8 = m->r8;
	f->r9 = m->r9;
	f->rbx = m->rbx;
	f->rbp = m->rbp;
	f->r12 = m->r12;
	f->r13 = m->r13;
	f->r14 = m->r14;
	f->r15 = m->r15;
	f->rsp = m->rsp;
	f->rip = m->rip;   /* a non-canonical one is refused before SYSRET (entry.S) */
	f->rflags = (f->rflags & ~FIX_EFLAGS) | (m->eflags & FIX_EFLAGS);
	sigmask = uc.sigmask & ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
	if (sig_depth > 0)
		memcpy(fpu_user_area, sig_fpu[--sig_depth], cpu_features.xsave_size);
	return (long)m->rax;   /* rcx and r11 come back as rip and rflags (SYSRET) */
}

long sys_wait4(uint64_t pid, uint64_t ustatus, uint64_t options, uint64_t ru)
{
	(void)pid;
	(void)ustatus;
	(void)options;
	(void)ru;
	return -ECHILD;   /* no process ever has a child here */
}

/* ---- ids and limits ----------------------------------------------------- */

long sys_getpid(void) { return PROC_PID; }
long sys_gettid(void) { return PROC_PID; }
long sys_getppid(void) { return 0; }
long sys_getpgrp(void) { return PROC_PID; }
long sys_getuid(void) { return 0; }
long sys_getgid(void) { return 0; }
long sys_geteuid(void) { return 0; }
long sys_getegid(void) { return 0; }

long sys_set_tid_address(uint64_t uaddr)
{
	(void)uaddr;
	return PROC_PID;   /* no thread ever exits to clear it */
}

long sys_set_robust_list(uint64_t head, uint64_t len)
{
	(void)head;
	return len == 24 ? 0 : -EINVAL;   /* sizeof(struct robust_list_head) */
}

long sys_umask(uint64_t mask)
{
	uint32_t old = umask_bits;
	umask_bits = (uint32_t)mask & 0777;
	return old;
}

long sys_uname(uint64_t ubuf)
{
	/* glibc refuses to start on a release older than the one it was
	 * built for ("FATAL: kernel too old"): say the Linux ABI level
	 * FUTEET follows, 6.1. */
	static const char *const f[6] = { "Linux", "futeet", "6.1.0-futeet", "#1 FUTEET",
					  "x86_64", "(none)" };
	char u[6 * L_UTS_LEN];
	memset(u, 0, sizeof(u));
	for (int i = 0; i < 6; i++)
		memcpy(u + i * L_UTS_LEN, f[i], strlen(f[i]));
	return copy_to_user(ubuf, u, sizeof(u));
}

static void rlimit_of(uint64_t res, uint64_t lim[2])
{
	lim[0] = lim[1] = L_RLIM_INFINITY;
	if (res == L_RLIMIT_STACK)
		lim[0] = lim[1] = STACK_SIZE;
	else if (res == L_RLIMIT_NOFILE)
		lim[0] = lim[1] = 64;
}

long sys_getrlimit(uint64_t res, uint64_t ulim)
{
	uint64_t lim[2];
	if (res >= L_RLIM_NLIMITS)
		return -EINVAL;
	rlimit_of(res, lim);
	return copy_to_user(ulim, lim, sizeof(lim));
}

/* Limits are fixed: lowering one is accepted and not enforced, raising
 * one above its maximum is EPERM (as for an unprivileged Linux process). */
static long set_limit(uint64_t res, uint64_t unew)
{
	uint64_t lim[2], want[2];
	rlimit_of(res, lim);
	if (copy_from_user(want, unew, sizeof(want)))
		return -EFAULT;
	if (want[0] > want[1])
		return -EINVAL;
	if (want[1] > lim[1])
		return -EPERM;
	return 0;
}

long sys_setrlimit(uint64_t res, uint64_t ulim)
{
	if (res >= L_RLIM_NLIMITS)
		return -EINVAL;
	return set_limit(res, ulim);
}

long sys_prlimit64(uint64_t pid, uint64_t res, uint64_t unew, uint64_t uold)
{
	uint64_t lim[2];
	if ((int)pid != 0 && (int)pid != PROC_PID)
		return -ESRCH;
	if (res >= L_RLIM_NLIMITS)
		return -EINVAL;
	rlimit_of(res, lim);
	if (unew) {
		long r = set_limit(res, unew);
		if (r)
			return r;
	}
	if (uold && copy_to_user(uold, lim, sizeof(lim)))
		return -EFAULT;
	return 0;
}

/* ---- time --------------------------------------------------------------- */

long sys_gettimeofday(uint64_t utv, uint64_t utz)
{
	uint64_t ns = time_ns();
	int64_t tv[2] = { (int64_t)(ns / 1000000000u), (int64_t)(ns % 1000000000u / 1000u) };
	int32_t tz[2] = { 0, 0 };
	if (utv && copy_to_user(utv, tv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_to_user(utz, tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

long sys_time(uint64_t ut)
{
	int64_t t = (int64_t)(time_ns() / 1000000000u);
	if (ut && copy_to_user(ut, &t, sizeof(t)))
		return -EFAULT;
	return t;
}

long sys_clock_getres(uint64_t clk, uint64_t uts)
{
	int64_t ts[2] = { 0, 1 };
	if (clk > 11)
		return -EINVAL;
	if (uts && copy_to_user(uts, ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

/* Sleep by waiting on the TSC: nothing else can run meanwhile. */
static long sleep_ts(uint64_t uts, bool absolute)
{
	int64_t ts[2];
	if (copy_from_user(ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
		return -EINVAL;
	uint64_t want = (uint64_t)ts[0] * 1000000000u + (uint64_t)ts[1];
	uint64_t now = time_ns();
	if (absolute)
		want = want > now ? want - now : 0;
	if (want > 3600ull * 1000000000u)
		want = 3600ull * 1000000000u;   /* bounded: one hour at most */
	time_udelay(want / 1000u);
	return 0;
}

long sys_nanosleep(uint64_t ureq, uint64_t urem)
{
	(void)urem;   /* never interrupted: nothing remains */
	return sleep_ts(ureq, false);
}

long sys_clock_nanosleep(uint64_t clk, uint64_t flags, uint64_t ureq, uint64_t urem)
{
	(void)urem;
	if (clk > 11 || (flags & ~1ull))
		return -EINVAL;
	return sleep_ts(ureq, flags & 1);   /* TIMER_ABSTIME */
}

long sys_sched_yield(void)
{
	return 0;
}

/* One thread: a wait whose value matches could only end by a timeout. */
long sys_futex(uint64_t uaddr, uint64_t op, uint64_t val, uint64_t utimeout)
{
	uint32_t cur;
	uint64_t cmd = op & FUTEX_CMD_MASK;
	if (uaddr & 3)
		return -EINVAL;
	if (cmd == FUTEX_WAKE || cmd == FUTEX_WAKE_BITSET)
		return 0;
	if (cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	if (copy_from_user(&cur, uaddr, sizeof(cur)))
		return -EFAULT;
	if (cur != (uint32_t)val)
		return -EAGAIN;
	if (utimeout)
		return -ETIMEDOUT;
	kprintf("futeet: futex wait with no other thread to wake it: EDEADLK\n");
	return -EDEADLK;
}

/* ---- TLS ---------------------------------------------------------------- */

long sys_arch_prctl(uint64_t code, uint64_t addr)
{
	uint64_t v;
	switch (code) {
	case L_ARCH_SET_FS:
	case L_ARCH_SET_GS:
		/* A user address or 0: the kernel never uses FS or GS. */
		if (addr != 0 && (addr < USER_LOW_BASE || addr >= USER_TOP))
			return -EPERM;
		if (code == L_ARCH_SET_GS)
			return -EINVAL;   /* the kernel's SWAPGS-free entry keeps GS unused */
		cpu_wrmsr(MSR_FS_BASE, addr);
		return 0;
	case L_ARCH_GET_FS:
		v = cpu_rdmsr(MSR_FS_BASE);
		return copy_to_user(addr, &v, sizeof(v));
	case L_ARCH_GET_GS:
		v = 0;
		return copy_to_user(addr, &v, sizeof(v));
	default:
		return -EINVAL;
	}
}

/* ---- prctl, rseq, sysinfo, affinity ------------------------------------- */

long sys_prctl(uint64_t option, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	char name[L_TASK_COMM_LEN];
	switch ((int)option) {
	case L_PR_SET_NAME:
		/* Up to 15 bytes and a NUL; a longer name is cut (prctl(2)). */
		memset(name, 0, sizeof(name));
		for (size_t i = 0; i + 1 < sizeof(name); i++) {
			if (copy_from_user(&name[i], a2 + i, 1))
				return -EFAULT;
			if (name[i] == '\0')
				break;
		}
		memcpy(comm, name, sizeof(comm));
		return 0;
	case L_PR_GET_NAME:
		return copy_to_user(a2, comm, sizeof(comm));
	case L_PR_GET_DUMPABLE:
		return 1;
	case L_PR_SET_DUMPABLE:
		return a2 <= 1 ? 0 : -EINVAL;   /* nothing dumps core here */
	case L_PR_SET_NO_NEW_PRIVS:
		if (a2 != 1 || a3 || a4 || a5)
			return -EINVAL;
		no_new_privs = true;   /* nothing could gain privileges anyway: no execve */
		return 0;
	case L_PR_GET_NO_NEW_PRIVS:
		if (a2 || a3 || a4 || a5)
			return -EINVAL;
		return no_new_privs;
	default:
		return -EINVAL;   /* Linux's answer to an option it does not know */
	}
}

/* Restartable sequences need preemption to mean anything; glibc (2.35+)
 * and musl carry on without them when the kernel says ENOSYS, so this is
 * ENOSYS, without the unknown-syscall log line (docs/LINUX-ABI.md). */
long sys_rseq(uint64_t urseq, uint64_t len, uint64_t flags, uint64_t sig)
{
	(void)urseq;
	(void)len;
	(void)flags;
	(void)sig;
	return -ENOSYS;
}

/* linux/sysinfo.h struct sysinfo on x86-64: uptime, loads[3], totalram,
 * freeram, sharedram, bufferram, totalswap, freeswap (longs), procs (u16),
 * totalhigh and freehigh at 88, mem_unit at 104; 112 bytes. */
struct l_sysinfo {
	int64_t uptime;
	uint64_t loads[3], totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	uint32_t pad2;
};
FUTEET_ASSERT_SIZE(struct l_sysinfo, 112);
FUTEET_ASSERT_OFFSET(struct l_sysinfo, procs, 80);
FUTEET_ASSERT_OFFSET(struct l_sysinfo, mem_unit, 104);

long sys_sysinfo(uint64_t uinfo)
{
	struct l_sysinfo si;
	memset(&si, 0, sizeof(si));
	si.uptime = (int64_t)(time_ns() / 1000000000u);
	si.totalram = pmm_ram_bytes();
	si.freeram = (uint64_t)pmm_free_count() * PAGE_SIZE;
	si.procs = 1;
	si.mem_unit = 1;
	return copy_to_user(uinfo, &si, sizeof(si));
}

/* One CPU runs the program: CPU 0 is its whole affinity mask. Linux
 * returns the size of its cpumask in bytes (8 for up to 64 CPUs) and
 * needs a buffer at least that long, a multiple of sizeof(long). */
long sys_sched_getaffinity(uint64_t pid, uint64_t len, uint64_t umask)
{
	uint64_t mask = 1;
	if ((int)pid != 0 && (int)pid != PROC_PID)
		return -ESRCH;
	if (len < sizeof(mask) || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (copy_to_user(umask, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
}

/* uid 0 belongs to no supplementary group. */
long sys_getgroups(uint64_t size, uint64_t ulist)
{
	(void)ulist;
	return (int)size < 0 ? -EINVAL : 0;
}
