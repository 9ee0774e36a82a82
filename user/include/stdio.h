/* FUTEET userland: formatted output to the console (a subset of C11 7.21).
 * stdout is line-buffered (flushed on '\n', when full, by fflush and at
 * exit); stderr is flushed at the end of every call, after stdout, so the two
 * stay in order on the one console. No input: FUTEET has no read syscall. */
#ifndef _ULIBC_STDIO_H
#define _ULIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)
#define BUFSIZ 1024

typedef struct ulibc_file FILE;
extern FILE *const stdout;
extern FILE *const stderr;

/* Conversions: %d %i %u %x %X %o %p %s %c %%, flags - 0 space + #, width and
 * precision (digits or *), length modifiers hh h l ll z j t. */
int printf(const char *restrict fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *restrict f, const char *restrict fmt, ...)
	__attribute__((format(printf, 2, 3)));
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vprintf(const char *restrict fmt, va_list ap) __attribute__((format(printf, 1, 0)));
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

int putchar(int c);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int puts(const char *s);
int fputs(const char *restrict s, FILE *restrict f);
size_t fwrite(const void *restrict p, size_t size, size_t nmemb, FILE *restrict f);
int fflush(FILE *f);   /* NULL flushes both streams */
int ferror(FILE *f);
/* "s: strerror(errno)" on stderr (just the text when s is NULL or empty). */
void perror(const char *s);

#endif
