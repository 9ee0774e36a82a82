/* kprintf, ksnprintf and panic. Output goes to the serial console, which the
 * host reads: callers never pass secrets. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/uart.h"
#include "futeet/printk.h"
#include "kernel/kernel.h"

struct sink {
	char *buf;      /* NULL: console */
	size_t cap, len;
};

static void put(struct sink *s, char c)
{
	if (!s->buf)
		uart_write(&c, 1);
	else if (s->len + 1 < s->cap)
		s->buf[s->len] = c;
	s->len++;
}

static void put_num(struct sink *s, uint64_t v, unsigned base, bool upper, bool neg,
		    int width, bool zero, bool left, const char *prefix)
{
	char tmp[24];
	int n = 0;
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	int plen = (int)strlen(prefix) + (neg ? 1 : 0);
	int pad = width - n - plen;
	if (!left && !zero)
		for (; pad > 0; pad--)
			put(s, ' ');
	if (neg)
		put(s, '-');
	for (const char *p = prefix; *p; p++)
		put(s, *p);
	if (!left && zero)
		for (; pad > 0; pad--)
			put(s, '0');
	while (n)
		put(s, tmp[--n]);
	if (left)
		for (; pad > 0; pad--)
			put(s, ' ');
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(s, *fmt);
			continue;
		}
		bool left = false, zero = false, alt = false;
		int width = 0, lng = 0;
		for (fmt++;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '0')
				zero = true;
			else if (*fmt == '#')
				alt = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			lng = (*fmt == 'z') ? 2 : lng + 1;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			bool neg = v < 0;
			uint64_t u = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
			put_num(s, u, 10, false, neg, width, zero, left, "");
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			uint64_t v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int);
			unsigned base = *fmt == 'u' ? 10 : 16;
			put_num(s, v, base, *fmt == 'X', false, width, zero, left,
				(alt && base == 16) ? "0x" : "");
			break;
		}
		case 'p':
			put_num(s, (uint64_t)(uintptr_t)va_arg(ap, void *), 16, false, false,
				width, zero, left, "0x");
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			int n = (int)strlen(str);
			if (!left)
				for (int i = n; i < width; i++)
					put(s, ' ');
			for (int i = 0; i < n; i++)
				put(s, str[i]);
			if (left)
				for (int i = n; i < width; i++)
					put(s, ' ');
			break;
		}
		case 'c':
			put(s, (char)va_arg(ap, int));
			break;
		case '%':
			put(s, '%');
			break;
		case '\0':
			return;
		default:
			put(s, '%');
			put(s, *fmt);
			break;
		}
	}
}

int kvprintf(const char *fmt, va_list ap)
{
	struct sink s = { NULL, 0, 0 };
	format(&s, fmt, ap);
	return (int)s.len;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

int ksnprintf(char *buf, size_t n, const char *fmt, ...)
{
	struct sink s = { buf, n, 0 };
	va_list ap;
	va_start(ap, fmt);
	format(&s, fmt, ap);
	va_end(ap);
	if (n)
		buf[s.len < n ? s.len : n - 1] = '\0';
	return (int)s.len;
}

void panic(const char *fmt, ...)
{
	va_list ap;
	uart_end_line();
	kprintf("futeet: PANIC: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	kernel_report_exit(EXIT_PANIC);
}
