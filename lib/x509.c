/* X.509 v3 certificate reader, RFC 5280 section 4.1:
 *
 *   Certificate  ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
 *   TBSCertificate ::= SEQUENCE { [0] EXPLICIT version, serialNumber INTEGER,
 *        signature AlgorithmIdentifier, issuer Name, validity SEQUENCE {notBefore, notAfter},
 *        subject Name, subjectPublicKeyInfo, [1] issuerUID, [2] subjectUID,
 *        [3] EXPLICIT extensions SEQUENCE OF Extension }
 *   Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 *
 * RSASSA-PSS parameters follow RFC 4055 section 3.1; AMD's extensions AMD
 * 57230 ("VCEK Certificate and KDS Interface Specification"). Every field is
 * a view into the caller's buffer. */
#include "lib/x509.h"
#include "lib/rsa_pss.h"
#include "futeet/errno.h"
#include <bearssl.h>
#include <string.h>

/* ---- OIDs (contents octets) ------------------------------------------ */
/* RFC 5758 3.2 */
static const uint8_t OID_ECDSA_SHA256[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02 };
static const uint8_t OID_ECDSA_SHA384[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x03 };
/* RFC 8017 appendix C (PKCS #1) */
static const uint8_t OID_RSA_ENCRYPTION[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 };
static const uint8_t OID_MGF1[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08 };
static const uint8_t OID_RSASSA_PSS[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A };
static const uint8_t OID_SHA256_RSA[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B };
static const uint8_t OID_SHA384_RSA[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0C };
/* RFC 5480 2.1.1 */
static const uint8_t OID_EC_PUBLIC_KEY[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
static const uint8_t OID_P256[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
static const uint8_t OID_P384[] = { 0x2B, 0x81, 0x04, 0x00, 0x22 };
/* NIST CSOR hash algorithms 2.16.840.1.101.3.4.2.{1,2,3} */
static const uint8_t OID_SHA256[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
static const uint8_t OID_SHA384[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02 };
static const uint8_t OID_SHA512[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03 };
/* X.520 commonName 2.5.4.3; RFC 5280 4.2.1.3 keyUsage, 4.2.1.9 basicConstraints */
static const uint8_t OID_CN[] = { 0x55, 0x04, 0x03 };
static const uint8_t OID_KEY_USAGE[] = { 0x55, 0x1D, 0x0F };
static const uint8_t OID_BASIC_CONSTRAINTS[] = { 0x55, 0x1D, 0x13 };
/* AMD 57230: 1.3.6.1.4.1.3704.1 (3704 = 0x9C 0x78 in base 128) */
static const uint8_t OID_AMD_ARC[] = { 0x2B, 0x06, 0x01, 0x04, 0x01, 0x9C, 0x78, 0x01 };
#define AMD_ARC_LEN sizeof(OID_AMD_ARC)

#define PSS_TRAILER_FIELD_BC 1u /* RFC 4055 3.1: trailerField 1 = 0xBC */
#define PSS_MAX_SALT 512u       /* no salt is longer than a 4096-bit modulus */
#define X509_MAX_SERIAL_LEN 21u /* RFC 5280 4.1.2.2: 20 octets (+ a sign octet) */
#define EC_P256_POINT_LEN 65u   /* RFC 5480 2.2: uncompressed 04 || X (32) || Y (32) */
#define EC_P384_POINT_LEN 97u   /* 04 || X (48) || Y (48) */
#define EC_POINT_UNCOMPRESSED 0x04u
#define AMD_HWID_LEN_MILAN 64u  /* AMD 57230: hwID = CHIP_ID, 64 bytes */
#define AMD_HWID_LEN_TURIN 8u   /* Turin VCEKs (virtee vcek_turin.der) */
#define X509_MAX_NAME_ATTRS 64u /* bound on RDN attributes we walk */
#define X509_MAX_EXTENSIONS 64u

/* ---- helpers ---------------------------------------------------------- */

static int hash_from_algid(const struct der_tlv *algid, int *hash_id)
{
	struct der d;
	struct der_tlv oid, params;

	if (algid->tag != DER_SEQUENCE)
		return -EBADMSG;
	der_enter(algid, &d);
	if (der_expect(&d, DER_OID, &oid))
		return -EBADMSG;
	/* RFC 4055 2.1: parameters absent or NULL. */
	if (!der_empty(&d)) {
		if (der_expect(&d, DER_NULL, &params) || params.len != 0 || !der_empty(&d))
			return -EBADMSG;
	}
	if (der_oid_eq(&oid, OID_SHA256, sizeof(OID_SHA256)))
		*hash_id = br_sha256_ID;
	else if (der_oid_eq(&oid, OID_SHA384, sizeof(OID_SHA384)))
		*hash_id = br_sha384_ID;
	else if (der_oid_eq(&oid, OID_SHA512, sizeof(OID_SHA512)))
		*hash_id = br_sha512_ID;
	else
		return -EOPNOTSUPP;
	return 0;
}

/* RSASSA-PSS-params, RFC 4055 3.1. SHA-1 defaults are refused (we do not
 * support SHA-1), so hashAlgorithm and maskGenAlgorithm must be present. */
static int parse_pss_params(const struct der_tlv *params, struct x509_sigalg *out)
{
	struct der d, e, m;
	struct der_tlv t, inner, oid, h;
	uint64_t v = 0;
	int err, seen_hash = 0, seen_mgf = 0, last = -1;

	if (params->tag != DER_SEQUENCE)
		return -EBADMSG;
	out->salt_len = 20; /* RFC 4055 default */
	der_enter(params, &d);
	while (!der_empty(&d)) {
		if ((err = der_read(&d, &t)))
			return err;
		if ((t.tag & 0xE0u) != 0xA0u || (int)(t.tag & 0x1Fu) <= last || (t.tag & 0x1Fu) > 3)
			return -EBADMSG; /* [0]..[3] EXPLICIT, in order, once */
		last = t.tag & 0x1F;
		der_enter(&t, &e);
		if ((err = der_read(&e, &inner)) || !der_empty(&e))
			return err ? err : -EBADMSG;
		switch (t.tag & 0x1Fu) {
		case 0:
			if ((err = hash_from_algid(&inner, &out->hash_id)))
				return err;
			seen_hash = 1;
			break;
		case 1:
			if (inner.tag != DER_SEQUENCE)
				return -EBADMSG;
			der_enter(&inner, &m);
			if (der_expect(&m, DER_OID, &oid) || der_read(&m, &h) || !der_empty(&m))
				return -EBADMSG;
			if (!der_oid_eq(&oid, OID_MGF1, sizeof(OID_MGF1)))
				return -EOPNOTSUPP;
			if ((err = hash_from_algid(&h, &out->mgf_hash_id)))
				return err;
			seen_mgf = 1;
			break;
		case 2:
			if ((err = der_uint64(&inner, &v)))
				return -EBADMSG;
			if (v > PSS_MAX_SALT)
				return -EBADMSG;
			out->salt_len = (uint32_t)v;
			break;
		default:
			if ((err = der_uint64(&inner, &v)))
				return -EBADMSG;
			if (v != PSS_TRAILER_FIELD_BC)
				return -EOPNOTSUPP;
			break;
		}
	}
	if (!seen_hash || !seen_mgf)
		return -EOPNOTSUPP;
	return 0;
}

static int parse_sigalg(const struct der_tlv *algid, struct x509_sigalg *out)
{
	struct der d;
	struct der_tlv oid, params;
	bool has_params, sha256;
	int rc;

	memset(out, 0, sizeof(*out));
	if (algid->tag != DER_SEQUENCE)
		return -EBADMSG;
	out->raw = algid->raw;
	out->raw_len = algid->raw_len;
	der_enter(algid, &d);
	if (der_expect(&d, DER_OID, &oid) || der_oid_check(&oid))
		return -EBADMSG;
	rc = der_read(&d, &params); /* -ENODATA: no parameters */
	has_params = rc != -ENODATA;
	if (has_params && (rc || !der_empty(&d)))
		return -EBADMSG;
	sha256 = der_oid_eq(&oid, OID_ECDSA_SHA256, sizeof(OID_ECDSA_SHA256));
	if (sha256 || der_oid_eq(&oid, OID_ECDSA_SHA384, sizeof(OID_ECDSA_SHA384))) {
		/* RFC 5758 3.2: parameters absent. */
		if (has_params)
			return -EBADMSG;
		out->alg = sha256 ? X509_SIG_ECDSA_SHA256 : X509_SIG_ECDSA_SHA384;
		out->hash_id = sha256 ? br_sha256_ID : br_sha384_ID;
		return 0;
	}
	sha256 = der_oid_eq(&oid, OID_SHA256_RSA, sizeof(OID_SHA256_RSA));
	if (sha256 || der_oid_eq(&oid, OID_SHA384_RSA, sizeof(OID_SHA384_RSA))) {
		/* RFC 4055 5: parameters NULL (absent tolerated). */
		if (has_params && (params.tag != DER_NULL || params.len != 0))
			return -EBADMSG;
		out->alg = sha256 ? X509_SIG_RSA_PKCS1_SHA256 : X509_SIG_RSA_PKCS1_SHA384;
		out->hash_id = sha256 ? br_sha256_ID : br_sha384_ID;
		return 0;
	}
	if (der_oid_eq(&oid, OID_RSASSA_PSS, sizeof(OID_RSASSA_PSS))) {
		if (!has_params)
			return -EOPNOTSUPP; /* all-default = SHA-1 */
		out->alg = X509_SIG_RSA_PSS;
		return parse_pss_params(&params, out);
	}
	return -EOPNOTSUPP;
}

static bool is_string_tag(uint8_t tag)
{
	return tag == DER_UTF8_STRING || tag == DER_PRINTABLE_STRING ||
	       tag == DER_IA5_STRING || tag == DER_T61_STRING || tag == DER_BMP_STRING;
}

/* Name ::= SEQUENCE OF SET OF AttributeTypeAndValue; finds the first CN. */
static int parse_name(const struct der_tlv *name, const uint8_t **cn, size_t *cn_len)
{
	struct der d, s, a;
	struct der_tlv rdn, atv, oid, val;
	unsigned n = 0;
	bool found = false;
	int err;

	*cn = NULL;
	*cn_len = 0;
	if (name->tag != DER_SEQUENCE)
		return -EBADMSG;
	der_enter(name, &d);
	while (!der_empty(&d)) {
		if ((err = der_expect(&d, DER_SET, &rdn)))
			return err;
		der_enter(&rdn, &s);
		if (der_empty(&s))
			return -EBADMSG;
		while (!der_empty(&s)) {
			if (++n > X509_MAX_NAME_ATTRS)
				return -E2BIG;
			if ((err = der_expect(&s, DER_SEQUENCE, &atv)))
				return err;
			der_enter(&atv, &a);
			if (der_expect(&a, DER_OID, &oid) || der_oid_check(&oid) ||
			    der_read(&a, &val) || !der_empty(&a))
				return -EBADMSG;
			if (!found && der_oid_eq(&oid, OID_CN, sizeof(OID_CN))) {
				if (!is_string_tag(val.tag))
					return -EBADMSG;
				found = true;
				*cn = val.val;
				*cn_len = val.len;
			}
		}
	}
	return 0;
}

static int parse_spki(const struct der_tlv *spki, struct x509_pubkey *key)
{
	struct der d, a, k;
	struct der_tlv alg, oid, params, bits, n, e;
	const uint8_t *kb;
	size_t kb_len;
	int err;

	memset(key, 0, sizeof(*key));
	key->spki = spki->raw;
	key->spki_len = spki->raw_len;
	if (spki->tag != DER_SEQUENCE)
		return -EBADMSG;
	der_enter(spki, &d);
	if (der_expect(&d, DER_SEQUENCE, &alg) || der_expect(&d, DER_BIT_STRING, &bits) ||
	    !der_empty(&d))
		return -EBADMSG;
	if (der_bitstring_octets(&bits, &kb, &kb_len))
		return -EBADMSG;
	der_enter(&alg, &a);
	if (der_expect(&a, DER_OID, &oid))
		return -EBADMSG;
	if (der_oid_eq(&oid, OID_RSA_ENCRYPTION, sizeof(OID_RSA_ENCRYPTION)) ||
	    der_oid_eq(&oid, OID_RSASSA_PSS, sizeof(OID_RSASSA_PSS))) {
		/* RFC 8017 A.1.1: RSAPublicKey ::= SEQUENCE { n INTEGER, e INTEGER } */
		struct der_tlv seq;
		struct der kd;
		der_enter_at(&bits, 1, &kd); /* kb[0 .. kb_len) as indices */
		if (der_expect(&kd, DER_SEQUENCE, &seq) || !der_empty(&kd))
			return -EBADMSG;
		der_enter(&seq, &k);
		if (der_expect(&k, DER_INTEGER, &n) || der_expect(&k, DER_INTEGER, &e) ||
		    !der_empty(&k))
			return -EBADMSG;
		if ((err = der_uint_bytes(&n, &key->rsa_n, &key->rsa_n_len)) ||
		    (err = der_uint_bytes(&e, &key->rsa_e, &key->rsa_e_len)))
			return -EBADMSG;
		/* the magnitudes end where their INTEGERs end */
		key->rsa_n_at.off = n.end - key->rsa_n_len;
		key->rsa_n_at.end = n.end;
		key->rsa_e_at.off = e.end - key->rsa_e_len;
		key->rsa_e_at.end = e.end;
		key->type = X509_KEY_RSA;
		return 0;
	}
	if (der_oid_eq(&oid, OID_EC_PUBLIC_KEY, sizeof(OID_EC_PUBLIC_KEY))) {
		/* RFC 5480 2.1.1: namedCurve only. */
		if (der_expect(&a, DER_OID, &params) || !der_empty(&a))
			return -EBADMSG;
		if (der_oid_eq(&params, OID_P256, sizeof(OID_P256))) {
			key->ec_curve = BR_EC_secp256r1;
			if (kb_len != EC_P256_POINT_LEN)
				return -EBADMSG;
		} else if (der_oid_eq(&params, OID_P384, sizeof(OID_P384))) {
			key->ec_curve = BR_EC_secp384r1;
			if (kb_len != EC_P384_POINT_LEN)
				return -EBADMSG;
		} else {
			return -EOPNOTSUPP;
		}
		if (der_byte(&bits, 1) != EC_POINT_UNCOMPRESSED) /* kb[0] */
			return -EOPNOTSUPP;
		key->ec_point = kb;
		key->ec_point_len = kb_len;
		key->ec_point_at.off = bits.off + 1; /* after the unused-bits octet */
		key->ec_point_at.end = bits.end;
		key->type = X509_KEY_EC;
		return 0;
	}
	/* Unknown key algorithms parse, but cannot verify anything. */
	key->type = X509_KEY_UNKNOWN;
	return 0;
}

/* extnValue contents of an AMD SPL: an INTEGER 0..255. */
static int amd_spl(const struct der_tlv *ev, bool *has, uint8_t *spl)
{
	struct der d;
	struct der_tlv i;
	uint64_t v = 0;

	if (*has)
		return -EBADMSG; /* duplicate */
	der_enter(ev, &d);
	if (der_expect(&d, DER_INTEGER, &i) || !der_empty(&d) || der_uint64(&i, &v) || v > 255)
		return -EBADMSG;
	*has = true;
	*spl = (uint8_t)v;
	return 0;
}

/* hwID (AMD 57230): KDS VCEKs carry the raw chip id as the extnValue
 * contents (64 bytes Milan/Genoa, 8 bytes Turin); some encoders wrap it in an
 * OCTET STRING (trustee test-vcek-invalid-new.der). Both are accepted; the
 * lengths cannot be confused (66 and 10 are not valid raw lengths). */
static int amd_hwid(const struct der_tlv *ev, struct x509_amd_ext *amd)
{
	if (amd->hwid_len)
		return -EBADMSG; /* duplicate (a set hwID is 64 or 8 bytes) */
	if (ev->len == AMD_HWID_LEN_MILAN || ev->len == AMD_HWID_LEN_TURIN) {
		amd->hwid = ev->val;
		amd->hwid_len = ev->len;
		return 0;
	}
	if ((ev->len == AMD_HWID_LEN_MILAN + 2 || ev->len == AMD_HWID_LEN_TURIN + 2) &&
	    der_byte(ev, 0) == DER_OCTET_STRING &&
	    der_byte(ev, 1) == (int)(ev->len - 2)) {
		amd->hwid = ev->val + 2;
		amd->hwid_len = ev->len - 2;
		return 0;
	}
	return -EBADMSG;
}

/* An AMD extension: oid is under 1.3.6.1.4.1.3704.1; sub = its contents
 * after that arc (sub_len bytes, sub[k] = der_byte(oid, AMD_ARC_LEN + k)).
 * Returns 1 when it is not one we know (the caller applies the criticality
 * rule). */
static int parse_amd_ext(const struct der_tlv *oid, const struct der_tlv *ev,
			 struct x509_amd_ext *amd)
{
	struct der d;
	struct der_tlv t;
	size_t sub_len = oid->len - AMD_ARC_LEN;
	int sub0 = der_byte(oid, AMD_ARC_LEN), sub1 = der_byte(oid, AMD_ARC_LEN + 1);

	if (sub_len == 1 && sub0 == 1) { /* structVersion INTEGER */
		if (amd->has_struct_version)
			return -EBADMSG;
		der_enter(ev, &d);
		if (der_expect(&d, DER_INTEGER, &t) || !der_empty(&d) ||
		    der_uint64(&t, &amd->struct_version))
			return -EBADMSG;
		amd->has_struct_version = true;
		return 0;
	}
	if (sub_len == 1 && sub0 == 2) { /* productName IA5String */
		if (amd->product_name)
			return -EBADMSG;
		der_enter(ev, &d);
		if (der_expect(&d, DER_IA5_STRING, &t) || !der_empty(&d))
			return -EBADMSG;
		amd->product_name = t.val;
		amd->product_name_len = t.len;
		return 0;
	}
	if (sub_len == 1 && sub0 == 4)
		return amd_hwid(ev, amd);
	if (sub_len == 2 && sub0 == 3) {
		switch (sub1) {
		case 1: return amd_spl(ev, &amd->has_bl, &amd->bl_spl);
		case 2: return amd_spl(ev, &amd->has_tee, &amd->tee_spl);
		case 3: return amd_spl(ev, &amd->has_snp, &amd->snp_spl);
		case 8: return amd_spl(ev, &amd->has_ucode, &amd->ucode_spl);
		case 9: return amd_spl(ev, &amd->has_fmc, &amd->fmc_spl);
		default: return 1; /* .3.4-.3.7: reserved SPLs */
		}
	}
	return 1;
}

static int parse_extensions(const struct der_tlv *exts, struct x509_cert *c)
{
	struct der d, e, v;
	struct der_tlv ext, oid, crit_or_val, val, t;
	unsigned n = 0;
	bool critical;
	int err;

	if (exts->tag != DER_SEQUENCE || exts->len == 0)
		return -EBADMSG; /* RFC 5280: SIZE (1..MAX) */
	der_enter(exts, &d);
	while (!der_empty(&d)) {
		if (++n > X509_MAX_EXTENSIONS)
			return -E2BIG;
		if ((err = der_expect(&d, DER_SEQUENCE, &ext)))
			return err;
		der_enter(&ext, &e);
		if (der_expect(&e, DER_OID, &oid) || der_oid_check(&oid) || der_read(&e, &crit_or_val))
			return -EBADMSG;
		critical = false;
		if (crit_or_val.tag == DER_BOOLEAN) {
			if (der_bool(&crit_or_val, &critical) || !critical)
				return -EBADMSG; /* DER: DEFAULT FALSE is never encoded */
			if (der_expect(&e, DER_OCTET_STRING, &val))
				return -EBADMSG;
		} else if (crit_or_val.tag == DER_OCTET_STRING) {
			val = crit_or_val;
		} else {
			return -EBADMSG;
		}
		if (!der_empty(&e))
			return -EBADMSG;

		if (der_oid_eq(&oid, OID_BASIC_CONSTRAINTS, sizeof(OID_BASIC_CONSTRAINTS))) {
			/* RFC 5280 4.2.1.9: SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLen INTEGER OPTIONAL } */
			struct der_tlv seq;
			if (c->has_basic_constraints)
				return -EBADMSG;
			der_enter(&val, &v);
			if (der_expect(&v, DER_SEQUENCE, &seq) || !der_empty(&v))
				return -EBADMSG;
			der_enter(&seq, &v);
			if (der_peek(&v) == DER_BOOLEAN) {
				if (der_read(&v, &t) || der_bool(&t, &c->is_ca) || !c->is_ca)
					return -EBADMSG;
			}
			if (der_peek(&v) == DER_INTEGER) {
				if (der_read(&v, &t) || der_uint64(&t, &c->path_len))
					return -EBADMSG;
				c->has_path_len = true;
			}
			if (!der_empty(&v))
				return -EBADMSG;
			c->has_basic_constraints = true;
		} else if (der_oid_eq(&oid, OID_KEY_USAGE, sizeof(OID_KEY_USAGE))) {
			if (c->has_key_usage)
				return -EBADMSG;
			der_enter(&val, &v);
			if (der_expect(&v, DER_BIT_STRING, &t) || !der_empty(&v) ||
			    der_bitstring_flags(&t, &c->key_usage))
				return -EBADMSG;
			c->has_key_usage = true;
		} else if (der_oid_under(&oid, OID_AMD_ARC, AMD_ARC_LEN)) {
			err = parse_amd_ext(&oid, &val, &c->amd);
			if (err < 0)
				return err;
			c->amd.present = true;
			if (err == 1 && critical)
				return -EOPNOTSUPP;
		} else if (critical) {
			/* RFC 5280 4.2: unknown critical extensions are refused. */
			return -EOPNOTSUPP;
		}
	}
	return 0;
}

int x509_parse(const uint8_t *der, size_t len, struct x509_cert *c)
{
	struct der d, tbs;
	struct der_tlv cert, tbs_t, alg, sig, t, name, validity;
	struct x509_sigalg inner_alg;
	int err;

	memset(c, 0, sizeof(*c));
	if (!der || len == 0)
		return -EINVAL;
	/* The whole structure first: strict DER, bounded depth. */
	if ((err = der_check_all(der, len)))
		return -EBADMSG;
	c->der = der;
	c->der_len = len;
	der_init(&d, der, len);
	if (der_expect(&d, DER_SEQUENCE, &cert) || !der_empty(&d))
		return -EBADMSG;
	der_enter(&cert, &d);
	if (der_expect(&d, DER_SEQUENCE, &tbs_t) || der_expect(&d, DER_SEQUENCE, &alg) ||
	    der_expect(&d, DER_BIT_STRING, &sig) || !der_empty(&d))
		return -EBADMSG;
	c->tbs_at.off = tbs_t.raw_off;
	c->tbs_at.end = tbs_t.end;
	if ((err = parse_sigalg(&alg, &c->sig_alg)))
		return err;
	{
		const uint8_t *octets;   /* read through sig_at; checked here */
		size_t n;

		if (der_bitstring_octets(&sig, &octets, &n))
			return -EBADMSG;
	}
	c->sig_at.off = sig.off + 1; /* after the unused-bits octet */
	c->sig_at.end = sig.end;

	der_enter(&tbs_t, &tbs);
	if (der_peek(&tbs) == DER_CTX_CONS(0)) {
		struct der v;
		struct der_tlv vi;
		if (der_read(&tbs, &t))
			return -EBADMSG;
		der_enter(&t, &v);
		if (der_expect(&v, DER_INTEGER, &vi) || !der_empty(&v) ||
		    der_uint64(&vi, &c->version) || c->version > 2)
			return -EBADMSG;
	}
	if (der_expect(&tbs, DER_INTEGER, &t) || t.len == 0 || t.len > X509_MAX_SERIAL_LEN)
		return -EBADMSG; /* RFC 5280 4.1.2.2: at most 20 octets */
	c->serial = t.val;
	c->serial_len = t.len;
	/* RFC 5280 4.1.1.2: signatureAlgorithm equals TBS signature. */
	if (der_expect(&tbs, DER_SEQUENCE, &t))
		return -EBADMSG;
	if ((err = parse_sigalg(&t, &inner_alg)))
		return err;
	if (!der_tlv_same(&t, &alg))
		return -EBADMSG;
	if (der_expect(&tbs, DER_SEQUENCE, &name) ||
	    parse_name(&name, &c->issuer_cn, &c->issuer_cn_len))
		return -EBADMSG;
	c->issuer = name.raw;
	c->issuer_len = name.raw_len;
	c->issuer_at.off = name.raw_off;
	c->issuer_at.end = name.end;
	if (der_expect(&tbs, DER_SEQUENCE, &validity))
		return -EBADMSG;
	{
		struct der v;
		struct der_tlv nb, na;
		der_enter(&validity, &v);
		if (der_read(&v, &nb) || der_read(&v, &na) || !der_empty(&v) ||
		    der_time(&nb, &c->not_before) || der_time(&na, &c->not_after))
			return -EBADMSG;
	}
	if (der_expect(&tbs, DER_SEQUENCE, &name) ||
	    parse_name(&name, &c->subject_cn, &c->subject_cn_len))
		return -EBADMSG;
	c->subject = name.raw;
	c->subject_len = name.raw_len;
	c->subject_at.off = name.raw_off;
	c->subject_at.end = name.end;
	if (der_expect(&tbs, DER_SEQUENCE, &t))
		return -EBADMSG;
	if ((err = parse_spki(&t, &c->key)))
		return err;
	c->key.der = der;
	c->key.der_len = len;
	/* [1] issuerUniqueID, [2] subjectUniqueID: skipped (RFC 5280 4.1.2.8). */
	if (der_peek(&tbs) == DER_CTX(1) || der_peek(&tbs) == DER_CTX_CONS(1))
		if (der_read(&tbs, &t))
			return -EBADMSG;
	if (der_peek(&tbs) == DER_CTX(2) || der_peek(&tbs) == DER_CTX_CONS(2))
		if (der_read(&tbs, &t))
			return -EBADMSG;
	if (der_peek(&tbs) == DER_CTX_CONS(3)) {
		struct der x;
		struct der_tlv exts;
		if (c->version != 2 || der_read(&tbs, &t))
			return -EBADMSG;
		der_enter(&t, &x);
		if (der_expect(&x, DER_SEQUENCE, &exts) || !der_empty(&x))
			return -EBADMSG;
		if ((err = parse_extensions(&exts, c)))
			return err;
		c->exts = exts.val;
		c->exts_len = exts.len;
		c->exts_off = exts.off;
		c->exts_end = exts.end;
	}
	if (!der_empty(&tbs))
		return -EBADMSG;
	return 0;
}

int x509_find_extension(const struct x509_cert *cert, const uint8_t *oid, size_t oid_len,
			const uint8_t **val, size_t *val_len, bool *critical)
{
	struct der d, e;
	struct der_tlv ext, id, t;
	bool crit;

	if (!cert->exts)
		return -ENOENT;
	/* Already validated by x509_parse; still read with every check, as
	 * indices into the certificate. */
	d.buf = cert->der;
	d.pos = cert->exts_off;
	d.end = cert->exts_end;
	while (!der_empty(&d)) {
		if (der_expect(&d, DER_SEQUENCE, &ext))
			return -EBADMSG;
		der_enter(&ext, &e);
		if (der_expect(&e, DER_OID, &id) || der_read(&e, &t))
			return -EBADMSG;
		crit = false;
		if (t.tag == DER_BOOLEAN) {
			crit = true;
			if (der_read(&e, &t))
				return -EBADMSG;
		}
		if (t.tag != DER_OCTET_STRING)
			return -EBADMSG;
		if (der_oid_eq(&id, oid, oid_len)) {
			*val = t.val;
			*val_len = t.len;
			if (critical)
				*critical = crit;
			return 0;
		}
	}
	return -ENOENT;
}

/* The certificate's fields are read here through their index ranges
 * (struct x509_range): every byte as der[i] with i checked against the
 * range's end and the certificate's length, copied into fixed buffers
 * before BearSSL sees them, so that every read is one a static analysis
 * can bound (docs/PROOFS.md, target x509_chain). */

/* der[r.off .. r.end) into out[0 .. *n), -1 if the range is not inside
 * der[0 .. der_len) or longer than cap. */
static int range_copy(const uint8_t *der, size_t der_len, struct x509_range r, uint8_t *out,
		      size_t cap, size_t *n)
{
	*n = 0;
	if (der == NULL || r.off > r.end || r.end > der_len || r.end - r.off > cap)
		return -1;
	for (size_t k = 0; k < cap; k++) {
		size_t i = r.off + k;

		if (i >= r.end)
			break;
		out[k] = der[i];
	}
	*n = r.end - r.off;
	return 0;
}

/* a's range ra and b's range rb hold the same bytes */
static bool range_eq(const uint8_t *a, size_t a_len, struct x509_range ra,
		     const uint8_t *b, size_t b_len, struct x509_range rb)
{
	if (a == NULL || b == NULL || ra.off > ra.end || ra.end > a_len || rb.off > rb.end ||
	    rb.end > b_len || ra.end - ra.off != rb.end - rb.off)
		return false;
	for (size_t i = ra.off, j = rb.off; i < ra.end; i++, j++)
		if (j >= rb.end || a[i] != b[j])
			return false;
	return true;
}

/* The hash (BearSSL id) of the signed bytes, der[tbs_at), fed to the hash
 * in blocks copied by index. 0, or -EOPNOTSUPP / -EBADMSG. */
static int hash_tbs(const struct x509_cert *c, int hid, uint8_t *out)
{
	union {
		br_sha256_context sha256;
		br_sha384_context sha384;
		br_sha512_context sha512;
	} ctx;
	uint8_t block[64];
	size_t at = c->tbs_at.off, end = c->tbs_at.end;

	if (c->der == NULL || at > end || end > c->der_len)
		return -EBADMSG;
	switch (hid) {
	case br_sha256_ID: br_sha256_init(&ctx.sha256); break;
	case br_sha384_ID: br_sha384_init(&ctx.sha384); break;
	case br_sha512_ID: br_sha512_init(&ctx.sha512); break;
	default: return -EOPNOTSUPP;
	}
	while (at < end) {
		size_t n = 0;

		while (n < sizeof(block) && at < end)
			block[n++] = c->der[at++];
		switch (hid) {
		case br_sha256_ID: br_sha256_update(&ctx.sha256, block, n); break;
		case br_sha384_ID: br_sha384_update(&ctx.sha384, block, n); break;
		default: br_sha512_update(&ctx.sha512, block, n); break;
		}
	}
	switch (hid) {
	case br_sha256_ID: br_sha256_out(&ctx.sha256, out); break;
	case br_sha384_ID: br_sha384_out(&ctx.sha384, out); break;
	default: br_sha512_out(&ctx.sha512, out); break;
	}
	return 0;
}

int x509_verify_signature(const struct x509_cert *cert, const struct x509_pubkey *key)
{
	uint8_t h[64] = { 0 };
	uint8_t sig[RSA_PSS_MAX_MOD_BYTES] = { 0 }; /* no supported signature is longer */
	size_t hlen, sig_len;
	int hid = cert->sig_alg.hash_id;

	hlen = rsa_pss_hash_len(hid);
	if (hlen == 0 || hash_tbs(cert, hid, h))
		return -EOPNOTSUPP;
	if (range_copy(cert->der, cert->der_len, cert->sig_at, sig, sizeof(sig), &sig_len))
		return -EKEYREJECTED;

	switch (cert->sig_alg.alg) {
	case X509_SIG_ECDSA_SHA256:
	case X509_SIG_ECDSA_SHA384: {
		br_ec_public_key pk;
		uint8_t q[EC_P384_POINT_LEN];
		size_t qlen;

		if (key->type != X509_KEY_EC ||
		    range_copy(key->der, key->der_len, key->ec_point_at, q, sizeof(q), &qlen))
			return -EKEYREJECTED;
		pk.curve = key->ec_curve;
		pk.q = q;
		pk.qlen = qlen;
		/* RFC 5758 3.2: Ecdsa-Sig-Value DER; br_ec_all_m31 is constant time. */
		if (br_ecdsa_i31_vrfy_asn1(&br_ec_all_m31, h, hlen, &pk, sig, sig_len) != 1)
			return -EKEYREJECTED;
		return 0;
	}
	case X509_SIG_RSA_PKCS1_SHA256:
	case X509_SIG_RSA_PKCS1_SHA384:
	case X509_SIG_RSA_PSS: {
		br_rsa_public_key pk;
		uint8_t n[RSA_PSS_MAX_MOD_BYTES] = { 0 }, e[RSA_PSS_MAX_MOD_BYTES] = { 0 };
		uint8_t got[64] = { 0 }, diff = 0;
		size_t nlen, elen, i;
		const unsigned char *oid = hid == br_sha256_ID ? BR_HASH_OID_SHA256 : BR_HASH_OID_SHA384;
		int err;

		/* DER INTEGERs are minimal (lib/der.c): a leading zero octet is
		 * the value zero, which is no modulus or exponent */
		if (key->type != X509_KEY_RSA ||
		    range_copy(key->der, key->der_len, key->rsa_n_at, n, sizeof(n), &nlen) ||
		    range_copy(key->der, key->der_len, key->rsa_e_at, e, sizeof(e), &elen) ||
		    nlen == 0 || elen == 0 || n[0] == 0 || e[0] == 0)
			return -EKEYREJECTED;
		if (cert->sig_alg.alg == X509_SIG_RSA_PSS) {
			err = rsa_pss_verify(n, nlen, e, elen, hid, cert->sig_alg.mgf_hash_id,
					     cert->sig_alg.salt_len, h, hlen, sig, sig_len);
			return err == -EBADMSG ? -EKEYREJECTED : err;
		}
		pk.n = n;
		pk.nlen = nlen;
		pk.e = e;
		pk.elen = elen;
		if (br_rsa_i31_pkcs1_vrfy(sig, sig_len, oid, hlen, &pk, got) != 1)
			return -EKEYREJECTED;
		for (i = 0; i < hlen && i < sizeof(got); i++)
			diff |= (uint8_t)(got[i] ^ h[i]);
		return diff == 0 ? 0 : -EKEYREJECTED;
	}
	default:
		return -EOPNOTSUPP;
	}
}

int x509_check_issued(const struct x509_cert *cert, const struct x509_cert *issuer)
{
	if (!range_eq(cert->der, cert->der_len, cert->issuer_at,
		      issuer->der, issuer->der_len, issuer->subject_at))
		return -EKEYREJECTED;
	/* RFC 5280 4.2.1.9 / 4.2.1.3: the issuer must be a CA allowed to sign certs. */
	if (!issuer->has_basic_constraints || !issuer->is_ca)
		return -EKEYREJECTED;
	if (issuer->has_key_usage && !(issuer->key_usage & X509_KU_KEY_CERT_SIGN))
		return -EKEYREJECTED;
	return x509_verify_signature(cert, &issuer->key);
}

int x509_check_time(const struct x509_cert *cert, int64_t now)
{
	if (now < cert->not_before || now > cert->not_after)
		return -ETIME;
	return 0;
}

/* ---- PEM (RFC 7468 section 2) ----------------------------------------- */

static int b64_value(char ch)
{
	if (ch >= 'A' && ch <= 'Z') return ch - 'A';
	if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9') return ch - '0' + 52;
	if (ch == '+') return 62;
	if (ch == '/') return 63;
	return -1;
}

static size_t find_str(const char *s, size_t len, size_t from, const char *needle)
{
	size_t nl = strlen(needle), i;

	if (nl > len)
		return len;
	for (i = from; i + nl <= len; i++)
		if (memcmp(s + i, needle, nl) == 0)
			return i;
	return len;
}

int x509_pem_next(const char *pem, size_t len, size_t *pos,
		  uint8_t *der, size_t der_cap, size_t *der_len)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----";
	static const char end[] = "-----END CERTIFICATE-----";
	size_t b, e, i, out = 0;
	uint32_t acc = 0;
	unsigned nbits = 0, pad = 0;

	if (*pos > len)
		return -EINVAL;
	b = find_str(pem, len, *pos, begin);
	if (b == len)
		return -ENOENT;
	b += sizeof(begin) - 1;
	e = find_str(pem, len, b, end);
	if (e == len)
		return -EBADMSG;
	for (i = b; i < e; i++) {
		char ch = pem[i];
		int v;
		if (ch == '\r' || ch == '\n' || ch == ' ' || ch == '\t')
			continue;
		if (ch == '=') {
			pad++;
			continue;
		}
		if (pad)
			return -EBADMSG; /* data after padding */
		v = b64_value(ch);
		if (v < 0)
			return -EBADMSG;
		acc = (acc << 6) | (uint32_t)v;
		nbits += 6;
		if (nbits >= 8) {
			nbits -= 8;
			if (out >= der_cap)
				return -ENOSPC;
			der[out++] = (uint8_t)(acc >> nbits);
		}
	}
	if (pad > 2 || nbits >= 6 || (acc & ((1u << nbits) - 1u)) != 0)
		return -EBADMSG;
	*der_len = out;
	*pos = e + sizeof(end) - 1;
	return 0;
}
