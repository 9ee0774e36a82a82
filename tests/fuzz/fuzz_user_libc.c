/* Differential fuzzing of the userland libc (user/libc, compiled with ulibc_
 * names, tests/unit/user_libc_rename.h) against glibc, plus a malloc/free/
 * realloc sequence checker. The first input byte picks the mode:
 *   0 strtol/strtoul vs glibc (value, end pointer, errno), bases 0 and 2..36
 *   1 one printf conversion built from the input (flags, width, precision,
 *     length, conversion) vs glibc's snprintf
 *   2 string functions on two input strings vs glibc
 *   3 a malloc/free/realloc program; every live block keeps its contents and
 *     no two live blocks overlap
 * Any difference aborts (libFuzzer reports it). */
#include <errno.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

typedef struct ulibc_file ULIBC_FILE;
int ulibc_snprintf(char *buf, size_t size, const char *fmt, ...);
long ulibc_strtol(const char *s, char **end, int base);
unsigned long ulibc_strtoul(const char *s, char **end, int base);
int ulibc_strcmp(const char *a, const char *b);
int ulibc_strncmp(const char *a, const char *b, size_t n);
int ulibc_memcmp(const void *a, const void *b, size_t n);
char *ulibc_strstr(const char *h, const char *n);
char *ulibc_strchr(const char *s, int c);
char *ulibc_strrchr(const char *s, int c);
size_t ulibc_strnlen(const char *s, size_t n);
void *ulibc_memchr(const void *s, int c, size_t n);
void *ulibc_malloc(size_t n);
void ulibc_free(void *p);
void *ulibc_realloc(void *p, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- fakes for the kernel side ---- */
int ulibc_errno;
char **ulibc_environ;
ssize_t ulibc_write(int fd, const void *buf, size_t n);
ssize_t ulibc_write(int fd, const void *buf, size_t n)
{
	(void)fd;
	(void)buf;
	return (ssize_t)n;
}

#define ARENA_SIZE (256u << 20)
static _Alignas(4096) unsigned char arena[ARENA_SIZE];
static size_t arena_brk;
void *ulibc_sbrk(intptr_t incr);
void *ulibc_sbrk(intptr_t incr)
{
	size_t old = arena_brk;

	if (incr < 0 || (size_t)incr > ARENA_SIZE - arena_brk) {
		ulibc_errno = ENOMEM;
		return (void *)-1;
	}
	arena_brk += (size_t)incr;
	return arena + old;
}

__attribute__((noreturn)) void ulibc_abort(void);
void ulibc_abort(void)
{
	fprintf(stderr, "ulibc_abort: the allocator found a corrupt heap\n");
	abort();
}

#define CHECK(cond)                                                           \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                              \
		}                                                             \
	} while (0)

static void fuzz_strtol(const uint8_t *d, size_t n)
{
	static const int bases[] = { 0, 2, 3, 7, 8, 10, 16, 36 };
	char s[256];
	char *e1, *e2;
	int base;

	if (n < 1)
		return;
	base = bases[d[0] % 8];
	d++;
	n--;
	if (n > sizeof(s) - 1)
		n = sizeof(s) - 1;
	memcpy(s, d, n);
	s[n] = 0;
	ulibc_errno = 0;
	errno = 0;
	long l1 = ulibc_strtol(s, &e1, base), l2 = strtol(s, &e2, base);
	CHECK(l1 == l2 && e1 == e2 && ulibc_errno == errno);
	ulibc_errno = 0;
	errno = 0;
	unsigned long u1 = ulibc_strtoul(s, &e1, base), u2 = strtoul(s, &e2, base);
	CHECK(u1 == u2 && e1 == e2 && ulibc_errno == errno);
}

static void fuzz_printf(const uint8_t *d, size_t n)
{
	static const char *const lens[] = { "", "hh", "h", "l", "ll", "z", "j", "t" };
	static const char convs[] = "diuxXoc%s";
	char fmt[64], ours[512], ref[512];
	size_t k = 0;
	uint64_t v = 0;
	int li, ci, r1, r2;
	char str[32];

	if (n < 12)
		return;
	fmt[k++] = '%';
	for (int i = 0; i < 5; i++)
		if (d[0] & (1u << i))
			fmt[k++] = "-0 +#"[i];
	if (d[1] % 3 == 1)
		k += (size_t)snprintf(fmt + k, sizeof(fmt) - k, "%u", d[2] % 40);
	if (d[1] % 3 == 2 || d[1] / 3 % 2)
		k += (size_t)snprintf(fmt + k, sizeof(fmt) - k, ".%u", d[3] % 30);
	li = d[4] % 8;
	ci = d[5] % 9;
	if (convs[ci] == 'c' || convs[ci] == '%' || convs[ci] == 's')
		li = 0;
	k += (size_t)snprintf(fmt + k, sizeof(fmt) - k, "%s%c", lens[li], convs[ci]);
	memcpy(&v, d + 6, 6);
	if (d[4] & 0x80)
		v = ~v;   /* reach the top bits and negative values too */
	memset(str, 0, sizeof(str));
	memcpy(str, d + 12, n - 12 < sizeof(str) - 1 ? n - 12 : sizeof(str) - 1);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#define BOTH(arg)                                                      \
	do {                                                           \
		r1 = ulibc_snprintf(ours, sizeof(ours), fmt, arg);    \
		r2 = snprintf(ref, sizeof(ref), fmt, arg);            \
	} while (0)
	switch (convs[ci]) {
	case 's': BOTH(str); break;
	case 'c': BOTH((int)(v & 0x7f ? v & 0x7f : 'a')); break;
	case '%': r1 = ulibc_snprintf(ours, sizeof(ours), "%%"); r2 = snprintf(ref, sizeof(ref), "%%"); break;
	default:
		switch (li) {
		case 0: case 1: case 2: BOTH((int)v); break;
		case 3: BOTH((long)v); break;
		case 4: BOTH((long long)v); break;
		case 5: BOTH((size_t)v); break;
		case 6: BOTH((intmax_t)v); break;
		default: BOTH((ptrdiff_t)v); break;
		}
	}
#pragma GCC diagnostic pop
	if (r1 != r2 || strcmp(ours, ref)) {
		fprintf(stderr, "format \"%s\": ours \"%s\" (%d), glibc \"%s\" (%d)\n", fmt, ours, r1,
			ref, r2);
		abort();
	}
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void fuzz_strings(const uint8_t *d, size_t n)
{
	char a[128], b[128];
	size_t split, la, lb;

	if (n < 2)
		return;
	split = d[0] % (n - 1) + 1;
	la = split - 1 < sizeof(a) - 1 ? split - 1 : sizeof(a) - 1;
	lb = n - split < sizeof(b) - 1 ? n - split : sizeof(b) - 1;
	memcpy(a, d + 1, la);
	a[la] = 0;
	memcpy(b, d + split, lb);
	b[lb] = 0;
	CHECK(sign(ulibc_strcmp(a, b)) == sign(strcmp(a, b)));
	for (size_t k = 0; k < 8; k++) {
		CHECK(sign(ulibc_strncmp(a, b, k * 3)) == sign(strncmp(a, b, k * 3)));
		CHECK(ulibc_strnlen(a, k * 5) == strnlen(a, k * 5));
	}
	size_t m = la < lb ? la : lb;
	CHECK(sign(ulibc_memcmp(a, b, m)) == sign(memcmp(a, b, m)));
	CHECK(ulibc_strstr(a, b) == strstr(a, b));
	CHECK(ulibc_strchr(a, b[0]) == strchr(a, b[0]));
	CHECK(ulibc_strrchr(a, b[0]) == strrchr(a, b[0]));
	CHECK(ulibc_memchr(a, b[0], la) == memchr(a, b[0], la));
}

/* Block contents: byte k of a block with tag t is (t + k) mod 256, i.e.
 * pattern + t; filled and checked with glibc's memcpy/memcmp so the fuzzer's
 * time goes to the allocator, not to instrumented byte loops. */
#define MAX_BLOCK (255u << 5)
static unsigned char pattern[MAX_BLOCK + 256];

static void fuzz_malloc(const uint8_t *d, size_t n)
{
	enum { SLOTS = 32 };
	unsigned char *p[SLOTS] = { 0 };
	size_t len[SLOTS] = { 0 };

	if (!pattern[1])
		for (size_t k = 0; k < sizeof(pattern); k++)
			pattern[k] = (unsigned char)k;
	for (size_t i = 0; i + 3 <= n; i += 3) {
		size_t s = d[i] % SLOTS;
		size_t sz = (size_t)d[i + 1] << (d[i + 2] % 6);   /* up to ~8 KiB: 32 slots outgrow one sbrk */
		const unsigned char *want = pattern + (s * 31 + 7) % 256;

		if (p[s])
			CHECK(!memcmp(p[s], want, len[s]));
		if (d[i + 2] & 0x80 && p[s]) {
			unsigned char *q = ulibc_realloc(p[s], sz ? sz : 1);

			CHECK(q);
			CHECK(!memcmp(q, want, len[s] < sz ? len[s] : sz));
			p[s] = q;
			len[s] = sz ? sz : 1;
		} else if (p[s]) {
			ulibc_free(p[s]);
			p[s] = NULL;
			continue;
		} else {
			p[s] = ulibc_malloc(sz);
			CHECK(p[s] && (uintptr_t)p[s] % 16 == 0);
			len[s] = sz;
		}
		memcpy(p[s], want, len[s]);
		for (size_t t = 0; t < SLOTS; t++)
			if (t != s && p[t])
				CHECK(p[s] + len[s] <= p[t] || p[t] + len[t] <= p[s]);
	}
	for (size_t s = 0; s < SLOTS; s++)
		ulibc_free(p[s]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	switch (data[0] % 4) {
	case 0: fuzz_strtol(data + 1, size - 1); break;
	case 1: fuzz_printf(data + 1, size - 1); break;
	case 2: fuzz_strings(data + 1, size - 1); break;
	default: fuzz_malloc(data + 1, size - 1); break;
	}
	return 0;
}
