/* lib/seal_blob.c: the sealed-blob header against its drawing in
 * include/uapi/futeet/seal.h and docs/FORMATS.md "Sealed blob" (bytes written
 * out by hand here, not by the encoder), and the decoder's refusals, one
 * rule at a time. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "lib/seal_blob.h"
#include "uapi/futeet/tee.h"

/* A sim-snp blob, MEASUREMENT | GUEST_POLICY, kernel-bound, 5 bytes of
 * ciphertext: the header as docs/FORMATS.md lays it out. */
static const uint8_t hdr_doc[FUTEET_SEAL_HDR_LEN] = {
	'F', 'T', 'S', 'B',             /* 0x00 magic */
	0x01,                           /* 0x04 version */
	0x03,                           /* 0x05 tee: sim-snp */
	0x02,                           /* 0x06 bind: kernel */
	0x00,                           /* 0x07 key_vmpl */
	0x03, 0x00, 0x00, 0x00,         /* 0x08 policy */
	0x05, 0x00, 0x00, 0x00,         /* 0x0C ct_len */
	0x09, 0, 0, 0, 0, 0, 0, 0,      /* 0x10 key_fields: MEASUREMENT (3) | POLICY (0) */
	0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, /* 0x18 iv */
	0, 0, 0, 0,                     /* 0x24 reserved */
};
#define BLOB_LEN (FUTEET_SEAL_HDR_LEN + 5 + FUTEET_SEAL_TAG_LEN)

static void make_blob(uint8_t b[BLOB_LEN])
{
	memset(b, 0x5c, BLOB_LEN);
	memcpy(b, hdr_doc, sizeof(hdr_doc));
}

static void test_seal_blob_parse_reads_every_documented_field(void **state)
{
	uint8_t b[BLOB_LEN];
	struct seal_blob_hdr h;
	const char *why = "x";

	(void)state;
	make_blob(b);
	assert_int_equal(seal_blob_parse(b, sizeof(b), &h, &why), 0);
	assert_null(why);
	assert_int_equal(h.version, 1);
	assert_int_equal(h.tee, FUTEET_PLATFORM_SIM_SNP);
	assert_int_equal(h.bind, FUTEET_SEAL_BIND_KERNEL);
	assert_int_equal(h.key_vmpl, 0);
	assert_int_equal(h.policy, FUTEET_SEAL_MEASUREMENT | FUTEET_SEAL_GUEST_POLICY);
	assert_int_equal(h.ct_len, 5);
	assert_true(h.key_fields == 0x9);
	assert_memory_equal(h.iv, hdr_doc + 0x18, 12);
}

static void test_seal_blob_put_hdr_writes_the_documented_bytes(void **state)
{
	struct seal_blob_hdr h;
	uint8_t out[FUTEET_SEAL_HDR_LEN];

	(void)state;
	memset(&h, 0, sizeof(h));
	h.version = 1;
	h.tee = FUTEET_PLATFORM_SIM_SNP;
	h.bind = FUTEET_SEAL_BIND_KERNEL;
	h.policy = FUTEET_SEAL_MEASUREMENT | FUTEET_SEAL_GUEST_POLICY;
	h.ct_len = 5;
	h.key_fields = seal_key_fields(h.policy);
	memcpy(h.iv, hdr_doc + 0x18, 12);
	memset(out, 0xee, sizeof(out));
	seal_blob_put_hdr(out, &h);
	assert_memory_equal(out, hdr_doc, sizeof(hdr_doc));
}

static void test_seal_key_fields_are_snp_guest_field_select_bits(void **state)
{
	(void)state;
	/* SNP ABI 56860 rev 1.57 section 7.2: bit 0 POLICY, bit 3 MEASUREMENT. */
	assert_true(seal_key_fields(FUTEET_SEAL_MEASUREMENT) == 0x8);
	assert_true(seal_key_fields(FUTEET_SEAL_GUEST_POLICY) == 0x1);
	assert_true(seal_key_fields(FUTEET_SEAL_MEASUREMENT | FUTEET_SEAL_REQUIRE_KERNEL) == 0x8);
}

static void test_seal_policy_check_refuses_empty_unknown_and_lone_require_kernel(void **state)
{
	const char *why = NULL;

	(void)state;
	assert_int_equal(seal_policy_check(FUTEET_SEAL_MEASUREMENT, &why), 0);
	assert_int_equal(seal_policy_check(FUTEET_SEAL_GUEST_POLICY, &why), 0);
	assert_int_equal(seal_policy_check(0x7, &why), 0);
	assert_int_equal(seal_policy_check(0, &why), -EINVAL);
	assert_non_null(why);
	assert_int_equal(seal_policy_check(0x8 | FUTEET_SEAL_MEASUREMENT, &why), -EINVAL);
	assert_int_equal(seal_policy_check(0x80000001u, &why), -EINVAL);
	assert_int_equal(seal_policy_check(FUTEET_SEAL_REQUIRE_KERNEL, &why), -EINVAL);
	assert_int_equal(seal_policy_check(FUTEET_SEAL_REQUIRE_KERNEL | FUTEET_SEAL_GUEST_POLICY, &why),
			 -EINVAL);
}

/* One broken rule per row: offset, new value (byte), the words of the reason. */
static const struct { const char *what; size_t off; uint8_t val; const char *why; } bad_rows[] = {
	{ "magic",               0x00, 'f',  "magic" },
	{ "version 0",           0x04, 0x00, "version" },
	{ "version 2",           0x04, 0x02, "version" },
	{ "tee none",            0x05, FUTEET_PLATFORM_NONE, "TEE" },
	{ "tee tdx",             0x05, FUTEET_PLATFORM_TDX, "TEE" },
	{ "tee sim-tdx",         0x05, FUTEET_PLATFORM_SIM_TDX, "TEE" },
	{ "bind none with MEASUREMENT", 0x06, FUTEET_SEAL_BIND_NONE, "binding" },
	{ "bind 3",              0x06, 0x03, "binding" },
	{ "key vmpl 4",          0x07, 0x04, "VMPL" },
	{ "unknown policy bit",  0x08, 0x0b, "policy" },
	{ "policy high byte",    0x0b, 0x80, "policy" },
	{ "no binding",          0x08, 0x00, "nothing" },
	{ "key fields",          0x10, 0x08, "key fields" },
	{ "key fields high",     0x17, 0x01, "key fields" },
	{ "reserved",            0x24, 0x01, "reserved" },
	{ "reserved last",       0x27, 0x80, "reserved" },
	{ "ct_len + 1",          0x0c, 0x06, "length" },
	{ "ct_len huge",         0x0f, 0x01, "FUTEET_SEAL_PLAINTEXT_MAX" },
};

static void test_seal_blob_parse_refuses_each_broken_rule(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_rows) / sizeof(bad_rows[0]); i++) {
		uint8_t b[BLOB_LEN];
		struct seal_blob_hdr h;
		const char *why = NULL;

		make_blob(b);
		b[bad_rows[i].off] = bad_rows[i].val;
		memset(&h, 0x77, sizeof(h));
		if (seal_blob_parse(b, sizeof(b), &h, &why) != -EINVAL)
			fail_msg("row '%s' accepted", bad_rows[i].what);
		if (why == NULL || strstr(why, bad_rows[i].why) == NULL)
			fail_msg("row '%s': reason '%s' lacks '%s'", bad_rows[i].what,
				 why ? why : "(none)", bad_rows[i].why);
		assert_int_equal(h.version, 0x77); /* nothing written on refusal */
	}
}

static void test_seal_blob_parse_refuses_bind_without_measurement_and_weak_require_kernel(void **state)
{
	uint8_t b[BLOB_LEN];
	struct seal_blob_hdr h;
	const char *why = NULL;

	(void)state;
	/* GUEST_POLICY alone: bind must be NONE. */
	make_blob(b);
	b[0x08] = FUTEET_SEAL_GUEST_POLICY;
	b[0x10] = 0x01;
	assert_int_equal(seal_blob_parse(b, sizeof(b), &h, &why), -EINVAL);
	b[0x06] = FUTEET_SEAL_BIND_NONE;
	assert_int_equal(seal_blob_parse(b, sizeof(b), &h, &why), 0);
	/* REQUIRE_KERNEL only with bind KERNEL. */
	make_blob(b);
	b[0x08] = 0x07;
	assert_int_equal(seal_blob_parse(b, sizeof(b), &h, &why), 0);
	b[0x06] = FUTEET_SEAL_BIND_FIRMWARE;
	assert_int_equal(seal_blob_parse(b, sizeof(b), &h, &why), -EINVAL);
	assert_non_null(strstr(why, "REQUIRE_KERNEL"));
}

static void test_seal_blob_parse_refuses_every_wrong_length(void **state)
{
	uint8_t b[BLOB_LEN + 1];
	struct seal_blob_hdr h;
	const char *why = NULL;

	(void)state;
	make_blob(b);
	for (size_t n = 0; n <= sizeof(b); n++)
		assert_int_equal(seal_blob_parse(b, n, &h, &why), n == BLOB_LEN ? 0 : -EINVAL);
	assert_int_equal(seal_blob_parse(NULL, BLOB_LEN, &h, &why), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seal_blob_parse_reads_every_documented_field),
		cmocka_unit_test(test_seal_blob_put_hdr_writes_the_documented_bytes),
		cmocka_unit_test(test_seal_key_fields_are_snp_guest_field_select_bits),
		cmocka_unit_test(test_seal_policy_check_refuses_empty_unknown_and_lone_require_kernel),
		cmocka_unit_test(test_seal_blob_parse_refuses_each_broken_rule),
		cmocka_unit_test(test_seal_blob_parse_refuses_bind_without_measurement_and_weak_require_kernel),
		cmocka_unit_test(test_seal_blob_parse_refuses_every_wrong_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
