/* Host tests of the FUTEET userland libc (user/libc), compiled with every
 * name prefixed ulibc_ (tests/unit/user_libc_rename.h). The reference for
 * expected values is glibc, an independent implementation of the same C11
 * clauses (7.4 ctype, 7.21.6.1 fprintf, 7.22.1.4 strtol, 7.24 string), and
 * the C11 text itself for the hand-written cases. write() and sbrk() are
 * fakes here: write() records what the streams send, sbrk() hands out a
 * static arena. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <cmocka.h>

/* ---- the code under test (prototypes as in user/include, renamed) ---- */
typedef struct ulibc_file ULIBC_FILE;
extern ULIBC_FILE *const ulibc_stdout, *const ulibc_stderr;
extern int ulibc_errno;
int ulibc_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int ulibc_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ulibc_fprintf(ULIBC_FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ulibc_puts(const char *s);
int ulibc_putchar(int c);
int ulibc_fputs(const char *s, ULIBC_FILE *f);
int ulibc_fflush(ULIBC_FILE *f);
void ulibc_perror(const char *s);
char *ulibc_getenv(const char *name);
__attribute__((noreturn)) void ulibc___assert_fail(const char *expr, const char *file, int line,
						    const char *func);
int ulibc_ferror(ULIBC_FILE *f);
void *ulibc_memcpy(void *d, const void *s, size_t n);
void *ulibc_memmove(void *d, const void *s, size_t n);
void *ulibc_memset(void *d, int c, size_t n);
int ulibc_memcmp(const void *a, const void *b, size_t n);
void *ulibc_memchr(const void *s, int c, size_t n);
size_t ulibc_strlen(const char *s);
size_t ulibc_strnlen(const char *s, size_t n);
int ulibc_strcmp(const char *a, const char *b);
int ulibc_strncmp(const char *a, const char *b, size_t n);
char *ulibc_strchr(const char *s, int c);
char *ulibc_strrchr(const char *s, int c);
char *ulibc_strstr(const char *h, const char *n);
char *ulibc_strcpy(char *d, const char *s);
char *ulibc_strncpy(char *d, const char *s, size_t n);
char *ulibc_strcat(char *d, const char *s);
char *ulibc_strncat(char *d, const char *s, size_t n);
char *ulibc_strdup(const char *s);
char *ulibc_strerror(int e);
long ulibc_strtol(const char *s, char **end, int base);
unsigned long ulibc_strtoul(const char *s, char **end, int base);
int ulibc_atoi(const char *s);
void *ulibc_malloc(size_t n);
void ulibc_free(void *p);
void *ulibc_calloc(size_t a, size_t b);
void *ulibc_realloc(void *p, size_t n);
int ulibc_isdigit(int c), ulibc_isxdigit(int c), ulibc_isalpha(int c), ulibc_isalnum(int c),
	ulibc_isupper(int c), ulibc_islower(int c), ulibc_isspace(int c), ulibc_isprint(int c),
	ulibc_isgraph(int c), ulibc_ispunct(int c), ulibc_iscntrl(int c), ulibc_toupper(int c),
	ulibc_tolower(int c);

/* ---- fakes for what the kernel would do ---- */
int ulibc_errno;
char **ulibc_environ;

struct write_log {
	char data[16384];
	size_t len;
	int calls;
	int fds[64];
	size_t lens[64];
	int fail;             /* return -1 instead of writing */
	size_t max_per_call;  /* short writes when nonzero */
};
static struct write_log wlog;

ssize_t ulibc_write(int fd, const void *buf, size_t n);
ssize_t ulibc_write(int fd, const void *buf, size_t n)
{
	if (wlog.fail) {
		ulibc_errno = EIO;
		return -1;
	}
	if (wlog.max_per_call && n > wlog.max_per_call)
		n = wlog.max_per_call;
	assert_true(wlog.len + n <= sizeof(wlog.data));
	memcpy(wlog.data + wlog.len, buf, n);
	wlog.len += n;
	if (wlog.calls < 64) {
		wlog.fds[wlog.calls] = fd;
		wlog.lens[wlog.calls] = n;
	}
	wlog.calls++;
	return (ssize_t)n;
}

static void wlog_reset(void)
{
	memset(&wlog, 0, sizeof(wlog));
}

#define ARENA_SIZE (64u << 20)
static _Alignas(4096) unsigned char arena[ARENA_SIZE];
static size_t arena_brk;
static int sbrk_calls;

void *ulibc_sbrk(intptr_t incr);
void *ulibc_sbrk(intptr_t incr)
{
	size_t old = arena_brk;

	sbrk_calls++;
	if (incr < 0 || (size_t)incr > ARENA_SIZE - arena_brk) {
		ulibc_errno = ENOMEM;
		return (void *)-1;
	}
	arena_brk += (size_t)incr;
	return arena + old;
}

static jmp_buf abort_jmp;
static int abort_armed, abort_calls;

__attribute__((noreturn)) void ulibc_abort(void);
void ulibc_abort(void)
{
	abort_calls++;
	if (abort_armed)
		longjmp(abort_jmp, 1);
	fail_msg("ulibc_abort called unexpectedly");
	abort();
}

/* ---- printf family ---- */

/* Formats with ours and glibc's, compares the text and the return value. */
#define SAME_AS_GLIBC(fmt, ...)                                                   \
	do {                                                                      \
		char ours[256], ref[256];                                         \
		int r1 = ulibc_snprintf(ours, sizeof(ours), fmt, __VA_ARGS__);    \
		int r2 = snprintf(ref, sizeof(ref), fmt, __VA_ARGS__);            \
		if (r1 != r2 || strcmp(ours, ref))                                \
			fail_msg("format \"%s\": ours \"%s\" (%d), glibc \"%s\" (%d)", \
				 fmt, ours, r1, ref, r2);                         \
	} while (0)

/* The cases below use redundant flag combinations on purpose (C11 says which
 * flag wins); GCC's format checker warns about exactly those. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
static void test_printf_integer_conversions_match_glibc(void **state)
{
	static const int ints[] = { 0, 1, -1, 42, -42, 7, 255, 4096, INT_MAX, INT_MIN };

	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		int v = ints[i];

		SAME_AS_GLIBC("%d", v);
		SAME_AS_GLIBC("%i", v);
		SAME_AS_GLIBC("%u", (unsigned)v);
		SAME_AS_GLIBC("%x", (unsigned)v);
		SAME_AS_GLIBC("%X", (unsigned)v);
		SAME_AS_GLIBC("%o", (unsigned)v);
		SAME_AS_GLIBC("[%5d]", v);
		SAME_AS_GLIBC("[%-5d]", v);
		SAME_AS_GLIBC("[%05d]", v);
		SAME_AS_GLIBC("[%+d]", v);
		SAME_AS_GLIBC("[% d]", v);
		SAME_AS_GLIBC("[%+ d]", v);
		SAME_AS_GLIBC("[%-05d]", v);
		SAME_AS_GLIBC("[%.3d]", v);
		SAME_AS_GLIBC("[%.0d]", v);
		SAME_AS_GLIBC("[%8.3d]", v);
		SAME_AS_GLIBC("[%-8.3d]", v);
		SAME_AS_GLIBC("[%08.3d]", v);
		SAME_AS_GLIBC("[%#x]", (unsigned)v);
		SAME_AS_GLIBC("[%#X]", (unsigned)v);
		SAME_AS_GLIBC("[%#o]", (unsigned)v);
		SAME_AS_GLIBC("[%#.0o]", (unsigned)v);
		SAME_AS_GLIBC("[%#.5o]", (unsigned)v);
		SAME_AS_GLIBC("[%#010x]", (unsigned)v);
		SAME_AS_GLIBC("[%#.0x]", (unsigned)v);
		SAME_AS_GLIBC("[%*d]", 7, v);
		SAME_AS_GLIBC("[%*d]", -7, v);
		SAME_AS_GLIBC("[%.*d]", 4, v);
		SAME_AS_GLIBC("[%.*d]", -4, v);
		SAME_AS_GLIBC("[%hhd]", v);
		SAME_AS_GLIBC("[%hhu]", v);
		SAME_AS_GLIBC("[%hd]", v);
		SAME_AS_GLIBC("[%hx]", v);
	}
}
#pragma GCC diagnostic pop

static void test_printf_length_modifiers_match_glibc(void **state)
{
	static const long long lls[] = { 0, -1, LLONG_MAX, LLONG_MIN, 0x123456789abcdefLL };

	for (size_t i = 0; i < sizeof(lls) / sizeof(lls[0]); i++) {
		long long v = lls[i];

		SAME_AS_GLIBC("%ld", (long)v);
		SAME_AS_GLIBC("%lld", v);
		SAME_AS_GLIBC("%lu", (unsigned long)v);
		SAME_AS_GLIBC("%llx", (unsigned long long)v);
		SAME_AS_GLIBC("%#llo", (unsigned long long)v);
		SAME_AS_GLIBC("%zu", (size_t)v);
		SAME_AS_GLIBC("%zd", (ssize_t)v);
		SAME_AS_GLIBC("%zx", (size_t)v);
		SAME_AS_GLIBC("%jd", (intmax_t)v);
		SAME_AS_GLIBC("%ju", (uintmax_t)v);
		SAME_AS_GLIBC("%td", (ptrdiff_t)v);
		SAME_AS_GLIBC("[%+25lld]", v);
		SAME_AS_GLIBC("[%-25lld|]", v);
		SAME_AS_GLIBC("[%025llX]", (unsigned long long)v);
	}
}

static void test_printf_strings_chars_pointers_match_glibc(void **state)
{
	int x;

	SAME_AS_GLIBC("%s", "hello");
	SAME_AS_GLIBC("[%10s]", "hello");
	SAME_AS_GLIBC("[%-10s]", "hello");
	SAME_AS_GLIBC("[%.3s]", "hello");
	SAME_AS_GLIBC("[%10.3s]", "hello");
	SAME_AS_GLIBC("[%.*s]", 2, "hello");
	SAME_AS_GLIBC("[%s]", "");
	SAME_AS_GLIBC("[%c]", 'A');
	SAME_AS_GLIBC("[%3c]", 'A');
	SAME_AS_GLIBC("[%-3c]", 'A');
	SAME_AS_GLIBC("[%c]", 0xe9);
	SAME_AS_GLIBC("%d%%", 50);
	SAME_AS_GLIBC("%p", (void *)&x);
	SAME_AS_GLIBC("[%20p]", (void *)&x);
	SAME_AS_GLIBC("[%-20p]", (void *)&x);
	SAME_AS_GLIBC("%p", (void *)0x7000);
	SAME_AS_GLIBC("%s and %d and %c and %x", "mixed", -3, 'z', 0xbeefu);
}

static void test_printf_null_string_and_pointer_print_as_glibc(void **state)
{
	char buf[32];
	const char *volatile nul = NULL;   /* hidden from -Wformat-overflow */

	/* glibc prints these (C11 leaves them undefined); we chose glibc's text */
	assert_int_equal(ulibc_snprintf(buf, sizeof(buf), "%p", (void *)0), 5);
	assert_string_equal(buf, "(nil)");
	assert_int_equal(ulibc_snprintf(buf, sizeof(buf), "%s", nul), 6);
	assert_string_equal(buf, "(null)");
}

static void test_printf_precision_never_reads_past_it(void **state)
{
	/* C11 7.21.6.1p8: with a precision, the array need not be terminated */
	const char unterminated[3] = { 'a', 'b', 'c' };
	char buf[16];

	assert_int_equal(ulibc_snprintf(buf, sizeof(buf), "%.3s", unterminated), 3);
	assert_string_equal(buf, "abc");
}

static void test_snprintf_truncates_and_returns_full_length(void **state)
{
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	/* C11 7.21.6.5: returns the length that would have been written, stores
	 * at most n-1 characters and a NUL */
	assert_int_equal(ulibc_snprintf(buf, 5, "hello world"), 11);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], 'X');
	assert_int_equal(ulibc_snprintf(NULL, 0, "%d", 123456), 6);
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(ulibc_snprintf(buf, 1, "abc"), 3);
	assert_int_equal(buf[0], 0);
	assert_int_equal(buf[1], 'X');
	assert_int_equal(ulibc_snprintf(buf, sizeof(buf), "%s", "1234567"), 7);
	assert_string_equal(buf, "1234567");
	assert_int_equal(ulibc_snprintf(buf, sizeof(buf), "%s", "12345678"), 8);
	assert_string_equal(buf, "1234567");
}

static void test_printf_hand_checked_cases_from_c11(void **state)
{
	char buf[64];

	/* values worked out from the C11 7.21.6.1 text, not from any printf */
	ulibc_snprintf(buf, sizeof(buf), "%5d|%-5d|%05d", 42, 42, 42);
	assert_string_equal(buf, "   42|42   |00042");
	ulibc_snprintf(buf, sizeof(buf), "%.0d|%#o|%#x|%+d", 0, 8, 255, 0);
	assert_string_equal(buf, "|010|0xff|+0");
	ulibc_snprintf(buf, sizeof(buf), "%hhu|%hd", 257, 65535);
	assert_string_equal(buf, "1|-1");
	ulibc_snprintf(buf, sizeof(buf), "%llu", 18446744073709551615ull);
	assert_string_equal(buf, "18446744073709551615");
	ulibc_snprintf(buf, sizeof(buf), "%lld", (long long)INT64_MIN);
	assert_string_equal(buf, "-9223372036854775808");
}

/* ---- streams ---- */

static void test_stdout_is_line_buffered(void **state)
{
	wlog_reset();
	ulibc_fflush(NULL);
	wlog_reset();
	assert_int_equal(ulibc_printf("abc%d", 1), 4);
	assert_int_equal(wlog.calls, 0);        /* no newline yet: still buffered */
	assert_int_equal(ulibc_printf("d\nxy"), 4);
	assert_int_equal(wlog.calls, 1);        /* flushed at the newline */
	assert_int_equal(wlog.fds[0], 1);
	assert_int_equal(wlog.len, 6);
	assert_memory_equal(wlog.data, "abc1d\n", 6);
	assert_int_equal(ulibc_fflush(ulibc_stdout), 0);
	assert_int_equal(wlog.len, 8);
	assert_memory_equal(wlog.data + 6, "xy", 2);
	assert_int_equal(ulibc_puts("line"), 0);
	assert_memory_equal(wlog.data + 8, "line\n", 5);
	assert_int_equal(ulibc_putchar('q'), 'q');
	ulibc_fflush(NULL);
	assert_int_equal(wlog.len, 14);
}

static void test_stderr_flushes_stdout_first_and_is_unbuffered(void **state)
{
	wlog_reset();
	ulibc_printf("out-partial ");
	assert_int_equal(wlog.calls, 0);
	ulibc_fprintf(ulibc_stderr, "err %s", "msg");
	assert_int_equal(wlog.calls, 2);
	assert_int_equal(wlog.fds[0], 1);
	assert_int_equal(wlog.fds[1], 2);
	assert_memory_equal(wlog.data, "out-partial err msg", 19);
	assert_int_equal(ulibc_fputs("more", ulibc_stderr), 0);
	assert_int_equal(wlog.calls, 3);
}

static void test_stdout_long_output_arrives_whole_despite_short_writes(void **state)
{
	char line[3001];

	for (size_t i = 0; i < 3000; i++)
		line[i] = (char)('a' + i % 26);
	line[3000] = 0;
	wlog_reset();
	wlog.max_per_call = 100;   /* the kernel may write less than asked */
	assert_int_equal(ulibc_printf("%s\n", line), 3001);
	ulibc_fflush(NULL);
	assert_int_equal(wlog.len, 3001);
	assert_memory_equal(wlog.data, line, 3000);
	assert_int_equal(wlog.data[3000], '\n');
}

static void test_stdout_write_error_is_reported(void **state)
{
	wlog_reset();
	wlog.fail = 1;
	assert_int_equal(ulibc_printf("x\n"), -1);
	assert_true(ulibc_ferror(ulibc_stdout));
	wlog.fail = 0;
}

static void test_perror_prints_prefix_and_errno_text_on_stderr(void **state)
{
	wlog_reset();
	ulibc_errno = EFAULT;
	ulibc_perror("write");
	ulibc_errno = ENOSYS;
	ulibc_perror(NULL);
	assert_int_equal(wlog.fds[0], 2);
	wlog.data[wlog.len] = 0;
	assert_string_equal(wlog.data, "write: Bad address\nFunction not implemented\n");
}

static void test_failed_assert_reports_and_aborts(void **state)
{
	wlog_reset();
	abort_calls = 0;
	abort_armed = 1;
	if (!setjmp(abort_jmp))
		ulibc___assert_fail("x == 1", "user/apps/a.c", 42, "main");
	abort_armed = 0;
	assert_int_equal(abort_calls, 1);
	wlog.data[wlog.len] = 0;
	assert_string_equal(wlog.data, "user/apps/a.c:42: main: assertion failed: x == 1\n");
}

static void test_getenv_finds_exact_names_only(void **state)
{
	char *env[] = { "PATH=/bin", "FOO=bar=baz", "FOOBAR=no", "EMPTY=", NULL };

	ulibc_environ = env;
	assert_string_equal(ulibc_getenv("FOO"), "bar=baz");
	assert_string_equal(ulibc_getenv("FOOBAR"), "no");
	assert_string_equal(ulibc_getenv("EMPTY"), "");
	assert_null(ulibc_getenv("FO"));
	assert_null(ulibc_getenv("PATH=/bin"));
	assert_null(ulibc_getenv(""));
	ulibc_environ = NULL;
	assert_null(ulibc_getenv("FOO"));
}

/* ---- strings ---- */

static void test_string_functions_match_glibc(void **state)
{
	static const char *const strs[] = { "", "a", "abc", "abd", "ab", "hello world",
					    "\xff\x01", "\x01\xff", "zzz" };
	const size_t n = sizeof(strs) / sizeof(strs[0]);
	char a[64], b[64];

#define SIGN(x) (((x) > 0) - ((x) < 0))
	for (size_t i = 0; i < n; i++) {
		const char *s = strs[i];

		assert_int_equal(ulibc_strlen(s), strlen(s));
		for (size_t k = 0; k < 5; k++)
			assert_int_equal(ulibc_strnlen(s, k), strnlen(s, k));
		for (int c = 0; c < 256; c += 1) {
			assert_ptr_equal(ulibc_strchr(s, c), strchr(s, c));
			assert_ptr_equal(ulibc_strrchr(s, c), strrchr(s, c));
			assert_ptr_equal(ulibc_memchr(s, c, strlen(s) + 1), memchr(s, c, strlen(s) + 1));
		}
		for (size_t j = 0; j < n; j++) {
			const char *t = strs[j];

			assert_int_equal(SIGN(ulibc_strcmp(s, t)), SIGN(strcmp(s, t)));
			for (size_t k = 0; k < 5; k++) {
				assert_int_equal(SIGN(ulibc_strncmp(s, t, k)), SIGN(strncmp(s, t, k)));
				if (k <= strlen(s) + 1 && k <= strlen(t) + 1)
					assert_int_equal(SIGN(ulibc_memcmp(s, t, k)),
							 SIGN(memcmp(s, t, k)));
			}
			assert_ptr_equal(ulibc_strstr(s, t), strstr(s, t));
			strcpy(a, s);
			strcpy(b, s);
			assert_string_equal(ulibc_strcat(a, t), strcat(b, t));
			for (size_t k = 0; k < 5; k++) {
				strcpy(a, s);
				strcpy(b, s);
				assert_string_equal(ulibc_strncat(a, t, k), strncat(b, t, k));
			}
		}
		memset(a, 'X', sizeof(a));
		memset(b, 'X', sizeof(b));
		assert_ptr_equal(ulibc_strcpy(a, s), a);
		strcpy(b, s);
		assert_memory_equal(a, b, sizeof(a));
		for (size_t k = 0; k < 16; k++) {
			memset(a, 'X', sizeof(a));
			memset(b, 'X', sizeof(b));
			assert_ptr_equal(ulibc_strncpy(a, s, k), a);
			strncpy(b, s, k);
			assert_memory_equal(a, b, sizeof(a));
		}
	}
#undef SIGN
}

static void test_memmove_handles_both_overlap_directions(void **state)
{
	for (size_t off = 0; off < 8; off++) {
		for (size_t len = 0; len < 24; len++) {
			unsigned char x[40], y[40];

			for (size_t i = 0; i < sizeof(x); i++)
				x[i] = y[i] = (unsigned char)i;
			ulibc_memmove(x + off, x + 4, len);
			memmove(y + off, y + 4, len);
			assert_memory_equal(x, y, sizeof(x));
		}
	}
}

static void test_memset_memcpy_fill_and_copy_exactly(void **state)
{
	unsigned char buf[64], src[64];

	memset(buf, 0xaa, sizeof(buf));
	assert_ptr_equal(ulibc_memset(buf + 3, 0x1ff, 10), buf + 3);   /* c is converted to unsigned char */
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], i >= 3 && i < 13 ? 0xff : 0xaa);
	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7);
	assert_ptr_equal(ulibc_memcpy(buf, src, 33), buf);
	assert_memory_equal(buf, src, 33);
	assert_int_equal(buf[33], 0xaa);
	assert_int_equal(ulibc_memcmp("\x80", "\x7f", 1) > 0, 1);   /* unsigned char compare */
}

static void test_strdup_copies_into_the_heap(void **state)
{
	char *d = ulibc_strdup("duplicate me");

	assert_non_null(d);
	assert_string_equal(d, "duplicate me");
	ulibc_free(d);
}

static void test_strerror_texts_match_glibc(void **state)
{
	static const int nums[] = { 0, EPERM, ENOENT, EINTR, EIO, E2BIG, ENOEXEC, EBADF, EAGAIN,
				    ENOMEM, EACCES, EFAULT, EBUSY, EEXIST, ENODEV, EINVAL,
				    ENOSPC, ERANGE, ENOSYS, ENODATA, ETIME, EPROTO, EBADMSG,
				    EOVERFLOW, EMSGSIZE, EOPNOTSUPP, ECONNRESET, ENOTCONN, ETIMEDOUT,
				    ECANCELED, EKEYREVOKED, EKEYREJECTED };

	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
		assert_string_equal(ulibc_strerror(nums[i]), strerror(nums[i]));
	assert_string_equal(ulibc_strerror(9999), "Unknown error");
}

/* ---- ctype, strtol ---- */

static void test_ctype_matches_glibc_c_locale(void **state)
{
	for (int c = -1; c < 256; c++) {
		assert_int_equal(!!ulibc_isdigit(c), !!isdigit(c));
		assert_int_equal(!!ulibc_isxdigit(c), !!isxdigit(c));
		assert_int_equal(!!ulibc_isalpha(c), !!isalpha(c));
		assert_int_equal(!!ulibc_isalnum(c), !!isalnum(c));
		assert_int_equal(!!ulibc_isupper(c), !!isupper(c));
		assert_int_equal(!!ulibc_islower(c), !!islower(c));
		assert_int_equal(!!ulibc_isspace(c), !!isspace(c));
		assert_int_equal(!!ulibc_isprint(c), !!isprint(c));
		assert_int_equal(!!ulibc_isgraph(c), !!isgraph(c));
		assert_int_equal(!!ulibc_ispunct(c), !!ispunct(c));
		assert_int_equal(!!ulibc_iscntrl(c), !!iscntrl(c));
		assert_int_equal(ulibc_toupper(c), toupper(c));
		assert_int_equal(ulibc_tolower(c), tolower(c));
	}
}

static void test_strtol_strtoul_match_glibc(void **state)
{
	static const char *const in[] = {
		"0", "42", "  -123abc", "+7", "-0", "0x1f", "0X1F", "0x", "0xg", "077", "08",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775809", "18446744073709551615", "18446744073709551616",
		"-1", "", "   ", "+", "-", "zz", "Zz9", "\t\n 12", "1e3", "99999999999999999999999",
	};
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };

	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
			char *e1, *e2;
			long l1, l2;
			unsigned long u1, u2;
			int err1, err2;

			ulibc_errno = 0;
			errno = 0;
			l1 = ulibc_strtol(in[i], &e1, bases[b]);
			l2 = strtol(in[i], &e2, bases[b]);
			err1 = ulibc_errno;
			err2 = errno;
			if (l1 != l2 || e1 != e2 || err1 != err2)
				fail_msg("strtol(\"%s\", %d): ours %ld end+%td errno %d, glibc %ld end+%td errno %d",
					 in[i], bases[b], l1, e1 - in[i], err1, l2, e2 - in[i], err2);
			ulibc_errno = 0;
			errno = 0;
			u1 = ulibc_strtoul(in[i], &e1, bases[b]);
			u2 = strtoul(in[i], &e2, bases[b]);
			err1 = ulibc_errno;
			err2 = errno;
			if (u1 != u2 || e1 != e2 || err1 != err2)
				fail_msg("strtoul(\"%s\", %d): ours %lu end+%td errno %d, glibc %lu end+%td errno %d",
					 in[i], bases[b], u1, e1 - in[i], err1, u2, e2 - in[i], err2);
		}
	}
	assert_int_equal(ulibc_atoi("  -17x"), -17);
}

/* ---- malloc ---- */

static uint64_t prng_state = 0x9e3779b97f4a7c15ull;
static uint64_t prng(void)   /* xorshift64 (Marsaglia 2003) */
{
	prng_state ^= prng_state << 13;
	prng_state ^= prng_state >> 7;
	prng_state ^= prng_state << 17;
	return prng_state;
}

static void test_malloc_stress_keeps_contents_and_alignment(void **state)
{
	enum { SLOTS = 512, ROUNDS = 20000 };
	static unsigned char *ptr[SLOTS];
	static size_t len[SLOTS];
	static unsigned char tag[SLOTS];

	for (int r = 0; r < ROUNDS; r++) {
		size_t i = prng() % SLOTS;

		if (ptr[i]) {
			for (size_t k = 0; k < len[i]; k++)
				if (ptr[i][k] != (unsigned char)(tag[i] + k))
					fail_msg("block %zu byte %zu changed", i, k);
			if (prng() % 4 == 0) {
				size_t nl = 1 + prng() % 3000;   /* realloc(p, 0) frees */
				unsigned char *np = ulibc_realloc(ptr[i], nl);

				assert_non_null(np);
				for (size_t k = 0; k < (nl < len[i] ? nl : len[i]); k++)
					assert_int_equal(np[k], (unsigned char)(tag[i] + k));
				ptr[i] = np;
				len[i] = nl;
				for (size_t k = 0; k < nl; k++)
					np[k] = (unsigned char)(tag[i] + k);
				continue;
			}
			ulibc_free(ptr[i]);
			ptr[i] = NULL;
		} else {
			size_t n = prng() % 8 == 0 ? prng() % 70000 : prng() % 300;

			ptr[i] = ulibc_malloc(n);
			assert_non_null(ptr[i]);
			assert_int_equal((uintptr_t)ptr[i] % 16, 0);
			assert_true(ptr[i] >= arena && ptr[i] + n <= arena + arena_brk);
			len[i] = n;
			tag[i] = (unsigned char)prng();
			for (size_t k = 0; k < n; k++)
				ptr[i][k] = (unsigned char)(tag[i] + k);
		}
	}
	for (size_t i = 0; i < SLOTS; i++) {
		ulibc_free(ptr[i]);
		ptr[i] = NULL;
	}
}

static void test_malloc_blocks_do_not_overlap(void **state)
{
	enum { N = 200 };
	unsigned char *p[N];
	size_t n[N];

	for (int i = 0; i < N; i++) {
		n[i] = 1 + prng() % 500;
		p[i] = ulibc_malloc(n[i]);
		assert_non_null(p[i]);
	}
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			if (i != j)
				assert_true(p[i] + n[i] <= p[j] || p[j] + n[j] <= p[i]);
	for (int i = 0; i < N; i++)
		ulibc_free(p[i]);
}

static void test_free_coalesces_so_the_heap_does_not_grow(void **state)
{
	enum { N = 64, BIG = 8 << 20 };   /* larger than all earlier tests' heap */
	void *p[N];
	int calls;

	/* one 8 MiB block, freed; then the same space in small pieces, freed in
	 * a scattered order (merging each with its lower and then its upper
	 * neighbour); 8 MiB must fit again without a new sbrk, which needs the
	 * pieces merged back into one block */
	void *big = ulibc_malloc(BIG);

	assert_non_null(big);
	ulibc_free(big);
	calls = sbrk_calls;
	for (int i = 0; i < N; i++) {
		p[i] = ulibc_malloc(BIG / N - 64);
		assert_non_null(p[i]);
	}
	assert_int_equal(sbrk_calls, calls);
	for (int i = 0; i < N; i += 2)
		ulibc_free(p[i]);
	for (int i = N - 1; i > 0; i -= 2)
		ulibc_free(p[i]);
	big = ulibc_malloc(BIG);
	assert_non_null(big);
	assert_int_equal(sbrk_calls, calls);
	ulibc_free(big);
}

static void test_calloc_zeroes_and_refuses_overflow(void **state)
{
	unsigned char *p = ulibc_malloc(4096);

	memset(p, 0x5a, 4096);
	ulibc_free(p);
	p = ulibc_calloc(64, 64);   /* likely the same, dirty, memory */
	assert_non_null(p);
	for (int i = 0; i < 4096; i++)
		assert_int_equal(p[i], 0);
	ulibc_free(p);
	ulibc_errno = 0;
	assert_null(ulibc_calloc(SIZE_MAX / 2, 3));
	assert_int_equal(ulibc_errno, ENOMEM);
	assert_null(ulibc_malloc(SIZE_MAX));
	assert_null(ulibc_malloc(SIZE_MAX - 8));
	assert_null(ulibc_malloc((size_t)1 << 40));   /* more than sbrk has */
	assert_int_equal(ulibc_errno, ENOMEM);
}

static void test_malloc_zero_and_realloc_edges(void **state)
{
	void *a = ulibc_malloc(0), *b = ulibc_malloc(0);
	char *p;

	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	ulibc_free(a);
	ulibc_free(b);
	ulibc_free(NULL);
	p = ulibc_realloc(NULL, 10);   /* realloc(NULL) is malloc */
	assert_non_null(p);
	memcpy(p, "123456789", 10);
	p = ulibc_realloc(p, 100000);
	assert_non_null(p);
	assert_string_equal(p, "123456789");
	assert_null(ulibc_realloc(p, 0));   /* frees, as glibc */
}

static void test_double_free_aborts(void **state)
{
	void *p = ulibc_malloc(100);
	void *q = ulibc_malloc(100);   /* keeps p from merging away */

	assert_non_null(p);
	ulibc_free(p);
	abort_calls = 0;
	abort_armed = 1;
	if (!setjmp(abort_jmp))
		ulibc_free(p);
	abort_armed = 0;
	assert_int_equal(abort_calls, 1);
	ulibc_free(q);
}

static void test_free_of_a_pointer_outside_the_heap_aborts(void **state)
{
	static _Alignas(16) unsigned char not_heap[64];

	abort_calls = 0;
	abort_armed = 1;
	if (!setjmp(abort_jmp))
		ulibc_free(not_heap + 16);
	abort_armed = 0;
	assert_int_equal(abort_calls, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_printf_integer_conversions_match_glibc),
		cmocka_unit_test(test_printf_length_modifiers_match_glibc),
		cmocka_unit_test(test_printf_strings_chars_pointers_match_glibc),
		cmocka_unit_test(test_printf_null_string_and_pointer_print_as_glibc),
		cmocka_unit_test(test_printf_precision_never_reads_past_it),
		cmocka_unit_test(test_snprintf_truncates_and_returns_full_length),
		cmocka_unit_test(test_printf_hand_checked_cases_from_c11),
		cmocka_unit_test(test_stdout_is_line_buffered),
		cmocka_unit_test(test_stderr_flushes_stdout_first_and_is_unbuffered),
		cmocka_unit_test(test_stdout_long_output_arrives_whole_despite_short_writes),
		cmocka_unit_test(test_stdout_write_error_is_reported),
		cmocka_unit_test(test_perror_prints_prefix_and_errno_text_on_stderr),
		cmocka_unit_test(test_failed_assert_reports_and_aborts),
		cmocka_unit_test(test_getenv_finds_exact_names_only),
		cmocka_unit_test(test_string_functions_match_glibc),
		cmocka_unit_test(test_memmove_handles_both_overlap_directions),
		cmocka_unit_test(test_memset_memcpy_fill_and_copy_exactly),
		cmocka_unit_test(test_strdup_copies_into_the_heap),
		cmocka_unit_test(test_strerror_texts_match_glibc),
		cmocka_unit_test(test_ctype_matches_glibc_c_locale),
		cmocka_unit_test(test_strtol_strtoul_match_glibc),
		cmocka_unit_test(test_malloc_stress_keeps_contents_and_alignment),
		cmocka_unit_test(test_malloc_blocks_do_not_overlap),
		cmocka_unit_test(test_free_coalesces_so_the_heap_does_not_grow),
		cmocka_unit_test(test_calloc_zeroes_and_refuses_overflow),
		cmocka_unit_test(test_malloc_zero_and_realloc_edges),
		cmocka_unit_test(test_double_free_aborts),
		cmocka_unit_test(test_free_of_a_pointer_outside_the_heap_aborts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
