/* OVMF footer GUID table, SEV-ES reset block and SEV metadata parsers.
 * Spec: edk2 OvmfPkg/ResetVector/Ia16/ResetVectorVtf0.asm (the table) and
 * OvmfPkg/ResetVector/X64/OvmfSevMetadata.asm (the metadata); QEMU
 * hw/i386/pc_sysfw_ovmf.c and target/i386/sev.c consume them.
 *
 * The table sits just below the last 32 bytes of the firmware (the reset
 * vector), read backwards from its footer entry:
 *
 *   ... | data | u16 len | GUID | ... | data | u16 len | GUID | u16 total | footer GUID | 32 bytes |
 *       <------ entry (len) ------>                          <-- footer (18) -->        ^ end of file
 *       <--------------------------- total --------------------------------------->
 *
 * Every entry is [data][u16 length of the whole entry][16-byte GUID].
 *
 * The SEV metadata entry holds a u32: the offset of the metadata header
 * counted back from the end of the file. Header (OvmfSevMetadata.asm):
 *   0x00 "ASEV"  0x04 u32 size (header + descriptors)  0x08 u32 version (1)
 *   0x0C u32 number of descriptors, then descriptors of
 *   0x00 u32 base GPA  0x04 u32 length  0x08 u32 type. */
#include "lib/measure/ovmf.h"
#include "futeet/errno.h"
#include "lib/bytes.h"
#include <string.h>

#define OVMF_TABLE_END_GAP 32u      /* the table ends 32 bytes before the end */
#define OVMF_ENTRY_HDR 18u          /* u16 length + 16-byte GUID */
#define SEV_META_HDR 16u
#define SEV_META_DESC 12u
#define SEV_META_VERSION 1u
#define SEV_HASH_TABLE_ENTRY_LEN 8u /* u32 base, u32 size (QEMU SevHashTableDescriptor) */
#define SEV_RESET_ENTRY_LEN 4u      /* u32 reset address (QEMU SevInfoBlock) */

const uint8_t ovmf_guid_table_footer[16] = {
	0xde, 0x82, 0xb5, 0x96, 0xb2, 0x1f, 0xf7, 0x45,
	0xba, 0xea, 0xa3, 0x66, 0xc5, 0x5a, 0x08, 0x2d };
const uint8_t ovmf_guid_sev_es_reset[16] = {
	0xde, 0x71, 0xf7, 0x00, 0x7e, 0x1a, 0xcb, 0x4f,
	0x89, 0x0e, 0x68, 0xc7, 0x7e, 0x2f, 0xb4, 0x4e };
const uint8_t ovmf_guid_sev_hash_table[16] = {
	0x1f, 0x37, 0x55, 0x72, 0x3b, 0x3a, 0x04, 0x4b,
	0x92, 0x7b, 0x1d, 0xa6, 0xef, 0xa8, 0xd4, 0x54 };
const uint8_t ovmf_guid_sev_metadata[16] = {
	0x66, 0x65, 0x88, 0xdc, 0x4a, 0x98, 0x98, 0x47,
	0xa7, 0x5e, 0x55, 0x85, 0xa7, 0xbf, 0x67, 0xcc };
const uint8_t ovmf_guid_tdx_metadata[16] = {
	0x35, 0x65, 0x7a, 0xe4, 0x4a, 0x98, 0x98, 0x47,
	0x86, 0x5e, 0x46, 0x85, 0xa7, 0xbf, 0x8e, 0xc2 };

#define REFUSE(err, msg) do { *why = (msg); return (err); } while (0)

int ovmf_table_parse(const uint8_t *fw, size_t len, struct ovmf_table *t, const char **why)
{
	size_t footer, total;

	if (len < OVMF_TABLE_END_GAP + OVMF_ENTRY_HDR)
		REFUSE(-ENOENT, "firmware too small to hold an OVMF footer table");
	footer = len - OVMF_TABLE_END_GAP - OVMF_ENTRY_HDR;
	if (memcmp(fw + footer + 2, ovmf_guid_table_footer, 16) != 0)
		REFUSE(-ENOENT, "no OVMF footer GUID table 32 bytes before the end of the firmware");
	total = bytes_le16(fw + footer);
	if (total < OVMF_ENTRY_HDR)
		REFUSE(-EINVAL, "OVMF footer table size is smaller than its own footer");
	if (total - OVMF_ENTRY_HDR > footer)
		REFUSE(-EINVAL, "OVMF footer table size reaches before the start of the firmware");
	t->fw = fw;
	t->fw_len = len;
	t->end = footer;
	t->start = footer - (total - OVMF_ENTRY_HDR);

	/* Walk the entries once to check them (bounded: each step eats at
	 * least OVMF_ENTRY_HDR bytes of at most 65535). */
	for (size_t cur = t->end; cur > t->start;) {
		size_t left = cur - t->start, elen;

		if (left < OVMF_ENTRY_HDR)
			REFUSE(-EINVAL, "OVMF footer table has leftover bytes shorter than an entry header");
		elen = bytes_le16(fw + cur - OVMF_ENTRY_HDR);
		if (elen < OVMF_ENTRY_HDR)
			REFUSE(-EINVAL, "OVMF footer table entry is shorter than its header");
		if (elen > left)
			REFUSE(-EINVAL, "OVMF footer table entry is longer than the table");
		cur -= elen;
	}
	return 0;
}

int ovmf_table_find(const struct ovmf_table *t, const uint8_t guid[16],
		    const uint8_t **data, size_t *data_len)
{
	for (size_t cur = t->end; cur > t->start && cur - t->start >= OVMF_ENTRY_HDR;) {
		size_t elen = bytes_le16(t->fw + cur - OVMF_ENTRY_HDR);

		if (elen < OVMF_ENTRY_HDR || elen > cur - t->start)
			return -EINVAL; /* ovmf_table_parse refused this already */
		if (memcmp(t->fw + cur - 16, guid, 16) == 0) {
			*data = t->fw + cur - elen;
			*data_len = elen - OVMF_ENTRY_HDR;
			return 0;
		}
		cur -= elen;
	}
	return -ENOENT;
}

static int ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

static int sev_section_type_known(uint32_t type)
{
	return type == OVMF_SEV_SNP_SEC_MEM || type == OVMF_SEV_SNP_SECRETS ||
	       type == OVMF_SEV_CPUID || type == OVMF_SEV_SVSM_CAA ||
	       type == OVMF_SEV_SNP_KERNEL_HASHES;
}

/* The metadata header and descriptors, checked and copied out. */
static int sev_metadata_parse(const uint8_t *fw, size_t len, const uint8_t *entry,
			      size_t entry_len, struct ovmf_sev_info *info, const char **why)
{
	uint32_t off, size, n;
	const uint8_t *h;

	if (entry_len < 4)
		REFUSE(-EINVAL, "SEV metadata table entry is shorter than its offset field");
	off = bytes_le32(entry);
	if (off < SEV_META_HDR || off > len)
		REFUSE(-EINVAL, "SEV metadata offset points outside the firmware");
	h = fw + (len - off);
	if (memcmp(h, "ASEV", 4) != 0)
		REFUSE(-EINVAL, "SEV metadata signature is not \"ASEV\"");
	size = bytes_le32(h + 4);
	if (bytes_le32(h + 8) != SEV_META_VERSION)
		REFUSE(-EINVAL, "SEV metadata version is not 1");
	n = bytes_le32(h + 12);
	if (size > off)
		REFUSE(-EINVAL, "SEV metadata size runs past the end of the firmware");
	if (n > OVMF_SEV_MAX_SECTIONS)
		REFUSE(-EINVAL, "SEV metadata lists more sections than any OVMF build (32)");
	if (size < SEV_META_HDR + n * SEV_META_DESC)
		REFUSE(-EINVAL, "SEV metadata size is too small for its section count");
	info->nsections = n;
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *d = h + SEV_META_HDR + i * SEV_META_DESC;

		info->sections[i].gpa = bytes_le32(d);
		info->sections[i].size = bytes_le32(d + 4);
		info->sections[i].type = bytes_le32(d + 8);
	}
	return 0;
}

/* Each section: known type, page-aligned, non-empty, below 4 GiB, apart from
 * the firmware and from the other sections (the PSP refuses to add one page
 * twice: the launch would fail). */
static int sev_sections_check(const struct ovmf_sev_info *info, size_t fw_len, const char **why)
{
	uint64_t fw_gpa = OVMF_FW_END_GPA - fw_len, total = 0;

	for (uint32_t i = 0; i < info->nsections; i++) {
		const struct ovmf_sev_section *s = &info->sections[i];

		if (!sev_section_type_known(s->type))
			REFUSE(-EINVAL, "SEV metadata section of an unknown type");
		if (s->size == 0)
			REFUSE(-EINVAL, "SEV metadata section of size 0");
		if (s->gpa % OVMF_PAGE_SIZE || s->size % OVMF_PAGE_SIZE)
			REFUSE(-EINVAL, "SEV metadata section not page-aligned");
		if ((uint64_t)s->gpa + s->size > OVMF_FW_END_GPA)
			REFUSE(-EINVAL, "SEV metadata section runs past 4 GiB");
		total += s->size;
		if (total > OVMF_SEV_MAX_SECTIONS_TOTAL)
			REFUSE(-EINVAL, "SEV metadata sections cover more than 256 MiB");
		if ((s->type == OVMF_SEV_SNP_SECRETS || s->type == OVMF_SEV_CPUID ||
		     s->type == OVMF_SEV_SNP_KERNEL_HASHES) && s->size != OVMF_PAGE_SIZE)
			REFUSE(-EINVAL, "SEV metadata secrets, CPUID or kernel-hashes section is not one page");
		if (ranges_overlap(s->gpa, s->size, fw_gpa, fw_len))
			REFUSE(-EINVAL, "SEV metadata section overlaps the firmware image");
		for (uint32_t j = 0; j < i; j++)
			if (ranges_overlap(s->gpa, s->size, info->sections[j].gpa,
					   info->sections[j].size))
				REFUSE(-EINVAL, "SEV metadata sections overlap");
	}
	return 0;
}

int ovmf_sev_parse(const uint8_t *fw, size_t len, struct ovmf_sev_info *info,
		   const char **why)
{
	struct ovmf_table t;
	const uint8_t *d;
	size_t dlen;
	int err;

	memset(info, 0, sizeof(*info));
	if (len == 0 || len % OVMF_PAGE_SIZE)
		REFUSE(-EINVAL, "firmware size is not a whole number of 4 KiB pages");
	if (len > OVMF_FW_MAX_SIZE)
		REFUSE(-EINVAL, "firmware larger than 64 MiB");
	err = ovmf_table_parse(fw, len, &t, why);
	if (err)
		return err;

	/* QEMU refuses to start an SEV-ES/SNP guest without a reset block
	 * (target/i386/sev.c, sev_es_find_reset_vector) or with address 0. */
	if (ovmf_table_find(&t, ovmf_guid_sev_es_reset, &d, &dlen) != 0)
		REFUSE(-ENOENT, "firmware has no SEV-ES reset block: it cannot start SEV-ES/SNP vCPUs");
	if (dlen < SEV_RESET_ENTRY_LEN)
		REFUSE(-EINVAL, "SEV-ES reset block entry is too short");
	info->reset_eip = bytes_le32(d);
	if (info->reset_eip == 0)
		REFUSE(-EINVAL, "SEV-ES reset address is zero");

	if (ovmf_table_find(&t, ovmf_guid_sev_hash_table, &d, &dlen) == 0) {
		if (dlen < SEV_HASH_TABLE_ENTRY_LEN)
			REFUSE(-EINVAL, "SEV hash table entry is too short");
		info->hash_table_gpa = bytes_le32(d);
		info->hash_table_size = bytes_le32(d + 4);
	}

	/* QEMU cannot launch an SNP guest without the metadata
	 * (sev_snp_launch_finish: "Failed to locate SEV metadata header"). */
	if (ovmf_table_find(&t, ovmf_guid_sev_metadata, &d, &dlen) != 0)
		REFUSE(-ENOENT, "firmware has no SEV metadata (no SNP secrets/CPUID pages): it cannot run SEV-SNP");
	err = sev_metadata_parse(fw, len, d, dlen, info, why);
	if (err)
		return err;
	return sev_sections_check(info, len, why);
}

int ovmf_sev_has_section(const struct ovmf_sev_info *info, uint32_t type)
{
	for (uint32_t i = 0; i < info->nsections && i < OVMF_SEV_MAX_SECTIONS; i++)
		if (info->sections[i].type == type)
			return 1;
	return 0;
}
