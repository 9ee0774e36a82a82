/* FUTEET userland: basic POSIX types (LP64, as Linux x86-64). */
#ifndef _ULIBC_SYS_TYPES_H
#define _ULIBC_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef long off_t;
typedef long time_t;
typedef int clockid_t;
typedef int pid_t;

#endif
