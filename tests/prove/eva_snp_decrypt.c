/* Frama-C EVA entry point for the SNP response decrypt path
 * (tee/snp/guest_msg.c: snp_msg_decode, snp_msg_check_response,
 * snp_aead_open; lib/aes_gcm.c: aes_gcm_open) up to BearSSL's entry: a
 * response page of unknown bytes, an unknown request header and key, and a
 * plaintext buffer of every capacity 0..SNP_MSG_PAYLOAD_MAX. Checked: no
 * runtime error; the tag check's result is unknown, so both the accepted and
 * the wiped (refused) outcomes are covered. BearSSL's AES-GCM is stubbed
 * with the contracts our code relies on: each call reads the ranges it is
 * given (key 32, IV 12, AAD, tag 16 bytes), br_gcm_run rewrites data[0 ..
 * len) in place with bytes (its \from leaves out the key stream in the
 * context, which holds pointers EVA would otherwise copy into the data),
 * br_gcm_check_tag answers 0 or 1. Run by scripts/prove; not
 * compiled by make. */
#include "__fc_builtin.h"
#include "futeet/snp_abi.h"
#include "tee/snp/guest_msg.h"
#include <bearssl.h>

/*@ assigns \result \from \nothing; */
const br_block_ctr_class *br_aes_x86ni_ctr_get_vtable(void);
/*@ assigns \result \from \nothing;
    ensures \result == \null || \result == &br_ghash_ctmul64; */
br_ghash br_ghash_pclmul_get(void);
/*@ requires \valid(ctx) && len == 32 && \valid_read((const uint8_t *)key + (0 .. len - 1));
    assigns *ctx \from ((const uint8_t *)key)[0 .. len - 1]; */
void br_aes_x86ni_ctr_init(br_aes_x86ni_ctr_keys *ctx, const void *key, size_t len);
/*@ requires \valid(ctx) && len == 32 && \valid_read((const uint8_t *)key + (0 .. len - 1));
    assigns *ctx \from ((const uint8_t *)key)[0 .. len - 1]; */
void br_aes_ct64_ctr_init(br_aes_ct64_ctr_keys *ctx, const void *key, size_t len);
/*@ requires \valid(ctx) && \valid_read(bctx);
    assigns *ctx \from bctx, gh; */
void br_gcm_init(br_gcm_context *ctx, const br_block_ctr_class **bctx, br_ghash gh);
/*@ requires \valid(ctx) && \valid_read((const uint8_t *)iv + (0 .. len - 1));
    assigns *ctx \from *ctx, ((const uint8_t *)iv)[0 .. len - 1]; */
void br_gcm_reset(br_gcm_context *ctx, const void *iv, size_t len);
/*@ requires \valid(ctx) && \valid_read((const uint8_t *)data + (0 .. len - 1));
    assigns *ctx \from *ctx, ((const uint8_t *)data)[0 .. len - 1]; */
void br_gcm_aad_inject(br_gcm_context *ctx, const void *data, size_t len);
/*@ requires \valid(ctx);
    assigns *ctx \from *ctx; */
void br_gcm_flip(br_gcm_context *ctx);
/*@ requires \valid(ctx) && \valid((uint8_t *)data + (0 .. len - 1));
    assigns *ctx \from *ctx, ((uint8_t *)data)[0 .. len - 1];
    assigns ((uint8_t *)data)[0 .. len - 1] \from ((uint8_t *)data)[0 .. len - 1], encrypt;
    ensures \initialized((uint8_t *)data + (0 .. len - 1)); */
void br_gcm_run(br_gcm_context *ctx, int encrypt, void *data, size_t len);
/*@ requires \valid(ctx) && \valid_read((const uint8_t *)tag + (0 .. 15));
    assigns \result \from *ctx, ((const uint8_t *)tag)[0 .. 15];
    ensures \result == 0 || \result == 1; */
uint32_t br_gcm_check_tag(br_gcm_context *ctx, const void *tag);

static struct snp_guest_msg rsp;
static struct snp_msg_hdr req;
static uint8_t key[32];
static uint8_t out[SNP_MSG_PAYLOAD_MAX];

int main(void)
{
	size_t cap = Frama_C_size_t_interval(0, sizeof(out));
	size_t out_len;
	const char *why;

	Frama_C_make_unknown((char *)&rsp, sizeof(rsp));
	Frama_C_make_unknown((char *)&req, sizeof(req));
	Frama_C_make_unknown((char *)key, sizeof(key));
	(void)snp_msg_decode(&rsp, &req, key, out, cap, &out_len, &why);
	(void)snp_msg_decode(&rsp, &req, key, out, cap, &out_len, NULL);
	(void)snp_msg_decode(&rsp, &req, NULL, out, cap, &out_len, &why);
	return 0;
}
