/* Decoding the MC146818-compatible CMOS real-time clock's date registers
 * into seconds since the Unix epoch (Motorola MC146818A datasheet, "Address
 * Map" and "Register B"; the century byte at 0x32 as the ACPI FADT CENTURY
 * field names it, ACPI 6.5 table 5.9). The host writes every register: the
 * values are hostile and checked before use. Plain bounded C. */
#ifndef FUTEET_LIB_CMOS_RTC_H
#define FUTEET_LIB_CMOS_RTC_H

#include <stdint.h>

/* Register numbers (MC146818A "Address Map"). */
#define RTC_SECONDS     0x00
#define RTC_MINUTES     0x02
#define RTC_HOURS       0x04
#define RTC_DAY         0x07
#define RTC_MONTH       0x08
#define RTC_YEAR        0x09
#define RTC_REG_A       0x0A
#define RTC_REG_B       0x0B
#define RTC_CENTURY     0x32    /* ACPI FADT CENTURY, where QEMU and PCs keep it */
#define RTC_REG_A_UIP   0x80    /* update in progress: the date registers may change */
#define RTC_REG_B_24H   0x02    /* 1: hours 0-23; 0: 1-12 with bit 7 = PM */
#define RTC_REG_B_BIN   0x04    /* DM: 1 binary, 0 BCD */
#define RTC_HOUR_PM     0x80

/* The raw register values as read. */
struct rtc_regs {
	uint8_t sec, min, hour, day, month, year, century, reg_b;
};

/* 0 with *unix_sec, or -EINVAL when any field is out of range (bad BCD,
 * second 60+, month 13, day 31 of a 30-day month, ...). A century byte that
 * is not 19..20 counts as 20 (the datasheet has no century register).  */
int rtc_decode(const struct rtc_regs *r, int64_t *unix_sec);

#endif
