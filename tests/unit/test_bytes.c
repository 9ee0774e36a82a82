/* lib/bytes.h: byte order against the definitions (little-endian: least
 * significant byte first; big-endian: network order, RFC 1700), the
 * constant-time compare, the ASCII filter and the bounded string builder. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "lib/bytes.h"
#include "lib/strbuf.h"

static const uint8_t seq[8] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };

static void test_bytes_readers_follow_byte_order(void **state)
{
	(void)state;
	assert_int_equal(bytes_le16(seq), 0x0201);
	assert_int_equal(bytes_le32(seq), 0x04030201u);
	assert_true(bytes_le64(seq) == 0x0807060504030201ull);
	assert_int_equal(bytes_be16(seq), 0x0102);
	assert_int_equal(bytes_be32(seq), 0x01020304u);
	assert_true(bytes_be64(seq) == 0x0102030405060708ull);
}

static void test_bytes_writers_invert_readers(void **state)
{
	uint8_t b[8];

	(void)state;
	bytes_put_le64(b, 0x0807060504030201ull);
	assert_memory_equal(b, seq, 8);
	bytes_put_be64(b, 0x0102030405060708ull);
	assert_memory_equal(b, seq, 8);
	memset(b, 0, sizeof(b));
	bytes_put_le32(b, 0x04030201u);
	bytes_put_le16(b + 4, 0x0605);
	assert_memory_equal(b, seq, 6);
	bytes_put_be32(b, 0x01020304u);
	bytes_put_be16(b + 4, 0x0506);
	assert_memory_equal(b, seq, 6);
}

static void test_bytes_ct_eq_finds_any_differing_bit(void **state)
{
	uint8_t a[32], b[32];

	(void)state;
	for (size_t i = 0; i < sizeof(a); i++)
		a[i] = b[i] = (uint8_t)(i * 7);
	assert_true(bytes_ct_eq(a, b, sizeof(a)));
	assert_true(bytes_ct_eq(a, b, 0));
	for (size_t i = 0; i < sizeof(a); i++)
		for (int bit = 0; bit < 8; bit++) {
			b[i] ^= (uint8_t)(1u << bit);
			assert_false(bytes_ct_eq(a, b, sizeof(a)));
			b[i] ^= (uint8_t)(1u << bit);
		}
}

static void test_bytes_ascii_keeps_only_printable(void **state)
{
	char s[] = "ok\n\x1b[31m\x7f\xc3\xa9~ ";

	(void)state;
	for (unsigned c = 0; c < 256; c++)
		assert_int_equal(bytes_ascii((uint8_t)c),
				 (c >= 0x20 && c <= 0x7e) ? (int)c : '?');
	bytes_ascii_only(s);
	assert_string_equal(s, "ok??[31m???~ ");
}

static void test_strbuf_truncates_and_says_so(void **state)
{
	char buf[8];
	struct strbuf b;

	(void)state;
	strbuf_init(&b, buf, sizeof(buf));
	strbuf_add(&b, "abc");
	strbuf_add_u64(&b, 1234);
	assert_string_equal(buf, "abc1234");
	assert_false(b.truncated);
	strbuf_add(&b, "x");
	assert_string_equal(buf, "abc1234");
	assert_true(b.truncated);
	strbuf_reset(&b);
	assert_string_equal(buf, "");
	strbuf_add_ascii(&b, (const uint8_t *)"a\nb", 3);
	strbuf_add_u64(&b, UINT64_MAX);
	assert_string_equal(buf, "a?b1844");
	assert_true(b.truncated);
	strbuf_set2(buf, sizeof(buf), "one", "two");
	assert_string_equal(buf, "onetwo");
	strbuf_set2(buf, sizeof(buf), "longer", "text");
	assert_string_equal(buf, "longert");
	strbuf_set2(buf, 1, "x", NULL);
	assert_string_equal(buf, "");
	strbuf_set2(NULL, 0, "x", "y"); /* nothing to write, no crash */
	strbuf_init(&b, NULL, 10);
	strbuf_add(&b, "x");
	assert_true(b.truncated);
}

static void test_strbuf_u64_prints_decimal(void **state)
{
	char buf[32];
	struct strbuf b;

	(void)state;
	strbuf_init(&b, buf, sizeof(buf));
	strbuf_add_u64(&b, 0);
	strbuf_add(&b, " ");
	strbuf_add_u64(&b, UINT64_MAX);
	assert_string_equal(buf, "0 18446744073709551615");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bytes_readers_follow_byte_order),
		cmocka_unit_test(test_bytes_writers_invert_readers),
		cmocka_unit_test(test_bytes_ct_eq_finds_any_differing_bit),
		cmocka_unit_test(test_bytes_ascii_keeps_only_printable),
		cmocka_unit_test(test_strbuf_truncates_and_says_so),
		cmocka_unit_test(test_strbuf_u64_prints_decimal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
