/* Register assignments for TDCALL leaves and TDG.VP.VMCALL sub-functions
 * (arch/x86_64/coco/tdx.h; the tables cited there). Plain C, no
 * instructions: tests/unit/test_tdx_args.c checks each against the spec. */
#include <string.h>

#include "futeet/errno.h"
#include "arch/x86_64/coco/tdx.h"

#define GHCI_STANDARD 0u   /* R10 = 0: a GHCI-defined sub-function */
#define GPA_MAX_BITS  52u  /* GPAW is 48 or 52 */

static void vmcall(struct tdx_args *a, uint64_t fn)
{
	memset(a, 0, sizeof(*a));
	a->r10 = GHCI_STANDARD;
	a->r11 = fn;
}

static bool gpa_ok(uint64_t gpa, uint64_t align)
{
	return (gpa & (align - 1)) == 0 && (gpa >> GPA_MAX_BITS) == 0;
}

void tdx_enc_vp_info(struct tdx_args *a)
{
	memset(a, 0, sizeof(*a));
}

int tdx_dec_vp_info(const struct tdx_args *a, struct tdx_vp_info *out)
{
	unsigned gpaw = (unsigned)(a->rcx & TDX_GPAW_MASK);

	memset(out, 0, sizeof(*out));
	if (gpaw != 48 && gpaw != 52)
		return -EPROTO;
	out->gpaw = gpaw;
	out->shared_mask = 1ull << (gpaw - 1);
	out->attributes = a->rdx;
	out->num_vcpus = (uint32_t)a->r8;
	out->max_vcpus = (uint32_t)(a->r8 >> 32);
	out->vcpu_index = (uint32_t)a->r9;
	return 0;
}

void tdx_enc_veinfo_get(struct tdx_args *a)
{
	memset(a, 0, sizeof(*a));
}

void tdx_dec_veinfo(const struct tdx_args *a, struct tdx_ve_info *out)
{
	out->exit_reason = (uint32_t)a->rcx;
	out->exit_qualification = a->rdx;
	out->gla = a->r8;
	out->gpa = a->r9;
	out->instr_len = (uint32_t)a->r10;
	out->instr_info = (uint32_t)(a->r10 >> 32);
}

int tdx_enc_mr_report(struct tdx_args *a, uint64_t report_gpa, uint64_t data_gpa)
{
	memset(a, 0, sizeof(*a));
	if (!gpa_ok(report_gpa, 1024) || !gpa_ok(data_gpa, 64))
		return -EINVAL;
	a->rcx = report_gpa;
	a->rdx = data_gpa;
	a->r8 = 0; /* subtype 0 */
	return 0;
}

int tdx_enc_rtmr_extend(struct tdx_args *a, uint64_t digest_gpa, unsigned index)
{
	memset(a, 0, sizeof(*a));
	if (!gpa_ok(digest_gpa, 64) || index > 3)
		return -EINVAL;
	a->rcx = digest_gpa;
	a->rdx = index;
	return 0;
}

int tdx_enc_page_accept(struct tdx_args *a, uint64_t gpa, unsigned level)
{
	memset(a, 0, sizeof(*a));
	if (level != TDX_PAGE_LEVEL_4K && level != TDX_PAGE_LEVEL_2M)
		return -EINVAL;
	if (!gpa_ok(gpa, level == TDX_PAGE_LEVEL_4K ? 0x1000ull : 0x200000ull))
		return -EINVAL;
	a->rcx = gpa | level;
	return 0;
}

static bool io_size_ok(unsigned size)
{
	return size == 1 || size == 2 || size == 4;
}

static uint64_t size_mask(unsigned size)
{
	return size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

int tdx_enc_vmcall_io(struct tdx_args *a, unsigned size, bool write, uint16_t port,
		      uint32_t value)
{
	vmcall(a, TDVMCALL_IO);
	if (!io_size_ok(size))
		return -EINVAL;
	a->r12 = size;
	a->r13 = write ? TDVMCALL_IO_WRITE : TDVMCALL_IO_READ;
	a->r14 = port;
	a->r15 = write ? (value & size_mask(size)) : 0;
	return 0;
}

uint32_t tdx_dec_vmcall_io_read(const struct tdx_args *a, unsigned size)
{
	return (uint32_t)(a->r11 & size_mask(io_size_ok(size) ? size : 4));
}

bool tdx_cpuid_leaf_for_vmm(uint32_t leaf)
{
	return leaf >= 0x40000000u && leaf <= 0x4FFFFFFFu;
}

void tdx_enc_vmcall_cpuid(struct tdx_args *a, uint32_t leaf, uint32_t subleaf)
{
	vmcall(a, TDVMCALL_CPUID);
	a->r12 = leaf;
	a->r13 = subleaf;
}

void tdx_dec_vmcall_cpuid(const struct tdx_args *a, uint32_t out[4])
{
	out[0] = (uint32_t)a->r12;
	out[1] = (uint32_t)a->r13;
	out[2] = (uint32_t)a->r14;
	out[3] = (uint32_t)a->r15;
}

void tdx_enc_vmcall_rdmsr(struct tdx_args *a, uint32_t msr)
{
	vmcall(a, TDVMCALL_RDMSR);
	a->r12 = msr;
}

void tdx_enc_vmcall_wrmsr(struct tdx_args *a, uint32_t msr, uint64_t value)
{
	vmcall(a, TDVMCALL_WRMSR);
	a->r12 = msr;
	a->r13 = value;
}

void tdx_enc_vmcall_hlt(struct tdx_args *a, bool irq_blocked)
{
	vmcall(a, TDVMCALL_HLT);
	a->r12 = irq_blocked ? 1 : 0;
}

int tdx_enc_vmcall_mmio(struct tdx_args *a, unsigned size, bool write, uint64_t gpa,
			uint64_t value)
{
	vmcall(a, TDVMCALL_MMIO);
	if (!(io_size_ok(size) || size == 8) || !gpa_ok(gpa, size))
		return -EINVAL;
	a->r12 = size;
	a->r13 = write ? TDVMCALL_IO_WRITE : TDVMCALL_IO_READ;
	a->r14 = gpa;
	a->r15 = write ? (value & size_mask(size)) : 0;
	return 0;
}

int tdx_enc_vmcall_map_gpa(struct tdx_args *a, uint64_t gpa, uint64_t size)
{
	vmcall(a, TDVMCALL_MAP_GPA);
	if (!gpa_ok(gpa, 0x1000) || size == 0 || (size & 0xFFF) || gpa + size < gpa)
		return -EINVAL;
	a->r12 = gpa;
	a->r13 = size;
	return 0;
}

int tdx_enc_vmcall_get_quote(struct tdx_args *a, uint64_t shared_gpa, uint64_t size)
{
	vmcall(a, TDVMCALL_GET_QUOTE);
	if (!gpa_ok(shared_gpa, 0x1000) || size == 0 || (size & 0xFFF))
		return -EINVAL;
	a->r12 = shared_gpa;
	a->r13 = size;
	return 0;
}

void tdx_enc_vmcall_report_fatal(struct tdx_args *a, uint32_t code, uint64_t shared_gpa)
{
	vmcall(a, TDVMCALL_REPORT_FATAL_ERROR);
	a->r12 = code | (shared_gpa ? TDVMCALL_FATAL_GPA_VALID : 0);
	a->r13 = shared_gpa;
}

int tdx_vmcall_errno(uint64_t status)
{
	switch (status) {
	case TDVMCALL_STATUS_SUCCESS: return 0;
	case TDVMCALL_STATUS_RETRY: return -EAGAIN;
	case TDVMCALL_STATUS_OPERAND_INVALID: return -EINVAL;
	case TDVMCALL_STATUS_ALIGN_ERROR: return -EINVAL;
	case TDVMCALL_STATUS_GPA_INUSE: return -EBUSY;
	default: return -EIO;
	}
}

int tdx_tdcall_errno(uint64_t status)
{
	if (status == TDX_SUCCESS)
		return 0;
	switch (status & TDX_STATUS_MASK) {
	case TDX_OPERAND_BUSY: return -EBUSY;
	case TDX_OPERAND_INVALID: return -EINVAL;
	case TDX_PAGE_ALREADY_ACCEPTED: return -EEXIST;
	default: return -EIO;
	}
}

int tdx_map_gpa_step(uint64_t *cur, uint64_t end, uint64_t status, uint64_t r11,
		     unsigned *stalls)
{
	int rc = tdx_vmcall_errno(status);

	if (rc != -EAGAIN)
		return rc;
	/* RETRY: resume at R11, which must lie in [cur, end) and be page aligned. */
	if (r11 < *cur || r11 >= end || (r11 & 0xFFF))
		return -EPROTO;
	if (r11 == *cur) {
		if (++*stalls >= TDX_MAP_GPA_MAX_RETRIES)
			return -ETIMEDOUT;
	} else {
		*stalls = 0;
		*cur = r11;
	}
	return -EAGAIN;
}
