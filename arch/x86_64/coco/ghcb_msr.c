/* GHCB MSR protocol encoders and decoders (arch/x86_64/coco/ghcb_msr.h). */
#include "futeet/errno.h"
#include "arch/x86_64/coco/ghcb_msr.h"

static uint64_t code(uint64_t v)
{
	return v & GHCB_MSR_INFO_MASK;
}

uint64_t ghcb_msr_sev_info_req(void)
{
	return GHCB_MSR_SEV_INFO_REQ;
}

int ghcb_msr_sev_info_parse(uint64_t resp, unsigned *version, unsigned *cbit)
{
	unsigned max = (unsigned)(resp >> 48) & 0xFFFF;
	unsigned min = (unsigned)(resp >> 32) & 0xFFFF;

	*version = 0;
	*cbit = 0;
	if (code(resp) != GHCB_MSR_SEV_INFO_RESP)
		return -EPROTO;
	if (min > max || max < GHCB_PROTOCOL_MIN || min > GHCB_PROTOCOL_MAX)
		return -EOPNOTSUPP;
	*version = max < GHCB_PROTOCOL_MAX ? max : GHCB_PROTOCOL_MAX;
	*cbit = (unsigned)(resp >> 24) & 0xFF;
	return 0;
}

uint64_t ghcb_msr_cpuid_req(uint32_t fn, unsigned reg)
{
	return ((uint64_t)fn << 32) | ((uint64_t)(reg & 3) << 30) | GHCB_MSR_CPUID_REQ;
}

int ghcb_msr_cpuid_parse(uint64_t resp, uint32_t *value)
{
	*value = 0;
	if (code(resp) != GHCB_MSR_CPUID_RESP)
		return -EPROTO;
	*value = (uint32_t)(resp >> 32);
	return 0;
}

uint64_t ghcb_msr_reg_gpa_req(uint64_t gfn)
{
	return ((gfn & GHCB_GFN_MASK) << 12) | GHCB_MSR_REG_GPA_REQ;
}

int ghcb_msr_reg_gpa_parse(uint64_t resp, uint64_t gfn)
{
	if (code(resp) != GHCB_MSR_REG_GPA_RESP || (resp >> 12) != (gfn & GHCB_GFN_MASK))
		return -EPROTO;
	return 0;
}

uint64_t ghcb_msr_psc_req(uint64_t gfn, unsigned op)
{
	return ((uint64_t)(op & 0xF) << 52) | ((gfn & GHCB_GFN_MASK) << 12) | GHCB_MSR_PSC_REQ;
}

int ghcb_msr_psc_parse(uint64_t resp)
{
	if (code(resp) != GHCB_MSR_PSC_RESP)
		return -EPROTO;
	if ((resp >> 32) != 0)
		return -EIO;  /* the hypervisor reports the change failed */
	return 0;
}

uint64_t ghcb_msr_hv_ft_req(void)
{
	return GHCB_MSR_HV_FT_REQ;
}

int ghcb_msr_hv_ft_parse(uint64_t resp, uint64_t *features)
{
	*features = 0;
	if (code(resp) != GHCB_MSR_HV_FT_RESP)
		return -EPROTO;
	*features = resp >> 12;
	if (!(*features & GHCB_HV_FT_SNP))
		return -EOPNOTSUPP;
	return 0;
}

uint64_t ghcb_msr_term_req(unsigned reason_set, unsigned reason)
{
	return ((uint64_t)(reason & 0xFF) << 16) | ((uint64_t)(reason_set & 0xF) << 12) |
	       GHCB_MSR_TERM_REQ;
}
