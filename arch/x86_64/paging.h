/* The kernel's 4-level page tables (arch/x86_64/paging.c).
 * Intel SDM Dec 2024 vol. 3A section 4.5 (4-level paging), table 4-19/4-20. */
#ifndef FUTEET_ARCH_PAGING_H
#define FUTEET_ARCH_PAGING_H

#include <stdbool.h>
#include <stdint.h>
#include "futeet/boot.h"

#define PTE_P   (1ull << 0)
#define PTE_W   (1ull << 1)
#define PTE_U   (1ull << 2)
#define PTE_PWT (1ull << 3)
#define PTE_PCD (1ull << 4)
#define PTE_PS  (1ull << 7)
#define PTE_NX  (1ull << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ull /* bits 51:12 */

/* The encryption mask: OR-ed into every private mapping (SNP: the C-bit),
 * or into every shared mapping (TDX: the SHARED bit). Zero on a plain VM.
 * The platform layer sets it before paging_init. */
void paging_set_enc_masks(uint64_t private_mask, uint64_t shared_mask);
/* Flip one identity-mapped kernel 4 KiB page between the private and the
 * shared mask (no TLB flush: the caller's conversion plan does it). 0 or
 * -EINVAL (not a mapped kernel page). */
int paging_set_page_enc(uint64_t va, bool shared);
/* Is va mapped (4 KiB or 2 MiB) with the shared mask, i.e. without the
 * private one (SNP) / with the SHARED bit (TDX)? False when unmapped. */
bool paging_is_shared(uint64_t va);
/* True once a nonzero mask was set. */
bool paging_enc_active(void);

/* Build the kernel's tables from the EFI memory map: RAM identity-mapped RW
 * NX, the kernel image text RX, data RW NX, nothing user-accessible; load
 * CR3. */
void paging_init(const struct boot_info *bi);

/* Unmap one identity-mapped kernel page: the guard below a stack, so an
 * overflow faults (and reaches the #DF handler on its own IST stack)
 * instead of silently corrupting what lies below. */
void paging_guard_kernel_page(uint64_t va);

/* User-range mappings: va in [USER_BASE, USER_TOP), 4 KiB pages.
 * flags: PTE_W and/or PTE_NX; U and P are added. */
int paging_map_user(uint64_t va, uint64_t pa, uint64_t flags);
/* Unmap; *pa gets the frame (0 when nothing was mapped). */
int paging_unmap_user(uint64_t va, uint64_t *pa);
/* Is va mapped user-accessible (and writable if 'write')? */
bool paging_user_ok(uint64_t va, bool write);
/* Change a mapped user page's rights (PTE_W / PTE_NX, W^X kept). */
int paging_protect_user(uint64_t va, uint64_t flags);
/* The physical address behind a mapped user address (kernel-accessible
 * through the identity map). */
int paging_user_pa(uint64_t va, uint64_t *pa);

#endif
