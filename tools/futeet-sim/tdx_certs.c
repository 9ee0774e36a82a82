/* The sim-tdx PCK certificate chain (RFC 5280), shaped like Intel's (compare
 * the chain inside tests/data/go-tdx-guest/tdx_prod_quote_SPR_E4.dat):
 *   root  "Intel SGX Root CA", self-signed, P-256, ecdsa-with-SHA256: SKI, AKI,
 *         KeyUsage keyCertSign|cRLSign (critical), BasicConstraints CA
 *         pathlen 1 (critical)
 *   CA    "Intel SGX PCK Platform CA", signed by the root: pathlen 0
 *   PCK   "Intel SGX PCK Certificate", signed by the CA: KeyUsage
 *         digitalSignature|nonRepudiation (critical), BasicConstraints CA FALSE
 *         (critical), and the SGX extensions 1.2.840.113741.1.13.1 ("Intel SGX
 *         PCK Certificate and CRL Profile" (cited "Intel PCK profile") 1.4:
 *         PPID, TCB {16 component SVNs, PCESVN, CPUSVN}, PCE-ID, FMSPC, SGX
 *         Type 0 = Standard, as a processor-CA PCK carries them)
 * Names use Intel's attribute order (CN, O, L, ST, C) with O = "FUTEET SIM
 * TEST ONLY"; the chain is told apart from Intel's by its root key. Validity
 * 2025-01-01 .. 2049-12-31 (UTCTime), serials from SHA-256 of the seed-derived
 * public key, so the output is reproducible. No CRL distribution point. */
#include <string.h>
#include "futeet/errno.h"
#include "derw.h"
#include "lib/base64.h"
#include "sim.h"

static const uint8_t oid_ecdsa_sha256[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02 }; /* 1.2.840.10045.4.3.2 RFC 5758 3.2 */
static const uint8_t oid_p256[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };         /* 1.2.840.10045.3.1.7 RFC 5480 */
/* Intel PCK profile: SGX Extensions 1.2.840.113741.1.13.1 and its children. */
#define SGX_ARC 0x2A, 0x86, 0x48, 0x86, 0xF8, 0x4D, 0x01, 0x0D, 0x01
static const uint8_t oid_sgx_ext[] = { SGX_ARC };
#define SGX_PPID  1
#define SGX_TCB   2
#define SGX_PCEID 3
#define SGX_FMSPC 4
#define SGX_TYPE  5
#define SGX_TCB_PCESVN 17
#define SGX_TCB_CPUSVN 18

enum tdx_role { R_ROOT, R_PCA, R_PCK, R_TCB };

static const char *const cn_of[] = {
	[R_ROOT] = "Intel SGX Root CA",
	[R_PCA] = "Intel SGX PCK Platform CA",
	[R_PCK] = "Intel SGX PCK Certificate",
	[R_TCB] = "Intel SGX TCB Signing", /* signs TCB info and QE identity */
};

static void name(struct der_w *d, const char *cn)
{
	size_t s = d->len;

	derw_rdn(d, 0x03, DER_UTF8_STRING, cn);
	derw_rdn(d, 0x0A, DER_UTF8_STRING, "FUTEET SIM TEST ONLY");
	derw_rdn(d, 0x07, DER_UTF8_STRING, "Santa Clara");
	derw_rdn(d, 0x08, DER_UTF8_STRING, "CA");
	derw_rdn(d, 0x06, DER_PRINTABLE_STRING, "US");
	der_w_close(d, s, DER_SEQUENCE);
}

static void alg_ecdsa(struct der_w *d)
{
	size_t s = d->len;

	der_w_tlv(d, DER_OID, oid_ecdsa_sha256, sizeof(oid_ecdsa_sha256));
	der_w_close(d, s, DER_SEQUENCE);
}

/* RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. */
static void key_id(const br_ec_public_key *pk, uint8_t out[20])
{
	br_sha1_context h;

	br_sha1_init(&h);
	br_sha1_update(&h, pk->q, pk->qlen);
	br_sha1_out(&h, out);
}

/* SEQUENCE { OID SGX_ARC.arc[.sub], value } */
static void sgx_pair_begin(struct der_w *d, const uint8_t *sub, size_t n)
{
	uint8_t oid[16];

	memcpy(oid, oid_sgx_ext, sizeof(oid_sgx_ext));
	memcpy(oid + sizeof(oid_sgx_ext), sub, n);
	der_w_tlv(d, DER_OID, oid, sizeof(oid_sgx_ext) + n);
}

static void sgx_extension(struct der_w *d, const struct sim_tdx_keys *k)
{
	static const uint8_t fmspc[6] = SIM_TDX_FMSPC;
	uint8_t v[1024], pceid[2] = { SIM_TDX_PCE_ID & 0xFF, SIM_TDX_PCE_ID >> 8 };
	struct der_w t;
	size_t s, q, r;
	uint8_t sub[2];

	der_w_init(&t, v, sizeof(v));
	s = t.len;
	q = t.len; /* PPID */
	sub[0] = SGX_PPID;
	sgx_pair_begin(&t, sub, 1);
	der_w_tlv(&t, DER_OCTET_STRING, k->ppid, sizeof(k->ppid));
	der_w_close(&t, q, DER_SEQUENCE);
	q = t.len; /* TCB: components 1..16 = CPUSVN bytes, PCESVN, CPUSVN */
	sub[0] = SGX_TCB;
	sgx_pair_begin(&t, sub, 1);
	r = t.len;
	for (uint8_t c = 1; c <= 18; c++) {
		size_t e = t.len;
		sub[1] = c;
		sgx_pair_begin(&t, sub, 2);
		if (c <= 16)
			derw_uint(&t, sim_tdx_cpusvn[c - 1]);
		else if (c == SGX_TCB_PCESVN)
			derw_uint(&t, SIM_TDX_PCE_SVN);
		else
			der_w_tlv(&t, DER_OCTET_STRING, sim_tdx_cpusvn, 16);
		der_w_close(&t, e, DER_SEQUENCE);
	}
	der_w_close(&t, r, DER_SEQUENCE);
	der_w_close(&t, q, DER_SEQUENCE);
	q = t.len;
	sub[0] = SGX_PCEID;
	sgx_pair_begin(&t, sub, 1);
	der_w_tlv(&t, DER_OCTET_STRING, pceid, 2);
	der_w_close(&t, q, DER_SEQUENCE);
	q = t.len;
	sub[0] = SGX_FMSPC;
	sgx_pair_begin(&t, sub, 1);
	der_w_tlv(&t, DER_OCTET_STRING, fmspc, sizeof(fmspc));
	der_w_close(&t, q, DER_SEQUENCE);
	q = t.len; /* SGX Type: ENUMERATED 0 (Standard) */
	sub[0] = SGX_TYPE;
	sgx_pair_begin(&t, sub, 1);
	{
		static const uint8_t zero = 0;
		der_w_tlv(&t, DER_ENUMERATED, &zero, 1);
	}
	der_w_close(&t, q, DER_SEQUENCE);
	der_w_close(&t, s, DER_SEQUENCE);
	if (t.err) {
		d->err = t.err;
		return;
	}
	derw_ext(d, oid_sgx_ext, sizeof(oid_sgx_ext), 0, v, t.len);
}

static void extensions(struct der_w *d, enum tdx_role role, const struct sim_ec_key *subj,
		       const struct sim_ec_key *issuer, const struct sim_tdx_keys *k)
{
	uint8_t ski[20], aki[20];
	size_t s = d->len, q = d->len;

	key_id(&subj->pk, ski);
	key_id(&issuer->pk, aki);
	derw_ext_aki(d, aki);
	derw_ext_ski(d, ski);
	if (role == R_PCK || role == R_TCB) {
		static const uint8_t ku[] = { 0x03, 0x02, 0x06, 0xC0 }; /* digitalSignature|nonRepudiation */
		static const uint8_t bc[] = { 0x30, 0x00 };             /* cA FALSE (default) */
		derw_ext_ku(d, ku, sizeof(ku));
		derw_ext_bc(d, bc, sizeof(bc));
		if (role == R_PCK)
			sgx_extension(d, k);
	} else {
		static const uint8_t ku[] = { 0x03, 0x02, 0x01, 0x06 }; /* keyCertSign|cRLSign */
		static const uint8_t bc_root[] = { 0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0x01 };
		static const uint8_t bc_ca[] = { 0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0x00 };
		derw_ext_ku(d, ku, sizeof(ku));
		if (role == R_ROOT)
			derw_ext_bc(d, bc_root, sizeof(bc_root));
		else
			derw_ext_bc(d, bc_ca, sizeof(bc_ca));
	}
	der_w_close(d, q, DER_SEQUENCE);
	der_w_close(d, s, DER_CTX_CONS(3));
}

/* Signs the TBS in out[0..d->len) with iss (ECDSA P-256 SHA-256, RFC 5758
 * 3.2) and closes the outer SEQUENCE { tbs, signatureAlgorithm,
 * signatureValue } (RFC 5280 4.1, 5.1); bad_sig: a valid signature over
 * other bytes. */
static int sign_tbs(struct der_w *d, const uint8_t *out, const struct sim_ec_key *iss,
		    bool bad_sig)
{
	uint8_t hash[32], sig[80];
	br_sha256_context h;
	size_t sig_len;

	if (d->err)
		return d->err;
	br_sha256_init(&h);
	br_sha256_update(&h, out, d->len);
	br_sha256_out(&h, hash);
	if (bad_sig)
		hash[0] ^= 0x01;
	sig_len = br_ecdsa_i31_sign_asn1(&br_ec_all_m31, &br_sha256_vtable, hash, &iss->sk, sig);
	if (sig_len == 0)
		return -EIO;
	alg_ecdsa(d);
	derw_bits(d, sig, sig_len);
	der_w_close(d, 0, DER_SEQUENCE);
	return d->err;
}

static int cert_build(const struct sim_tdx_keys *k, enum tdx_role role, bool bad_sig,
		      uint8_t *out, size_t cap, size_t *len)
{
	static const char not_before[] = "250101000000Z";
	static const char not_after[] = "491231235959Z";
	const struct sim_ec_key *subj = role == R_ROOT ? &k->root : role == R_PCA ? &k->pca :
					role == R_PCK ? &k->pck : &k->tcb;
	const struct sim_ec_key *iss = role == R_PCK ? &k->pca : &k->root;
	uint8_t hash[32], serial[20];
	br_sha256_context h;
	struct der_w d;
	size_t tbs, v;
	int err;

	der_w_init(&d, out, cap);
	tbs = d.len;
	v = d.len; /* [0] version v3 */
	derw_uint(&d, 2);
	der_w_close(&d, v, DER_CTX_CONS(0));
	br_sha256_init(&h); /* serial: 20 bytes of SHA-256(public key), top bit clear */
	br_sha256_update(&h, subj->pk.q, subj->pk.qlen);
	br_sha256_out(&h, hash);
	memcpy(serial, hash, sizeof(serial));
	serial[0] = (uint8_t)((serial[0] & 0x7F) | 0x01);
	derw_uint_be(&d, serial, sizeof(serial));
	alg_ecdsa(&d);
	name(&d, cn_of[role == R_PCK ? R_PCA : R_ROOT]);
	v = d.len;
	der_w_tlv(&d, DER_UTC_TIME, not_before, strlen(not_before));
	der_w_tlv(&d, DER_UTC_TIME, not_after, strlen(not_after));
	der_w_close(&d, v, DER_SEQUENCE);
	name(&d, cn_of[role]);
	derw_spki_ec(&d, oid_p256, sizeof(oid_p256), subj->pk.q, subj->pk.qlen);
	extensions(&d, role, subj, iss, k);
	der_w_close(&d, tbs, DER_SEQUENCE);
	err = sign_tbs(&d, out, iss, bad_sig);
	if (err)
		return err;
	*len = d.len;
	return 0;
}

/* RFC 7468 PEM: base64 lines of 64 characters. */
static int pem_append(char *pem, size_t cap, size_t *len, const uint8_t *der, size_t n)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----\n";
	static const char end[] = "-----END CERTIFICATE-----\n";
	size_t need = strlen(begin) + strlen(end) + (n + 2) / 3 * 4 + (n + 47) / 48 + 1;
	size_t o = *len;

	if (o > cap || cap - o < need)
		return -ENOSPC;
	memcpy(pem + o, begin, strlen(begin));
	o += strlen(begin);
	for (size_t i = 0; i < n; i += BASE64_LINE_BYTES) {
		o += base64_line(der + i, n - i, pem + o);
		pem[o++] = '\n';
	}
	memcpy(pem + o, end, strlen(end));
	o += strlen(end);
	*len = o;
	return 0;
}

int sim_tdx_certs_build(const struct sim_tdx_keys *k, bool bad_pck_chain,
			struct sim_tdx_certs *out)
{
	static const enum tdx_role order[3] = { R_PCK, R_PCA, R_ROOT };
	int err;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < 3; i++) {
		err = cert_build(k, order[i], bad_pck_chain && order[i] == R_PCK, out->der[i],
				 sizeof(out->der[i]), &out->der_len[i]);
		if (!err)
			err = pem_append(out->pem, sizeof(out->pem) - 1, &out->pem_len, out->der[i],
					 out->der_len[i]);
		if (err)
			return err;
	}
	out->pem[out->pem_len] = 0; /* not part of pem_len, as in Intel's SPR quote */
	return 0;
}

int sim_tdx_cert_tcb_signing(const struct sim_tdx_keys *k, uint8_t *out, size_t cap, size_t *len)
{
	return cert_build(k, R_TCB, false, out, cap, len);
}

int sim_tdx_pem(const uint8_t *der, size_t n, char *pem, size_t cap, size_t *len)
{
	int err = pem_append(pem, cap - 1, len, der, n);

	if (!err)
		pem[*len] = 0;
	return err;
}

/* RFC 5280 section 5.1: CertificateList { TBSCertList { version v2,
 * signature, issuer, thisUpdate, nextUpdate, crlExtensions [0] { cRLNumber,
 * AuthorityKeyIdentifier } }, signatureAlgorithm, signatureValue }, no
 * revoked certificates: what Intel's root and PCK CRLs look like when
 * nothing is revoked. issuer_is_root: the root CRL, else the platform CA's
 * PCK CRL. thisUpdate 2025-01-01, nextUpdate 2049-12-31 (UTCTime). */
int sim_tdx_crl(const struct sim_tdx_keys *k, bool issuer_is_root, uint8_t *out, size_t cap,
		size_t *len)
{
	static const char this_update[] = "250101000000Z";
	static const char next_update[] = "491231235959Z";
	static const uint8_t oid_crl_number[] = { 0x55, 0x1D, 0x14 }; /* 2.5.29.20 RFC 5280 5.2.3 */
	const struct sim_ec_key *iss = issuer_is_root ? &k->root : &k->pca;
	uint8_t aki[20], v[16];
	struct der_w d, t;
	size_t tbs, x, q;
	int err;

	der_w_init(&d, out, cap);
	tbs = d.len;
	derw_uint(&d, 1); /* v2 */
	alg_ecdsa(&d);
	name(&d, cn_of[issuer_is_root ? R_ROOT : R_PCA]);
	der_w_tlv(&d, DER_UTC_TIME, this_update, strlen(this_update));
	der_w_tlv(&d, DER_UTC_TIME, next_update, strlen(next_update));
	x = d.len; /* [0] crlExtensions */
	q = d.len;
	der_w_init(&t, v, sizeof(v));
	derw_uint(&t, 1);
	derw_ext(&d, oid_crl_number, sizeof(oid_crl_number), 0, v, t.len);
	key_id(&iss->pk, aki);
	derw_ext_aki(&d, aki);
	der_w_close(&d, q, DER_SEQUENCE);
	der_w_close(&d, x, DER_CTX_CONS(0));
	der_w_close(&d, tbs, DER_SEQUENCE);
	err = sign_tbs(&d, out, iss, false);
	if (err)
		return err;
	*len = d.len;
	return 0;
}
