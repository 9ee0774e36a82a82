/* Host unit tests of futeet-sim's building blocks: the DER writer against
 * the encoding rules of ITU-T X.690 (8.1.3 lengths, 8.3 INTEGER), GUID
 * strings in RFC 4122 byte order (RFC 4122 4.1.2), and the RSASSA-PSS signer
 * checked by an independent verifier, lib/rsa_pss.c (itself tested against
 * Wycheproof vectors in tests/unit/test_rsa_pss.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "lib/rsa_pss.h"
#include "derw.h"
#include "sim.h"

static void expect_bytes(const struct der_w *d, const uint8_t *want, size_t n)
{
	assert_int_equal(d->err, 0);
	assert_int_equal(d->len, n);
	assert_memory_equal(d->buf, want, n);
}

/* X.690 8.3.2: minimal two's complement; a positive value with the top bit
 * set gets a leading 0x00. */
static void test_derw_integer_is_minimal_twos_complement(void **state)
{
	uint8_t b[16];
	struct der_w d;
	static const struct { uint64_t v; uint8_t enc[6]; size_t n; } vec[] = {
		{ 0, { 0x02, 0x01, 0x00 }, 3 },
		{ 127, { 0x02, 0x01, 0x7F }, 3 },
		{ 128, { 0x02, 0x02, 0x00, 0x80 }, 4 },
		{ 256, { 0x02, 0x02, 0x01, 0x00 }, 4 },
		{ 65537, { 0x02, 0x03, 0x01, 0x00, 0x01 }, 5 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(vec) / sizeof(vec[0]); i++) {
		der_w_init(&d, b, sizeof(b));
		derw_uint(&d, vec[i].v);
		expect_bytes(&d, vec[i].enc, vec[i].n);
	}
	static const uint8_t lead0[] = { 0x00, 0x00, 0x01 };
	static const uint8_t want[] = { 0x02, 0x01, 0x01 };
	der_w_init(&d, b, sizeof(b));
	derw_uint_be(&d, lead0, sizeof(lead0));
	expect_bytes(&d, want, sizeof(want));
}

/* X.690 8.1.3.4/8.1.3.5: short form up to 127, then 0x81 nn, 0x82 nn nn. */
static void test_derw_lengths_use_short_then_long_form(void **state)
{
	static uint8_t b[400], content[300];
	struct der_w d;
	static const struct { size_t n; uint8_t hdr[4]; size_t hl; } vec[] = {
		{ 0, { 0x04, 0x00 }, 2 },
		{ 127, { 0x04, 0x7F }, 2 },
		{ 128, { 0x04, 0x81, 0x80 }, 3 },
		{ 255, { 0x04, 0x81, 0xFF }, 3 },
		{ 256, { 0x04, 0x82, 0x01, 0x00 }, 4 },
	};
	(void)state;
	memset(content, 0xA5, sizeof(content));
	for (size_t i = 0; i < sizeof(vec) / sizeof(vec[0]); i++) {
		der_w_init(&d, b, sizeof(b));
		der_w_tlv(&d, DER_OCTET_STRING, content, vec[i].n);
		assert_int_equal(d.err, 0);
		assert_int_equal(d.len, vec[i].hl + vec[i].n);
		assert_memory_equal(b, vec[i].hdr, vec[i].hl);
		assert_memory_equal(b + vec[i].hl, content, vec[i].n);
	}
}

/* Wrapping in place: SEQUENCE { NULL, INTEGER 5 } = 30 05 05 00 02 01 05. */
static void test_derw_wrap_nests_in_place(void **state)
{
	uint8_t b[16];
	static const uint8_t want[] = { 0x30, 0x05, 0x05, 0x00, 0x02, 0x01, 0x05 };
	struct der_w d;
	(void)state;
	der_w_init(&d, b, sizeof(b));
	derw_null(&d);
	derw_uint(&d, 5);
	der_w_close(&d, 0, DER_SEQUENCE);
	expect_bytes(&d, want, sizeof(want));
}

static void test_derw_overflow_sets_sticky_error(void **state)
{
	uint8_t b[4];
	static const uint8_t five[5] = { 1, 2, 3, 4, 5 };
	struct der_w d;
	(void)state;
	der_w_init(&d, b, sizeof(b));
	der_w_tlv(&d, DER_OCTET_STRING, five, sizeof(five));
	assert_int_equal(d.err, -ENOSPC);
	derw_null(&d);
	assert_int_equal(d.err, -ENOSPC);
	der_w_init(&d, b, sizeof(b));
	der_w_raw(&d, five, 4);
	der_w_close(&d, 0, DER_SEQUENCE); /* no room for the header */
	assert_int_equal(d.err, -ENOSPC);
}

/* RFC 4122 4.1.2: the fields in network order, i.e. the digits as written. */
static void test_guid_parse_gives_rfc4122_order_and_refuses_junk(void **state)
{
	static const uint8_t vcek[16] = { 0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64, 0x45, 0x64,
					  0xad, 0xc5, 0xf4, 0xb9, 0x3b, 0xe8, 0xac, 0xcd };
	uint8_t g[16];
	(void)state;
	assert_int_equal(sim_guid_parse(SNP_GUID_VCEK, g), 0);
	assert_memory_equal(g, vcek, 16);
	assert_int_equal(sim_guid_parse("63da758d-e664-4564-adc5-f4b93be8acc", g), -EINVAL);
	assert_int_equal(sim_guid_parse("63da758d_e664-4564-adc5-f4b93be8accd", g), -EINVAL);
	assert_int_equal(sim_guid_parse("63da758d-e664-4564-adc5-f4b93be8accg", g), -EINVAL);
}

/* RFC 8017 9.1.1 step 3: emLen < hLen + sLen + 2 is "encoding error". */
static void test_emsa_pss_encode_refuses_too_short_em(void **state)
{
	uint8_t mh[48] = { 0 }, salt[48] = { 0 }, em[97];
	(void)state;
	assert_int_equal(sim_emsa_pss_encode(mh, salt, 48, 8 * 97 - 1, em, 97), -EINVAL);
	assert_int_equal(sim_emsa_pss_encode(mh, salt, 48, 8 * 98 - 1, em, 97), -EINVAL);
}

/* A 4096-bit-modulus encoding (emBits 4095) passes an independent
 * EMSA-PSS-VERIFY; one flipped bit anywhere in the encoding does not. */
static void test_emsa_pss_encode_4095_bits_passes_independent_verify(void **state)
{
	uint8_t mh[48], salt[48], em[512];
	(void)state;
	for (int i = 0; i < 48; i++) {
		mh[i] = (uint8_t)(i * 7 + 1);
		salt[i] = (uint8_t)(255 - i);
	}
	assert_int_equal(sim_emsa_pss_encode(mh, salt, 48, 4095, em, 512), 0);
	assert_int_equal(em[511], 0xBC);
	assert_int_equal(em[0] & 0x80, 0);
	assert_int_equal(rsa_pss_emsa_verify(em, 512, 4095, br_sha384_ID, br_sha384_ID, 48,
					     mh, 48), 0);
	for (size_t pos = 0; pos < 512; pos += 37) {
		em[pos] ^= 0x01;
		assert_int_not_equal(rsa_pss_emsa_verify(em, 512, 4095, br_sha384_ID,
							 br_sha384_ID, 48, mh, 48), 0);
		em[pos] ^= 0x01;
	}
	mh[0] ^= 1;
	assert_int_not_equal(rsa_pss_emsa_verify(em, 512, 4095, br_sha384_ID, br_sha384_ID, 48,
						 mh, 48), 0);
}

/* The whole signer on a real (2048-bit, seeded) key: lib/rsa_pss.c accepts
 * the signature with salt 48 and refuses it for another hash or salt. */
static void test_rsa_pss_sign_verifies_independently(void **state)
{
	static uint8_t kpriv[BR_RSA_KBUF_PRIV_SIZE(2048)], kpub[BR_RSA_KBUF_PUB_SIZE(2048)];
	br_rsa_private_key sk;
	br_rsa_public_key pk;
	br_hmac_drbg_context rng;
	uint8_t mh[48], sig[256];
	(void)state;
	br_hmac_drbg_init(&rng, &br_sha256_vtable, "test_sim pss", 12);
	assert_int_equal(br_rsa_i31_keygen(&rng.vtable, &sk, kpriv, &pk, kpub, 2048, 65537), 1);
	assert_int_equal(rsa_pss_hash(br_sha384_ID, (const uint8_t *)"tbs", 3, mh), 0);
	assert_int_equal(sim_rsa_pss_sha384_sign(&sk, mh, sig, sizeof(sig)), 0);
	assert_int_equal(rsa_pss_verify(pk.n, pk.nlen, pk.e, pk.elen, br_sha384_ID, br_sha384_ID,
					48, mh, 48, sig, sizeof(sig)), 0);
	assert_int_not_equal(rsa_pss_verify(pk.n, pk.nlen, pk.e, pk.elen, br_sha384_ID,
					    br_sha384_ID, 32, mh, 48, sig, sizeof(sig)), 0);
	sig[100] ^= 0x10;
	assert_int_not_equal(rsa_pss_verify(pk.n, pk.nlen, pk.e, pk.elen, br_sha384_ID,
					    br_sha384_ID, 48, mh, 48, sig, sizeof(sig)), 0);
	assert_int_equal(sim_rsa_pss_sha384_sign(&sk, mh, sig, sizeof(sig) - 1), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derw_integer_is_minimal_twos_complement),
		cmocka_unit_test(test_derw_lengths_use_short_then_long_form),
		cmocka_unit_test(test_derw_wrap_nests_in_place),
		cmocka_unit_test(test_derw_overflow_sets_sticky_error),
		cmocka_unit_test(test_guid_parse_gives_rfc4122_order_and_refuses_junk),
		cmocka_unit_test(test_emsa_pss_encode_refuses_too_short_em),
		cmocka_unit_test(test_emsa_pss_encode_4095_bits_passes_independent_verify),
		cmocka_unit_test(test_rsa_pss_sign_verifies_independently),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
