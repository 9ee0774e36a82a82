/* TDX Quote v4/v5 and TDREPORT_STRUCT parsers (lib/tdx/quote.c).
 * Layouts: Intel DCAP quote appendix A.3/A.4, TDX Module ABI 348551
 * TDREPORT_STRUCT (include/futeet/tdx_abi.h). Known answers: the real quotes
 * and TDREPORTs in tests/data (MANIFEST.md sections 3 and 4), with the values
 * their sources' tests assert (go-tdx-guest, teekit, trustee). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/tdx_abi.h"
#include "lib/tdx/qe_report.h"
#include "tests/unit/testdata.h"
#include "tests/unit/unhex.h"

static const uint8_t intel_qe_vendor[16] = TDX_INTEL_QE_VENDOR_ID;

/* MANIFEST 3: every real TDX quote parses, with the version, body type,
 * trailing bytes and certification data types the manifest gives. */
static const struct real_quote {
	const char *path;
	uint16_t version, body_type;
	size_t trailing;
} real_quotes[] = {
	{ "go-tdx-guest/tdx_prod_quote_SPR_E4.dat", 4, 2, 39 },
	{ "go-tdx-guest/quote_v5_sample.dat", 5, 3, 0 },
	{ "go-tdx-guest/ccel/cos-113-tdx-quote.dat", 4, 2, 3065 },
	{ "dcap-qvl/tdx_quote", 4, 2, 70 },
	{ "dcap-qvl/tdx_quote_outdated", 5, 3, 0 },
	{ "trustee/tdx/tdx_quote_4.dat", 4, 2, 0 },
	{ "trustee/tdx/tdx_quote_5.dat", 5, 3, 0 },
	{ "trustee/az-tdx-vtpm/td-quote.bin", 4, 2, 70 },
};

static void test_every_real_quote_parses(void **state)
{
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(real_quotes) / sizeof(real_quotes[0]); i++) {
		const struct real_quote *q = &real_quotes[i];
		struct tdx_quote_info info;
		struct tdx_qe_report_info qe;
		uint8_t *b = testdata_need(q->path, &len);
		int rc = tdx_quote_parse(b, len, &info);

		if (rc)
			fail_msg("%s: tdx_quote_parse = %d", q->path, rc);
		assert_int_equal(info.version, q->version);
		assert_int_equal(info.att_key_type, TDX_ATT_KEY_ECDSA_P256);
		assert_int_equal(info.tee_type, TDX_TEE_TYPE_TDX);
		assert_memory_equal(info.qe_vendor_id, intel_qe_vendor, 16);
		assert_int_equal(info.body_type, q->body_type);
		assert_int_equal(info.trailing_len, q->trailing);
		assert_int_equal(info.quote_len + info.trailing_len, len);
		assert_int_equal(info.cert_type, TDX_CERT_QE_REPORT);
		assert_int_equal(info.pck_cert_type, TDX_CERT_PCK_CHAIN);
		assert_true(info.pck_chain_len > 27);
		assert_memory_equal(info.pck_chain, "-----BEGIN CERTIFICATE-----", 27);
		/* Signed bytes: header + body (v4), header + descriptor + body (v5). */
		assert_int_equal(info.signed_len, q->version == 4 ? 0x278 : 0x36 + info.body_size);
		/* MANIFEST 3: QE MRSIGNER dc9e2a7c... and ISVPRODID 2 for every quote. */
		tdx_qe_report_decode(info.qe_report, &qe);
		assert_int_equal(qe.isv_prod_id, 2);
		assert_int_equal(qe.mrsigner[0], 0xdc);
		assert_int_equal(qe.mrsigner[31], 0xc5);
		free(b);
	}
}

/* MANIFEST 3.1: go-tdx-guest deep-check values for the SPR v4 quote. */
static void test_spr_v4_fields_match_go_tdx_guest(void **state)
{
	struct tdx_quote_info info;
	struct tdx_qe_report_info qe;
	uint8_t want[64];
	size_t len;
	uint8_t *b = testdata_need("go-tdx-guest/tdx_prod_quote_SPR_E4.dat", &len);

	(void)state;
	assert_int_equal(len, 4974);
	assert_int_equal(tdx_quote_parse(b, len, &info), 0);
	unhex_exact("03000400000000000000000000000000", want, 16);
	assert_memory_equal(info.body.tee_tcb_svn, want, 16);
	unhex_exact("2fd279c16164a93dd5bf373d834328d46008c2b693af9ebb865b08b2ced320c9a89b4869a9fab60fbe9d0c5a5363c656", want, 48);
	assert_memory_equal(info.body.mrseam, want, 48);
	assert_int_equal(info.body.td_attributes, 0x40000000ull /* bytes 0000004000000000 */);
	assert_int_equal(info.body.xfam, 0x061ae7ull /* bytes e71a060000000000 */);
	unhex_exact("6363b8043668a3ad953278e10389574d326c6749fb78aa810ecd9336923db86f22fc00b8dcd404bc10d5e119d7215cbb", want, 48);
	assert_memory_equal(info.body.mrtd, want, 48);
	unhex_exact("6c62dec1b8191749a31dab490be532a35944dea47caef1f980863993d9899545eb7406a38d1eed313b987a467dacead6f0c87a6d766c66f6f29f8acb281f1113", want, 64);
	assert_memory_equal(info.body.report_data, want, 64);
	unhex_exact("2927da70461cd63266f43230cc1849c03ef25ebe490062a801d8fcc80af42976823adf08f833c1e50b51779c6593f32a", want, 48);
	assert_memory_equal(info.body.rtmr[0], want, 48);
	unhex_exact("2c700b8ba9b85783f8be9fb9443647bdc0bb3c50747f06297cc6538c25a5f589c4b56d035c59107c6bc5800db2cacb61", want, 48);
	assert_memory_equal(info.body.rtmr[1], want, 48);
	unhex_exact("8652f0caaba7e215ea442dc36a4499d8fec3362f3a0b2ca151cbe4b3e6466fe59c7368b3c2287fc7c3bf5c924eb4424e", want, 48);
	assert_memory_equal(info.body.rtmr[2], want, 48);
	memset(want, 0, sizeof(want));
	assert_memory_equal(info.body.rtmr[3], want, 48);
	assert_memory_equal(info.body.mrconfigid, want, 48);
	assert_memory_equal(info.body.mrowner, want, 48);
	assert_memory_equal(info.body.mrownerconfig, want, 48);
	assert_memory_equal(info.body.tee_tcb_svn2, want, 16); /* TDX 1.0 body */
	assert_int_equal(info.qe_svn, 0);
	assert_int_equal(info.pce_svn, 0);
	/* MANIFEST 5.1: the QE report as go-tdx-guest parses it. */
	tdx_qe_report_decode(info.qe_report, &qe);
	assert_int_equal(qe.isv_svn, 4);
	assert_int_equal(qe.miscselect, 0);
	unhex_exact("1500000000000000e700000000000000", want, 16);
	assert_memory_equal(qe.attributes, want, 16);
	/* MANIFEST 3: the 39 trailing bytes are ASCII text. */
	assert_memory_equal(b + info.quote_len, "\nextra bytes(only for testing purpose)\n", 39);
	free(b);
}

/* MANIFEST 3.2 and 3.6: v5 quotes (body type 3) with their source values. */
static void test_v5_fields_match_sources(void **state)
{
	struct tdx_quote_info info;
	struct tdx_qe_report_info qe;
	uint8_t want[64];
	size_t len;
	uint8_t *b = testdata_need("go-tdx-guest/quote_v5_sample.dat", &len);

	(void)state;
	assert_int_equal(tdx_quote_parse(b, len, &info), 0);
	assert_int_equal(info.body_size, TDX_BODY_TD15_SIZE);
	unhex_exact("0b010400", want, 4);
	assert_memory_equal(info.body.tee_tcb_svn, want, 4);
	unhex_exact("0d010400", want, 4);
	assert_memory_equal(info.body.tee_tcb_svn2, want, 4);
	unhex_exact("7348651a34b2d2d3462822e3a750ec6110125f36757c78480bbfc69cc0d21fb001a1ced3ee19747dda8f750c3bc8f876", want, 48);
	assert_memory_equal(info.body.mrtd, want, 48);
	unhex_exact("945eaacf5abc1f719d8666a942fda03d1edcb4490277396093dc5a5289ab9f1e094aed63060cd4a4933a4dd537ed1255c9c79ecb3ed82cd1b486233e31c25c3a", want, 64);
	assert_memory_equal(info.body.report_data, want, 64);
	tdx_qe_report_decode(info.qe_report, &qe);
	assert_int_equal(qe.isv_svn, 7);
	free(b);

	b = testdata_need("trustee/tdx/tdx_quote_5.dat", &len);
	assert_int_equal(tdx_quote_parse(b, len, &info), 0);
	unhex_exact("dfba221b48a22af8511542ee796603f37382800840dcd978703909bf8e64d4c8a1e9de86e7c9638bfcba422f3886400a", want, 48);
	assert_memory_equal(info.body.mrtd, want, 48);
	unhex_exact("6d6ab13b046cff606ac0074be13981b07b6325dba10b5facc96febf551c0c3be2b75f92fe1f88f4bb996969ad0174b4b7a70261b7b85c844f4b33a4674fd049f", want, 64);
	assert_memory_equal(info.body.report_data, want, 64);
	unhex_exact("05010200000000000000000000000000", want, 16);
	assert_memory_equal(info.body.tee_tcb_svn, want, 16);
	unhex_exact("383c87d3", want, 4); /* mr_servicetd, TDX 1.5 only */
	assert_memory_equal(info.body.mrservicetd, want, 4);
	free(b);
}

/* MANIFEST 3.6: trustee's debug TD (TD_ATTRIBUTES.DEBUG and SEPT_VE_DISABLE). */
static void test_debug_td_attributes_decoded(void **state)
{
	struct tdx_quote_info info;
	uint8_t want[48];
	size_t len;
	uint8_t *b = testdata_need("trustee/tdx/tdx_quote_4.dat", &len);

	(void)state;
	assert_int_equal(tdx_quote_parse(b, len, &info), 0);
	assert_true(info.body.td_attributes & TDX_TD_ATTR_DEBUG);
	assert_true(info.body.td_attributes & TDX_TD_ATTR_SEPT_VE_DISABLE);
	assert_int_equal(info.body.xfam, 0x0642e7ull /* bytes e742060000000000 */);
	unhex_exact("705ee9381b8633a9fbe532b52345e8433343d2868959f57889d84ca377c395b689cac1599ccea1b7d420483a9ce5f031", want, 48);
	assert_memory_equal(info.body.mrtd, want, 48);
	free(b);

	b = testdata_need("dcap-qvl/tdx_quote", &len);
	assert_int_equal(tdx_quote_parse(b, len, &info), 0);
	assert_false(info.body.td_attributes & TDX_TD_ATTR_DEBUG);
	unhex_exact("91eb2b44d141d4ece09f0c75c2c53d247a3c68edd7fafe8a3520c942a604a407de03ae6dc5f87f27428b2538873118b7", want, 48);
	assert_memory_equal(info.body.mrtd, want, 48);
	free(b);
}

/* MANIFEST 3.6 and 5.2: SGX quotes (v3, tee_type 0) are not TDX quotes. */
static void test_sgx_quotes_refused(void **state)
{
	static const char *const sgx[] = { "trustee/tdx/occlum_quote.dat", "dcap-qvl/sgx_quote" };
	struct tdx_quote_info info;
	size_t i, len;

	(void)state;
	for (i = 0; i < 2; i++) {
		uint8_t *b = testdata_need(sgx[i], &len);

		assert_int_equal(tdx_quote_parse(b, len, &info), -EOPNOTSUPP);
		free(b);
	}
}

/* MANIFEST 7 (go-tdx-guest TestNegativeVerification): version byte 3 and a
 * signature-data length byte of 0x10 are refused by the parser; every
 * truncation of a real quote is refused; header fields outside the
 * supported set are refused as unsupported. */
static void test_mutations_and_truncations_refused(void **state)
{
	struct tdx_quote_info info;
	size_t len, n;
	uint8_t *b = testdata_need("go-tdx-guest/tdx_prod_quote_SPR_E4.dat", &len);
	uint8_t *c = malloc(len);
	size_t end;

	(void)state;
	assert_non_null(c);
	assert_int_equal(tdx_quote_parse(b, len, &info), 0);
	end = info.quote_len;

	memcpy(c, b, len);
	c[0x00] = 3;
	assert_int_equal(tdx_quote_parse(c, len, &info), -EOPNOTSUPP);
	memcpy(c, b, len);
	c[0x278] = 0x10; /* signature data length no longer matches its contents */
	assert_int_equal(tdx_quote_parse(c, len, &info), -EINVAL);
	memcpy(c, b, len);
	c[0x02] = 3; /* ECDSA P-384 attestation key: not TDX's */
	assert_int_equal(tdx_quote_parse(c, len, &info), -EOPNOTSUPP);
	memcpy(c, b, len);
	c[0x04] = 0x00; /* tee_type SGX */
	assert_int_equal(tdx_quote_parse(c, len, &info), -EOPNOTSUPP);
	memcpy(c, b, len);
	c[0x27C + 128] = 5; /* outer certification data type 5 instead of 6 */
	assert_int_equal(tdx_quote_parse(c, len, &info), -EOPNOTSUPP);

	for (n = 0; n < end; n++)
		if (tdx_quote_parse(b, n, &info) == 0)
			fail_msg("a quote truncated to %zu of %zu bytes parsed", n, end);
	assert_int_equal(tdx_quote_parse(NULL, len, &info), -EINVAL);
	free(c);
	free(b);
}

/* A.4: a v5 body descriptor must say type 2 with 584 bytes or type 3 with
 * 648 (go-tdx-guest abi_test: "TD quote body size is 999"). */
static void test_v5_body_descriptor_checked(void **state)
{
	struct tdx_quote_info info;
	size_t len;
	uint8_t *b = testdata_need("go-tdx-guest/quote_v5_sample.dat", &len);
	uint8_t *c = malloc(len);

	(void)state;
	assert_non_null(c);
	memcpy(c, b, len);
	c[0x32] = 0xE7; c[0x33] = 0x03; /* body size 999 */
	assert_int_equal(tdx_quote_parse(c, len, &info), -EINVAL);
	memcpy(c, b, len);
	c[0x30] = 2; /* TDX 1.0 body type with a 648-byte size */
	assert_int_equal(tdx_quote_parse(c, len, &info), -EINVAL);
	memcpy(c, b, len);
	c[0x30] = 1; /* SGX enclave report body */
	assert_int_equal(tdx_quote_parse(c, len, &info), -EOPNOTSUPP);
	assert_int_equal(tdx_quote_parse(b, 100, &info), -EINVAL);
	free(c);
	free(b);
}

/* MANIFEST 4.1: the Azure TDREPORT parses, its hashes hold, and its body
 * equals the paired quote's (a real TDREPORT <-> quote pair). */
static void test_real_tdreport_matches_its_quote(void **state)
{
	struct tdx_report_info r;
	struct tdx_quote_info q;
	size_t len, qlen;
	uint8_t *b = testdata_need("derived/az-tdx-vtpm_hcl-report_tdreport.bin", &len);
	uint8_t *qb = testdata_need("trustee/az-tdx-vtpm/td-quote.bin", &qlen);
	uint8_t want[16];

	(void)state;
	assert_int_equal(tdx_report_parse(b, len, &r), 0);
	assert_int_equal(r.report_type[0], TDX_REPORT_TYPE_TDX);
	unhex_exact("0606131503ff00030000000000000000", want, 16);
	assert_memory_equal(r.cpusvn, want, 16);
	assert_int_equal(tdx_quote_parse(qb, qlen, &q), 0);
	assert_memory_equal(r.mrtd, q.body.mrtd, 48);
	assert_memory_equal(r.reportdata, q.body.report_data, 64);
	assert_memory_equal(r.tee_tcb_svn, q.body.tee_tcb_svn, 16);
	assert_memory_equal(r.mrseam, q.body.mrseam, 48);
	assert_memory_equal(r.rtmr, q.body.rtmr, sizeof(r.rtmr));
	assert_int_equal(r.td_attributes, q.body.td_attributes);
	assert_int_equal(r.xfam, q.body.xfam);
	assert_int_equal(r.xfam, 0x0618e7ull /* bytes e718060000000000 */);
	free(qb);
	free(b);

}

/* MANIFEST 4.3: go-tdx-guest's report.dat is not a TDREPORT; a flipped
 * TDINFO byte breaks TEE_INFO_HASH; wrong sizes are refused. */
static void test_malformed_tdreports_refused(void **state)
{
	struct tdx_report_info r;
	size_t len;
	uint8_t *b = testdata_need("go-tdx-guest/report.dat", &len);

	(void)state;
	assert_int_equal(len, TDX_REPORT_SIZE);
	assert_int_equal(tdx_report_parse(b, len, &r), -EINVAL);
	free(b);

	b = testdata_need("derived/az-tdx-vtpm_hcl-report_tdreport.bin", &len);
	b[0x210] ^= 1; /* MRTD */
	assert_int_equal(tdx_report_parse(b, len, &r), -EBADMSG);
	b[0x210] ^= 1;
	b[0x108] ^= 1; /* TEE_TCB_SVN */
	assert_int_equal(tdx_report_parse(b, len, &r), -EBADMSG);
	b[0x108] ^= 1;
	assert_int_equal(tdx_report_parse(b, len - 1, &r), -EINVAL);
	assert_int_equal(tdx_report_parse(b, len, &r), 0);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_real_quote_parses),
		cmocka_unit_test(test_spr_v4_fields_match_go_tdx_guest),
		cmocka_unit_test(test_v5_fields_match_sources),
		cmocka_unit_test(test_debug_td_attributes_decoded),
		cmocka_unit_test(test_sgx_quotes_refused),
		cmocka_unit_test(test_mutations_and_truncations_refused),
		cmocka_unit_test(test_v5_body_descriptor_checked),
		cmocka_unit_test(test_real_tdreport_matches_its_quote),
		cmocka_unit_test(test_malformed_tdreports_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
