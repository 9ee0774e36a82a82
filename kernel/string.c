/* mem and str functions for the freestanding kernel (and BearSSL in it).
 * GCC may emit calls to memcpy/memset/memmove/memcmp itself, so these are
 * plain byte loops the compiler cannot turn back into calls to themselves. */
#include <string.h>
#include <stdint.h>

/* Eight bytes at a time when both pointers are 8-byte aligned (page
 * zeroing and copies of whole buffers dominate), then bytes. */
__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;
	if ((((uintptr_t)dp | (uintptr_t)sp) & 7) == 0) {
		for (; n >= 8; n -= 8, dp += 8, sp += 8)
			*(uint64_t *)(void *)dp = *(const uint64_t *)(const void *)sp;
	}
	while (n--)
		*dp++ = *sp++;
	return d;
}

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memmove(void *d, const void *s, size_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;
	if (dp == sp || n == 0)
		return d;
	if (dp < sp) {
		while (n--)
			*dp++ = *sp++;
	} else {
		while (n--)
			dp[n] = sp[n];
	}
	return d;
}

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memset(void *d, int c, size_t n)
{
	uint8_t *dp = d;
	if (((uintptr_t)dp & 7) == 0) {
		uint64_t w = 0x0101010101010101ull * (uint8_t)c, *q = (uint64_t *)(void *)dp;
		/* 64 bytes a round: zeroing the 1 MiB user stack is then 3x fewer
		 * instructions than 8 bytes a round (boot under TCG -icount). */
		for (; n >= 64; n -= 64, q += 8)
			q[0] = q[1] = q[2] = q[3] = q[4] = q[5] = q[6] = q[7] = w;
		for (dp = (uint8_t *)q; n >= 8; n -= 8, dp += 8)
			*(uint64_t *)(void *)dp = w;
	}
	while (n--)
		*dp++ = (uint8_t)c;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *ap = a, *bp = b;
	for (size_t i = 0; i < n; i++)
		if (ap[i] != bp[i])
			return ap[i] < bp[i] ? -1 : 1;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
