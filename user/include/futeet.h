/* libfuteet: the raw FUTEET system calls, generated from the one list
 * include/uapi/futeet/syscalls.def.
 *
 *   long futeet_sys_<name>(long a0, ...)   nargs arguments as in the list
 *   FUTEET_SYS_<name>                      its number
 *
 * Each returns the kernel's raw result: >= 0, or a negative errno (no errno
 * variable, no -1). Pointers are passed as (long). The libc layer (unistd.h,
 * sys/mman.h, ...) is built on these. Calling convention: the `syscall`
 * instruction, Linux x86-64 (number in rax; arguments in rdi rsi rdx r10 r8
 * r9; rcx and r11 clobbered; result in rax). */
#ifndef _ULIBC_FUTEET_H
#define _ULIBC_FUTEET_H

#define FUTEET_SYSARGS_0 void
#define FUTEET_SYSARGS_1 long a0
#define FUTEET_SYSARGS_2 long a0, long a1
#define FUTEET_SYSARGS_3 long a0, long a1, long a2
#define FUTEET_SYSARGS_4 long a0, long a1, long a2, long a3
#define FUTEET_SYSARGS_5 long a0, long a1, long a2, long a3, long a4
#define FUTEET_SYSARGS_6 long a0, long a1, long a2, long a3, long a4, long a5

enum futeet_sysno {
#define SYSCALL(name, nr, nargs) FUTEET_SYS_##name = (nr),
#include <futeet/syscalls.def>
#undef SYSCALL
};

#define SYSCALL(name, nr, nargs) long futeet_sys_##name(FUTEET_SYSARGS_##nargs);
#include <futeet/syscalls.def>
#undef SYSCALL

/* Any syscall by number (for numbers not in the list, e.g. to test -ENOSYS). */
long futeet_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

/* The raw result r of a call is an error iff -4095 <= r <= -1 (the Linux
 * convention: mmap may return addresses with the top bit set on other ABIs). */
static inline int futeet_is_err(long r)
{
	return (unsigned long)r >= (unsigned long)-4095L;
}

#endif
