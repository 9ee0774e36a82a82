/* Kernel, lib/ and tools share one set of error numbers (Linux values) and one
 * strerror. Functions return 0 or a negative errno. */
#ifndef FUTEET_ERRNO_H
#define FUTEET_ERRNO_H

#include "../uapi/futeet/errno.h"

/* Short English text for a positive or negative errno; never NULL. */
const char *futeet_strerror(int err);

#endif
