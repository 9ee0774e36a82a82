/* 16550 serial console (arch/x86_64/uart.c). */
#ifndef FUTEET_ARCH_UART_H
#define FUTEET_ARCH_UART_H

#include <stddef.h>

void uart_init(void);
void uart_putc(char c);
void uart_write(const char *s, size_t n);
/* Start a new line unless the last character written ended one (the
 * program's unterminated output must not swallow a kernel message). */
void uart_end_line(void);

#endif
