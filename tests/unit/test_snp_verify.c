/* The SNP verifier's decisions on synthetic chains and signed reports
 * (tests/vectors/snp_synthetic.h, made by python3-cryptography with the
 * SNP ABI 56860 layouts): VLEK path, Turin TCB layout and 8-byte hwID,
 * MASK_CHIP_ID, SIGNER_INFO mismatch, TCB mismatch, CPUID/product mismatch,
 * report versions 4 and 6, and extra roots only with allow_sim. Real AMD
 * evidence is covered by tests/real/snp_verify.sh. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/snp/verify.h"
#include "tests/vectors/snp_synthetic.h"
#include "tests/vectors/snp_sigparams.h"

/* 2026-01-01T00:00:00Z, inside every synthetic validity window. */
#define NOW 1767225600LL

static const uint8_t *const roots[1] = { syn_root };
static const size_t root_lens[1] = { sizeof(syn_root) };
static char last_why[200]; /* run()'s reason */

static int run(const uint8_t *rep, const uint8_t *leaf, size_t leaf_len, const uint8_t *ask,
	       size_t ask_len, bool allow_sim, struct snp_verify_result *r)
{
	struct snp_verify_input in;
	int err;

	memset(&in, 0, sizeof(in));
	in.report = rep;
	in.report_len = SNP_REPORT_SIZE;
	in.leaf_der = leaf;
	in.leaf_len = leaf_len;
	in.ask_der = ask;
	in.ask_len = ask_len;
	in.extra_roots = roots;
	in.extra_root_lens = root_lens;
	in.n_extra_roots = 1;
	in.allow_sim = allow_sim;
	in.now = NOW;
	in.time_known = true;
	err = snp_verify(&in, r, last_why, sizeof(last_why));
	print_message("# %d %s\n", err, last_why);
	return err;
}

#define RUN(rep, leaf, ask, sim, r) \
	run(rep, leaf, sizeof(leaf), ask, sizeof(ask), sim, r)

static void test_turin_vcek_v5_verifies_with_turin_tcb_layout(void **state)
{
	struct snp_verify_result r;

	assert_int_equal(RUN(syn_r_turin_vcek_v5, syn_vcek_turin, syn_ask_turin, true, &r), 0);
	assert_int_equal(r.product, SNP_PRODUCT_TURIN);
	assert_false(r.vlek);
	assert_true(r.chain_from_extra_root);
	assert_true(r.chip_id_checked);
	assert_int_equal(r.hwid_len, 8);
	/* Bytes [FMC 1, BL 2, TEE 3, SNP 4, 0, 0, 0, UCODE 9]. */
	assert_true(r.reported_tcb.has_fmc);
	assert_int_equal(r.reported_tcb.fmc, 1);
	assert_int_equal(r.reported_tcb.bl, 2);
	assert_int_equal(r.reported_tcb.tee, 3);
	assert_int_equal(r.reported_tcb.snp, 4);
	assert_int_equal(r.reported_tcb.ucode, 9);
	assert_int_equal(r.report.version, 5);
}

static void test_extra_root_refused_without_allow_sim(void **state)
{
	struct snp_verify_result r;

	assert_int_equal(RUN(syn_r_turin_vcek_v5, syn_vcek_turin, syn_ask_turin, false, &r),
			 -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_UNTRUSTED_ROOT);
}

static void test_synthetic_chain_never_anchors_in_amd_roots(void **state)
{
	struct snp_verify_input in;
	struct snp_verify_result r;
	char why[200];

	/* No extra roots at all: the built-in Turin ARK does not sign syn ASK. */
	memset(&in, 0, sizeof(in));
	in.report = syn_r_turin_vcek_v5;
	in.report_len = SNP_REPORT_SIZE;
	in.leaf_der = syn_vcek_turin;
	in.leaf_len = sizeof(syn_vcek_turin);
	in.ask_der = syn_ask_turin;
	in.ask_len = sizeof(syn_ask_turin);
	in.allow_sim = true;
	assert_int_equal(snp_verify(&in, &r, why, sizeof(why)), -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_CHAIN);
	/* Nor with the built-in ASK (names match, signature does not). */
	in.ask_der = NULL;
	in.ask_len = 0;
	assert_int_equal(snp_verify(&in, &r, why, sizeof(why)), -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_CHAIN);
}

static void test_vlek_chain_through_asvk_verifies(void **state)
{
	struct snp_verify_result r;

	assert_int_equal(RUN(syn_r_turin_vlek_v5, syn_vlek_turin, syn_asvk_turin, true, &r), 0);
	assert_true(r.vlek);
	assert_false(r.chip_id_checked);
	assert_int_equal(r.hwid_len, 0);
	/* A VLEK under the VCEK's ASK: wrong issuer. */
	assert_int_equal(RUN(syn_r_turin_vlek_v5, syn_vlek_turin, syn_ask_turin, true, &r),
			 -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_CHAIN);
}

static void test_signing_key_must_match_certificate_type(void **state)
{
	struct snp_verify_result r;

	/* Signed by the VLEK, SIGNER_INFO says VCEK. */
	assert_int_equal(RUN(syn_r_turin_vlek_says_vcek, syn_vlek_turin, syn_asvk_turin, true, &r),
			 -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_SIGNER);
}

static void test_chip_id_mismatch_and_mask_chip_id(void **state)
{
	struct snp_verify_result r;

	assert_int_equal(RUN(syn_r_turin_vcek_chip_mismatch, syn_vcek_turin, syn_ask_turin, true, &r),
			 -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_CHIP_ID);
	/* MASK_CHIP_ID: CHIP_ID is zero and not compared. */
	assert_int_equal(RUN(syn_r_milan_masked_v2, syn_vcek_milan, syn_ask_milan, true, &r), 0);
	assert_true(r.report.mask_chip_id);
	assert_false(r.chip_id_checked);
	assert_int_equal(r.product, SNP_PRODUCT_MILAN);
}

static void test_reported_tcb_must_equal_cert_spls(void **state)
{
	struct snp_verify_result r;

	assert_int_equal(RUN(syn_r_milan_tcb_mismatch, syn_vcek_milan, syn_ask_milan, true, &r),
			 -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_TCB);
	assert_int_equal(r.reported_tcb.ucode, 114);
	assert_int_equal(r.cert_tcb.ucode, 115);
	/* tests/vectors/snp_synthetic.py: TCB_M_BAD against TCB_M (bl 3, snp 8) */
	assert_string_equal(last_why, "REPORTED_TCB bl 3 tee 0 snp 8 ucode 114 differs from the "
				 "certificate's bl 3 tee 0 snp 8 ucode 115");
}

static void test_cpuid_of_another_generation_is_refused(void **state)
{
	struct snp_verify_result r;

	assert_int_equal(RUN(syn_r_milan_cpuid_genoa, syn_vcek_milan, syn_ask_milan, true, &r),
			 -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_PRODUCT);
}

static void test_report_version_4_accepted_6_refused(void **state)
{
	struct snp_verify_result r;

	assert_int_equal(RUN(syn_r_milan_v4, syn_vcek_milan, syn_ask_milan, true, &r), 0);
	assert_int_equal(r.report.version, 4);
	assert_int_equal(RUN(syn_r_milan_v6, syn_vcek_milan, syn_ask_milan, true, &r), -EOPNOTSUPP);
	assert_int_equal(r.fail, SNP_FAIL_REPORT_PARSE);
}

static void test_given_ark_must_be_a_trusted_root(void **state)
{
	struct snp_verify_input in;
	struct snp_verify_result r;
	char why[200];

	memset(&in, 0, sizeof(in));
	in.report = syn_r_milan_v4;
	in.report_len = SNP_REPORT_SIZE;
	in.leaf_der = syn_vcek_milan;
	in.leaf_len = sizeof(syn_vcek_milan);
	in.ask_der = syn_ask_milan;
	in.ask_len = sizeof(syn_ask_milan);
	in.ark_der = syn_root;
	in.ark_len = sizeof(syn_root);
	in.allow_sim = true;
	/* The synthetic root given as ARK but not listed as an extra root. */
	assert_int_equal(snp_verify(&in, &r, why, sizeof(why)), -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_UNTRUSTED_ROOT);
	in.extra_roots = roots;
	in.extra_root_lens = root_lens;
	in.n_extra_roots = 1;
	assert_int_equal(snp_verify(&in, &r, why, sizeof(why)), 0);
	assert_true(r.chain_from_extra_root);
	assert_false(r.time_checked);
}

/* Chain signature parameters not pinned (finding): tests/vectors/snp_sigparams.h
 * holds one Milan chain whose certificates are re-signed, validly, with
 * parameters AMD 57230 does not use. Only RSASSA-PSS SHA-384 / MGF1-SHA-384 /
 * salt 48 passes, and the leaf must not be a CA. */
static int run_sp(const uint8_t *leaf, size_t leaf_len, const uint8_t *ask, size_t ask_len,
		  const uint8_t *root, size_t root_len, struct snp_verify_result *r, char *why,
		  size_t why_len)
{
	const uint8_t *const sp_roots[1] = { root };
	const size_t sp_root_lens[1] = { root_len };
	struct snp_verify_input in;

	memset(&in, 0, sizeof(in));
	in.report = sp_report;
	in.report_len = sizeof(sp_report);
	in.leaf_der = leaf;
	in.leaf_len = leaf_len;
	in.ask_der = ask;
	in.ask_len = ask_len;
	in.extra_roots = sp_roots;
	in.extra_root_lens = sp_root_lens;
	in.n_extra_roots = 1;
	in.allow_sim = true;
	in.now = NOW;
	in.time_known = true;
	return snp_verify(&in, r, why, why_len);
}

#define RUN_SP(leaf, ask, root, r, why) \
	run_sp(leaf, sizeof(leaf), ask, sizeof(ask), root, sizeof(root), r, why, sizeof(why))

static void test_chain_signature_parameters_are_pinned_to_amd_pss(void **state)
{
	static const struct {
		const char *name;
		const uint8_t *leaf, *ask, *root;
		size_t leaf_len, ask_len, root_len;
		const char *why;
	} bad[] = {
#define C(n, l, a, rt, w) { n, l, a, rt, sizeof(l), sizeof(a), sizeof(rt), w }
		C("VCEK signed with salt 32", sp_vcek_salt32, sp_ask, sp_root, "VCEK/VLEK signature"),
		C("VCEK signed with PKCS#1 v1.5", sp_vcek_pkcs1, sp_ask, sp_root, "VCEK/VLEK signature"),
		C("ASK signed with salt 32", sp_vcek, sp_ask_salt32, sp_root, "ASK/ASVK signature"),
		C("ASK signed with SHA-256", sp_vcek, sp_ask_sha256, sp_root, "ASK/ASVK signature"),
		C("ASK signed with MGF1-SHA-256", sp_vcek, sp_ask_mgf1_sha256, sp_root,
		  "ASK/ASVK signature"),
		C("ASK signed with PKCS#1 v1.5", sp_vcek, sp_ask_pkcs1, sp_root, "ASK/ASVK signature"),
		C("ARK self-signed with salt 32", sp_vcek, sp_ask, sp_root_salt32, "does not chain"),
		C("VCEK is a CA", sp_vcek_is_ca, sp_ask, sp_root, "CA certificate"),
#undef C
	};
	struct snp_verify_result r;
	char why[200];
	(void)state;

	/* the chain as AMD signs it verifies */
	assert_int_equal(RUN_SP(sp_vcek, sp_ask, sp_root, &r, why), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int err = run_sp(bad[i].leaf, bad[i].leaf_len, bad[i].ask, bad[i].ask_len,
				 bad[i].root, bad[i].root_len, &r, why, sizeof(why));
		if (err != -EKEYREJECTED || r.fail != SNP_FAIL_CHAIN)
			fail_msg("%s: accepted or wrong failure (%d, fail %d: %s)", bad[i].name, err,
				 (int)r.fail, why);
		if (!strstr(why, bad[i].why))
			fail_msg("%s: reason \"%s\" lacks \"%s\"", bad[i].name, why, bad[i].why);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_turin_vcek_v5_verifies_with_turin_tcb_layout),
		cmocka_unit_test(test_extra_root_refused_without_allow_sim),
		cmocka_unit_test(test_synthetic_chain_never_anchors_in_amd_roots),
		cmocka_unit_test(test_vlek_chain_through_asvk_verifies),
		cmocka_unit_test(test_signing_key_must_match_certificate_type),
		cmocka_unit_test(test_chip_id_mismatch_and_mask_chip_id),
		cmocka_unit_test(test_reported_tcb_must_equal_cert_spls),
		cmocka_unit_test(test_cpuid_of_another_generation_is_refused),
		cmocka_unit_test(test_report_version_4_accepted_6_refused),
		cmocka_unit_test(test_given_ark_must_be_a_trusted_root),
		cmocka_unit_test(test_chain_signature_parameters_are_pinned_to_amd_pss),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
