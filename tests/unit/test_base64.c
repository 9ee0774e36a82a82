/* lib/base64: base64 lines (RFC 4648 section 4, '=' padding) and base64url
 * without padding (RFC 4648 section 5; RFC 7515 section 2) against the RFCs'
 * own examples: RFC 4648 section 10's test vectors and RFC 7515 Appendix C's
 * octets 3 236 255 224 193 = "A-z_4ME". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/base64.h"

/* RFC 4648 section 10: BASE64("foobar") and its prefixes. */
static const char *const rfc4648_in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
static const char *const rfc4648_b64[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=",
					    "Zm9vYmFy" };

static void test_base64_line_rfc4648_vectors(void **state)
{
	char line[BASE64_LINE_CHARS + 1];
	(void)state;
	for (size_t i = 0; i < 7; i++) {
		const char *in = rfc4648_in[i];
		size_t n = base64_line((const uint8_t *)in, strlen(in), line);
		assert_string_equal(line, rfc4648_b64[i]);
		assert_int_equal(n, strlen(rfc4648_b64[i]));
	}
}

static void test_base64_line_stops_at_48_bytes(void **state)
{
	uint8_t in[60];
	char line[BASE64_LINE_CHARS + 1];
	(void)state;
	memset(in, 0, sizeof(in));
	/* 48 zero bytes are 64 'A's; the 12 beyond are the next line's */
	assert_int_equal(base64_line(in, sizeof(in), line), 64);
	for (size_t i = 0; i < 64; i++)
		assert_int_equal(line[i], 'A');
	assert_int_equal(line[64], '\0');
}

static void test_base64url_has_no_padding_and_url_alphabet(void **state)
{
	static const uint8_t jws[] = { 3, 236, 255, 224, 193 };
	char out[16];
	(void)state;
	/* RFC 4648 section 10's vectors with the '=' removed (section 3.2) */
	for (size_t i = 0; i < 7; i++) {
		const char *in = rfc4648_in[i];
		size_t want = strcspn(rfc4648_b64[i], "=");
		assert_int_equal(base64url((const uint8_t *)in, strlen(in), out, sizeof(out)), want);
		assert_int_equal(BASE64URL_CHARS(strlen(in)), want);
		assert_memory_equal(out, rfc4648_b64[i], want);
		assert_int_equal(out[want], '\0');
	}
	/* RFC 7515 Appendix C: 62 and 63 are '-' and '_' */
	assert_int_equal(base64url(jws, sizeof(jws), out, sizeof(out)), 7);
	assert_string_equal(out, "A-z_4ME");
	assert_int_equal(BASE64URL_CHARS(sizeof(jws)), 7);
}

static void test_base64url_never_overruns_its_buffer(void **state)
{
	static const uint8_t jws[] = { 3, 236, 255, 224, 193 };
	char out[16];
	(void)state;
	/* exactly enough: all of it */
	memset(out, 'x', sizeof(out));
	assert_int_equal(base64url(jws, sizeof(jws), out, 8), 7);
	assert_string_equal(out, "A-z_4ME");
	/* one short: the whole first group only, never a byte past cap */
	memset(out, 'x', sizeof(out));
	assert_int_equal(base64url(jws, sizeof(jws), out, 7), 4);
	assert_string_equal(out, "A-z_");
	assert_int_equal(out[7], 'x');
	memset(out, 'x', sizeof(out));
	assert_int_equal(base64url(jws, sizeof(jws), out, 1), 0);
	assert_int_equal(out[0], '\0');
	assert_int_equal(out[1], 'x');
	memset(out, 'x', sizeof(out));
	assert_int_equal(base64url(jws, sizeof(jws), out, 0), 0);
	assert_int_equal(out[0], 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base64_line_rfc4648_vectors),
		cmocka_unit_test(test_base64_line_stops_at_48_bytes),
		cmocka_unit_test(test_base64url_has_no_padding_and_url_alphabet),
		cmocka_unit_test(test_base64url_never_overruns_its_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
