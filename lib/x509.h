/* X.509 v3 certificate reader (RFC 5280) for the attestation verifiers:
 * the fields they need, as views into the caller's DER (no copies, no
 * allocation), plus signature verification with an issuer's key and a
 * PEM-to-DER helper. Supports the AMD SEV-SNP extensions (AMD 57230,
 * "VCEK Certificate and KDS Interface Specification", table "VCEK
 * certificate extensions"). */
#ifndef FUTEET_LIB_X509_H
#define FUTEET_LIB_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lib/der.h"
#include "futeet/compiler.h"

enum x509_sig_alg {
	X509_SIG_UNKNOWN = 0,
	X509_SIG_ECDSA_SHA256,      /* 1.2.840.10045.4.3.2 */
	X509_SIG_ECDSA_SHA384,      /* 1.2.840.10045.4.3.3 */
	X509_SIG_RSA_PKCS1_SHA256,  /* 1.2.840.113549.1.1.11 */
	X509_SIG_RSA_PKCS1_SHA384,  /* 1.2.840.113549.1.1.12 */
	X509_SIG_RSA_PSS,           /* 1.2.840.113549.1.1.10 + params */
};

struct x509_sigalg {
	enum x509_sig_alg alg;
	int hash_id;      /* BearSSL hash id (br_sha256_ID...) of the message digest */
	int mgf_hash_id;  /* PSS only */
	uint32_t salt_len;/* PSS only */
	const uint8_t *raw; /* the whole AlgorithmIdentifier TLV */
	size_t raw_len;
};

enum x509_key_type {
	X509_KEY_UNKNOWN = 0,
	X509_KEY_RSA,
	X509_KEY_EC,
};

/* A range of a certificate's DER as indices, der[off .. end): the same
 * bytes as the pointer + length beside it, for the readers that check
 * every index against the certificate's length (x509_check_issued,
 * x509_verify_signature), which a static analysis can follow
 * (docs/PROOFS.md, target x509_chain). */
struct x509_range {
	size_t off;
	size_t end;
};

/* Curves (BearSSL ids: BR_EC_secp256r1 = 23, BR_EC_secp384r1 = 24). */
struct x509_pubkey {
	enum x509_key_type type;
	const uint8_t *rsa_n;  /* big-endian magnitude */
	size_t rsa_n_len;
	const uint8_t *rsa_e;
	size_t rsa_e_len;
	int ec_curve;          /* BR_EC_secp256r1 or BR_EC_secp384r1 */
	const uint8_t *ec_point; /* uncompressed 04||X||Y */
	size_t ec_point_len;
	const uint8_t *spki;   /* the whole SubjectPublicKeyInfo TLV */
	size_t spki_len;
	const uint8_t *der;    /* the certificate the key was read from */
	size_t der_len;
	struct x509_range rsa_n_at, rsa_e_at, ec_point_at; /* the fields above in der */
};

/* Key usage bits (RFC 5280 4.2.1.3), bit n = named bit n. */
#define X509_KU_DIGITAL_SIGNATURE (1u << 0)
#define X509_KU_KEY_CERT_SIGN     (1u << 5)
#define X509_KU_CRL_SIGN          (1u << 6)

/* AMD SEV-SNP extensions, AMD 57230 (OID arc 1.3.6.1.4.1.3704.1). */
struct x509_amd_ext {
	bool present;            /* any AMD extension seen */
	bool has_struct_version; uint64_t struct_version;  /* .1.1 */
	const uint8_t *product_name; size_t product_name_len; /* .1.2 IA5String */
	bool has_bl;    uint8_t bl_spl;    /* .1.3.1 */
	bool has_tee;   uint8_t tee_spl;   /* .1.3.2 */
	bool has_snp;   uint8_t snp_spl;   /* .1.3.3 */
	bool has_ucode; uint8_t ucode_spl; /* .1.3.8 */
	bool has_fmc;   uint8_t fmc_spl;   /* .1.3.9 (Turin) */
	const uint8_t *hwid; size_t hwid_len; /* .1.4: 64 bytes (Milan/Genoa) or 8 (Turin) */
};

struct x509_cert {
	const uint8_t *der;     /* the whole certificate */
	size_t der_len;
	uint64_t version;       /* 0 = v1 ... 2 = v3 */
	const uint8_t *serial; size_t serial_len;
	struct x509_sigalg sig_alg;
	const uint8_t *issuer;  /* Name TLV (raw, for issuer/subject matching) */
	size_t issuer_len;
	const uint8_t *subject;
	size_t subject_len;
	const uint8_t *issuer_cn; size_t issuer_cn_len;   /* may be NULL */
	const uint8_t *subject_cn; size_t subject_cn_len; /* may be NULL */
	int64_t not_before, not_after; /* unix seconds */
	struct x509_pubkey key;
	bool has_basic_constraints;
	bool is_ca;
	bool has_path_len; uint64_t path_len;
	bool has_key_usage;
	uint32_t key_usage;
	struct x509_amd_ext amd;
	/* the TBSCertificate TLV (the signed bytes), the signatureValue BIT
	 * STRING's octets, issuer and subject Name TLVs, as indices into der */
	struct x509_range tbs_at, sig_at, issuer_at, subject_at;
	const uint8_t *exts;    /* Extensions SEQUENCE contents, NULL if none */
	size_t exts_len;
	size_t exts_off, exts_end; /* the same as indices: der[exts_off .. exts_end) */
};

/* Parse a DER certificate. 0 or -EBADMSG (malformed), -EOPNOTSUPP (an
 * unknown critical extension or unsupported algorithm encoding). */
FUTEET_MUST_CHECK int x509_parse(const uint8_t *der, size_t len, struct x509_cert *out);

/* The extnValue contents (the bytes inside the OCTET STRING) of the
 * extension whose OID contents are oid/oid_len, e.g. Intel's SGX extensions
 * (1.2.840.113741.1.13.1) that the parser itself skips. critical may be NULL.
 * 0, -ENOENT. */
FUTEET_MUST_CHECK int x509_find_extension(const struct x509_cert *cert, const uint8_t *oid, size_t oid_len,
			const uint8_t **val, size_t *val_len, bool *critical);

/* Verify that cert's signature was made by issuer's public key (ECDSA over
 * P-256/P-384, RSA PKCS#1 v1.5 or RSASSA-PSS). Checks only the signature;
 * name chaining and CA flags are x509_check_issued()'s. 0 or -EKEYREJECTED
 * (bad signature), -EOPNOTSUPP. */
FUTEET_MUST_CHECK int x509_verify_signature(const struct x509_cert *cert, const struct x509_pubkey *issuer_key);

/* cert.issuer == issuer.subject (byte-equal), issuer is a CA with
 * keyCertSign (when key usage is present), and the signature verifies. */
FUTEET_MUST_CHECK int x509_check_issued(const struct x509_cert *cert, const struct x509_cert *issuer);

/* not_before <= now <= not_after. 0 or -ETIME. */
FUTEET_MUST_CHECK int x509_check_time(const struct x509_cert *cert, int64_t now);

/* The next "-----BEGIN CERTIFICATE-----" block of pem[*pos..len) decoded to
 * der (capacity der_cap). Advances *pos past the END line. 0, -ENOENT (no
 * more blocks), -EBADMSG (bad base64/armour), -ENOSPC. */
FUTEET_MUST_CHECK int x509_pem_next(const char *pem, size_t len, size_t *pos,
		  uint8_t *der, size_t der_cap, size_t *der_len);

#endif
