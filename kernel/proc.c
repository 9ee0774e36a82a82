/* The one user program: its address space, the ELF64 loader and the
 * initial stack. The ELF image is embedded in the kernel or read from the
 * initrd (both measured before they run), and parsed as untrusted either
 * way: lib/elf.c checks every offset and size before anything is mapped.
 *
 * The address space it builds is drawn in include/uapi/futeet/memlayout.h:
 * a non-PIE Linux program in the low window, FUTEET's own programs and
 * every PIE at USER_BASE, each followed by its brk heap; mmap at MMAP_BASE;
 * the stack below STACK_TOP. */
#include <string.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/uart.h"
#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/uaccess.h"
#include "kernel/linux_syscall.h"
#include "kernel/vfs.h"
#include "lib/elf.h"
#include "kernel/kernel.h"
#include "kernel/proc.h"

#define PIE_SPAN_MAX (FUTEET_IMAGE_LIMIT - FUTEET_USER_BASE)   /* 1 GiB */
/* Auxiliary vector types: Linux include/uapi/linux/auxvec.h and
 * arch/x86/include/uapi/asm/auxvec.h; x86-64 psABI 1.0 3.4.3. */
#define AT_NULL     0
#define AT_PHDR     3
#define AT_PHENT    4
#define AT_PHNUM    5
#define AT_PAGESZ   6
#define AT_BASE     7
#define AT_FLAGS    8
#define AT_ENTRY    9
#define AT_UID      11
#define AT_EUID     12
#define AT_GID      13
#define AT_EGID     14
#define AT_PLATFORM 15
#define AT_HWCAP    16
#define AT_CLKTCK   17
#define AT_SECURE   23
#define AT_RANDOM   25   /* 16 random bytes */
#define AT_HWCAP2   26
#define AT_EXECFN   31
#define CLOCK_TICKS 100  /* USER_HZ */

struct proc proc;

bool user_range_ok(uint64_t uaddr, size_t n, bool write)
{
	if (n == 0)
		return true;
	if (!user_va_range(uaddr, n))
		return false;
	/* A stack page not touched yet (not mapped at all: a read-only one is
	 * refused) passes: the copy's page fault maps it zeroed
	 * (proc_stack_fault), as if the whole stack had been mapped. */
	/*@ loop assigns p; */ /* for tests/prove/wp_uaccess.c */
	for (uint64_t p = uaddr & PAGE_MASK; p < uaddr + n; p += PAGE_SIZE)
		if (!paging_user_ok(p, write) &&
		    !(p >= STACK_TOP - STACK_SIZE && p < STACK_TOP && !paging_user_ok(p, false)))
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

bool proc_stack_fault(uint64_t va)
{
	if (va < STACK_TOP - STACK_SIZE || va >= STACK_TOP)
		return false;
	int err = proc_map_anon(va & PAGE_MASK, 1, PTE_W | PTE_NX);
	if (err == -ENOMEM)
		proc_kill("out of memory for its stack");
	return err == 0;
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

static int load_segment(const uint8_t *img, const struct elf64_phdr *ph, uint64_t bias)
{
	uint64_t vaddr = ph->p_vaddr + bias;
	uint64_t start = vaddr & PAGE_MASK;
	uint64_t end = (vaddr + ph->p_memsz + PAGE_SIZE - 1) & PAGE_MASK;
	uint64_t flags = seg_flags(ph->p_flags);
	int err = 0;
	uint64_t va;

	for (va = start; va < end; va += PAGE_SIZE) {
		if (paging_user_ok(va, false)) {
			err = -ENOEXEC;   /* elf_check refuses shared pages first */
			break;
		}
		uint64_t pa;
		if (pmm_free_count() < PROC_KERNEL_RESERVE_PAGES || pmm_alloc_pages(1, &pa)) {
			err = -ENOMEM;
			break;
		}
		/* File bytes that fall into this page. */
		uint64_t lo = va > vaddr ? va : vaddr;
		uint64_t hi_file = vaddr + ph->p_filesz;
		uint64_t hi = va + PAGE_SIZE < hi_file ? va + PAGE_SIZE : hi_file;
		if (lo < hi)
			memcpy((uint8_t *)(uintptr_t)pa + (lo - va),
			       img + ph->p_offset + (lo - vaddr), hi - lo);
		err = paging_map_user(va, pa, flags);
		if (err) {
			pmm_free_pages(pa, 1);
			break;
		}
	}
	if (err) {
		proc_unmap(start, (size_t)((va - start) / PAGE_SIZE));
		return err;
	}
	return 0;
}

static int push_bytes(uint64_t *sp, const void *p, size_t n)
{
	*sp -= n;
	return copy_to_user(*sp, p, n);
}

/* Linux x86-64 initial stack (psABI 1.0 3.4.1, figure 3.9; Linux
 * fs/binfmt_elf.c create_elf_tables): from the top, the strings (execfn,
 * envp, argv), AT_RANDOM's 16 bytes, the platform string, then 16-byte
 * aligned: argc, argv[], NULL, envp[], NULL, auxv pairs ending AT_NULL. */
static int build_stack(const struct elf_info *in, uint64_t bias, const char *execfn,
		       int argc, const char *const *argv, int envc, const char *const *envp,
		       uint64_t *sp_out)
{
	uint64_t sp = STACK_TOP;
	uint64_t uargv[PROC_ARGC_MAX + 1], uenv[PROC_ENV_MAX + 1];
	uint8_t rnd[16];
	int err;

	if (argc > PROC_ARGC_MAX || envc > PROC_ENV_MAX)
		return -E2BIG;
	if ((err = push_bytes(&sp, execfn, strlen(execfn) + 1)))
		return err;
	uint64_t uexecfn = sp;
	for (int i = envc - 1; i >= 0; i--) {
		if ((err = push_bytes(&sp, envp[i], strlen(envp[i]) + 1)))
			return err;
		uenv[i] = sp;
	}
	uenv[envc] = 0;
	for (int i = argc - 1; i >= 0; i--) {
		if ((err = push_bytes(&sp, argv[i], strlen(argv[i]) + 1)))
			return err;
		uargv[i] = sp;
	}
	uargv[argc] = 0;
	if ((err = push_bytes(&sp, "x86_64", 7)))
		return err;
	uint64_t uplat = sp;
	sp &= ~15ull;
	random_hw_bytes(rnd, sizeof(rnd));
	if ((err = push_bytes(&sp, rnd, sizeof(rnd))))
		return err;
	uint64_t urandom = sp;

	struct cpuid_regs r;
	cpu_cpuid(1, 0, &r);   /* AT_HWCAP on x86: CPUID.1:EDX (Linux ELF_HWCAP) */
	const uint64_t auxv[] = {
		AT_PHDR, in->phdr ? in->phdr + bias : 0, AT_PHENT, sizeof(struct elf64_phdr),
		AT_PHNUM, in->phnum, AT_PAGESZ, PAGE_SIZE, AT_BASE, 0, AT_FLAGS, 0,
		AT_ENTRY, in->entry + bias, AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0,
		AT_PLATFORM, uplat, AT_HWCAP, r.edx, AT_CLKTCK, CLOCK_TICKS, AT_SECURE, 0,
		AT_RANDOM, urandom, AT_HWCAP2, 0, AT_EXECFN, uexecfn, AT_NULL, 0,
	};
	size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + FUTEET_ARRAY_SIZE(auxv);
	if (words & 1)
		sp -= 8;            /* keep rsp 16-byte aligned at argc */
	if ((err = push_bytes(&sp, auxv, sizeof(auxv))) ||
	    (err = push_bytes(&sp, uenv, (size_t)(envc + 1) * 8)) ||
	    (err = push_bytes(&sp, uargv, (size_t)(argc + 1) * 8)))
		return err;
	uint64_t uargc = (uint64_t)argc;
	if ((err = push_bytes(&sp, &uargc, 8)))
		return err;
	*sp_out = sp;
	return 0;
}

/* Undo every user mapping of the current program (its image, brk heap,
 * mmaps and stack). */
void proc_teardown(void)
{
	if (proc.image_end > proc.image_start)
		proc_unmap(proc.image_start, (size_t)((proc.image_end - proc.image_start) / PAGE_SIZE));
	uint64_t brk_end = (proc.brk + PAGE_SIZE - 1) & PAGE_MASK;
	if (brk_end > proc.brk_start)
		proc_unmap(proc.brk_start, (size_t)((brk_end - proc.brk_start) / PAGE_SIZE));
	if (proc.mmap_next > MMAP_BASE)
		proc_unmap(MMAP_BASE, (size_t)((proc.mmap_next - MMAP_BASE) / PAGE_SIZE));
	proc_unmap(STACK_TOP - STACK_SIZE, STACK_SIZE / PAGE_SIZE);
	memset(&proc, 0, sizeof(proc));
}

int proc_load_image(const char *name, const uint8_t *img, size_t size, int argc,
		    const char *const *argv, int envc, const char *const *envp,
		    uint64_t *entry, uint64_t *sp, const char **why)
{
	struct elf_info in;
	int err;
	/* Non-PIE programs: FUTEET's own (linked at USER_BASE, user/user.lds)
	 * or ld's default 0x400000 when that window is the user's. */
	const struct elf_window win[2] = { { USER_BASE, USER_BASE + PIE_SPAN_MAX },
					   { USER_LOW_BASE, USER_LOW_TOP } };

	if ((err = elf_check(img, size, win, mm_low_window ? 2 : 1, PIE_SPAN_MAX, &in, why)))
		return err;
	uint64_t bias = in.type == ET_DYN ? USER_BASE - in.lo : 0;

	memset(&proc, 0, sizeof(proc));
	strncpy_bounded(proc.name, name, sizeof(proc.name));
	proc.image_start = in.lo + bias;
	unsigned loaded = 0;
	for (; loaded < in.phnum; loaded++) {
		struct elf64_phdr ph;
		elf_phdr(img, &in, loaded, &ph);
		if (ph.p_type == PT_LOAD && (err = load_segment(img, &ph, bias)))
			break;
		if (ph.p_type == PT_LOAD)
			proc.image_end = ((ph.p_vaddr + bias + ph.p_memsz + PAGE_SIZE - 1) & PAGE_MASK);
	}
	if (!err) {
		proc.brk_start = proc.brk = proc.image_end;
		proc.brk_limit = proc.image_end <= USER_LOW_TOP ? USER_LOW_TOP :
				 proc.brk_start + BRK_LIMIT_BYTES;
		proc.mmap_next = MMAP_BASE;
		err = proc_map_anon(STACK_TOP - PROC_STACK_INITIAL_PAGES * PAGE_SIZE,
				    PROC_STACK_INITIAL_PAGES, PTE_W | PTE_NX);
		if (err)
			*why = "no memory for the stack";
	}
	if (!err && (err = build_stack(&in, bias, name, argc, argv, envc, envp, sp)))
		*why = "arguments and environment do not fit the stack";
	if (err) {
		if (!*why)
			*why = err == -ENOMEM ? "out of memory for the program image" : "cannot map the image";
		proc_teardown();
		return err;
	}
	*entry = in.entry + bias;
	return 0;
}

int proc_load(const char *name, int argc, const char *const *argv, int envc,
	      const char *const *envp, uint64_t *entry, uint64_t *sp)
{
	const struct user_blob *b = user_blob_find(name);
	const char *why = NULL;
	if (!b)
		return -ENOENT;
	int err = proc_load_image(name, b->start, (size_t)(b->end - b->start), argc, argv, envc, envp,
				  entry, sp, &why);
	if (err && why)
		kprintf("futeet: %s: %s\n", name, why);
	return err;
}

void proc_exit(int status)
{
	kernel_program_ended(status, NULL);
}

void proc_kill(const char *why)
{
	kernel_program_ended(0, why);
}
