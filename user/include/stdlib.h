/* FUTEET userland: memory allocation, process exit, number parsing (C11 7.22). */
#ifndef _ULIBC_STDLIB_H
#define _ULIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/* A first-fit free-list allocator over sbrk(); blocks are 16-byte aligned. */
void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);

/* Flushes stdout and stderr, then ends the program (the host sees
 * min(status, 119)). */
__attribute__((noreturn)) void exit(int status);
/* Flushes stdout and stderr, then dies by an invalid-opcode exception: the
 * host sees the "killed" status (120). */
__attribute__((noreturn)) void abort(void);

/* The value of NAME in the environment the program was started with, or NULL. */
char *getenv(const char *name);

int abs(int j);
long labs(long j);
int atoi(const char *s);
long atol(const char *s);
long strtol(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end, int base);

#endif
