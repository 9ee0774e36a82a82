/* ELF64 validator for the program loader (lib/elf.h says what is refused and
 * why). Every read of the image goes through an offset and a length checked
 * against its size; every loop is bounded by ELF_PHNUM_MAX, the dynamic
 * segment's size or ELF_RELA_MAX. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/elf.h"

#define RELA_TYPE(info) ((uint32_t)(info))
#define RELA_SYM(info)  ((uint32_t)((info) >> 32))

static uint64_t page_down(uint64_t v)
{
	return v & ~(ELF_PAGE - 1);
}

void elf_phdr(const uint8_t *img, const struct elf_info *info, unsigned i,
	      struct elf64_phdr *ph)
{
	memcpy(ph, img + info->phoff + (uint64_t)i * sizeof(*ph), sizeof(*ph));
}

static int refuse(const char **why, const char *reason)
{
	*why = reason;
	return -ENOEXEC;
}

/* The file offset of [va, va+len) when a PT_LOAD holds those bytes in the
 * file; false otherwise. */
static bool va_to_file(const uint8_t *img, const struct elf_info *in, uint64_t va,
		       uint64_t len, uint64_t *off)
{
	for (unsigned i = 0; i < in->phnum; i++) {
		struct elf64_phdr ph;
		elf_phdr(img, in, i, &ph);
		if (ph.p_type != PT_LOAD || va < ph.p_vaddr)
			continue;
		uint64_t d = va - ph.p_vaddr;
		if (d > ph.p_filesz || len > ph.p_filesz - d)
			continue;
		*off = ph.p_offset + d;
		return true;
	}
	return false;
}

/* Does a writable PT_LOAD hold [va, va+8)? */
static bool va_writable(const uint8_t *img, const struct elf_info *in, uint64_t va)
{
	for (unsigned i = 0; i < in->phnum; i++) {
		struct elf64_phdr ph;
		elf_phdr(img, in, i, &ph);
		if (ph.p_type != PT_LOAD || !(ph.p_flags & PF_W) || va < ph.p_vaddr)
			continue;
		if (ph.p_memsz >= 8 && va - ph.p_vaddr <= ph.p_memsz - 8)
			return true;
	}
	return false;
}

static int check_dynamic(const uint8_t *img, size_t size, const struct elf_info *in,
			 const struct elf64_phdr *dyn, const char **why)
{
	uint64_t rela = 0, relasz = 0, relaent = sizeof(struct elf64_rela);
	bool have_rela = false;

	if (dyn->p_offset > size || dyn->p_filesz > size - dyn->p_offset)
		return refuse(why, "ELF: PT_DYNAMIC runs past the end of the file");
	uint64_t n = dyn->p_filesz / sizeof(struct elf64_dyn);
	for (uint64_t i = 0; i < n; i++) {
		struct elf64_dyn d;
		memcpy(&d, img + dyn->p_offset + i * sizeof(d), sizeof(d));
		if (d.d_tag == DT_NULL)
			break;
		switch (d.d_tag) {
		case DT_NEEDED:
			return refuse(why, "ELF: needs shared libraries (DT_NEEDED): not a static program");
		case DT_REL:
			return refuse(why, "ELF: REL relocations (x86-64 uses RELA)");
		case DT_RELA:
			rela = d.d_val;
			have_rela = true;
			break;
		case DT_RELASZ:
			relasz = d.d_val;
			break;
		case DT_RELAENT:
			relaent = d.d_val;
			break;
		default:
			break;
		}
	}
	if (!have_rela)
		return relasz == 0 ? 0 : refuse(why, "ELF: DT_RELASZ without DT_RELA");
	if (relaent != sizeof(struct elf64_rela))
		return refuse(why, "ELF: DT_RELAENT is not 24");
	if (relasz % sizeof(struct elf64_rela) != 0 || relasz / sizeof(struct elf64_rela) > ELF_RELA_MAX)
		return refuse(why, "ELF: DT_RELASZ is not a sane multiple of 24");
	uint64_t off;
	if (!va_to_file(img, in, rela, relasz, &off))
		return refuse(why, "ELF: the RELA table is not inside a loaded segment's file bytes");
	for (uint64_t i = 0; i < relasz / sizeof(struct elf64_rela); i++) {
		struct elf64_rela r;
		memcpy(&r, img + off + i * sizeof(r), sizeof(r));
		uint32_t t = RELA_TYPE(r.r_info);
		if (t == R_X86_64_NONE)
			continue;
		if ((t != R_X86_64_RELATIVE && t != R_X86_64_IRELATIVE) || RELA_SYM(r.r_info) != 0)
			return refuse(why, "ELF: a relocation other than RELATIVE/IRELATIVE (symbol lookup needs a dynamic linker)");
		if (!va_writable(img, in, r.r_offset))
			return refuse(why, "ELF: a relocation writes outside every writable segment");
	}
	return 0;
}

int elf_check(const uint8_t *img, size_t size, const struct elf_window *win, unsigned nwin,
	      uint64_t span_max, struct elf_info *out, const char **why)
{
	static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };
	struct elf64_ehdr eh;
	struct elf64_phdr dyn = { 0 };
	bool have_dyn = false, entry_ok = false;
	uint64_t prev_end = 0;

	*why = NULL;
	memset(out, 0, sizeof(*out));
	if (size < sizeof(eh))
		return refuse(why, "ELF: file shorter than the ELF header");
	memcpy(&eh, img, sizeof(eh));
	if (memcmp(eh.e_ident, magic, 4) != 0)
		return refuse(why, "ELF: no ELF magic");
	if (eh.e_ident[4] != ELFCLASS64 || eh.e_ident[5] != ELFDATA2LSB ||
	    eh.e_ident[6] != EV_CURRENT || eh.e_version != EV_CURRENT)
		return refuse(why, "ELF: not ELF64 little-endian version 1");
	if (eh.e_machine != EM_X86_64)
		return refuse(why, "ELF: not an x86-64 program");
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		return refuse(why, "ELF: not an executable (ET_EXEC) or PIE (ET_DYN)");
	if (eh.e_phentsize != sizeof(struct elf64_phdr) || eh.e_phnum == 0 ||
	    eh.e_phnum > ELF_PHNUM_MAX)
		return refuse(why, "ELF: bad program header size or count");
	if (eh.e_phoff > size || (size - eh.e_phoff) / sizeof(struct elf64_phdr) < eh.e_phnum)
		return refuse(why, "ELF: program headers run past the end of the file");
	out->type = eh.e_type;
	out->entry = eh.e_entry;
	out->phoff = eh.e_phoff;
	out->phnum = eh.e_phnum;

	for (unsigned i = 0; i < eh.e_phnum; i++) {
		struct elf64_phdr ph;
		elf_phdr(img, out, i, &ph);
		if (ph.p_type == PT_INTERP)
			return refuse(why, "ELF: dynamically linked (PT_INTERP): not a static program");
		if (ph.p_type == PT_DYNAMIC) {
			dyn = ph;
			have_dyn = true;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		if ((ph.p_flags & PF_W) && (ph.p_flags & PF_X))
			return refuse(why, "ELF: a segment is both writable and executable");
		if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset)
			return refuse(why, "ELF: truncated: a segment's bytes run past the end of the file");
		if (ph.p_filesz > ph.p_memsz)
			return refuse(why, "ELF: a segment's file size exceeds its memory size");
		if (ph.p_memsz > span_max || ph.p_vaddr > UINT64_MAX - span_max - ELF_PAGE)
			return refuse(why, "ELF: a segment is too large (huge bss or address)");
		uint64_t start = page_down(ph.p_vaddr);
		uint64_t end = page_down(ph.p_vaddr + ph.p_memsz + ELF_PAGE - 1);
		if (out->nload > 0 && start < prev_end)
			return refuse(why, "ELF: segments overlap or are not in ascending order");
		if (out->nload == 0)
			out->lo = start;
		prev_end = end;
		out->hi = end;
		out->nload++;
		if (out->hi - out->lo > span_max)
			return refuse(why, "ELF: the segments span more than the program window (huge bss)");
		if ((ph.p_flags & PF_X) && eh.e_entry >= ph.p_vaddr && eh.e_entry - ph.p_vaddr < ph.p_memsz)
			entry_ok = true;
		if (eh.e_phoff >= ph.p_offset && eh.e_phoff - ph.p_offset <= ph.p_filesz &&
		    (uint64_t)eh.e_phnum * sizeof(ph) <= ph.p_filesz - (eh.e_phoff - ph.p_offset))
			out->phdr = ph.p_vaddr + (eh.e_phoff - ph.p_offset);
	}
	if (out->nload == 0)
		return refuse(why, "ELF: no loadable segment");
	if (!entry_ok)
		return refuse(why, "ELF: the entry point is outside every executable segment");
	if (eh.e_type == ET_EXEC) {
		bool inside = false;
		for (unsigned w = 0; w < nwin && !inside; w++)
			inside = out->lo >= win[w].lo && out->hi <= win[w].hi;
		if (!inside)
			return refuse(why, "ELF: a non-PIE program outside the fixed-address windows (link it -static-pie)");
	}
	if (have_dyn)
		return check_dynamic(img, size, out, &dyn, why);
	return 0;
}
