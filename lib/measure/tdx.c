/* TDX MRTD from TDVF metadata, the RTMR extend rule and FUTEET's RTMR2 rule
 * (see tdx.h). RTMR1 and the Authenticode digest are in tdx_rtmr1.c.
 *
 * The TDX metadata (TDVF Design Guide, "TDVF metadata"; QEMU hw/i386/tdvf.c):
 * the OVMF footer table entry e47a6535-984a-4798-865e-4685a7bf8ec2 holds a
 * u32, the offset of the descriptor counted back from the end of the file.
 *   0x00 "TDVF"  0x04 u32 Length (16 + 32 * n)  0x08 u32 Version (1)
 *   0x0C u32 NumberOfSectionEntries (n), then n sections of 32 bytes:
 *   0x00 u32 DataOffset  0x04 u32 RawDataSize  0x08 u64 MemoryAddress
 *   0x10 u64 MemoryDataSize  0x18 u32 Type  0x1C u32 Attributes
 * Types QEMU loads: 0 BFV, 1 CFV (copied from the file), 2 TD_HOB, 3 TEMP_MEM
 * (no file data). Attribute bit 0 MR_EXTEND: the pages are also extended.
 *
 * MRTD (TDX Module ABI 348551, TDH.MEM.PAGE.ADD and TDH.MR.EXTEND): one
 * SHA-384 computation that the module finalizes at TDH.MR.FINALIZE, fed with
 *   PAGE.ADD:  128 bytes: "MEM.PAGE.ADD" at 0, the page GPA (u64) at 16, zeros
 *   MR.EXTEND: 128 bytes: "MR.EXTEND" at 0, the chunk GPA (u64) at 16, zeros,
 *              then the 256 bytes of the chunk.
 * QEMU (target/i386/kvm/tdx.c, tdx_finalize_vm) hands KVM each section in
 * metadata order (KVM_TDX_INIT_MEM_REGION, measured when MR_EXTEND); KVM adds
 * page by page: PAGE.ADD, then sixteen MR.EXTENDs of that page. QEMU adds
 * PAGE_AUG sections like the others (td-shim's tools skip their PAGE.ADD; no
 * OVMF build we know sets the bit). */
#include "lib/measure/tdx.h"
#include "lib/measure/ovmf.h"
#include "futeet/errno.h"
#include "lib/bytes.h"
#include <bearssl.h>
#include <string.h>

#define TDVF_SIGNATURE "TDVF"
#define TDVF_VERSION 1u
#define TDVF_DESC_HDR 16u
#define TDVF_SECTION_SIZE 32u
#define TDVF_MAX_SECTIONS 32u
#define TDVF_TYPE_BFV 0u
#define TDVF_TYPE_CFV 1u
#define TDVF_TYPE_TD_HOB 2u
#define TDVF_TYPE_TEMP_MEM 3u
#define TDVF_ATTR_MR_EXTEND 0x1u
#define TDVF_ATTR_PAGE_AUG 0x2u
#define TDX_PAGE 4096u
#define TDX_EXTEND_CHUNK 256u   /* TDH.MR.EXTEND measures 256 bytes */
#define TDX_MRTD_BLOCK 128u     /* the header block of each MRTD update */
#define TDX_BLOCK_GPA_OFF 16u
/* Far above what TDVF sections cover together (OVMF: a few MiB), low enough
 * that the measurement of a hostile descriptor stays fast. */
#define TDVF_MAX_TOTAL_SIZE (256ull << 20)
#define TDX_GPA_LIMIT (1ull << 52)

#define REFUSE(err, msg) do { *why = (msg); return (err); } while (0)

struct tdvf_section {
	uint32_t data_offset, raw_size, type, attributes;
	uint64_t gpa, size;
};

static int ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/* Find, copy out and check the TDVF sections. */
static int tdvf_parse(const uint8_t *fw, size_t len, struct tdvf_section *s, uint32_t *count,
		      const char **why)
{
	struct ovmf_table t;
	const uint8_t *d, *h;
	size_t dlen;
	uint32_t off, n;
	uint64_t total = 0;
	int err;

	if (len == 0 || len % TDX_PAGE)
		REFUSE(-EINVAL, "firmware size is not a whole number of 4 KiB pages");
	if (len > OVMF_FW_MAX_SIZE)
		REFUSE(-EINVAL, "firmware larger than 64 MiB");
	err = ovmf_table_parse(fw, len, &t, why);
	if (err)
		return err;
	if (ovmf_table_find(&t, ovmf_guid_tdx_metadata, &d, &dlen) != 0)
		REFUSE(-ENOENT, "firmware has no TDX metadata (no TDVF descriptor): it cannot run as a TD");
	if (dlen < 4)
		REFUSE(-EINVAL, "TDX metadata entry is shorter than its offset field");
	off = bytes_le32(d);
	if (off < TDVF_DESC_HDR || off > len)
		REFUSE(-EINVAL, "TDVF descriptor offset points outside the firmware");
	h = fw + (len - off);
	if (memcmp(h, TDVF_SIGNATURE, 4) != 0)
		REFUSE(-EINVAL, "TDVF descriptor signature is not \"TDVF\"");
	if (bytes_le32(h + 8) != TDVF_VERSION)
		REFUSE(-EINVAL, "TDVF descriptor version is not 1");
	n = bytes_le32(h + 12);
	if (n < 2 || n > TDVF_MAX_SECTIONS)
		REFUSE(-EINVAL, "TDVF descriptor section count is not 2 to 32");
	if (bytes_le32(h + 4) != TDVF_DESC_HDR + n * TDVF_SECTION_SIZE)
		REFUSE(-EINVAL, "TDVF descriptor length does not match its section count");
	if (TDVF_DESC_HDR + n * TDVF_SECTION_SIZE > off)
		REFUSE(-EINVAL, "TDVF descriptor runs past the end of the firmware");
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *e = h + TDVF_DESC_HDR + i * TDVF_SECTION_SIZE;
		struct tdvf_section *x = &s[i];

		x->data_offset = bytes_le32(e);
		x->raw_size = bytes_le32(e + 4);
		x->gpa = bytes_le64(e + 8);
		x->size = bytes_le64(e + 16);
		x->type = bytes_le32(e + 24);
		x->attributes = bytes_le32(e + 28);
		/* QEMU hw/i386/tdvf.c, tdvf_parse_and_check_section_entry */
		if (x->type > TDVF_TYPE_TEMP_MEM)
			REFUSE(-EINVAL, "TDVF section of a type QEMU does not load (not BFV, CFV, TD_HOB, TEMP_MEM)");
		if (x->attributes & ~(TDVF_ATTR_MR_EXTEND | TDVF_ATTR_PAGE_AUG))
			REFUSE(-EINVAL, "TDVF section with unknown attribute bits");
		if (x->size == 0 || x->size < x->raw_size)
			REFUSE(-EINVAL, "TDVF section memory size is 0 or smaller than its data");
		if (x->gpa % TDX_PAGE || x->size % TDX_PAGE)
			REFUSE(-EINVAL, "TDVF section not page-aligned");
		if (x->size > TDVF_MAX_TOTAL_SIZE - total || x->gpa > TDX_GPA_LIMIT - x->size)
			REFUSE(-EINVAL, "TDVF sections cover more than 256 MiB or leave the guest-physical address space");
		total += x->size;
		if ((x->type == TDVF_TYPE_BFV || x->type == TDVF_TYPE_CFV) && x->raw_size == 0)
			REFUSE(-EINVAL, "TDVF BFV/CFV section without data");
		if ((x->type == TDVF_TYPE_TD_HOB || x->type == TDVF_TYPE_TEMP_MEM) && x->raw_size != 0)
			REFUSE(-EINVAL, "TDVF TD_HOB/TEMP_MEM section with file data");
		if ((x->type == TDVF_TYPE_TD_HOB || x->type == TDVF_TYPE_TEMP_MEM) &&
		    (x->attributes & TDVF_ATTR_MR_EXTEND))
			REFUSE(-EOPNOTSUPP, "TDVF TD_HOB/TEMP_MEM section is MR_EXTENDed: its contents are QEMU's, not the file's");
		/* What the module extends is the file's bytes from DataOffset on,
		 * MemoryDataSize of them (QEMU maps the section at file + DataOffset). */
		if ((x->type == TDVF_TYPE_BFV || x->type == TDVF_TYPE_CFV) &&
		    ((uint64_t)x->data_offset + x->size > len))
			REFUSE(-EINVAL, "TDVF section data lies outside the firmware file (a split OVMF_CODE image? use the unified OVMF.fd)");
		for (uint32_t j = 0; j < i; j++)
			if (ranges_overlap(x->gpa, x->size, s[j].gpa, s[j].size))
				REFUSE(-EINVAL, "TDVF sections overlap");
	}
	*count = n;
	return 0;
}

static void mrtd_block(br_sha384_context *h, const char *op, uint64_t gpa)
{
	uint8_t b[TDX_MRTD_BLOCK];

	memset(b, 0, sizeof(b));
	memcpy(b, op, strlen(op));
	bytes_put_le64(b + TDX_BLOCK_GPA_OFF, gpa);
	br_sha384_update(h, b, sizeof(b));
}

static const char *tdvf_type_name(uint32_t type)
{
	switch (type) {
	case TDVF_TYPE_BFV: return "BFV";
	case TDVF_TYPE_CFV: return "CFV";
	case TDVF_TYPE_TD_HOB: return "TD_HOB";
	case TDVF_TYPE_TEMP_MEM: return "TEMP_MEM";
	default: return "?";
	}
}

int measure_tdx_mrtd(const uint8_t *fw, size_t len, uint8_t out[TDX_MR_SIZE], const char **why)
{
	return measure_tdx_mrtd_explain(fw, len, out, why, NULL, NULL);
}

int measure_tdx_mrtd_explain(const uint8_t *fw, size_t len, uint8_t out[TDX_MR_SIZE],
			     const char **why, tdx_mrtd_explain_fn *explain, void *arg)
{
	struct tdvf_section s[TDVF_MAX_SECTIONS];
	br_sha384_context h;
	uint32_t n = 0;
	int err;

	err = tdvf_parse(fw, len, s, &n, why);
	if (err)
		return err;
	br_sha384_init(&h);
	for (uint32_t i = 0; i < n; i++) {
		if (explain) {
			struct tdx_mrtd_section e = {
				.index = i, .type = s[i].type, .attributes = s[i].attributes,
				.data_offset = s[i].data_offset, .raw_size = s[i].raw_size,
				.type_name = tdvf_type_name(s[i].type), .gpa = s[i].gpa,
				.pages = s[i].size / TDX_PAGE,
				.extended = (s[i].attributes & TDVF_ATTR_MR_EXTEND) != 0,
			};
			explain(arg, &e);
		}
		for (uint64_t pg = 0; pg < s[i].size; pg += TDX_PAGE) {
			mrtd_block(&h, "MEM.PAGE.ADD", s[i].gpa + pg);
			if (!(s[i].attributes & TDVF_ATTR_MR_EXTEND))
				continue;
			for (uint32_t c = 0; c < TDX_PAGE; c += TDX_EXTEND_CHUNK) {
				mrtd_block(&h, "MR.EXTEND", s[i].gpa + pg + c);
				br_sha384_update(&h, fw + s[i].data_offset + pg + c, TDX_EXTEND_CHUNK);
			}
		}
	}
	br_sha384_out(&h, out);
	return 0;
}

void measure_tdx_extend(uint8_t rtmr[TDX_MR_SIZE], const uint8_t digest[TDX_MR_SIZE])
{
	br_sha384_context h;

	br_sha384_init(&h);
	br_sha384_update(&h, rtmr, TDX_MR_SIZE);
	br_sha384_update(&h, digest, TDX_MR_SIZE);
	br_sha384_out(&h, rtmr);
}

int measure_tdx_rtmr2(const char *cmdline, size_t cmdline_len, const uint8_t *user,
		      size_t user_len, uint8_t out[TDX_MR_SIZE])
{
	br_sha384_context h;
	uint8_t d[TDX_MR_SIZE];

	memset(out, 0, TDX_MR_SIZE);
	br_sha384_init(&h);
	br_sha384_update(&h, cmdline, cmdline_len);
	br_sha384_out(&h, d);
	measure_tdx_extend(out, d);
	if (user) {
		br_sha384_init(&h);
		br_sha384_update(&h, user, user_len);
		br_sha384_out(&h, d);
		measure_tdx_extend(out, d);
	}
	return 0;
}
