/* Kept for programs that include <futeet.h>: FUTEET's user ABI and libfuteet
 * are declared in include/uapi/futeet/futeet.h, include that. */
#ifndef _ULIBC_FUTEET_H
#define _ULIBC_FUTEET_H

#include <futeet/futeet.h>

#endif
