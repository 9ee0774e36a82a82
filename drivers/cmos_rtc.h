/* The host's wall clock from the CMOS RTC (ports 0x70/0x71). Untrusted: the
 * host emulates the chip and may say any time. */
#ifndef FUTEET_DRIVERS_CMOS_RTC_H
#define FUTEET_DRIVERS_CMOS_RTC_H

#include <stdint.h>

/* 0 with *unix_sec (1 s resolution), or -EIO when the clock does not answer
 * consistently or -EINVAL when it says an impossible date. */
int cmos_rtc_read(int64_t *unix_sec);

#endif
