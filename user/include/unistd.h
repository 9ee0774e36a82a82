/* FUTEET userland: POSIX process and I/O calls that FUTEET has.
 * Each sets errno and returns -1 on failure. */
#ifndef _ULIBC_UNISTD_H
#define _ULIBC_UNISTD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1  /* console */
#define STDERR_FILENO 2  /* console */

/* envp as the kernel passed it to the program (NULL-terminated). */
extern char **environ;

ssize_t write(int fd, const void *buf, size_t count);
/* Ends the program at once (no flush); the host sees min(status, 119). */
__attribute__((noreturn)) void _exit(int status);
/* Set the break to addr: 0, or -1 with errno = ENOMEM. */
int brk(void *addr);
/* Move the break by incr bytes; returns the old break, or (void *)-1. */
void *sbrk(intptr_t incr);

#endif
