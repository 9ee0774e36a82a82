/* Strict DER reader (lib/der.c). Expected behaviour from ITU-T X.690
 * (02/2021): 8.1.3 length forms, 10.1 (definite, minimal length), 8.3.2
 * (minimal INTEGER), 11.1 (BOOLEAN TRUE = FF), 11.2 (BIT STRING unused bits
 * zero), 8.19 (OID subidentifiers); times per RFC 5280 4.1.2.5. Unix times
 * were computed independently (Python datetime, UTC). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/der.h"

static int read1(const uint8_t *b, size_t n, struct der_tlv *t)
{
	struct der d;
	der_init(&d, b, n);
	return der_read(&d, t);
}

static void test_short_and_long_lengths_decode(void **state)
{
	static uint8_t buf[3 + 200];
	const uint8_t s[] = { 0x04, 0x02, 0xAA, 0xBB };
	struct der_tlv t;

	assert_int_equal(read1(s, sizeof(s), &t), 0);
	assert_int_equal(t.tag, 0x04);
	assert_int_equal(t.len, 2);
	assert_ptr_equal(t.val, s + 2);
	assert_int_equal(t.raw_len, 4);
	buf[0] = 0x04; buf[1] = 0x81; buf[2] = 200;
	assert_int_equal(read1(buf, sizeof(buf), &t), 0);
	assert_int_equal(t.len, 200);
}

static void test_non_minimal_lengths_are_rejected(void **state)
{
	const uint8_t a[] = { 0x04, 0x81, 0x05, 1, 2, 3, 4, 5 };   /* 5 fits the short form */
	const uint8_t b[] = { 0x04, 0x82, 0x00, 0x80 };             /* leading zero octet */
	struct der_tlv t;

	assert_int_equal(read1(a, sizeof(a), &t), -EBADMSG);
	assert_int_equal(read1(b, sizeof(b), &t), -EBADMSG);
}

static void test_indefinite_and_high_tags_are_rejected(void **state)
{
	const uint8_t indef[] = { 0x30, 0x80, 0x05, 0x00, 0x00, 0x00 };
	const uint8_t high[] = { 0x1F, 0x81, 0x01, 0x00 };
	const uint8_t five[] = { 0x04, 0x85, 1, 0, 0, 0, 0 };
	struct der_tlv t;

	assert_int_equal(read1(indef, sizeof(indef), &t), -EBADMSG);
	assert_int_equal(read1(high, sizeof(high), &t), -EBADMSG);
	assert_int_equal(read1(five, sizeof(five), &t), -EBADMSG);
}

static void test_truncated_input_is_rejected(void **state)
{
	const uint8_t a[] = { 0x04, 0x03, 1, 2 };
	const uint8_t b[] = { 0x04, 0x82, 0x01 };
	const uint8_t c[] = { 0x04 };
	struct der_tlv t;

	assert_int_equal(read1(a, sizeof(a), &t), -EBADMSG);
	assert_int_equal(read1(b, sizeof(b), &t), -EBADMSG);
	assert_int_equal(read1(c, sizeof(c), &t), -EBADMSG);
	assert_int_equal(read1(c, 0, &t), -ENODATA);
}

static void test_integers_minimal_and_non_negative(void **state)
{
	const uint8_t zero[] = { 0x02, 0x01, 0x00 };
	const uint8_t x80[] = { 0x02, 0x02, 0x00, 0x80 };
	const uint8_t pad[] = { 0x02, 0x02, 0x00, 0x7F };
	const uint8_t neg[] = { 0x02, 0x01, 0x80 };
	const uint8_t big[] = { 0x02, 0x09, 0x01, 0, 0, 0, 0, 0, 0, 0, 0 };
	const uint8_t empty[] = { 0x02, 0x00 };
	struct der_tlv t;
	uint64_t v;

	assert_int_equal(read1(zero, sizeof(zero), &t), 0);
	assert_int_equal(der_uint64(&t, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(read1(x80, sizeof(x80), &t), 0);
	assert_int_equal(der_uint64(&t, &v), 0);
	assert_int_equal(v, 128);
	assert_int_equal(read1(pad, sizeof(pad), &t), 0);
	assert_int_equal(der_uint64(&t, &v), -EBADMSG);
	assert_int_equal(read1(neg, sizeof(neg), &t), 0);
	assert_int_equal(der_uint64(&t, &v), -ERANGE);
	assert_int_equal(read1(big, sizeof(big), &t), 0);
	assert_int_equal(der_uint64(&t, &v), -ERANGE);
	assert_int_equal(read1(empty, sizeof(empty), &t), 0);
	assert_int_equal(der_uint64(&t, &v), -EBADMSG);
}

static void test_boolean_der_values_only(void **state)
{
	const uint8_t tr[] = { 0x01, 0x01, 0xFF }, fa[] = { 0x01, 0x01, 0x00 }, ber[] = { 0x01, 0x01, 0x01 };
	struct der_tlv t;
	bool b;

	assert_int_equal(read1(tr, 3, &t), 0);
	assert_int_equal(der_bool(&t, &b), 0);
	assert_true(b);
	assert_int_equal(read1(fa, 3, &t), 0);
	assert_int_equal(der_bool(&t, &b), 0);
	assert_false(b);
	assert_int_equal(read1(ber, 3, &t), 0);
	assert_int_equal(der_bool(&t, &b), -EBADMSG);
}

static void test_key_usage_bits(void **state)
{
	/* keyCertSign (5) + cRLSign (6): 0000 0110 with 1 unused bit (RFC 5280
	 * 4.2.1.3), as in AMD's ARK. */
	const uint8_t ku[] = { 0x03, 0x02, 0x01, 0x06 };
	const uint8_t dirty[] = { 0x03, 0x02, 0x01, 0x07 };  /* unused bit set */
	const uint8_t trail[] = { 0x03, 0x03, 0x07, 0x80, 0x00 };  /* trailing zero octet */
	struct der_tlv t;
	uint32_t v;

	assert_int_equal(read1(ku, sizeof(ku), &t), 0);
	assert_int_equal(der_bitstring_flags(&t, &v), 0);
	assert_int_equal(v, (1u << 5) | (1u << 6));
	assert_int_equal(read1(dirty, sizeof(dirty), &t), 0);
	assert_int_equal(der_bitstring_flags(&t, &v), -EBADMSG);
	assert_int_equal(read1(trail, sizeof(trail), &t), 0);
	assert_int_equal(der_bitstring_flags(&t, &v), -EBADMSG);
}

static void test_oid_subidentifiers_minimal(void **state)
{
	const uint8_t good[] = { 0x06, 0x03, 0x55, 0x04, 0x03 };      /* 2.5.4.3 */
	const uint8_t pad[] = { 0x06, 0x03, 0x55, 0x80, 0x03 };       /* 0x80 leading */
	const uint8_t open[] = { 0x06, 0x02, 0x55, 0x84 };            /* unterminated */
	struct der_tlv t;

	assert_int_equal(read1(good, sizeof(good), &t), 0);
	assert_int_equal(der_oid_check(&t), 0);
	assert_true(der_oid_eq(&t, good + 2, 3));
	assert_int_equal(read1(pad, sizeof(pad), &t), 0);
	assert_int_equal(der_oid_check(&t), -EBADMSG);
	assert_int_equal(read1(open, sizeof(open), &t), 0);
	assert_int_equal(der_oid_check(&t), -EBADMSG);
}

static int64_t time_of(uint8_t tag, const char *s)
{
	uint8_t b[32];
	struct der_tlv t;
	int64_t v;
	size_t n = strlen(s);

	b[0] = tag;
	b[1] = (uint8_t)n;
	memcpy(b + 2, s, n);
	assert_int_equal(read1(b, n + 2, &t), 0);
	if (der_time(&t, &v))
		return INT64_MIN;
	return v;
}

static void test_times_to_unix_seconds(void **state)
{
	/* RFC 5280 4.1.2.5.1: YY >= 50 is 19YY, else 20YY. */
	assert_int_equal(time_of(DER_UTC_TIME, "491231235959Z"), 2524607999LL);
	assert_int_equal(time_of(DER_UTC_TIME, "500101000000Z"), -631152000LL);
	assert_int_equal(time_of(DER_UTC_TIME, "201022172305Z"), 1603387385LL); /* ARK-Milan notBefore */
	assert_int_equal(time_of(DER_GENERALIZED_TIME, "20491231235959Z"), 2524607999LL);
	assert_int_equal(time_of(DER_GENERALIZED_TIME, "20000301000000Z"), 951868800LL);
	assert_int_equal(time_of(DER_GENERALIZED_TIME, "20240229120000Z"), 1709208000LL);
	/* Invalid dates and forms. */
	assert_true(time_of(DER_GENERALIZED_TIME, "20230229120000Z") == INT64_MIN);
	assert_true(time_of(DER_GENERALIZED_TIME, "21000229000000Z") == INT64_MIN);
	assert_true(time_of(DER_UTC_TIME, "491231235959") == INT64_MIN);
	assert_true(time_of(DER_UTC_TIME, "4912312359Z") == INT64_MIN);
	assert_true(time_of(DER_UTC_TIME, "491331235959Z") == INT64_MIN);
	assert_true(time_of(DER_UTC_TIME, "491231245959Z") == INT64_MIN);
	assert_true(time_of(DER_GENERALIZED_TIME, "20491231235959.5Z") == INT64_MIN);
	assert_true(time_of(DER_GENERALIZED_TIME, "2049123123595+Z") == INT64_MIN);
}

static void test_check_all_walks_nested_and_bounds_depth(void **state)
{
	uint8_t deep[2 * 20];
	size_t i, n;
	const uint8_t ok[] = { 0x30, 0x06, 0x31, 0x04, 0x02, 0x02, 0x00, 0x80 };
	const uint8_t inner_bad[] = { 0x30, 0x05, 0x31, 0x03, 0x04, 0x81, 0x01 };
	const uint8_t trailing[] = { 0x30, 0x00, 0x00 };

	assert_int_equal(der_check_all(ok, sizeof(ok)), 0);
	assert_int_equal(der_check_all(inner_bad, sizeof(inner_bad)), -EBADMSG);
	assert_int_equal(der_check_all(trailing, sizeof(trailing)), -EBADMSG);
	/* n nested empty SEQUENCEs: 30 (2n-2) 30 (2n-4) ... 30 00 */
	for (n = 15; n <= 20; n++) {
		for (i = 0; i < n; i++) {
			deep[2 * i] = 0x30;
			deep[2 * i + 1] = (uint8_t)(2 * (n - 1 - i));
		}
		if (n <= DER_MAX_DEPTH)
			assert_int_equal(der_check_all(deep, 2 * n), 0);
		else
			assert_int_equal(der_check_all(deep, 2 * n), -E2BIG);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_and_long_lengths_decode),
		cmocka_unit_test(test_non_minimal_lengths_are_rejected),
		cmocka_unit_test(test_indefinite_and_high_tags_are_rejected),
		cmocka_unit_test(test_truncated_input_is_rejected),
		cmocka_unit_test(test_integers_minimal_and_non_negative),
		cmocka_unit_test(test_boolean_der_values_only),
		cmocka_unit_test(test_key_usage_bits),
		cmocka_unit_test(test_oid_subidentifiers_minimal),
		cmocka_unit_test(test_times_to_unix_seconds),
		cmocka_unit_test(test_check_all_walks_nested_and_bounds_depth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
