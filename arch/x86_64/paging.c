/* Kernel page tables: identity map of RAM for the kernel (supervisor only),
 * W^X for the kernel image, user mappings only in [USER_BASE, USER_TOP) and
 * in the non-PIE window [USER_LOW_BASE, USER_LOW_TOP) (futeet/mm.h), which
 * the identity map leaves out when kernel/pmm.c reserved it.
 * Intel SDM Dec 2024 vol. 3A 4.5 (4-level paging) and 4.6 (access rights:
 * NX with EFER.NXE, WP, SMEP, SMAP).
 *
 *   0x40_0000 .. 0x80_0000               the non-PIE program window, U = 1
 *   0x0000_0000_0000 .. below USER_BASE  identity map: RAM (WB, RW, NX),
 *                                        kernel text (RX), MMIO on request
 *                                        (UC, NX); U = 0 everywhere
 *   USER_BASE (0x7000_0000_0000) ..      the user program, U = 1
 *   USER_TOP  (0x8000_0000_0000)         first non-canonical address
 */
#include <string.h>

#include "arch/x86_64/coco/detect.h"
#include "arch/x86_64/coco/shared.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"
#include "futeet/errno.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "uapi/futeet/tee.h"

#define SIZE_2M (2ull << 20)
#define SIZE_1G (1ull << 30)
#define ENTRIES 512

/* EFI_MEMORY_TYPE (UEFI 2.10 table 7.10). */
enum {
	EFI_RESERVED = 0, EFI_LOADER_CODE = 1, EFI_LOADER_DATA = 2, EFI_BS_CODE = 3,
	EFI_BS_DATA = 4, EFI_RT_CODE = 5, EFI_RT_DATA = 6, EFI_CONVENTIONAL = 7,
	EFI_UNUSABLE = 8, EFI_ACPI_RECLAIM = 9, EFI_ACPI_NVS = 10, EFI_MMIO = 11,
	EFI_MMIO_PORT = 12, EFI_PAL_CODE = 13, EFI_PERSISTENT = 14, EFI_UNACCEPTED = 15,
};

static uint64_t *pml4;
static uint64_t enc_private, enc_shared;

/* Linker symbols of the GNU-EFI layout (/usr/lib/elf_x86_64_efi.lds). */
extern char ImageBase[], _text[], _etext[];

void paging_set_enc_masks(uint64_t private_mask, uint64_t shared_mask)
{
	enc_private = private_mask;
	enc_shared = shared_mask;
}

bool paging_enc_active(void)
{
	return (enc_private | enc_shared) != 0;
}

static uint64_t *new_table(void)
{
	uint64_t p;
	if (pmm_alloc_pages(1, &p) != 0)
		panic("out of memory for page tables");
	return (uint64_t *)(uintptr_t)p;
}

static inline unsigned idx(uint64_t va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & 0x1ff;
}

/* The entry for va at 'level' (1 = 4 KiB PTE, 2 = PDE), creating tables and
 * splitting a 2 MiB leaf on the way when asked. NULL if absent. */
static uint64_t *walk(uint64_t va, int level, bool create)
{
	uint64_t *t = pml4;
	bool user = user_va_range(va, 1);
	for (int l = 4; l > level; l--) {
		uint64_t *e = &t[idx(va, l)];
		/* The low window shares its upper tables with the kernel's
		 * identity map: U on a table entry only lets the leaf decide. */
		if (user && create && (*e & PTE_P) && !(*e & PTE_PS))
			*e |= PTE_U;
		if (!(*e & PTE_P)) {
			if (!create)
				return NULL;
			uint64_t *nt = new_table();
			*e = (uint64_t)(uintptr_t)nt | PTE_P | PTE_W | (user ? PTE_U : 0) | enc_private;
		} else if (l == 2 && (*e & PTE_PS)) {
			if (!create)
				return e; /* a 2 MiB leaf covers it */
			/* Split into 512 4 KiB entries with the same rights. */
			uint64_t *nt = new_table();
			uint64_t base = *e & PTE_ADDR_MASK & ~(SIZE_2M - 1);
			uint64_t fl = *e & ~PTE_ADDR_MASK & ~PTE_PS;
			for (int i = 0; i < ENTRIES; i++)
				nt[i] = (base + (uint64_t)i * PAGE_SIZE) | fl;
			*e = (uint64_t)(uintptr_t)nt | PTE_P | PTE_W | (user ? PTE_U : 0) | enc_private;
		}
		t = (uint64_t *)(uintptr_t)(*e & PTE_ADDR_MASK & ~enc_private & ~enc_shared);
	}
	return &t[idx(va, level)];
}

/* Identity-map [pa, pa+size) with 'flags', 2 MiB pages where aligned;
 * never the user program's low window. */
static void map_identity_range(uint64_t pa, uint64_t end, uint64_t flags);
static void map_identity(uint64_t pa, uint64_t size, uint64_t flags)
{
	uint64_t end = pa + size;
	if (end > USER_BASE || end < pa)
		panic("physical range %#llx+%#llx reaches the user range",
		      (unsigned long long)pa, (unsigned long long)size);
	if (mm_low_window && pa < USER_LOW_TOP && end > USER_LOW_BASE) {
		if (pa < USER_LOW_BASE)
			map_identity_range(pa, USER_LOW_BASE, flags);
		if (end > USER_LOW_TOP)
			map_identity_range(USER_LOW_TOP, end, flags);
		return;
	}
	map_identity_range(pa, end, flags);
}

static void map_identity_range(uint64_t pa, uint64_t end, uint64_t flags)
{
	while (pa < end) {
		if ((pa & (SIZE_2M - 1)) == 0 && end - pa >= SIZE_2M) {
			uint64_t *e = walk(pa, 2, true);
			if (!(*e & PTE_P) || (*e & PTE_PS)) {
				/* and the following 2 MiB pages of the same page
				 * directory (1 GiB): one walk for all of them (a walk
				 * per 2 MiB was 1.2 ms of boot under TCG -icount) */
				do {
					*e++ = pa | flags | PTE_PS | PTE_P;
					pa += SIZE_2M;
				} while (end - pa >= SIZE_2M && (pa & (SIZE_1G - 1)) &&
					 (!(*e & PTE_P) || (*e & PTE_PS)));
				continue;
			}
		}
		/* 4 KiB entries up to the next 2 MiB boundary share one page
		 * table: one walk for all of them, not one per page (a walk
		 * per page was most of paging_init under TCG). */
		uint64_t *e = walk(pa, 1, true);
		do {
			*e++ = pa | flags | PTE_P;
			pa += PAGE_SIZE;
		} while (pa < end && (pa & (SIZE_2M - 1)));
	}
}

static bool is_ram(uint32_t type)
{
	switch (type) {
	case EFI_LOADER_CODE: case EFI_LOADER_DATA: case EFI_BS_CODE: case EFI_BS_DATA:
	case EFI_RT_CODE: case EFI_RT_DATA: case EFI_CONVENTIONAL: case EFI_ACPI_RECLAIM:
	case EFI_ACPI_NVS: case EFI_PERSISTENT:
		return true;
	default:
		return false;
	}
}

void paging_init(const struct boot_info *bi)
{
	pml4 = new_table();
	uint64_t ram = PTE_W | PTE_NX | enc_private;

	for (uint32_t i = 0; i < bi->mem_count; i++) {
		const struct boot_mem_range *m = &bi->mem[i];
		uint64_t end = m->base + m->pages * PAGE_SIZE;
		/* Adjacent RAM ranges (OVMF hands out over a hundred, mostly
		 * boot-services code and data side by side) as one, so that
		 * 2 MiB pages span their boundaries: fewer page tables. */
		while (is_ram(m->efi_type) && i + 1 < bi->mem_count &&
		       is_ram(bi->mem[i + 1].efi_type) && bi->mem[i + 1].base == end)
			end += bi->mem[++i].pages * PAGE_SIZE;
		if (is_ram(m->efi_type))
			map_identity(m->base, end - m->base, ram);
		else if (m->efi_type == EFI_MMIO)
			map_identity(m->base, m->pages * PAGE_SIZE, PTE_W | PTE_NX | PTE_PCD | PTE_PWT | enc_shared);
	}

	/* The kernel image: text read-only and executable, the rest (headers,
	 * relocations, data, bss) writable and never executable. */
	uint64_t img = (uint64_t)(uintptr_t)ImageBase & PAGE_MASK;
	uint64_t img_end = (bi->image_base + bi->image_size + PAGE_SIZE - 1) & PAGE_MASK;
	uint64_t text = (uint64_t)(uintptr_t)_text & PAGE_MASK;
	uint64_t etext = ((uint64_t)(uintptr_t)_etext + PAGE_SIZE - 1) & PAGE_MASK;
	for (uint64_t va = img, *e = NULL; va < img_end; va += PAGE_SIZE) {
		/* one walk per page table (2 MiB), as in map_identity_range */
		if (e == NULL || (va & (SIZE_2M - 1)) == 0)
			e = walk(va, 1, true);
		if (va >= text && va < etext)
			*e++ = va | PTE_P | enc_private;
		else
			*e++ = va | PTE_P | PTE_W | PTE_NX | enc_private;
	}
	cpu_write_cr3((uint64_t)(uintptr_t)pml4 | enc_private);
	kprintf("futeet: paging on: kernel text %#llx-%#llx RX, image data RW NX\n",
		(unsigned long long)text, (unsigned long long)etext);
}

void *vm_map_mmio(uint64_t phys, size_t size, bool shared)
{
	uint64_t start = phys & PAGE_MASK;
	uint64_t end = (phys + size + PAGE_SIZE - 1) & PAGE_MASK;
	if (size == 0 || end <= start || end > USER_BASE ||
	    (mm_low_window && start < USER_LOW_TOP && end > USER_LOW_BASE))
		return NULL;
	for (uint64_t pa = start; pa < end; pa += PAGE_SIZE) {
		uint64_t *e = walk(pa, 1, true);
		*e = pa | PTE_P | PTE_W | PTE_NX | PTE_PCD | PTE_PWT |
		     (shared ? enc_shared : enc_private);
		cpu_invlpg(pa);
	}
	return (void *)(uintptr_t)phys;
}

void *vm_map_private(uint64_t phys, size_t size)
{
	uint64_t start = phys & PAGE_MASK;
	uint64_t end = (phys + size + PAGE_SIZE - 1) & PAGE_MASK;
	if (size == 0 || end <= start || end > USER_BASE ||
	    (mm_low_window && start < USER_LOW_TOP && end > USER_LOW_BASE))
		return NULL;
	for (uint64_t pa = start; pa < end; pa += PAGE_SIZE) {
		uint64_t *e = walk(pa, 1, true);
		*e = pa | PTE_P | PTE_W | PTE_NX | enc_private;
		cpu_invlpg(pa);
	}
	return (void *)(uintptr_t)phys;
}

int vm_set_shared(void *va, size_t size, bool shared)
{
	uint64_t start = (uint64_t)(uintptr_t)va;
	if ((start & ~PAGE_MASK) || (size & ~PAGE_MASK) || start + size > USER_BASE)
		return -EINVAL;
	/* Decided from the detected platform, never from a mask value: on
	 * SNP and TDX the pages must be converted (coco_set_shared); on a
	 * plain VM only the mapping changes. */
	if (coco_platform_kind() != FUTEET_PLATFORM_NONE)
		return coco_set_shared(start, size, shared);
	for (uint64_t a = start; a < start + size; a += PAGE_SIZE) {
		uint64_t *e = walk(a, 1, true);
		uint64_t pa = *e & PTE_ADDR_MASK & ~enc_private & ~enc_shared;
		*e = pa | PTE_P | PTE_W | PTE_NX | (shared ? enc_shared : enc_private);
		cpu_invlpg(a);
	}
	return 0;
}

bool paging_is_shared(uint64_t va)
{
	if (va >= USER_BASE)
		return false;
	uint64_t *e = walk(va & PAGE_MASK, 1, false);
	if (!e || !(*e & PTE_P))
		return false;
	if (enc_private)
		return (*e & enc_private) == 0;
	if (enc_shared)
		return (*e & enc_shared) != 0;
	return true;
}

int paging_set_page_enc(uint64_t va, bool shared)
{
	if ((va & ~PAGE_MASK) || va >= USER_BASE)
		return -EINVAL;
	uint64_t *e = walk(va, 1, true);
	if (!(*e & PTE_P))
		return -EINVAL;
	uint64_t pa = *e & PTE_ADDR_MASK & ~enc_private & ~enc_shared;
	*e = pa | PTE_P | PTE_W | PTE_NX | (shared ? enc_shared : enc_private);
	return 0;
}

void paging_guard_kernel_page(uint64_t va)
{
	if (va & ~PAGE_MASK || va >= USER_BASE)
		panic("bad guard page %#llx", (unsigned long long)va);
	uint64_t *e = walk(va, 1, true);
	*e = 0;
	cpu_invlpg(va);
}

static bool user_va_ok(uint64_t va)
{
	return user_va_range(va, PAGE_SIZE) && (va & ~PAGE_MASK) == 0;
}

int paging_map_user(uint64_t va, uint64_t pa, uint64_t flags)
{
	if (!user_va_ok(va) || (pa & ~PAGE_MASK) || (flags & ~(PTE_W | PTE_NX)))
		return -EINVAL;
	if ((flags & PTE_W) && !(flags & PTE_NX))
		return -EINVAL; /* W^X */
	uint64_t *e = walk(va, 1, true);
	if (*e & PTE_P)
		return -EEXIST;
	*e = pa | flags | PTE_P | PTE_U | enc_private;
	cpu_invlpg(va);
	return 0;
}

int paging_unmap_user(uint64_t va, uint64_t *pa)
{
	*pa = 0;
	if (!user_va_ok(va))
		return -EINVAL;
	uint64_t *e = walk(va, 1, false);
	if (!e || !(*e & PTE_P))
		return 0;
	*pa = *e & PTE_ADDR_MASK & ~enc_private & ~enc_shared;
	*e = 0;
	cpu_invlpg(va);
	return 0;
}

bool paging_user_ok(uint64_t va, bool write)
{
	if (!user_va_range(va, 1))
		return false;
	uint64_t *e = walk(va & PAGE_MASK, 1, false);
	if (!e || (*e & (PTE_P | PTE_U)) != (PTE_P | PTE_U))
		return false;
	return !write || (*e & PTE_W);
}

int paging_protect_user(uint64_t va, uint64_t flags)
{
	if (!user_va_ok(va) || (flags & ~(PTE_W | PTE_NX)))
		return -EINVAL;
	if ((flags & PTE_W) && !(flags & PTE_NX))
		return -EINVAL; /* W^X */
	uint64_t *e = walk(va, 1, false);
	if (!e || (*e & (PTE_P | PTE_U)) != (PTE_P | PTE_U) || (*e & PTE_PS))
		return -ENOENT;
	*e = (*e & ~(PTE_W | PTE_NX)) | flags;
	cpu_invlpg(va);
	return 0;
}

int paging_user_pa(uint64_t va, uint64_t *pa)
{
	if (!user_va_ok(va & PAGE_MASK))
		return -EINVAL;
	uint64_t *e = walk(va & PAGE_MASK, 1, false);
	if (!e || (*e & (PTE_P | PTE_U)) != (PTE_P | PTE_U) || (*e & PTE_PS))
		return -ENOENT;
	*pa = (*e & PTE_ADDR_MASK & ~enc_private & ~enc_shared) | (va & ~PAGE_MASK);
	return 0;
}
