/* FUTEET userland: getrandom (flag values from Linux include/uapi/linux/random.h).
 * The kernel's HMAC-DRBG never blocks; unknown flags are -EINVAL. */
#ifndef _ULIBC_SYS_RANDOM_H
#define _ULIBC_SYS_RANDOM_H

#include <sys/types.h>

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM   0x0002
#define GRND_INSECURE 0x0004

ssize_t getrandom(void *buf, size_t len, unsigned int flags);

#endif
