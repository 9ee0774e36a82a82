/* ACSL stubs for the BearSSL calls of the X.509 signature check
 * (lib/x509.c x509_verify_signature, lib/rsa_pss.c): SHA-256 and SHA-512
 * beside the shared SHA-384 stubs (sha384_stub.acsl.h), ECDSA and RSA
 * PKCS#1 v1.5 verification and the RSA public operation. The contract our
 * code relies on: each reads exactly the ranges it is given (hash input,
 * key, signature), writes only its outputs, initialised, and answers 0 or
 * 1. Stated, not proved (BearSSL is not analysed). Included by the EVA
 * entry points after <bearssl.h>. Run by scripts/prove; not compiled by
 * make. */
#ifndef FUTEET_PROVE_BEARSSL_SIG_STUB_ACSL_H
#define FUTEET_PROVE_BEARSSL_SIG_STUB_ACSL_H
#include <stddef.h>
#include <stdint.h>
#include <bearssl.h>
#include "tests/prove/sha384_stub.acsl.h"

/*@ requires \valid(ctx);
    assigns *ctx \from \nothing; */
void br_sha256_init(br_sha256_context *ctx);
/* br_sha256_update is br_sha224_update (bearssl_hash.h) */
/*@ requires \valid(ctx) && \valid_read((const char *)data + (0 .. len - 1));
    assigns *ctx \from *ctx, ((const char *)data)[0 .. len - 1], len; */
void br_sha224_update(br_sha224_context *ctx, const void *data, size_t len);
/*@ requires \valid_read(ctx) && \valid((char *)out + (0 .. 31));
    assigns ((char *)out)[0 .. 31] \from *ctx;
    ensures \initialized((char *)out + (0 .. 31)); */
void br_sha256_out(const br_sha256_context *ctx, void *out);
/* br_sha512_update is br_sha384_update (sha384_stub.acsl.h) */
/*@ requires \valid(ctx);
    assigns *ctx \from \nothing; */
void br_sha512_init(br_sha512_context *ctx);
/*@ requires \valid_read(ctx) && \valid((char *)out + (0 .. 63));
    assigns ((char *)out)[0 .. 63] \from *ctx;
    ensures \initialized((char *)out + (0 .. 63)); */
void br_sha512_out(const br_sha512_context *ctx, void *out);

/*@ requires \valid_read((const char *)hash + (0 .. hash_len - 1));
    requires \valid_read(pk) && \valid_read(pk->q + (0 .. pk->qlen - 1));
    requires \valid_read((const char *)sig + (0 .. sig_len - 1));
    assigns \result \from ((const char *)hash)[0 .. hash_len - 1], pk->q[0 .. pk->qlen - 1],
                          ((const char *)sig)[0 .. sig_len - 1];
    ensures \result == 0 || \result == 1; */
uint32_t br_ecdsa_i31_vrfy_asn1(const br_ec_impl *impl, const void *hash, size_t hash_len,
				const br_ec_public_key *pk, const void *sig, size_t sig_len);

/*@ requires \valid_read(x + (0 .. xlen - 1));
    requires \valid_read(hash_oid + (0 .. hash_oid[0]));
    requires \valid_read(pk) && \valid_read(pk->n + (0 .. pk->nlen - 1)) &&
             \valid_read(pk->e + (0 .. pk->elen - 1));
    requires \valid(hash_out + (0 .. hash_len - 1));
    assigns hash_out[0 .. hash_len - 1] \from x[0 .. xlen - 1], pk->n[0 .. pk->nlen - 1],
                                           pk->e[0 .. pk->elen - 1];
    assigns \result \from x[0 .. xlen - 1], pk->n[0 .. pk->nlen - 1], pk->e[0 .. pk->elen - 1];
    ensures \initialized(hash_out + (0 .. hash_len - 1));
    ensures \result == 0 || \result == 1; */
uint32_t br_rsa_i31_pkcs1_vrfy(const unsigned char *x, size_t xlen,
			       const unsigned char *hash_oid, size_t hash_len,
			       const br_rsa_public_key *pk, unsigned char *hash_out);

/*@ requires \valid(x + (0 .. xlen - 1));
    requires \valid_read(pk) && \valid_read(pk->n + (0 .. pk->nlen - 1)) &&
             \valid_read(pk->e + (0 .. pk->elen - 1));
    assigns x[0 .. xlen - 1] \from x[0 .. xlen - 1], pk->n[0 .. pk->nlen - 1],
                                   pk->e[0 .. pk->elen - 1];
    assigns \result \from x[0 .. xlen - 1], pk->n[0 .. pk->nlen - 1];
    ensures \initialized(x + (0 .. xlen - 1));
    ensures \result == 0 || \result == 1; */
uint32_t br_rsa_i31_public(unsigned char *x, size_t xlen, const br_rsa_public_key *pk);

#endif
