/* The user program's address space: the one place it is written down. The
 * kernel (ELF loader, mmap, brk, user-pointer checks, SYSRET guard), the user
 * linker script (user/user.lds.S, preprocessed), the apps and the tests all
 * take these values from here. Usable from C, assembly (__ASSEMBLER__) and
 * the linker script (FUTEET_LDS).
 *
 *   FUTEET_USER_BASE   0x7000_0000_0000  program image: text R-X, rodata R--,
 *                                        data+bss RW- (user/user.lds.S)
 *   (image end)        ..                brk heap, at most FUTEET_BRK_LIMIT bytes
 *   FUTEET_IMAGE_LIMIT 0x7000_4000_0000  no PT_LOAD byte at or above this
 *   FUTEET_MMAP_BASE   0x7800_0000_0000  anonymous mmap, bump-allocated upwards,
 *   FUTEET_MMAP_TOP    0x7f00_0000_0000  one unmapped guard page after each
 *   FUTEET_STACK_TOP   0x7fff_ffff_f000  1 MiB stack below it (its top 64 KiB
 *                                        mapped at load, the rest zeroed on
 *                                        first touch), unmapped guard page
 *                                        below the stack
 *   FUTEET_USER_TOP    0x8000_0000_0000  first non-canonical address with
 *                                        48-bit linear addresses (Intel SDM
 *                                        vol. 1, 3.3.7.1); the kernel lives in
 *                                        the identity map below USER_BASE
 *
 *   FUTEET_USER_LOW_BASE 0x40_0000     a non-PIE Linux program (ET_EXEC linked at
 *   FUTEET_USER_LOW_TOP  0x80_0000     ld's default base, binutils
 *                                        ld/emulparams/elf_x86_64.sh
 *                                        TEXT_START_ADDR), then its brk heap up to
 *                                        the window's end; 0x80_0000 and above
 *                                        stay the firmware's (OVMF's SEV/TDX pages)
 *
 * Everything in [FUTEET_USER_BASE, FUTEET_USER_TOP), and the low window when
 * the kernel could reserve it, is the program's; any pointer a program passes
 * outside them is -EFAULT. */
#ifndef FUTEET_UAPI_MEMLAYOUT_H
#define FUTEET_UAPI_MEMLAYOUT_H

#if defined(__ASSEMBLER__) || defined(FUTEET_LDS)
#define FUTEET_U64(x) x
#else
#define FUTEET_U64(x) x##ull
#endif

#define FUTEET_PAGE_SIZE     FUTEET_U64(0x1000)
#define FUTEET_USER_BASE     FUTEET_U64(0x0000700000000000)
#define FUTEET_IMAGE_LIMIT   FUTEET_U64(0x0000700040000000)  /* USER_BASE + 1 GiB */
#define FUTEET_BRK_LIMIT     FUTEET_U64(0x0000001000000000)  /* 64 GiB of heap address space */
#define FUTEET_MMAP_BASE     FUTEET_U64(0x0000780000000000)
#define FUTEET_MMAP_TOP      FUTEET_U64(0x00007f0000000000)
#define FUTEET_STACK_TOP     FUTEET_U64(0x00007ffffffff000)
#define FUTEET_STACK_SIZE    FUTEET_U64(0x0000000000100000)  /* 1 MiB */
#define FUTEET_USER_TOP      FUTEET_U64(0x0000800000000000)
/* FUTEET_USER_TOP >> 32, for a 32-bit immediate compare (arch/x86_64/entry.S) */
#define FUTEET_USER_TOP_HI   0x00008000
#define FUTEET_USER_LOW_BASE FUTEET_U64(0x0000000000400000)
#define FUTEET_USER_LOW_TOP  FUTEET_U64(0x0000000000800000)

#if !defined(__ASSEMBLER__) && !defined(FUTEET_LDS)
_Static_assert(FUTEET_IMAGE_LIMIT == FUTEET_USER_BASE + (1ull << 30), "image: 1 GiB");
_Static_assert(FUTEET_BRK_LIMIT == 1ull << 36, "brk: 64 GiB");
_Static_assert(FUTEET_IMAGE_LIMIT + FUTEET_BRK_LIMIT <= FUTEET_MMAP_BASE, "brk below mmap");
_Static_assert(FUTEET_MMAP_TOP + FUTEET_PAGE_SIZE <= FUTEET_STACK_TOP - FUTEET_STACK_SIZE,
	       "a guard page between mmap and the stack");
_Static_assert(FUTEET_STACK_SIZE == 1ull << 20, "stack: 1 MiB");
_Static_assert(FUTEET_USER_TOP_HI == FUTEET_USER_TOP >> 32, "USER_TOP_HI");
_Static_assert(FUTEET_STACK_TOP < FUTEET_USER_TOP, "stack below USER_TOP");
#endif

#endif
