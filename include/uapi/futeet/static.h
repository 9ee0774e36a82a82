/* The FUTEET calls for any static Linux program (musl or glibc, built
 * outside this tree), header-only: no libfuteet to link.
 *
 *   #include <futeet/static.h>      (cc -I include/uapi ...)
 *   long r = futeet_inline_futeet_attest((long)nonce, 32, (long)buf, sizeof(buf),
 *                                        (long)&len, 0);
 *
 * One static inline futeet_inline_<name> per line of syscalls.def, with
 * exactly its nargs arguments, over one `syscall` instruction (the Linux
 * x86-64 convention, futeet.h). Results are raw: >= 0, or -errno (the
 * program's libc errno is not touched). */
#ifndef FUTEET_UAPI_STATIC_H
#define FUTEET_UAPI_STATIC_H

#include "futeet.h"

/* rax = nr; rdi rsi rdx r10 r8 r9 = a0..a5; the CPU clobbers rcx and r11
 * (Intel SDM vol. 2B, SYSCALL); the kernel reads and writes user memory. */
static inline long futeet_inline_syscall(long nr, long a0, long a1, long a2, long a3, long a4,
					 long a5)
{
	register long r10 __asm__("r10") = a3;
	register long r8 __asm__("r8") = a4;
	register long r9 __asm__("r9") = a5;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#define FUTEET_INLINE_PASS_0 0, 0, 0, 0, 0, 0
#define FUTEET_INLINE_PASS_1 a0, 0, 0, 0, 0, 0
#define FUTEET_INLINE_PASS_2 a0, a1, 0, 0, 0, 0
#define FUTEET_INLINE_PASS_3 a0, a1, a2, 0, 0, 0
#define FUTEET_INLINE_PASS_4 a0, a1, a2, a3, 0, 0
#define FUTEET_INLINE_PASS_5 a0, a1, a2, a3, a4, 0
#define FUTEET_INLINE_PASS_6 a0, a1, a2, a3, a4, a5
#define SYSCALL(name, nr, nargs)                                                  \
	static inline long futeet_inline_##name(FUTEET_SYSARGS_##nargs)           \
	{                                                                         \
		return futeet_inline_syscall((nr), FUTEET_INLINE_PASS_##nargs);  \
	}
#include "syscalls.def"
#undef SYSCALL

#endif
