/* RSASSA-PSS verification (lib/rsa_pss.c) against Project Wycheproof's
 * published vectors (tests/vectors/rsa_pss_wycheproof.h, provenance in
 * tests/vectors/README.md), valid and invalid, plus parameter checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bearssl.h>

#include "futeet/errno.h"
#include "futeet/compiler.h"
#include "lib/rsa_pss.h"
#include "tests/vectors/rsa_pss_wycheproof.h"
#include "tests/unit/unhex.h"

static int run_vec(const struct pss_vec *v)
{
	static uint8_t n[600], e[8], msg[4096], sig[1024], h[64];
	size_t nl, el, ml, sl;
	const struct pss_key *k = &pss_keys[v->key];

	nl = unhex(k->n, n, sizeof(n));
	el = unhex(k->e, e, sizeof(e));
	ml = unhex(v->msg, msg, sizeof(msg));
	sl = unhex(v->sig, sig, sizeof(sig));
	assert_int_equal(rsa_pss_hash(v->hash_id, msg, ml, h), 0);
	return rsa_pss_verify(n, nl, e, el, v->hash_id, v->mgf_hash_id, v->salt_len,
			      h, rsa_pss_hash_len(v->hash_id), sig, sl);
}

static void test_wycheproof_valid_vectors_verify(void **state)
{
	size_t i, n = 0;

	for (i = 0; i < FUTEET_ARRAY_SIZE(pss_vecs); i++) {
		if (!pss_vecs[i].valid)
			continue;
		if (run_vec(&pss_vecs[i]) != 0)
			fail_msg("%s tcId %d (%s) should verify", pss_vecs[i].file, pss_vecs[i].tc_id,
				 pss_vecs[i].comment);
		n++;
	}
	assert_true(n >= 70);
}

static void test_wycheproof_invalid_vectors_are_rejected(void **state)
{
	size_t i, n = 0;

	for (i = 0; i < FUTEET_ARRAY_SIZE(pss_vecs); i++) {
		if (pss_vecs[i].valid)
			continue;
		if (run_vec(&pss_vecs[i]) == 0)
			fail_msg("%s tcId %d (%s) must not verify", pss_vecs[i].file,
				 pss_vecs[i].tc_id, pss_vecs[i].comment);
		n++;
	}
	assert_true(n >= 120);
}

static void test_valid_vector_fails_with_wrong_salt_len_or_hash(void **state)
{
	struct pss_vec v;
	size_t i;

	for (i = 0; i < FUTEET_ARRAY_SIZE(pss_vecs); i++)
		if (pss_vecs[i].valid && pss_vecs[i].salt_len == 48 &&
		    pss_vecs[i].hash_id == br_sha384_ID && pss_vecs[i].mgf_hash_id == br_sha384_ID)
			break;
	assert_true(i < FUTEET_ARRAY_SIZE(pss_vecs));
	v = pss_vecs[i];
	assert_int_equal(run_vec(&v), 0);
	v.salt_len = 47;
	assert_int_equal(run_vec(&v), -EBADMSG);
	v.salt_len = 48;
	v.mgf_hash_id = br_sha256_ID;
	assert_int_equal(run_vec(&v), -EBADMSG);
}

static void test_unsupported_parameters_are_refused(void **state)
{
	uint8_t n[256], e[3] = { 1, 0, 1 }, h[32] = { 0 }, sig[256] = { 0 };

	memset(n, 0xFF, sizeof(n));
	/* SHA-1 (br_sha1_ID) is not supported. */
	assert_int_equal(rsa_pss_verify(n, sizeof(n), e, 3, br_sha1_ID, br_sha1_ID, 20, h, 20,
					sig, sizeof(sig)), -EOPNOTSUPP);
	/* Hash length must match the hash. */
	assert_int_equal(rsa_pss_verify(n, sizeof(n), e, 3, br_sha256_ID, br_sha256_ID, 32, h, 31,
					sig, sizeof(sig)), -EINVAL);
	/* An even modulus is not an RSA modulus. */
	n[255] = 0xFE;
	assert_int_equal(rsa_pss_verify(n, sizeof(n), e, 3, br_sha256_ID, br_sha256_ID, 32, h, 32,
					sig, sizeof(sig)), -EINVAL);
	/* Larger than 4096 bits. */
	{
		static uint8_t big[513];
		memset(big, 0xFF, sizeof(big));
		assert_int_equal(rsa_pss_verify(big, sizeof(big), e, 3, br_sha256_ID, br_sha256_ID,
						32, h, 32, sig, sizeof(sig)), -EINVAL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wycheproof_valid_vectors_verify),
		cmocka_unit_test(test_wycheproof_invalid_vectors_are_rejected),
		cmocka_unit_test(test_valid_vector_fails_with_wrong_salt_len_or_hash),
		cmocka_unit_test(test_unsupported_parameters_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
