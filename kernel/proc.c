/* The one user program: its address space, the ELF64 loader and the
 * initial stack. The ELF image is embedded in the kernel (so it is part of
 * what is measured), but it is still parsed as untrusted: every offset and
 * size is checked before use.
 *
 * The address space it builds is drawn in include/uapi/futeet/memlayout.h
 * (program image at USER_BASE, brk heap after it, mmap at MMAP_BASE, the
 * stack below STACK_TOP). */
#include <string.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/uart.h"
#include "futeet/errno.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/uaccess.h"
#include "kernel/elf.h"
#include "kernel/kernel.h"
#include "kernel/proc.h"

#define IMAGE_LIMIT FUTEET_IMAGE_LIMIT
#define ELF_PHNUM_MAX 16
#define AT_NULL   0
#define AT_PAGESZ 6
#define AT_RANDOM 25  /* psABI: 16 random bytes */

struct proc proc;

bool user_range_ok(uint64_t uaddr, size_t n, bool write)
{
	if (n == 0)
		return true;
	if (uaddr < USER_BASE || uaddr >= USER_TOP || n > USER_TOP - uaddr)
		return false;
	for (uint64_t p = uaddr & PAGE_MASK; p < uaddr + n; p += PAGE_SIZE)
		if (!paging_user_ok(p, write))
			return false;
	return true;
}

int copy_from_user(void *dst, uint64_t usrc, size_t n)
{
	if (!user_range_ok(usrc, n, false))
		return -EFAULT;
	cpu_user_copy(dst, (const void *)(uintptr_t)usrc, n);
	return 0;
}

int copy_to_user(uint64_t udst, const void *src, size_t n)
{
	if (!user_range_ok(udst, n, true))
		return -EFAULT;
	cpu_user_copy((void *)(uintptr_t)udst, src, n);
	return 0;
}

/* Map 'pages' fresh zeroed frames at va. On failure nothing stays mapped. */
int proc_map_anon(uint64_t va, size_t pages, uint64_t flags)
{
	if (pmm_free_count() < pages + PROC_KERNEL_RESERVE_PAGES)
		return -ENOMEM;
	for (size_t i = 0; i < pages; i++) {
		uint64_t pa;
		int err = pmm_alloc_pages(1, &pa);
		if (!err) {
			err = paging_map_user(va + i * PAGE_SIZE, pa, flags);
			if (err)
				pmm_free_pages(pa, 1);
		}
		if (err) {
			proc_unmap(va, i);
			return err;
		}
	}
	return 0;
}

void proc_unmap(uint64_t va, size_t pages)
{
	for (size_t i = 0; i < pages; i++) {
		uint64_t pa;
		if (paging_unmap_user(va + i * PAGE_SIZE, &pa) == 0 && pa)
			pmm_free_pages(pa, 1);
	}
}

static uint64_t seg_flags(uint32_t pf)
{
	if (pf & PF_X)
		return 0;               /* read + execute */
	if (pf & PF_W)
		return PTE_W | PTE_NX;  /* read + write */
	return PTE_NX;              /* read only */
}

static int load_segment(const uint8_t *img, size_t size, const struct elf64_phdr *ph)
{
	uint64_t start = ph->p_vaddr & PAGE_MASK;
	uint64_t end = (ph->p_vaddr + ph->p_memsz + PAGE_SIZE - 1) & PAGE_MASK;
	uint64_t flags = seg_flags(ph->p_flags);

	int err = 0;
	uint64_t va;

	for (va = start; va < end; va += PAGE_SIZE) {
		if (paging_user_ok(va, false)) {
			kprintf("futeet: ELF: two segments share the page at %#llx\n",
				(unsigned long long)va);
			err = -ENOEXEC;
			break;
		}
		uint64_t pa;
		if (pmm_alloc_pages(1, &pa)) {
			err = -ENOMEM;
			break;
		}
		/* File bytes that fall into this page. */
		uint64_t lo = va > ph->p_vaddr ? va : ph->p_vaddr;
		uint64_t hi_file = ph->p_vaddr + ph->p_filesz;
		uint64_t hi = va + PAGE_SIZE < hi_file ? va + PAGE_SIZE : hi_file;
		if (lo < hi)
			memcpy((uint8_t *)(uintptr_t)pa + (lo - va),
			       img + ph->p_offset + (lo - ph->p_vaddr), hi - lo);
		err = paging_map_user(va, pa, flags);
		if (err) {
			pmm_free_pages(pa, 1);
			break;
		}
	}
	if (err) {
		proc_unmap(start, (size_t)((va - start) / PAGE_SIZE)); /* this segment's pages */
		return err;
	}
	(void)size;
	if (end > proc.image_end)
		proc.image_end = end;
	return 0;
}

/* Validate every header field before mapping anything (validate, then act). */
static int elf_check(const uint8_t *img, size_t size, const struct elf64_ehdr *eh, bool *entry_exec)
{
	static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };
	if (size < sizeof(*eh) || memcmp(eh->e_ident, magic, 4) != 0)
		return -ENOEXEC;
	if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_ident[6] != EV_CURRENT || eh->e_type != ET_EXEC ||
	    eh->e_machine != EM_X86_64 || eh->e_version != EV_CURRENT ||
	    eh->e_phentsize != sizeof(struct elf64_phdr) ||
	    eh->e_phnum == 0 || eh->e_phnum > ELF_PHNUM_MAX)
		return -ENOEXEC;
	if (eh->e_phoff > size || (size - eh->e_phoff) / sizeof(struct elf64_phdr) < eh->e_phnum)
		return -ENOEXEC;
	*entry_exec = false;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		struct elf64_phdr ph;
		memcpy(&ph, img + eh->e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_DYNAMIC || ph.p_type == PT_INTERP || ph.p_type == PT_TLS)
			return -ENOEXEC;    /* static executables only */
		if (ph.p_type != PT_LOAD)
			continue;
		if ((ph.p_flags & PF_W) && (ph.p_flags & PF_X))
			return -ENOEXEC;    /* W^X */
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > size || ph.p_filesz > size - ph.p_offset)
			return -ENOEXEC;
		if (ph.p_vaddr < USER_BASE || ph.p_vaddr >= IMAGE_LIMIT ||
		    ph.p_memsz > IMAGE_LIMIT - ph.p_vaddr)
			return -ENOEXEC;
		if ((ph.p_flags & PF_X) && eh->e_entry >= ph.p_vaddr &&
		    eh->e_entry - ph.p_vaddr < ph.p_memsz)
			*entry_exec = true;
	}
	return *entry_exec ? 0 : -ENOEXEC;
}

static int push_bytes(uint64_t *sp, const void *p, size_t n)
{
	*sp -= n;
	return copy_to_user(*sp, p, n);
}

/* Linux x86-64 initial stack (psABI 3.4.1): argc, argv[], NULL, envp[]
 * (empty), NULL, auxv pairs ending with AT_NULL; rsp 16-byte aligned. */
static int build_stack(int argc, const char *const *argv, uint64_t *sp_out)
{
	uint64_t sp = STACK_TOP;
	uint64_t uargv[PROC_ARGC_MAX + 1];
	uint8_t rnd[16];
	int err;

	if (argc > PROC_ARGC_MAX)
		return -E2BIG;
	for (int i = argc - 1; i >= 0; i--) {
		if ((err = push_bytes(&sp, argv[i], strlen(argv[i]) + 1)))
			return err;
		uargv[i] = sp;
	}
	uargv[argc] = 0;
	random_bytes(rnd, sizeof(rnd));
	if ((err = push_bytes(&sp, rnd, sizeof(rnd))))
		return err;
	uint64_t urandom = sp;
	sp &= ~15ull;

	uint64_t tail[] = { 0 /* envp NULL */, AT_PAGESZ, PAGE_SIZE, AT_RANDOM, urandom, AT_NULL, 0 };
	size_t words = 1 + (size_t)argc + 1 + FUTEET_ARRAY_SIZE(tail);
	if (words & 1)
		sp -= 8;            /* keep rsp 16-byte aligned at argc */
	if ((err = push_bytes(&sp, tail, sizeof(tail))) ||
	    (err = push_bytes(&sp, uargv, (size_t)(argc + 1) * 8)))
		return err;
	uint64_t uargc = (uint64_t)argc;
	if ((err = push_bytes(&sp, &uargc, 8)))
		return err;
	*sp_out = sp;
	return 0;
}

int proc_load(const char *name, int argc, const char *const *argv, uint64_t *entry, uint64_t *sp)
{
	const struct user_blob *b = user_blob_find(name);
	if (!b)
		return -ENOENT;
	const uint8_t *img = b->start;
	size_t size = (size_t)(b->end - b->start);
	struct elf64_ehdr eh;
	bool entry_ok;
	int err;

	if (size < sizeof(eh))
		return -ENOEXEC;
	memcpy(&eh, img, sizeof(eh));
	if ((err = elf_check(img, size, &eh, &entry_ok)))
		return err;

	memset(&proc, 0, sizeof(proc));
	strncpy_bounded(proc.name, name, sizeof(proc.name));
	unsigned loaded = 0;
	for (; loaded < eh.e_phnum; loaded++) {
		struct elf64_phdr ph;
		memcpy(&ph, img + eh.e_phoff + loaded * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_LOAD && (err = load_segment(img, size, &ph)))
			goto unmap_image;
	}
	proc.brk_start = proc.brk = proc.image_end;
	proc.mmap_next = MMAP_BASE;

	if ((err = proc_map_anon(STACK_TOP - STACK_SIZE, STACK_SIZE / PAGE_SIZE, PTE_W | PTE_NX)))
		goto unmap_image;
	if ((err = build_stack(argc, argv, sp))) {
		proc_unmap(STACK_TOP - STACK_SIZE, STACK_SIZE / PAGE_SIZE);
		goto unmap_image;
	}
	*entry = eh.e_entry;
	return 0;

unmap_image:
	/* A failed load leaves nothing mapped: the segments before the one
	 * that failed (which undid its own pages). No page belongs to two
	 * segments (load_segment refuses that before it maps), so this frees
	 * only what this load mapped. */
	for (unsigned i = 0; i < loaded; i++) {
		struct elf64_phdr ph;
		memcpy(&ph, img + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD)
			continue;
		uint64_t start = ph.p_vaddr & PAGE_MASK;
		uint64_t end = (ph.p_vaddr + ph.p_memsz + PAGE_SIZE - 1) & PAGE_MASK;
		proc_unmap(start, (size_t)((end - start) / PAGE_SIZE));
	}
	memset(&proc, 0, sizeof(proc));
	return err;
}

void proc_exit(int status)
{
	uart_end_line();
	kprintf("futeet: program '%s' exited with status %d\n", proc.name, status);
	uint32_t code = status < 0 || status > EXIT_STATUS_MAX ? EXIT_STATUS_MAX : (uint32_t)status;
	kernel_report_exit(code);
}

void proc_kill(const char *why)
{
	uart_end_line();
	kprintf("futeet: user program '%s' killed: %s\n", proc.name, why);
	kernel_report_exit(EXIT_KILLED);
}
