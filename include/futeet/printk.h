/* Kernel console output and panic (kernel/printk.c). Everything printed goes
 * to the serial console, which the host reads: never print secrets. */
#ifndef FUTEET_PRINTK_H
#define FUTEET_PRINTK_H

#include <stdarg.h>
#include <stddef.h>
#include "compiler.h"

/* printf subset: %d %i %u %x %X %p %s %c %% with l/ll/z and width/0/- flags. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

FUTEET_NORETURN void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
