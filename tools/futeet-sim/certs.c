/* The sim's X.509 certificates (RFC 5280), shaped like AMD's (compare
 * tests/data/virtee-sev/builtin/genoa_{ark,ask}.pem and a Genoa VCEK):
 *   ARK  self-signed RSA-4096, RSASSA-PSS SHA-384 (MGF1 SHA-384, salt 48,
 *        trailer 1 written out as AMD does), KeyUsage keyCertSign|cRLSign
 *        (critical), SKI, BasicConstraints CA (critical)
 *   ASK  RSA-4096 signed by the ARK: SKI, AKI, BasicConstraints CA pathlen 0
 *        (critical), KeyUsage keyCertSign (critical)
 *   VCEK EC P-384 signed by the ASK (PSS params without the trailer, as in
 *        AMD's VCEKs), AMD's extensions under 1.3.6.1.4.1.3704.1 (structVersion,
 *        productName, bl/tee/snp/ucode SPLs with reserved SPLs 4..7, hwID)
 * Names copy AMD's attribute set (OU, C, L, ST, O, CN) with OU = "SIM TEST
 * ONLY" and O = "FUTEET SIM TEST ONLY". CNs: ARK "ARK-SIM TEST ONLY"; ASK
 * "SEV-Genoa" because verifiers (ours in lib/snp/verify.c included) take the
 * product from the VCEK issuer CN "SEV-<product>" as AMD names it; VCEK
 * "SEV-VCEK" as AMD's. A sim chain is told apart by its root only. Validity
 * is fixed (2025-01-01 00:00:00Z .. 2049-12-31 23:59:59Z, both UTCTime per
 * RFC 5280 4.1.2.5.1) so the output is reproducible. No CRL distribution
 * point: there is no sim KDS. */
#include <string.h>
#include "futeet/errno.h"
#include "derw.h"
#include "sim.h"

/* OID contents (X.690 8.19). */
static const uint8_t oid_rsassa_pss[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A }; /* 1.2.840.113549.1.1.10 RFC 8017 A.2.3 */
static const uint8_t oid_rsa_enc[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 };    /* 1.2.840.113549.1.1.1 RFC 8017 A.1 */
static const uint8_t oid_mgf1[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08 };       /* 1.2.840.113549.1.1.8 RFC 8017 B.2.1 */
static const uint8_t oid_sha384[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02 };     /* 2.16.840.1.101.3.4.2.2 RFC 5754 */
static const uint8_t oid_secp384r1[] = { 0x2B, 0x81, 0x04, 0x00, 0x22 };                           /* 1.3.132.0.34 RFC 5480 */
/* AMD VCEK extensions, 1.3.6.1.4.1.3704.1.x (AMD "Versioned Chip Endorsement
 * Key (VCEK) Certificate and KDS Interface Specification" 57230, table 8). */
#define AMD_ARC 0x2B, 0x06, 0x01, 0x04, 0x01, 0x9C, 0x78, 0x01
static const uint8_t oid_amd_struct_version[] = { AMD_ARC, 0x01 };
static const uint8_t oid_amd_product_name[] = { AMD_ARC, 0x02 };
static const uint8_t oid_amd_hwid[] = { AMD_ARC, 0x04 };
#define AMD_SPL_BL    1 /* .3.1 blSPL */
#define AMD_SPL_TEE   2 /* .3.2 teeSPL */
#define AMD_SPL_SNP   3 /* .3.3 snpSPL */
#define AMD_SPL_UCODE 8 /* .3.8 ucodeSPL */

enum sim_role { ROLE_ARK, ROLE_ASK, ROLE_VCEK };

/* RFC 4055 section 3.1 RSASSA-PSS-params. */
static void alg_pss(struct der_w *d, int with_trailer)
{
	size_t a = d->len, p, x, y;

	der_w_tlv(d, DER_OID, oid_rsassa_pss, sizeof(oid_rsassa_pss));
	p = d->len;
	x = d->len; /* [0] hashAlgorithm */
	y = d->len;
	der_w_tlv(d, DER_OID, oid_sha384, sizeof(oid_sha384));
	derw_null(d);
	der_w_close(d, y, DER_SEQUENCE);
	der_w_close(d, x, DER_CTX_CONS(0));
	x = d->len; /* [1] maskGenAlgorithm */
	y = d->len;
	der_w_tlv(d, DER_OID, oid_mgf1, sizeof(oid_mgf1));
	size_t z = d->len;
	der_w_tlv(d, DER_OID, oid_sha384, sizeof(oid_sha384));
	derw_null(d);
	der_w_close(d, z, DER_SEQUENCE);
	der_w_close(d, y, DER_SEQUENCE);
	der_w_close(d, x, DER_CTX_CONS(1));
	x = d->len; /* [2] saltLength */
	derw_uint(d, 48);
	der_w_close(d, x, DER_CTX_CONS(2));
	if (with_trailer) { /* [3] trailerField, AMD writes the default out */
		x = d->len;
		derw_uint(d, 1);
		der_w_close(d, x, DER_CTX_CONS(3));
	}
	der_w_close(d, p, DER_SEQUENCE);
	der_w_close(d, a, DER_SEQUENCE);
}

/* AMD's order: OU, C, L, ST, O, CN. */
static void name(struct der_w *d, const char *cn)
{
	size_t s = d->len;

	derw_rdn(d, 0x0B, DER_UTF8_STRING, "SIM TEST ONLY");
	derw_rdn(d, 0x06, DER_PRINTABLE_STRING, "US");
	derw_rdn(d, 0x07, DER_UTF8_STRING, "Santa Clara");
	derw_rdn(d, 0x08, DER_UTF8_STRING, "CA");
	derw_rdn(d, 0x0A, DER_UTF8_STRING, "FUTEET SIM TEST ONLY");
	derw_rdn(d, 0x03, DER_UTF8_STRING, cn);
	der_w_close(d, s, DER_SEQUENCE);
}

static const char *cn_of(enum sim_role r)
{
	return r == ROLE_ARK ? "ARK-SIM TEST ONLY" : r == ROLE_ASK ? "SEV-" SIM_PRODUCT_NAME
								   : "SEV-VCEK";
}

/* SubjectPublicKeyInfo; also returns the BIT STRING content for the SKI. */
static void spki_rsa(struct der_w *d, const br_rsa_public_key *pk)
{
	size_t s = d->len, a = d->len, b, k;
	static const uint8_t unused_bits = 0;

	der_w_tlv(d, DER_OID, oid_rsa_enc, sizeof(oid_rsa_enc));
	derw_null(d);
	der_w_close(d, a, DER_SEQUENCE);
	b = d->len;
	der_w_raw(d, &unused_bits, 1);
	k = d->len; /* RFC 8017 A.1.1 RSAPublicKey */
	derw_uint_be(d, pk->n, pk->nlen);
	derw_uint_be(d, pk->e, pk->elen);
	der_w_close(d, k, DER_SEQUENCE);
	der_w_close(d, b, DER_BIT_STRING);
	der_w_close(d, s, DER_SEQUENCE);
}

/* RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits
 * (the RSAPublicKey DER). */
static void key_id_rsa(const br_rsa_public_key *pk, uint8_t out[20])
{
	uint8_t buf[1100];
	struct der_w d;
	size_t k;
	br_sha1_context h;

	der_w_init(&d, buf, sizeof(buf));
	k = d.len;
	derw_uint_be(&d, pk->n, pk->nlen);
	derw_uint_be(&d, pk->e, pk->elen);
	der_w_close(&d, k, DER_SEQUENCE);
	br_sha1_init(&h);
	br_sha1_update(&h, buf, d.len);
	br_sha1_out(&h, out);
}

/* Extension whose value is one DER INTEGER (the AMD SPLs, structVersion). */
static void ext_int(struct der_w *d, const uint8_t *oid, size_t oid_len, uint64_t v)
{
	uint8_t b[16];
	struct der_w t;

	der_w_init(&t, b, sizeof(b));
	derw_uint(&t, v);
	derw_ext(d, oid, oid_len, 0, b, t.len);
}

static void ext_spl(struct der_w *d, uint8_t n, uint64_t v)
{
	const uint8_t oid[] = { AMD_ARC, 0x03, n };
	ext_int(d, oid, sizeof(oid), v);
}

static void extensions(struct der_w *d, enum sim_role role, const struct sim_keys *k)
{
	uint8_t ski[20], aki[20], v[96];
	struct der_w t;
	size_t s = d->len, q = d->len;

	if (role == ROLE_ARK) {
		static const uint8_t ku[] = { 0x03, 0x02, 0x01, 0x06 }; /* keyCertSign|cRLSign */
		static const uint8_t bc[] = { 0x30, 0x03, 0x01, 0x01, 0xFF }; /* cA TRUE */
		key_id_rsa(&k->ark_pk, ski);
		derw_ext_ku(d, ku, sizeof(ku));
		derw_ext_ski(d, ski);
		derw_ext_bc(d, bc, sizeof(bc));
	} else if (role == ROLE_ASK) {
		static const uint8_t ku[] = { 0x03, 0x02, 0x02, 0x04 }; /* keyCertSign */
		static const uint8_t bc[] = { 0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0x00 }; /* cA, pathlen 0 */
		key_id_rsa(&k->ask_pk, ski);
		key_id_rsa(&k->ark_pk, aki);
		derw_ext_ski(d, ski);
		derw_ext_aki(d, aki);
		derw_ext_bc(d, bc, sizeof(bc));
		derw_ext_ku(d, ku, sizeof(ku));
	} else {
		const struct sim_tcb *tcb = &sim_tcb_fixed;
		ext_int(d, oid_amd_struct_version, sizeof(oid_amd_struct_version), 0);
		der_w_init(&t, v, sizeof(v));
		der_w_tlv(&t, DER_IA5_STRING, SIM_PRODUCT_NAME, strlen(SIM_PRODUCT_NAME));
		derw_ext(d, oid_amd_product_name, sizeof(oid_amd_product_name), 0, v, t.len);
		/* AMD's Genoa VCEK order: 3.1, 3.2, 3.4..3.7 (reserved, 0), 3.3, 3.8 */
		ext_spl(d, AMD_SPL_BL, tcb->bl);
		ext_spl(d, AMD_SPL_TEE, tcb->tee);
		for (uint8_t r = 4; r <= 7; r++)
			ext_spl(d, r, 0);
		ext_spl(d, AMD_SPL_SNP, tcb->snp);
		ext_spl(d, AMD_SPL_UCODE, tcb->ucode);
		derw_ext(d, oid_amd_hwid, sizeof(oid_amd_hwid), 0, k->chip_id, sizeof(k->chip_id));
	}
	der_w_close(d, q, DER_SEQUENCE);
	der_w_close(d, s, DER_CTX_CONS(3));
}

static int cert_build(const struct sim_keys *k, enum sim_role role, uint8_t *out,
		      size_t cap, size_t *len)
{
	static const char not_before[] = "250101000000Z";
	static const char not_after[] = "491231235959Z";
	const br_rsa_private_key *signer = role == ROLE_VCEK ? &k->ask_sk : &k->ark_sk;
	uint8_t mhash[48], sig[SIM_RSA_BITS / 8];
	br_sha384_context h;
	struct der_w d;
	size_t tbs, v;
	int err;

	der_w_init(&d, out, cap);
	tbs = d.len;
	v = d.len; /* [0] version v3 */
	derw_uint(&d, 2);
	der_w_close(&d, v, DER_CTX_CONS(0));
	/* Serial numbers: AMD uses 0x20000 (ARK), 0x20002 (ASK), 0 (VCEK); the
	 * sim VCEK gets 1 because RFC 5280 4.1.2.2 wants a positive serial. */
	derw_uint(&d, role == ROLE_ARK ? 0x20000 : role == ROLE_ASK ? 0x20002 : 1);
	alg_pss(&d, role != ROLE_VCEK);
	name(&d, role == ROLE_ARK ? cn_of(ROLE_ARK) : role == ROLE_ASK ? cn_of(ROLE_ARK)
								      : cn_of(ROLE_ASK));
	v = d.len;
	der_w_tlv(&d, DER_UTC_TIME, not_before, strlen(not_before));
	der_w_tlv(&d, DER_UTC_TIME, not_after, strlen(not_after));
	der_w_close(&d, v, DER_SEQUENCE);
	name(&d, cn_of(role));
	if (role == ROLE_ARK)
		spki_rsa(&d, &k->ark_pk);
	else if (role == ROLE_ASK)
		spki_rsa(&d, &k->ask_pk);
	else
		derw_spki_ec(&d, oid_secp384r1, sizeof(oid_secp384r1), k->vcek_pk.q, k->vcek_pk.qlen);
	extensions(&d, role, k);
	der_w_close(&d, tbs, DER_SEQUENCE);
	if (d.err)
		return d.err;

	br_sha384_init(&h);
	br_sha384_update(&h, out, d.len);
	br_sha384_out(&h, mhash);
	err = sim_rsa_pss_sha384_sign(signer, mhash, sig, sizeof(sig));
	if (err)
		return err;
	alg_pss(&d, role != ROLE_VCEK);
	derw_bits(&d, sig, sizeof(sig));
	der_w_close(&d, 0, DER_SEQUENCE);
	if (d.err)
		return d.err;
	*len = d.len;
	return 0;
}

int sim_cert_ark(const struct sim_keys *k, uint8_t *out, size_t cap, size_t *len)
{
	return cert_build(k, ROLE_ARK, out, cap, len);
}

int sim_cert_ask(const struct sim_keys *k, uint8_t *out, size_t cap, size_t *len)
{
	return cert_build(k, ROLE_ASK, out, cap, len);
}

int sim_cert_vcek(const struct sim_keys *k, uint8_t *out, size_t cap, size_t *len)
{
	return cert_build(k, ROLE_VCEK, out, cap, len);
}
