/* SEV-SNP CC blob and CPUID page parsers (arch/x86_64/coco/snp_tables.h). */
#include <string.h>

#include "futeet/errno.h"
#include "arch/x86_64/coco/snp_tables.h"
#include "lib/bytes.h"

#define ADDR_LIMIT (1ull << 52)

static bool page_addr_ok(uint64_t a)
{
	return a != 0 && (a & (SNP_TABLE_PAGE - 1)) == 0 && a < ADDR_LIMIT;
}

int snp_cc_blob_parse(const uint8_t *buf, size_t len, struct snp_cc_blob *out)
{
	memset(out, 0, sizeof(*out));
	if (len < SNP_CC_BLOB_LEN)
		return -EINVAL;
	if (bytes_le32(buf) != SNP_CC_BLOB_MAGIC)
		return -EPROTO;
	if (bytes_le32(buf + 0x10) != SNP_TABLE_PAGE || bytes_le32(buf + 0x20) != SNP_TABLE_PAGE)
		return -EPROTO;
	if (!page_addr_ok(bytes_le64(buf + 0x08)) || !page_addr_ok(bytes_le64(buf + 0x18)) ||
	    bytes_le64(buf + 0x08) == bytes_le64(buf + 0x18))
		return -EPROTO;
	out->version = bytes_le16(buf + 0x04);
	out->secrets_phys = bytes_le64(buf + 0x08);
	out->cpuid_phys = bytes_le64(buf + 0x18);
	return 0;
}

int snp_cpuid_table_parse(const uint8_t *buf, size_t len, struct snp_cpuid_table *out)
{
	uint32_t count;

	memset(out, 0, sizeof(*out));
	if (len < SNP_CPUID_HDR_LEN)
		return -EINVAL;
	count = bytes_le32(buf);
	/* An empty table is refused too (Linux setup_cpuid_table does). */
	if (count == 0 || count > SNP_CPUID_COUNT_MAX || bytes_le32(buf + 4) != 0 || bytes_le64(buf + 8) != 0)
		return -EPROTO;
	if (len < SNP_CPUID_HDR_LEN + (size_t)count * SNP_CPUID_FN_LEN)
		return -EINVAL;
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *e = buf + SNP_CPUID_HDR_LEN + (size_t)i * SNP_CPUID_FN_LEN;
		struct snp_cpuid_fn *f = &out->fn[i];

		f->eax_in = bytes_le32(e + 0x00);
		f->ecx_in = bytes_le32(e + 0x04);
		f->xcr0_in = bytes_le64(e + 0x08);
		f->xss_in = bytes_le64(e + 0x10);
		f->eax = bytes_le32(e + 0x18);
		f->ebx = bytes_le32(e + 0x1C);
		f->ecx = bytes_le32(e + 0x20);
		f->edx = bytes_le32(e + 0x24);
		f->reserved = bytes_le64(e + 0x28);
	}
	out->count = count;
	return 0;
}

static bool has_subleaves(uint32_t leaf)
{
	switch (leaf) {
	case 0x7: case 0xB: case 0xD: case 0xF: case 0x10: case 0x8000001D: case 0x80000020:
		return true;
	default:
		return false;
	}
}

int snp_cpuid_lookup(const struct snp_cpuid_table *t, uint32_t leaf, uint32_t subleaf,
		     uint32_t out[4])
{
	uint32_t n = t->count <= SNP_CPUID_COUNT_MAX ? t->count : SNP_CPUID_COUNT_MAX;

	for (uint32_t i = 0; i < n; i++) {
		const struct snp_cpuid_fn *f = &t->fn[i];

		if (f->eax_in != leaf || (has_subleaves(leaf) && f->ecx_in != subleaf))
			continue;
		out[0] = f->eax;
		out[1] = f->ebx;
		out[2] = f->ecx;
		out[3] = f->edx;
		return 0;
	}
	out[0] = out[1] = out[2] = out[3] = 0;
	return -ENOENT;
}

#define CPUID_1_ECX_OSXSAVE (1u << 27)
#define CPUID_7_ECX_OSPKE   (1u << 4)

int snp_cpuid_xsave_size(const struct snp_cpuid_table *t, uint64_t xfeatures, bool compacted,
			 uint32_t *size)
{
	uint32_t n = t->count <= SNP_CPUID_COUNT_MAX ? t->count : SNP_CPUID_COUNT_MAX;
	uint64_t found = 0, want = xfeatures & ~3ull; /* x87 and SSE: in the legacy area */
	uint64_t total = SNP_XSAVE_LEGACY_SIZE;

	for (uint32_t i = 0; i < n; i++) {
		const struct snp_cpuid_fn *f = &t->fn[i];
		uint64_t bit;

		if (f->eax_in != 0xD || f->ecx_in < 2 || f->ecx_in > 63)
			continue;
		bit = 1ull << f->ecx_in;
		if (!(want & bit) || (found & bit))
			continue;
		found |= bit;
		if (compacted)
			total += f->eax;
		else if ((uint64_t)f->eax + f->ebx > total)
			total = (uint64_t)f->eax + f->ebx;
	}
	if (found != want || total > 0xFFFFFFFFull)
		return -EPROTO;
	*size = (uint32_t)total;
	return 0;
}

int snp_cpuid_postprocess(const struct snp_cpuid_table *t, uint32_t leaf, uint32_t subleaf,
			  bool osxsave, uint64_t xcr0, uint64_t xss, uint32_t regs[4])
{
	uint32_t size;
	int rc;

	if (leaf == 0x1) {
		regs[2] = osxsave ? (regs[2] | CPUID_1_ECX_OSXSAVE) : (regs[2] & ~CPUID_1_ECX_OSXSAVE);
		return 0;
	}
	/* Leaf 7 ECX bit 4 OSPKE mirrors CR4.PKE (APM vol. 3 CPUID
	 * Fn0000_0007_ECX; Linux snp_cpuid_postprocess case 0x7): the kernel
	 * never sets CR4.PKE, so it is clear whatever the page says. */
	if (leaf == 0x7 && subleaf == 0) {
		regs[2] &= ~CPUID_7_ECX_OSPKE;
		return 0;
	}
	if (leaf != 0xD || subleaf > 1)
		return 0;
	rc = snp_cpuid_xsave_size(t, subleaf == 0 ? xcr0 : (xcr0 | xss), subleaf == 1, &size);
	if (rc)
		return rc;
	regs[1] = size;
	return 0;
}

void snp_cpuid_hv_masks(uint32_t leaf, uint32_t mask[4])
{
	mask[0] = mask[1] = mask[2] = mask[3] = 0;
	if (leaf == 0x1) {
		mask[1] = SNP_CPUID_1_EBX_APIC_ID;
		mask[3] = SNP_CPUID_1_EDX_APIC;
	} else if (leaf == 0xB) {
		mask[3] = 0xFFFFFFFFu;
	} else if (leaf == 0x8000001Eu) {
		mask[0] = 0xFFFFFFFFu;
		mask[1] = 0xFFu;
		mask[2] = 0xFFu;
	}
}

void snp_cpuid_hv_merge(const uint32_t mask[4], const uint32_t hv[4], uint32_t regs[4])
{
	for (unsigned r = 0; r < 4; r++)
		regs[r] = (regs[r] & ~mask[r]) | (hv[r] & mask[r]);
}
