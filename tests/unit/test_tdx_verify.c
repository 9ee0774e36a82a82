/* TDX quote verification (lib/tdx/verify.c, pck.c, intel_root.c) on the
 * real quotes in tests/data, at the times their sources verify them
 * (MANIFEST.md sections 3 and 6), with the sources' negative mutations
 * (section 7) and PCK extension values (section 3.1, 3.6). */
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
#include "lib/tdx/verify.h"
#include "lib/x509.h"
#include "tests/unit/testdata.h"
#include "tests/unit/unhex.h"

/* Verification times (unix seconds), MANIFEST section 6. */
#define T_2023_07_01 1688173200 /* go-tdx-guest SPR quote */
#define T_2053_07_01 2634944400 /* go-tdx-guest expiry negative */
#define T_2026_02_03 1770080400 /* go-tdx-guest v5 quote */
#define T_2025_09_01 1756684800 /* teekit */
#define T_2026_03_20 1774003274 /* dcap-qvl outdated fixture's collateral time */

static struct tdx_verify_result res; /* large: chain DER inside */

static int verify_at(const uint8_t *q, size_t len, int64_t now, char *why, size_t wl)
{
	struct tdx_verify_input in;

	memset(&in, 0, sizeof(in));
	in.quote = q;
	in.quote_len = len;
	in.now = now;
	in.time_known = true;
	return tdx_verify(&in, &res, why, wl);
}

/* MANIFEST 1: the built-in root is the Intel SGX Root CA, byte-equal to
 * dcap-qvl's TrustedRootCA.der and go-tdx-guest's trusted_root.pem, SHA-256
 * 44a0196b...74d3. */
static void test_builtin_root_is_intels(void **state)
{
	static const char want_hex[] =
		"44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3";
	uint8_t want[32], got[32], der[2048];
	br_sha256_context sc;
	size_t len, pos = 0, dl;
	uint8_t *b = testdata_need("dcap-qvl/TrustedRootCA.der", &len);
	uint8_t *pem;

	(void)state;
	assert_int_equal(len, tdx_intel_root_der_len);
	assert_memory_equal(b, tdx_intel_root_der, len);
	free(b);
	pem = testdata_need("go-tdx-guest/trusted_root.pem", &len);
	assert_int_equal(x509_pem_next((char *)pem, len, &pos, der, sizeof(der), &dl), 0);
	assert_int_equal(dl, tdx_intel_root_der_len);
	assert_memory_equal(der, tdx_intel_root_der, dl);
	free(pem);
	br_sha256_init(&sc);
	br_sha256_update(&sc, tdx_intel_root_der, tdx_intel_root_der_len);
	br_sha256_out(&sc, got);
	unhex_exact(want_hex, want, 32);
	assert_memory_equal(got, want, 32);
}

/* MANIFEST 3: every real quote verifies (chain to Intel's root, QE report,
 * binding, quote signature) at a time its PCK chain is valid. */
static void test_every_real_quote_verifies(void **state)
{
	static const struct {
		const char *path;
		int64_t now;
		const char *fmspc;
	} q[] = {
		{ "go-tdx-guest/tdx_prod_quote_SPR_E4.dat", T_2023_07_01, "50806f000000" },
		{ "go-tdx-guest/quote_v5_sample.dat", T_2026_02_03, "90c06f000000" },
		{ "go-tdx-guest/ccel/cos-113-tdx-quote.dat", T_2025_09_01, "00806f050000" },
		{ "dcap-qvl/tdx_quote", T_2025_09_01, "b0c06f000000" },
		{ "dcap-qvl/tdx_quote_outdated", T_2026_03_20, "90c06f000000" },
		{ "trustee/tdx/tdx_quote_4.dat", T_2025_09_01, "50806f000000" },
		{ "trustee/tdx/tdx_quote_5.dat", T_2025_09_01, "90c06f000000" },
		{ "trustee/az-tdx-vtpm/td-quote.bin", T_2025_09_01, "00806f050000" },
	};
	char why[160];
	uint8_t fmspc[6];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		uint8_t *b = testdata_need(q[i].path, &len);
		int rc = verify_at(b, len, q[i].now, why, sizeof(why));

		if (rc)
			fail_msg("%s: %d %s", q[i].path, rc, why);
		assert_true(res.time_checked);
		assert_false(res.chain_from_extra_root);
		unhex_exact(q[i].fmspc, fmspc, 6);
		assert_memory_equal(res.pck.fmspc, fmspc, 6);
		assert_false(res.processor_ca); /* MANIFEST 3: all through the Platform CA */
		free(b);
	}
}

/* MANIFEST 3.1 (go-tdx-guest TestPckCertificateExtensions). */
static void test_spr_pck_extensions_match_go_tdx_guest(void **state)
{
	uint8_t want[16];
	char why[160];
	size_t len;
	uint8_t *b = testdata_need("go-tdx-guest/tdx_prod_quote_SPR_E4.dat", &len);

	(void)state;
	assert_int_equal(verify_at(b, len, T_2023_07_01, why, sizeof(why)), 0);
	unhex_exact("089ddfdb9c0359c82a3bc7719239574e", want, 16);
	assert_memory_equal(res.pck.ppid, want, 16);
	unhex_exact("0000", want, 2);
	assert_memory_equal(res.pck.pceid, want, 2);
	assert_int_equal(res.pck.pcesvn, 11);
	unhex_exact("03030202020100020000000000000000", want, 16);
	assert_memory_equal(res.pck.cpusvn, want, 16);
	/* The SGX TCB components equal CPUSVN's bytes on this platform. */
	assert_memory_equal(res.pck.sgx_tcb_comp, want, 16);
	free(b);
}

/* MANIFEST 3.6 (trustee parse_platform_info_platform_ca): the instance id
 * (DER order) and the configuration flags are present. */
static void test_trustee_pck_platform_instance_id(void **state)
{
	uint8_t want[16];
	char why[160];
	size_t len;
	uint8_t *b = testdata_need("trustee/tdx/tdx_quote_4.dat", &len);

	(void)state;
	assert_int_equal(verify_at(b, len, T_2025_09_01, why, sizeof(why)), 0);
	assert_true(res.pck.has_platform_instance_id);
	unhex_exact("021ac64d355ba904e2d5948d228d5482", want, 16);
	assert_memory_equal(res.pck.platform_instance_id, want, 16);
	assert_true(res.pck.has_dynamic_platform);
	assert_true(res.pck.has_cached_keys);
	assert_true(res.pck.has_smt_enabled);
	free(b);
}

/* MANIFEST 3.1: at 2053-07-01 the PCK (valid to 2029-09-20) has expired. */
static void test_expired_pck_refused(void **state)
{
	char why[160];
	size_t len;
	uint8_t *b = testdata_need("go-tdx-guest/tdx_prod_quote_SPR_E4.dat", &len);

	(void)state;
	assert_int_equal(verify_at(b, len, T_2053_07_01, why, sizeof(why)), -ETIME);
	assert_int_equal(res.fail, TDX_FAIL_EXPIRED);
	assert_non_null(strstr(why, "PCK certificate is expired"));
	/* MANIFEST 3.2: the v5 sample's PCK is valid only from 2026-01-27. */
	free(b);
	b = testdata_need("go-tdx-guest/quote_v5_sample.dat", &len);
	assert_int_equal(verify_at(b, len, T_2025_09_01, why, sizeof(why)), -ETIME);
	free(b);
}

/* MANIFEST 7 (go-tdx-guest TestNegativeVerification): one byte set at each
 * index fails with the cause the source names. */
static void test_go_tdx_guest_byte_mutations_fail_for_their_reason(void **state)
{
	static const struct {
		size_t off;
		uint8_t val;
		enum tdx_verify_fail fail;
	} m[] = {
		{ 0x00, 3, TDX_FAIL_QUOTE_PARSE },           /* "quote format not supported" */
		{ 0x278, 0x10, TDX_FAIL_QUOTE_PARSE },       /* "size of certificate data" */
		{ 0x1343, 0x32, TDX_FAIL_CERT_PARSE },      /* ErrPCKCertChainInvalid (PEM breaks) */
		{ 0x1329, 0x32, TDX_FAIL_UNTRUSTED_ROOT },   /* root cert signature */
		{ 0xF5F, 0x32, TDX_FAIL_CHAIN },             /* intermediate CA signature */
		{ 0xB77, 0x32, TDX_FAIL_CHAIN },             /* PCK leaf signature */
		{ 0x1E, 0x32, TDX_FAIL_QUOTE_SIGNATURE },    /* header user data */
		{ 0x3C, 0x32, TDX_FAIL_QUOTE_SIGNATURE },    /* body tee_tcb_svn */
	};
	char why[160];
	size_t i, len;
	uint8_t *b = testdata_need("go-tdx-guest/tdx_prod_quote_SPR_E4.dat", &len);
	uint8_t *c = malloc(len);

	(void)state;
	assert_non_null(c);
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		memcpy(c, b, len);
		assert_int_not_equal(c[m[i].off], m[i].val);
		c[m[i].off] = m[i].val;
		assert_int_not_equal(verify_at(c, len, T_2023_07_01, why, sizeof(why)), 0);
		if (res.fail != m[i].fail)
			fail_msg("byte 0x%zx = 0x%02x: fail %d (%s), want %d", m[i].off, m[i].val,
				 res.fail, why, m[i].fail);
	}
	free(c);
	free(b);
}

/* Intel DCAP quote A.3: the QE report is signed by the PCK key; the QE auth
 * data is bound only through the QE report data; the attestation key signs
 * the body (every region flipped once). */
static void test_signed_regions_each_fail_for_their_reason(void **state)
{
	char why[160];
	size_t len, qe_off, auth_off, key_off;
	uint8_t *b = testdata_need("dcap-qvl/tdx_quote", &len);
	uint8_t *c = malloc(len);
	struct tdx_quote_info q;

	(void)state;
	assert_non_null(c);
	assert_int_equal(tdx_quote_parse(b, len, &q), 0);
	qe_off = (size_t)(q.qe_report - b);
	auth_off = (size_t)(q.qe_auth - b);
	key_off = 0x27C + 64;

	memcpy(c, b, len);
	c[qe_off + 0x80] ^= 1; /* QE MRSIGNER */
	assert_int_equal(verify_at(c, len, T_2025_09_01, why, sizeof(why)), -EBADMSG);
	assert_int_equal(res.fail, TDX_FAIL_QE_SIGNATURE);
	memcpy(c, b, len);
	c[auth_off] ^= 1;
	assert_int_equal(verify_at(c, len, T_2025_09_01, why, sizeof(why)), -EBADMSG);
	assert_int_equal(res.fail, TDX_FAIL_QE_BINDING);
	memcpy(c, b, len);
	c[key_off + 5] ^= 1; /* attestation key: breaks the binding first */
	assert_int_equal(verify_at(c, len, T_2025_09_01, why, sizeof(why)), -EBADMSG);
	assert_int_equal(res.fail, TDX_FAIL_QE_BINDING);
	memcpy(c, b, len);
	c[0x27C + 3] ^= 1; /* quote signature r */
	assert_int_equal(verify_at(c, len, T_2025_09_01, why, sizeof(why)), -EBADMSG);
	assert_int_equal(res.fail, TDX_FAIL_QUOTE_SIGNATURE);
	memcpy(c, b, len);
	c[0x30 + 0x208] ^= 1; /* report data */
	assert_int_equal(verify_at(c, len, T_2025_09_01, why, sizeof(why)), -EBADMSG);
	assert_int_equal(res.fail, TDX_FAIL_QUOTE_SIGNATURE);
	/* The trailing bytes are not signed and do not matter. */
	memcpy(c, b, len);
	c[len - 1] ^= 0xFF;
	assert_int_equal(verify_at(c, len, T_2025_09_01, why, sizeof(why)), 0);
	free(c);
	free(b);
}

/* SGX quotes are refused as "not a TDX quote". */
static void test_sgx_quote_refused_as_such(void **state)
{
	char why[160];
	size_t len;
	uint8_t *b = testdata_need("dcap-qvl/sgx_quote", &len);

	(void)state;
	assert_int_equal(verify_at(b, len, T_2025_09_01, why, sizeof(why)), -EOPNOTSUPP);
	assert_int_equal(res.fail, TDX_FAIL_QUOTE_PARSE);
	assert_non_null(strstr(why, "not a TDX quote"));
	free(b);
}

/* Intel PCK profile 1.3.5: mandatory members and duplicates. */
static void test_pck_ext_parser_refuses_incomplete(void **state)
{
	struct tdx_pck_ext e;
	/* SEQUENCE { SEQUENCE { OID .4, OCTET STRING(6) } }: FMSPC only. */
	static const uint8_t only_fmspc[] = {
		0x30, 0x15, 0x30, 0x13, 0x06, 0x0A, 0x2A, 0x86, 0x48, 0x86, 0xF8, 0x4D, 0x01, 0x0D,
		0x01, 0x04, 0x04, 0x06, 0x50, 0x80, 0x6F, 0x00, 0x00, 0x00,
	};
	static const uint8_t not_seq[] = { 0x04, 0x00 };

	(void)state;
	assert_int_equal(tdx_pck_ext_parse(only_fmspc, sizeof(only_fmspc), &e), -EBADMSG);
	assert_int_equal(tdx_pck_ext_parse(not_seq, sizeof(not_seq), &e), -EBADMSG);
	assert_int_equal(tdx_pck_ext_parse(only_fmspc, 3, &e), -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_root_is_intels),
		cmocka_unit_test(test_every_real_quote_verifies),
		cmocka_unit_test(test_spr_pck_extensions_match_go_tdx_guest),
		cmocka_unit_test(test_trustee_pck_platform_instance_id),
		cmocka_unit_test(test_expired_pck_refused),
		cmocka_unit_test(test_go_tdx_guest_byte_mutations_fail_for_their_reason),
		cmocka_unit_test(test_signed_regions_each_fail_for_their_reason),
		cmocka_unit_test(test_sgx_quote_refused_as_such),
		cmocka_unit_test(test_pck_ext_parser_refuses_incomplete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
