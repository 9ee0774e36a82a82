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
#include "kernel/proc.h"
#include "uapi/futeet/futeet.h"

/* Linux uapi values (asm-generic/mman-common.h, mman.h; linux/time.h;
 * linux/random.h). */
#define PROT_READ      0x1
#define PROT_WRITE     0x2
#define PROT_EXEC      0x4
#define MAP_SHARED     0x01
#define MAP_PRIVATE    0x02
#define MAP_FIXED      0x10
#define MAP_ANONYMOUS  0x20
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

/* The two ranges of syscalls.def, checked for every line at compile time. */
#define SYSCALL(name, nr, nargs)                                                \
	_Static_assert((nr) >= 0 && (nr) <= FUTEET_SYSCALL_MAX, #name ": number out of range"); \
	_Static_assert((nargs) >= 0 && (nargs) <= 6, #name ": at most 6 arguments");
#include "uapi/futeet/syscalls.def"
#undef SYSCALL

void syscall_dispatch(struct syscall_frame *f)
{
	long r;

	/* A duplicate number in syscalls.def is a duplicate case label. */
	switch (f->nr) {
#define SYSCALL(name, nr, nargs)                          \
	case (nr):                                        \
		r = sys_##name(SYSCALL_ARGS_##nargs);     \
		break;
#include "uapi/futeet/syscalls.def"
#undef SYSCALL
	default:
		r = -ENOSYS;
		break;
	}
	f->nr = (uint64_t)r;
}

void syscall_bad_return(struct syscall_frame *f)
{
	(void)f;
	proc_kill("syscall return to a non-canonical address (refused before SYSRET)");
}

long sys_write(uint64_t fd, uint64_t ubuf, uint64_t len)
{
	char chunk[WRITE_CHUNK];
	if (fd != 1 && fd != 2)
		return -EBADF;
	if (!user_range_ok(ubuf, len, false))
		return -EFAULT;
	for (uint64_t off = 0; off < len; off += WRITE_CHUNK) {
		size_t n = len - off < WRITE_CHUNK ? len - off : WRITE_CHUNK;
		if (copy_from_user(chunk, ubuf + off, n))
			return off ? (long)off : -EFAULT;
		uart_write(chunk, n);
	}
	return (long)len;
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
	if (addr < proc.brk_start || addr > proc.brk_start + BRK_LIMIT_BYTES)
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

long sys_mmap(uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags, uint64_t fd, uint64_t off)
{
	if (len == 0 || len > MMAP_TOP - MMAP_BASE)
		return -EINVAL;
	if ((flags & (MAP_SHARED | MAP_PRIVATE)) != MAP_PRIVATE || !(flags & MAP_ANONYMOUS) ||
	    (flags & ~(uint64_t)(MAP_PRIVATE | MAP_ANONYMOUS)))
		return -EINVAL;   /* anonymous private memory only; no MAP_FIXED */
	if ((int)fd != -1 || off != 0)
		return -EINVAL;
	if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC) || prot == 0)
		return -EINVAL;
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EINVAL;   /* W^X */
	(void)addr;           /* a hint only */
	uint64_t pages = (len + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t va = proc.mmap_next;
	if (pages * PAGE_SIZE > MMAP_TOP - va)
		return -ENOMEM;
	uint64_t fl = (prot & PROT_EXEC) ? 0 : (prot & PROT_WRITE) ? (PTE_W | PTE_NX) : PTE_NX;
	int err = proc_map_anon(va, pages, fl);
	if (err)
		return err;
	/* One unmapped guard page between mappings. */
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
	/* No CLOCK_REALTIME: the guest has no wall clock it can trust. */
	if (clk != CLOCK_MONOTONIC && clk != CLOCK_MONOTONIC_RAW && clk != CLOCK_BOOTTIME)
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
