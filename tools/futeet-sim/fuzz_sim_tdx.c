/* libFuzzer harness: the sim-tdx mailbox (sim_tdx_mailbox: TDREPORT, RTMR
 * extend and GetQuote with the quoting enclave's TDREPORT checks, every evil
 * mode) on hostile guest input. Half of the GetQuote inputs carry a TDREPORT
 * the sim made itself, with the input XORed over chosen bytes, so the QE's
 * hash and MAC checks and the quote builder are reached.
 * Input: [evil][op sel][aux_in][mode][len lo][len hi][payload...]
 * Properties: the answer never exceeds the mailbox, a GetQuote answer has
 * the request's length and keeps version and in_len, out_len > 0 only with
 * status SUCCESS (IN_FLIGHT leaves the guest's out_len alone) and (outside the host evil modes that lie about it) inside
 * the buffer. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "futeet/simbox.h"
#include "sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sim_tdx_keys keys;
static struct sim_tdx tdx;
static uint8_t req[SIMBOX_DATA_MAX];
static uint8_t rsp[SIMBOX_DATA_MAX];

static void init(void)
{
	static bool done;
	static const uint8_t seed[32] = "fuzz_sim_tdx fixed test seed...";
	static const uint8_t rtmr1_ev[SIM_TDX_RTMR1_EVENTS][48] = { { 1 }, { 2 }, { 3 }, { 4 }, { 5 } };
	struct sim_tdx_config cfg;

	if (done)
		return;
	if (sim_tdx_keys_load(&keys, seed, sizeof(seed)))
		__builtin_trap();
	memset(&cfg, 0, sizeof(cfg));
	cfg.td_attributes = 0x10000000;
	if (sim_tdx_init(&tdx, &keys, &cfg, rtmr1_ev))
		__builtin_trap();
	done = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t ops[4] = { SIMBOX_OP_TDX_REPORT, SIMBOX_OP_TDX_RTMR_EXTEND,
					 SIMBOX_OP_TDX_GET_QUOTE, 0x13 };
	struct tdx_getquote_hdr in, out;
	uint32_t op, rsp_len = 0, req_len;
	uint64_t ret = 0, ret_aux = 0, aux;
	uint8_t rd[64] = { 0 };

	init();
	if (size < 6)
		return 0;
	tdx.cfg.evil = (enum sim_tdx_evil)(data[0] % SIM_TDX_EVIL_COUNT);
	op = ops[data[1] & 3];
	aux = data[2] % 6;
	req_len = (uint32_t)(data[4] | data[5] << 8) * 16u; /* up to ~1 MiB: some too long */
	data += 6;
	size -= 6;
	if (req_len > sizeof(req))
		req_len = sizeof(req);
	memset(req, 0, req_len);
	if (op == SIMBOX_OP_TDX_GET_QUOTE && (data[-3] & 1) && req_len >= 24 + TDX_REPORT_SIZE) {
		/* a well-formed request with the sim's own TDREPORT, input XORed in */
		struct tdx_report r;
		sim_tdx_tdreport(&tdx, rd, &r);
		memset(&in, 0, sizeof(in));
		in.version = 1;
		in.in_len = TDX_REPORT_SIZE;
		memcpy(req, &in, sizeof(in));
		memcpy(req + 24, &r, sizeof(r));
		for (size_t i = 0; i + 1 < size; i += 2)
			req[(data[i] * 7u + i) % req_len] ^= data[i + 1];
	} else {
		memcpy(req, data, size < req_len ? size : req_len);
	}
	memcpy(&in, req, sizeof(in));
	if (!sim_tdx_mailbox(&tdx, op, req, req_len, aux, rsp, sizeof(rsp), &rsp_len, &ret, &ret_aux))
		__builtin_trap(); /* the TDX personality always answers */
	if (rsp_len > sizeof(rsp))
		__builtin_trap();
	if (op == SIMBOX_OP_TDX_GET_QUOTE && ret == 0) {
		if (rsp_len != req_len)
			__builtin_trap();
		memcpy(&out, rsp, sizeof(out));
		if (out.version != in.version || out.in_len != in.in_len)
			__builtin_trap();
		/* IN_FLIGHT (no-answer): the VMM has not written out_len yet */
		if (out.status == TDX_GETQUOTE_STATUS_IN_FLIGHT ? out.out_len != in.out_len
		    : out.out_len && out.status != TDX_GETQUOTE_STATUS_SUCCESS)
			__builtin_trap();
		if (tdx.cfg.evil != SIM_TDX_EVIL_OVERSIZE && out.status != TDX_GETQUOTE_STATUS_IN_FLIGHT &&
		    out.out_len > req_len - 24)
			__builtin_trap();
	}
	return 0;
}
