/* The frame allocator (kernel/pmm.c) compiled for the host over a made-up
 * EFI memory map whose "physical" addresses are a real mapping of this
 * process (the kernel's identity map stands in as virtual = physical): the
 * bitmap, the freeing of conventional then boot-services ranges by bitmap
 * words and eight-word blocks, and the allocator on top. The expected
 * counts are the map's own page counts (UEFI 2.10 table 7.10: types 3, 4
 * and 7 are free after ExitBootServices), not the allocator's output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "futeet/boot.h"
#include "futeet/errno.h"
#include "futeet/mm.h"
#include "futeet/printk.h"

enum { BS_CODE = 3, BS_DATA = 4, LOADER_DATA = 2, RT_DATA = 6, CONVENTIONAL = 7 };

/* 16 MiB at 4 GiB: frame numbers from 0x100000, a multiple of 512, so the
 * eight-word blocks line up with the map as they do on a real one. */
#define ARENA      0x100000000ull
#define ARENA_PAGES 4096u
#define F0         (ARENA / PAGE_SIZE)

static jmp_buf panic_jmp;
static char panic_msg[256];

int kprintf(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(panic_msg, sizeof(panic_msg), fmt, ap);
	va_end(ap);
	longjmp(panic_jmp, 1);
}

#include "kernel/pmm.c"

/* Frames relative to F0: ranges with unaligned ends, a loader range and a
 * runtime range that stay used, the bitmap in the first conventional one. */
static const struct { uint32_t first, count, type; } layout[] = {
	{ 0, 40, CONVENTIONAL },     /* the bitmap (33 pages) goes here */
	{ 40, 5, BS_CODE },
	{ 45, 955, CONVENTIONAL },
	{ 1000, 3, LOADER_DATA },
	{ 1003, 1097, BS_DATA },
	{ 2100, 1, RT_DATA },
	{ 2101, 1995, CONVENTIONAL },
};

static struct boot_info bi;

static void build_map(void)
{
	memset(&bi, 0, sizeof(bi));
	for (size_t i = 0; i < sizeof(layout) / sizeof(layout[0]); i++) {
		bi.mem[i].base = ARENA + (uint64_t)layout[i].first * PAGE_SIZE;
		bi.mem[i].pages = layout[i].count;
		bi.mem[i].efi_type = layout[i].type;
	}
	bi.mem_count = sizeof(layout) / sizeof(layout[0]);
}

static uint64_t pages_of(uint32_t type)
{
	uint64_t n = 0;
	for (size_t i = 0; i < sizeof(layout) / sizeof(layout[0]); i++)
		if (layout[i].type == type)
			n += layout[i].count;
	return n;
}

static int setup(void **state)
{
	(void)state;
	void *p = mmap((void *)(uintptr_t)ARENA, ARENA_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p != (void *)(uintptr_t)ARENA) {
		fprintf(stderr, "cannot map the arena at %#llx\n", ARENA);
		return -1;
	}
	memset(p, 0xa5, ARENA_PAGES * PAGE_SIZE);   /* what the firmware left */
	bitmap = NULL;
	nframes = free_frames = ram_frames = hint = bm_first = bm_count = 0;
	build_map();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	munmap((void *)(uintptr_t)ARENA, ARENA_PAGES * PAGE_SIZE);
	return 0;
}

static uint64_t bitmap_pages(void)
{
	return ((F0 + ARENA_PAGES + 7) / 8 + PAGE_SIZE - 1) / PAGE_SIZE;
}

static void test_pmm_frees_conventional_then_boot_services_pages_exactly(void **state)
{
	(void)state;
	if (setjmp(panic_jmp))
		fail_msg("panic: %s", panic_msg);
	pmm_init(&bi);
	assert_int_equal(bm_first, F0);
	assert_int_equal(bm_count, bitmap_pages());
	assert_int_equal(pmm_free_count(), pages_of(CONVENTIONAL) - bitmap_pages());
	pmm_add_boot_services(&bi);
	assert_int_equal(pmm_free_count(),
			 pages_of(CONVENTIONAL) - bitmap_pages() + pages_of(BS_CODE) + pages_of(BS_DATA));
	assert_int_equal(pmm_ram_bytes(), pmm_free_count() * PAGE_SIZE);
}

/* Every free frame comes out once, zeroed, and only from a free range; the
 * bitmap's frames, the loader and runtime ranges never. */
static void test_pmm_hands_out_each_free_frame_once_and_nothing_else(void **state)
{
	static uint8_t seen[ARENA_PAGES];
	volatile uint64_t n = 0;
	uint64_t pa;

	(void)state;
	memset(seen, 0, sizeof(seen));
	if (setjmp(panic_jmp))
		fail_msg("panic: %s", panic_msg);
	pmm_init(&bi);
	pmm_add_boot_services(&bi);
	uint64_t expect = pmm_free_count();
	while (pmm_alloc_pages(1, &pa) == 0) {
		uint64_t f = pa / PAGE_SIZE - F0;
		assert_true(pa >= ARENA && f < ARENA_PAGES);
		if (seen[f]++)
			fail_msg("frame %#llx handed out twice", (unsigned long long)pa);
		if (f < bitmap_pages())
			fail_msg("the bitmap's frame %#llx was handed out", (unsigned long long)pa);
		for (size_t i = 0; i < sizeof(layout) / sizeof(layout[0]); i++)
			if (f >= layout[i].first && f < layout[i].first + layout[i].count &&
			    layout[i].type != CONVENTIONAL && layout[i].type != BS_CODE &&
			    layout[i].type != BS_DATA)
				fail_msg("frame %#llx of EFI type %u was handed out",
					 (unsigned long long)pa, layout[i].type);
		const uint8_t *b = (const uint8_t *)(uintptr_t)pa;
		for (size_t i = 0; i < PAGE_SIZE; i++)
			if (b[i])
				fail_msg("frame %#llx was not zeroed", (unsigned long long)pa);
		n++;
	}
	assert_int_equal(n, expect);
	assert_int_equal(pmm_free_count(), 0);
}

/* A map that lists a range twice (firmware input is not trusted to be
 * tidy): its frames are counted once. */
static void test_pmm_counts_a_range_listed_twice_once(void **state)
{
	(void)state;
	bi.mem[bi.mem_count] = bi.mem[6];   /* the last conventional range again */
	bi.mem_count++;
	if (setjmp(panic_jmp))
		fail_msg("panic: %s", panic_msg);
	pmm_init(&bi);
	assert_int_equal(pmm_free_count(), pages_of(CONVENTIONAL) - bitmap_pages());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pmm_frees_conventional_then_boot_services_pages_exactly,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_pmm_hands_out_each_free_frame_once_and_nothing_else,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_pmm_counts_a_range_listed_twice_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
