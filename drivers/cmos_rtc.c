/* CMOS RTC reader (MC146818A datasheet; index port 0x70, data port 0x71, as
 * on every PC and QEMU's mc146818rtc). The registers are read while no
 * update is in progress, twice, until two reads agree (the datasheet's
 * "update cycle" may change them between bytes), then decoded by
 * lib/cmos_rtc.c, which checks every field. */
#include "drivers/cmos_rtc.h"
#include "futeet/errno.h"
#include "futeet/io.h"
#include "lib/cmos_rtc.h"

#define CMOS_INDEX     0x70
#define CMOS_DATA      0x71
#define CMOS_NMI_OFF   0x80    /* index bit 7: NMI disabled while we read */
#define RTC_UIP_SPINS  100000u /* an update cycle lasts at most 2 ms (MC146818A) */
#define RTC_READ_TRIES 4

static uint8_t cmos_read(uint8_t reg)
{
	io_outb(CMOS_INDEX, (uint8_t)(CMOS_NMI_OFF | reg));
	return io_inb(CMOS_DATA);
}

static int rtc_read_regs(struct rtc_regs *r)
{
	uint32_t i;

	for (i = 0; i < RTC_UIP_SPINS; i++)
		if (!(cmos_read(RTC_REG_A) & RTC_REG_A_UIP))
			break;
	if (i == RTC_UIP_SPINS)
		return -EIO;
	r->sec = cmos_read(RTC_SECONDS);
	r->min = cmos_read(RTC_MINUTES);
	r->hour = cmos_read(RTC_HOURS);
	r->day = cmos_read(RTC_DAY);
	r->month = cmos_read(RTC_MONTH);
	r->year = cmos_read(RTC_YEAR);
	r->century = cmos_read(RTC_CENTURY);
	r->reg_b = cmos_read(RTC_REG_B);
	return 0;
}

int cmos_rtc_read(int64_t *unix_sec)
{
	struct rtc_regs a, b;
	int rc = rtc_read_regs(&a);

	for (int t = 0; rc == 0 && t < RTC_READ_TRIES; t++) {
		rc = rtc_read_regs(&b);
		if (rc == 0 && a.sec == b.sec && a.min == b.min && a.hour == b.hour &&
		    a.day == b.day && a.month == b.month && a.year == b.year &&
		    a.century == b.century && a.reg_b == b.reg_b)
			return rtc_decode(&b, unix_sec);
		a = b;
	}
	return rc ? rc : -EIO;
}
