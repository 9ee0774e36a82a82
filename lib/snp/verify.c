/* SEV-SNP report verification.
 *
 *   ARK (self-signed, RSA-4096, RSASSA-PSS SHA-384)      built in, or a caller's
 *    +-- ASK  "SEV-<Product>"        --> VCEK (P-384)   extra root (allow_sim)
 *    +-- ASVK "SEV-VLEK-<Product>"   --> VLEK (P-384)
 *                                          |
 *   ATTESTATION_REPORT bytes 0x000-0x29F --+ ECDSA P-384 / SHA-384, r and s
 *   little-endian in 72-byte fields at 0x2A0 / 0x2E8 (SNP ABI 56860 rev 1.57,
 *   "ATTESTATION_REPORT Structure" and "Signature Format").
 *
 * Every certificate signature in the chain is RSASSA-PSS with SHA-384,
 * MGF1-SHA-384 and a 48-byte salt (AMD 57230); nothing else is accepted, and
 * the leaf must not be a CA. The leaf binds the report to a platform: its
 * SPL extensions equal REPORTED_TCB, its hwID equals CHIP_ID (VCEK only;
 * AMD 57230 "VCEK certificate extensions").
 *
 * Checks run in the order snp_verify() below has them, so that a failure
 * names its most specific cause: inputs and report size; the leaf (parse,
 * P-384 key, signature parameters, not a CA); product and VCEK/VLEK from the
 * leaf's issuer CN; the ASK/ASVK (parse, parameters, issues the leaf); the
 * ARK (a trusted root, self-signed, parameters, issues the ASK/ASVK); sim
 * roots allowed; validity at now; the report signature (a VCEK of another
 * chip named as such); the report's version; productName and CPUID against
 * the product; SIGNER_INFO's key type; REPORTED_TCB == the leaf's SPLs;
 * CHIP_ID == hwID. The report is parsed first so that its fields are
 * reported whatever fails, but a parse error is reported only once the
 * signature verified. */
#include "lib/snp/verify.h"
#include "lib/bytes.h"
#include "lib/strbuf.h"
#include "lib/x509.h"
#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include <bearssl.h>
#include <string.h>

#define P384_SCALAR_LEN 48u  /* SNP ABI 56860 "Signature Format": 48 significant bytes */
#define SNP_HWID_LEN_MILAN 64u /* AMD 57230: hwID = CHIP_ID, 64 bytes */
#define SNP_HWID_LEN_TURIN 8u  /* Turin VCEKs: 8-byte hwID (virtee vcek_turin.der) */

/* ---- the one-line reason ---------------------------------------------- */

static int fail(struct snp_verify_result *out, struct strbuf *w, enum snp_verify_fail f,
		int err, const char *msg)
{
	out->fail = f;
	strbuf_reset(w);
	strbuf_add(w, msg);
	return err;
}

/* ---- helpers ---------------------------------------------------------- */

static bool name_is(const uint8_t *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n == l && memcmp(s, lit, l) == 0;
}

/* "Milan", "Genoa", "Turin" at s (exact). */
static enum snp_product product_from(const uint8_t *s, size_t n)
{
	if (name_is(s, n, "Milan"))
		return SNP_PRODUCT_MILAN;
	if (name_is(s, n, "Genoa"))
		return SNP_PRODUCT_GENOA;
	if (name_is(s, n, "Turin"))
		return SNP_PRODUCT_TURIN;
	return SNP_PRODUCT_UNKNOWN;
}

/* Leaf issuer CN: "SEV-<Product>" (VCEK) or "SEV-VLEK-<Product>" (VLEK). */
static enum snp_product product_from_issuer(const struct x509_cert *leaf, bool *vlek)
{
	const uint8_t *cn = leaf->issuer_cn;
	size_t n = leaf->issuer_cn_len;

	*vlek = false;
	if (!cn || n < 4 || memcmp(cn, "SEV-", 4) != 0)
		return SNP_PRODUCT_UNKNOWN;
	cn += 4;
	n -= 4;
	if (n >= 5 && memcmp(cn, "VLEK-", 5) == 0) {
		*vlek = true;
		cn += 5;
		n -= 5;
	}
	return product_from(cn, n);
}

/* productName "Milan-B0", "Genoa", "Turin": the part before '-'. */
static enum snp_product product_from_name(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '-')
			break;
	return product_from(s, i);
}

static int verify_report_sig(const uint8_t *report, const struct x509_pubkey *key)
{
	uint8_t h[br_sha384_SIZE], sig[2 * P384_SCALAR_LEN];
	br_sha384_context sc;
	br_ec_public_key pk;
	size_t i;
	uint8_t hi = 0;
	const uint8_t *r = report + offsetof(struct snp_report, sig_r);
	const uint8_t *s = report + offsetof(struct snp_report, sig_s);

	/* Little-endian 72-byte fields to 48-byte big-endian; the top 24 bytes
	 * must be zero for a P-384 scalar. */
	for (i = P384_SCALAR_LEN; i < SNP_SIG_COMPONENT_LEN; i++)
		hi |= (uint8_t)(r[i] | s[i]);
	if (hi)
		return -EBADMSG;
	for (i = 0; i < P384_SCALAR_LEN; i++) {
		sig[i] = r[P384_SCALAR_LEN - 1 - i];
		sig[P384_SCALAR_LEN + i] = s[P384_SCALAR_LEN - 1 - i];
	}
	br_sha384_init(&sc);
	br_sha384_update(&sc, report, SNP_SIGNED_LEN);
	br_sha384_out(&sc, h);
	pk.curve = key->ec_curve;
	pk.q = (unsigned char *)(uintptr_t)key->ec_point;
	pk.qlen = key->ec_point_len;
	/* br_ec_all_m31: constant-time i31/m31 curve code. */
	if (br_ecdsa_i31_vrfy_raw(&br_ec_all_m31, h, sizeof(h), &pk, sig, sizeof(sig)) != 1)
		return -EBADMSG;
	return 0;
}

/* AMD 57230 (VCEK/VLEK, ASK/ASVK and ARK certificates): RSASSA-PSS with
 * SHA-384, MGF1 over SHA-384, 48-byte salt (RFC 4055 3.1 parameters). AMD
 * signs no certificate of these chains with ECDSA, so nothing else passes. */
#define AMD_CERT_PSS_SALT_LEN 48u

static bool amd_cert_sigalg(const struct x509_cert *c)
{
	const struct x509_sigalg *a = &c->sig_alg;

	return a->alg == X509_SIG_RSA_PSS && a->hash_id == br_sha384_ID &&
	       a->mgf_hash_id == br_sha384_ID && a->salt_len == AMD_CERT_PSS_SALT_LEN;
}

static bool der_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	return a && b && alen == blen && memcmp(a, b, alen) == 0;
}

/* Try one root: self-signed and the issuer of ask. */
static int try_root(const uint8_t *der, size_t len, const struct x509_cert *ask)
{
	struct x509_cert root;

	if (x509_parse(der, len, &root))
		return -EBADMSG;
	if (!amd_cert_sigalg(&root))
		return -EKEYREJECTED;
	if (x509_check_issued(&root, &root))
		return -EKEYREJECTED;
	return x509_check_issued(ask, &root);
}

static void copy_product_name(struct snp_verify_result *out, const struct x509_cert *leaf)
{
	size_t i, n = leaf->amd.product_name_len;

	if (!leaf->amd.product_name)
		return;
	if (n > sizeof(out->product_name) - 1)
		n = sizeof(out->product_name) - 1;
	for (i = 0; i < n; i++)
		out->product_name[i] = bytes_ascii(leaf->amd.product_name[i]);
	out->product_name[n] = '\0';
}

/* Chain: ASK/ASVK <- ARK. The root is AMD's built-in ARK for the product or
 * (sim) one of the caller's extra roots; a given ARK must be one of them. */
static int find_root(const struct snp_verify_input *in, struct snp_verify_result *out,
		     struct strbuf *w, const struct x509_cert *ask, enum snp_product prod,
		     const uint8_t **root_der, size_t *root_len)
{
	bool from_extra = false;
	size_t i;
	const uint8_t *amd_ark;
	size_t amd_ark_len;
	bool have_amd = snp_amd_cert(prod, SNP_AMD_ARK, &amd_ark, &amd_ark_len) == 0;
	bool given_ok = false;

	if (in->ark_der) {
		given_ok = have_amd && der_equal(in->ark_der, in->ark_len, amd_ark, amd_ark_len);
		for (i = 0; !given_ok && i < in->n_extra_roots; i++)
			given_ok = der_equal(in->ark_der, in->ark_len, in->extra_roots[i],
					     in->extra_root_lens[i]);
		if (!given_ok)
			return fail(out, w, SNP_FAIL_UNTRUSTED_ROOT, -EKEYREJECTED,
				    "the given ARK is not a trusted root");
	}
	if (have_amd && (!in->ark_der || der_equal(in->ark_der, in->ark_len, amd_ark, amd_ark_len)) &&
	    try_root(amd_ark, amd_ark_len, ask) == 0) {
		*root_der = amd_ark;
		*root_len = amd_ark_len;
	}
	for (i = 0; !*root_der && i < in->n_extra_roots; i++) {
		const uint8_t *r = in->extra_roots[i];
		size_t rl = in->extra_root_lens[i];
		if (!r || (in->ark_der && !der_equal(in->ark_der, in->ark_len, r, rl)))
			continue;
		if (try_root(r, rl, ask) == 0) {
			*root_der = r;
			*root_len = rl;
			from_extra = true;
		}
	}
	if (!*root_der) {
		fail(out, w, SNP_FAIL_CHAIN, -EKEYREJECTED, "ASK/ASVK does not chain to the ");
		strbuf_add(w, snp_product_name(prod));
		strbuf_add(w, " ARK");
		return -EKEYREJECTED;
	}
	if (from_extra && !in->allow_sim)
		return fail(out, w, SNP_FAIL_UNTRUSTED_ROOT, -EKEYREJECTED,
			    "chain ends in a non-AMD (sim) root and sim roots are not allowed");
	out->chain_from_extra_root = from_extra;
	{
		br_sha256_context sc;
		br_sha256_init(&sc);
		br_sha256_update(&sc, *root_der, *root_len);
		br_sha256_out(&sc, out->root_sha256);
	}
	return 0;
}

void snp_tcb_describe(struct strbuf *b, const struct snp_tcb *t)
{
	if (t->has_fmc) {
		strbuf_add(b, "fmc ");
		strbuf_add_u64(b, t->fmc);
		strbuf_add(b, " ");
	}
	strbuf_add(b, "bl ");
	strbuf_add_u64(b, t->bl);
	strbuf_add(b, " tee ");
	strbuf_add_u64(b, t->tee);
	strbuf_add(b, " snp ");
	strbuf_add_u64(b, t->snp);
	strbuf_add(b, " ucode ");
	strbuf_add_u64(b, t->ucode);
}

static int check_tcb(struct snp_verify_result *out, struct strbuf *w,
		     const struct x509_cert *leaf, enum snp_product prod)
{
	/* TCB: the leaf's SPLs are the REPORTED_TCB it was issued for. */
	out->cert_tcb.bl = leaf->amd.bl_spl;
	out->cert_tcb.tee = leaf->amd.tee_spl;
	out->cert_tcb.snp = leaf->amd.snp_spl;
	out->cert_tcb.ucode = leaf->amd.ucode_spl;
	out->cert_tcb.fmc = leaf->amd.fmc_spl;
	out->cert_tcb.has_fmc = leaf->amd.has_fmc;
	if (!leaf->amd.has_bl || !leaf->amd.has_tee || !leaf->amd.has_snp || !leaf->amd.has_ucode ||
	    (prod == SNP_PRODUCT_TURIN && !leaf->amd.has_fmc))
		return fail(out, w, SNP_FAIL_TCB, -EKEYREJECTED,
			    "VCEK/VLEK lacks an SPL extension");
	if (out->cert_tcb.bl != out->reported_tcb.bl || out->cert_tcb.tee != out->reported_tcb.tee ||
	    out->cert_tcb.snp != out->reported_tcb.snp ||
	    out->cert_tcb.ucode != out->reported_tcb.ucode ||
	    (prod == SNP_PRODUCT_TURIN && out->cert_tcb.fmc != out->reported_tcb.fmc)) {
		fail(out, w, SNP_FAIL_TCB, -EKEYREJECTED, "REPORTED_TCB ");
		snp_tcb_describe(w, &out->reported_tcb);
		strbuf_add(w, " differs from the certificate's ");
		snp_tcb_describe(w, &out->cert_tcb);
		return -EKEYREJECTED;
	}
	return 0;
}

static int check_chip_id(struct snp_verify_result *out, struct strbuf *w,
			 const struct x509_cert *leaf, enum snp_product prod, bool vlek)
{
	/* Chip id: VCEK hwID == CHIP_ID unless MASK_CHIP_ID; a VLEK has none. */
	if (leaf->amd.hwid) {
		out->hwid_len = leaf->amd.hwid_len;
		memcpy(out->hwid, leaf->amd.hwid, leaf->amd.hwid_len);
	}
	if (!vlek) {
		size_t want = prod == SNP_PRODUCT_TURIN ? SNP_HWID_LEN_TURIN : SNP_HWID_LEN_MILAN;
		if (!leaf->amd.hwid || leaf->amd.hwid_len != want)
			return fail(out, w, SNP_FAIL_CHIP_ID, -EKEYREJECTED,
				    "VCEK hwID is missing or has the wrong length for its product");
		if (!out->report.mask_chip_id) {
			if (memcmp(leaf->amd.hwid, out->report.chip_id, want) != 0)
				return fail(out, w, SNP_FAIL_CHIP_ID, -EKEYREJECTED,
					    "report CHIP_ID does not match the VCEK hwID");
			out->chip_id_checked = true;
		}
	}
	return 0;
}

int snp_verify(const struct snp_verify_input *in, struct snp_verify_result *out,
	       char *why, size_t why_len)
{
	struct strbuf w;
	struct x509_cert leaf, ask;
	const uint8_t *ask_der, *root_der = NULL;
	size_t ask_len, root_len = 0;
	bool vlek;
	enum snp_product prod, named;
	int err, perr;

	strbuf_init(&w, why, why_len);
	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (!in || !in->report || !in->leaf_der || in->leaf_len == 0 ||
	    (in->n_extra_roots && (!in->extra_roots || !in->extra_root_lens)))
		return fail(out, &w, SNP_FAIL_ARG, -EINVAL, "missing report or VCEK/VLEK certificate");
	if (in->report_len != SNP_REPORT_SIZE)
		return fail(out, &w, SNP_FAIL_REPORT_PARSE, -EINVAL,
			    "report is not 1184 (0x4A0) bytes");

	/* Parsed fields are reported even when a later check fails; a parse
	 * error itself is reported after the signature check. */
	perr = snp_report_parse(in->report, in->report_len, &out->report);

	/* Leaf first: its key checks the signature over the raw bytes. */
	if ((err = x509_parse(in->leaf_der, in->leaf_len, &leaf)))
		return fail(out, &w, SNP_FAIL_CERT_PARSE, -EBADMSG,
			    "VCEK/VLEK certificate does not parse");
	if (leaf.key.type != X509_KEY_EC || leaf.key.ec_curve != BR_EC_secp384r1)
		return fail(out, &w, SNP_FAIL_CERT_PARSE, -EBADMSG,
			    "VCEK/VLEK key is not ECDSA P-384");
	if (!amd_cert_sigalg(&leaf))
		return fail(out, &w, SNP_FAIL_CHAIN, -EKEYREJECTED,
			    "VCEK/VLEK signature is not RSASSA-PSS SHA-384, MGF1-SHA-384, salt 48 "
			    "(AMD 57230)");
	if (leaf.has_basic_constraints && leaf.is_ca)
		return fail(out, &w, SNP_FAIL_CHAIN, -EKEYREJECTED,
			    "VCEK/VLEK is a CA certificate (basicConstraints cA)");
	/* Product and certificate type from the leaf. */
	prod = product_from_issuer(&leaf, &vlek);
	if (prod == SNP_PRODUCT_UNKNOWN) {
		fail(out, &w, SNP_FAIL_PRODUCT, -EKEYREJECTED, "leaf issuer is not an AMD SEV CA: ");
		if (leaf.issuer_cn)
			strbuf_add_ascii(&w, leaf.issuer_cn, leaf.issuer_cn_len);
		return -EKEYREJECTED;
	}
	out->product = prod;
	out->vlek = vlek;
	/* Chain: leaf <- ASK/ASVK <- ARK. */
	if (in->ask_der) {
		ask_der = in->ask_der;
		ask_len = in->ask_len;
	} else if (snp_amd_cert(prod, vlek ? SNP_AMD_ASVK : SNP_AMD_ASK, &ask_der, &ask_len)) {
		return fail(out, &w, SNP_FAIL_CHAIN, -EKEYREJECTED, "no built-in ASK for product");
	}
	if (x509_parse(ask_der, ask_len, &ask))
		return fail(out, &w, SNP_FAIL_CERT_PARSE, -EBADMSG, "ASK/ASVK does not parse");
	if (!amd_cert_sigalg(&ask))
		return fail(out, &w, SNP_FAIL_CHAIN, -EKEYREJECTED,
			    "ASK/ASVK signature is not RSASSA-PSS SHA-384, MGF1-SHA-384, salt 48 "
			    "(AMD 57230)");
	if ((err = x509_check_issued(&leaf, &ask))) {
		fail(out, &w, SNP_FAIL_CHAIN, -EKEYREJECTED, "VCEK/VLEK is not issued by ASK/ASVK ");
		if (ask.subject_cn)
			strbuf_add_ascii(&w, ask.subject_cn, ask.subject_cn_len);
		return -EKEYREJECTED;
	}
	if ((err = find_root(in, out, &w, &ask, prod, &root_der, &root_len)))
		return err;

	/* Validity at the caller's time (the ARK is re-parsed only for this). */
	if (in->time_known) {
		struct x509_cert root;
		if (x509_parse(root_der, root_len, &root))
			return fail(out, &w, SNP_FAIL_CERT_PARSE, -EBADMSG, "ARK does not parse");
		if (x509_check_time(&leaf, in->now))
			return fail(out, &w, SNP_FAIL_EXPIRED, -ETIME,
				    "VCEK/VLEK is expired or not yet valid at the given time");
		if (x509_check_time(&ask, in->now))
			return fail(out, &w, SNP_FAIL_EXPIRED, -ETIME,
				    "ASK/ASVK is expired or not yet valid at the given time");
		if (x509_check_time(&root, in->now))
			return fail(out, &w, SNP_FAIL_EXPIRED, -ETIME,
				    "ARK is expired or not yet valid at the given time");
		out->time_checked = true;
	}

	/* The report signature, over the raw bytes. */
	if (verify_report_sig(in->report, &leaf.key)) {
		const uint8_t *chip = in->report + offsetof(struct snp_report, chip_id);
		uint32_t signer = (uint32_t)in->report[offsetof(struct snp_report, signer_info)];
		/* Diagnose the common case: a VCEK of another chip. */
		if (!vlek && leaf.amd.hwid && !(signer & SNP_SIGNER_MASK_CHIP_KEY) &&
		    memcmp(leaf.amd.hwid, chip, leaf.amd.hwid_len) != 0)
			return fail(out, &w, SNP_FAIL_CHIP_ID, -EKEYREJECTED,
				    "report signature does not verify: the VCEK is for another chip "
				    "(hwID != CHIP_ID)");
		return fail(out, &w, SNP_FAIL_SIGNATURE, -EBADMSG,
			    "report signature does not verify with the VCEK/VLEK");
	}

	if (perr) {
		fail(out, &w, SNP_FAIL_REPORT_PARSE, perr, "report: unsupported version ");
		strbuf_add_u64(&w, bytes_le32(in->report + offsetof(struct snp_report, version)));
		strbuf_add(&w, " or signature algorithm");
		return perr;
	}

	copy_product_name(out, &leaf);
	if (leaf.amd.product_name) {
		named = product_from_name(leaf.amd.product_name, leaf.amd.product_name_len);
		if (named != SNP_PRODUCT_UNKNOWN && named != prod)
			return fail(out, &w, SNP_FAIL_PRODUCT, -EKEYREJECTED,
				    "leaf productName disagrees with its issuer");
	}
	named = snp_product_from_cpuid(out->report.cpuid_fam_id, out->report.cpuid_mod_id);
	if (named != SNP_PRODUCT_UNKNOWN && named != prod) {
		fail(out, &w, SNP_FAIL_PRODUCT, -EKEYREJECTED, "report CPUID says ");
		strbuf_add(&w, snp_product_name(named));
		strbuf_add(&w, " but the certificate is for ");
		strbuf_add(&w, snp_product_name(prod));
		return -EKEYREJECTED;
	}
	snp_tcb_decode(out->report.reported_tcb, prod, &out->reported_tcb);

	/* SIGNER_INFO.SIGNING_KEY must name the certificate type. */
	if (out->report.signing_key != (vlek ? SNP_SIGNING_KEY_VLEK : SNP_SIGNING_KEY_VCEK))
		return fail(out, &w, SNP_FAIL_SIGNER, -EKEYREJECTED,
			    vlek ? "report SIGNING_KEY is not VLEK but the certificate is a VLEK"
				 : "report SIGNING_KEY is not VCEK but the certificate is a VCEK");


	if ((err = check_tcb(out, &w, &leaf, prod)))
		return err;

	if ((err = check_chip_id(out, &w, &leaf, prod, vlek)))
		return err;
	out->fail = SNP_FAIL_NONE;
	strbuf_reset(&w);
	strbuf_add(&w, "ok");
	return 0;
}
