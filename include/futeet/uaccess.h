/* Copying to and from the user program's memory (kernel/uaccess.c). Every
 * user pointer is range-checked against [USER_BASE, USER_TOP) and the
 * program's mappings before a single byte moves; a bad range is -EFAULT and
 * never a kernel fault. The stack's pages not touched yet count as mapped:
 * the copy's page fault maps them zeroed (proc_stack_fault). */
#ifndef FUTEET_UACCESS_H
#define FUTEET_UACCESS_H

#include <stddef.h>
#include <stdint.h>
#include "compiler.h"

FUTEET_MUST_CHECK
int copy_from_user(void *dst, uint64_t usrc, size_t n);
FUTEET_MUST_CHECK
int copy_to_user(uint64_t udst, const void *src, size_t n);

/* Syscall handlers, declared from syscalls.def with exactly nargs
 * parameters: long sys_<name>(uint64_t a0, ...). A handler defined with
 * another arity conflicts with its prototype and does not compile; nargs
 * above 6 has no SYSCALL_PARAMS_ and does not compile either. */
#define SYSCALL_PARAMS_0 void
#define SYSCALL_PARAMS_1 uint64_t
#define SYSCALL_PARAMS_2 uint64_t, uint64_t
#define SYSCALL_PARAMS_3 uint64_t, uint64_t, uint64_t
#define SYSCALL_PARAMS_4 uint64_t, uint64_t, uint64_t, uint64_t
#define SYSCALL_PARAMS_5 uint64_t, uint64_t, uint64_t, uint64_t, uint64_t
#define SYSCALL_PARAMS_6 uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t
#define SYSCALL(name, nr, nargs) long sys_##name(SYSCALL_PARAMS_##nargs);
#include "../uapi/futeet/syscalls.def"
#undef SYSCALL

#endif
