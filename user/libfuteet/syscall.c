/* libfuteet: one stub per line of include/uapi/futeet/syscalls.def, generated
 * by the X-macro, over one `syscall` primitive (Linux x86-64 convention, see
 * futeet.h). Unused argument registers are passed as zero. */
#include <futeet/futeet.h>

/* rax = nr; rdi rsi rdx r10 r8 r9 = a0..a5. The CPU overwrites rcx (return
 * RIP) and r11 (RFLAGS) (Intel SDM vol. 2B, SYSCALL); the kernel preserves
 * every other register, as Linux does. "memory": the kernel reads and writes
 * user buffers. */
long futeet_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
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

#define FUTEET_SYSPASS_0 0, 0, 0, 0, 0, 0
#define FUTEET_SYSPASS_1 a0, 0, 0, 0, 0, 0
#define FUTEET_SYSPASS_2 a0, a1, 0, 0, 0, 0
#define FUTEET_SYSPASS_3 a0, a1, a2, 0, 0, 0
#define FUTEET_SYSPASS_4 a0, a1, a2, a3, 0, 0
#define FUTEET_SYSPASS_5 a0, a1, a2, a3, a4, 0
#define FUTEET_SYSPASS_6 a0, a1, a2, a3, a4, a5

#define SYSCALL(name, nr, nargs)                                   \
	long futeet_sys_##name(FUTEET_SYSARGS_##nargs)             \
	{                                                          \
		return futeet_syscall((nr), FUTEET_SYSPASS_##nargs); \
	}
#include <futeet/syscalls.def>
#undef SYSCALL
