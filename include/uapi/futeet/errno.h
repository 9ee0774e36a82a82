/* Error numbers shared by the kernel, userland and host tools.
 * Values follow Linux x86-64 (include/uapi/asm-generic/errno-base.h, errno.h)
 * so that a syscall's -errno means what a Linux programmer expects. */
#ifndef FUTEET_UAPI_ERRNO_H
#define FUTEET_UAPI_ERRNO_H

#define EPERM         1
#define ENOENT        2
#define ESRCH         3
#define EINTR         4
#define EIO           5
#define E2BIG         7
#define ENOEXEC       8
#define EBADF         9
#define ECHILD       10
#define EAGAIN       11
#define ENOMEM       12
#define EACCES       13
#define EFAULT       14
#define EBUSY        16
#define EEXIST       17
#define EXDEV        18
#define ENODEV       19
#define ENOTDIR      20
#define EISDIR       21
#define EINVAL       22
#define ENFILE       23
#define EMFILE       24
#define ENOTTY       25
#define EFBIG        27
#define ENOSPC       28
#define ESPIPE       29
#define EROFS        30
#define EPIPE        32
#define ERANGE       34
#define EDEADLK      35
#define ENAMETOOLONG 36
#define ENOSYS       38
#define ENOTEMPTY    39
#define ELOOP        40
#define ENODATA      61
#define ETIME        62
#define EPROTO       71
#define EBADMSG      74
#define EOVERFLOW    75
#define EMSGSIZE     90
#define EOPNOTSUPP   95
#define ECONNRESET  104
#define ENOTCONN    107
#define ETIMEDOUT   110
#define ECANCELED   125
#define EKEYREVOKED 128
#define EKEYREJECTED 129

/* The text of a positive or negative errno value (glibc's wording), or
 * "Unknown error"; never NULL. One table (lib/strerror.c) for the kernel,
 * libfuteet, the user libc's strerror and the host tools. */
const char *futeet_strerror(int err);

#endif
