/* FUTEET's user ABI: the one header a program includes (<futeet/futeet.h>,
 * with -Iinclude/uapi), also usable by host tools ("uapi/futeet/futeet.h").
 * It brings in the error numbers, the user memory map, the syscall numbers
 * and the structures every FUTEET call passes; in userland it also declares
 * libfuteet (user/libfuteet). docs/API.md documents each call.
 *
 * Calling convention (Linux x86-64): the `syscall` instruction, number in
 * rax, arguments in rdi rsi rdx r10 r8 r9, rcx and r11 clobbered, result in
 * rax: >= 0, or a negative Linux errno value (-EINVAL, -EFAULT,
 * -EOPNOTSUPP, ...). The raw stubs futeet_sys_<name> return that value as
 * it is (no errno variable, no -1); futeet_strerror names it. */
#ifndef FUTEET_UAPI_FUTEET_H
#define FUTEET_UAPI_FUTEET_H

#include <stddef.h>
#include <stdint.h>

#include "caps.h"
#include "clock.h"
#include "errno.h"
#include "memlayout.h"
#include "port.h"
#include "seal.h"
#include "tee.h"
#include "verify.h"

/* syscalls.def's two ranges: Linux x86-64 numbers below 1024, FUTEET's own
 * calls from 1024 to 2047. */
#define FUTEET_SYSCALL_LINUX_MAX 1023
#define FUTEET_SYSCALL_BASE      1024
#define FUTEET_SYSCALL_MAX       2047

enum futeet_sysno {
#define SYSCALL(name, nr, nargs) FUTEET_SYS_##name = (nr),
#include "syscalls.def"
#undef SYSCALL
};

/* The raw result r of a call is an error iff -4095 <= r <= -1 (the Linux
 * convention: mmap may return addresses with the top bit set on other ABIs). */
static inline int futeet_is_err(long r)
{
	return (unsigned long)r >= (unsigned long)-4095L;
}

#ifndef FUTEET_KERNEL
/* ---- libfuteet (user/libfuteet) ---- */

/* long futeet_sys_<name>(long a0, ...): one raw stub per line of
 * syscalls.def, with exactly nargs arguments (pointers passed as long). */
#define FUTEET_SYSARGS_0 void
#define FUTEET_SYSARGS_1 long a0
#define FUTEET_SYSARGS_2 long a0, long a1
#define FUTEET_SYSARGS_3 long a0, long a1, long a2
#define FUTEET_SYSARGS_4 long a0, long a1, long a2, long a3
#define FUTEET_SYSARGS_5 long a0, long a1, long a2, long a3, long a4
#define FUTEET_SYSARGS_6 long a0, long a1, long a2, long a3, long a4, long a5
#define SYSCALL(name, nr, nargs) long futeet_sys_##name(FUTEET_SYSARGS_##nargs);
#include "syscalls.def"
#undef SYSCALL

/* Any syscall by number (for numbers not in the list, e.g. to test -ENOSYS). */
long futeet_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

/* The FUTEET calls (user/libfuteet/api.c): 0 or a negative errno. */
/* len random bytes from the kernel's HMAC-DRBG (getrandom, looped past its
 * 1 MiB per call); -EFAULT on a bad buffer. */
int futeet_random(void *buf, size_t len);
/* elapsed time and the host's wall clock, each flagged (uapi/futeet/clock.h) */
int futeet_time(struct futeet_time *out);
/* volatile monotonic counters: zero again after a reboot */
int futeet_counter_create(uint32_t *id);
int futeet_counter_increment(uint32_t id, uint64_t *value);
int futeet_counter_read(uint32_t id, uint64_t *value);
/* buf as base64 between "-----BEGIN FUTEET <label>-----" and "-----END FUTEET
 * <label>-----" lines on stdout (user/libfuteet/armor.c): how evidence and
 * sealed blobs leave the guest through the console. */
void futeet_print_armored(const char *label, const void *buf, size_t len);
#endif

#endif
