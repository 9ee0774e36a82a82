/* The user process (kernel/proc.c) as the syscalls see it. */
#ifndef FUTEET_KERNEL_PROC_H
#define FUTEET_KERNEL_PROC_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/mm.h"
#include "kernel/kernel.h"

/* The user address space: include/uapi/futeet/memlayout.h. */
#define MMAP_BASE       FUTEET_MMAP_BASE
#define MMAP_TOP        FUTEET_MMAP_TOP
#define STACK_TOP       FUTEET_STACK_TOP
#define STACK_SIZE      FUTEET_STACK_SIZE
#define BRK_LIMIT_BYTES FUTEET_BRK_LIMIT
/* argc of the initial stack: argv[0] (the program's name) and the command
 * line's arguments. */
#define PROC_ARGC_MAX (1 + CMDLINE_ARGS_MAX)
/* Frames kept back so that user allocations can never starve the kernel's
 * own page-table allocations. */
#define PROC_KERNEL_RESERVE_PAGES 256

#define PROC_ENV_MAX 16
/* The top of the stack mapped at load (argv, environment, auxv and the first
 * frames); the rest of the 1 MiB window is mapped zeroed on first touch
 * (proc_stack_fault): zeroing all of it was a third of the boot. */
#define PROC_STACK_INITIAL_PAGES 16

struct proc {
	char name[64];
	uint64_t image_start, image_end; /* page span of the PT_LOAD segments */
	uint64_t brk_start, brk, brk_limit;
	uint64_t mmap_next;
};
extern struct proc proc;

int proc_map_anon(uint64_t va, size_t pages, uint64_t flags);
/* Load a static or static-PIE ELF image (validated by lib/elf.c) with its
 * initial stack; on failure nothing stays mapped and *why says why. */
FUTEET_MUST_CHECK
int proc_load_image(const char *name, const uint8_t *img, size_t size, int argc,
		    const char *const *argv, int envc, const char *const *envp,
		    uint64_t *entry, uint64_t *sp, const char **why);
/* Unmap everything the current program has (before the next one runs). */
void proc_teardown(void);
void proc_unmap(uint64_t va, size_t pages);
/* A not-present page fault at va (from ring 3, or from a copy to or from
 * user memory): inside the stack window it maps a zeroed page and returns
 * true; false otherwise (the caller kills or panics as before). Out of
 * memory kills the program. */
bool proc_stack_fault(uint64_t va);

static inline void strncpy_bounded(char *d, const char *s, size_t cap)
{
	size_t i = 0;
	for (; i + 1 < cap && s[i]; i++)
		d[i] = s[i];
	d[i] = '\0';
}

#endif
