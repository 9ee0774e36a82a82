/* Time from the TSC (kernel/time.c). Monotonic, never from the host's clock. */
#ifndef FUTEET_TIME_H
#define FUTEET_TIME_H

#include <stdint.h>

uint64_t time_ns(void);              /* since kernel entry (TSC based) */
void time_udelay(uint64_t us);       /* busy wait */

#endif
