/* futeet-verify: evidence -> EAR attestation result (DESIGN.md section 5).
 *
 *   futeet-verify [--certs FILE] [--roots DIR] [--policy FILE] [--nonce HEX]
 *                 [--time RFC3339] [--allow-sim] [--format json|cbor|text] FILE
 *
 * FILE: FUTEET evidence (CBOR CMW collection, or its base64 between
 * "-----BEGIN FUTEET EVIDENCE-----" / "-----END FUTEET EVIDENCE-----" as the
 * guest's attest app prints it, or bare base64), or a raw 1184-byte SEV-SNP
 * report (binary, or hex text). Exit: 0 affirming, 3 warning, 1 contraindicated, 2 usage or
 * parse error; one line on stderr says why. The appraisal is lib/verify
 * (the code a guest runs); this file only reads files and the clock.
 *
 *   futeet-verify --cert CERT [options]      RA-TLS (docs/CHANNEL.md 11)
 *   futeet-verify --cert CERT --client-nonce HEX --exporter HEX [options] FRESH
 *
 * CERT (PEM or DER): the evidence in its extension 2.23.133.5.4.9 is
 * appraised as above with the expected eat_nonce = SHA-256 of the
 * certificate's SubjectPublicKeyInfo, and then the claims' cnf must be the
 * certificate's key and the certificate must be signed by it. With FRESH
 * (the evidence the server sent after the handshake) that evidence is
 * appraised instead, its eat_nonce expected to bind the client's nonce, the
 * key and the TLS exporter (CHANNEL.md 11.3). */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/hex.h"
#include "lib/json.h"
#include "lib/verify/appraise.h"
#include "lib/verify/ear.h"
#include "lib/verify/policy.h"
#include "lib/measure/snp.h"
#include <bearssl.h>
#include "lib/x509.h"
#include "lib/ratls.h"
#include "tools/common/file.h"
#include "tools/futeet-verify/collateral.h"
#include "tools/futeet-verify/text.h"

#define EXIT_AFFIRMING 0
#define EXIT_CONTRA    1
#define EXIT_USAGE     2
#define EXIT_WARNING   3

#define MAX_FILE   (1u << 20)
#define MAX_CERTS  16u
#define CERT_MAX   8192u
#define EAR_MAX    (64u * 1024u)
#define VERIFIER_BUILD "futeet-verify 0.1"

/* The FUTEET sim ARK(s), generated from tools/futeet-sim's committed seed
 * ($(BUILD)/gen/futeet-verify/sim_roots.c). */
extern const uint8_t futeet_sim_ark_der[];
extern const size_t futeet_sim_ark_der_len;
extern const uint8_t futeet_sim_tdx_root_der[];
extern const size_t futeet_sim_tdx_root_der_len;

static void usage(void)
{
	fprintf(stderr,
		"usage: futeet-verify [--certs FILE] [--roots DIR] [--policy FILE] [--nonce HEX]\n"
		"                     [--time RFC3339] [--allow-sim] [--format json|cbor|text]\n"
		"                     [--collateral FILE|DIR] [--event-log FILE] FILE\n"
		"       futeet-verify --cert CERT [--client-nonce HEX --exporter HEX FRESH] [options]\n"
		"  --cert: an RA-TLS certificate (PEM or DER): its evidence extension\n"
		"  2.23.133.5.4.9 is appraised and must bind the certificate's key; with\n"
		"  FRESH, the evidence the server sent for --client-nonce (32 bytes) over the\n"
		"  TLS session whose exporter (EXPERIMENTAL-futeet-ratls-v1, 32 bytes) is given\n"
		"  --event-log: a TDX CC event log (CCEL) to replay against a raw quote's RTMRs;\n"
		"  --collateral: Intel TDX collateral, dcap-qvl's JSON file or a directory of\n"
		"  PCS responses (tcb_info.json, qe_identity.json, their *_issuer_chain.pem,\n"
		"  pck_crl.der, root_crl.der); without it a TDX TCB status is not evaluated;\n"
		"  --format text: a short report for a person (tools/futeet-verify/text.h);\n"
		"  json (the default) and cbor: the EAR attestation result\n");
}

static int die(int code, const char *a, const char *b)
{
	fprintf(stderr, "futeet-verify: %s%s\n", a, b ? b : "");
	return code;
}


/* The policy's "reference" (docs/POLICY.md): the SEV-SNP launch digest of
 * that firmware and launch, computed with lib/measure as futeet-measure
 * computes it, becomes one more reference measurement, and the policy learns
 * whether MEASUREMENT covers the kernel. */
static int resolve_reference(struct policy *pol, char *why, size_t why_len)
{
	const struct policy_reference *ref = &pol->reference;
	struct snp_launch_params p;
	br_sha256_context h;
	uint8_t *buf = NULL, d[SNP_LD_SIZE];
	const char *mwhy = "";
	size_t len;
	int r;

	memset(&p, 0, sizeof(p));
	p.vcpus = ref->vcpus;
	p.sev_features = ref->guest_features;
	if (snp_vcpu_type_sig(ref->vcpu_type, &p.vcpu_sig)) {
		snprintf(why, why_len, "policy reference: unknown vcpu_type %s", ref->vcpu_type);
		return -EINVAL;
	}
	if (!strcmp(ref->vmm, "qemu"))
		p.vmm = SNP_VMM_QEMU;
	else if (!strcmp(ref->vmm, "ec2"))
		p.vmm = SNP_VMM_EC2;
	else if (!strcmp(ref->vmm, "gce"))
		p.vmm = SNP_VMM_GCE;
	else {
		snprintf(why, why_len, "policy reference: vmm is qemu, ec2 or gce, not %s", ref->vmm);
		return -EINVAL;
	}
	if (ref->kernel[0]) {
		if (tool_sha256_file(ref->kernel, p.kernel_sha256)) {
			snprintf(why, why_len, "policy reference: cannot read kernel %s", ref->kernel);
			return -ENOENT;
		}
		p.kernel_hashes = 1;
		br_sha256_init(&h); /* no initrd: QEMU hashes an empty one */
		br_sha256_out(&h, p.initrd_sha256);
		snp_cmdline_sha256(ref->append, strlen(ref->append), p.cmdline_sha256);
	}
	if (tool_read_file(ref->firmware, OVMF_FW_MAX_SIZE, &buf, &len)) {
		snprintf(why, why_len, "policy reference: cannot read firmware %s", ref->firmware);
		return -ENOENT;
	}
	r = snp_launch_digest(buf, len, &p, d, NULL, NULL, &mwhy);
	free(buf);
	if (r) {
		snprintf(why, why_len, "policy reference: %s: %s", ref->firmware, mwhy);
		return r;
	}
	if (pol->n_measurements >= POLICY_MAX_MEASUREMENTS) {
		snprintf(why, why_len, "policy reference: no room for one more reference measurement");
		return -ENOSPC;
	}
	memcpy(pol->measurements[pol->n_measurements++], d, SNP_LD_SIZE);
	pol->measurements_set = true;
	pol->coverage_known = true;
	pol->kernel_bound = p.kernel_hashes;
	fprintf(stderr, "futeet-verify: reference launch measurement ");
	for (size_t i = 0; i < sizeof(d); i++)
		fprintf(stderr, "%02x", d[i]);
	fprintf(stderr, " (%s, %u vCPU(s), %s): %s\n", ref->firmware, ref->vcpus, ref->vcpu_type,
		p.kernel_hashes ? "covers firmware, kernel and command line" :
		"covers the firmware only (kernel not bound by the launch measurement)");
	return 0;
}

static int read_file(const char *path, uint8_t **out, size_t *len)
{
	return tool_read_file(path, MAX_FILE, out, len);
}

static int b64val(int c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+' || c == '-') return 62;
	if (c == '/' || c == '_') return 63;
	return -1;
}

/* A console line that is not base64 (a log line that landed inside the
 * armour, e.g. "sim: ..." forwarded by scripts/run) is skipped whole. */
static bool b64_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i] != '\n'; i++)
		if (b64val((unsigned char)s[i]) < 0 && s[i] != '=' && s[i] != '\r')
			return false;
	return true;
}

/* Base64 (RFC 4648, standard or url alphabet, '=' ignored), line by line. */
static int b64_decode(const char *s, size_t n, uint8_t *out, size_t cap, size_t *len)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		int v;
		if ((i == 0 || s[i - 1] == '\n') && !b64_line(s + i, n - i)) {
			while (i < n && s[i] != '\n')
				i++;
			continue;
		}
		if (s[i] == '\n' || s[i] == '\r' || s[i] == '=')
			continue;
		v = b64val((unsigned char)s[i]);
		if (v < 0)
			return -EBADMSG;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= cap)
				return -ENOSPC;
			out[o++] = (uint8_t)(acc >> bits);
		}
	}
	*len = o;
	return 0;
}

/* Bare base64 of the CMW (no armour): all base64 text that decodes to a
 * CBOR map. Anything else is left as it is (binary input). */
static void unwrap_base64(uint8_t *buf, size_t *len)
{
	size_t n = 0;
	if (*len < 8)
		return;
	for (size_t i = 0; i < *len; i++)
		if (b64val(buf[i]) < 0 && buf[i] != '=' && buf[i] != '\n' && buf[i] != '\r')
			return;
	if (b64_decode((const char *)buf, *len, buf, *len, &n) == 0 && n > 0 &&
	    (buf[0] >> 5) == 5 /* CBOR major type 5, map (RFC 8949) */)
		*len = n;
}

/* Evidence text forms: the attest app's armour, or hex of a raw report. */
static void unwrap_input(uint8_t *buf, size_t *len)
{
	static const char begin[] = "-----BEGIN FUTEET EVIDENCE-----";
	static const char end[] = "-----END FUTEET EVIDENCE-----";
	char *b = memmem(buf, *len, begin, sizeof(begin) - 1), *e;
	size_t n;

	if (b) {
		b += sizeof(begin) - 1;
		e = memmem(b, *len - (size_t)((uint8_t *)b - buf), end, sizeof(end) - 1);
		if (e && b64_decode(b, (size_t)(e - b), buf, *len, &n) == 0)
			*len = n;
		return;
	}
	/* all hex digits and whitespace, decoding to one SNP report */
	{
		size_t digits = 0;
		for (size_t i = 0; i < *len; i++) {
			char c = (char)buf[i];
			if (hex_digit(c) >= 0)
				digits++;
			else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
				unwrap_base64(buf, len);
				return;
			}
		}
		if (digits != 2 * SNP_REPORT_SIZE) {
			unwrap_base64(buf, len);
			return;
		}
		n = 0;
		for (size_t i = 0; i < *len; i++) {
			int v = hex_digit((char)buf[i]);
			if (v < 0)
				continue;
			if (n % 2 == 0)
				buf[n / 2] = (uint8_t)(v << 4);
			else
				buf[n / 2] |= (uint8_t)v;
			n++;
		}
		*len = n / 2;
	}
}

struct certset {
	size_t n;
	uint8_t der[MAX_CERTS][CERT_MAX];
	size_t len[MAX_CERTS];
	struct x509_cert c[MAX_CERTS];
};

/* Add every certificate of a PEM or DER file. */
static int certs_add_file(struct certset *s, const char *path)
{
	uint8_t *buf;
	size_t len, pos = 0;
	int r = read_file(path, &buf, &len);
	if (r)
		return r;
	if (memmem(buf, len, "-----BEGIN CERTIFICATE-----", 27)) {
		for (;;) {
			if (s->n >= MAX_CERTS) {
				r = -E2BIG;
				break;
			}
			r = x509_pem_next((const char *)buf, len, &pos, s->der[s->n], CERT_MAX,
					  &s->len[s->n]);
			if (r == -ENOENT) {
				r = 0;
				break;
			}
			if (r)
				break;
			r = x509_parse(s->der[s->n], s->len[s->n], &s->c[s->n]);
			if (r)
				break;
			s->n++;
		}
	} else {
		if (s->n >= MAX_CERTS || len > CERT_MAX) {
			r = -E2BIG;
		} else {
			memcpy(s->der[s->n], buf, len);
			s->len[s->n] = len;
			r = x509_parse(s->der[s->n], len, &s->c[s->n]);
			if (!r)
				s->n++;
		}
	}
	free(buf);
	return r;
}

static int certs_add_dir(struct certset *s, const char *dir, char *bad, size_t bad_len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int r = 0;
	if (!d)
		return -ENOENT;
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		r = certs_add_file(s, path);
		if (r) {
			snprintf(bad, bad_len, "%s", path);
			break;
		}
	}
	closedir(d);
	return r;
}

static bool self_signed(const struct x509_cert *c)
{
	return c->subject_len == c->issuer_len && !memcmp(c->subject, c->issuer, c->issuer_len);
}

static bool issued_by(const struct x509_cert *c, const struct x509_cert *i)
{
	return c->issuer_len == i->subject_len && !memcmp(c->issuer, i->subject, c->issuer_len);
}

/* Leaf = the EC (P-384) certificate; ASK/ASVK = the CA that named it as
 * issuer; ARK = the self-signed CA that issued the ASK. When the user gave
 * CAs but none fits, the first one given is still used, so that a wrong
 * chain fails verification instead of being silently replaced by the
 * built-in one. */
static void certs_pick(const struct certset *s, int *leaf, int *ask, int *ark)
{
	int first_ask = -1, first_ark = -1;
	*leaf = *ask = *ark = -1;
	for (size_t i = 0; i < s->n; i++)
		if (s->c[i].key.type == X509_KEY_EC && *leaf < 0)
			*leaf = (int)i;
	for (size_t i = 0; i < s->n; i++) {
		if (s->c[i].key.type != X509_KEY_RSA || self_signed(&s->c[i]))
			continue;
		if (first_ask < 0)
			first_ask = (int)i;
		if (*ask < 0 && *leaf >= 0 && issued_by(&s->c[*leaf], &s->c[i]))
			*ask = (int)i;
	}
	if (*ask < 0)
		*ask = first_ask;
	for (size_t i = 0; i < s->n; i++) {
		if (s->c[i].key.type != X509_KEY_RSA || !self_signed(&s->c[i]))
			continue;
		if (first_ark < 0)
			first_ark = (int)i;
		if (*ark < 0 && *ask >= 0 && issued_by(&s->c[*ask], &s->c[i]))
			*ark = (int)i;
	}
	if (*ark < 0)
		*ark = first_ark;
}

/* An RA-TLS certificate file, PEM (the first CERTIFICATE block) or DER,
 * parsed into *c (views into *der, which the caller frees). */
static int ratls_read_cert(const char *path, uint8_t **der, size_t *der_len,
			   struct ratls_cert *c, const char **why)
{
	uint8_t *buf;
	size_t len, pos = 0, n = 0;
	int r = read_file(path, &buf, &len);

	*why = "cannot read the certificate file";
	if (r)
		return r;
	if (memmem(buf, len, "-----BEGIN CERTIFICATE-----", 27)) {
		uint8_t *d = malloc(len);
		if (!d) {
			free(buf);
			return -ENOMEM;
		}
		r = x509_pem_next((const char *)buf, len, &pos, d, len, &n);
		free(buf);
		if (r) {
			free(d);
			*why = "the PEM certificate block is not valid base64";
			return r;
		}
		buf = d;
		len = n;
	}
	*der = buf;
	*der_len = len;
	return ratls_cert_parse(buf, len, c, why);
}

/* 1..cap bytes of hex (an even number of digits). */
static int parse_hex(const char *s, uint8_t *out, size_t cap, size_t *len)
{
	size_t n = strlen(s);
	if (n % 2 || n / 2 > cap || n == 0)
		return -EINVAL;
	*len = n / 2;
	return hex_decode(s, n, out, n / 2);
}

int main(int argc, char **argv)
{
	enum { O_CERTS = 1, O_ROOTS, O_POLICY, O_NONCE, O_TIME, O_ALLOW_SIM, O_FORMAT, O_HELP,
	       O_COLLATERAL, O_EVENT_LOG, O_CERT, O_CLIENT_NONCE, O_EXPORTER };
	static const struct option opts[] = {
		{ "certs", required_argument, 0, O_CERTS },
		{ "roots", required_argument, 0, O_ROOTS },
		{ "policy", required_argument, 0, O_POLICY },
		{ "nonce", required_argument, 0, O_NONCE },
		{ "time", required_argument, 0, O_TIME },
		{ "allow-sim", no_argument, 0, O_ALLOW_SIM },
		{ "format", required_argument, 0, O_FORMAT },
		{ "help", no_argument, 0, O_HELP },
		{ "collateral", required_argument, 0, O_COLLATERAL },
		{ "event-log", required_argument, 0, O_EVENT_LOG },
		{ "cert", required_argument, 0, O_CERT },
		{ "client-nonce", required_argument, 0, O_CLIENT_NONCE },
		{ "exporter", required_argument, 0, O_EXPORTER },
		{ 0, 0, 0, 0 },
	};
	const char *certs_path = NULL, *roots_dir = NULL, *policy_path = NULL, *time_s = NULL;
	const char *nonce_s = NULL, *collateral_path = NULL, *ccel_path = NULL;
	const char *cert_path = NULL, *client_nonce_s = NULL, *exporter_s = NULL;
	const char *cert_why = NULL;
	static struct ratls_cert rcert;
	uint8_t *cert_der = NULL, cert_nonce[RATLS_HASH_LEN];
	size_t cert_der_len = 0;
	uint8_t *ccel = NULL;
	size_t ccel_len = 0;
	static struct tdx_collateral coll;
	bool allow_sim = false, text = false;
	enum ear_format fmt = EAR_FORMAT_JSON;
	static struct certset cs;
	static struct policy pol;
	static struct appraise_result res;
	static uint8_t ear[EAR_MAX];
	struct appraise_input in;
	struct ear_meta meta;
	uint8_t nonce[64];
	size_t nonce_len = 0, ear_len = 0, ev_len;
	uint8_t *ev;
	int64_t now;
	char why[512];
	int o, r, leaf, ask, ark;
	const uint8_t *sim_roots[2];
	size_t sim_lens[2];

	opterr = 0; /* one line of reason, ours */
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case O_CERTS: certs_path = optarg; break;
		case O_ROOTS: roots_dir = optarg; break;
		case O_POLICY: policy_path = optarg; break;
		case O_NONCE: nonce_s = optarg; break;
		case O_TIME: time_s = optarg; break;
		case O_COLLATERAL: collateral_path = optarg; break;
		case O_EVENT_LOG: ccel_path = optarg; break;
		case O_CERT: cert_path = optarg; break;
		case O_CLIENT_NONCE: client_nonce_s = optarg; break;
		case O_EXPORTER: exporter_s = optarg; break;
		case O_ALLOW_SIM: allow_sim = true; break;
		case O_FORMAT:
			if (!strcmp(optarg, "json"))
				fmt = EAR_FORMAT_JSON;
			else if (!strcmp(optarg, "cbor"))
				fmt = EAR_FORMAT_CBOR;
			else if (!strcmp(optarg, "text"))
				text = true;
			else
				return die(EXIT_USAGE, "--format takes json, cbor or text, not ", optarg);
			break;
		case O_HELP:
			usage();
			return 0;
		default:
			return die(EXIT_USAGE, "unknown option or missing argument: ",
				   optind > 1 && optind <= argc ? argv[optind - 1] : "(see --help)");
		}
	}
	if (cert_path) {
		uint8_t cn[RATLS_NONCE_LEN], ex[RATLS_EXPORTER_LEN];
		size_t cn_len = 0, ex_len = 0;
		const char *why_c;
		bool fresh = optind == argc - 1;

		if (optind < argc - 1)
			return die(EXIT_USAGE, "--cert takes at most one FRESH evidence FILE", NULL);
		if (nonce_s)
			return die(EXIT_USAGE, "--cert sets the expected nonce itself: no --nonce", NULL);
		if (fresh != (client_nonce_s != NULL) || fresh != (exporter_s != NULL))
			return die(EXIT_USAGE, "fresh evidence needs FILE, --client-nonce and --exporter together", NULL);
		if (fresh && (parse_hex(client_nonce_s, cn, sizeof(cn), &cn_len) || cn_len != sizeof(cn)))
			return die(EXIT_USAGE, "--client-nonce wants 32 bytes of hex, not ", client_nonce_s);
		if (fresh && (parse_hex(exporter_s, ex, sizeof(ex), &ex_len) || ex_len != sizeof(ex)))
			return die(EXIT_USAGE, "--exporter wants 32 bytes of hex, not ", exporter_s);
		r = ratls_read_cert(cert_path, &cert_der, &cert_der_len, &rcert, &why_c);
		if (r) {
			snprintf(why, sizeof(why), "--cert %s: %s", cert_path, why_c);
			return die(EXIT_USAGE, why, NULL);
		}
		if (fresh)
			ratls_fresh_nonce(cn, rcert.spki_hash, ex, cert_nonce);
		else
			memcpy(cert_nonce, rcert.spki_hash, sizeof(cert_nonce));
	} else if (optind != argc - 1) {
		return die(EXIT_USAGE, "exactly one evidence FILE is needed (see --help)", NULL);
	}

	if (time_s) {
		if (policy_parse_time(time_s, strlen(time_s), &now))
			return die(EXIT_USAGE, "--time wants an RFC 3339 date-time, not ", time_s);
	} else {
		now = (int64_t)time(NULL);
	}
	if (nonce_s && parse_hex(nonce_s, nonce, sizeof(nonce), &nonce_len))
		return die(EXIT_USAGE, "--nonce wants 1..64 bytes of hex, not ", nonce_s);

	policy_default(&pol);
	if (policy_path) {
		uint8_t *pj;
		size_t pl;
		r = read_file(policy_path, &pj, &pl);
		if (r)
			return die(EXIT_USAGE, "cannot read policy ", policy_path);
		r = policy_parse((const char *)pj, pl, &pol, why, sizeof(why));
		free(pj);
		if (r)
			return die(EXIT_USAGE, why, NULL);
		if (pol.reference.set && resolve_reference(&pol, why, sizeof(why)))
			return die(EXIT_USAGE, why, NULL);
	}

	if (certs_path && (r = certs_add_file(&cs, certs_path)) != 0) {
		snprintf(why, sizeof(why), "--certs %s: %s", certs_path, futeet_strerror(r));
		return die(EXIT_USAGE, why, NULL);
	}
	if (roots_dir) {
		char bad[4096] = "";
		r = certs_add_dir(&cs, roots_dir, bad, sizeof(bad));
		if (r) {
			snprintf(why, sizeof(why), "--roots %s: %s%s%s", roots_dir, futeet_strerror(r),
				 bad[0] ? " in " : "", bad);
			return die(EXIT_USAGE, why, NULL);
		}
	}
	certs_pick(&cs, &leaf, &ask, &ark);
	if (collateral_path && verify_collateral_load(collateral_path, &coll, why, sizeof(why)))
		return die(EXIT_USAGE, why, NULL);
	if (ccel_path && read_file(ccel_path, &ccel, &ccel_len))
		return die(EXIT_USAGE, "cannot read event log ", ccel_path);

	if (cert_path && optind == argc) {
		/* the certificate's own evidence, copied: the buffers below are freed */
		ev = malloc(rcert.evidence_len);
		if (!ev)
			return die(EXIT_USAGE, "out of memory", NULL);
		memcpy(ev, rcert.evidence, rcert.evidence_len);
		ev_len = rcert.evidence_len;
	} else {
		r = read_file(argv[optind], &ev, &ev_len);
		if (r)
			return die(EXIT_USAGE, "cannot read evidence file ", argv[optind]);
		unwrap_input(ev, &ev_len);
	}

	memset(&in, 0, sizeof(in));
	in.evidence = ev;
	in.evidence_len = ev_len;
	if (leaf >= 0) {
		in.leaf_der = cs.der[leaf];
		in.leaf_len = cs.len[leaf];
	}
	if (ask >= 0) {
		in.ask_der = cs.der[ask];
		in.ask_len = cs.len[ask];
	}
	if (ark >= 0) {
		in.ark_der = cs.der[ark];
		in.ark_len = cs.len[ark];
	}
	if (nonce_s) {
		in.nonce = nonce;
		in.nonce_len = nonce_len;
	}
	if (cert_path) {
		nonce_s = "";  /* the expected nonce is the certificate's (below) */
		memcpy(nonce, cert_nonce, sizeof(cert_nonce));
		nonce_len = sizeof(cert_nonce);
		in.nonce = nonce;
		in.nonce_len = nonce_len;
	}
	in.time_known = true;
	in.now = now;
	in.allow_sim = allow_sim;
	/* the sim's SNP ARK and its TDX root; each verifier honours its own */
	sim_roots[0] = futeet_sim_ark_der;
	sim_lens[0] = futeet_sim_ark_der_len;
	sim_roots[1] = futeet_sim_tdx_root_der;
	sim_lens[1] = futeet_sim_tdx_root_der_len;
	in.sim_roots = sim_roots;
	in.sim_root_lens = sim_lens;
	in.n_sim_roots = 2;
	in.policy = &pol;
	in.tdx_collateral = collateral_path ? &coll : NULL;
	in.ccel = ccel;
	in.ccel_len = ccel_len;

	r = appraise(&in, &res, why, sizeof(why));
	if (r) {
		free(ev);
		if (cert_path)
			return die(EXIT_USAGE, "certificate's evidence: ", why);
		return die(EXIT_USAGE, why, NULL);
	}
	/* RA-TLS: the verified claims must bind the certificate's key (cnf) and
	 * the expected eat_nonce, and the certificate be signed by that key. */
	if (cert_path) {
		if (res.binding != APPRAISE_BINDING_OK || !res.have_claims)
			cert_why = "the evidence's claims set is not bound by its vendor report";
		else if (ratls_check_binding(&rcert, res.cnf_crv, res.cnf_coord_len, res.cnf_x,
					     res.cnf_y, res.eat_nonce, res.eat_nonce_len,
					     cert_nonce, &cert_why))
			; /* cert_why set */
		else if (ratls_cert_check_self_signed(&rcert))
			cert_why = "the certificate is not self-signed by its key";
		free(cert_der);
		if (!cert_why)
			fprintf(stderr, "futeet-verify: certificate: cnf is the certificate's key, "
				"eat_nonce binds %s\n", optind == argc ? "SHA-256(SubjectPublicKeyInfo)"
				: "the client's nonce, the key and the TLS exporter");
	}

	if (text) {
		struct text_meta tm = { nonce_s ? nonce : NULL, nonce_len, now };
		free(ev);
		if (verify_text_write(stdout, &res, &tm))
			return die(EXIT_USAGE, "write error on stdout", NULL);
		goto verdict;
	}
	memset(&meta, 0, sizeof(meta));
	meta.iat = now;
	meta.build = VERIFIER_BUILD;
	if (nonce_s) {
		meta.nonce = nonce;
		meta.nonce_len = nonce_len;
	}
	r = ear_write(&res, &meta, fmt, ear, sizeof(ear), &ear_len);
	free(ev);
	if (r)
		return die(EXIT_USAGE, "cannot write the attestation result: ", futeet_strerror(r));
	if (fwrite(ear, 1, ear_len, stdout) != ear_len || fflush(stdout))
		return die(EXIT_USAGE, "write error on stdout", NULL);

verdict:
	/* The certificate's reason when the claims were bound (it names the
	 * key; a wrong key also fails the appraisal's nonce check), else the
	 * appraisal's own: no binding can hold without it. */
	if (cert_why && (res.status != EAR_TIER_CONTRAINDICATED ||
			 (res.binding == APPRAISE_BINDING_OK && res.have_claims))) {
		fprintf(stderr, "futeet-verify: contraindicated: certificate: %s\n", cert_why);
		return EXIT_CONTRA;
	}
	switch (res.status) {
	case EAR_TIER_AFFIRMING:
		fprintf(stderr, "futeet-verify: affirming\n");
		return EXIT_AFFIRMING;
	case EAR_TIER_WARNING:
		fprintf(stderr, "futeet-verify: warning: %s\n", appraise_summary(&res));
		return EXIT_WARNING;
	default:
		fprintf(stderr, "futeet-verify: contraindicated: %s\n", appraise_summary(&res));
		return EXIT_CONTRA;
	}
}
