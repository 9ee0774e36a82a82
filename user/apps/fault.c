/* fault MODE [ARG]: does one thing a user program must not be able to do, so
 * that the host harness can check the kernel kills it (status 120, with a
 * message) and survives. It prints "fault: trying MODE" first; if the
 * forbidden access comes back, it prints "fault: MODE survived ..." and exits
 * with status 1, which a test must treat as a failure.
 *
 * Modes (the exception each should raise, Intel SDM vol. 3A, 6.15):
 *   read-kernel [ADDR]  read ADDR (default 0x1000, not user memory)   #PF
 *   null                read address 0                                 #PF
 *   noncanonical        read 0x0000800000000000                        #GP
 *   write-text          write to the first byte of main (R-X)          #PF
 *   write-rodata        write to a string literal (R)                  #PF
 *   write-readonly      write to a PROT_READ mmap page                 #PF
 *   exec-stack          call a `ret` copied onto the stack (NX)        #PF
 *   exec-data           call a `ret` in .data (NX)                     #PF
 *   nxdata              call a `ret` in an mmap RW page (NX)           #PF
 *   use-after-munmap    read a page after munmap                       #PF
 *   stack-overflow      recurse past the 1 MiB stack                   #PF
 *   ud2                 execute ud2                                    #UD
 *   div0                integer divide by zero                         #DE
 *   privileged          execute hlt in ring 3                          #GP
 *   int3                breakpoint                                     #BP
 *   abort               libc abort() (flushes, then ud2)               #UD
 *   assert              a failing assert(): message on stderr, abort()  #UD
 *   single-step         set RFLAGS.TF                                  #DB
 *   single-step-syscall set RFLAGS.TF, then a syscall: the kernel must
 *                       mask TF on entry (SFMASK) and survive          #DB
 *   gsbase              garbage user GS base (WRGSBASE; #UD if CR4.FSGSBASE
 *                       is off), a syscall, then a #PF: the kernel's
 *                       entry paths must not trust the user's GS        #PF/#UD
 *   stack-use KIB       not a fault: recurse through KIB KiB of stack (4 KiB
 *                       frames, each page written and read back), then below
 *                       them read an untouched page (zero) and getrandom into
 *                       another (the kernel's copy faults it in); prints
 *                       "fault: used KIB KiB of stack" and exits 0
 *   stack-readonly-copy not a fault: a stack page, once touched and once not
 *                       touched yet, made read-only (mprotect), then getrandom
 *                       into it: the kernel must answer EFAULT, not fault
 *                       itself; prints "fault: stack-readonly-copy: EFAULT
 *                       twice" and exits 0
 *   exit N              print "fault: exit(N)" without a newline, exit(N)
 *                       (exit flushes stdout; the host sees min(N, 119)) */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#define X86_RET 0xc3   /* RET near (Intel SDM vol. 2B) */
#define RFLAGS_TF 0x100  /* trap flag, bit 8 (Intel SDM vol. 1, 3.4.3.3) */

typedef void (*code_fn)(void);

static unsigned char data_code[16] = { X86_RET };

static void survived(const char *mode, const char *detail)
{
	printf("fault: %s survived%s%s\n", mode, detail ? ": " : "", detail ? detail : "");
	exit(1);
}

static void read_at(const char *mode, uintptr_t addr)
{
	unsigned char v = *(volatile unsigned char *)addr;
	char detail[64];

	snprintf(detail, sizeof(detail), "read %#lx = %#x", (unsigned long)addr, v);
	survived(mode, detail);
}

static void call_at(const char *mode, void *code)
{
	__asm__ volatile("" : : "r"(code) : "memory");   /* the ret byte is stored */
	((code_fn)code)();
	survived(mode, "the ret came back");
}

static void *map_page(int prot)
{
	void *p = mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("fault: mmap failed: %s\n", strerror(errno));
		exit(2);
	}
	return p;
}

static unsigned long recurse(unsigned long depth)
{
	volatile unsigned char frame[4096];

	frame[0] = (unsigned char)depth;
	frame[sizeof(frame) - 1] = (unsigned char)depth;
	if (depth > (64UL << 20) / sizeof(frame))   /* 64 MiB: far past any stack */
		return depth;
	return recurse(depth + 1) + frame[0];
}

/* Below the deepest frame, stack never touched before: a page read from
 * ring 3 must be zero, and one the kernel writes first (getrandom's
 * copy_to_user) must come back filled. 1 when both hold. */
static __attribute__((noinline)) int fresh_stack_ok(void)
{
	unsigned char buf[3 * 4096];
	volatile unsigned char *fresh = buf;
	unsigned nonzero = 0;

	__asm__ volatile("" : : "r"(buf) : "memory");   /* its bytes: whatever is there */

	for (size_t i = 0; i < 4096; i++)
		if (fresh[i] != 0)
			return 0;
	if (getrandom(buf + 4096, 4096, 0) != 4096)
		return 0;
	for (size_t i = 4096; i < 2 * 4096; i++)
		nonzero += fresh[i] != 0;
	return nonzero > 0;
}

/* depth frames of 4 KiB, every byte written: the pages below the initial
 * stack are mapped on first touch and must read back what was written. */
static unsigned long use_stack(unsigned long depth)
{
	volatile unsigned char frame[4096];
	unsigned long sum = 0;

	for (size_t i = 0; i < sizeof(frame); i++)
		frame[i] = (unsigned char)(depth + i);
	if (depth > 1)
		sum = use_stack(depth - 1);
	else if (!fresh_stack_ok())
		return (unsigned long)-1;
	for (size_t i = 0; i < sizeof(frame); i++)
		if (frame[i] != (unsigned char)(depth + i))
			return (unsigned long)-1;
	return sum == (unsigned long)-1 ? sum : sum + 1;
}

/* mprotect (Linux x86-64 syscall 10): FUTEET's libc has no wrapper. */
static long sys_mprotect(uintptr_t addr, size_t len, long prot)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(10L), "D"(addr), "S"(len), "d"(prot)
			 : "rcx", "r11", "memory");
	return r;
}

/* 0 when getrandom into the read-only stack page pg fails with EFAULT. */
static int readonly_copy_refused(uintptr_t pg)
{
	long r = sys_mprotect(pg, 4096, PROT_READ);
	ssize_t n;
	int err;

	if (r != 0) {
		printf("fault: stack-readonly-copy: mprotect %#lx: %ld\n", (unsigned long)pg, r);
		return 1;
	}
	n = getrandom((void *)pg, 16, 0);
	err = errno;
	(void)sys_mprotect(pg, 4096, PROT_READ | PROT_WRITE);
	if (n != -1 || err != EFAULT) {
		printf("fault: stack-readonly-copy survived: getrandom into %#lx gave %ld\n",
		       (unsigned long)pg, (long)n);
		return 1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: fault read-kernel [ADDR] | null | noncanonical | write-text | "
			"write-rodata | write-readonly | exec-stack | exec-data | nxdata | "
			"use-after-munmap | stack-overflow | ud2 | div0 | privileged | int3 | "
			"abort | assert | single-step | single-step-syscall | gsbase | stack-use KIB | "
			"stack-readonly-copy | exit N\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *mode;

	if (argc < 2)
		usage();
	mode = argv[1];
	printf("fault: trying %s\n", mode);

	if (!strcmp(mode, "read-kernel")) {
		read_at(mode, argc > 2 ? strtoul(argv[2], NULL, 0) : 0x1000);
	} else if (!strcmp(mode, "null")) {
		read_at(mode, 0);
	} else if (!strcmp(mode, "noncanonical")) {
		read_at(mode, 0x0000800000000000UL);
	} else if (!strcmp(mode, "write-text")) {
		*(volatile unsigned char *)(uintptr_t)&main = X86_RET;
		survived(mode, "main's first byte was written");
	} else if (!strcmp(mode, "write-rodata")) {
		static const char lit[] = "read-only";

		*(volatile char *)(uintptr_t)lit = 'X';
		survived(mode, "a string literal was written");
	} else if (!strcmp(mode, "write-readonly")) {
		volatile unsigned char *p = map_page(PROT_READ);

		*p = 1;
		survived(mode, "a PROT_READ page was written");
	} else if (!strcmp(mode, "exec-stack")) {
		unsigned char code[16];

		code[0] = X86_RET;
		call_at(mode, code);
	} else if (!strcmp(mode, "exec-data")) {
		call_at(mode, data_code);
	} else if (!strcmp(mode, "nxdata")) {
		unsigned char *p = map_page(PROT_READ | PROT_WRITE);

		p[0] = X86_RET;
		call_at(mode, p);
	} else if (!strcmp(mode, "use-after-munmap")) {
		unsigned char *p = map_page(PROT_READ | PROT_WRITE);

		p[0] = 1;
		if (munmap(p, 4096) != 0) {
			printf("fault: munmap failed\n");
			return 2;
		}
		read_at(mode, (uintptr_t)p);
	} else if (!strcmp(mode, "stack-overflow")) {
		char detail[64];

		snprintf(detail, sizeof(detail), "recursed %lu frames", recurse(0));
		survived(mode, detail);
	} else if (!strcmp(mode, "ud2")) {
		__asm__ volatile("ud2");
		survived(mode, NULL);
	} else if (!strcmp(mode, "div0")) {
		unsigned lo = 1, hi = 0, zero = 0;

		/* in asm: C lets the compiler drop a division by zero */
		__asm__ volatile("divl %2" : "+a"(lo), "+d"(hi) : "r"(zero));
		survived(mode, NULL);
	} else if (!strcmp(mode, "privileged")) {
		__asm__ volatile("hlt");
		survived(mode, "hlt ran in ring 3");
	} else if (!strcmp(mode, "int3")) {
		__asm__ volatile("int3");
		survived(mode, NULL);
	} else if (!strcmp(mode, "single-step")) {
		__asm__ volatile("pushfq; orq %0, (%%rsp); popfq; nop; nop" : : "i"(RFLAGS_TF) : "memory", "cc");
		survived(mode, "single-stepped without a trap");
	} else if (!strcmp(mode, "single-step-syscall")) {
		static const char msg[] = "fault: single-step-syscall: the syscall returned\n";
		long r;

		/* write(1, msg, len) with TF set on the syscall instruction */
		__asm__ volatile("pushfq; orq %5, (%%rsp); popfq; syscall"
				 : "=a"(r)
				 : "a"(1L), "D"(1L), "S"(msg), "d"(sizeof(msg) - 1), "i"(RFLAGS_TF)
				 : "rcx", "r11", "memory", "cc");
		(void)r;
		survived(mode, "no trap after the syscall");
	} else if (!strcmp(mode, "gsbase")) {
		unsigned long garbage = 0xffff800000000000UL;   /* a kernel address */
		static const char msg[] = "fault: gsbase: syscall with a garbage GS base returned\n";

		__asm__ volatile("wrgsbase %0" : : "r"(garbage) : "memory");
		if (write(1, msg, sizeof(msg) - 1) != (ssize_t)(sizeof(msg) - 1))
			survived(mode, "write failed");
		read_at(mode, 0x1000);
	} else if (!strcmp(mode, "abort")) {
		abort();
	} else if (!strcmp(mode, "assert")) {
		assert(argc == 0);
		survived(mode, "assert(argc == 0) passed");
	} else if (!strcmp(mode, "stack-use")) {
		unsigned long kib = argc > 2 ? strtoul(argv[2], NULL, 0) : 0;
		unsigned long frames = kib / 4;

		if (frames == 0 || use_stack(frames) != frames) {
			printf("fault: stack-use %lu: the frames did not read back\n", kib);
			return 1;
		}
		printf("fault: used %lu KiB of stack\n", kib);
		return 0;
	} else if (!strcmp(mode, "stack-readonly-copy")) {
		unsigned char buf[2 * 4096];
		uintptr_t touched = ((uintptr_t)buf + 4095) & ~(uintptr_t)4095;
		/* 256 KiB below: under the 64 KiB mapped at load, not touched */
		uintptr_t fresh = touched - (256UL << 10);

		memset(buf, 1, sizeof(buf));
		__asm__ volatile("" : : "r"(buf) : "memory");
		if (readonly_copy_refused(touched) || readonly_copy_refused(fresh))
			return 1;
		if (*(volatile unsigned char *)fresh != 0) {
			printf("fault: stack-readonly-copy: the fresh page was not zero\n");
			return 1;
		}
		printf("fault: stack-readonly-copy: EFAULT twice\n");
		return 0;
	} else if (!strcmp(mode, "exit")) {
		int status;

		if (argc < 3)
			usage();
		status = (int)strtol(argv[2], NULL, 0);
		printf("fault: exit(%d)", status);   /* no newline: exit() must flush it */
		exit(status);
	} else {
		usage();
	}
	return 2;
}
