/* ACSL stubs for BearSSL's SHA-384 (br_sha384_init/update/out), the
 * contract our parsers rely on: update reads its len input bytes, out
 * writes 48 initialised bytes, nothing else is touched. Stated, not proved
 * (BearSSL is not analysed). Included by the EVA entry points whose code
 * hashes (eva_cclog.c, eva_tdx_quote.c, eva_tdx_getquote.c) after
 * <bearssl.h>. Run by scripts/prove; not compiled by make. */
#ifndef FUTEET_PROVE_SHA384_STUB_ACSL_H
#define FUTEET_PROVE_SHA384_STUB_ACSL_H
#include <stddef.h>
#include <bearssl.h>

/*@ requires \valid(ctx);
    assigns *ctx \from \nothing; */
void br_sha384_init(br_sha384_context *ctx);
/*@ requires \valid(ctx) && \valid_read((const char *)data + (0 .. len - 1));
    assigns *ctx \from *ctx, ((const char *)data)[0 .. len - 1], len; */
void br_sha384_update(br_sha384_context *ctx, const void *data, size_t len);
/*@ requires \valid_read(ctx) && \valid((char *)out + (0 .. 47));
    assigns ((char *)out)[0 .. 47] \from *ctx;
    ensures \initialized((char *)out + (0 .. 47)); */
void br_sha384_out(const br_sha384_context *ctx, void *out);

#endif
