/* Firmware parsers for launch measurements: the OVMF footer GUID table, the
 * SEV metadata ("ASEV") it points to, and the SEV-ES reset block and SEV
 * hash-table entries. The firmware file is host input (a relying party may be
 * handed any file): every length and offset is checked against the file,
 * nothing is read outside it, and a refusal says why in *why (a constant
 * string, never NULL after a failure).
 *
 * Spec: edk2 OvmfPkg/ResetVector/Ia16/ResetVectorVtf0.asm ("OVMF GUIDed
 * structure table") and OvmfPkg/ResetVector/X64/OvmfSevMetadata.asm (see
 * docs/SPECS.md "OVMF ResetVector"); QEMU hw/i386/pc_sysfw_ovmf.c reads the
 * same table the same way. */
#ifndef FUTEET_LIB_MEASURE_OVMF_H
#define FUTEET_LIB_MEASURE_OVMF_H

#include <stddef.h>
#include <stdint.h>

/* The end of the firmware, as QEMU maps it: the last byte at 4 GiB - 1. */
#define OVMF_FW_END_GPA 0x100000000ull
#define OVMF_PAGE_SIZE 4096u
/* The largest firmware file accepted: far above any OVMF build (2-4 MiB),
 * small enough that every GPA below stays a u32. */
#define OVMF_FW_MAX_SIZE (64u << 20)
/* The most memory all SEV metadata sections may cover together: OVMF's are
 * well below 1 MiB; the cap keeps the digest of a hostile file fast. */
#define OVMF_SEV_MAX_SECTIONS_TOTAL (256u << 20)

/* Entry GUIDs, in their on-disk (little-endian EFI_GUID) byte order. */
extern const uint8_t ovmf_guid_table_footer[16];  /* 96b582de-1fb2-45f7-baea-a366c55a082d */
extern const uint8_t ovmf_guid_sev_es_reset[16];  /* 00f771de-1a7e-4fcb-890e-68c77e2fb44e */
extern const uint8_t ovmf_guid_sev_hash_table[16];/* 7255371f-3a3b-4b04-927b-1da6efa8d454 */
extern const uint8_t ovmf_guid_sev_metadata[16];  /* dc886566-984a-4798-a75e-5585a7bf67cc */
extern const uint8_t ovmf_guid_tdx_metadata[16];  /* e47a6535-984a-4798-865e-4685a7bf8ec2 */

/* The footer table: where its entries lie in the file. */
struct ovmf_table {
	const uint8_t *fw;
	size_t fw_len;
	size_t start; /* first byte of the entries */
	size_t end;   /* one past the last entry byte (= the footer entry's start) */
};

/* Find and check the footer GUID table. -ENOENT (no table), -EINVAL
 * (malformed: a size that leaves the file, an entry shorter than its header
 * or longer than what is left, leftover bytes). */
int ovmf_table_parse(const uint8_t *fw, size_t len, struct ovmf_table *t, const char **why);

/* The data of the entry with this GUID (the first found, walking from the
 * footer down as QEMU does). 0, or -ENOENT. */
int ovmf_table_find(const struct ovmf_table *t, const uint8_t guid[16],
		    const uint8_t **data, size_t *data_len);

/* SEV metadata section types (OvmfSevMetadata.asm; QEMU SEV_DESC_TYPE_*). */
enum ovmf_sev_section_type {
	OVMF_SEV_SNP_SEC_MEM = 1,       /* pre-validated memory: ZERO pages */
	OVMF_SEV_SNP_SECRETS = 2,       /* the secrets page */
	OVMF_SEV_CPUID = 3,             /* the CPUID page */
	OVMF_SEV_SVSM_CAA = 4,          /* the SVSM calling area: ZERO pages */
	OVMF_SEV_SNP_KERNEL_HASHES = 0x10, /* the kernel-hashes page (AmdSev builds) */
};

#define OVMF_SEV_MAX_SECTIONS 32u

struct ovmf_sev_section {
	uint32_t gpa;
	uint32_t size;
	uint32_t type;
};

/* Everything an SNP launch needs from the firmware. */
struct ovmf_sev_info {
	uint32_t reset_eip;      /* SEV-ES reset block: the APs' reset vector */
	uint32_t hash_table_gpa; /* SEV hash table entry (0 when absent) */
	uint32_t hash_table_size;
	uint32_t nsections;
	struct ovmf_sev_section sections[OVMF_SEV_MAX_SECTIONS];
};

/* Parse the footer table, the SEV-ES reset block and the SEV metadata of a
 * firmware file that will be mapped to end at 4 GiB. Refuses (-EINVAL or
 * -ENOENT, with *why) a file that is not a whole number of pages or is too
 * big, a missing footer table, reset block or SEV metadata, a metadata
 * header that is not "ASEV" version 1 or leaves the file, sections of an
 * unknown type, not page-aligned, empty, above 4 GiB, overlapping each other
 * or the firmware, a secrets or CPUID section that is not one page, a
 * kernel-hashes section that is not one page or does not hold the SEV hash
 * table. */
int ovmf_sev_parse(const uint8_t *fw, size_t len, struct ovmf_sev_info *info,
		   const char **why);

/* Whether the metadata lists a section of this type. */
int ovmf_sev_has_section(const struct ovmf_sev_info *info, uint32_t type);

#endif
