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

/* Signals (kernel/linux.c): rt_sigreturn takes the whole frame; on the way
 * out of every syscall, a pending unblocked signal's handler is entered
 * by rewriting the frame. */
#define LINUX_NR_RT_SIGRETURN 15
struct syscall_frame;
long linux_rt_sigreturn(struct syscall_frame *f);
void linux_signal_deliver(struct syscall_frame *f);

/* Processes and threads: refused, never faked (clone, fork, vfork, execve,
 * execveat, clone3). */
#define LINUX_REFUSED(X) X(56) X(57) X(58) X(59) X(322) X(435)

/* kernel/vfs.c: the bytes of an open regular file (file-backed mmap). */
int vfs_fd_bytes(uint64_t fd, const uint8_t **data, size_t *size);

#endif
