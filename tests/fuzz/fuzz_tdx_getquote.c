/* libFuzzer: the TDX GetQuote response handling (tdx_get_quote in
 * tee/tdx/tdx.c) on whatever a hostile host writes into the shared buffer
 * (GHCI 343961: header {version, status, in_len, out_len} then data). The
 * input's first 24 bytes are the header the host leaves, the rest the data.
 * Properties: success only with status 0 and out_len inside the buffer and
 * the caller's capacity; a returned quote parses and repeats the TDREPORT's
 * REPORT_DATA; IN_FLIGHT ends in -ETIMEDOUT (bounded, fake clock). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <bearssl.h>

#include "futeet/tdx_abi.h"
#include "lib/tdx/quote.h"
#include "tee/tdx/tdx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BUF_LEN (8u * 4096u)
static uint8_t qbuf[BUF_LEN] __attribute__((aligned(4096)));
static uint8_t tdreport[TDX_REPORT_SIZE];
static const uint8_t *in;
static size_t in_len;
static uint64_t now;

static uint64_t now_ns(void) { return now; }
static void sleep_us(uint64_t us) { now += us * 1000; }

static int host(void *ctx, volatile uint8_t *buf, size_t len)
{
	size_t n = in_len < len ? in_len : len;

	(void)ctx;
	memcpy((uint8_t *)buf, in, n);
	return 0;
}

static const struct tdx_doorbell_ops ops = { .get_quote = host };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[BUF_LEN];
	static struct tdx_quote_info qi;
	struct tdx_guest g;
	size_t len = 0;
	int rc;

	if (tdreport[0] == 0) {
		/* A well-formed all-zero TD's TDREPORT (TDX Module ABI 348551): type
		 * 0x81, both hashes right; a quote matches it when its TD fields are
		 * zero, as the seed's are after the fuzzer clears them. */
		br_sha384_context h;
		tdreport[0] = TDX_REPORT_TYPE_TDX;
		br_sha384_init(&h);
		br_sha384_update(&h, tdreport + 0x100, TDX_TEE_TCB_INFO_SIZE);
		br_sha384_out(&h, tdreport + 0x20);
		br_sha384_init(&h);
		br_sha384_update(&h, tdreport + 0x200, TDX_TDINFO_SIZE);
		br_sha384_out(&h, tdreport + 0x50);
	}
	in = data;
	in_len = size;
	now = 0;
	memset(qbuf, 0, sizeof(qbuf));
	if (tdx_guest_init(&g, &ops, NULL, qbuf, sizeof(qbuf), 100000000ull, now_ns, sleep_us))
		__builtin_trap();
	/* the cap varies with the input so the ENOSPC path is reached too */
	rc = tdx_guest_get_quote(&g, tdreport, out, size > 0 && data[size - 1] == 0x5a ? 600 : sizeof(out),
			   &len);
	if (rc == 0) {
		/* out_len may cover zeros past what the host wrote: trailing
		 * bytes are tolerated, as real quotes need */
		if (len > BUF_LEN - 24)
			__builtin_trap();
		if (tdx_quote_parse(out, len, &qi) != 0 || memcmp(qi.body.report_data, tdreport + 0x80, 64))
			__builtin_trap();
	} else if (len != 0) {
		__builtin_trap();
	}
	return 0;
}
