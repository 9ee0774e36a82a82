/* X.509 reader (lib/x509.c) on AMD's public SEV-SNP certificates.
 * Expected facts: tests/data/MANIFEST.md (the CA table; trustee
 * check_{milan,genoa,turin}_certificates: CNs "ARK-<P>", "SEV-<P>",
 * "SEV-VLEK-<P>", ARK self-signed, ASK and ASVK signed by the ARK; validity
 * dates) and each source's section (VCEK extensions). The roots are the built-in copies
 * (lib/snp/amd_roots.c); VCEKs come from tests/data. */
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
#include "lib/snp/verify.h"
#include "lib/x509.h"
#include "tests/unit/testdata.h"

static const char *const prod_names[] = { "", "Milan", "Genoa", "Turin" };

static void cn_is(const uint8_t *cn, size_t n, const char *want)
{
	assert_non_null(cn);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(cn, want, n);
}

static void get(enum snp_product p, int kind, struct x509_cert *c)
{
	const uint8_t *der;
	size_t len;

	assert_int_equal(snp_amd_cert(p, kind, &der, &len), 0);
	assert_int_equal(x509_parse(der, len, c), 0);
}

static void test_amd_roots_parse_and_chain(void **state)
{
	enum snp_product p;
	char want[32];

	for (p = SNP_PRODUCT_MILAN; p <= SNP_PRODUCT_TURIN; p++) {
		struct x509_cert ark, ask, asvk;
		get(p, SNP_AMD_ARK, &ark);
		get(p, SNP_AMD_ASK, &ask);
		get(p, SNP_AMD_ASVK, &asvk);
		snprintf(want, sizeof(want), "ARK-%s", prod_names[p]);
		cn_is(ark.subject_cn, ark.subject_cn_len, want);
		cn_is(ark.issuer_cn, ark.issuer_cn_len, want);
		snprintf(want, sizeof(want), "SEV-%s", prod_names[p]);
		cn_is(ask.subject_cn, ask.subject_cn_len, want);
		snprintf(want, sizeof(want), "SEV-VLEK-%s", prod_names[p]);
		cn_is(asvk.subject_cn, asvk.subject_cn_len, want);
		/* RSA-4096, e = 65537, RSASSA-PSS SHA-384 / MGF1 SHA-384 / salt 48. */
		assert_int_equal(ark.key.type, X509_KEY_RSA);
		assert_int_equal(ark.key.rsa_n_len, 512);
		assert_int_equal(ark.key.rsa_e_len, 3);
		assert_memory_equal(ark.key.rsa_e, "\x01\x00\x01", 3);
		assert_int_equal(ask.sig_alg.alg, X509_SIG_RSA_PSS);
		assert_int_equal(ask.sig_alg.hash_id, br_sha384_ID);
		assert_int_equal(ask.sig_alg.mgf_hash_id, br_sha384_ID);
		assert_int_equal(ask.sig_alg.salt_len, 48);
		assert_true(ark.has_basic_constraints && ark.is_ca);
		assert_true(ark.has_key_usage);
		assert_true(ark.key_usage & X509_KU_KEY_CERT_SIGN);
		/* The chain: self-signed ARK, ASK and ASVK under it. */
		assert_int_equal(x509_check_issued(&ark, &ark), 0);
		assert_int_equal(x509_check_issued(&ask, &ark), 0);
		assert_int_equal(x509_check_issued(&asvk, &ark), 0);
		/* Not under another product's ARK. */
		{
			struct x509_cert other;
			get(p == SNP_PRODUCT_MILAN ? SNP_PRODUCT_GENOA : SNP_PRODUCT_MILAN,
			    SNP_AMD_ARK, &other);
			assert_int_not_equal(x509_check_issued(&ask, &other), 0);
			/* Names differ, and so does the key: same-name check off. */
			assert_int_equal(x509_verify_signature(&ask, &other.key), -EKEYREJECTED);
		}
	}
}

static void test_amd_root_validity_dates(void **state)
{
	struct x509_cert c;

	/* MANIFEST CA table: ARK-Milan 2020-10-22 -> 2045-10-22; ASVK Genoa
	 * 2022-11-18 -> 2047-11-18; ASK Turin 2023-05-15 -> 2048-05-15.
	 * Day windows (UTC): [day 00:00:00, day 23:59:59]. */
	get(SNP_PRODUCT_MILAN, SNP_AMD_ARK, &c);
	assert_in_range(c.not_before, 1603324800LL, 1603411199LL);
	assert_in_range(c.not_after, 2392243200LL, 2392329599LL);
	get(SNP_PRODUCT_GENOA, SNP_AMD_ASVK, &c);
	assert_in_range(c.not_before, 1668729600LL, 1668815999LL);
	assert_in_range(c.not_after, 2457648000LL, 2457734399LL);
	get(SNP_PRODUCT_TURIN, SNP_AMD_ASK, &c);
	assert_in_range(c.not_before, 1684108800LL, 1684195199LL);
	assert_in_range(c.not_after, 2473113600LL, 2473199999LL);
	assert_int_equal(x509_check_time(&c, 1684195199LL), 0);
	assert_int_equal(x509_check_time(&c, 1684108799LL - 86400), -ETIME);
	assert_int_equal(x509_check_time(&c, 2473200000LL), -ETIME);
}

static void test_unknown_critical_extension_is_rejected(void **state)
{
	const uint8_t *der;
	size_t len, i;
	uint8_t *copy;
	struct x509_cert c;
	/* keyUsage, critical: 06 03 55 1D 0F 01 01 FF (RFC 5280 4.2.1.3). */
	const uint8_t ku[] = { 0x06, 0x03, 0x55, 0x1D, 0x0F, 0x01, 0x01, 0xFF };

	assert_int_equal(snp_amd_cert(SNP_PRODUCT_MILAN, SNP_AMD_ARK, &der, &len), 0);
	copy = malloc(len);
	assert_non_null(copy);
	memcpy(copy, der, len);
	for (i = 0; i + sizeof(ku) <= len; i++)
		if (memcmp(copy + i, ku, sizeof(ku)) == 0)
			break;
	assert_true(i + sizeof(ku) <= len);
	/* 2.5.29.15 -> 2.5.29.127: an extension nobody knows, still critical. */
	copy[i + 4] = 0x7F;
	assert_int_equal(x509_parse(copy, len, &c), -EOPNOTSUPP);
	/* Unknown non-critical extensions are skipped: the AMD certificates'
	 * CRL distribution points (and, on Turin VCEKs, AMD's reserved SPLs)
	 * are unknown to us and the certificates parse. */
	free(copy);
}

static void test_outer_and_inner_signature_algorithms_must_match(void **state)
{
	const uint8_t *der;
	size_t len, i, last = 0;
	uint8_t *copy;
	struct x509_cert c;
	/* RSASSA-PSS-params saltLength [2] INTEGER 48 (RFC 4055 3.1). */
	const uint8_t salt48[] = { 0xA2, 0x03, 0x02, 0x01, 0x30 };

	assert_int_equal(snp_amd_cert(SNP_PRODUCT_TURIN, SNP_AMD_ASVK, &der, &len), 0);
	copy = malloc(len);
	assert_non_null(copy);
	memcpy(copy, der, len);
	for (i = 0; i + sizeof(salt48) <= len; i++)
		if (memcmp(copy + i, salt48, sizeof(salt48)) == 0)
			last = i;
	assert_true(last > 0);
	/* The outer signatureAlgorithm (the last occurrence) now says salt 32:
	 * RFC 5280 4.1.1.2 requires it to equal the TBS signature field. */
	copy[last + 4] = 0x20;
	assert_int_equal(x509_parse(copy, len, &c), -EBADMSG);
	free(copy);
}

static void test_every_truncation_and_a_trailing_byte_fail(void **state)
{
	const uint8_t *der;
	size_t len, n;
	uint8_t *copy;
	struct x509_cert c;

	assert_int_equal(snp_amd_cert(SNP_PRODUCT_GENOA, SNP_AMD_ASK, &der, &len), 0);
	for (n = 0; n < len; n++)
		assert_int_not_equal(x509_parse(der, n, &c), 0);
	copy = malloc(len + 1);
	assert_non_null(copy);
	memcpy(copy, der, len);
	copy[len] = 0;
	assert_int_equal(x509_parse(copy, len + 1, &c), -EBADMSG);
	/* A flipped signature bit parses but no longer verifies. */
	copy[len - 1] ^= 1;
	assert_int_equal(x509_parse(copy, len, &c), 0);
	{
		struct x509_cert ark;
		get(SNP_PRODUCT_GENOA, SNP_AMD_ARK, &ark);
		assert_int_equal(x509_check_issued(&c, &ark), -EKEYREJECTED);
	}
	free(copy);
}

static void test_milan_vcek_extensions(void **state)
{
	size_t len;
	uint8_t *der = testdata_load("go-sev-guest/vcek.testcer", &len);
	struct x509_cert c, ask;
	const uint8_t want_hwid[8] = { 0x3a, 0xc3, 0xfe, 0x21, 0xe1, 0x3f, 0xb0, 0x99 };

	if (!der)
		skip();
	/* MANIFEST go-sev-guest: Milan-B0, bl 2 tee 0 snp 5 ucode 68; hwID from the KDS URL. */
	assert_int_equal(x509_parse(der, len, &c), 0);
	assert_int_equal(c.key.type, X509_KEY_EC);
	assert_int_equal(c.key.ec_curve, BR_EC_secp384r1);
	assert_int_equal(c.key.ec_point_len, 97);
	cn_is(c.subject_cn, c.subject_cn_len, "SEV-VCEK");
	cn_is(c.issuer_cn, c.issuer_cn_len, "SEV-Milan");
	cn_is(c.amd.product_name, c.amd.product_name_len, "Milan-B0");
	assert_true(c.amd.has_bl && c.amd.has_tee && c.amd.has_snp && c.amd.has_ucode);
	assert_false(c.amd.has_fmc);
	assert_int_equal(c.amd.bl_spl, 2);
	assert_int_equal(c.amd.tee_spl, 0);
	assert_int_equal(c.amd.snp_spl, 5);
	assert_int_equal(c.amd.ucode_spl, 68);
	assert_int_equal(c.amd.hwid_len, 64);
	assert_memory_equal(c.amd.hwid, want_hwid, 8);
	get(SNP_PRODUCT_MILAN, SNP_AMD_ASK, &ask);
	assert_int_equal(x509_check_issued(&c, &ask), 0);
	free(der);
}

static void test_non_der_criticality_and_duplicate_extensions_rejected(void **state)
{
	size_t len, i;
	uint8_t *der = testdata_load("go-sev-guest/vcek.testcer", &len);
	const uint8_t *ark;
	size_t ark_len;
	uint8_t *copy;
	struct x509_cert c;
	/* teeSPL: 06 0A 2B 06 01 04 01 9C 78 01 03 02 (1.3.6.1.4.1.3704.1.3.2) */
	const uint8_t tee[] = { 0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x9C, 0x78, 0x01, 0x03, 0x02 };
	const uint8_t ku[] = { 0x06, 0x03, 0x55, 0x1D, 0x0F, 0x01, 0x01, 0xFF };

	if (!der)
		skip();
	/* teeSPL renamed blSPL: RFC 5280 4.2, one instance per extension. */
	for (i = 0; i + sizeof(tee) <= len; i++)
		if (memcmp(der + i, tee, sizeof(tee)) == 0)
			break;
	assert_true(i + sizeof(tee) <= len);
	der[i + sizeof(tee) - 1] = 0x01;
	assert_int_equal(x509_parse(der, len, &c), -EBADMSG);
	free(der);
	/* critical = FALSE written out: not DER (X.690 11.5, DEFAULT omitted). */
	assert_int_equal(snp_amd_cert(SNP_PRODUCT_MILAN, SNP_AMD_ARK, &ark, &ark_len), 0);
	copy = malloc(ark_len);
	assert_non_null(copy);
	memcpy(copy, ark, ark_len);
	for (i = 0; i + sizeof(ku) <= ark_len; i++)
		if (memcmp(copy + i, ku, sizeof(ku)) == 0)
			break;
	assert_true(i + sizeof(ku) <= ark_len);
	copy[i + sizeof(ku) - 1] = 0x00;
	assert_int_equal(x509_parse(copy, ark_len, &c), -EBADMSG);
	free(copy);
}

static void test_trustee_vceks_hwid_raw_and_wrapped_parse(void **state)
{
	const char *files[] = { "trustee/snp/test-vcek-invalid-legacy.der",
				"trustee/snp/test-vcek-invalid-new.der" };
	size_t i, j, len;

	/* MANIFEST trustee: both parse (check_vcek_parsing_{legacy,new}); hwID
	 * 00 01 02 ... 3f; they do not chain to AMD. */
	for (i = 0; i < 2; i++) {
		uint8_t *der = testdata_load(files[i], &len);
		struct x509_cert c, ask;
		if (!der)
			skip();
		assert_int_equal(x509_parse(der, len, &c), 0);
		assert_int_equal(c.amd.hwid_len, 64);
		for (j = 0; j < 64; j++)
			assert_int_equal(c.amd.hwid[j], j);
		get(SNP_PRODUCT_MILAN, SNP_AMD_ASK, &ask);
		assert_int_not_equal(x509_check_issued(&c, &ask), 0);
		free(der);
	}
}

static void test_pem_bundle_decodes_in_order(void **state)
{
	size_t len, pos = 0, dl;
	uint8_t *pem = testdata_load("go-sev-guest/ask_ark_milan.pem", &len);
	static uint8_t der[4096];
	const uint8_t *ask, *ark;
	size_t ask_len, ark_len;

	if (!pem)
		skip();
	/* KDS cert_chain layout: ASK first, ARK second (MANIFEST.md). */
	assert_int_equal(snp_amd_cert(SNP_PRODUCT_MILAN, SNP_AMD_ASK, &ask, &ask_len), 0);
	assert_int_equal(snp_amd_cert(SNP_PRODUCT_MILAN, SNP_AMD_ARK, &ark, &ark_len), 0);
	assert_int_equal(x509_pem_next((char *)pem, len, &pos, der, sizeof(der), &dl), 0);
	assert_int_equal(dl, ask_len);
	assert_memory_equal(der, ask, dl);
	assert_int_equal(x509_pem_next((char *)pem, len, &pos, der, sizeof(der), &dl), 0);
	assert_int_equal(dl, ark_len);
	assert_memory_equal(der, ark, dl);
	assert_int_equal(x509_pem_next((char *)pem, len, &pos, der, sizeof(der), &dl), -ENOENT);
	pos = 0;
	assert_int_equal(x509_pem_next((char *)pem, len, &pos, der, 100, &dl), -ENOSPC);
	/* A character outside the base64 alphabet. */
	pos = 0;
	pem[40] = '*';
	assert_int_equal(x509_pem_next((char *)pem, len, &pos, der, sizeof(der), &dl), -EBADMSG);
	free(pem);
}

static void test_pem_rfc4648_padding_rules(void **state)
{
	/* RFC 4648 section 10: "Zm9vYg==" = "foob", "Zm9vYmE=" = "fooba". */
	const char a[] = "-----BEGIN CERTIFICATE-----\nZm9vYg==\n-----END CERTIFICATE-----\n";
	const char b[] = "-----BEGIN CERTIFICATE-----\nZm9vYmE=\n-----END CERTIFICATE-----\n";
	const char bad[] = "-----BEGIN CERTIFICATE-----\nZm9vYh==\n-----END CERTIFICATE-----\n";
	const char noend[] = "-----BEGIN CERTIFICATE-----\nZm9vYg==\n";
	uint8_t out[16];
	size_t pos = 0, n;

	assert_int_equal(x509_pem_next(a, strlen(a), &pos, out, sizeof(out), &n), 0);
	assert_int_equal(n, 4);
	assert_memory_equal(out, "foob", 4);
	pos = 0;
	assert_int_equal(x509_pem_next(b, strlen(b), &pos, out, sizeof(out), &n), 0);
	assert_int_equal(n, 5);
	assert_memory_equal(out, "fooba", 5);
	pos = 0;
	assert_int_equal(x509_pem_next(bad, strlen(bad), &pos, out, sizeof(out), &n), -EBADMSG);
	pos = 0;
	assert_int_equal(x509_pem_next(noend, strlen(noend), &pos, out, sizeof(out), &n), -EBADMSG);
}

static void test_intel_sgx_chains_parse_and_verify(void **state)
{
	/* MANIFEST dcap-qvl, go-tdx-guest: Intel SGX Root CA (self-signed, ECDSA P-256), the
	 * PCK Platform CA and TCB Signing certificates under it. */
	const char *files[] = { "derived/go-tdx-guest_pckCrl_issuer_chain.pem",
				"derived/dcap-qvl_tcb_info_issuer_chain_2025.pem" };
	const char *cns[] = { "Intel SGX PCK Platform CA", "Intel SGX TCB Signing" };
	static uint8_t der[2][4096];
	size_t i, len, pos, dl[2];

	for (i = 0; i < 2; i++) {
		struct x509_cert c, root;
		uint8_t *pem = testdata_load(files[i], &len);
		if (!pem)
			skip();
		pos = 0;
		assert_int_equal(x509_pem_next((char *)pem, len, &pos, der[0], 4096, &dl[0]), 0);
		assert_int_equal(x509_pem_next((char *)pem, len, &pos, der[1], 4096, &dl[1]), 0);
		assert_int_equal(x509_parse(der[0], dl[0], &c), 0);
		assert_int_equal(x509_parse(der[1], dl[1], &root), 0);
		cn_is(c.subject_cn, c.subject_cn_len, cns[i]);
		cn_is(root.subject_cn, root.subject_cn_len, "Intel SGX Root CA");
		assert_int_equal(c.sig_alg.alg, X509_SIG_ECDSA_SHA256);
		assert_int_equal(root.key.ec_curve, BR_EC_secp256r1);
		assert_int_equal(x509_check_issued(&root, &root), 0);
		assert_int_equal(x509_check_issued(&c, &root), 0);
		/* And not the other way round. */
		assert_int_not_equal(x509_check_issued(&root, &c), 0);
		free(pem);
	}
}

static void test_find_extension_returns_extn_value(void **state)
{
	/* 2.5.29.19 basicConstraints on AMD's ARK: critical, SEQUENCE { TRUE }. */
	const uint8_t bc[] = { 0x55, 0x1D, 0x13 };
	const uint8_t sgx[] = { 0x2A, 0x86, 0x48, 0x86, 0xF8, 0x4D, 0x01, 0x0D, 0x01 };
	const uint8_t want[] = { 0x30, 0x03, 0x01, 0x01, 0xFF };
	struct x509_cert c;
	const uint8_t *v;
	size_t n;
	bool crit = false;

	get(SNP_PRODUCT_MILAN, SNP_AMD_ARK, &c);
	assert_int_equal(x509_find_extension(&c, bc, sizeof(bc), &v, &n, &crit), 0);
	assert_true(crit);
	assert_int_equal(n, sizeof(want));
	assert_memory_equal(v, want, n);
	/* Intel's SGX extension (1.2.840.113741.1.13.1) is not on AMD certs. */
	assert_int_equal(x509_find_extension(&c, sgx, sizeof(sgx), &v, &n, NULL), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amd_roots_parse_and_chain),
		cmocka_unit_test(test_amd_root_validity_dates),
		cmocka_unit_test(test_unknown_critical_extension_is_rejected),
		cmocka_unit_test(test_outer_and_inner_signature_algorithms_must_match),
		cmocka_unit_test(test_every_truncation_and_a_trailing_byte_fail),
		cmocka_unit_test(test_milan_vcek_extensions),
		cmocka_unit_test(test_non_der_criticality_and_duplicate_extensions_rejected),
		cmocka_unit_test(test_trustee_vceks_hwid_raw_and_wrapped_parse),
		cmocka_unit_test(test_pem_bundle_decodes_in_order),
		cmocka_unit_test(test_pem_rfc4648_padding_rules),
		cmocka_unit_test(test_intel_sgx_chains_parse_and_verify),
		cmocka_unit_test(test_find_extension_returns_extn_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
