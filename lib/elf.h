/* ELF64 executables as the loader reads them: structures (System V gABI 4.1,
 * "ELF-64 Object File Format" 1.5; x86-64 psABI 1.0) and a validator for
 * static (ET_EXEC) and static-PIE (ET_DYN without PT_INTERP) programs. The
 * image is hostile input: elf_check looks at every field the loader will use
 * before anything is mapped (validate, then act). */
#ifndef FUTEET_LIB_ELF_H
#define FUTEET_LIB_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define EI_NIDENT    16
#define ELFCLASS64   2
#define ELFDATA2LSB  1
#define EV_CURRENT   1
#define ET_EXEC      2
#define ET_DYN       3
#define EM_X86_64    62
#define PT_NULL      0
#define PT_LOAD      1
#define PT_DYNAMIC   2
#define PT_INTERP    3
#define PT_PHDR      6
#define PT_TLS       7
#define PF_X         1
#define PF_W         2
#define PF_R         4
/* Dynamic section tags (gABI "Dynamic Section", table "Dynamic Array Tags"). */
#define DT_NULL      0
#define DT_NEEDED    1
#define DT_RELA      7
#define DT_RELASZ    8
#define DT_RELAENT   9
#define DT_REL       17
#define DT_JMPREL    23
/* x86-64 psABI 1.0 table 4.10: the relocation types a static PIE holds. */
#define R_X86_64_NONE      0
#define R_X86_64_RELATIVE  8
#define R_X86_64_IRELATIVE 37

struct elf64_ehdr {
	uint8_t e_ident[EI_NIDENT];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};
FUTEET_ASSERT_SIZE(struct elf64_ehdr, 64);
FUTEET_ASSERT_OFFSET(struct elf64_ehdr, e_entry, 24);
FUTEET_ASSERT_OFFSET(struct elf64_ehdr, e_phentsize, 54);

struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};
FUTEET_ASSERT_SIZE(struct elf64_phdr, 56);
FUTEET_ASSERT_OFFSET(struct elf64_phdr, p_vaddr, 16);

struct elf64_dyn {
	int64_t d_tag;
	uint64_t d_val;
};
FUTEET_ASSERT_SIZE(struct elf64_dyn, 16);

struct elf64_rela {
	uint64_t r_offset, r_info;
	int64_t r_addend;
};
FUTEET_ASSERT_SIZE(struct elf64_rela, 24);

#define ELF_PAGE        4096ull
#define ELF_PHNUM_MAX   32u
#define ELF_RELA_MAX    (1u << 20)  /* relocation entries looked at, at most */

/* What the loader needs, in link-time addresses (a PIE adds its load bias). */
struct elf_info {
	uint16_t type;          /* ET_EXEC or ET_DYN */
	uint64_t entry;
	uint64_t lo, hi;        /* page-aligned span of the PT_LOAD segments */
	uint64_t phdr;          /* where the program headers are in memory (AT_PHDR), 0 if not loaded */
	uint64_t phoff;
	uint16_t phnum;
	unsigned nload;
};

/* Where a non-PIE program may lie: [lo, hi). */
struct elf_window {
	uint64_t lo, hi;
};

/* Validate img[0..size) as a static or static-PIE x86-64 program whose
 * PT_LOAD span, for ET_EXEC, lies inside one of the nwin windows and, for
 * ET_DYN, is at most 'span_max' bytes. 0 with *out filled, or -ENOEXEC with *why (a
 * static string). Refused: not ELF64 little-endian x86-64, not ET_EXEC or
 * ET_DYN, PT_INTERP (needs a dynamic linker), DT_NEEDED, program headers
 * outside the file, no or too many PT_LOAD, a segment whose file bytes run
 * past the end of the file, p_filesz > p_memsz, memsz beyond the span
 * (huge bss), W+X segments, segments out of ascending order or sharing a
 * page, an entry point outside every executable segment, a PT_DYNAMIC whose
 * RELA table lies outside the loaded image or holds a relocation other than
 * NONE / RELATIVE / IRELATIVE, or one that writes outside a writable
 * segment. */
FUTEET_MUST_CHECK
int elf_check(const uint8_t *img, size_t size, const struct elf_window *win, unsigned nwin,
	      uint64_t span_max, struct elf_info *out, const char **why);

/* The i-th program header (i < phnum of a checked image). */
void elf_phdr(const uint8_t *img, const struct elf_info *info, unsigned i,
	      struct elf64_phdr *ph);

#endif
