/* FUTEET userland: clocks (POSIX clock_gettime; clock ids from Linux
 * include/uapi/linux/time.h). The kernel has CLOCK_MONOTONIC,
 * CLOCK_MONOTONIC_RAW and CLOCK_BOOTTIME (one TSC-based clock: the guest
 * never suspends and nothing slews it). */
#ifndef _ULIBC_TIME_H
#define _ULIBC_TIME_H

#include <sys/types.h>

#define CLOCK_REALTIME  0  /* not offered by FUTEET: no trusted wall clock */
#define CLOCK_MONOTONIC 1
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_BOOTTIME  7

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

int clock_gettime(clockid_t clk, struct timespec *ts);

#endif
