/* Frama-C EVA entry point for the TDX evidence parsers (lib/tdx/quote.c):
 * tdx_quote_parse and tdx_looks_like_quote over unknown bytes of every
 * length 0..QUOTE_MAX (room for a v4 or v5 quote with a short certificate
 * chain), then tdx_qe_report_decode of the QE report a parse returned;
 * tdx_report_parse (TDREPORT_STRUCT) over unknown bytes of every length
 * 0..TDX_REPORT_SIZE + 8; NULL buffers. The input sits at the start of its
 * buffer: EVA shows every read stays inside the buffer; that they stay below
 * len is the parser's index checks (`sig_len > len - sig_off` etc.), a
 * relation EVA's domains do not keep. BearSSL's SHA-384 is stubbed with
 * the contract the parser relies on (reads its input, writes 48 bytes;
 * sha384_stub.acsl.h).
 * Run by scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "lib/tdx/qe_report.h"
#include "futeet/tdx_abi.h"
#include <bearssl.h>
#include "tests/prove/sha384_stub.acsl.h"

#define QUOTE_MAX 1536u

static uint8_t quote[QUOTE_MAX];
static uint8_t report[TDX_REPORT_SIZE + 8];

int main(void)
{
	struct tdx_quote_info q;
	struct tdx_qe_report_info qe;
	struct tdx_report_info r;
	size_t qlen = Frama_C_size_t_interval(0, sizeof(quote));
	size_t rlen = Frama_C_size_t_interval(0, sizeof(report));

	Frama_C_make_unknown((char *)quote, sizeof(quote));
	Frama_C_make_unknown((char *)report, sizeof(report));
	(void)tdx_looks_like_quote(quote, qlen);
	(void)tdx_looks_like_quote(NULL, qlen);
	if (tdx_quote_parse(quote, qlen, &q) == 0) {
		/*@ assert qe_report_inside: \valid_read(q.qe_report + (0 .. TDX_QE_REPORT_SIZE - 1)); */
		tdx_qe_report_decode(q.qe_report, &qe);
	}
	(void)tdx_quote_parse(NULL, qlen, &q);
	(void)tdx_report_parse(report, rlen, &r);
	(void)tdx_report_parse(NULL, rlen, &r);
	return 0;
}
