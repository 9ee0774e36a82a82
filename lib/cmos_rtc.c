/* MC146818 CMOS RTC date registers -> Unix seconds (lib/cmos_rtc.h). */
#include "futeet/errno.h"
#include "lib/cmos_rtc.h"

/* BCD (two decimal digits, MC146818A "DM = 0") or binary; -1 when a BCD
 * digit is above 9. */
static int rtc_field(uint8_t v, int binary)
{
	if (binary)
		return v;
	if ((v & 0x0f) > 9 || (v >> 4) > 9)
		return -1;
	return (v >> 4) * 10 + (v & 0x0f);
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar, for
 * 1900 <= y <= 2099 (Howard Hinnant's days_from_civil, "chrono-Compatible
 * Low-Level Date Algorithms"). */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = y / 400;                      /* y >= 1899: non-negative */
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int64_t)era * 146097 + doe - 719468;
}

int rtc_decode(const struct rtc_regs *r, int64_t *unix_sec)
{
	static const uint8_t mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int bin = (r->reg_b & RTC_REG_B_BIN) != 0;
	int sec = rtc_field(r->sec, bin), min = rtc_field(r->min, bin);
	int day = rtc_field(r->day, bin), month = rtc_field(r->month, bin);
	int year = rtc_field(r->year, bin), century = rtc_field(r->century, bin);
	int pm = 0, hour;

	if (r->reg_b & RTC_REG_B_24H) {
		hour = rtc_field(r->hour, bin);
	} else {
		pm = (r->hour & RTC_HOUR_PM) != 0;
		hour = rtc_field((uint8_t)(r->hour & ~RTC_HOUR_PM), bin);
		if (hour < 1 || hour > 12)
			return -EINVAL;
		hour = hour % 12 + (pm ? 12 : 0);   /* 12 AM = 0, 12 PM = 12 */
	}
	if (sec < 0 || sec > 59 || min < 0 || min > 59 || hour < 0 || hour > 23 ||
	    month < 1 || month > 12 || year < 0 || year > 99 || day < 1)
		return -EINVAL;
	if (century != 19 && century != 20)
		century = 20;
	year += century * 100;
	if (day > mdays[month - 1] + (month == 2 && is_leap(year)))
		return -EINVAL;
	*unix_sec = days_from_civil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
	return 0;
}
