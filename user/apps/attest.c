/* attest [--twice] [--key] NONCE_HEX: ask the kernel for unified evidence
 * bound to NONCE (8..64 bytes, hex), check what the guest can check itself
 * (the claims carry the nonce, REPORT_DATA = SHA-512 of the claims set:
 * DESIGN.md section 5), print the decoded report and the evidence as base64
 * between BEGIN/END lines. Exit 0 on success, 1 with a one-line reason when
 * attestation fails, 2 on a usage error.
 *   --twice  on a failure, ask once more (shows that a wiped VMPCK stays
 *            gone); the exit status stays 1
 *   --extend3 TEXT  before the evidence, extend runtime register 3 with
 *            SHA-384(TEXT) (event data TEXT), and check that register 2
 *            is refused to userland (EPERM)
 * After the evidence, futeet_measurements: the kernel's event log of
 * registers 2 and 3, replayed with attest's own SHA-384, must give the
 * registers it reports (TDX RTMR2/3, SNP kernel software registers).
 *   --key    also derive a key (measurement + policy selected) and print a
 *            fingerprint of it: the first 16 bytes of
 *            SHA-512("futeet-attest-key-fingerprint" || key), never the key.
 * Userland only (user/include + include/uapi): the evidence reader and the
 * SHA-512 are attest's own (attest_cbor.c, attest_sha512.c), so its checks
 * do not share code with the kernel side that built the evidence. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <futeet/futeet.h>
#include <errno.h>

#include "attest.h"

/* ATTESTATION_REPORT (SNP ABI 56860 rev 1.57, table "ATTESTATION_REPORT
 * Structure"): the offsets attest prints; all integers little-endian. */
#define R_VERSION        0x000
#define R_GUEST_SVN      0x004
#define R_POLICY         0x008
#define R_FAMILY_ID      0x010
#define R_IMAGE_ID       0x020
#define R_VMPL           0x030
#define R_CURRENT_TCB    0x038
#define R_SIGNER_INFO    0x048
#define R_REPORT_DATA    0x050
#define R_MEASUREMENT    0x090
#define R_HOST_DATA      0x0C0
#define R_REPORT_ID      0x140
#define R_REPORTED_TCB   0x180
#define R_CPUID_FAM      0x188   /* v3+ */
#define R_CPUID_MOD      0x189
#define R_CPUID_STEP     0x18A
#define R_CHIP_ID        0x1A0
#define R_COMMITTED_TCB  0x1E0
#define R_LAUNCH_TCB     0x1F0
#define REPORT_SIZE      0x4A0

/* Intel TDX quote (Intel DCAP quote A.3 v4, A.4 v5): header, then the TD
 * body at 0x30 (v4) or after the {u16 type, u32 size} descriptor at 0x36
 * (v5); offsets within the body. */
#define Q_VERSION        0x00
#define Q_TEE_TYPE       0x04
#define Q_V4_BODY        0x30
#define Q_V5_BODY        0x36
#define Q_TEE_TDX        0x81
#define B_TEE_TCB_SVN    0x000
#define B_MRSEAM         0x010
#define B_TD_ATTRIBUTES  0x078
#define B_XFAM           0x080
#define B_MRTD           0x088
#define B_MRCONFIGID     0x0B8
#define B_MROWNER        0x0E8
#define B_RTMR0          0x148
#define B_REPORT_DATA    0x208
#define B_TD10_SIZE      584

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

static uint64_t le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* TCB_VERSION layout per generation (SNP ABI 56860 "TCB_VERSION"; PEERS.md
 * c.2): Milan/Genoa [BL, TEE, 0,0,0,0, SNP, UCODE]; Turin [FMC, BL, TEE,
 * SNP, 0,0,0, UCODE]. */
static void print_tcb(const char *label, const uint8_t *t, int turin, int known)
{
	printf("attest: %-16s 0x%016llx", label, (unsigned long long)le(t, 8));
	if (known && turin)
		printf(" (fmc %u bl %u tee %u snp %u ucode %u)", t[0], t[1], t[2], t[3], t[7]);
	else if (known)
		printf(" (bl %u tee %u snp %u ucode %u)", t[0], t[1], t[6], t[7]);
	printf("\n");
}

static int print_report(const uint8_t *r, size_t len)
{
	static const char *const keys[8] = { "VCEK", "VLEK", "2?", "3?", "4?", "5?", "6?", "none" };
	uint32_t version, signer;
	unsigned fam, mod;
	const char *prod = "unknown";
	int turin = 0, known = 0;

	if (len != REPORT_SIZE) {
		printf("attest: failed: the report is %zu bytes, not %u\n", len, REPORT_SIZE);
		return -1;
	}
	version = (uint32_t)le(r + R_VERSION, 4);
	if (version < 2 || version > 5) {
		printf("attest: failed: unknown report version %u\n", version);
		return -1;
	}
	fam = version >= 3 ? r[R_CPUID_FAM] : 0;
	mod = version >= 3 ? r[R_CPUID_MOD] : 0;
	if (fam == 0x19 && mod <= 0x0F)
		prod = "Milan", known = 1;
	else if (fam == 0x19 && ((mod >= 0x10 && mod <= 0x1F) || (mod >= 0xA0 && mod <= 0xAF)))
		prod = "Genoa", known = 1;
	else if (fam == 0x1A && mod <= 0x1F)
		prod = "Turin", known = 1, turin = 1;
	signer = (uint32_t)le(r + R_SIGNER_INFO, 4);
	printf("attest: version          %u\n", version);
	printf("attest: guest_svn        %u\n", (unsigned)le(r + R_GUEST_SVN, 4));
	print_policy(le(r + R_POLICY, 8));
	printf("attest: vmpl             %u\n", (unsigned)le(r + R_VMPL, 4));
	print_hex("measurement", r + R_MEASUREMENT, 48);
	print_hex("report_data", r + R_REPORT_DATA, 64);
	print_hex("host_data", r + R_HOST_DATA, 32);
	print_hex("family_id", r + R_FAMILY_ID, 16);
	print_hex("image_id", r + R_IMAGE_ID, 16);
	printf("attest: product          %s (cpuid family 0x%x model 0x%x stepping %u)\n", prod,
	       fam, mod, version >= 3 ? r[R_CPUID_STEP] : 0);
	print_tcb("current_tcb", r + R_CURRENT_TCB, turin, known);
	print_tcb("reported_tcb", r + R_REPORTED_TCB, turin, known);
	print_tcb("committed_tcb", r + R_COMMITTED_TCB, turin, known);
	print_tcb("launch_tcb", r + R_LAUNCH_TCB, turin, known);
	print_hex("chip_id", r + R_CHIP_ID, 64);
	print_hex("report_id", r + R_REPORT_ID, 32);
	/* SIGNER_INFO: bit 0 AUTHOR_KEY_EN, bit 1 MASK_CHIP_KEY, bits 4:2 key. */
	printf("attest: signer           %s (author key %s, chip id %s)\n",
	       keys[(signer >> 2) & 7], (signer & 1) ? "on" : "off",
	       (signer & 2) ? "masked" : "present");
	return 0;
}

/* The TD quote body, or NULL when the quote is not a TDX v4/v5 quote. */
static const uint8_t *tdx_body(const uint8_t *q, size_t len)
{
	size_t off;
	unsigned version;

	if (len < Q_V5_BODY + B_TD10_SIZE || q[Q_TEE_TYPE] != Q_TEE_TDX)
		return NULL;
	version = q[Q_VERSION] | q[Q_VERSION + 1] << 8;
	off = version == 4 ? Q_V4_BODY : version == 5 ? Q_V5_BODY : 0;
	return off ? q + off : NULL;
}

static int print_tdx_quote(const uint8_t *q, size_t len, const uint8_t **report_data)
{
	const uint8_t *b = tdx_body(q, len);
	uint64_t attr;

	if (b == NULL) {
		printf("attest: failed: the outblob is not a TDX quote (v4/v5, TEE type 0x81)\n");
		return -1;
	}
	attr = le(b + B_TD_ATTRIBUTES, 8);
	printf("attest: quote_version    %u\n", q[Q_VERSION] | q[Q_VERSION + 1] << 8);
	/* TD_ATTRIBUTES (TDX Module ABI 348551): bit 0 DEBUG, 28 SEPT_VE_DISABLE */
	printf("attest: td_attributes    0x%016llx (debug %s, sept_ve_disable %s)\n",
	       (unsigned long long)attr, onoff(attr, 1ull << 0), onoff(attr, 1ull << 28));
	printf("attest: xfam             0x%016llx\n", (unsigned long long)le(b + B_XFAM, 8));
	print_hex("tee_tcb_svn", b + B_TEE_TCB_SVN, 16);
	print_hex("mrseam", b + B_MRSEAM, 48);
	print_hex("mrtd", b + B_MRTD, 48);
	print_hex("mrconfigid", b + B_MRCONFIGID, 48);
	print_hex("mrowner", b + B_MROWNER, 48);
	for (int i = 0; i < 4; i++) {
		char label[8] = "rtmrN";
		label[4] = (char)('0' + i);
		print_hex(label, b + B_RTMR0 + 48 * i, 48);
	}
	print_hex("report_data", b + B_REPORT_DATA, 64);
	*report_data = b + B_REPORT_DATA;
	return 0;
}

static int derive_key_fingerprint(void)
{
	static const char label[] = "futeet-attest-key-fingerprint";
	struct futeet_key_req req;
	uint8_t buf[sizeof(label) - 1 + FUTEET_KEY_LEN], fp[64];
	long r;

	memset(&req, 0, sizeof(req));
	req.root_key = FUTEET_KEY_ROOT_VCEK;
	req.field_select = FUTEET_KEY_FIELD_MEASUREMENT | FUTEET_KEY_FIELD_POLICY;
	memcpy(buf, label, sizeof(label) - 1);
	r = futeet_derive_key(&req, buf + sizeof(label) - 1);
	if (futeet_is_err(r)) {
		printf("attest: failed: key derivation: %s\n", strerror((int)-r));
		return 1;
	}
	attest_sha512(buf, sizeof(buf), fp);
	memset(buf, 0, sizeof(buf));
	__asm__ __volatile__("" : : "r"(buf) : "memory"); /* keep the wipe */
	print_hex("key_fingerprint", fp, 16);
	return 0;
}

static int extend3(const char *text)
{
	uint8_t d[FUTEET_EXTEND_DIGEST_LEN];
	size_t n = strlen(text);
	long r;

	attest_sha384(text, n, d);
	r = futeet_extend(2, d, text, n);
	if (r != -EPERM) {
		printf("attest: failed: extending register 2 from userland gave %ld, not EPERM\n", r);
		return 1;
	}
	printf("attest: extend register 2: refused (EPERM), as it must be\n");
	r = futeet_extend(FUTEET_EXTEND_USER_INDEX, d, text, n);
	if (futeet_is_err(r)) {
		printf("attest: failed: extend register 3: %s\n", strerror((int)-r));
		return 1;
	}
	print_hex("extended_rtmr3", d, sizeof(d));
	return 0;
}

/* futeet_measurements: registers 2 and 3 and the kernel's event log (TCG
 * PFP 1.05 crypto-agile: TCG_PCR_EVENT with the Spec ID event, then
 * TCG_PCR_EVENT2 {u32 mr, u32 type, u32 count, {u16 alg, digest}, u32
 * size, data}, MR index = register + 1); replayed here with attest's own
 * SHA-384, the log must give the registers. */
static uint8_t mlog[FUTEET_MEASUREMENT_LOG_MAX];

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int check_measurements(void)
{
	struct futeet_measurements m;
	uint8_t reg[2][48], buf[96];
	size_t len = 0, off;
	unsigned events = 0;
	long r;

	r = futeet_measurements(&m, mlog, sizeof(mlog), &len);
	if (futeet_is_err(r)) {
		printf("attest: failed: futeet_measurements: %s\n", strerror((int)-r));
		return 1;
	}
	memset(reg, 0, sizeof(reg));
	if (len < 32 || memcmp(mlog + 32, "Spec ID Event03", 16) != 0)
		goto bad;
	off = 32 + (size_t)le32(mlog + 28);
	while (off < len) {
		uint32_t mr, count, size;

		if (len - off < 12)
			goto bad;
		mr = le32(mlog + off);
		count = le32(mlog + off + 8);
		off += 12;
		/* one SHA-384 digest (TPM_ALG_SHA384 = 0x000C) */
		if (count != 1 || mr < 3 || mr > 4 || len - off < 2 + 48 + 4 ||
		    mlog[off] != 0x0C || mlog[off + 1] != 0)
			goto bad;
		memcpy(buf, reg[mr - 3], 48);
		memcpy(buf + 48, mlog + off + 2, 48);
		attest_sha384(buf, sizeof(buf), reg[mr - 3]);
		off += 50;
		size = le32(mlog + off);
		off += 4;
		if (size > len - off)
			goto bad;
		off += size;
		events++;
	}
	if (m.count != 2 || memcmp(reg[0], m.reg[0].value, 48) != 0 ||
	    memcmp(reg[1], m.reg[1].value, 48) != 0) {
		printf("attest: failed: the event log does not replay to registers 2 and 3\n");
		return 1;
	}
	print_hex("register2", m.reg[0].value, 48);
	print_hex("register3", m.reg[1].value, 48);
	printf("attest: registers        %s; the event log (%u events, %zu bytes) replays to them: ok\n",
	       m.source == FUTEET_RTM_KERNEL_SW ? "kernel software registers" : "hardware registers",
	       events, len);
	return 0;
bad:
	printf("attest: failed: the kernel's event log is malformed\n");
	return 1;
}

static int attest_once(const uint8_t *nonce, size_t nonce_len)
{
	struct attest_view v;
	const uint8_t *report_data;
	uint8_t rd[64];
	const char *why = "";
	long n;

	size_t out_len = 0;
	long r;

	r = futeet_attest(nonce, nonce_len, evidence, sizeof(evidence), &out_len, NULL);
	if (futeet_is_err(r)) {
		printf("attest: failed: no evidence: %s\n", strerror((int)-r));
		return 1;
	}
	n = (long)out_len;
	if (attest_decode(evidence, (size_t)n, &v, &why)) {
		printf("attest: failed: the evidence does not decode: %s\n", why);
		return 1;
	}
	if (v.nonce_len != nonce_len || memcmp(v.nonce, nonce, nonce_len) != 0) {
		printf("attest: failed: the claims do not carry our nonce\n");
		return 1;
	}
	/* the configfs-tsm provider; the sims' are "sim_sev_guest", "sim_tdx_guest" */
	printf("attest: provider         %.*s%s\n", (int)v.provider_len, v.provider,
	       v.provider_len > 4 && memcmp(v.provider, "sim_", 4) == 0 ?
	       " (sim: test keys, not confidential)" : "");
	if (v.provider_len >= 9 && memcmp(v.provider + v.provider_len - 9, "tdx_guest", 9) == 0) {
		printf("attest: evidence         %ld bytes (claims %zu, quote %zu, event log %zu)\n",
		       n, v.claims_len, v.outblob_len, v.ccel_len);
		if (print_tdx_quote(v.outblob, v.outblob_len, &report_data))
			return 1;
	} else {
		printf("attest: evidence         %ld bytes (claims %zu, report %zu, cert table %zu)\n",
		       n, v.claims_len, v.outblob_len, v.auxblob_len);
		if (print_report(v.outblob, v.outblob_len))
			return 1;
		report_data = v.outblob + R_REPORT_DATA;
	}
	attest_sha512(v.claims, v.claims_len, rd);
	if (memcmp(report_data, rd, sizeof(rd)) != 0) {
		printf("attest: failed: REPORT_DATA is not SHA-512 of the claims set\n");
		return 1;
	}
	printf("attest: binding          REPORT_DATA = SHA-512(claims set): ok; eat_nonce: ok\n");
	if (check_measurements())
		return 1;
	futeet_print_armored("EVIDENCE", evidence, (size_t)n);
	return 0;
}

int main(int argc, char **argv)
{
	uint8_t nonce[FUTEET_NONCE_MAX];
	size_t nonce_len = 0;
	bool twice = false, key = false;
	const char *hex = NULL, *ext3 = NULL;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--twice") == 0)
			twice = true;
		else if (strcmp(argv[i], "--key") == 0)
			key = true;
		else if (strcmp(argv[i], "--extend3") == 0 && i + 1 < argc)
			ext3 = argv[++i];
		else if (hex == NULL)
			hex = argv[i];
		else
			hex = "";
	}
	if (hex == NULL || parse_hex(hex, nonce, sizeof(nonce), &nonce_len) ||
	    nonce_len < FUTEET_NONCE_MIN) {
		printf("usage: attest [--twice] [--key] [--extend3 TEXT] NONCE_HEX (8 to 64 bytes of hex)\n");
		return 2;
	}
	if (ext3 != NULL && extend3(ext3) != 0)
		return 1;
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
