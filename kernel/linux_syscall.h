/* The Linux-compatible syscalls (kernel/linux_syscalls.def): handlers in
 * kernel/vfs.c (files) and kernel/linux.c (the rest). */
#ifndef FUTEET_KERNEL_LINUX_SYSCALL_H
#define FUTEET_KERNEL_LINUX_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

#include "futeet/uaccess.h"   /* SYSCALL_PARAMS_n */

#define LINUX_SYSCALL(name, nr, nargs) long sys_##name(SYSCALL_PARAMS_##nargs);
#include "kernel/linux_syscalls.def"
#undef LINUX_SYSCALL

/* Processes and threads: refused, never faked (clone, fork, vfork, execve,
 * execveat, clone3). */
#define LINUX_REFUSED(X) X(56) X(57) X(58) X(59) X(322) X(435)

/* kernel/vfs.c: the bytes of an open regular file (file-backed mmap). */
int vfs_fd_bytes(uint64_t fd, const uint8_t **data, size_t *size);

#endif
