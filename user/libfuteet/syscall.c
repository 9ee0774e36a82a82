/* libfuteet: one stub per line of include/uapi/futeet/syscalls.def, generated
 * by the X-macro, over the one `syscall` primitive that the header-only
 * wrapper futeet/static.h defines (Linux x86-64 convention, see futeet.h).
 * Unused argument registers are passed as zero. */
#include <futeet/futeet.h>
#include <futeet/static.h>

long futeet_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	return futeet_inline_syscall(nr, a0, a1, a2, a3, a4, a5);
}

#define SYSCALL(name, nr, nargs)                                         \
	long futeet_sys_##name(FUTEET_SYSARGS_##nargs)                   \
	{                                                                \
		return futeet_inline_syscall((nr), FUTEET_INLINE_PASS_##nargs); \
	}
#include <futeet/syscalls.def>
#undef SYSCALL
