/* FUTEET userland: assert (C11 7.2). A failed assertion prints
 * "FILE:LINE: FUNC: assertion failed: EXPR" on stderr and calls abort(),
 * so the host sees the "killed" status (120). */
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __ulibc_assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef _ULIBC_ASSERT_H
#define _ULIBC_ASSERT_H
#define static_assert _Static_assert
__attribute__((noreturn)) void __ulibc_assert_fail(const char *expr, const char *file, int line,
						   const char *func);
#endif
