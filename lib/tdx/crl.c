/* X.509 CRLs as Intel's PCS issues them (PCK Platform/Processor CA CRL, Root
 * CA CRL): ECDSA P-256 / SHA-256 signatures. RFC 5280 section 5.1:
 *
 *   CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
 *   TBSCertList ::= SEQUENCE {
 *       version INTEGER OPTIONAL (v2 = 1), signature AlgorithmIdentifier,
 *       issuer Name, thisUpdate Time, nextUpdate Time OPTIONAL,
 *       revokedCertificates SEQUENCE OF SEQUENCE {
 *           userCertificate INTEGER, revocationDate Time, crlEntryExtensions OPTIONAL
 *       } OPTIONAL,
 *       crlExtensions [0] EXPLICIT Extensions OPTIONAL }
 *
 * Bounded reader over lib/der; the entry loop is bounded by the CRL length. */
#include "lib/tdx/collateral.h"
#include "lib/der.h"
#include "futeet/errno.h"
#include <bearssl.h>
#include <string.h>

/* ecdsa-with-SHA256, 1.2.840.10045.4.3.2 (RFC 5758 section 3.2). */
static const uint8_t oid_ecdsa_sha256[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02 };

struct crl_view {
	struct der_tlv tbs;       /* the signed TBSCertList TLV */
	struct der_tlv issuer;
	int64_t this_update, next_update;
	bool has_next_update;
	bool has_revoked;
	struct der_tlv revoked;   /* SEQUENCE OF entries */
	const uint8_t *sig;       /* DER ECDSA-Sig-Value */
	size_t sig_len;
};

static int alg_is_ecdsa_sha256(const struct der_tlv *alg)
{
	struct der d;
	struct der_tlv oid;

	der_enter(alg, &d);
	if (der_expect(&d, DER_OID, &oid) || !der_oid_eq(&oid, oid_ecdsa_sha256, sizeof(oid_ecdsa_sha256)))
		return -EOPNOTSUPP;
	return der_empty(&d) ? 0 : -EBADMSG; /* RFC 5758 3.2: parameters absent */
}

static bool is_time(int tag)
{
	return tag == DER_UTC_TIME || tag == DER_GENERALIZED_TIME;
}

static int crl_parse(const uint8_t *crl, size_t len, struct crl_view *v)
{
	struct der top, cl, tbs;
	struct der_tlv whole, alg, sigval, t;
	const uint8_t *bits;
	size_t nbits;

	memset(v, 0, sizeof(*v));
	der_init(&top, crl, len);
	if (der_expect(&top, DER_SEQUENCE, &whole) || !der_empty(&top))
		return -EBADMSG;
	der_enter(&whole, &cl);
	if (der_expect(&cl, DER_SEQUENCE, &v->tbs) || der_expect(&cl, DER_SEQUENCE, &alg) ||
	    der_expect(&cl, DER_BIT_STRING, &sigval) || !der_empty(&cl))
		return -EBADMSG;
	if (alg_is_ecdsa_sha256(&alg))
		return -EBADMSG;
	if (der_bitstring_octets(&sigval, &bits, &nbits))
		return -EBADMSG;
	v->sig = bits;
	v->sig_len = nbits;

	der_enter(&v->tbs, &tbs);
	if (der_peek(&tbs) == DER_INTEGER && der_read(&tbs, &t))
		return -EBADMSG;
	if (der_expect(&tbs, DER_SEQUENCE, &alg) || alg_is_ecdsa_sha256(&alg))
		return -EBADMSG;
	if (der_expect(&tbs, DER_SEQUENCE, &v->issuer))
		return -EBADMSG;
	if (der_read(&tbs, &t) || !is_time(t.tag) || der_time(&t, &v->this_update))
		return -EBADMSG;
	if (!der_empty(&tbs) && is_time(der_peek(&tbs))) {
		if (der_read(&tbs, &t) || der_time(&t, &v->next_update))
			return -EBADMSG;
		v->has_next_update = true;
	}
	if (!der_empty(&tbs) && der_peek(&tbs) == DER_SEQUENCE) {
		if (der_read(&tbs, &v->revoked))
			return -EBADMSG;
		v->has_revoked = true;
	}
	if (!der_empty(&tbs)) {
		if (der_expect(&tbs, DER_CTX_CONS(0), &t) || !der_empty(&tbs))
			return -EBADMSG;
	}
	return 0;
}

int tdx_crl_lists(const uint8_t *crl, size_t crl_len, const uint8_t *serial, size_t serial_len)
{
	struct crl_view v;
	struct der list, e;
	struct der_tlv entry, sn;
	size_t guard;

	if (crl_parse(crl, crl_len, &v))
		return -EBADMSG;
	if (!v.has_revoked)
		return 0;
	der_enter(&v.revoked, &list);
	/* Each entry takes at least 2 bytes, so crl_len bounds the loop. */
	for (guard = 0; !der_empty(&list) && guard < crl_len; guard++) {
		if (der_expect(&list, DER_SEQUENCE, &entry))
			return -EBADMSG;
		der_enter(&entry, &e);
		if (der_expect(&e, DER_INTEGER, &sn))
			return -EBADMSG;
		if (sn.len == serial_len && memcmp(sn.val, serial, serial_len) == 0)
			return 1;
	}
	return 0;
}

int tdx_crl_check(const uint8_t *crl, size_t crl_len, const struct x509_cert *issuer,
		  bool time_known, int64_t now, int64_t *next_update)
{
	struct crl_view v;
	uint8_t h[br_sha256_SIZE];
	br_sha256_context sc;
	br_ec_public_key pk;

	if (crl_parse(crl, crl_len, &v))
		return -EBADMSG;
	*next_update = v.has_next_update ? v.next_update : INT64_MAX;
	if (v.issuer.raw_len != issuer->subject_len ||
	    memcmp(v.issuer.raw, issuer->subject, issuer->subject_len) != 0)
		return -EKEYREJECTED;
	if (issuer->key.type != X509_KEY_EC || issuer->key.ec_curve != BR_EC_secp256r1)
		return -EKEYREJECTED;
	br_sha256_init(&sc);
	br_sha256_update(&sc, v.tbs.raw, v.tbs.raw_len);
	br_sha256_out(&sc, h);
	pk.curve = issuer->key.ec_curve;
	pk.q = (unsigned char *)(uintptr_t)issuer->key.ec_point;
	pk.qlen = issuer->key.ec_point_len;
	if (br_ecdsa_i31_vrfy_asn1(&br_ec_all_m31, h, sizeof(h), &pk, v.sig, v.sig_len) != 1)
		return -EKEYREJECTED;
	if (time_known && (now < v.this_update || (v.has_next_update && now > v.next_update)))
		return -ETIME;
	return 0;
}
