/* libFuzzer harness over every parser of host answers in the platform
 * layer (arch/x86_64/coco): the first byte picks the parser, the rest is
 * the host's answer. Properties checked besides memory safety (ASan,
 * UBSan): a GHCB MSR answer is accepted only with the right function code
 * (and, for GPA registration, the echoed GFN; for SEV information, version
 * 2 in range); a GHCB guest-request answer is accepted only with
 * SW_EXITINFO1[31:0] = 0, an IOIO read only with RAX marked valid and
 * within its width, an MSR read only with RAX and RDX marked valid, each
 * within 32 bits, and the value their concatenation (an MSR write only
 * with SW_EXITINFO1[31:0] = 0); a TDVMCALL (RDMSR's R11 among its outputs)
 * succeeds only with status R10 = 0; a Page State Change answer only moves forward and is
 * done only past end_entry; TDG.VP.INFO only with GPAW 48 or 52; an IO read
 * never returns bits beyond its width; MapGPA retries only move forward
 * inside the range and give up; the CC blob and CPUID page parsers accept
 * only what their layout allows; a page conversion (coco_convert_range)
 * whose steps the host answers (PVALIDATE size mismatches depend on the
 * host's RMP page sizes) only touches units inside its range, retries only
 * a 2 MiB PVALIDATE's size mismatch and only as 4 KiB pages of that unit,
 * succeeds only when every step did, and says "changed" exactly when an
 * earlier step succeeded; the hypervisor's CPUID answers for the APIC-ID
 * fix-ups change only the bits snp_cpuid_hv_masks names (the rest stays the
 * CPUID page's); a TSC_INFO response is accepted only with STATUS 0 and
 * every reserved byte zero, and Secure TSC's frequency is never 0 when
 * accepted nor above the nominal one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "uapi/futeet/tee.h"
#include "arch/x86_64/coco/convert.h"
#include "arch/x86_64/coco/ghcb_msr.h"
#include "arch/x86_64/coco/ghcb_page.h"
#include "arch/x86_64/coco/ghcb_psc.h"
#include "arch/x86_64/coco/securetsc.h"
#include "arch/x86_64/coco/securetsc_msg.h"
#include "arch/x86_64/coco/snp_tables.h"
#include "arch/x86_64/coco/tdx.h"

static uint64_t rd64(const uint8_t *d, size_t n, size_t off)
{
	uint64_t v = 0;
	for (size_t i = 0; i < 8 && off + i < n; i++)
		v |= (uint64_t)d[off + i] << (8 * i);
	return v;
}

static void ghcb_msr_answers(const uint8_t *d, size_t n)
{
	uint64_t resp = rd64(d, n, 0), gfn = rd64(d, n, 8) & GHCB_GFN_MASK, f;
	unsigned v, cbit;
	uint32_t val;

	if (ghcb_msr_sev_info_parse(resp, &v, &cbit) == 0 &&
	    ((resp & 0xFFF) != GHCB_MSR_SEV_INFO_RESP || v != 2 || ((resp >> 48) & 0xFFFF) < 2 ||
	     ((resp >> 32) & 0xFFFF) > 2))
		abort();
	if (ghcb_msr_cpuid_parse(resp, &val) == 0 && (resp & 0xFFF) != GHCB_MSR_CPUID_RESP)
		abort();
	if (ghcb_msr_reg_gpa_parse(resp, gfn) == 0 &&
	    ((resp & 0xFFF) != GHCB_MSR_REG_GPA_RESP || (resp >> 12) != gfn))
		abort();
	if (ghcb_msr_psc_parse(resp) == 0 && resp != GHCB_MSR_PSC_RESP &&
	    ((resp & 0xFFF) != GHCB_MSR_PSC_RESP || (resp >> 32) != 0))
		abort();
	if (ghcb_msr_hv_ft_parse(resp, &f) == 0 && !(f & GHCB_HV_FT_SNP))
		abort();
}

static void ghcb_page_answer(const uint8_t *d, size_t n)
{
	static uint8_t page[GHCB_PAGE_SIZE];
	uint64_t info2 = 0, npages = 0;
	size_t m = n < sizeof(page) ? n : sizeof(page);

	memset(page, 0, sizeof(page));
	memcpy(page, d, m);
	uint64_t info1 = rd64(page, sizeof(page), GHCB_OFF_SW_EXIT_INFO_1);
	for (int ext = 0; ext < 2; ext++) {
		if (ghcb_page_guest_response(page, ext, &info2, &npages) == 0 && (uint32_t)info1 != 0)
			abort();
	}
	for (unsigned size = 1; size <= 4; size *= 2) {
		uint32_t v;
		if (ghcb_page_ioio_response(page, true, size, &v) == 0 &&
		    ((uint32_t)info1 != 0 || (size < 4 && (v >> (8 * size)) != 0) ||
		     !((page[GHCB_OFF_VALID_BITMAP + GHCB_OFF_RAX / 64] >> ((GHCB_OFF_RAX / 8) % 8)) & 1)))
			abort();
	}
	{
		uint64_t v, rax = rd64(page, sizeof(page), GHCB_OFF_RAX);
		uint64_t rdx = rd64(page, sizeof(page), GHCB_OFF_RDX);
		int rax_ok = (page[GHCB_OFF_VALID_BITMAP + GHCB_OFF_RAX / 64] >> ((GHCB_OFF_RAX / 8) % 8)) & 1;
		int rdx_ok = (page[GHCB_OFF_VALID_BITMAP + GHCB_OFF_RDX / 64] >> ((GHCB_OFF_RDX / 8) % 8)) & 1;
		if (ghcb_page_msr_response(page, false, &v) == 0 &&
		    ((uint32_t)info1 != 0 || !rax_ok || !rdx_ok || (rax >> 32) || (rdx >> 32) ||
		     v != ((rdx << 32) | rax)))
			abort();
		if (ghcb_page_msr_response(page, true, &v) == 0 && (uint32_t)info1 != 0)
			abort();
	}
	/* Page State Change answer: header at the shared buffer. */
	{
		uint16_t end = (uint16_t)(d[0] % 253), cur = (uint16_t)(n > 1 ? d[1] % (end + 1) : 0);
		uint16_t before = cur;
		int rc = ghcb_psc_check(page + GHCB_OFF_SHARED_BUFFER, ghcb_page_exit_info2(page),
					&cur, end);
		if ((rc == 0 || rc == -EAGAIN) && (cur < before || cur > end + 1))
			abort();
		if (rc == 0 && cur != end + 1)
			abort();
	}
}

static void tdx_answers(const uint8_t *d, size_t n)
{
	struct tdx_args a;
	struct tdx_vp_info vi;
	struct tdx_ve_info ve;
	uint32_t r[4];

	memset(&a, 0, sizeof(a));
	memcpy(&a, d, n < sizeof(a) ? n : sizeof(a));
	if (tdx_dec_vp_info(&a, &vi) == 0 && vi.gpaw != 48 && vi.gpaw != 52)
		abort();
	tdx_dec_veinfo(&a, &ve);
	tdx_dec_vmcall_cpuid(&a, r);
	for (unsigned size = 0; size <= 8; size++) {
		uint32_t v = tdx_dec_vmcall_io_read(&a, size);
		if ((size == 1 && v > 0xFF) || (size == 2 && v > 0xFFFF))
			abort();
	}
	if ((tdx_vmcall_errno(a.r10) == 0) != (a.r10 == TDVMCALL_STATUS_SUCCESS))
		abort();
	(void)tdx_tdcall_errno(a.rcx);
}

static void map_gpa_retries(const uint8_t *d, size_t n)
{
	uint64_t start = rd64(d, n, 0) & 0x000FFFFFFFFFF000ull;
	uint64_t pages = (rd64(d, n, 8) & 0xFF) + 1;
	uint64_t end = start + pages * 4096, cur = start;
	unsigned stalls = 0, steps = 0;

	/* Each later 8 bytes: one host answer (status class in the low bit, R11). */
	for (size_t off = 16; off + 8 <= n && steps < 64; off += 8, steps++) {
		uint64_t r11 = rd64(d, n, off), before = cur;
		uint64_t status = (r11 & 1) ? TDVMCALL_STATUS_RETRY : (r11 & 2) ? TDVMCALL_STATUS_GPA_INUSE : 0;
		int rc = tdx_map_gpa_step(&cur, end, status, r11 & ~3ull, &stalls);
		if (cur < before || cur < start || cur >= end)
			abort();
		if (rc != -EAGAIN)
			break;
		if (stalls >= TDX_MAP_GPA_MAX_RETRIES)
			abort();
	}
}

static void snp_tables(const uint8_t *d, size_t n)
{
	static struct snp_cpuid_table t;
	struct snp_cc_blob blob;
	uint32_t r[4];

	if (snp_cc_blob_parse(d, n, &blob) == 0 &&
	    ((blob.secrets_phys & 0xFFF) || (blob.cpuid_phys & 0xFFF) || blob.secrets_phys == 0 ||
	     blob.cpuid_phys == 0 || blob.secrets_phys == blob.cpuid_phys))
		abort();
	if (snp_cpuid_table_parse(d, n, &t) == 0) {
		if (t.count > SNP_CPUID_COUNT_MAX)
			abort();
		uint32_t size;
		(void)snp_cpuid_lookup(&t, (uint32_t)rd64(d, n, 0x18), (uint32_t)rd64(d, n, 0x1C), r);
		(void)snp_cpuid_postprocess(&t, 0xD, (uint32_t)rd64(d, n, 0x1C) & 1, true,
					    rd64(d, n, 0x20), rd64(d, n, 0x28), r);
		if (snp_cpuid_xsave_size(&t, rd64(d, n, 0x20), false, &size) == 0 &&
		    size < SNP_XSAVE_LEGACY_SIZE)
			abort();
	}
}

struct conv_host {
	const uint8_t *d;
	size_t n, pos;
	uint64_t va, end;
	unsigned calls, ok_calls;
	int last_rc;
	unsigned last_step;
	uint64_t last_len;
};

static int conv_step(void *ctx, unsigned step, uint64_t va, uint64_t len)
{
	static const int answers[] = { 0, 0, 0, 0, -ERANGE, -EEXIST, -EINVAL, -EIO };
	struct conv_host *h = ctx;
	uint8_t b = h->pos < h->n ? h->d[h->pos++] : 0;
	int rc = answers[b % 8];

	if ((len != COCO_4K && len != COCO_2M) || (va & (len - 1)) || va < h->va ||
	    va + len > h->end || step == COCO_STEP_END)
		abort();
	/* A 4 KiB retry follows only a 2 MiB PVALIDATE size mismatch. */
	h->calls++;
	if (h->calls > 4 * 512 * 6)
		abort();
	h->last_rc = rc;
	h->last_step = step;
	h->last_len = len;
	if (rc == 0)
		h->ok_calls++;
	return rc;
}

static void conversion(const uint8_t *d, size_t n)
{
	struct conv_host h = { 0 };
	struct coco_convert_failure f;
	uint64_t va = (rd64(d, n, 0) & 0x3FF) << 12;
	uint64_t size = ((rd64(d, n, 2) & 0x7FF) + 1) << 12;
	bool to_shared = n > 4 && (d[4] & 1), allow_2m = n > 4 && (d[4] & 2);
	const uint8_t *plan = coco_conversion_plan(n > 4 && (d[4] & 4) ? FUTEET_PLATFORM_TDX :
						   FUTEET_PLATFORM_SNP, to_shared);
	int rc;

	h.d = d;
	h.n = n;
	h.pos = 5;
	h.va = va;
	h.end = va + size;
	h.last_rc = 0;
	rc = coco_convert_range(plan, va, size, allow_2m, conv_step, &h, &f);
	if (rc == 0) {
		if (h.last_rc != 0 && !(h.last_rc == -ERANGE && h.last_len == COCO_2M))
			abort();
		return;
	}
	if (rc != h.last_rc || f.step != h.last_step || f.len != h.last_len ||
	    f.va < va || f.va + f.len > va + size || f.changed != (h.ok_calls > 0))
		abort();
	/* A 2 MiB PVALIDATE's size mismatch is never the failure reported. */
	if (rc == -ERANGE && f.len == COCO_2M &&
	    (f.step == COCO_STEP_PVALIDATE || f.step == COCO_STEP_PVALIDATE_RESCIND))
		abort();
}

static void cpuid_fixups_and_tsc(const uint8_t *d, size_t n)
{
	uint32_t leaf = (uint32_t)rd64(d, n, 0), mask[4], page[4], hv[4], regs[4];
	struct snp_tsc_info ti;
	uint64_t hz;

	/* the leaves that take bits from the hypervisor, and some that do not */
	static const uint32_t leaves[] = { 0x1, 0xB, 0x8000001Eu, 0x0, 0x7, 0xD, 0x40000000u };
	leaf = leaves[leaf % (sizeof(leaves) / sizeof(leaves[0]))];
	for (unsigned r = 0; r < 4; r++) {
		page[r] = (uint32_t)rd64(d, n, 8 + 4 * r);
		hv[r] = (uint32_t)rd64(d, n, 24 + 4 * r);
		regs[r] = page[r];
	}
	snp_cpuid_hv_masks(leaf, mask);
	snp_cpuid_hv_merge(mask, hv, regs);
	for (unsigned r = 0; r < 4; r++)
		if ((regs[r] & ~mask[r]) != (page[r] & ~mask[r]) || (regs[r] & mask[r]) != (hv[r] & mask[r]))
			abort();
	if (n >= 40 + SNP_TSC_INFO_LEN && snp_tsc_info_resp_parse(d + 40, SNP_TSC_INFO_LEN, &ti) == 0) {
		if (rd64(d, n, 40) & 0xFFFFFFFFFFFFFFFFull)
			abort(); /* STATUS and reserved1 must be zero */
		for (size_t i = 40 + 0x1C; i < 40 + SNP_TSC_INFO_LEN; i++)
			if (d[i])
				abort();
	}
	uint64_t freq = rd64(d, n, 32);
	uint32_t factor = (uint32_t)(freq >> 40);
	if (snp_secure_tsc_hz(freq, factor, &hz) == 0 &&
	    (hz == 0 || hz > (freq & GUEST_TSC_FREQ_MHZ_MASK) * 1000000u))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	switch (data[0] % 7) {
	case 0: ghcb_msr_answers(data + 1, size - 1); break;
	case 1: ghcb_page_answer(data + 1, size - 1); break;
	case 2: tdx_answers(data + 1, size - 1); break;
	case 3: map_gpa_retries(data + 1, size - 1); break;
	case 5: conversion(data + 1, size - 1); break;
	case 6: cpuid_fixups_and_tsc(data + 1, size - 1); break;
	default: snp_tables(data + 1, size - 1); break;
	}
	return 0;
}
