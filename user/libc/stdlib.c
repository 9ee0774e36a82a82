/* FUTEET userland: number parsing (C11 7.22.1) and small integer helpers. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *getenv(const char *name)
{
	size_t n = strlen(name);

	if (!environ || n == 0 || strchr(name, '='))
		return NULL;
	for (char **e = environ; *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

int abs(int j) { return j < 0 ? -j : j; }
long labs(long j) { return j < 0 ? -j : j; }

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (islower(c))
		return c - 'a' + 10;
	if (isupper(c))
		return c - 'A' + 10;
	return 99;
}

/* The common core of strtol and strtoul (C11 7.22.1.4): optional white
 * space, sign, "0x"/"0X" for base 16 or 0, "0" for octal when base is 0.
 * Returns the magnitude (saturated at ULONG_MAX with *overflow set), the sign
 * in *neg, and where parsing stopped in *end (s itself if there were no
 * digits). */
static unsigned long parse_ul(const char *s, char **end, int base, bool *neg, bool *overflow)
{
	const char *p = s;
	unsigned long v = 0;
	bool any = false;

	*neg = false;
	*overflow = false;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	for (;; p++) {
		int d = digit_value((unsigned char)*p);

		if (d >= base)
			break;
		any = true;
		if (v > (ULONG_MAX - (unsigned long)d) / (unsigned long)base)
			*overflow = true;
		else
			v = v * (unsigned long)base + (unsigned long)d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	if (!any)
		*neg = false;
	return *overflow ? ULONG_MAX : v;
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	bool neg, overflow;
	unsigned long v = parse_ul(s, end, base, &neg, &overflow);

	if (overflow) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return neg ? -v : v;   /* C11 7.22.1.4p5: the negation in the return type */
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	bool neg, overflow;
	unsigned long v = parse_ul(s, end, base, &neg, &overflow);

	if (neg) {
		if (overflow || v > (unsigned long)LONG_MAX + 1) {
			errno = ERANGE;
			return LONG_MIN;
		}
		return v == (unsigned long)LONG_MAX + 1 ? LONG_MIN : -(long)v;
	}
	if (overflow || v > (unsigned long)LONG_MAX) {
		errno = ERANGE;
		return LONG_MAX;
	}
	return (long)v;
}

/* LP64: long long is long. */
long long strtoll(const char *restrict s, char **restrict end, int base)
{
	return strtol(s, end, base);
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	return strtoul(s, end, base);
}

long atol(const char *s) { return strtol(s, NULL, 10); }
int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
