/* libFuzzer harness: TDX Quote v4/v5 parser, QE report decoding, the
 * TDREPORT_STRUCT parser (lib/tdx/quote.c), the whole quote verifier with
 * its PEM chain and PCK extension parsing (lib/tdx/verify.c, pck.c), on
 * hostile bytes. Every view the
 * parser returns is read in full, so ASan sees any out-of-bounds view. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "futeet/tdx_abi.h"
#include "lib/tdx/quote.h"
#include "lib/tdx/verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint8_t sink;

static void touch(const uint8_t *p, size_t n)
{
	size_t i;
	uint8_t x = 0;

	for (i = 0; i < n; i++)
		x ^= p[i];
	sink = x;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tdx_quote_info q;
	struct tdx_qe_report_info qe;
	struct tdx_report_info r;
	struct tdx_verify_input in;
	static struct tdx_verify_result res;
	struct tdx_pck_ext ext;
	char why[128];

	if (tdx_quote_parse(data, size, &q) == 0) {
		touch(q.signed_data, q.signed_len);
		touch(q.qe_report, TDX_QE_REPORT_SIZE);
		touch(q.qe_auth, q.qe_auth_len);
		touch(q.pck_chain, q.pck_chain_len);
		tdx_qe_report_decode(q.qe_report, &qe);
		if (q.quote_len + q.trailing_len != size)
			__builtin_trap();
		memset(&in, 0, sizeof(in));
		in.quote = data;
		in.quote_len = size;
		in.time_known = true;
		in.now = 1756684800;
		(void)tdx_verify(&in, &res, why, sizeof(why));
	}
	(void)tdx_pck_ext_parse(data, size, &ext);
	(void)tdx_report_parse(data, size < TDX_REPORT_SIZE ? size : TDX_REPORT_SIZE, &r);
	return 0;
}
