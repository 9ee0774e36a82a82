/* Kernel memory: the physical page allocator (kernel/pmm.c) and kernel-side
 * mappings (arch/x86_64/paging.c).
 *
 * The kernel identity-maps RAM (virtual = physical) below USER_BASE with U=0;
 * the user range [USER_BASE, USER_TOP) holds only the user program. */
#ifndef FUTEET_MM_H
#define FUTEET_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAGE_SIZE 4096ull
#define PAGE_MASK (~(PAGE_SIZE - 1))

#include "../uapi/futeet/memlayout.h"

/* The user range (the map is drawn in uapi/futeet/memlayout.h). */
#define USER_BASE FUTEET_USER_BASE
#define USER_TOP  FUTEET_USER_TOP   /* first non-canonical address */
/* The non-PIE window (memlayout.h): the kernel does not identity-map it and
 * the frame allocator never hands out the RAM behind it (kernel/pmm.c), so
 * it belongs to the user program alone, when kernel/pmm.c could reserve it
 * (mm_low_window). */
#define USER_LOW_BASE FUTEET_USER_LOW_BASE
#define USER_LOW_TOP  FUTEET_USER_LOW_TOP
extern bool mm_low_window;
/* Is [va, va+n) wholly in one user range (the window or the high range)? */
static inline bool user_va_range(uint64_t va, uint64_t n)
{
	if (mm_low_window && va >= USER_LOW_BASE && va < USER_LOW_TOP)
		return n <= USER_LOW_TOP - va;
	return va >= USER_BASE && va < USER_TOP && n <= USER_TOP - va;
}

/* Physical pages, zeroed, identity-mapped (the returned address is usable
 * directly). Return 0 or -ENOMEM. */
int pmm_alloc_pages(size_t count, uint64_t *phys);
/* The same, not zeroed: only for the kernel's own stacks, which nothing
 * reads before it writes (zeroing them was 0.8 ms of boot under TCG -icount). */
int pmm_alloc_pages_unzeroed(size_t count, uint64_t *phys);
void pmm_free_pages(uint64_t phys, size_t count);
size_t pmm_free_count(void);
/* The RAM the allocator manages (free or not): on SNP/TDX private memory. */
uint64_t pmm_ram_bytes(void);

/* Map a device or host-shared region for the kernel: uncached, NX, and
 * without the encryption mask when 'shared' (the host must see the bytes).
 * Returns the kernel virtual address (identity), or NULL on a bad range. */
void *vm_map_mmio(uint64_t phys, size_t size, bool shared);

/* Map firmware-owned private memory the kernel reads (the SNP secrets and
 * CPUID pages, the EFI CC blob): write-back, NX, with the private
 * encryption mask, never through the uncached MMIO path. NULL on a bad
 * range. */
void *vm_map_private(uint64_t phys, size_t size);

/* Make an already-mapped private RAM range shared with the host (clears the
 * encryption mask; on SNP/TDX also converts the pages), or back. */
int vm_set_shared(void *va, size_t size, bool shared);

/* The one allocator of host-visible pages (GHCB, guest-request pages, the
 * GetQuote buffer, device rings; arch/x86_64/coco/shared.c): zeroed
 * private pages converted to shared. *va is the kernel's address,
 * *host_gpa the address the host uses (TDX: with the SHARED bit). Read
 * from them once into private memory, then validate. 0 or a negative
 * errno. vm_free_shared converts back (zeroing) and frees. */
int vm_alloc_shared(size_t pages, void **va, uint64_t *host_gpa);
void vm_free_shared(void *va, size_t pages);

#endif
