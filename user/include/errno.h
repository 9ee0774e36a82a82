/* FUTEET userland: errno. Values are the uapi ones (Linux x86-64); the libc
 * wrappers set errno and return -1, the raw futeet_sys_* stubs return -errno.
 * One process, one thread: errno is a plain global. */
#ifndef _ULIBC_ERRNO_H
#define _ULIBC_ERRNO_H

#include <futeet/errno.h>

extern int errno;

#endif
