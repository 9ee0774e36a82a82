/* FUTEET userland: the printf family and console streams (C11 7.21.6.1 for
 * the conversions we offer; see stdio.h).
 *
 * One formatter writes into a struct sink: either a caller's buffer (the
 * snprintf family: counts every character, stores at most size-1, always
 * terminates when size > 0) or a FILE's buffer, flushed with write(). */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ulibc_file {
	int fd;
	bool line_buffered;   /* stdout: flush at '\n'; stderr: at end of each call */
	bool error;
	size_t len;
	char buf[BUFSIZ];
};

static struct ulibc_file out_file = { .fd = STDOUT_FILENO, .line_buffered = true };
static struct ulibc_file err_file = { .fd = STDERR_FILENO };
FILE *const stdout = &out_file;
FILE *const stderr = &err_file;

static int file_flush(FILE *f)
{
	size_t off = 0;

	while (off < f->len) {
		ssize_t r = write(f->fd, f->buf + off, f->len - off);

		if (r <= 0) {
			f->error = true;
			f->len = 0;
			return EOF;
		}
		off += (size_t)r;
	}
	f->len = 0;
	return 0;
}

int fflush(FILE *f)
{
	if (!f) {
		int a = file_flush(stdout), b = file_flush(stderr);

		return a | b;
	}
	return file_flush(f);
}

int ferror(FILE *f)
{
	return f->error;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

void __ulibc_assert_fail(const char *expr, const char *file, int line, const char *func)
{
	fprintf(stderr, "%s:%d: %s: assertion failed: %s\n", file, line, func, expr);
	abort();
}

static void file_put(FILE *f, char c)
{
	if (f->len == sizeof(f->buf))
		file_flush(f);
	f->buf[f->len++] = c;
	if (c == '\n' && f->line_buffered)
		file_flush(f);
}

/* End of one stdio call: stderr goes out now, after whatever stdout holds, so
 * the console shows them in program order. */
static int file_end_call(FILE *f)
{
	if (f->line_buffered)
		return f->error ? EOF : 0;
	/* a failure here is stdout's own: it stays in ferror(stdout) */
	(void)file_flush(stdout);
	return file_flush(f);
}

struct sink {
	char *buf;      /* snprintf target, or NULL */
	size_t size;    /* snprintf: capacity including the NUL */
	FILE *f;        /* or the stream */
	size_t n;       /* characters produced so far */
};

static void put(struct sink *s, char c)
{
	if (s->f)
		file_put(s->f, c);
	else if (s->n + 1 < s->size)
		s->buf[s->n] = c;
	s->n++;
}

static void put_n(struct sink *s, char c, size_t n)
{
	while (n--)
		put(s, c);
}

static void put_str(struct sink *s, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(s, p[i]);
}

enum { F_MINUS = 1, F_ZERO = 2, F_SPACE = 4, F_PLUS = 8, F_ALT = 16 };
enum len_mod { L_NONE, L_HH, L_H, L_L, L_LL, L_Z, L_J, L_T };

/* One integer conversion (C11 7.21.6.1p8 d i o u x X, and p as glibc prints
 * it: "0x" and lowercase hex). prec < 0: no precision given. */
static void put_int(struct sink *s, uintmax_t mag, bool neg, char conv, int flags, int width,
		    int prec)
{
	char digits[24];   /* 2^64 - 1 in octal has 22 digits */
	const char *set = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X' || conv == 'p') ? 16 : 10;
	bool is_signed = conv == 'd' || conv == 'i';
	char prefix[2];
	size_t nd = 0, np = 0, zeros = 0, total;

	while (mag) {
		digits[sizeof(digits) - 1 - nd++] = set[mag % base];
		mag /= base;
	}
	if (prec < 0) {
		prec = 1;   /* default precision: one digit, so 0 prints "0" */
	} else {
		flags &= ~F_ZERO;   /* p6: with a precision, '0' is ignored */
	}
	if ((size_t)prec > nd)
		zeros = (size_t)prec - nd;
	if (is_signed && neg)
		prefix[np++] = '-';
	else if (is_signed && (flags & F_PLUS))
		prefix[np++] = '+';
	else if (is_signed && (flags & F_SPACE))
		prefix[np++] = ' ';
	if ((flags & F_ALT) && base == 8 && zeros == 0 && (nd == 0 || digits[sizeof(digits) - nd] != '0'))
		zeros = 1;   /* p6 '#': octal's first digit is a zero */
	if ((flags & F_ALT) && base == 16 && nd > 0) {
		prefix[np++] = '0';
		prefix[np++] = conv == 'X' ? 'X' : 'x';
	}
	total = np + zeros + nd;
	if (width > 0 && (size_t)width > total && !(flags & F_MINUS)) {
		if (flags & F_ZERO)
			zeros += (size_t)width - total;
		else
			put_n(s, ' ', (size_t)width - total);
	}
	put_str(s, prefix, np);
	put_n(s, '0', zeros);
	put_str(s, digits + sizeof(digits) - nd, nd);
	if (width > 0 && (size_t)width > total && (flags & F_MINUS))
		put_n(s, ' ', (size_t)width - total);
}

static void put_padded(struct sink *s, const char *p, size_t n, int flags, int width)
{
	size_t pad = width > 0 && (size_t)width > n ? (size_t)width - n : 0;

	if (!(flags & F_MINUS))
		put_n(s, ' ', pad);
	put_str(s, p, n);
	if (flags & F_MINUS)
		put_n(s, ' ', pad);
}

/* Reads a decimal field; saturates so a silly width cannot overflow. */
static int read_num(const char **fmt)
{
	int v = 0;

	while (**fmt >= '0' && **fmt <= '9') {
		if (v < INT_MAX / 10)
			v = v * 10 + (**fmt - '0');
		else
			v = INT_MAX;
		(*fmt)++;
	}
	return v;
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	while (*fmt) {
		int flags = 0, width = 0, prec = -1;
		enum len_mod lm = L_NONE;
		uintmax_t mag;
		bool neg = false;
		const char *spec = fmt;

		if (*fmt != '%') {
			put(s, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-') flags |= F_MINUS;
			else if (*fmt == '0') flags |= F_ZERO;
			else if (*fmt == ' ') flags |= F_SPACE;
			else if (*fmt == '+') flags |= F_PLUS;
			else if (*fmt == '#') flags |= F_ALT;
			else break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
			if (width < 0) {   /* p5: a negative width is '-' and its magnitude */
				flags |= F_MINUS;
				width = width == INT_MIN ? INT_MAX : -width;
			}
		} else {
			width = read_num(&fmt);
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);   /* p5: negative = no precision */
				fmt++;
				if (prec < 0)
					prec = -1;
			} else {
				prec = read_num(&fmt);
			}
		}
		if (flags & F_MINUS)
			flags &= ~F_ZERO;   /* p6: '-' overrides '0' */
		if (flags & F_PLUS)
			flags &= ~F_SPACE;  /* p6: '+' overrides ' ' */
		switch (*fmt) {
		case 'h': lm = fmt[1] == 'h' ? L_HH : L_H; break;
		case 'l': lm = fmt[1] == 'l' ? L_LL : L_L; break;
		case 'z': lm = L_Z; break;
		case 'j': lm = L_J; break;
		case 't': lm = L_T; break;
		default: break;
		}
		if (lm == L_HH || lm == L_LL)
			fmt += 2;
		else if (lm != L_NONE)
			fmt++;

		switch (*fmt) {
		case 'd':
		case 'i': {
			intmax_t v;

			switch (lm) {
			case L_HH: v = (signed char)va_arg(ap, int); break;
			case L_H: v = (short)va_arg(ap, int); break;
			case L_L: v = va_arg(ap, long); break;
			case L_LL: v = va_arg(ap, long long); break;
			case L_Z: v = va_arg(ap, long); break;   /* the signed size_t: ssize_t */
			case L_J: v = va_arg(ap, intmax_t); break;
			case L_T: v = va_arg(ap, ptrdiff_t); break;
			default: v = va_arg(ap, int); break;
			}
			neg = v < 0;
			mag = neg ? -(uintmax_t)v : (uintmax_t)v;
			put_int(s, mag, neg, *fmt, flags, width, prec);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			switch (lm) {
			case L_HH: mag = (unsigned char)va_arg(ap, unsigned); break;
			case L_H: mag = (unsigned short)va_arg(ap, unsigned); break;
			case L_L: mag = va_arg(ap, unsigned long); break;
			case L_LL: mag = va_arg(ap, unsigned long long); break;
			case L_Z: mag = va_arg(ap, size_t); break;
			case L_J: mag = va_arg(ap, uintmax_t); break;
			case L_T: mag = (uintmax_t)va_arg(ap, ptrdiff_t); break;
			default: mag = va_arg(ap, unsigned); break;
			}
			put_int(s, mag, false, *fmt, flags, width, prec);
			break;
		case 'p': {
			void *p = va_arg(ap, void *);

			if (!p)
				put_padded(s, "(nil)", 5, flags, width);   /* as glibc */
			else
				put_int(s, (uintptr_t)p, false, 'p', flags | F_ALT, width, prec);
			break;
		}
		case 's': {
			const char *str = va_arg(ap, const char *);
			size_t n;

			if (!str)
				str = prec < 0 || prec >= 6 ? "(null)" : "";   /* as glibc */
			/* p8: with a precision, no more than prec bytes are read */
			n = prec < 0 ? strlen(str) : strnlen(str, (size_t)prec);
			put_padded(s, str, n, flags, width);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);

			put_padded(s, &c, 1, flags, width);
			break;
		}
		case '%':
			put(s, '%');
			break;
		default:
			/* not a conversion we know: print the spec as written, and
			 * stop at the end of the string */
			while (spec < fmt)
				put(s, *spec++);
			if (!*fmt)
				return;
			put(s, *fmt);
			break;
		}
		fmt++;
	}
}

static int result(size_t n)
{
	if (n > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)n;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	struct sink s = { .buf = buf, .size = size };

	format(&s, fmt, ap);
	if (size)
		buf[s.n < size ? s.n : size - 1] = 0;
	return result(s.n);
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct sink s = { .f = f };

	format(&s, fmt, ap);
	if (file_end_call(f) < 0) {
		errno = EIO;
		return -1;
	}
	return result(s.n);
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

size_t fwrite(const void *restrict p, size_t size, size_t nmemb, FILE *restrict f)
{
	const char *c = p;
	size_t n;

	if (__builtin_mul_overflow(size, nmemb, &n) || size == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		file_put(f, c[i]);
	if (file_end_call(f) < 0)
		return 0;
	return nmemb;
}

int fputc(int c, FILE *f)
{
	file_put(f, (char)c);
	if (file_end_call(f) < 0)
		return EOF;
	return (unsigned char)c;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *restrict str, FILE *restrict f)
{
	while (*str)
		file_put(f, *str++);
	return file_end_call(f) < 0 ? EOF : 0;
}

int puts(const char *str)
{
	while (*str)
		file_put(stdout, *str++);
	file_put(stdout, '\n');
	return file_end_call(stdout) < 0 ? EOF : 0;
}
