/* SEV-SNP launch digest, VMSA and kernel-hashes table (see snp.h).
 *
 * The launch digest (SNP ABI 56860 rev 1.57, SNP_LAUNCH_UPDATE): it starts as
 * 48 zero bytes at SNP_LAUNCH_START; each page added updates it to
 *     LD := SHA-384(PAGE_INFO)
 * where PAGE_INFO (0x70 bytes, "PAGE_INFO Structure") is
 *     0x00 DIGEST_CUR[48]   the current LD
 *     0x30 CONTENTS[48]     SHA-384 of the page for NORMAL and VMSA pages,
 *                           zeros for ZERO, UNMEASURED, SECRETS and CPUID pages
 *     0x60 LENGTH u16       0x70
 *     0x62 PAGE_TYPE u8
 *     0x63 IMI_PAGE u8      0 (bit 0)
 *     0x64 VMPL3_PERMS u8, 0x65 VMPL2_PERMS, 0x66 VMPL1_PERMS: 0
 *     0x67 reserved
 *     0x68 GPA u64
 *
 * What QEMU adds, in order (target/i386/sev.c, sev_snp_launch_finish):
 *   1. the firmware (-bios) as NORMAL pages, its last byte at 4 GiB - 1
 *      (sev_encrypt_flash queues them when the flash is mapped);
 *   2. each SEV metadata section in listed order (snp_populate_metadata_pages):
 *      SNP_SEC_MEM and SVSM_CAA as ZERO pages, SECRETS and CPUID pages, the
 *      kernel-hashes section as a NORMAL page holding the hash table when
 *      kernel-hashes=on, else as ZERO pages;
 *   3. KVM then adds one VMSA page per vCPU at SNP_LAUNCH_FINISH, at GPA
 *      0xFFFFFFFFF000 (Linux arch/x86/kvm/svm/sev.c records the VMSA at
 *      GPA -1 page-aligned, bits above 51 cleared).
 * EC2 adds the CPUID page after all other sections; GCE adds SNP_SEC_MEM as
 * UNMEASURED pages (virtee sev-snp-measure, guest.py). */
#include "lib/measure/snp.h"
#include "futeet/errno.h"
#include "lib/bytes.h"
#include <bearssl.h>
#include <string.h>

/* PAGE_INFO (SNP ABI 56860 rev 1.57, "PAGE_INFO Structure"). */
struct snp_page_info {
	uint8_t digest_cur[48];
	uint8_t contents[48];
	uint8_t length[2];
	uint8_t page_type;
	uint8_t imi_page;
	uint8_t vmpl3_perms;
	uint8_t vmpl2_perms;
	uint8_t vmpl1_perms;
	uint8_t reserved;
	uint8_t gpa[8];
};
_Static_assert(sizeof(struct snp_page_info) == 0x70, "PAGE_INFO is 0x70 bytes");
_Static_assert(offsetof(struct snp_page_info, contents) == 0x30, "CONTENTS at 0x30");
_Static_assert(offsetof(struct snp_page_info, length) == 0x60, "LENGTH at 0x60");
_Static_assert(offsetof(struct snp_page_info, page_type) == 0x62, "PAGE_TYPE at 0x62");
_Static_assert(offsetof(struct snp_page_info, vmpl3_perms) == 0x64, "VMPL3_PERMS at 0x64");
_Static_assert(offsetof(struct snp_page_info, gpa) == 0x68, "GPA at 0x68");

/* The GPA KVM gives the VMSA page in PAGE_INFO (see the top of the file). */
#define SNP_VMSA_GPA 0x0000FFFFFFFFF000ull
/* The BSP starts at the architectural reset vector (AMD APM vol. 2,
 * "Initial processor state": CS base 0xFFFF0000, RIP 0xFFF0). */
#define SNP_BSP_EIP 0xFFFFFFF0u

static void sha384(const void *data, size_t len, uint8_t out[48])
{
	br_sha384_context h;

	br_sha384_init(&h);
	br_sha384_update(&h, data, len);
	br_sha384_out(&h, out);
}

void snp_ld_init(struct snp_ld *c, const uint8_t *seed_or_null)
{
	memset(c, 0, sizeof(*c));
	if (seed_or_null)
		memcpy(c->ld, seed_or_null, SNP_LD_SIZE);
}

void snp_ld_update(struct snp_ld *c, uint8_t page_type, uint64_t gpa,
		   const uint8_t contents[SNP_LD_SIZE])
{
	struct snp_page_info pi;

	memset(&pi, 0, sizeof(pi));
	memcpy(pi.digest_cur, c->ld, sizeof(pi.digest_cur));
	memcpy(pi.contents, contents, sizeof(pi.contents));
	bytes_put_le16(pi.length, sizeof(pi));
	pi.page_type = page_type;
	bytes_put_le64(pi.gpa, gpa);
	sha384(&pi, sizeof(pi), c->ld);
	if (c->explain) {
		struct snp_page_event ev;

		ev.label = c->label ? c->label : "";
		ev.page_type = page_type;
		ev.gpa = gpa;
		memcpy(ev.contents, contents, SNP_LD_SIZE);
		memcpy(ev.digest, c->ld, SNP_LD_SIZE);
		c->explain(c->explain_arg, &ev);
	}
}

static const uint8_t zero48[SNP_LD_SIZE];

void snp_ld_firmware(struct snp_ld *c, const uint8_t *fw, size_t len)
{
	uint64_t gpa = OVMF_FW_END_GPA - len;
	uint8_t h[SNP_LD_SIZE];

	c->label = "firmware";
	for (size_t off = 0; off + OVMF_PAGE_SIZE <= len; off += OVMF_PAGE_SIZE) {
		sha384(fw + off, OVMF_PAGE_SIZE, h);
		snp_ld_update(c, SNP_PAGE_NORMAL, gpa + off, h);
	}
}

/* Pages with no contents (ZERO, UNMEASURED, SECRETS, CPUID): one update per
 * page of the section. */
static void ld_empty_pages(struct snp_ld *c, uint8_t type, uint32_t gpa, uint32_t size)
{
	for (uint32_t off = 0; off < size; off += OVMF_PAGE_SIZE)
		snp_ld_update(c, type, (uint64_t)gpa + off, zero48);
}

/* ---- the SEV kernel-hashes table (QEMU target/i386/sev.c) ----------------
 * PaddedSevHashTable, packed, little-endian:
 *   0x00 GUID 9438d606-4f22-4cc9-b479-a793d411fd21   0x10 u16 len (0xa8)
 *   0x12 cmdline entry: GUID 97d02dd8-..., u16 len (0x32), SHA-256
 *   0x44 initrd entry:  GUID 44baf731-..., u16 len (0x32), SHA-256
 *   0x76 kernel entry:  GUID 4de79437-..., u16 len (0x32), SHA-256
 *   0xa8 zero padding to 0xb0 */
#define HT_ENTRY_SIZE 0x32u
static const uint8_t ht_guid_header[16] = {
	0x06, 0xd6, 0x38, 0x94, 0x22, 0x4f, 0xc9, 0x4c,
	0xb4, 0x79, 0xa7, 0x93, 0xd4, 0x11, 0xfd, 0x21 };
static const uint8_t ht_guid_cmdline[16] = {
	0xd8, 0x2d, 0xd0, 0x97, 0x20, 0xbd, 0x94, 0x4c,
	0xaa, 0x78, 0xe7, 0x71, 0x4d, 0x36, 0xab, 0x2a };
static const uint8_t ht_guid_initrd[16] = {
	0x31, 0xf7, 0xba, 0x44, 0x2f, 0x3a, 0xd7, 0x4b,
	0x9a, 0xf1, 0x41, 0xe2, 0x91, 0x69, 0x78, 0x1d };
static const uint8_t ht_guid_kernel[16] = {
	0x37, 0x94, 0xe7, 0x4d, 0xd2, 0xab, 0x7f, 0x42,
	0xb8, 0x35, 0xd5, 0xb1, 0x72, 0xd2, 0x04, 0x5b };
_Static_assert(16 + 2 + 3 * HT_ENTRY_SIZE == SNP_HASH_TABLE_SIZE, "SevHashTable size");
_Static_assert(((SNP_HASH_TABLE_SIZE + 15) & ~15u) == SNP_HASH_TABLE_PADDED, "padding");

static void ht_entry(uint8_t *p, const uint8_t guid[16], const uint8_t hash[32])
{
	memcpy(p, guid, 16);
	bytes_put_le16(p + 16, HT_ENTRY_SIZE);
	memcpy(p + 18, hash, 32);
}

void snp_kernel_hashes_table(uint8_t out[SNP_HASH_TABLE_PADDED], const struct snp_launch_params *p)
{
	memset(out, 0, SNP_HASH_TABLE_PADDED);
	memcpy(out, ht_guid_header, 16);
	bytes_put_le16(out + 16, SNP_HASH_TABLE_SIZE);
	ht_entry(out + 18, ht_guid_cmdline, p->cmdline_sha256);
	ht_entry(out + 18 + HT_ENTRY_SIZE, ht_guid_initrd, p->initrd_sha256);
	ht_entry(out + 18 + 2 * HT_ENTRY_SIZE, ht_guid_kernel, p->kernel_sha256);
}

void snp_cmdline_sha256(const char *cmdline, size_t len, uint8_t out[32])
{
	br_sha256_context h;
	uint8_t nul = 0;

	br_sha256_init(&h);
	if (cmdline && len)
		br_sha256_update(&h, cmdline, len);
	br_sha256_update(&h, &nul, 1);
	br_sha256_out(&h, out);
}

/* The kernel-hashes section (one page, checked by ovmf_sev_parse) holding
 * the table at the hash-table GPA's offset in its page, as
 * snp_launch_update_kernel_hashes places it. */
static int ld_kernel_hashes(struct snp_ld *c, const struct ovmf_sev_info *info,
			    const struct ovmf_sev_section *s, const struct snp_launch_params *p,
			    const char **why)
{
	uint8_t page[OVMF_PAGE_SIZE], h[SNP_LD_SIZE];
	uint32_t off;

	if (!p->kernel_hashes) {
		ld_empty_pages(c, SNP_PAGE_ZERO, s->gpa, s->size);
		return 0;
	}
	/* QEMU sev_add_kernel_loader_hashes: the table entry must exist with a
	 * non-zero base and room for the padded table. */
	if (info->hash_table_gpa == 0 || info->hash_table_size < SNP_HASH_TABLE_PADDED) {
		*why = "firmware's SEV hash table entry is missing or too small for QEMU's kernel hashes";
		return -EOPNOTSUPP;
	}
	off = info->hash_table_gpa & (OVMF_PAGE_SIZE - 1);
	if (info->hash_table_gpa - off != s->gpa || off + SNP_HASH_TABLE_PADDED > OVMF_PAGE_SIZE) {
		*why = "firmware's SEV hash table does not lie inside its kernel-hashes page";
		return -EOPNOTSUPP;
	}
	memset(page, 0, sizeof(page));
	snp_kernel_hashes_table(page + off, p);
	sha384(page, sizeof(page), h);
	snp_ld_update(c, SNP_PAGE_NORMAL, s->gpa, h);
	return 0;
}

static const char *section_label(uint32_t type)
{
	switch (type) {
	case OVMF_SEV_SNP_SEC_MEM: return "SNP_SEC_MEM";
	case OVMF_SEV_SNP_SECRETS: return "SNP_SECRETS";
	case OVMF_SEV_CPUID: return "CPUID";
	case OVMF_SEV_SVSM_CAA: return "SVSM_CAA";
	case OVMF_SEV_SNP_KERNEL_HASHES: return "SNP_KERNEL_HASHES";
	default: return "?";
	}
}

/* ---- the VMSA (AMD APM vol. 2, table B-4 "VMSA Layout, State Save Area
 * for SEV-ES"; Linux struct sev_es_save_area) -------------------------------
 * Segment registers are 16 bytes each: u16 selector, u16 attrib, u32 limit,
 * u64 base. Only the fields below are non-zero at reset. */
#define VMSA_ES        0x000
#define VMSA_CS        0x010
#define VMSA_SS        0x020
#define VMSA_DS        0x030
#define VMSA_FS        0x040
#define VMSA_GS        0x050
#define VMSA_GDTR      0x060
#define VMSA_LDTR      0x070
#define VMSA_IDTR      0x080
#define VMSA_TR        0x090
#define VMSA_EFER      0x0D0
#define VMSA_CR4       0x148
#define VMSA_CR0       0x158
#define VMSA_DR7       0x160
#define VMSA_DR6       0x168
#define VMSA_RFLAGS    0x170
#define VMSA_RIP       0x178
#define VMSA_G_PAT     0x268
#define VMSA_RDX       0x310
#define VMSA_SEV_FEATURES 0x3B0
#define VMSA_XCR0      0x3E8
#define VMSA_MXCSR     0x408
#define VMSA_X87_FCW   0x410
_Static_assert(VMSA_X87_FCW + 2 <= OVMF_PAGE_SIZE, "the VMSA fits its page");

/* Reset values (AMD APM vol. 2 "Initial processor state" and what KVM sets:
 * EFER.SVME, CR4.MCE; QEMU's x86_cpu_reset: RDX = CPUID signature,
 * x87 FCW 0x37F and MXCSR 0x1F80 synced by KVM_SEV_INIT2 VMs). */
#define RESET_EFER    0x1000ull           /* EFER.SVME */
#define RESET_CR4     0x40ull             /* CR4.MCE */
#define RESET_CR0     0x10ull             /* CR0.ET */
#define RESET_DR7     0x400ull
#define RESET_DR6     0xFFFF0FF0ull
#define RESET_RFLAGS  0x2ull
#define RESET_G_PAT   0x0007040600070406ull /* PAT MSR reset value (APM vol. 2, A.3) */
#define GCE_G_PAT     0x0000000000070106ull
#define RESET_XCR0    0x1ull
#define RESET_MXCSR   0x1F80u
#define RESET_FCW     0x037Fu
#define EC2_GCE_RDX   0x600u
/* VMCB segment attributes (descriptor bits 8..15 and 20..23 packed). */
#define SEG_DATA_RW_A 0x93u  /* P, S, data read/write accessed */
#define SEG_DATA_RW   0x92u
#define SEG_CODE_RX_A 0x9Bu  /* P, S, code execute/read accessed */
#define SEG_CODE_RX   0x9Au
#define SEG_LDT       0x82u
#define SEG_TSS32_BUSY 0x8Bu
#define SEG_TSS16_BUSY 0x83u
#define SEG_LIMIT_64K 0xFFFFu
#define RESET_CS_SEL  0xF000u

static void put_seg(uint8_t *p, uint16_t sel, uint16_t attrib, uint32_t limit, uint64_t base)
{
	bytes_put_le16(p, sel);
	bytes_put_le16(p + 2, attrib);
	bytes_put_le32(p + 4, limit);
	bytes_put_le64(p + 8, base);
}

int snp_vmsa_build(uint8_t page[OVMF_PAGE_SIZE], uint32_t eip,
		   const struct snp_launch_params *p)
{
	uint16_t cs = SEG_CODE_RX_A, ss = SEG_DATA_RW_A, tr = SEG_TSS32_BUSY;
	uint64_t rdx = p->vcpu_sig, g_pat = RESET_G_PAT;
	uint32_t mxcsr = RESET_MXCSR;
	uint16_t fcw = RESET_FCW;

	switch (p->vmm) {
	case SNP_VMM_QEMU:
		break;
	case SNP_VMM_EC2:
		if (eip == SNP_BSP_EIP)
			cs = SEG_CODE_RX;
		ss = SEG_DATA_RW;
		tr = SEG_TSS16_BUSY;
		rdx = EC2_GCE_RDX;
		mxcsr = 0;
		fcw = 0;
		break;
	case SNP_VMM_GCE:
		g_pat = GCE_G_PAT;
		rdx = EC2_GCE_RDX;
		mxcsr = 0;
		fcw = 0;
		break;
	default:
		return -EINVAL;
	}
	memset(page, 0, OVMF_PAGE_SIZE);
	put_seg(page + VMSA_ES, 0, SEG_DATA_RW_A, SEG_LIMIT_64K, 0);
	put_seg(page + VMSA_CS, RESET_CS_SEL, cs, SEG_LIMIT_64K, eip & 0xFFFF0000u);
	put_seg(page + VMSA_SS, 0, ss, SEG_LIMIT_64K, 0);
	put_seg(page + VMSA_DS, 0, SEG_DATA_RW_A, SEG_LIMIT_64K, 0);
	put_seg(page + VMSA_FS, 0, SEG_DATA_RW_A, SEG_LIMIT_64K, 0);
	put_seg(page + VMSA_GS, 0, SEG_DATA_RW_A, SEG_LIMIT_64K, 0);
	put_seg(page + VMSA_GDTR, 0, 0, SEG_LIMIT_64K, 0);
	put_seg(page + VMSA_LDTR, 0, SEG_LDT, SEG_LIMIT_64K, 0);
	put_seg(page + VMSA_IDTR, 0, 0, SEG_LIMIT_64K, 0);
	put_seg(page + VMSA_TR, 0, tr, SEG_LIMIT_64K, 0);
	bytes_put_le64(page + VMSA_EFER, RESET_EFER);
	bytes_put_le64(page + VMSA_CR4, RESET_CR4);
	bytes_put_le64(page + VMSA_CR0, RESET_CR0);
	bytes_put_le64(page + VMSA_DR7, RESET_DR7);
	bytes_put_le64(page + VMSA_DR6, RESET_DR6);
	bytes_put_le64(page + VMSA_RFLAGS, RESET_RFLAGS);
	bytes_put_le64(page + VMSA_RIP, eip & 0xFFFFu);
	bytes_put_le64(page + VMSA_G_PAT, g_pat);
	bytes_put_le64(page + VMSA_RDX, rdx);
	bytes_put_le64(page + VMSA_SEV_FEATURES, p->sev_features);
	bytes_put_le64(page + VMSA_XCR0, RESET_XCR0);
	bytes_put_le32(page + VMSA_MXCSR, mxcsr);
	bytes_put_le16(page + VMSA_X87_FCW, fcw);
	return 0;
}

int snp_ld_metadata_and_vmsas(struct snp_ld *c, const struct ovmf_sev_info *info,
			      const struct snp_launch_params *p, const char **why)
{
	uint8_t page[OVMF_PAGE_SIZE], h[SNP_LD_SIZE];
	int err;

	if (p->vcpus == 0 || p->vcpus > 4096) {
		*why = "vCPU count must be 1 to 4096";
		return -EINVAL;
	}
	if (p->vmm != SNP_VMM_QEMU && p->vmm != SNP_VMM_EC2 && p->vmm != SNP_VMM_GCE) {
		*why = "unknown VMM flavour";
		return -EINVAL;
	}
	/* sev-snp-measure and QEMU agree: a kernel given to a firmware that
	 * cannot check its hashes binds nothing; refuse rather than print a
	 * digest that suggests the kernel is covered. */
	if (p->kernel_hashes && !ovmf_sev_has_section(info, OVMF_SEV_SNP_KERNEL_HASHES)) {
		*why = "kernel given but the firmware's SEV metadata has no SNP_KERNEL_HASHES section";
		return -EOPNOTSUPP;
	}
	for (uint32_t i = 0; i < info->nsections && i < OVMF_SEV_MAX_SECTIONS; i++) {
		const struct ovmf_sev_section *s = &info->sections[i];

		c->label = section_label(s->type);
		switch (s->type) {
		case OVMF_SEV_SNP_SEC_MEM:
			ld_empty_pages(c, p->vmm == SNP_VMM_GCE ? SNP_PAGE_UNMEASURED : SNP_PAGE_ZERO,
				       s->gpa, s->size);
			break;
		case OVMF_SEV_SNP_SECRETS:
			ld_empty_pages(c, SNP_PAGE_SECRETS, s->gpa, s->size);
			break;
		case OVMF_SEV_CPUID:
			if (p->vmm != SNP_VMM_EC2)
				ld_empty_pages(c, SNP_PAGE_CPUID, s->gpa, s->size);
			break;
		case OVMF_SEV_SVSM_CAA:
			ld_empty_pages(c, SNP_PAGE_ZERO, s->gpa, s->size);
			break;
		case OVMF_SEV_SNP_KERNEL_HASHES:
			err = ld_kernel_hashes(c, info, s, p, why);
			if (err)
				return err;
			break;
		default:
			*why = "SEV metadata section of an unknown type";
			return -EINVAL;
		}
	}
	if (p->vmm == SNP_VMM_EC2) {
		c->label = "CPUID";
		for (uint32_t i = 0; i < info->nsections && i < OVMF_SEV_MAX_SECTIONS; i++)
			if (info->sections[i].type == OVMF_SEV_CPUID)
				ld_empty_pages(c, SNP_PAGE_CPUID, info->sections[i].gpa,
					       info->sections[i].size);
	}
	for (uint32_t v = 0; v < p->vcpus; v++) {
		c->label = v == 0 ? "VMSA (BSP)" : "VMSA (AP)";
		err = snp_vmsa_build(page, v == 0 ? SNP_BSP_EIP : info->reset_eip, p);
		if (err) {
			*why = "unknown VMM flavour";
			return err;
		}
		sha384(page, sizeof(page), h);
		snp_ld_update(c, SNP_PAGE_VMSA, SNP_VMSA_GPA, h);
	}
	return 0;
}

int snp_launch_digest(const uint8_t *fw, size_t len, const struct snp_launch_params *p,
		      uint8_t out[SNP_LD_SIZE], snp_explain_fn *explain, void *arg,
		      const char **why)
{
	struct ovmf_sev_info info;
	struct snp_ld c;
	int err;

	err = ovmf_sev_parse(fw, len, &info, why);
	if (err)
		return err;
	snp_ld_init(&c, NULL);
	c.explain = explain;
	c.explain_arg = arg;
	snp_ld_firmware(&c, fw, len);
	err = snp_ld_metadata_and_vmsas(&c, &info, p, why);
	if (err)
		return err;
	memcpy(out, c.ld, SNP_LD_SIZE);
	return 0;
}

uint32_t snp_cpu_signature(uint32_t family, uint32_t model, uint32_t stepping)
{
	uint32_t fam_lo = family > 0xF ? 0xF : family;
	uint32_t fam_hi = family > 0xF ? (family - 0xF) & 0xFF : 0;

	return fam_hi << 20 | ((model >> 4) & 0xF) << 16 | fam_lo << 8 |
	       (model & 0xF) << 4 | (stepping & 0xF);
}

/* QEMU target/i386/cpu.c builtin_x86_defs: family, model, stepping. */
static const struct {
	const char *name;
	uint8_t family, model, stepping;
} snp_vcpu_types[] = {
	{ "EPYC", 23, 1, 2 },       { "EPYC-v1", 23, 1, 2 },   { "EPYC-v2", 23, 1, 2 },
	{ "EPYC-v3", 23, 1, 2 },    { "EPYC-v4", 23, 1, 2 },   { "EPYC-IBPB", 23, 1, 2 },
	{ "EPYC-Rome", 23, 49, 0 }, { "EPYC-Rome-v1", 23, 49, 0 },
	{ "EPYC-Rome-v2", 23, 49, 0 }, { "EPYC-Rome-v3", 23, 49, 0 },
	{ "EPYC-Milan", 25, 1, 1 }, { "EPYC-Milan-v1", 25, 1, 1 },
	{ "EPYC-Milan-v2", 25, 1, 1 },
	{ "EPYC-Genoa", 25, 17, 0 }, { "EPYC-Genoa-v1", 25, 17, 0 },
	{ "EPYC-Turin", 26, 0, 0 },
};

int snp_vcpu_type_sig(const char *name, uint32_t *sig)
{
	for (size_t i = 0; i < sizeof(snp_vcpu_types) / sizeof(snp_vcpu_types[0]); i++)
		if (strcmp(name, snp_vcpu_types[i].name) == 0) {
			*sig = snp_cpu_signature(snp_vcpu_types[i].family, snp_vcpu_types[i].model,
						 snp_vcpu_types[i].stepping);
			return 0;
		}
	return -ENOENT;
}
