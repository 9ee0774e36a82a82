/* The kernel's ELF loader (kernel/proc.c proc_load), compiled for the host
 * with the page tables and the frame allocator stubbed at the lowest level
 * (arch/x86_64/paging.h, futeet/mm.h): a table of user mappings and frames
 * from the C heap. The property: a load that fails (a later segment, the
 * stack) leaves no user page mapped and no frame allocated. The ELF images
 * are built here from the gABI 4.1 / psABI layouts (lib/elf.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/uart.h"
#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "kernel/kernel.h"
#include "kernel/proc.h"
#include "lib/elf.h"

/* ---- stubs: user page table and frames ---------------------------------- */
#define MAP_MAX 1024
static struct { uint64_t va, pa; } maps[MAP_MAX];
static size_t nmaps;
static long frames_out;        /* allocated and not freed */
static long alloc_budget;      /* pmm_alloc_pages fails when it reaches 0; < 0: no limit */
static size_t free_count;

int pmm_alloc_pages(size_t count, uint64_t *phys)
{
	void *p;

	assert_int_equal(count, 1);
	if (alloc_budget == 0)
		return -ENOMEM;
	if (alloc_budget > 0)
		alloc_budget--;
	p = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	assert_non_null(p);
	memset(p, 0, PAGE_SIZE);
	*phys = (uint64_t)(uintptr_t)p;
	frames_out++;
	return 0;
}

void pmm_free_pages(uint64_t phys, size_t count)
{
	assert_int_equal(count, 1);
	free((void *)(uintptr_t)phys);
	frames_out--;
}

size_t pmm_free_count(void)
{
	return free_count;
}

static long map_find(uint64_t va)
{
	for (size_t i = 0; i < nmaps; i++)
		if (maps[i].va == va)
			return (long)i;
	return -1;
}

int paging_map_user(uint64_t va, uint64_t pa, uint64_t flags)
{
	(void)flags;
	assert_true(map_find(va) < 0);
	assert_true(nmaps < MAP_MAX);
	maps[nmaps].va = va;
	maps[nmaps].pa = pa;
	nmaps++;
	return 0;
}

int paging_unmap_user(uint64_t va, uint64_t *pa)
{
	long i = map_find(va);

	if (i < 0)
		return -ENOENT;
	*pa = maps[i].pa;
	maps[i] = maps[--nmaps];
	return 0;
}

bool paging_user_ok(uint64_t va, bool write)
{
	(void)write;
	return map_find(va & PAGE_MASK) >= 0;
}

/* User copies go through the stub page table. */
void cpu_user_copy(void *dst, const void *src, size_t n)
{
	uint64_t d = (uint64_t)(uintptr_t)dst;

	assert_true(d >= USER_BASE && d < USER_TOP);
	while (n) {
		long i = map_find(d & PAGE_MASK);
		size_t off = (size_t)(d & (PAGE_SIZE - 1)), k = PAGE_SIZE - off;

		assert_true(i >= 0);
		if (k > n)
			k = n;
		memcpy((uint8_t *)(uintptr_t)maps[i].pa + off, src, k);
		src = (const uint8_t *)src + k;
		d += k;
		n -= k;
	}
}

void random_hw_bytes(void *buf, size_t n)
{
	memset(buf, 0x5a, n);
}

int kprintf(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

void uart_end_line(void)
{
}

void kernel_report_exit(uint32_t code)
{
	(void)code;
	abort();
}

void kernel_program_ended(int status, const char *killed)
{
	(void)status;
	(void)killed;
	abort();
}

bool mm_low_window;

void cpu_cpuid(uint32_t leaf, uint32_t subleaf, struct cpuid_regs *out)
{
	(void)leaf;
	(void)subleaf;
	memset(out, 0, sizeof(*out));
}

/* ---- the program: a two-segment static ELF ------------------------------ */
static uint8_t image[3 * 4096];
static struct user_blob blob = { "prog", image, image + sizeof(image) };

const struct user_blob *user_blob_find(const char *name)
{
	return strcmp(name, "prog") == 0 ? &blob : NULL;
}

/* text: 2 pages at USER_BASE (R+X); data: 3 pages (R+W) at data_va. */
static void build_image(uint64_t data_va)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph[2];

	memset(image, 0, sizeof(image));
	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, "\x7f" "ELF", 4);
	eh.e_ident[4] = ELFCLASS64;
	eh.e_ident[5] = ELFDATA2LSB;
	eh.e_ident[6] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_entry = USER_BASE + 0x100;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(struct elf64_phdr);
	eh.e_phnum = 2;
	memset(ph, 0, sizeof(ph));
	ph[0].p_type = PT_LOAD;
	ph[0].p_flags = PF_R | PF_X;
	ph[0].p_offset = 0;
	ph[0].p_vaddr = USER_BASE;
	ph[0].p_filesz = 4096;
	ph[0].p_memsz = 2 * 4096;
	ph[1].p_type = PT_LOAD;
	ph[1].p_flags = PF_R | PF_W;
	ph[1].p_offset = 4096;
	ph[1].p_vaddr = data_va;
	ph[1].p_filesz = 4096;
	ph[1].p_memsz = 3 * 4096;
	memcpy(image, &eh, sizeof(eh));
	memcpy(image + sizeof(eh), ph, sizeof(ph));
	memset(image + 4096, 0xd7, 4096);
}

static int setup(void **state)
{
	(void)state;
	nmaps = 0;
	frames_out = 0;
	alloc_budget = -1;
	free_count = 1u << 20;
	return 0;
}

static int load(void)
{
	const char *argv[] = { "prog", "one" };
	const char *envp[] = { "HOME=/" };
	uint64_t entry = 0, sp = 0;

	return proc_load("prog", 2, argv, 1, envp, &entry, &sp);
}

static void assert_nothing_left(void)
{
	if (nmaps != 0)
		fail_msg("%zu user pages still mapped after the failed load", nmaps);
	if (frames_out != 0)
		fail_msg("%ld frames still allocated after the failed load", frames_out);
}

static void test_proc_load_maps_segments_and_stack(void **state)
{
	(void)state;
	build_image(USER_BASE + 0x10000);
	assert_int_equal(load(), 0);
	assert_int_equal(nmaps, 2 + 3 + PROC_STACK_INITIAL_PAGES);
	assert_int_equal(frames_out, (long)nmaps);
	proc_unmap(USER_BASE, 2);
	proc_unmap(USER_BASE + 0x10000, 3);
	proc_unmap(STACK_TOP - STACK_SIZE, STACK_SIZE / PAGE_SIZE);
	assert_nothing_left();
}

/* The second segment overlaps the first one's last page: refused after the
 * first segment was mapped, which must be unmapped again. */
static void test_proc_load_unmaps_earlier_segments_when_a_later_one_overlaps(void **state)
{
	(void)state;
	build_image(USER_BASE + 4096);
	assert_int_equal(load(), -ENOEXEC);
	assert_nothing_left();
}

/* Frames run out in the middle of the second segment. */
static void test_proc_load_unmaps_everything_when_a_later_segment_runs_out_of_frames(void **state)
{
	(void)state;
	build_image(USER_BASE + 0x10000);
	alloc_budget = 2 + 1;   /* the text, then one page of the data */
	assert_int_equal(load(), -ENOMEM);
	assert_nothing_left();
}

/* The image is mapped, then the stack does not fit. */
static void test_proc_load_unmaps_the_image_when_the_stack_cannot_be_mapped(void **state)
{
	(void)state;
	build_image(USER_BASE + 0x10000);
	free_count = PROC_KERNEL_RESERVE_PAGES;  /* proc_map_anon keeps these back */
	assert_int_equal(load(), -ENOMEM);
	assert_nothing_left();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_proc_load_maps_segments_and_stack, setup),
		cmocka_unit_test_setup(test_proc_load_unmaps_earlier_segments_when_a_later_one_overlaps, setup),
		cmocka_unit_test_setup(test_proc_load_unmaps_everything_when_a_later_segment_runs_out_of_frames, setup),
		cmocka_unit_test_setup(test_proc_load_unmaps_the_image_when_the_stack_cannot_be_mapped, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
