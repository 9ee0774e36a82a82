/* Copying to and from the user program's memory (kernel/uaccess.c). Every
 * user pointer is range-checked against [USER_BASE, USER_TOP) and the
 * program's mappings before a single byte moves; a bad range is -EFAULT and
 * never a kernel fault. */
#ifndef FUTEET_UACCESS_H
#define FUTEET_UACCESS_H

#include <stddef.h>
#include <stdint.h>
#include "compiler.h"

FUTEET_MUST_CHECK
int copy_from_user(void *dst, uint64_t usrc, size_t n);
FUTEET_MUST_CHECK
int copy_to_user(uint64_t udst, const void *src, size_t n);

/* Syscall handlers: long sys_<name>(a1..a6), declared from syscalls.def. */
#define SYSCALL(name, nr, nargs) \
	long sys_##name(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6);
#include "../uapi/futeet/syscalls.def"
#undef SYSCALL

#endif
