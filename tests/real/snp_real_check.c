/* SEV-SNP verifier against real hardware evidence in tests/data.
 * Expected values come from tests/data/MANIFEST.md (each source's section:
 * its source oracles, rechecked facts and the negative cases the source
 * defines). Run from the repo root, or set FUTEET_TESTDATA to the test-data
 * directory. cmocka, TAP with
 * CMOCKA_MESSAGE_OUTPUT=TAP. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/snp/verify.h"
#include "lib/x509.h"
#include "tests/unit/unhex.h"

/* 2026-01-01T00:00:00Z: inside the validity of every VCEK below (MANIFEST.md). */
#define T_2026 1767225600LL
/* go-sev-guest TestVerifyVcekCert: 2022-09-24T01:00:00Z (MANIFEST go-sev-guest). */
#define T_GO_SEV_GUEST 1663981200LL
/* 2033-01-01: after every VCEK's notAfter (latest is 2032-12-05). */
#define T_2033 1988150400LL

struct blob {
	uint8_t *p;
	size_t len;
};

static const char *tdir(void)
{
	const char *d = getenv("FUTEET_TESTDATA");
	return d ? d : "tests/data";
}

static struct blob load(const char *rel)
{
	char path[512];
	struct blob b = { NULL, 0 };
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", tdir(), rel);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b.p = malloc((size_t)n + 1);
	assert_non_null(b.p);
	assert_int_equal(fread(b.p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	b.len = (size_t)n;
	return b;
}

/* The idx-th certificate of a PEM file, as DER. */
static struct blob load_pem(const char *rel, int idx)
{
	struct blob pem = load(rel), der;
	size_t pos = 0;
	int i;

	der.p = malloc(8192);
	assert_non_null(der.p);
	for (i = 0; i <= idx; i++)
		assert_int_equal(x509_pem_next((const char *)pem.p, pem.len, &pos, der.p, 8192, &der.len), 0);
	free(pem.p);
	return der;
}

static void assert_hex(const uint8_t *got, const char *hex, size_t n)
{
	uint8_t want[64];
	assert_true(n <= sizeof(want));
	assert_int_equal(unhex(hex, want, sizeof(want)), n);
	assert_memory_equal(got, want, n);
}

static int run(const struct blob *rep, const struct blob *leaf, const struct blob *ask,
	       bool time_known, int64_t now, struct snp_verify_result *res)
{
	struct snp_verify_input in;
	char why[200];
	int err;

	memset(&in, 0, sizeof(in));
	in.report = rep->p;
	in.report_len = rep->len;
	in.leaf_der = leaf->p;
	in.leaf_len = leaf->len;
	if (ask) {
		in.ask_der = ask->p;
		in.ask_len = ask->len;
	}
	in.time_known = time_known;
	in.now = now;
	err = snp_verify(&in, res, why, sizeof(why));
	print_message("# snp_verify: %d (%s)\n", err, why);
	return err;
}

/* ---- positive cases: each report verifies and carries its facts ------- */

static void test_go_sev_guest_milan_v2_verifies_with_facts(void **state)
{
	struct blob rep = load("go-sev-guest/attestation.bin"), leaf = load("go-sev-guest/vcek.testcer");
	struct blob ask = load_pem("go-sev-guest/ask_ark_milan.pem", 0);
	struct snp_verify_result r;

	/* MANIFEST go-sev-guest; chain file ASK first. Verified at the source's time
	 * (TestVerifyVcekCert, 2022-09-24T01:00Z) and in 2026. */
	assert_int_equal(run(&rep, &leaf, &ask, true, T_GO_SEV_GUEST, &r), 0);
	assert_int_equal(run(&rep, &leaf, NULL, true, T_2026, &r), 0);
	assert_true(r.time_checked);
	assert_false(r.vlek);
	assert_false(r.chain_from_extra_root);
	assert_int_equal(r.product, SNP_PRODUCT_MILAN);
	assert_string_equal(r.product_name, "Milan-B0");
	assert_int_equal(r.report.version, 2);
	assert_int_equal(r.report.guest_svn, 0);
	assert_int_equal(r.report.policy, 0xb0000);
	assert_int_equal(r.report.vmpl, 0);
	assert_int_equal(r.report.platform_info, 1);
	assert_int_equal(r.report.current_major, 1);
	assert_int_equal(r.report.current_minor, 49);
	assert_int_equal(r.report.current_build, 3);
	/* TCB bytes 02 00 00 00 00 00 05 44: bl 2, tee 0, snp 5, ucode 68. */
	assert_int_equal(r.report.reported_tcb, 0x4405000000000002ULL);
	assert_int_equal(r.report.current_tcb, 0x4405000000000002ULL);
	assert_int_equal(r.reported_tcb.bl, 2);
	assert_int_equal(r.reported_tcb.tee, 0);
	assert_int_equal(r.reported_tcb.snp, 5);
	assert_int_equal(r.reported_tcb.ucode, 68);
	/* KDS URL oracle: the chip id in the VCEK URL. */
	assert_true(r.chip_id_checked);
	assert_hex(r.report.chip_id, "3ac3fe21e13fb0990eb28a802e3fb6a29483a6b0753590c951bdd3b8e53786184ca39e359669a2b76a1936776b564ea464cdce40c05f63c9b610c5068b006b5d", 64);
	/* Anchored in ARK-Milan, SHA-256 from the MANIFEST CA table. */
	assert_hex(r.root_sha256, "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd", 32);
	free(rep.p); free(leaf.p); free(ask.p);
}

static void test_virtee_milan_v2_verifies_with_facts(void **state)
{
	struct blob rep = load("derived/virtee-sev_report_milan.bin"), leaf = load("virtee-sev/vcek_milan.der");
	struct blob ask = load_pem("virtee-sev/cert_chain_milan", 0);
	struct snp_verify_result r;

	/* MANIFEST virtee-sev (virtee milan_report, milan_ca_stack). */
	assert_int_equal(run(&rep, &leaf, &ask, true, T_2026, &r), 0);
	assert_int_equal(r.product, SNP_PRODUCT_MILAN);
	assert_int_equal(r.report.version, 2);
	assert_hex(r.report.measurement, "7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d3e1a0dc39b2c60bd95b9c480cd81841f", 48);
	assert_hex(r.report.report_data, "d447b55d197491bfe15cf298f9de9986b7a7c4be2468b4f6e2d53b71d7c645810b0f2cdfca0040433be063fc1a8293f0f3f8dae7b79fecb3d1cd82bd6a93ebfd", 64);
	assert_int_equal(r.report.policy, 0x30000);
	assert_int_equal(r.report.reported_tcb, 0x7308000000000003ULL);
	assert_int_equal(r.reported_tcb.bl, 3);
	assert_int_equal(r.reported_tcb.snp, 8);
	assert_int_equal(r.reported_tcb.ucode, 115);
	assert_int_equal(r.report.current_major, 1);
	assert_int_equal(r.report.current_minor, 52);
	assert_int_equal(r.report.current_build, 4);
	assert_hex(r.report.chip_id, "d49554ec", 4);
	assert_hex(r.report.chip_id + 60, "4d541eb6", 4);
	assert_true(r.chip_id_checked);
	assert_int_equal(r.hwid_len, 64);
	assert_memory_equal(r.hwid, r.report.chip_id, 64);
	free(rep.p); free(leaf.p); free(ask.p);
}

static void test_trustee_milan_v2_verifies_reported_not_current_tcb(void **state)
{
	struct blob rep = load("trustee/snp/test-report.bin"), leaf = load("trustee/snp/test-vcek.der");
	struct snp_verify_result r;

	/* MANIFEST trustee: current_tcb != reported_tcb; the VCEK matches reported. */
	assert_int_equal(run(&rep, &leaf, NULL, true, T_2026, &r), 0);
	assert_int_equal(r.report.guest_svn, 4);
	assert_int_equal(r.report.policy, 0x3001f);
	assert_hex(r.report.id_key_digest, "0356215882a825279a85b300b0b742931d113bf7e32dde2e50ffde7ec743ca491ecdd7f336dc28a6e0b2bb57af7a44a3", 48);
	assert_hex(r.report.measurement, "a1f3930413247bb38cfc171579ea3c12d5fe4901f0c792f63fd75d98f1ef827c23500644e0e692e6be917f9050d3d38c", 48);
	assert_hex(r.report.report_data, "ec6c52d7533cc2c4f45be7849cf112ab82b2009fe7bd43e71ed08c14400ad7e20000000000000000000000000000000000000000000000000000000000000000", 64);
	assert_int_equal(r.report.current_tcb, 0xce08000000000003ULL);
	assert_int_equal(r.report.reported_tcb, 0x7308000000000003ULL);
	assert_int_equal(r.report.committed_tcb, 0x7308000000000003ULL);
	assert_int_equal(r.report.launch_tcb, 0x7308000000000003ULL);
	assert_hex(r.report.chip_id, "c38427a30d4c7af9d96f7a15b97269825a64cb76a2352ffd5d18115d89ad473f8e8c0bcd9a5d9286612bad4aadfb4426205a3b9e4fea82301135a170e477524e", 64);
	free(rep.p); free(leaf.p);
}

static void test_trustee_e2e_genoa_v3_verifies_with_facts(void **state)
{
	struct blob rep = load("derived/trustee-e2e_evidence_snp-report.bin");
	struct blob leaf = load("derived/trustee-e2e_evidence_vcek.der");
	struct snp_verify_result r;

	/* MANIFEST trustee (e2e): Genoa, v3, CPUID 19/A0/02. */
	assert_int_equal(run(&rep, &leaf, NULL, true, T_2026, &r), 0);
	assert_int_equal(r.product, SNP_PRODUCT_GENOA);
	assert_string_equal(r.product_name, "Genoa");
	assert_int_equal(r.report.version, 3);
	assert_int_equal(r.report.cpuid_fam_id, 0x19);
	assert_int_equal(r.report.cpuid_mod_id, 0xA0);
	assert_int_equal(r.report.cpuid_step, 0x02);
	assert_int_equal(r.report.policy, 0x30000);
	assert_int_equal(r.report.vmpl, 0);
	assert_int_equal(r.report.platform_info, 0x25);
	assert_int_equal(r.report.reported_tcb, 0x191700000000000aULL);
	assert_int_equal(r.reported_tcb.bl, 10);
	assert_int_equal(r.reported_tcb.tee, 0);
	assert_int_equal(r.reported_tcb.snp, 23);
	assert_int_equal(r.reported_tcb.ucode, 25);
	assert_int_equal(r.report.current_major, 1);
	assert_int_equal(r.report.current_minor, 55);
	assert_int_equal(r.report.current_build, 40);
	assert_hex(r.report.measurement, "6a6519d757e68c2e939c9dbbbc1828498e8de35d2766dd05f1a2cca5059d0cf4ae62a36d75c837974dd50b315506e73e", 48);
	assert_hex(r.root_sha256, "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1", 32);
	free(rep.p); free(leaf.p);
}

static void test_azure_hcl_milan_v2_verifies_with_facts(void **state)
{
	struct blob rep = load("derived/az-snp-vtpm_hcl-report_snp-report.bin");
	struct blob leaf = load_pem("trustee/az-snp-vtpm/vcek.pem", 0);
	struct blob ask = load_pem("trustee/az-snp-vtpm/vcek.pem", 1);
	struct snp_verify_result r;

	/* MANIFEST trustee (Azure) (test_verify_snp_report): VMPL 0. */
	assert_int_equal(run(&rep, &leaf, &ask, true, T_2026, &r), 0);
	assert_int_equal(r.report.version, 2);
	assert_int_equal(r.report.guest_svn, 5);
	assert_int_equal(r.report.policy, 0x3001f);
	assert_int_equal(r.report.vmpl, 0);
	assert_hex(r.report.report_data, "b3fbad6514c83caeb0380882145e49f794229ef37c421b91fc47ff93556bafac", 32);
	assert_int_equal(r.reported_tcb.bl, 3);
	assert_int_equal(r.reported_tcb.snp, 8);
	assert_int_equal(r.reported_tcb.ucode, 115);
	free(rep.p); free(leaf.p); free(ask.p);
}

static void test_azure_evidence_v1_v2_milan_v3_verify_with_facts(void **state)
{
	struct blob rep1 = load("derived/az-snp-vtpm_evidence-v1_snp-report.bin");
	struct blob leaf1 = load("derived/az-snp-vtpm_evidence-v1_vcek.der");
	struct blob rep2 = load("derived/az-snp-vtpm_evidence-v2_snp-report.bin");
	struct blob leaf2 = load("derived/az-snp-vtpm_evidence-v2_vcek.der");
	struct snp_verify_result r;

	assert_int_equal(run(&rep1, &leaf1, NULL, true, T_2026, &r), 0);
	assert_int_equal(r.report.version, 3);
	assert_int_equal(r.report.guest_svn, 10);
	assert_int_equal(r.report.cpuid_fam_id, 0x19);
	assert_int_equal(r.report.cpuid_mod_id, 0x01);
	assert_int_equal(r.report.cpuid_step, 0x01);
	assert_hex(r.report.measurement, "6a063be9dd79f6371c842e480f8dc3b5c725961344e57130e88c5adf49e8f7f6c79b75a5eb77fc769959f4aeb2f9401e", 48);
	assert_int_equal(r.reported_tcb.bl, 4);
	assert_int_equal(r.reported_tcb.tee, 0);
	assert_int_equal(r.reported_tcb.snp, 24);
	assert_int_equal(r.reported_tcb.ucode, 219);

	assert_int_equal(run(&rep2, &leaf2, NULL, true, T_2026, &r), 0);
	assert_int_equal(r.report.version, 3);
	assert_int_equal(r.report.guest_svn, 12);
	assert_hex(r.report.measurement, "5b0ce64ad1c1f6375dbda5f760b98526ca1bcf91b8195091afc28e7b024251d68fe32e05af34048d6607678cd23283ff", 48);
	free(rep1.p); free(leaf1.p); free(rep2.p); free(leaf2.p);
}

static void test_gcp_milan_v5_verifies_with_facts(void **state)
{
	struct blob rep = load("teekit/sampleQuotes/sev-gcp.bin");
	struct blob leaf = load_pem("teekit/sampleQuotes/sev-gcp-vcek.pem", 0);
	struct blob ask = load_pem("teekit/sampleQuotes/sev-gcp-cert-chain.pem", 0);
	struct snp_verify_result r;
	uint8_t zero[64] = { 0 };

	/* MANIFEST teekit: report v5; GCP VCEK valid from 2025-12-05. */
	assert_int_equal(run(&rep, &leaf, &ask, true, T_2026, &r), 0);
	assert_int_equal(r.report.version, 5);
	assert_int_equal(r.report.policy, 0x30000);
	assert_int_equal(r.report.platform_info, 0x25);
	assert_int_equal(r.report.vmpl, 0);
	assert_int_equal(r.report.cpuid_fam_id, 0x19);
	assert_int_equal(r.report.cpuid_mod_id, 0x01);
	assert_int_equal(r.report.cpuid_step, 0x01);
	assert_int_equal(r.report.reported_tcb, 0xde1b000000000004ULL);
	assert_int_equal(r.reported_tcb.bl, 4);
	assert_int_equal(r.reported_tcb.snp, 27);
	assert_int_equal(r.reported_tcb.ucode, 222);
	assert_int_equal(r.report.current_major, 1);
	assert_int_equal(r.report.current_minor, 55);
	assert_int_equal(r.report.current_build, 35);
	assert_memory_equal(r.report.report_data, zero, 64);
	assert_hex(r.report.chip_id, "980cf7b61876cb37fd517cd44ce11c72d43c5408e66ab39138370ec59bc195e063254cb501d87d82f0b8b8dc774bcfe28019447711598f007390e4accc405361", 64);
	free(rep.p); free(leaf.p); free(ask.p);
}

static void test_no_time_given_reports_not_checked(void **state)
{
	struct blob rep = load("go-sev-guest/attestation.bin"), leaf = load("go-sev-guest/vcek.testcer");
	struct snp_verify_result r;

	assert_int_equal(run(&rep, &leaf, NULL, false, 0, &r), 0);
	assert_false(r.time_checked);
	free(rep.p); free(leaf.p);
}

/* ---- negative cases ---------------------------------------------------- */

static void test_flipping_signed_bytes_fails_signature(void **state)
{
	struct blob rep = load("trustee/snp/test-report.bin"), leaf = load("trustee/snp/test-vcek.der");
	struct snp_verify_result r;
	size_t pos;
	unsigned tried = 0;

	/* Every 5th byte of 0x000-0x29F plus the first and the last; inside
	 * CHIP_ID the reason is the chip mismatch diagnosis. */
	for (pos = 0; pos < SNP_SIGNED_LEN; pos += (pos + 5 < SNP_SIGNED_LEN ? 5 : 1)) {
		if (pos + 5 >= SNP_SIGNED_LEN && pos != SNP_SIGNED_LEN - 1)
			continue;
		rep.p[pos] ^= 0x01;
		assert_int_not_equal(run(&rep, &leaf, NULL, true, T_2026, &r), 0);
		if (pos >= 0x1A0 && pos < 0x1E0)
			assert_int_equal(r.fail, SNP_FAIL_CHIP_ID);
		else
			assert_int_equal(r.fail, SNP_FAIL_SIGNATURE);
		rep.p[pos] ^= 0x01;
		tried++;
	}
	assert_true(tried > 130);
	/* Sources' own mutations (MANIFEST trustee, virtee-sev): trustee bytes[42] += 1, bytes[384]
	 * += 1 (reported TCB BL); virtee report_bytes[21] ^= 0x80. */
	rep.p[42]++;
	assert_int_equal(run(&rep, &leaf, NULL, true, T_2026, &r), -EBADMSG);
	rep.p[42]--;
	rep.p[384]++;
	assert_int_equal(run(&rep, &leaf, NULL, true, T_2026, &r), -EBADMSG);
	rep.p[384]--;
	rep.p[21] ^= 0x80;
	assert_int_equal(run(&rep, &leaf, NULL, true, T_2026, &r), -EBADMSG);
	rep.p[21] ^= 0x80;
	/* The signature fields themselves: r, s, and the zero padding. */
	rep.p[0x2A0] ^= 1;
	assert_int_equal(run(&rep, &leaf, NULL, true, T_2026, &r), -EBADMSG);
	rep.p[0x2A0] ^= 1;
	rep.p[0x2E8 + 47] ^= 0x10;
	assert_int_equal(run(&rep, &leaf, NULL, true, T_2026, &r), -EBADMSG);
	rep.p[0x2E8 + 47] ^= 0x10;
	rep.p[0x2A0 + 71] = 1;
	assert_int_equal(run(&rep, &leaf, NULL, true, T_2026, &r), -EBADMSG);
	rep.p[0x2A0 + 71] = 0;
	assert_int_equal(run(&rep, &leaf, NULL, true, T_2026, &r), 0);
	free(rep.p); free(leaf.p);
}

static void test_vcek_of_another_chip_fails_chip_id(void **state)
{
	/* Same product and TCB (Milan-B0 3/0/8/115), different chips. */
	struct blob rep = load("derived/virtee-sev_report_milan.bin"), leaf = load("trustee/snp/test-vcek.der");
	struct snp_verify_result r;

	assert_int_equal(run(&rep, &leaf, NULL, true, T_2026, &r), -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_CHIP_ID);
	free(rep.p); free(leaf.p);
}

static void test_wrong_product_ask_fails_chain(void **state)
{
	struct blob rep = load("go-sev-guest/attestation.bin"), leaf = load("go-sev-guest/vcek.testcer");
	struct blob genoa = load_pem("go-sev-guest/ask_ark_genoa.pem", 0);
	struct blob turin = load_pem("virtee-sev/cert_chain_turin", 0);
	struct blob asvk = load_pem("go-sev-guest/ask_ark_milan_vlek.pem", 0);
	struct snp_verify_result r;

	assert_int_equal(run(&rep, &leaf, &genoa, true, T_2026, &r), -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_CHAIN);
	assert_int_equal(run(&rep, &leaf, &turin, true, T_2026, &r), -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_CHAIN);
	/* trustee check_milan_chain_signature_failure: VCEK under the ASVK. */
	assert_int_equal(run(&rep, &leaf, &asvk, true, T_2026, &r), -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_CHAIN);
	free(rep.p); free(leaf.p); free(genoa.p); free(turin.p); free(asvk.p);
}

static void test_trustee_invalid_vceks_fail_chain(void **state)
{
	struct blob rep = load("trustee/snp/test-report.bin");
	struct blob legacy = load("trustee/snp/test-vcek-invalid-legacy.der");
	struct blob fresh = load("trustee/snp/test-vcek-invalid-new.der");
	struct snp_verify_result r;

	/* MANIFEST trustee: they parse but chain to no AMD ASK. */
	assert_int_equal(run(&rep, &legacy, NULL, true, T_2026, &r), -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_CHAIN);
	assert_int_equal(run(&rep, &fresh, NULL, true, T_2026, &r), -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_CHAIN);
	free(rep.p); free(legacy.p); free(fresh.p);
}

static void test_mutated_vcek_fails(void **state)
{
	struct blob rep = load("derived/virtee-sev_report_milan.bin"), leaf = load("virtee-sev/vcek_milan.der");
	struct blob leaf2 = load("trustee/snp/test-vcek.der"), rep2 = load("trustee/snp/test-report.bin");
	struct snp_verify_result r;

	/* virtee milan_chain_invalid: buf[40] ^= 0xff. */
	leaf.p[40] ^= 0xff;
	assert_int_not_equal(run(&rep, &leaf, NULL, true, T_2026, &r), 0);
	assert_true(r.fail == SNP_FAIL_CHAIN || r.fail == SNP_FAIL_CERT_PARSE);
	/* trustee check_vcek_signature_failure: vcek_bytes[42] += 1. */
	leaf2.p[42]++;
	assert_int_not_equal(run(&rep2, &leaf2, NULL, true, T_2026, &r), 0);
	assert_true(r.fail == SNP_FAIL_CHAIN || r.fail == SNP_FAIL_CERT_PARSE);
	free(rep.p); free(leaf.p); free(leaf2.p); free(rep2.p);
}

static void test_flipping_any_certificate_byte_fails(void **state)
{
	struct blob rep = load("go-sev-guest/attestation.bin"), leaf = load("go-sev-guest/vcek.testcer");
	struct blob ask = load_pem("go-sev-guest/ask_ark_milan.pem", 0);
	struct snp_verify_result r;
	size_t pos;

	/* Every 7th byte and the last one of the VCEK, then of the ASK. */
	for (pos = 0; pos < leaf.len; pos = (pos + 7 < leaf.len || pos == leaf.len - 1) ? pos + 7 : leaf.len - 1) {
		leaf.p[pos] ^= 0x04;
		assert_int_not_equal(run(&rep, &leaf, &ask, true, T_2026, &r), 0);
		assert_true(r.fail == SNP_FAIL_CHAIN || r.fail == SNP_FAIL_CERT_PARSE ||
			    r.fail == SNP_FAIL_PRODUCT);
		leaf.p[pos] ^= 0x04;
		if (pos == leaf.len - 1)
			break;
	}
	for (pos = 0; pos < ask.len; pos += 13) {
		ask.p[pos] ^= 0x20;
		assert_int_not_equal(run(&rep, &leaf, &ask, true, T_2026, &r), 0);
		assert_true(r.fail == SNP_FAIL_CHAIN || r.fail == SNP_FAIL_CERT_PARSE);
		ask.p[pos] ^= 0x20;
	}
	assert_int_equal(run(&rep, &leaf, &ask, true, T_2026, &r), 0);
	free(rep.p); free(leaf.p); free(ask.p);
}

static void test_expired_or_not_yet_valid_time_fails(void **state)
{
	struct blob rep = load("go-sev-guest/attestation.bin"), leaf = load("go-sev-guest/vcek.testcer");
	struct blob rep2 = load("teekit/sampleQuotes/sev-gcp.bin");
	struct blob leaf2 = load_pem("teekit/sampleQuotes/sev-gcp-vcek.pem", 0);
	struct snp_verify_result r;

	assert_int_equal(run(&rep, &leaf, NULL, true, T_2033, &r), -ETIME);
	assert_int_equal(r.fail, SNP_FAIL_EXPIRED);
	/* VCEK notAfter 2029-09-24T00:55:28Z: one second later fails. */
	assert_int_equal(run(&rep, &leaf, NULL, true, 1884905728LL, &r), 0);
	assert_int_equal(run(&rep, &leaf, NULL, true, 1884905729LL, &r), -ETIME);
	/* notBefore 2022-09-24T00:55:28Z: one second earlier fails. */
	assert_int_equal(run(&rep, &leaf, NULL, true, 1663980928LL, &r), 0);
	assert_int_equal(run(&rep, &leaf, NULL, true, 1663980927LL, &r), -ETIME);
	/* The GCP VCEK (from 2025-12-05T06:04:27Z) is not valid in 2025-06. */
	assert_int_equal(run(&rep2, &leaf2, NULL, true, 1748736000LL, &r), -ETIME);
	assert_int_equal(r.fail, SNP_FAIL_EXPIRED);
	free(rep.p); free(leaf.p); free(rep2.p); free(leaf2.p);
}

static void test_untrusted_or_other_product_ark_is_refused(void **state)
{
	struct blob rep = load("go-sev-guest/attestation.bin"), leaf = load("go-sev-guest/vcek.testcer");
	struct blob genoa_ark = load_pem("virtee-sev/builtin/genoa_ark.pem", 0);
	struct blob milan_ark = load_pem("virtee-sev/builtin/milan_ark.pem", 0);
	struct snp_verify_input in;
	struct snp_verify_result r;
	char why[200];
	const uint8_t *roots[1];
	size_t lens[1];

	memset(&in, 0, sizeof(in));
	in.report = rep.p;
	in.report_len = rep.len;
	in.leaf_der = leaf.p;
	in.leaf_len = leaf.len;
	in.ark_der = genoa_ark.p;
	in.ark_len = genoa_ark.len;
	assert_int_equal(snp_verify(&in, &r, why, sizeof(why)), -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_UNTRUSTED_ROOT);
	/* Passing the genuine Milan ARK is fine. */
	in.ark_der = milan_ark.p;
	in.ark_len = milan_ark.len;
	assert_int_equal(snp_verify(&in, &r, why, sizeof(why)), 0);
	/* The Genoa ARK given as ARK and listed as an extra root: accepted as a
	 * root, but it did not sign the Milan ASK. */
	roots[0] = genoa_ark.p;
	lens[0] = genoa_ark.len;
	in.extra_roots = roots;
	in.extra_root_lens = lens;
	in.n_extra_roots = 1;
	in.ark_der = genoa_ark.p;
	in.ark_len = genoa_ark.len;
	assert_int_equal(snp_verify(&in, &r, why, sizeof(why)), -EKEYREJECTED);
	assert_int_equal(r.fail, SNP_FAIL_CHAIN);
	free(rep.p); free(leaf.p); free(genoa_ark.p); free(milan_ark.p);
}

static void test_builtin_root_wins_over_identical_extra_root(void **state)
{
	/* The AMD ARK also passed as an "extra root" (without allow_sim): the
	 * built-in anchor is tried first, so the chain is AMD's, not extra.
	 * (Extra roots refused without allow_sim: tests/unit/test_snp_verify.c.) */
	struct blob rep = load("go-sev-guest/attestation.bin"), leaf = load("go-sev-guest/vcek.testcer");
	struct blob milan_ark = load_pem("virtee-sev/builtin/milan_ark.pem", 0);
	struct snp_verify_input in;
	struct snp_verify_result r;
	char why[200];
	const uint8_t *roots[1] = { milan_ark.p };
	size_t lens[1] = { milan_ark.len };

	memset(&in, 0, sizeof(in));
	in.report = rep.p;
	in.report_len = rep.len;
	in.leaf_der = leaf.p;
	in.leaf_len = leaf.len;
	in.extra_roots = roots;
	in.extra_root_lens = lens;
	in.n_extra_roots = 1;
	assert_int_equal(snp_verify(&in, &r, why, sizeof(why)), 0);
	assert_false(r.chain_from_extra_root);
	free(rep.p); free(leaf.p); free(milan_ark.p);
}

static void test_truncated_report_is_refused(void **state)
{
	struct blob rep = load("go-sev-guest/attestation.bin"), leaf = load("go-sev-guest/vcek.testcer");
	struct snp_verify_result r;

	rep.len--;
	assert_int_equal(run(&rep, &leaf, NULL, false, 0, &r), -EINVAL);
	assert_int_equal(r.fail, SNP_FAIL_REPORT_PARSE);
	free(rep.p); free(leaf.p);
}

static void test_turin_vcek_parses_and_chains_to_turin_ask(void **state)
{
	struct blob leaf = load("virtee-sev/vcek_turin.der");
	struct blob ask_der = load_pem("virtee-sev/cert_chain_turin", 0);
	struct blob milan_ask = load_pem("virtee-sev/builtin/milan_ask.pem", 0);
	struct x509_cert c, ask, mask;
	const uint8_t *b;
	size_t bl;

	/* MANIFEST virtee-sev: Turin, structVersion 1, fmc 0 bl 0 tee 0 snp 0 ucode 9,
	 * hwID 1e550a8ee5cf9f4d (8 bytes), fmcSPL present and not rejected. */
	assert_int_equal(x509_parse(leaf.p, leaf.len, &c), 0);
	assert_true(c.amd.has_struct_version);
	assert_int_equal(c.amd.struct_version, 1);
	assert_int_equal(c.amd.product_name_len, 5);
	assert_memory_equal(c.amd.product_name, "Turin", 5);
	assert_true(c.amd.has_fmc);
	assert_int_equal(c.amd.fmc_spl, 0);
	assert_int_equal(c.amd.bl_spl, 0);
	assert_int_equal(c.amd.tee_spl, 0);
	assert_int_equal(c.amd.snp_spl, 0);
	assert_int_equal(c.amd.ucode_spl, 9);
	assert_int_equal(c.amd.hwid_len, 8);
	assert_hex(c.amd.hwid, "1e550a8ee5cf9f4d", 8);
	/* virtee turin_ca_stack: verifies under cert_chain_turin, and the
	 * built-in Turin ASK is the same certificate. */
	assert_int_equal(x509_parse(ask_der.p, ask_der.len, &ask), 0);
	assert_int_equal(x509_check_issued(&c, &ask), 0);
	assert_int_equal(snp_amd_cert(SNP_PRODUCT_TURIN, SNP_AMD_ASK, &b, &bl), 0);
	assert_int_equal(bl, ask_der.len);
	assert_memory_equal(b, ask_der.p, bl);
	/* Not under the Milan ASK. */
	assert_int_equal(x509_parse(milan_ask.p, milan_ask.len, &mask), 0);
	assert_int_not_equal(x509_check_issued(&c, &mask), 0);
	free(leaf.p); free(ask_der.p); free(milan_ask.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_go_sev_guest_milan_v2_verifies_with_facts),
		cmocka_unit_test(test_virtee_milan_v2_verifies_with_facts),
		cmocka_unit_test(test_trustee_milan_v2_verifies_reported_not_current_tcb),
		cmocka_unit_test(test_trustee_e2e_genoa_v3_verifies_with_facts),
		cmocka_unit_test(test_azure_hcl_milan_v2_verifies_with_facts),
		cmocka_unit_test(test_azure_evidence_v1_v2_milan_v3_verify_with_facts),
		cmocka_unit_test(test_gcp_milan_v5_verifies_with_facts),
		cmocka_unit_test(test_no_time_given_reports_not_checked),
		cmocka_unit_test(test_flipping_signed_bytes_fails_signature),
		cmocka_unit_test(test_vcek_of_another_chip_fails_chip_id),
		cmocka_unit_test(test_wrong_product_ask_fails_chain),
		cmocka_unit_test(test_trustee_invalid_vceks_fail_chain),
		cmocka_unit_test(test_mutated_vcek_fails),
		cmocka_unit_test(test_flipping_any_certificate_byte_fails),
		cmocka_unit_test(test_expired_or_not_yet_valid_time_fails),
		cmocka_unit_test(test_untrusted_or_other_product_ark_is_refused),
		cmocka_unit_test(test_builtin_root_wins_over_identical_extra_root),
		cmocka_unit_test(test_truncated_report_is_refused),
		cmocka_unit_test(test_turin_vcek_parses_and_chains_to_turin_ask),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
