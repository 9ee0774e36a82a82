/* The syscall numbers (part of futeet.h; the kernel's dispatch includes
 * only this): FUTEET_SYS_<name> from the one list, syscalls.def. */
#ifndef FUTEET_UAPI_SYSNO_H
#define FUTEET_UAPI_SYSNO_H

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

#endif
