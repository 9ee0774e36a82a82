/* attest [--twice] [--key] NONCE_HEX: ask the kernel for unified evidence
 * bound to NONCE (8..64 bytes, hex), check what the guest can check itself
 * (the claims carry the nonce, REPORT_DATA = SHA-512 of the claims set:
 * DESIGN.md section 5), print the decoded report and the evidence as base64
 * between BEGIN/END lines. Exit 0 on success, 1 with a one-line reason when
 * attestation fails, 2 on a usage error.
 *   --twice  on a failure, ask once more (shows that a wiped VMPCK stays
 *            gone); the exit status stays 1
 *   --key    also derive a key (measurement + policy selected) and print a
 *            fingerprint of it: SHA-256("futeet-attest-key-fingerprint" || key),
 *            never the key itself. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <futeet.h>
#include <futeet/tee.h>
#include <bearssl.h>

#include "lib/evidence.h"
#include "lib/snp/report.h"

static uint8_t evidence[FUTEET_EVIDENCE_MAX];

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int parse_hex(const char *s, uint8_t *out, size_t cap, size_t *len)
{
	size_t n = strlen(s);

	if (n % 2 || n / 2 > cap)
		return -1;
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*len = n / 2;
	return 0;
}

static void print_hex(const char *label, const uint8_t *p, size_t n)
{
	printf("attest: %-16s ", label);
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

static void print_base64(const uint8_t *p, size_t n)
{
	static const char tbl[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char line[65];
	size_t col = 0;

	printf("-----BEGIN FUTEET EVIDENCE-----\n");
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		size_t k = n - i;
		char q[4];

		if (k > 1)
			v |= (uint32_t)p[i + 1] << 8;
		if (k > 2)
			v |= p[i + 2];
		q[0] = tbl[v >> 18 & 63];
		q[1] = tbl[v >> 12 & 63];
		q[2] = k > 1 ? tbl[v >> 6 & 63] : '=';
		q[3] = k > 2 ? tbl[v & 63] : '=';
		for (int j = 0; j < 4; j++) {
			line[col++] = q[j];
			if (col == 64) {
				line[col] = 0;
				printf("%s\n", line);
				col = 0;
			}
		}
	}
	if (col) {
		line[col] = 0;
		printf("%s\n", line);
	}
	printf("-----END FUTEET EVIDENCE-----\n");
}

static const char *onoff(uint64_t v, uint64_t bit)
{
	return (v & bit) ? "on" : "off";
}

/* POLICY bits: SNP ABI 56860 rev 1.57, table "Guest Policy Structure". */
static void print_policy(uint64_t p)
{
	printf("attest: policy           0x%llx (abi %u.%u, smt %s, migrate-ma %s, debug %s, single-socket %s)\n",
	       (unsigned long long)p, (unsigned)(p >> 8 & 0xff), (unsigned)(p & 0xff),
	       (p & (1ull << 16)) ? "allowed" : "forbidden", onoff(p, 1ull << 18),
	       onoff(p, 1ull << 19), onoff(p, 1ull << 20));
}

static void print_tcb(const char *label, uint64_t raw, enum snp_product prod)
{
	struct snp_tcb t;

	if (prod != SNP_PRODUCT_UNKNOWN && snp_tcb_decode(raw, prod, &t) == 0) {
		if (t.has_fmc)
			printf("attest: %-16s 0x%016llx (fmc %u bl %u tee %u snp %u ucode %u)\n", label,
			       (unsigned long long)raw, t.fmc, t.bl, t.tee, t.snp, t.ucode);
		else
			printf("attest: %-16s 0x%016llx (bl %u tee %u snp %u ucode %u)\n", label,
			       (unsigned long long)raw, t.bl, t.tee, t.snp, t.ucode);
	} else {
		printf("attest: %-16s 0x%016llx\n", label, (unsigned long long)raw);
	}
}

static int print_report(const uint8_t *rep, size_t len)
{
	struct snp_report_info r;
	enum snp_product prod;
	static const char *const keys[8] = { "VCEK", "VLEK", "2?", "3?", "4?", "5?", "6?", "none" };
	int rc = snp_report_parse(rep, len, &r);

	if (rc) {
		printf("attest: failed: the SNP report does not parse (%s)\n", strerror(-rc));
		return rc;
	}
	prod = snp_product_from_cpuid(r.cpuid_fam_id, r.cpuid_mod_id);
	printf("attest: version          %u\n", r.version);
	printf("attest: guest_svn        %u\n", r.guest_svn);
	print_policy(r.policy);
	printf("attest: vmpl             %u\n", r.vmpl);
	print_hex("measurement", r.measurement, sizeof(r.measurement));
	print_hex("report_data", r.report_data, sizeof(r.report_data));
	print_hex("host_data", r.host_data, sizeof(r.host_data));
	print_hex("family_id", r.family_id, sizeof(r.family_id));
	print_hex("image_id", r.image_id, sizeof(r.image_id));
	printf("attest: product          %s (cpuid family 0x%x model 0x%x stepping %u)\n",
	       snp_product_name(prod), r.cpuid_fam_id, r.cpuid_mod_id, r.cpuid_step);
	print_tcb("current_tcb", r.current_tcb, prod);
	print_tcb("reported_tcb", r.reported_tcb, prod);
	print_tcb("committed_tcb", r.committed_tcb, prod);
	print_tcb("launch_tcb", r.launch_tcb, prod);
	print_hex("chip_id", r.chip_id, sizeof(r.chip_id));
	print_hex("report_id", r.report_id, sizeof(r.report_id));
	printf("attest: signer           %s (author key %s, chip id %s)\n",
	       keys[r.signing_key & 7], r.author_key_en ? "on" : "off",
	       r.mask_chip_id ? "masked" : "present");
	return 0;
}

static int derive_key_fingerprint(void)
{
	struct futeet_key_req req;
	uint8_t key[FUTEET_KEY_LEN], fp[32];
	br_sha256_context h;
	long r;

	memset(&req, 0, sizeof(req));
	req.root_key = FUTEET_KEY_ROOT_VCEK;
	req.field_select = FUTEET_KEY_FIELD_MEASUREMENT | FUTEET_KEY_FIELD_POLICY;
	r = futeet_sys_futeet_derive_key((long)&req, (long)key);
	if (futeet_is_err(r)) {
		printf("attest: failed: key derivation: %s\n", strerror((int)-r));
		return 1;
	}
	br_sha256_init(&h);
	br_sha256_update(&h, "futeet-attest-key-fingerprint", 29);
	br_sha256_update(&h, key, sizeof(key));
	br_sha256_out(&h, fp);
	memset(key, 0, sizeof(key));
	print_hex("key_fingerprint", fp, 16);
	return 0;
}

static int attest_once(const uint8_t *nonce, size_t nonce_len)
{
	struct evidence_view v;
	struct evidence_claims_view cv;
	struct snp_report_info r;
	uint8_t rd[EVIDENCE_REPORT_DATA_LEN];
	long n;
	int rc;

	n = futeet_sys_futeet_evidence((long)nonce, (long)nonce_len, (long)evidence,
				       (long)sizeof(evidence));
	if (futeet_is_err(n)) {
		printf("attest: failed: no evidence: %s\n", strerror((int)-n));
		return 1;
	}
	rc = evidence_decode(evidence, (size_t)n, &v);
	if (rc) {
		printf("attest: failed: the evidence does not decode (%s)\n", strerror(-rc));
		return 1;
	}
	rc = evidence_claims_decode(v.claims, v.claims_len, &cv);
	if (rc) {
		printf("attest: failed: the claims set does not decode (%s)\n", strerror(-rc));
		return 1;
	}
	if (cv.nonce_len != nonce_len || memcmp(cv.nonce, nonce, nonce_len) != 0) {
		printf("attest: failed: the claims do not carry our nonce\n");
		return 1;
	}
	printf("attest: provider         %.*s\n", (int)v.provider_len, v.provider);
	printf("attest: evidence         %ld bytes (claims %zu, report %zu, cert table %zu)\n",
	       n, v.claims_len, v.outblob_len, v.auxblob_len);
	if (print_report(v.outblob, v.outblob_len))
		return 1;
	evidence_report_data(v.claims, v.claims_len, rd);
	if (snp_report_parse(v.outblob, v.outblob_len, &r) ||
	    memcmp(r.report_data, rd, sizeof(rd)) != 0) {
		printf("attest: failed: REPORT_DATA is not SHA-512 of the claims set\n");
		return 1;
	}
	printf("attest: binding          REPORT_DATA = SHA-512(claims set): ok; eat_nonce: ok\n");
	print_base64(evidence, (size_t)n);
	return 0;
}

int main(int argc, char **argv)
{
	struct futeet_tee_info info;
	uint8_t nonce[FUTEET_NONCE_MAX];
	size_t nonce_len = 0;
	bool twice = false, key = false;
	const char *hex = NULL;
	long r;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--twice") == 0)
			twice = true;
		else if (strcmp(argv[i], "--key") == 0)
			key = true;
		else if (hex == NULL)
			hex = argv[i];
		else
			hex = "";
	}
	if (hex == NULL || parse_hex(hex, nonce, sizeof(nonce), &nonce_len) ||
	    nonce_len < FUTEET_NONCE_MIN) {
		printf("usage: attest [--twice] [--key] NONCE_HEX (8 to 64 bytes of hex)\n");
		return 2;
	}
	r = futeet_sys_futeet_tee_info((long)&info);
	if (!futeet_is_err(r))
		printf("attest: platform %s%s\n", info.name,
		       (info.flags & FUTEET_TEE_SIM) ? " (sim: test keys, not confidential)" : "");
	rc = attest_once(nonce, nonce_len);
	if (rc && twice) {
		/* After a refused answer the kernel must have dropped VMPCK0: the
		 * second attempt has to fail too, without reaching the host. */
		printf("attest: asking again\n");
		if (attest_once(nonce, nonce_len) == 0)
			printf("attest: failed: second request succeeded after a failure\n");
	}
	if (rc == 0 && key) {
		rc = derive_key_fingerprint();
		if (rc && twice) {
			printf("attest: asking again\n");
			if (derive_key_fingerprint() == 0)
				printf("attest: failed: second request succeeded after a failure\n");
		}
	}
	return rc;
}
