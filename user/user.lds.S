/* Link map of a FUTEET user program: a static ELF64 ET_EXEC whose first PT_LOAD
 * starts at FUTEET_USER_BASE (include/uapi/futeet/memlayout.h; this file is run
 * through the C preprocessor with FUTEET_LDS defined, mk/rules.mk). The kernel maps each PT_LOAD with exactly its p_flags
 * (ELF gABI, "Program Header": PF_X = 1, PF_W = 2, PF_R = 4) and NX on every
 * segment without PF_X, so each permission class gets its own page-aligned
 * segment:
 *
 *   FUTEET_USER_BASE    text    R-X   .text (crt0's _start first)
 *   (next page)         rodata  R--   .rodata, .got (filled at link time)
 *   (next page)         data    RW-   .data, .bss
 *   (next page)         the break: brk/sbrk start here (kernel's rule)
 *
 * No TLS, no dynamic linking, no constructors: the ASSERTs below fail the link
 * if any object brings them in, rather than shipping a program that the
 * loader would silently misrun. */
#include <futeet/memlayout.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(_start)

PHDRS
{
	text   PT_LOAD FLAGS(5);      /* PF_R | PF_X */
	rodata PT_LOAD FLAGS(4);      /* PF_R */
	data   PT_LOAD FLAGS(6);      /* PF_R | PF_W */
	stack  PT_GNU_STACK FLAGS(6); /* the stack is not executable */
}

SECTIONS
{
	. = FUTEET_USER_BASE;
	__user_start = .;

	.text : {
		*(.text.start)
		*(.text.unlikely .text.unlikely.*)
		*(.text.hot .text.hot.*)
		*(.text .text.*)
	} :text

	. = ALIGN(4096);
	.rodata : {
		*(.rodata .rodata.*)
	} :rodata
	/* -fno-plt calls go through the GOT unless ld relaxes them; a static
	 * link resolves every entry, so the GOT is read-only data. */
	.got : { *(.got) *(.got.plt) *(.igot.plt) } :rodata
	.rela.dyn : { *(.rela.*) } :rodata

	. = ALIGN(4096);
	.data : {
		*(.data .data.*)
	} :data
	.tdata : { *(.tdata .tdata.* .tbss .tbss.*) } :data
	.init_array : { *(.init_array .init_array.* .ctors .ctors.*) } :data
	.fini_array : { *(.fini_array .fini_array.* .dtors .dtors.*) } :data
	.bss : {
		*(.bss .bss.*)
		*(COMMON)
	} :data

	. = ALIGN(4096);
	__user_end = .;

	/DISCARD/ : {
		*(.comment)
		*(.note .note.*)
		*(.eh_frame .eh_frame_hdr)
		*(.interp .dynamic .dynsym .dynstr .hash .gnu.hash)
	}
}

ASSERT(SIZEOF(.rela.dyn) == 0, "user programs must need no relocations at run time")
ASSERT(SIZEOF(.tdata) == 0, "user programs must not use TLS")
ASSERT(SIZEOF(.init_array) == 0, "constructors are not supported")
ASSERT(SIZEOF(.fini_array) == 0, "destructors are not supported")
ASSERT(__user_end <= FUTEET_IMAGE_LIMIT, "the program image must end below FUTEET_IMAGE_LIMIT")
