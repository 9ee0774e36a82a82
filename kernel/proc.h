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

struct proc {
	char name[32];
	uint64_t image_end;     /* end of the highest PT_LOAD page */
	uint64_t brk_start, brk;
	uint64_t mmap_next;
};
extern struct proc proc;

int proc_map_anon(uint64_t va, size_t pages, uint64_t flags);
void proc_unmap(uint64_t va, size_t pages);

static inline void strncpy_bounded(char *d, const char *s, size_t cap)
{
	size_t i = 0;
	for (; i + 1 < cap && s[i]; i++)
		d[i] = s[i];
	d[i] = '\0';
}

#endif
