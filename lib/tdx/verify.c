/* Intel TDX quote verification: PCK chain, PCK extensions, QE report, QE
 * binding, quote signature. The picture and the check order are in
 * lib/tdx/verify.h. Specs: Intel DCAP quote appendix A.3 ("QE Report
 * Certification Data": the QE report's REPORTDATA binds the attestation key;
 * "ECDSA 256-bit Quote Signature Data Structure": r||s and x||y big-endian,
 * the signature covers header and body); Intel PCK profile (CA names). */
#include "lib/tdx/verify.h"
#include "futeet/errno.h"
#include "futeet/sgx_report.h"
#include <bearssl.h>
#include <string.h>

/* Intel PCK profile: the two CAs that issue PCK certificates. */
static const char cn_platform_ca[] = "Intel SGX PCK Platform CA";
static const char cn_processor_ca[] = "Intel SGX PCK Processor CA";

struct why_buf {
	char *p;
	size_t cap, len;
};

static void why_set(struct why_buf *w, const char *s)
{
	w->len = 0;
	while (*s && w->cap && w->len + 1 < w->cap)
		w->p[w->len++] = *s++;
	if (w->cap)
		w->p[w->len] = '\0';
}

static int fail(struct tdx_verify_result *out, struct why_buf *w, enum tdx_verify_fail f,
		int err, const char *msg)
{
	out->fail = f;
	why_set(w, msg);
	return err;
}

int tdx_ecdsa_p256_verify_raw(const uint8_t *msg, size_t msg_len, const uint8_t key_xy[64],
			      const uint8_t sig_rs[64])
{
	uint8_t h[br_sha256_SIZE], q[65];
	br_sha256_context sc;
	br_ec_public_key pk;

	q[0] = 0x04; /* uncompressed point (SEC 1 2.3.3) */
	memcpy(q + 1, key_xy, 64);
	br_sha256_init(&sc);
	br_sha256_update(&sc, msg, msg_len);
	br_sha256_out(&sc, h);
	pk.curve = BR_EC_secp256r1;
	pk.q = q;
	pk.qlen = sizeof(q);
	/* br_ec_all_m31: constant-time i31/m31 curve code. */
	if (br_ecdsa_i31_vrfy_raw(&br_ec_all_m31, h, sizeof(h), &pk, sig_rs, 64) != 1)
		return -EBADMSG;
	return 0;
}

/* A DER-encoded ECDSA key from a certificate as raw x||y (P-256 only). */
static int cert_key_xy(const struct x509_cert *c, uint8_t xy[64])
{
	if (c->key.type != X509_KEY_EC || c->key.ec_curve != BR_EC_secp256r1 ||
	    c->key.ec_point_len != 65 || c->key.ec_point[0] != 0x04)
		return -EBADMSG;
	memcpy(xy, c->key.ec_point + 1, 64);
	return 0;
}

static bool cn_is(const uint8_t *cn, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return cn && n == l && memcmp(cn, lit, l) == 0;
}

static bool der_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	return a && b && alen == blen && memcmp(a, b, alen) == 0;
}

/* The PEM chain: exactly three certificates, then only NULs or whitespace
 * (go-tdx-guest TestParsePckChain: a trailing 0 byte is accepted, any other
 * trailing byte is an error). */
static int chain_decode(const struct tdx_quote_info *q, struct tdx_verify_result *out)
{
	const char *pem = (const char *)q->pck_chain;
	size_t pos = 0, i, n = q->pck_chain_len, last_end = 0;
	int rc;

	for (i = 0; i < TDX_CHAIN_CERTS; i++) {
		rc = x509_pem_next(pem, n, &pos, out->chain_der[i], TDX_CERT_DER_MAX,
				   &out->chain_der_len[i]);
		if (rc)
			return rc;
		last_end = pos;
	}
	for (i = last_end; i < n; i++) {
		char c = pem[i];
		if (c != '\0' && c != '\n' && c != '\r' && c != ' ' && c != '\t')
			return -EBADMSG;
	}
	return 0;
}

int tdx_verify(const struct tdx_verify_input *in, struct tdx_verify_result *out,
	       char *why, size_t why_len)
{
	struct why_buf w = { why, why ? why_len : 0, 0 };
	struct x509_cert pck, ca, root;
	uint8_t xy[64], h[br_sha256_SIZE];
	br_sha256_context sc;
	const uint8_t *rd;
	size_t i;
	bool trusted = false;
	uint8_t nz = 0;
	int rc;

	why_set(&w, "");
	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (!in || !in->quote || (in->n_extra_roots && (!in->extra_roots || !in->extra_root_lens)))
		return fail(out, &w, TDX_FAIL_ARG, -EINVAL, "missing quote");
	rc = tdx_quote_parse(in->quote, in->quote_len, &out->quote);
	if (rc == -EOPNOTSUPP)
		return fail(out, &w, TDX_FAIL_QUOTE_PARSE, rc,
			    "not a TDX quote this verifier handles (version 4/5, ECDSA P-256, "
			    "TEE type 0x81, QE report certification data)");
	if (rc)
		return fail(out, &w, TDX_FAIL_QUOTE_PARSE, rc,
			    "quote is malformed (a length does not match its contents)");
	tdx_qe_report_decode(out->quote.qe_report, &out->qe);

	/* The PCK chain carried in the quote: PCK, intermediate CA, root. */
	if (chain_decode(&out->quote, out))
		return fail(out, &w, TDX_FAIL_CERT_PARSE, -EBADMSG,
			    "PCK chain is not three PEM certificates");
	if (x509_parse(out->chain_der[0], out->chain_der_len[0], &pck))
		return fail(out, &w, TDX_FAIL_CERT_PARSE, -EBADMSG, "PCK certificate does not parse");
	if (x509_parse(out->chain_der[1], out->chain_der_len[1], &ca))
		return fail(out, &w, TDX_FAIL_CERT_PARSE, -EBADMSG,
			    "PCK intermediate CA certificate does not parse");
	if (x509_parse(out->chain_der[2], out->chain_der_len[2], &root))
		return fail(out, &w, TDX_FAIL_CERT_PARSE, -EBADMSG, "PCK root certificate does not parse");

	/* Root: Intel's, or an extra (sim) root when allowed. */
	if (der_equal(out->chain_der[2], out->chain_der_len[2], tdx_intel_root_der,
		      tdx_intel_root_der_len)) {
		trusted = true;
	} else {
		for (i = 0; i < in->n_extra_roots && !trusted; i++)
			trusted = der_equal(out->chain_der[2], out->chain_der_len[2],
					    in->extra_roots[i], in->extra_root_lens[i]);
		if (trusted && !in->allow_sim)
			return fail(out, &w, TDX_FAIL_UNTRUSTED_ROOT, -EKEYREJECTED,
				    "PCK chain ends in a non-Intel (sim) root and sim roots are not allowed");
		out->chain_from_extra_root = trusted;
	}
	if (!trusted)
		return fail(out, &w, TDX_FAIL_UNTRUSTED_ROOT, -EKEYREJECTED,
			    "PCK chain root is not the Intel SGX Root CA");
	br_sha256_init(&sc);
	br_sha256_update(&sc, out->chain_der[2], out->chain_der_len[2]);
	br_sha256_out(&sc, out->root_sha256);

	/* Signatures and names along the chain. */
	if (x509_check_issued(&root, &root))
		return fail(out, &w, TDX_FAIL_CHAIN, -EKEYREJECTED,
			    "root certificate is not validly self-signed");
	if (x509_check_issued(&ca, &root))
		return fail(out, &w, TDX_FAIL_CHAIN, -EKEYREJECTED,
			    "PCK intermediate CA is not issued by the root");
	if (cn_is(ca.subject_cn, ca.subject_cn_len, cn_processor_ca))
		out->processor_ca = true;
	else if (!cn_is(ca.subject_cn, ca.subject_cn_len, cn_platform_ca))
		return fail(out, &w, TDX_FAIL_CHAIN, -EKEYREJECTED,
			    "PCK intermediate is not the Intel SGX PCK Platform or Processor CA");
	if (x509_check_issued(&pck, &ca))
		return fail(out, &w, TDX_FAIL_CHAIN, -EKEYREJECTED,
			    "PCK certificate is not issued by the PCK CA");
	if (cert_key_xy(&pck, xy))
		return fail(out, &w, TDX_FAIL_CERT_PARSE, -EBADMSG, "PCK key is not ECDSA P-256");
	if (pck.serial_len <= sizeof(out->pck_serial)) {
		memcpy(out->pck_serial, pck.serial, pck.serial_len);
		out->pck_serial_len = pck.serial_len;
	}
	out->chain_not_after = pck.not_after;
	if (ca.not_after < out->chain_not_after)
		out->chain_not_after = ca.not_after;
	if (root.not_after < out->chain_not_after)
		out->chain_not_after = root.not_after;

	if (in->time_known) {
		if (x509_check_time(&pck, in->now))
			return fail(out, &w, TDX_FAIL_EXPIRED, -ETIME,
				    "PCK certificate is expired or not yet valid at the given time");
		if (x509_check_time(&ca, in->now))
			return fail(out, &w, TDX_FAIL_EXPIRED, -ETIME,
				    "PCK CA certificate is expired or not yet valid at the given time");
		if (x509_check_time(&root, in->now))
			return fail(out, &w, TDX_FAIL_EXPIRED, -ETIME,
				    "root certificate is expired or not yet valid at the given time");
		out->time_checked = true;
	}

	if (tdx_pck_ext_from_cert(&pck, &out->pck))
		return fail(out, &w, TDX_FAIL_PCK_EXT, -EBADMSG,
			    "PCK certificate lacks valid Intel SGX extensions (FMSPC, PCE-ID, TCB, PPID)");

	/* The QE report, signed by the PCK key. */
	if (tdx_ecdsa_p256_verify_raw(out->quote.qe_report, TDX_QE_REPORT_SIZE, xy,
				      out->quote.qe_report_sig))
		return fail(out, &w, TDX_FAIL_QE_SIGNATURE, -EBADMSG,
			    "QE report signature does not verify with the PCK key");

	/* Binding: REPORTDATA = SHA-256(attestation key || QE auth data) || 0^32. */
	br_sha256_init(&sc);
	br_sha256_update(&sc, out->quote.att_key, TDX_ECDSA_KEY_SIZE);
	br_sha256_update(&sc, out->quote.qe_auth, out->quote.qe_auth_len);
	br_sha256_out(&sc, h);
	rd = out->quote.qe_report + offsetof(struct tdx_sgx_report_body, report_data);
	for (i = 0; i < 32; i++)
		nz |= (uint8_t)(rd[32 + i] | (rd[i] ^ h[i]));
	if (nz)
		return fail(out, &w, TDX_FAIL_QE_BINDING, -EBADMSG,
			    "QE report data does not bind the attestation key "
			    "(SHA-256(key || auth data) || zeros)");

	/* The quote signature over header || body. */
	if (tdx_ecdsa_p256_verify_raw(out->quote.signed_data, out->quote.signed_len,
				      out->quote.att_key, out->quote.signature))
		return fail(out, &w, TDX_FAIL_QUOTE_SIGNATURE, -EBADMSG,
			    "quote signature does not verify with the attestation key");

	out->fail = TDX_FAIL_NONE;
	why_set(&w, "ok");
	return 0;
}
