/* Frama-C EVA entry point for the checks on what the hypervisor or the TDX
 * module hands back through registers and the GHCB (arch/x86_64/coco/):
 *   GHCB page (ghcb_page.c): the answer readers of the guest request, IOIO,
 *     MSR and any NAE event, over a 4 KiB page of unknown bytes, with every
 *     direction, size 0..8 and request kind;
 *   GHCB MSR protocol (ghcb_msr.c): every *_parse over an unknown MSR value;
 *   Page State Change (ghcb_psc.c): ghcb_psc_check over an unknown header,
 *     EXITINFO2, cur and end, and the descriptor fill for every count 0..254;
 *   TDX (tdx_args.c): every tdx_dec_* and the status mappings over unknown
 *     registers, tdx_map_gpa_step over unknown cur/end/status/R11/stalls,
 *     and the encoders over unknown arguments (their range checks).
 * Run by scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "arch/x86_64/coco/ghcb_page.h"
#include "arch/x86_64/coco/ghcb_msr.h"
#include "arch/x86_64/coco/ghcb_psc.h"
#include "arch/x86_64/coco/tdx.h"

static uint8_t page[GHCB_PAGE_SIZE];
static uint8_t shared[GHCB_SHARED_BUFFER_LEN];
static uint8_t hdr[GHCB_PSC_HDR_LEN];

static uint64_t any64(void)
{
	return Frama_C_unsigned_long_interval(0, ~0ul);
}

static void ghcb_checks(void)
{
	uint64_t info2, npages, v64;
	uint32_t v32;
	unsigned ver, cbit;
	bool b = Frama_C_interval(0, 1);
	unsigned size = Frama_C_unsigned_int_interval(0, 8);
	uint16_t cur = Frama_C_unsigned_short_interval(0, 0xffff);
	uint16_t end = Frama_C_unsigned_short_interval(0, 0xffff);
	unsigned n = Frama_C_unsigned_int_interval(0, GHCB_PSC_MAX_ENTRIES + 1);

	Frama_C_make_unknown((char *)page, sizeof(page));
	(void)ghcb_page_guest_response(page, b, &info2, &npages);
	(void)ghcb_page_ioio_response(page, b, size, &v32);
	(void)ghcb_page_msr_response(page, b, &v64);
	(void)ghcb_page_nae_result(page);
	(void)ghcb_page_exit_info2(page);
	/* the request writers, then their answers read back */
	(void)ghcb_page_ioio(page, (uint16_t)any64(), size, b, (uint32_t)any64());
	ghcb_page_guest_request(page, b, any64(), any64(), any64(), any64());
	ghcb_page_msr(page, b, (uint32_t)any64(), any64());
	ghcb_page_mmio(page, b, any64(), size, any64());
	ghcb_page_psc(page, any64());
	ghcb_page_hlt(page);

	(void)ghcb_msr_sev_info_parse(any64(), &ver, &cbit);
	(void)ghcb_msr_cpuid_parse(any64(), &v32);
	(void)ghcb_msr_reg_gpa_parse(any64(), any64());
	(void)ghcb_msr_psc_parse(any64());
	(void)ghcb_msr_hv_ft_parse(any64(), &v64);
	(void)ghcb_msr_cpuid_req((uint32_t)any64(), Frama_C_unsigned_int_interval(0, 8));
	(void)ghcb_msr_psc_req(any64(), Frama_C_unsigned_int_interval(0, 8));
	(void)ghcb_msr_term_req(Frama_C_unsigned_int_interval(0, 32),
				Frama_C_unsigned_int_interval(0, 512));

	Frama_C_make_unknown((char *)hdr, sizeof(hdr));
	(void)ghcb_psc_check(hdr, any64(), &cur, end);
	(void)ghcb_psc_desc_fill(shared, sizeof(shared), any64(), n,
				 Frama_C_unsigned_int_interval(0, 3), b);
}

static void tdx_checks(void)
{
	struct tdx_args a;
	struct tdx_vp_info vp;
	struct tdx_ve_info ve;
	uint32_t cpuid[4];
	uint64_t cur = any64();
	unsigned stalls = Frama_C_unsigned_int_interval(0, ~0u);
	unsigned size = Frama_C_unsigned_int_interval(0, 16);
	bool b = Frama_C_interval(0, 1);

	Frama_C_make_unknown((char *)&a, sizeof(a));
	(void)tdx_dec_vp_info(&a, &vp);
	tdx_dec_veinfo(&a, &ve);
	(void)tdx_dec_vmcall_io_read(&a, size);
	tdx_dec_vmcall_cpuid(&a, cpuid);
	(void)tdx_vmcall_errno(any64());
	(void)tdx_tdcall_errno(any64());
	(void)tdx_map_gpa_step(&cur, any64(), any64(), any64(), &stalls);

	(void)tdx_enc_mr_report(&a, any64(), any64());
	(void)tdx_enc_rtmr_extend(&a, any64(), Frama_C_unsigned_int_interval(0, ~0u));
	(void)tdx_enc_page_accept(&a, any64(), Frama_C_unsigned_int_interval(0, ~0u));
	(void)tdx_enc_vmcall_io(&a, size, b, (uint16_t)any64(), (uint32_t)any64());
	(void)tdx_enc_vmcall_mmio(&a, size, b, any64(), any64());
	(void)tdx_enc_vmcall_map_gpa(&a, any64(), any64());
	(void)tdx_enc_vmcall_get_quote(&a, any64(), any64());
	tdx_enc_vmcall_report_fatal(&a, (uint32_t)any64(), any64());
	(void)tdx_cpuid_leaf_for_vmm((uint32_t)any64());
}

int main(void)
{
	ghcb_checks();
	tdx_checks();
	return 0;
}
