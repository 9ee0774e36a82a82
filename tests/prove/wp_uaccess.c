/* WP harness for the user-pointer range checks (kernel/proc.c):
 * user_range_ok accepts a non-empty range only when it lies inside the user
 * half [USER_BASE, USER_TOP), or inside the low window when that is on,
 * without wrapping (a range that wraps or leaves them is refused); copy_from_user / copy_to_user return -EFAULT for
 * such a range and 0 only for one inside it. Not proved here: that every
 * page was checked by paging_user_ok or is an unmapped page of the stack
 * window (the copy's page fault maps it zeroed, kernel/trap.c). Assumed (contracts below):
 * paging_user_ok reads the page tables only; cpu_user_copy (STAC, rep
 * movsb, CLAC) writes the n destination bytes only. Run by scripts/prove;
 * not compiled by make. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/errno.h"
#include "futeet/mm.h"

/* The user half, plus the low window Linux static programs load into
 * when mm_low_window is set (include/futeet/mm.h, user_va_range). */
/*@ predicate user_range(integer a, integer n) =
      (USER_BASE <= a && a + n <= USER_TOP) ||
      (mm_low_window != 0 && USER_LOW_BASE <= a && a + n <= USER_LOW_TOP); */

/*@ assigns \nothing; */
bool paging_user_ok(uint64_t va, bool write);

/*@ assigns \nothing;
    ensures \result != 0 ==> user_range(va, n); */
static inline bool user_va_range(uint64_t va, uint64_t n);

/*@ assigns ((char *)dst)[0 .. n - 1]; */
void cpu_user_copy(void *dst, const void *src, size_t n);

/*@ assigns \nothing;
    ensures inside: n != 0 && \result ==> user_range(uaddr, n);
*/
bool user_range_ok(uint64_t uaddr, size_t n, bool write);

/*@ assigns ((char *)dst)[0 .. n - 1];
    ensures \result == 0 || \result == -EFAULT;
    ensures n != 0 && !user_range(usrc, n) ==> \result == -EFAULT;
    ensures \result == 0 ==> n == 0 || user_range(usrc, n);
*/
int copy_from_user(void *dst, uint64_t usrc, size_t n);

/*@ assigns ((char *)(uintptr_t)udst)[0 .. n - 1];
    ensures \result == 0 || \result == -EFAULT;
    ensures n != 0 && !user_range(udst, n) ==> \result == -EFAULT;
    ensures \result == 0 ==> n == 0 || user_range(udst, n);
*/
int copy_to_user(uint64_t udst, const void *src, size_t n);

#include "kernel/proc.c"
