/* libFuzzer harness for the ELF64 program validator (lib/elf.c): a program
 * from the initrd is host input. Properties checked on every accepted
 * image: every PT_LOAD's file bytes lie inside the image, memsz >= filesz,
 * the span fits the window, the entry lies in an executable segment, and a
 * non-PIE program lies inside the fixed-address window. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/elf.h"

#define EXEC_LO 0x400000ull
#define EXEC_HI 0x800000ull
#define SPAN    (1ull << 30)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_info in;
	const char *why;
	static const struct elf_window win[1] = { { EXEC_LO, EXEC_HI } };
	int rc = elf_check(data, size, win, 1, SPAN, &in, &why);

	if (rc != 0) {
		if (why == NULL)
			abort();
		return 0;
	}
	if (in.lo >= in.hi || in.hi - in.lo > SPAN || in.nload == 0)
		abort();
	if (in.type == ET_EXEC && (in.lo < EXEC_LO || in.hi > EXEC_HI))
		abort();
	int entry_ok = 0;
	for (unsigned i = 0; i < in.phnum; i++) {
		struct elf64_phdr ph;
		elf_phdr(data, &in, i, &ph);
		if (ph.p_type != PT_LOAD)
			continue;
		if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset || ph.p_filesz > ph.p_memsz)
			abort();
		if (ph.p_vaddr < in.lo || ph.p_vaddr + ph.p_memsz > in.hi)
			abort();
		if ((ph.p_flags & PF_X) && in.entry >= ph.p_vaddr && in.entry - ph.p_vaddr < ph.p_memsz)
			entry_ok = 1;
	}
	if (!entry_ok)
		abort();
	return 0;
}
