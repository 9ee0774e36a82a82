/* FUTEET userland: the POSIX-style wrappers over libfuteet's raw stubs. Each
 * turns a negative raw result into errno + -1 (musl src/internal/syscall_ret.c). */
#include <errno.h>
#include <futeet/futeet.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

int errno;

static long ret_errno(long r)
{
	if (futeet_is_err(r)) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return ret_errno(futeet_sys_write(fd, (long)buf, (long)count));
}

void _exit(int status)
{
	futeet_sys_exit_group(status);
	for (;;)
		futeet_sys_exit(status);   /* not reached: exit_group does not return */
}

/* The raw brk returns the (new or unchanged) break; success means it moved to
 * exactly addr (Linux semantics: a refused request returns the old break). */
int brk(void *addr)
{
	long r = futeet_sys_brk((long)addr);

	if (futeet_is_err(r))
		return (int)ret_errno(r);
	if ((uintptr_t)r != (uintptr_t)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* The break is asked for afresh each time (not cached), so a program that
 * also calls brk() directly never confuses it. */
void *sbrk(intptr_t incr)
{
	long cur = futeet_sys_brk(0);
	uintptr_t old, want;

	if (futeet_is_err(cur)) {
		ret_errno(cur);
		return (void *)-1;
	}
	old = (uintptr_t)cur;
	if (incr == 0)
		return (void *)old;
	want = old + (uintptr_t)incr;
	if ((incr > 0 && want < old) || (incr < 0 && want > old)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (brk((void *)want) < 0)
		return (void *)-1;
	return (void *)old;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long r = futeet_sys_mmap((long)addr, (long)len, prot, flags, fd, off);

	if (futeet_is_err(r)) {
		errno = (int)-r;
		return MAP_FAILED;
	}
	return (void *)r;
}

int munmap(void *addr, size_t len)
{
	return (int)ret_errno(futeet_sys_munmap((long)addr, (long)len));
}

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	return (int)ret_errno(futeet_sys_clock_gettime(clk, (long)ts));
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	return ret_errno(futeet_sys_getrandom((long)buf, (long)len, (long)flags));
}
