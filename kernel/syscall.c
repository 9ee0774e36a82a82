/* Syscall dispatch and the core syscalls. The table is generated from
 * include/uapi/futeet/syscalls.def; numbers and errno values follow Linux
 * x86-64. Each handler validates all of its arguments before it changes any
 * state, and touches user memory only through copy_{from,to}_user. */
#include <string.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/uart.h"
#include "futeet/errno.h"
#include "futeet/printk.h"
#include "futeet/time.h"
#include "futeet/uaccess.h"
#include "kernel/kernel.h"
#include "kernel/linux_syscall.h"
#include "kernel/proc.h"
#include "uapi/futeet/sysno.h"

/* Linux uapi values (asm-generic/mman-common.h, mman.h; linux/time.h;
 * linux/random.h). */
#define PROT_READ      0x1
#define PROT_WRITE     0x2
#define PROT_EXEC      0x4
#define MAP_SHARED     0x01
#define MAP_PRIVATE    0x02
#define MAP_FIXED      0x10
#define MAP_ANONYMOUS  0x20
#define MAP_DENYWRITE  0x0800   /* ignored by Linux too */
#define MAP_NORESERVE  0x4000
#define MAP_POPULATE   0x8000
#define MAP_STACK      0x20000
#define MAP_IGNORED    (MAP_DENYWRITE | MAP_NORESERVE | MAP_POPULATE | MAP_STACK)
#define CLOCK_REALTIME      0
#define CLOCK_MONOTONIC     1
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_BOOTTIME      7
#define GRND_NONBLOCK  0x1
#define GRND_RANDOM    0x2
#define GRND_INSECURE  0x4
#define GETRANDOM_MAX  (1u << 20)
#define WRITE_CHUNK    256

/* Each handler gets exactly its nargs argument registers (syscalls.def). */
#define SYSCALL_ARGS_0
#define SYSCALL_ARGS_1 f->rdi
#define SYSCALL_ARGS_2 f->rdi, f->rsi
#define SYSCALL_ARGS_3 f->rdi, f->rsi, f->rdx
#define SYSCALL_ARGS_4 f->rdi, f->rsi, f->rdx, f->r10
#define SYSCALL_ARGS_5 f->rdi, f->rsi, f->rdx, f->r10, f->r8
#define SYSCALL_ARGS_6 f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9

/* The two ranges of syscalls.def, checked for every line at compile time;
 * the Linux calls of kernel/linux_syscalls.def are in the first one. */
#define SYSCALL(name, nr, nargs)                                                \
	_Static_assert((nr) >= 0 && (nr) <= FUTEET_SYSCALL_MAX, #name ": number out of range"); \
	_Static_assert((nargs) >= 0 && (nargs) <= 6, #name ": at most 6 arguments");
#include "uapi/futeet/syscalls.def"
#undef SYSCALL
#define LINUX_SYSCALL(name, nr, nargs)                                          \
	_Static_assert((nr) >= 0 && (nr) <= FUTEET_SYSCALL_LINUX_MAX, #name ": not a Linux number"); \
	_Static_assert((nargs) >= 0 && (nargs) <= 6, #name ": at most 6 arguments");
#include "kernel/linux_syscalls.def"
#undef LINUX_SYSCALL

/* ENOSYS, said once per number on the console, so a user sees which call a
 * program missed; processes and threads are refused outright
 * (docs/LINUX-ABI.md). The number's Linux name is the host's business:
 * scripts/run adds it from asm/unistd_64.h, so no table of names sits in
 * ring 0. */
#define UNKNOWN_LOGGED_MAX 512
static uint8_t unknown_logged[UNKNOWN_LOGGED_MAX / 8];

static long syscall_unknown(uint64_t nr)
{
	bool refused = false;
#define REFUSED_NR(n) refused = refused || nr == (n);
	LINUX_REFUSED(REFUSED_NR)
#undef REFUSED_NR
	if (nr < UNKNOWN_LOGGED_MAX && !(unknown_logged[nr / 8] & (1u << (nr % 8)))) {
		unknown_logged[nr / 8] |= (uint8_t)(1u << (nr % 8));
		uart_end_line();
		kprintf("futeet: syscall %llu %s: ENOSYS\n", (unsigned long long)nr,
			refused ? "refused: one process, one thread" : "not implemented");
	}
	return -ENOSYS;
}

void syscall_dispatch(struct syscall_frame *f)
{
	long r;

	/* A duplicate number in syscalls.def or linux_syscalls.def is a
	 * duplicate case label. */
	switch (f->nr) {
#define SYSCALL(name, nr, nargs)                          \
	case (nr):                                        \
		r = sys_##name(SYSCALL_ARGS_##nargs);     \
		break;
#include "uapi/futeet/syscalls.def"
#undef SYSCALL
#define LINUX_SYSCALL(name, nr, nargs)                    \
	case (nr):                                        \
		r = sys_##name(SYSCALL_ARGS_##nargs);     \
		break;
#include "kernel/linux_syscalls.def"
#undef LINUX_SYSCALL
	case LINUX_NR_RT_SIGRETURN:
		r = linux_rt_sigreturn(f);
		break;
	default:
		r = syscall_unknown(f->nr);
		break;
	}
	f->nr = (uint64_t)r;
	linux_signal_deliver(f);
}

void syscall_bad_return(struct syscall_frame *f)
{
	(void)f;
	proc_kill("syscall return to a non-canonical address (refused before SYSRET)");
}

long sys_exit(uint64_t status)
{
	proc_exit((int)(status & 0xff));
}

long sys_exit_group(uint64_t status)
{
	proc_exit((int)(status & 0xff));
}

long sys_brk(uint64_t addr)
{
	/* Linux semantics: the new break, or the old one when the request
	 * cannot be met. */
	if (addr < proc.brk_start || addr > proc.brk_limit)
		return (long)proc.brk;
	uint64_t old_end = (proc.brk + PAGE_SIZE - 1) & PAGE_MASK;
	uint64_t new_end = (addr + PAGE_SIZE - 1) & PAGE_MASK;
	if (new_end > old_end) {
		if (proc_map_anon(old_end, (new_end - old_end) / PAGE_SIZE, PTE_W | PTE_NX))
			return (long)proc.brk;
	} else if (new_end < old_end) {
		proc_unmap(new_end, (old_end - new_end) / PAGE_SIZE);
	}
	proc.brk = addr;
	return (long)addr;
}

/* Private mappings only: anonymous (zeroed) or a private copy of a file's
 * bytes (no sharing: writes never reach the file). MAP_FIXED only inside
 * the mmap range, replacing what was there, as on Linux. W^X: never
 * writable and executable together. */
long sys_mmap(uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags, uint64_t fd, uint64_t off)
{
	const uint8_t *fdata = NULL;
	size_t fsize = 0;

	if (len == 0 || len > MMAP_TOP - MMAP_BASE)
		return -EINVAL;
	if ((flags & (MAP_SHARED | MAP_PRIVATE)) != MAP_PRIVATE ||
	    (flags & ~(uint64_t)(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_IGNORED)))
		return -EINVAL;   /* private memory only */
	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EINVAL;   /* W^X */
	if (!(flags & MAP_ANONYMOUS)) {
		int err = vfs_fd_bytes(fd, &fdata, &fsize);
		if (err)
			return err == -EBADF ? -EBADF : -EACCES;
	} else if ((int)fd != -1 || off != 0) {
		return -EINVAL;
	}
	uint64_t pages = (len + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t va = proc.mmap_next;
	if (flags & MAP_FIXED) {
		if ((addr & ~PAGE_MASK) || addr < MMAP_BASE || addr >= MMAP_TOP ||
		    pages * PAGE_SIZE > MMAP_TOP - addr)
			return -EINVAL;   /* only inside the mmap range */
		va = addr;
		proc_unmap(va, pages);
	} else if (pages * PAGE_SIZE > MMAP_TOP - va - PAGE_SIZE) {
		return -ENOMEM;
	}
	/* Filled while writable, then given the asked-for rights. */
	int err = proc_map_anon(va, pages, PTE_W | PTE_NX);
	if (err)
		return err;
	if (fdata && off < fsize) {
		uint64_t n = fsize - off < pages * PAGE_SIZE ? fsize - off : pages * PAGE_SIZE;
		for (uint64_t d = 0; d < n; d += PAGE_SIZE) {
			uint64_t pa;
			size_t c = n - d < PAGE_SIZE ? n - d : PAGE_SIZE;
			if (paging_user_pa(va + d, &pa) == 0)
				memcpy((void *)(uintptr_t)pa, fdata + off + d, c);
		}
	}
	uint64_t fl = (prot & PROT_EXEC) ? 0 : (prot & PROT_WRITE) ? (PTE_W | PTE_NX) : PTE_NX;
	for (uint64_t i = 0; i < pages; i++)
		(void)paging_protect_user(va + i * PAGE_SIZE, fl);
	/* One unmapped guard page between mappings. */
	if (va + (pages + 1) * PAGE_SIZE > proc.mmap_next)
		proc.mmap_next = va + (pages + 1) * PAGE_SIZE;
	return (long)va;
}

long sys_munmap(uint64_t addr, uint64_t len)
{
	if ((addr & ~PAGE_MASK) || len == 0 || addr < MMAP_BASE || addr >= MMAP_TOP ||
	    len > MMAP_TOP - addr)
		return -EINVAL;
	proc_unmap(addr, (len + PAGE_SIZE - 1) / PAGE_SIZE);
	return 0;
}

long sys_clock_gettime(uint64_t clk, uint64_t uts)
{
	/* The guest has no wall clock it can trust: CLOCK_REALTIME counts
	 * from the Unix epoch at boot (docs/LINUX-ABI.md). */
	if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC && clk != CLOCK_MONOTONIC_RAW &&
	    clk != CLOCK_BOOTTIME)
		return -EINVAL;
	uint64_t ns = time_ns();
	int64_t ts[2] = { (int64_t)(ns / 1000000000u), (int64_t)(ns % 1000000000u) };
	return copy_to_user(uts, ts, sizeof(ts));
}

long sys_getrandom(uint64_t ubuf, uint64_t len, uint64_t flags)
{
	uint8_t chunk[256];
	if (flags & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (len > GETRANDOM_MAX)
		len = GETRANDOM_MAX;
	if (!user_range_ok(ubuf, len, true))
		return -EFAULT;
	for (uint64_t off = 0; off < len; off += sizeof(chunk)) {
		size_t n = len - off < sizeof(chunk) ? len - off : sizeof(chunk);
		random_bytes(chunk, n);
		int err = copy_to_user(ubuf + off, chunk, n);
		futeet_wipe(chunk, sizeof(chunk));
		if (err)
			return off ? (long)off : err;
	}
	return (long)len;
}
