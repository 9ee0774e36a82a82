/* ELF64 structures the loader reads (System V gABI 4.1 / "ELF-64 Object
 * File Format" 1.5, x86-64 psABI 1.0). Only what a static executable needs. */
#ifndef FUTEET_KERNEL_ELF_H
#define FUTEET_KERNEL_ELF_H

#include <stdint.h>
#include "futeet/compiler.h"

#define EI_NIDENT    16
#define ELFCLASS64   2
#define ELFDATA2LSB  1
#define EV_CURRENT   1
#define ET_EXEC      2
#define EM_X86_64    62
#define PT_NULL      0
#define PT_LOAD      1
#define PT_DYNAMIC   2
#define PT_INTERP    3
#define PT_TLS       7
#define PF_X         1
#define PF_W         2
#define PF_R         4

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

#endif
