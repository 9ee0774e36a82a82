/* lib/ratls.c and the DER writer (lib/der.c): the RA-TLS certificate of
 * docs/CHANNEL.md section 11. Known answers from independent code (Python
 * `cryptography` and `cbor2`, hashlib; the commands are in each test) and
 * from X.690's length rules; the certificate is read back with lib/x509.c
 * (and, in tests/real/ratls_*.sh, with openssl and Python). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <bearssl.h>

#include "futeet/errno.h"
#include "lib/der.h"
#include "lib/evidence.h"
#include "lib/ratls.h"
#include "tests/unit/unhex.h"

/* secp256r1 generator G = 1 * G (SEC 2 2.4.2): the public key of scalar 1. */
static const char G_HEX[] =
	"046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
	"4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";

/* X.690 8.1.3: short form below 128, then 0x81 / 0x82 / 0x83 + minimal octets. */
static void test_der_writer_lengths(void **state)
{
	static uint8_t buf[70000], val[65536];
	const struct { size_t n; const char *head; } cases[] = {
		{ 0, "0400" }, { 127, "047f" }, { 128, "048180" }, { 255, "0481ff" },
		{ 256, "04820100" }, { 65535, "0482ffff" }, { 65536, "0483010000" },
	};
	struct der_w w;
	uint8_t head[8];

	memset(val, 0xAB, sizeof(val));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t hl = strlen(cases[i].head) / 2;
		der_w_init(&w, buf, sizeof(buf));
		der_w_tlv(&w, DER_OCTET_STRING, val, cases[i].n);
		assert_int_equal(w.err, 0);
		assert_int_equal(unhex(cases[i].head, head, sizeof(head)), hl);
		assert_int_equal(w.len, hl + cases[i].n);
		assert_memory_equal(buf, head, hl);
	}
	/* nested: SEQUENCE { INTEGER 2 } = 30 03 02 01 02 */
	der_w_init(&w, buf, sizeof(buf));
	size_t m = der_w_open(&w);
	der_w_tlv(&w, DER_INTEGER, (const uint8_t *)"\x02", 1);
	der_w_close(&w, m, DER_SEQUENCE);
	assert_int_equal(w.len, 5);
	assert_memory_equal(buf, "\x30\x03\x02\x01\x02", 5);
	/* no room: an error, never a write past cap, and it sticks */
	der_w_init(&w, buf, 4);
	der_w_tlv(&w, DER_OCTET_STRING, val, 3);
	assert_int_equal(w.err, -ENOSPC);
	der_w_tlv(&w, DER_NULL, NULL, 0);
	assert_int_equal(w.err, -ENOSPC);
}

/* Python: ec.derive_private_key(1, SECP256R1()).public_key().public_bytes(DER,
 * SubjectPublicKeyInfo), and hashlib.sha256 of it. */
static void test_spki_matches_python_cryptography(void **state)
{
	uint8_t g[65], spki[RATLS_SPKI_LEN], want[RATLS_SPKI_LEN], h[32], wanth[32];

	assert_int_equal(unhex(G_HEX, g, sizeof(g)), 65);
	assert_int_equal(unhex("3059301306072a8648ce3d020106082a8648ce3d030107034200", want, 26), 26);
	memcpy(want + 26, g, 65);
	ratls_spki(g, spki);
	assert_memory_equal(spki, want, sizeof(want));
	ratls_spki_hash(g, h);
	unhex("5cd252fb0ce8932436faf8ccd1040981b89ee4ad6b9fe9e2a2b7e71aacb27cd3", wanth, 32);
	assert_memory_equal(h, wanth, 32);
}

/* cbor2.dumps({1: 2, -1: 1, -2: bytes(range(1, 33)), -3: bytes(range(33, 65))},
 * canonical=True) */
static void test_cose_key_matches_cbor2(void **state)
{
	uint8_t p[65], got[RATLS_COSE_KEY_LEN], want[RATLS_COSE_KEY_LEN];

	p[0] = 4;
	for (int i = 1; i <= 64; i++)
		p[i] = (uint8_t)i;
	ratls_cose_key(p, got);
	assert_int_equal(unhex("a4010220012158200102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
			       "2258202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40",
			       want, sizeof(want)), sizeof(want));
	assert_memory_equal(got, want, sizeof(want));
}

/* hashlib.sha256(b"futeet-ratls-v1 fresh" + b"\0"*32 + b"\x11"*32 + b"\x22"*32) */
static void test_fresh_nonce_matches_hashlib(void **state)
{
	uint8_t cn[32], sh[32], ex[32], got[32], want[32];

	memset(cn, 0, 32);
	memset(sh, 0x11, 32);
	memset(ex, 0x22, 32);
	ratls_fresh_nonce(cn, sh, ex, got);
	unhex("d5dbbe361299b3674ac19fc05cd20499f57ffc530cf2044e252edbf6fb39e2f5", want, 32);
	assert_memory_equal(got, want, 32);
}

static uint8_t cert[RATLS_CERT_MAX];
static uint8_t evidence[RATLS_EVIDENCE_MAX];

/* A key from a fixed scalar; the certificate round trip through x509_parse. */
static size_t make_cert(uint8_t priv[32], uint8_t point[65], size_t ev_len)
{
	br_ec_private_key sk = { BR_EC_secp256r1, priv, 32 };
	br_ec_public_key pk;
	struct ratls_cert_params p;
	uint8_t serial[16];
	size_t len = 0;

	memset(priv, 0x5A, 32);
	assert_int_equal(br_ec_compute_pub(&br_ec_p256_m31, &pk, point, &sk), 65);
	memset(serial, 0xC3, sizeof(serial));
	for (size_t i = 0; i < ev_len; i++)
		evidence[i] = (uint8_t)(i * 7 + 1);
	p.priv = priv;
	p.point = point;
	p.serial = serial;
	p.evidence = evidence;
	p.evidence_len = ev_len;
	assert_int_equal(ratls_cert_build(&p, cert, sizeof(cert), &len), 0);
	return len;
}

static void test_cert_round_trip_small_and_largest_evidence(void **state)
{
	const size_t sizes[] = { 1, 100, 127, 128, 300, 65535, RATLS_EVIDENCE_MAX };
	uint8_t priv[32], point[65], h[32];
	struct ratls_cert c;
	const char *why;

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t len = make_cert(priv, point, sizes[i]);
		assert_int_equal(ratls_cert_parse(cert, len, &c, &why), 0);
		assert_int_equal(c.x.version, 2);
		assert_int_equal(c.evidence_len, sizes[i]);
		assert_memory_equal(c.evidence, evidence, sizes[i]);
		assert_memory_equal(c.point, point, 65);
		ratls_spki_hash(point, h);
		assert_memory_equal(c.spki_hash, h, 32);
		assert_true(c.x.has_key_usage && (c.x.key_usage & X509_KU_DIGITAL_SIGNATURE));
		assert_int_equal(ratls_cert_check_self_signed(&c), 0);
		/* serial: 16 octets, positive, minimal (RFC 5280 4.1.2.2) */
		assert_int_equal(c.x.serial_len, 16);
		assert_true(c.x.serial[0] >= 0x40 && c.x.serial[0] < 0x80);
	}
	/* one byte more than the bound: refused by the builder */
	{
		struct ratls_cert_params p = { priv, point, priv, evidence, RATLS_EVIDENCE_MAX + 1 };
		size_t len;
		assert_int_equal(ratls_cert_build(&p, cert, sizeof(cert), &len), -EINVAL);
		p.evidence_len = 10;
		assert_int_equal(ratls_cert_build(&p, cert, 200, &len), -ENOSPC);
	}
}

static void test_altered_certificate_fails_self_signature(void **state)
{
	uint8_t priv[32], point[65];
	struct ratls_cert c;
	const char *why;
	size_t len = make_cert(priv, point, 300);
	uint8_t *ev;

	assert_int_equal(ratls_cert_parse(cert, len, &c, &why), 0);
	ev = (uint8_t *)(uintptr_t)c.evidence;
	ev[10] ^= 1; /* a bit of the evidence inside the signed TBS */
	assert_int_equal(ratls_cert_parse(cert, len, &c, &why), 0);
	assert_int_equal(ratls_cert_check_self_signed(&c), -EKEYREJECTED);
}

static void test_binding_checks_key_and_nonce(void **state)
{
	uint8_t priv[32], point[65], x[32], y[32], n[32];
	struct ratls_cert c;
	const char *why;
	size_t len = make_cert(priv, point, 50);

	assert_int_equal(ratls_cert_parse(cert, len, &c, &why), 0);
	memcpy(x, point + 1, 32);
	memcpy(y, point + 33, 32);
	memcpy(n, c.spki_hash, 32);
	assert_int_equal(ratls_check_binding(&c, COSE_CRV_P256, 32, x, y, n, 32, c.spki_hash, &why), 0);
	/* another key */
	y[31] ^= 1;
	assert_int_equal(ratls_check_binding(&c, COSE_CRV_P256, 32, x, y, n, 32, c.spki_hash, &why),
			 -EKEYREJECTED);
	assert_non_null(strstr(why, "cnf key is not the certificate's key"));
	y[31] ^= 1;
	/* no P-256 cnf */
	assert_int_equal(ratls_check_binding(&c, 0, 0, NULL, NULL, n, 32, c.spki_hash, &why),
			 -EKEYREJECTED);
	assert_int_equal(ratls_check_binding(&c, COSE_CRV_P384, 48, x, y, n, 32, c.spki_hash, &why),
			 -EKEYREJECTED);
	/* another nonce, or a shorter one */
	n[0] ^= 1;
	assert_int_equal(ratls_check_binding(&c, COSE_CRV_P256, 32, x, y, n, 32, c.spki_hash, &why),
			 -EKEYREJECTED);
	assert_non_null(strstr(why, "eat_nonce"));
	n[0] ^= 1;
	assert_int_equal(ratls_check_binding(&c, COSE_CRV_P256, 32, x, y, n, 16, c.spki_hash, &why),
			 -EKEYREJECTED);
}

/* Every truncation of a valid certificate is refused with a reason, never
 * accepted, never read past its end (ASan in the fuzz build). */
static void test_every_truncation_is_refused(void **state)
{
	uint8_t priv[32], point[65];
	struct ratls_cert c;
	const char *why;
	size_t len = make_cert(priv, point, 40);

	for (size_t n = 0; n < len; n++) {
		why = NULL;
		assert_int_not_equal(ratls_cert_parse(cert, n, &c, &why), 0);
		assert_non_null(why);
		assert_true(why[0] != '\0');
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_der_writer_lengths),
		cmocka_unit_test(test_spki_matches_python_cryptography),
		cmocka_unit_test(test_cose_key_matches_cbor2),
		cmocka_unit_test(test_fresh_nonce_matches_hashlib),
		cmocka_unit_test(test_cert_round_trip_small_and_largest_evidence),
		cmocka_unit_test(test_altered_certificate_fails_self_signature),
		cmocka_unit_test(test_binding_checks_key_and_nonce),
		cmocka_unit_test(test_every_truncation_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
