/* TDX guest calls: encode (tdx_args.c), execute (tdcall.S), map the status
 * (arch/x86_64/coco/tdx.h). Never executed on hardware (docs/CAVEATS.md). */
#include "futeet/errno.h"
#include "arch/x86_64/coco/tdx.h"

int tdx_mr_report(uint64_t report_gpa, uint64_t data_gpa)
{
	struct tdx_args a;
	int rc = tdx_enc_mr_report(&a, report_gpa, data_gpa);

	if (rc)
		return rc;
	return tdx_tdcall_errno(tdx_tdcall(TDG_MR_REPORT, &a));
}

int tdx_rtmr_extend(uint64_t digest_gpa, unsigned index)
{
	struct tdx_args a;
	int rc = tdx_enc_rtmr_extend(&a, digest_gpa, index);

	if (rc)
		return rc;
	return tdx_tdcall_errno(tdx_tdcall(TDG_MR_RTMR_EXTEND, &a));
}

int tdx_vp_info(struct tdx_vp_info *out)
{
	struct tdx_args a;
	int rc;

	tdx_enc_vp_info(&a);
	rc = tdx_tdcall_errno(tdx_tdcall(TDG_VP_INFO, &a));
	if (rc)
		return rc;
	return tdx_dec_vp_info(&a, out);
}

int tdx_vmcall(struct tdx_args *a)
{
	if (tdx_vmcall_raw(a) != 0)
		return -EIO; /* the TDX module rejected the TDCALL itself */
	return tdx_vmcall_errno(a->r10);
}

int tdx_get_quote(uint64_t shared_gpa, uint64_t size)
{
	struct tdx_args a;
	int rc = tdx_enc_vmcall_get_quote(&a, shared_gpa, size);

	if (rc)
		return rc;
	return tdx_vmcall(&a);
}

void tdx_report_fatal(uint32_t code)
{
	struct tdx_args a;

	tdx_enc_vmcall_report_fatal(&a, code, 0);
	(void)tdx_vmcall(&a);
	for (;;) {
		tdx_enc_vmcall_hlt(&a, true);
		(void)tdx_vmcall(&a);
	}
}
