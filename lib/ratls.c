/* RA-TLS certificate encoder and evidence extraction (see ratls.h,
 * docs/CHANNEL.md section 11). The certificate (RFC 5280 section 4.1):
 *
 *   Certificate SEQUENCE {
 *     TBSCertificate SEQUENCE {
 *       [0] { INTEGER 2 }                         v3
 *       serialNumber INTEGER                      16 random octets, positive
 *       signature { ecdsa-with-SHA256 }           RFC 5758 3.2: no parameters
 *       issuer  { SET { { id-at-commonName, UTF8String "FUTEET RA-TLS" } } }
 *       validity { UTCTime 260101000000Z, GeneralizedTime 99991231235959Z }
 *       subject = issuer                          self-issued
 *       subjectPublicKeyInfo                      RFC 5480: id-ecPublicKey, secp256r1
 *       [3] { SEQUENCE {
 *         { id-ce-keyUsage, critical, BIT STRING digitalSignature }
 *         { 2.23.133.5.4.9, OCTET STRING { the CMW } }   non-critical
 *       } } }
 *     signatureAlgorithm { ecdsa-with-SHA256 }
 *     signatureValue BIT STRING { Ecdsa-Sig-Value }
 *   }
 *
 * Validity: the guest has no trusted clock, so the dates say nothing; RFC
 * 5280 4.1.2.5 gives 99991231235959Z for "no well-defined expiration". */
#if defined(FUTEET_KERNEL)
#error "lib/ratls.c is ring-3 and host code, never the kernel"
#endif

#include "lib/ratls.h"

#include <bearssl.h>
#include <string.h>
#include "futeet/errno.h"
#include "lib/bytes.h"
#include "lib/der.h"
#include "lib/evidence.h"

/* TCG DICE Attestation Architecture v1.1, 6.1.8: tcg-dice 9, tcg-dice =
 * 2.23.133.5.4. */
const uint8_t ratls_cmw_oid[6] = { 0x67, 0x81, 0x05, 0x05, 0x04, 0x09 };

/* RFC 5758 3.2 ecdsa-with-SHA256 1.2.840.10045.4.3.2 */
static const uint8_t OID_ECDSA_SHA256[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02 };
/* X.520 id-at-commonName 2.5.4.3; RFC 5280 4.2.1.3 id-ce-keyUsage 2.5.29.15 */
static const uint8_t OID_CN[] = { 0x55, 0x04, 0x03 };
static const uint8_t OID_KEY_USAGE[] = { 0x55, 0x1D, 0x0F };
/* RFC 5480 2.1.1: id-ecPublicKey 1.2.840.10045.2.1 and secp256r1 1.2.840.10045.3.1.7 */
static const uint8_t SPKI_P256_PREFIX[26] = {
	0x30, 0x59,                                           /* SEQUENCE, 89 */
	0x30, 0x13,                                           /* AlgorithmIdentifier, 19 */
	0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, /* id-ecPublicKey */
	0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07, /* secp256r1 */
	0x03, 0x42, 0x00,                                     /* BIT STRING, 66, 0 unused */
};
_Static_assert(sizeof(SPKI_P256_PREFIX) + RATLS_POINT_LEN == RATLS_SPKI_LEN, "P-256 SPKI size");

static const char CERT_CN[] = "FUTEET RA-TLS";
static const char NOT_BEFORE[] = "260101000000Z";     /* UTCTime, RFC 5280 4.1.2.5.1 */
static const char NOT_AFTER[] = "99991231235959Z";    /* GeneralizedTime, 4.1.2.5.2 */
/* RFC 5280 4.2.1.3: digitalSignature (bit 0) = BIT STRING 07 80 */
static const uint8_t KU_DIGITAL_SIGNATURE[] = { 0x03, 0x02, 0x07, 0x80 };
static const uint8_t DER_TRUE[] = { 0x01, 0x01, 0xFF };
static const char FRESH_LABEL[] = "futeet-ratls-v1 fresh"; /* CHANNEL.md 11.3, 21 bytes */

#define SERIAL_LEN 16u
#define ECDSA_P256_ASN1_MAX 72u /* SEQUENCE { INTEGER r (<= 33), INTEGER s (<= 33) } */

void ratls_spki(const uint8_t point[RATLS_POINT_LEN], uint8_t spki[RATLS_SPKI_LEN])
{
	memcpy(spki, SPKI_P256_PREFIX, sizeof(SPKI_P256_PREFIX));
	memcpy(spki + sizeof(SPKI_P256_PREFIX), point, RATLS_POINT_LEN);
}

void ratls_spki_hash(const uint8_t point[RATLS_POINT_LEN], uint8_t out[RATLS_HASH_LEN])
{
	uint8_t spki[RATLS_SPKI_LEN];
	br_sha256_context h;

	ratls_spki(point, spki);
	br_sha256_init(&h);
	br_sha256_update(&h, spki, sizeof(spki));
	br_sha256_out(&h, out);
}

void ratls_cose_key(const uint8_t point[RATLS_POINT_LEN], uint8_t out[RATLS_COSE_KEY_LEN])
{
	/* RFC 9052 7 / RFC 9053 7.1.1: map(4) { 1 (kty): 2 (EC2), -1 (crv): 1
	 * (P-256), -2 (x): bstr(32), -3 (y): bstr(32) }, keys in RFC 8949
	 * 4.2.1 order (01 < 20 < 21 < 22). */
	static const uint8_t head[] = { 0xA4, 0x01, 0x02, 0x20, 0x01, 0x21, 0x58, 0x20 };
	size_t o = 0;

	memcpy(out, head, sizeof(head));
	o += sizeof(head);
	memcpy(out + o, point + 1, 32);
	o += 32;
	out[o++] = 0x22;
	out[o++] = 0x58;
	out[o++] = 0x20;
	memcpy(out + o, point + 33, 32);
}
_Static_assert(8 + 32 + 3 + 32 == RATLS_COSE_KEY_LEN, "COSE_Key size");

void ratls_fresh_nonce(const uint8_t client_nonce[RATLS_NONCE_LEN],
		       const uint8_t spki_hash[RATLS_HASH_LEN],
		       const uint8_t exporter[RATLS_EXPORTER_LEN], uint8_t out[RATLS_HASH_LEN])
{
	br_sha256_context h;

	br_sha256_init(&h);
	br_sha256_update(&h, FRESH_LABEL, sizeof(FRESH_LABEL) - 1);
	br_sha256_update(&h, client_nonce, RATLS_NONCE_LEN);
	br_sha256_update(&h, spki_hash, RATLS_HASH_LEN);
	br_sha256_update(&h, exporter, RATLS_EXPORTER_LEN);
	br_sha256_out(&h, out);
}

static void put_name(struct der_w *w)
{
	size_t name = der_w_open(w), set, atv;

	set = der_w_open(w);
	atv = der_w_open(w);
	der_w_tlv(w, DER_OID, OID_CN, sizeof(OID_CN));
	der_w_tlv(w, DER_UTF8_STRING, (const uint8_t *)CERT_CN, sizeof(CERT_CN) - 1);
	der_w_close(w, atv, DER_SEQUENCE);
	der_w_close(w, set, DER_SET);
	der_w_close(w, name, DER_SEQUENCE);
}

static void put_sigalg(struct der_w *w)
{
	size_t m = der_w_open(w);

	der_w_tlv(w, DER_OID, OID_ECDSA_SHA256, sizeof(OID_ECDSA_SHA256));
	der_w_close(w, m, DER_SEQUENCE);
}

int ratls_cert_build(const struct ratls_cert_params *p, uint8_t *out, size_t cap, size_t *len)
{
	struct der_w w;
	uint8_t serial[SERIAL_LEN], spki[RATLS_SPKI_LEN], h[RATLS_HASH_LEN];
	uint8_t sig[1 + ECDSA_P256_ASN1_MAX];
	size_t cert, tbs, m, exts, seq, ext, tbs_start, tbs_len, sig_len;
	br_sha256_context sh;
	br_ec_private_key sk;

	if (!p || !p->priv || !p->point || !p->serial || !p->evidence || !out || !len ||
	    p->evidence_len == 0 || p->evidence_len > RATLS_EVIDENCE_MAX ||
	    p->point[0] != 0x04)
		return -EINVAL;
	/* RFC 5280 4.1.2.2: a positive INTEGER; bit 6 set keeps the first
	 * octet non-zero, so the encoding is minimal (X.690 8.3.2). */
	memcpy(serial, p->serial, SERIAL_LEN);
	serial[0] = (uint8_t)((serial[0] & 0x7Fu) | 0x40u);
	ratls_spki(p->point, spki);

	der_w_init(&w, out, cap);
	cert = der_w_open(&w);
	tbs = der_w_open(&w);
	m = der_w_open(&w);
	der_w_tlv(&w, DER_INTEGER, (const uint8_t *)"\x02", 1);
	der_w_close(&w, m, DER_CTX_CONS(0));
	der_w_tlv(&w, DER_INTEGER, serial, SERIAL_LEN);
	put_sigalg(&w);
	put_name(&w);
	m = der_w_open(&w);
	der_w_tlv(&w, DER_UTC_TIME, (const uint8_t *)NOT_BEFORE, sizeof(NOT_BEFORE) - 1);
	der_w_tlv(&w, DER_GENERALIZED_TIME, (const uint8_t *)NOT_AFTER, sizeof(NOT_AFTER) - 1);
	der_w_close(&w, m, DER_SEQUENCE);
	put_name(&w);
	der_w_raw(&w, spki, sizeof(spki));
	exts = der_w_open(&w);
	seq = der_w_open(&w);
	ext = der_w_open(&w);
	der_w_tlv(&w, DER_OID, OID_KEY_USAGE, sizeof(OID_KEY_USAGE));
	der_w_raw(&w, DER_TRUE, sizeof(DER_TRUE));
	der_w_tlv(&w, DER_OCTET_STRING, KU_DIGITAL_SIGNATURE, sizeof(KU_DIGITAL_SIGNATURE));
	der_w_close(&w, ext, DER_SEQUENCE);
	ext = der_w_open(&w);
	der_w_tlv(&w, DER_OID, ratls_cmw_oid, sizeof(ratls_cmw_oid));
	der_w_tlv(&w, DER_OCTET_STRING, p->evidence, p->evidence_len); /* non-critical: no BOOLEAN */
	der_w_close(&w, ext, DER_SEQUENCE);
	der_w_close(&w, seq, DER_SEQUENCE);
	der_w_close(&w, exts, DER_CTX_CONS(3));
	der_w_close(&w, tbs, DER_SEQUENCE);
	if (w.err)
		return w.err;
	tbs_start = tbs;
	tbs_len = w.len - tbs;

	/* RFC 5758 3.2: ECDSA over SHA-256 of the DER TBSCertificate; the
	 * signature is the DER Ecdsa-Sig-Value in the BIT STRING. */
	br_sha256_init(&sh);
	br_sha256_update(&sh, out + tbs_start, tbs_len);
	br_sha256_out(&sh, h);
	sk.curve = BR_EC_secp256r1;
	sk.x = (unsigned char *)(uintptr_t)p->priv;
	sk.xlen = RATLS_SCALAR_LEN;
	sig[0] = 0; /* unused bits */
	sig_len = br_ecdsa_i31_sign_asn1(&br_ec_p256_m31, &br_sha256_vtable, h, &sk, sig + 1);
	if (sig_len == 0 || sig_len > ECDSA_P256_ASN1_MAX)
		return -EIO;
	put_sigalg(&w);
	der_w_tlv(&w, DER_BIT_STRING, sig, 1 + sig_len);
	der_w_close(&w, cert, DER_SEQUENCE);
	if (w.err)
		return w.err;
	*len = w.len;
	return 0;
}

/* The extension with this OID: exactly once (RFC 5280 4.2: "MUST NOT
 * include more than one instance"), non-critical. Walks the extensions
 * x509_parse already checked, with every check again. */
static int find_cmw(const struct x509_cert *c, const uint8_t **val, size_t *val_len,
		    const char **why)
{
	struct der d, e;
	struct der_tlv ext, id, t;
	unsigned found = 0, n = 0;

	if (!c->exts) {
		*why = "the certificate has no extensions (no evidence extension 2.23.133.5.4.9)";
		return -ENOENT;
	}
	der_init(&d, c->exts, c->exts_len);
	while (!der_empty(&d)) {
		if (++n > 64u || der_expect(&d, DER_SEQUENCE, &ext)) {
			*why = "malformed extensions";
			return -EBADMSG;
		}
		der_enter(&ext, &e);
		if (der_expect(&e, DER_OID, &id) || der_read(&e, &t)) {
			*why = "malformed extension";
			return -EBADMSG;
		}
		if (!der_oid_eq(&id, ratls_cmw_oid, sizeof(ratls_cmw_oid)))
			continue;
		if (t.tag != DER_OCTET_STRING) {
			/* x509_parse refuses a critical extension it does not know */
			*why = "the evidence extension 2.23.133.5.4.9 is marked critical";
			return -EBADMSG;
		}
		if (++found > 1) {
			*why = "the evidence extension 2.23.133.5.4.9 appears more than once";
			return -EBADMSG;
		}
		*val = t.val;
		*val_len = t.len;
	}
	if (!found) {
		*why = "no evidence extension 2.23.133.5.4.9 in the certificate";
		return -ENOENT;
	}
	return 0;
}

int ratls_cert_parse(const uint8_t *der, size_t len, struct ratls_cert *out, const char **why)
{
	const char *dummy;
	int err;

	if (!why)
		why = &dummy;
	*why = "";
	memset(out, 0, sizeof(*out));
	if (!der || len == 0 || len > RATLS_CERT_MAX) {
		*why = "certificate empty or larger than the RA-TLS maximum";
		return -E2BIG;
	}
	err = x509_parse(der, len, &out->x);
	if (err == -EOPNOTSUPP) {
		*why = "the certificate has an unsupported algorithm or an unknown critical extension";
		return err;
	}
	if (err) {
		*why = "not a well-formed DER X.509 certificate";
		return err;
	}
	if (out->x.version != 2) {
		*why = "not an X.509 v3 certificate";
		return -EBADMSG;
	}
	if (out->x.key.type != X509_KEY_EC || out->x.key.ec_curve != BR_EC_secp256r1 ||
	    out->x.key.ec_point_len != RATLS_POINT_LEN) {
		*why = "the certificate key is not an EC P-256 key";
		return -EOPNOTSUPP;
	}
	if ((err = find_cmw(&out->x, &out->evidence, &out->evidence_len, why)))
		return err;
	if (out->evidence_len == 0 || out->evidence_len > RATLS_EVIDENCE_MAX) {
		*why = "the evidence extension is empty or larger than 64 KiB";
		return -EBADMSG;
	}
	out->point = out->x.key.ec_point;
	ratls_spki_hash(out->point, out->spki_hash);
	return 0;
}

int ratls_cert_check_self_signed(const struct ratls_cert *c)
{
	if (c->x.issuer_len != c->x.subject_len ||
	    memcmp(c->x.issuer, c->x.subject, c->x.issuer_len) != 0)
		return -EKEYREJECTED;
	return x509_verify_signature(&c->x, &c->x.key) ? -EKEYREJECTED : 0;
}

int ratls_check_binding(const struct ratls_cert *c, int cnf_crv, size_t cnf_coord_len,
			const uint8_t *cnf_x, const uint8_t *cnf_y, const uint8_t *eat_nonce,
			size_t eat_nonce_len, const uint8_t expect_nonce[RATLS_HASH_LEN],
			const char **why)
{
	if (cnf_crv != COSE_CRV_P256 || cnf_coord_len != 32 || !cnf_x || !cnf_y) {
		*why = "the verified claims carry no P-256 cnf key";
		return -EKEYREJECTED;
	}
	if (!bytes_ct_eq(cnf_x, c->point + 1, 32) || !bytes_ct_eq(cnf_y, c->point + 33, 32)) {
		*why = "the evidence's cnf key is not the certificate's key";
		return -EKEYREJECTED;
	}
	if (!eat_nonce || eat_nonce_len != RATLS_HASH_LEN ||
	    !bytes_ct_eq(eat_nonce, expect_nonce, RATLS_HASH_LEN)) {
		*why = "the evidence's eat_nonce does not bind this certificate's key (and nonce)";
		return -EKEYREJECTED;
	}
	return 0;
}
