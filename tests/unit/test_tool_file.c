/* tools/common/file: the host tools' bounded whole-file read (exactly max
 * bytes read, one more refused, empty, missing, NUL after the bytes, a file
 * larger than the first buffer) and the file SHA-256 against FIPS 180-2's
 * "abc" example (appendix B.1). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "tools/common/file.h"

static char path[] = "/tmp/futeet-test-file-XXXXXX";

static void put(const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void test_read_file_bounds(void **state)
{
	static uint8_t big[200000];
	uint8_t *p;
	size_t n;
	(void)state;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7 + 1);
	put(big, sizeof(big));
	/* exactly max: all of it, NUL after */
	assert_int_equal(tool_read_file(path, sizeof(big), &p, &n), 0);
	assert_int_equal(n, sizeof(big));
	assert_memory_equal(p, big, sizeof(big));
	assert_int_equal(p[n], 0);
	free(p);
	/* more room than the file: the same */
	assert_int_equal(tool_read_file(path, 1u << 30, &p, &n), 0);
	assert_int_equal(n, sizeof(big));
	assert_memory_equal(p, big, sizeof(big));
	free(p);
	/* one byte over max, and far over a small max: refused, nothing out */
	p = (uint8_t *)1;
	assert_int_equal(tool_read_file(path, sizeof(big) - 1, &p, &n), -E2BIG);
	assert_null(p);
	assert_int_equal(n, 0);
	assert_int_equal(tool_read_file(path, 10, &p, &n), -E2BIG);
	assert_int_equal(tool_read_file(path, 0, &p, &n), -E2BIG);
	/* empty file: 0 bytes, a buffer holding the NUL */
	put("", 0);
	assert_int_equal(tool_read_file(path, 0, &p, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(p[0], 0);
	free(p);
	/* missing */
	assert_int_equal(tool_read_file("/nonexistent/futeet", 100, &p, &n), -ENOENT);
	assert_null(p);
}

static void test_sha256_file_fips180_abc(void **state)
{
	static const uint8_t want[32] = { /* FIPS 180-2 appendix B.1: SHA-256("abc") */
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde,
		0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
		0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
	};
	uint8_t got[32];
	(void)state;

	put("abc", 3);
	assert_int_equal(tool_sha256_file(path, got), 0);
	assert_memory_equal(got, want, 32);
	assert_int_equal(tool_sha256_file("/nonexistent/futeet", got), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_file_bounds),
		cmocka_unit_test(test_sha256_file_fips180_abc),
	};
	int fd = mkstemp(path), rc;

	if (fd < 0)
		return 1;
	close(fd);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(path);
	return rc;
}
