/* TDX collateral (lib/tdx/collateral.c, crl.c): both forms, signatures,
 * CRLs, validity windows and the TCB status, against the sources' oracles
 * (tests/data/MANIFEST.md: dcap-qvl could_parse_tdx_quote -> UpToDate at
 * 2025-07-19T10:00:34Z; go-tdx-guest TestNegativeRawQuoteVerifyWithCollateral
 * -> "no matching TCB level found" at 2023-07-01). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/tdx/collateral.h"
#include "tests/unit/testdata.h"

#define T_DCAP 1752919234       /* 2025-07-19T10:00:34Z, dcap-qvl now_from_collateral */
#define T_GO_2023 1688173200    /* 2023-07-01T01:00:00Z, go-tdx-guest currentTime */

static struct tdx_collateral coll;
static struct tdx_verify_result vres;
static struct tdx_tcb_eval ev;

static void verify_quote(const char *path, int64_t now, uint8_t **q, size_t *qlen)
{
	struct tdx_verify_input in;
	char why[160];

	*q = testdata_need(path, qlen);
	memset(&in, 0, sizeof(in));
	in.quote = *q;
	in.quote_len = *qlen;
	in.now = now;
	in.time_known = true;
	if (tdx_verify(&in, &vres, why, sizeof(why)))
		fail_msg("%s: %s", path, why);
}

static int eval_at(int64_t now, char *why, size_t wl)
{
	struct tdx_verify_input in;

	memset(&in, 0, sizeof(in));
	in.now = now;
	in.time_known = true;
	return tdx_collateral_eval(&coll, &in, &vres, &ev, why, wl);
}

static void load_dcap(const char *path)
{
	size_t len;
	uint8_t *j = testdata_need(path, &len);

	assert_int_equal(tdx_collateral_from_dcap_qvl((const char *)j, len, &coll), 0);
	free(j);
}

/* dcap-qvl tests/verify_quote.rs could_parse_tdx_quote: UpToDate, no
 * advisories, at now_from_collateral. */
static void test_dcap_qvl_quote_is_up_to_date(void **state)
{
	char why[160];
	uint8_t *q;
	size_t qlen;

	(void)state;
	verify_quote("dcap-qvl/tdx_quote", T_DCAP, &q, &qlen);
	load_dcap("dcap-qvl/tdx_quote_collateral.json");
	if (eval_at(T_DCAP, why, sizeof(why)))
		fail_msg("eval: %s", why);
	assert_int_equal(ev.status, TDX_TCB_UP_TO_DATE);
	assert_string_equal(tdx_tcb_status_name(ev.status), "UpToDate");
	assert_int_equal(ev.n_advisories, 0);
	assert_int_equal(ev.tcb_eval_number, 17);
	/* The limiting nextUpdate is the PCK CRL's, 2025-07-19T10:00:35Z. */
	assert_int_equal(ev.collateral_not_after, T_DCAP + 1);
	free(q);
}

/* One second after the PCK CRL's nextUpdate the collateral is stale. */
static void test_stale_collateral_refused(void **state)
{
	char why[160];
	uint8_t *q;
	size_t qlen;

	(void)state;
	verify_quote("dcap-qvl/tdx_quote", T_DCAP, &q, &qlen);
	load_dcap("dcap-qvl/tdx_quote_collateral.json");
	assert_int_equal(eval_at(T_DCAP + 2, why, sizeof(why)), -ETIME);
	assert_int_equal(ev.fail, TDX_COLL_EXPIRED);
	assert_non_null(strstr(why, "PCK CRL"));
	free(q);
}

/* Every signed document is checked: one byte changed inside the TCB info
 * text, the QE identity text, or a CRL fails for that reason. */
static void test_tampered_collateral_refused(void **state)
{
	char why[160];
	uint8_t *q;
	size_t qlen;
	char *p;

	(void)state;
	verify_quote("dcap-qvl/tdx_quote", T_DCAP, &q, &qlen);

	load_dcap("dcap-qvl/tdx_quote_collateral.json");
	p = strstr(coll.tcb_info, "\"UpToDate\"");
	assert_non_null(p);
	memcpy(p + 1, "OutOfDat", 8); /* "OutOfDate" would need 9 bytes: stays signed-over */
	assert_int_equal(eval_at(T_DCAP, why, sizeof(why)), -EKEYREJECTED);
	assert_int_equal(ev.fail, TDX_COLL_CHAIN);
	assert_non_null(strstr(why, "TCB info signature"));

	load_dcap("dcap-qvl/tdx_quote_collateral.json");
	coll.qe_id[20] ^= 1;
	assert_int_equal(eval_at(T_DCAP, why, sizeof(why)), -EKEYREJECTED);
	assert_non_null(strstr(why, "QE identity signature"));

	load_dcap("dcap-qvl/tdx_quote_collateral.json");
	coll.pck_crl[coll.pck_crl_len - 10] ^= 1; /* inside the signature value */
	assert_int_not_equal(eval_at(T_DCAP, why, sizeof(why)), 0);
	assert_non_null(strstr(why, "PCK CRL"));

	load_dcap("dcap-qvl/tdx_quote_collateral.json");
	coll.tcb_info_sig[5] ^= 1;
	assert_int_equal(eval_at(T_DCAP, why, sizeof(why)), -EKEYREJECTED);

	/* The other FMSPC's TCB info (validly signed) does not fit this quote. */
	load_dcap("dcap-qvl/tdx_quote_outdated_collateral.json");
	assert_int_not_equal(eval_at(T_DCAP, why, sizeof(why)), 0);
	free(q);
}

static void set_file(int which, const char *path)
{
	size_t len;
	uint8_t *b = testdata_need(path, &len);

	assert_int_equal(tdx_collateral_set_raw(&coll, which, b, len), 0);
	free(b);
}

/* The PCS-response form (go-tdx-guest's test getter) for the SPR quote:
 * every signature and CRL checks out, and, as go-tdx-guest's
 * TestNegativeRawQuoteVerifyWithCollateral says, "no matching TCB level
 * found". */
static void test_go_tdx_guest_pcs_form_no_matching_level(void **state)
{
	char why[160];
	uint8_t *q, *b;
	size_t qlen, len;

	(void)state;
	verify_quote("go-tdx-guest/tdx_prod_quote_SPR_E4.dat", T_GO_2023, &q, &qlen);
	memset(&coll, 0, sizeof(coll));
	b = testdata_need("go-tdx-guest/sample_tcbInfo_response", &len);
	assert_int_equal(tdx_collateral_set_pcs_tcb_info(&coll, (const char *)b, len), 0);
	free(b);
	b = testdata_need("go-tdx-guest/sample_qeIdentity_response", &len);
	assert_int_equal(tdx_collateral_set_pcs_qe_identity(&coll, (const char *)b, len), 0);
	free(b);
	set_file(0, "derived/go-tdx-guest_tcbInfo_issuer_chain.pem");
	set_file(1, "derived/go-tdx-guest_qeIdentity_issuer_chain.pem");
	set_file(2, "go-tdx-guest/pckcrl");
	set_file(3, "go-tdx-guest/rootcrl.der");
	assert_int_equal(eval_at(T_GO_2023, why, sizeof(why)), -ENOENT);
	assert_int_equal(ev.fail, TDX_COLL_NO_TCB_LEVEL);
	assert_string_equal(why, "no matching TCB level found");
	/* The QE identity matched (TestVerifyUsingQeIdentityV4): UpToDate. */
	assert_int_equal(ev.qe_status, TDX_TCB_UP_TO_DATE);
	/* go-tdx-guest TestNegativeObtainAndVerifyCollateral: at 2053 it is stale. */
	assert_int_equal(eval_at(2634944400, why, sizeof(why)), -ETIME);
	free(q);
}

/* RFC 5280 5.1: the real CRLs parse; the SPR PCK serial is not on the PCK
 * CRL (MANIFEST: rechecked), and a serial taken from the CRL itself is. */
static void test_crl_lookup(void **state)
{
	static const uint8_t spr_pck[] = { 0x00, 0xbb, 0xa6, 0xc1, 0x75, 0xd8, 0x38, 0xb8,
					   0xdf, 0x39, 0x00, 0xcc, 0x34, 0x11, 0xf2, 0x4f,
					   0x51, 0x2d, 0x10, 0x41, 0x02 };
	size_t len;
	uint8_t *crl = testdata_need("go-tdx-guest/pckcrl", &len);
	uint8_t *p;

	(void)state;
	assert_int_equal(tdx_crl_lists(crl, len, spr_pck, sizeof(spr_pck)), 0);
	assert_int_equal(tdx_crl_lists(crl, len, spr_pck + 1, sizeof(spr_pck) - 1), 0);
	/* The first revoked entry: SEQUENCE { INTEGER serial ... } after the
	 * nextUpdate time; find "30 xx 02 14" (a 20-byte serial). */
	for (p = crl; p + 24 < crl + len; p++)
		if (p[0] == 0x30 && p[2] == 0x02 && p[3] == 0x14 && p[24] == 0x17)
			break;
	assert_true(p + 24 < crl + len);
	assert_int_equal(tdx_crl_lists(crl, len, p + 4, 20), 1);
	assert_int_equal(tdx_crl_lists(crl, len - 1, p + 4, 20), -EBADMSG);
	free(crl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dcap_qvl_quote_is_up_to_date),
		cmocka_unit_test(test_stale_collateral_refused),
		cmocka_unit_test(test_tampered_collateral_refused),
		cmocka_unit_test(test_go_tdx_guest_pcs_form_no_matching_level),
		cmocka_unit_test(test_crl_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
