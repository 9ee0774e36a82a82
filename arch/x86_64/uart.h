/* 16550 serial console (arch/x86_64/uart.c). */
#ifndef FUTEET_ARCH_UART_H
#define FUTEET_ARCH_UART_H

#include <stddef.h>
#include <stdint.h>

void uart_init(void);
void uart_write(const char *s, size_t n);
/* Start a new line unless the last character written ended one (the
 * program's unterminated output must not swallow a kernel message). */
void uart_end_line(void);
/* The second serial port (COM2): the program's stdout as raw bytes when
 * the command line says futeet.stdout=serial1; bytes written so far. */
void uart_serial1_init(void);
void uart_serial1_write(const void *buf, size_t n);
uint64_t uart_serial1_count(void);

#endif
