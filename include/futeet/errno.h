/* Kernel, lib/ and tools share one set of error numbers (Linux values) and one
 * strerror. Functions return 0 or a negative errno. */
#ifndef FUTEET_ERRNO_H
#define FUTEET_ERRNO_H

#include "../uapi/futeet/errno.h"   /* also declares futeet_strerror */

#endif
