/* Physical page allocator: one bit per 4 KiB frame, built from the EFI
 * memory map. Free after ExitBootServices: conventional memory and boot
 * services code/data (UEFI 2.10 section 7.2, EFI_MEMORY_TYPE). Loader
 * code/data (this image, the boot stack, the memory map) and runtime,
 * ACPI and reserved ranges are never handed out. Frame 0 is never used.
 *
 * Two steps: pmm_init frees only conventional memory, because the
 * firmware's page tables, GDT and IDT still in use live in boot-services
 * memory; pmm_add_boot_services frees the rest once the kernel runs on its
 * own tables and descriptors. */
#include <string.h>

#include "futeet/errno.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "kernel/kernel.h"

enum { EFI_BS_CODE = 3, EFI_BS_DATA = 4, EFI_CONVENTIONAL = 7 };

static uint8_t *bitmap;      /* 1 = used */
static uint64_t nframes;
static uint64_t free_frames;
static uint64_t ram_frames;  /* every frame ever handed to the allocator */
static uint64_t hint;
static uint64_t bm_first, bm_count; /* the bitmap's own frames */

static bool is_free_type(uint32_t t)
{
	return t == EFI_CONVENTIONAL || t == EFI_BS_CODE || t == EFI_BS_DATA;
}

bool mm_low_window;

/* The non-PIE program window (futeet/mm.h) is the user's only when the RAM
 * behind it is free: conventional or boot-services memory, nothing the
 * kernel image or the firmware's runtime keeps. */
static bool window_free(const struct boot_info *bi)
{
	/* Range by range, not page by page: 1024 pages times the map's
	 * entries was 2 ms of boot under TCG -icount. */
	for (uint64_t a = USER_LOW_BASE, next; a < USER_LOW_TOP; a = next) {
		next = a;
		for (uint32_t i = 0; i < bi->mem_count && next == a; i++) {
			const struct boot_mem_range *m = &bi->mem[i];
			if (is_free_type(m->efi_type) && a >= m->base && a - m->base < m->pages * PAGE_SIZE)
				next = m->base + m->pages * PAGE_SIZE;
		}
		if (next == a)
			return false;
	}
	return true;
}

static inline bool used(uint64_t f)
{
	return bitmap[f / 8] & (1u << (f % 8));
}

static inline void set_used(uint64_t f, bool u)
{
	if (u)
		bitmap[f / 8] |= (uint8_t)(1u << (f % 8));
	else
		bitmap[f / 8] &= (uint8_t)~(1u << (f % 8));
}

/* How many bits of w are set (no POPCNT: the kernel does not assume it;
 * the SWAR sum of Hacker's Delight 2nd ed. 5-1). */
static unsigned bits_set(uint64_t w)
{
	w -= (w >> 1) & 0x5555555555555555ull;
	w = (w & 0x3333333333333333ull) + ((w >> 2) & 0x3333333333333333ull);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (unsigned)((w * 0x0101010101010101ull) >> 56);
}

/* Mark the used frames of [a, b) free and count them, a bitmap word (64
 * frames, page-aligned bitmap) at a time under a mask, eight whole words at
 * once where all their frames are used: frame by frame the unaligned ends of
 * OVMF's hundred-odd ranges and the 2048 words of 512 MiB were 3.3 ms of
 * boot under TCG -icount. */
static void free_span(uint64_t a, uint64_t b)
{
	uint64_t *w = (uint64_t *)(void *)bitmap, n = 0;

	while (a < b) {
		uint64_t i = a / 64, lo = a % 64;
		if (lo == 0 && b - a >= 512 &&
		    (w[i] & w[i + 1] & w[i + 2] & w[i + 3] & w[i + 4] & w[i + 5] & w[i + 6] &
		     w[i + 7]) == ~0ull) {
			w[i] = w[i + 1] = w[i + 2] = w[i + 3] = 0;
			w[i + 4] = w[i + 5] = w[i + 6] = w[i + 7] = 0;
			n += 512;
			a += 512;
			continue;
		}
		uint64_t hi = b - i * 64 >= 64 ? 64 : b - i * 64;   /* bits [lo, hi) */
		uint64_t mask = (hi == 64 ? ~0ull : (1ull << hi) - 1) & ~((1ull << lo) - 1);
		n += bits_set(w[i] & mask);
		w[i] &= ~mask;
		a = i * 64 + hi;
	}
	free_frames += n;
	ram_frames += n;
}

/* Free [s, e) except the frames never handed out: frame 0, the bitmap's
 * own frames and the low window (when it is reserved). */
static void free_frames_of(uint64_t s, uint64_t e)
{
	uint64_t cut[3][2] = {
		{ 0, 1 },
		{ bm_first, bm_first + bm_count },
		{ mm_low_window ? USER_LOW_BASE / PAGE_SIZE : 0,
		  mm_low_window ? USER_LOW_TOP / PAGE_SIZE : 0 },
	};

	/* three cuts in order of their start */
	for (int i = 0; i < 3; i++)
		for (int j = 0; j + 1 < 3 - i; j++)
			if (cut[j][0] > cut[j + 1][0]) {
				uint64_t t0 = cut[j][0], t1 = cut[j][1];
				cut[j][0] = cut[j + 1][0];
				cut[j][1] = cut[j + 1][1];
				cut[j + 1][0] = t0;
				cut[j + 1][1] = t1;
			}
	for (int i = 0; i < 3 && s < e; i++) {
		if (cut[i][1] <= cut[i][0])
			continue;
		if (cut[i][0] > s)
			free_span(s, cut[i][0] < e ? cut[i][0] : e);
		if (cut[i][1] > s)
			s = cut[i][1];
	}
	if (s < e)
		free_span(s, e);
}

static void free_ranges(const struct boot_info *bi, uint32_t type)
{
	for (uint32_t i = 0; i < bi->mem_count; i++) {
		const struct boot_mem_range *m = &bi->mem[i];
		if (m->efi_type != type)
			continue;
		free_frames_of(m->base / PAGE_SIZE, m->base / PAGE_SIZE + m->pages);
	}
}

void pmm_init(const struct boot_info *bi)
{
	uint64_t top = 0;
	for (uint32_t i = 0; i < bi->mem_count; i++) {
		const struct boot_mem_range *m = &bi->mem[i];
		if (!is_free_type(m->efi_type))
			continue;
		uint64_t end = m->base + m->pages * PAGE_SIZE;
		if (end < m->base || end > USER_BASE)
			panic("EFI memory map range %#llx+%llu pages is out of bounds",
			      (unsigned long long)m->base, (unsigned long long)m->pages);
		if (end > top)
			top = end;
	}
	nframes = top / PAGE_SIZE;
	uint64_t bm_bytes = (nframes + 7) / 8;
	uint64_t bm_pages = (bm_bytes + PAGE_SIZE - 1) / PAGE_SIZE;

	/* The bitmap lives in the first free range large enough for it. */
	uint64_t bm_phys = 0;
	for (uint32_t i = 0; i < bi->mem_count && !bm_phys; i++) {
		const struct boot_mem_range *m = &bi->mem[i];
		if (m->efi_type == EFI_CONVENTIONAL && m->base != 0 && m->pages >= bm_pages &&
		    (m->base >= USER_LOW_TOP || m->base + bm_pages * PAGE_SIZE <= USER_LOW_BASE))
			bm_phys = m->base;
	}
	if (!bm_phys)
		panic("no memory for the page bitmap");
	bitmap = (uint8_t *)(uintptr_t)bm_phys;
	memset(bitmap, 0xff, bm_bytes);

	bm_first = bm_phys / PAGE_SIZE;
	bm_count = bm_pages;
	mm_low_window = window_free(bi);
	free_ranges(bi, EFI_CONVENTIONAL);
	if (!mm_low_window)
		kprintf("futeet: memory: the RAM behind %#llx-%#llx is not free: non-PIE programs cannot run\n",
			(unsigned long long)USER_LOW_BASE, (unsigned long long)USER_LOW_TOP);
}

void pmm_add_boot_services(const struct boot_info *bi)
{
	free_ranges(bi, EFI_BS_CODE);
	free_ranges(bi, EFI_BS_DATA);
	kprintf("futeet: memory: %llu MiB free in %u map entries\n",
		(unsigned long long)(free_frames * PAGE_SIZE >> 20), bi->mem_count);
}

int pmm_alloc_pages(size_t count, uint64_t *phys)
{
	int err = pmm_alloc_pages_unzeroed(count, phys);
	if (!err)
		memset((void *)(uintptr_t)*phys, 0, count * PAGE_SIZE);
	return err;
}

int pmm_alloc_pages_unzeroed(size_t count, uint64_t *phys)
{
	if (count == 0 || count > free_frames)
		return -ENOMEM;
	for (int pass = 0; pass < 2; pass++) {
		uint64_t start = pass ? 1 : (hint ? hint : 1);
		uint64_t run = 0;
		for (uint64_t f = start; f < nframes; f++) {
			run = used(f) ? 0 : run + 1;
			if (run == count) {
				uint64_t first = f + 1 - count;
				for (uint64_t g = first; g <= f; g++)
					set_used(g, true);
				free_frames -= count;
				hint = f + 1;
				*phys = first * PAGE_SIZE;
				return 0;
			}
		}
	}
	return -ENOMEM;
}

void pmm_free_pages(uint64_t phys, size_t count)
{
	uint64_t f0 = phys / PAGE_SIZE;
	if (phys % PAGE_SIZE || f0 + count > nframes || f0 + count < f0)
		panic("pmm_free_pages: bad range %#llx+%zu", (unsigned long long)phys, count);
	for (uint64_t f = f0; f < f0 + count; f++) {
		if (!used(f))
			panic("pmm_free_pages: double free of frame %#llx",
			      (unsigned long long)(f * PAGE_SIZE));
		set_used(f, false);
		free_frames++;
	}
	if (f0 < hint)
		hint = f0;
}

size_t pmm_free_count(void)
{
	return free_frames;
}

uint64_t pmm_ram_bytes(void)
{
	return ram_frames * PAGE_SIZE;
}
