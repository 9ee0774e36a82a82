/* libFuzzer: the CMOS RTC decoder (lib/cmos_rtc.c) on any register values
 * a host can write. Properties: no crash or UB; an accepted date lies in
 * 1900-01-01 .. 2099-12-31 23:59:59 and splits back into the same
 * time of day (seconds, minutes, 24-hour hours). */
#include <stddef.h>
#include <stdint.h>

#include "lib/cmos_rtc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int field(uint8_t v, int bin)
{
	return bin ? v : (v >> 4) * 10 + (v & 0x0f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rtc_regs r;
	int64_t t;

	if (size < 8)
		return 0;
	r = (struct rtc_regs){ data[0], data[1], data[2], data[3], data[4], data[5], data[6], data[7] };
	if (rtc_decode(&r, &t) != 0)
		return 0;
	/* -2208988800 = 1900-01-01, 4102444799 = 2099-12-31T23:59:59 (timegm) */
	if (t < -2208988800LL || t > 4102444799LL)
		__builtin_trap();
	int bin = (r.reg_b & RTC_REG_B_BIN) != 0;
	int64_t tod = ((t % 86400) + 86400) % 86400;
	if (tod % 60 != field(r.sec, bin) || tod / 60 % 60 != field(r.min, bin))
		__builtin_trap();
	if ((r.reg_b & RTC_REG_B_24H) && tod / 3600 != field(r.hour, bin))
		__builtin_trap();
	return 0;
}
