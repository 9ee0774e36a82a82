/* lib/cbor: encoder output and decoder acceptance checked against the
 * examples of RFC 8949 Appendix A (Table 6, "Examples of Encoded CBOR Data
 * Items"), plus the not-well-formed / non-preferred cases of RFC 8949
 * section 3 and Appendix F that a strict decoder must refuse. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "lib/cbor_get.h"
#include "tests/unit/unhex.h"

static void expect_enc(const struct cbor_enc *e, const char *hex)
{
	uint8_t want[128];
	size_t wl = unhex(hex, want, sizeof(want)), len = 0;
	assert_int_equal(cbor_enc_finish(e, &len), 0);
	assert_int_equal(len, wl);
	assert_memory_equal(e->buf, want, wl);
}

/* RFC 8949 Appendix A: unsigned and negative integers. */
static const struct { int64_t v; const char *hex; } int_vectors[] = {
	{ 0, "00" }, { 1, "01" }, { 10, "0a" }, { 23, "17" }, { 24, "1818" },
	{ 25, "1819" }, { 100, "1864" }, { 1000, "1903e8" },
	{ 1000000, "1a000f4240" }, { 1000000000000LL, "1b000000e8d4a51000" },
	{ -1, "20" }, { -10, "29" }, { -100, "3863" }, { -1000, "3903e7" },
};

static void test_cbor_int_encoding_matches_rfc8949_appendix_a(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(int_vectors) / sizeof(int_vectors[0]); i++) {
		uint8_t buf[16];
		struct cbor_enc e;
		cbor_enc_init(&e, buf, sizeof(buf));
		cbor_put_int(&e, int_vectors[i].v);
		expect_enc(&e, int_vectors[i].hex);
	}
	/* 18446744073709551615 and -18446744073709551616 */
	{
		uint8_t buf[16];
		struct cbor_enc e;
		cbor_enc_init(&e, buf, sizeof(buf));
		cbor_put_uint(&e, UINT64_MAX);
		expect_enc(&e, "1bffffffffffffffff");
		cbor_enc_init(&e, buf, sizeof(buf));
		cbor_put_nint(&e, UINT64_MAX);
		expect_enc(&e, "3bffffffffffffffff");
	}
}

static void test_cbor_int_decoding_matches_rfc8949_appendix_a(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(int_vectors) / sizeof(int_vectors[0]); i++) {
		uint8_t buf[16];
		size_t n = unhex(int_vectors[i].hex, buf, sizeof(buf));
		struct cbor_dec d;
		int64_t v = 0;
		cbor_dec_init(&d, buf, n);
		assert_int_equal(cbor_get_int(&d, &v), 0);
		assert_true(v == int_vectors[i].v);
		assert_true(cbor_dec_done(&d));
	}
	{
		uint8_t buf[16];
		size_t n = unhex("1bffffffffffffffff", buf, sizeof(buf));
		struct cbor_dec d;
		uint64_t u = 0;
		int64_t v;
		cbor_dec_init(&d, buf, n);
		assert_int_equal(cbor_get_uint(&d, &u), 0);
		assert_true(u == UINT64_MAX);
		/* does not fit int64: refused, not wrapped */
		cbor_dec_init(&d, buf, n);
		assert_int_equal(cbor_get_int(&d, &v), -ERANGE);
	}
}

static void test_cbor_strings_match_rfc8949_appendix_a(void **state)
{
	uint8_t buf[64];
	struct cbor_enc e;
	(void)state;
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_bstr(&e, NULL, 0);
	expect_enc(&e, "40");
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_bstr(&e, (const uint8_t *)"\x01\x02\x03\x04", 4);
	expect_enc(&e, "4401020304");
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_tstr_z(&e, "");
	expect_enc(&e, "60");
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_tstr_z(&e, "IETF");
	expect_enc(&e, "6449455446");
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_tstr_z(&e, "\"\\");
	expect_enc(&e, "62225c");
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_tstr_z(&e, "\xe6\xb0\xb4"); /* U+6C34 */
	expect_enc(&e, "63e6b0b4");

	{
		uint8_t in[16];
		size_t n = unhex("6449455446", in, sizeof(in)), sl = 0;
		const char *s = NULL;
		struct cbor_dec d;
		cbor_dec_init(&d, in, n);
		assert_int_equal(cbor_get_tstr(&d, &s, &sl), 0);
		assert_true(cbor_tstr_eq(s, sl, "IETF"));
		/* a text string is not a byte string */
		cbor_dec_init(&d, in, n);
		const uint8_t *p;
		assert_int_equal(cbor_get_bstr(&d, &p, &sl), -EPROTO);
		assert_int_equal(d.pos, 0);
	}
}

static void test_cbor_containers_tags_simple_match_rfc8949_appendix_a(void **state)
{
	uint8_t buf[64];
	struct cbor_enc e;
	(void)state;

	/* [1, [2, 3], [4, 5]] */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_array(&e, 3);
	cbor_put_uint(&e, 1);
	cbor_put_array(&e, 2); cbor_put_uint(&e, 2); cbor_put_uint(&e, 3);
	cbor_put_array(&e, 2); cbor_put_uint(&e, 4); cbor_put_uint(&e, 5);
	expect_enc(&e, "8301820203820405");

	/* [1, 2, ..., 25] via an open/close container (head grows to 2 bytes) */
	cbor_enc_init(&e, buf, sizeof(buf));
	{
		size_t m = cbor_open_container(&e);
		for (uint64_t i = 1; i <= 25; i++)
			cbor_put_uint(&e, i);
		cbor_close_container(&e, m, CBOR_MAJOR_ARRAY, 25);
	}
	expect_enc(&e, "98190102030405060708090a0b0c0d0e0f101112131415161718181819");

	/* {"a": 1, "b": [2, 3]} */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_map(&e, 2);
	cbor_put_tstr_z(&e, "a"); cbor_put_uint(&e, 1);
	cbor_put_tstr_z(&e, "b"); cbor_put_array(&e, 2); cbor_put_uint(&e, 2); cbor_put_uint(&e, 3);
	expect_enc(&e, "a26161016162820203");

	/* 1(1363896240) */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_tag(&e, 1);
	cbor_put_uint(&e, 1363896240);
	expect_enc(&e, "c11a514b67b0");

	/* 23(h'01020304') */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_tag(&e, 23);
	cbor_put_bstr(&e, (const uint8_t *)"\x01\x02\x03\x04", 4);
	expect_enc(&e, "d74401020304");

	/* false, true, null */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_bool(&e, false); cbor_put_bool(&e, true); cbor_put_null(&e);
	expect_enc(&e, "f4f5f6");
}

/* Every well-formed definite-length example of Appendix A is skipped as one
 * item that ends exactly at the end of its bytes (floats included). */
static void test_cbor_skip_walks_each_rfc8949_example_exactly(void **state)
{
	static const char *const ex[] = {
		"00", "1bffffffffffffffff", "3bffffffffffffffff", "3903e7",
		"f90000", "f98000", "f93c00", "fb3ff199999999999a", "f93e00",
		"f97bff", "fa47c35000", "fa7f7fffff", "fb7e37e43c8800759c",
		"f90001", "f90400", "f9c400", "fbc010666666666666", "f97c00",
		"f97e00", "f9fc00", "fa7f800000", "fb7ff0000000000000",
		"f4", "f5", "f6", "f7", "f0", "f8ff",
		"c074323031332d30332d32315432303a30343a30305a", "c11a514b67b0",
		"c1fb41d452d9ec200000", "d74401020304", "d818456449455446",
		"d82076687474703a2f2f7777772e6578616d706c652e636f6d",
		"40", "4401020304", "60", "6161", "6449455446", "62225c", "62c3bc",
		"63e6b0b4", "64f0908591", "80", "83010203", "8301820203820405",
		"98190102030405060708090a0b0c0d0e0f101112131415161718181819",
		"a0", "a201020304", "a26161016162820203", "826161a161626163",
		"a56161614161626142616361436164614461656145",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		uint8_t buf[64];
		size_t n = unhex(ex[i], buf, sizeof(buf));
		struct cbor_dec d;
		cbor_dec_init(&d, buf, n);
		assert_int_equal(cbor_skip(&d), 0);
		assert_int_equal(d.pos, n);
	}
}

/* Indefinite lengths (Appendix A's _ examples), reserved additional info,
 * non-preferred heads, short simple values, truncation (Appendix F). */
static void test_cbor_strict_decoder_rejects_malformed_and_non_minimal(void **state)
{
	static const char *const bad[] = {
		"5f42010243030405ff", /* (_ h'0102', h'030405') */
		"7f657374726561646d696e67ff", /* (_ "strea", "ming") */
		"9fff", "9f018202039f0405ffff", "bf61610161629f0203ffff",
		"1c", "1d", "1e", "3c", "5c", "7c", "9c", "bc", "dc", "fc", /* reserved ai */
		"ff", /* lone break */
		"1800", "1817", "190000", "1900ff", "1a0000ffff", "1b00000000ffffffff",
		"3817", "5800", "7800", "9800", "b800", "d800",
		"f800", "f81f", /* simple values < 32 in two bytes */
		"18", "19", "1901", "1a0102", "1b01020304050607", /* truncated heads */
		"4401", "62c3", "8301", "a201", "c1", /* truncated content */
		"9bffffffffffffffff", "5bffffffffffffffff", "bb7fffffffffffffff",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t buf[64];
		size_t n;
		struct cbor_dec d;
		n = unhex(bad[i], buf, sizeof(buf));
		cbor_dec_init(&d, buf, n);
		assert_int_not_equal(cbor_skip(&d), 0);
		assert_int_equal(d.pos, 0);
	}
}

static void test_cbor_encoder_flags_overflow_instead_of_writing_past_cap(void **state)
{
	uint8_t buf[8];
	struct cbor_enc e;
	size_t len;
	(void)state;
	memset(buf, 0xaa, sizeof(buf));
	cbor_enc_init(&e, buf, 4);
	cbor_put_bstr(&e, (const uint8_t *)"\x01\x02\x03\x04", 4); /* needs 5 */
	assert_true(e.overflow);
	assert_int_equal(cbor_enc_finish(&e, &len), -ENOSPC);
	for (size_t i = 4; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0xaa);

	/* a closing container that cannot grow its head also overflows */
	cbor_enc_init(&e, buf, 3);
	{
		size_t m = cbor_open_container(&e);
		cbor_put_uint(&e, 1);
		cbor_put_uint(&e, 2);
		cbor_close_container(&e, m, CBOR_MAJOR_ARRAY, 24);
	}
	assert_int_equal(cbor_enc_finish(&e, &len), -ENOSPC);
}

static void test_cbor_deep_nesting_is_walked_without_recursion(void **state)
{
	static uint8_t buf[100001];
	struct cbor_dec d;
	(void)state;
	memset(buf, 0x81, sizeof(buf) - 1); /* [[[[...0...]]]] */
	buf[sizeof(buf) - 1] = 0x00;
	cbor_dec_init(&d, buf, sizeof(buf));
	/* more items than CBOR_SKIP_MAX_ITEMS: refused, not a stack overflow */
	assert_int_equal(cbor_skip(&d), -E2BIG);
	cbor_dec_init(&d, buf + sizeof(buf) - 1001, 1001);
	assert_int_equal(cbor_skip(&d), 0);
	assert_true(cbor_dec_done(&d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cbor_int_encoding_matches_rfc8949_appendix_a),
		cmocka_unit_test(test_cbor_int_decoding_matches_rfc8949_appendix_a),
		cmocka_unit_test(test_cbor_strings_match_rfc8949_appendix_a),
		cmocka_unit_test(test_cbor_containers_tags_simple_match_rfc8949_appendix_a),
		cmocka_unit_test(test_cbor_skip_walks_each_rfc8949_example_exactly),
		cmocka_unit_test(test_cbor_strict_decoder_rejects_malformed_and_non_minimal),
		cmocka_unit_test(test_cbor_encoder_flags_overflow_instead_of_writing_past_cap),
		cmocka_unit_test(test_cbor_deep_nesting_is_walked_without_recursion),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
