/* lib/cmos_rtc.c: MC146818 date registers (BCD and binary, 24 h and 12 h
 * modes, MC146818A datasheet "Register B") to Unix seconds. The expected
 * seconds come from Python's calendar.timegm (independent code); the
 * refusals are impossible dates a hostile host could write. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "lib/cmos_rtc.h"

#define BCD(x) ((uint8_t)(((x) / 10) << 4 | ((x) % 10)))

static struct rtc_regs bcd24(int y, int mo, int d, int h, int mi, int s)
{
	struct rtc_regs r = { BCD(s), BCD(mi), BCD(h), BCD(d), BCD(mo), BCD(y % 100), BCD(y / 100),
			      RTC_REG_B_24H };
	return r;
}

static void test_rtc_bcd_24h_matches_timegm(void **state)
{
	static const struct {
		int y, mo, d, h, mi, s;
		int64_t want;   /* calendar.timegm(datetime(...).timetuple()) */
	} v[] = {
		{ 2026, 12, 1, 17, 29, 20, 1796146160 },
		{ 2000, 2, 29, 23, 59, 59, 951868799 },
		{ 1999, 12, 31, 0, 0, 0, 946598400 },
		{ 2099, 12, 31, 12, 0, 0, 4102401600 },
		{ 2024, 2, 29, 0, 0, 1, 1709164801 },
		{ 1970, 1, 1, 0, 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct rtc_regs r = bcd24(v[i].y, v[i].mo, v[i].d, v[i].h, v[i].mi, v[i].s);
		int64_t t = -1;

		assert_int_equal(rtc_decode(&r, &t), 0);
		assert_true(t == v[i].want);
	}
}

static void test_rtc_binary_and_12h_modes(void **state)
{
	/* 2026-12-01 05:29:20 PM, binary mode, 12-hour clock */
	struct rtc_regs r = { 20, 29, 5 | RTC_HOUR_PM, 1, 12, 26, 20, RTC_REG_B_BIN };
	int64_t t;

	assert_int_equal(rtc_decode(&r, &t), 0);
	assert_true(t == 1796146160);
	/* 12 AM is midnight, 12 PM noon (BCD, 12-hour) */
	r = (struct rtc_regs){ 0, 0, BCD(12), 1, 1, BCD(70), BCD(19), 0 };
	assert_int_equal(rtc_decode(&r, &t), 0);
	assert_true(t == 0);
	r.hour = BCD(12) | RTC_HOUR_PM;
	assert_int_equal(rtc_decode(&r, &t), 0);
	assert_true(t == 12 * 3600);
}

static void test_rtc_missing_century_means_20xx(void **state)
{
	struct rtc_regs r = bcd24(2026, 12, 1, 17, 29, 20);
	int64_t t;

	r.century = 0xff;   /* no century register: not BCD */
	assert_int_equal(rtc_decode(&r, &t), 0);
	assert_true(t == 1796146160);
}

static void test_rtc_impossible_dates_refused(void **state)
{
	struct rtc_regs r;
	int64_t t = 42;

	r = bcd24(2023, 2, 29, 0, 0, 0);                /* not a leap year */
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r = bcd24(2026, 4, 31, 0, 0, 0);
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r = bcd24(2026, 13, 1, 0, 0, 0);
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r = bcd24(2026, 0, 1, 0, 0, 0);
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r = bcd24(2026, 1, 0, 0, 0, 0);
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r = bcd24(2026, 1, 1, 24, 0, 0);
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r = bcd24(2026, 1, 1, 0, 60, 0);
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r = bcd24(2026, 1, 1, 0, 0, 60);
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r = bcd24(2026, 1, 1, 0, 0, 0);
	r.sec = 0x1a;                                    /* not BCD */
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r = bcd24(2026, 1, 1, 0, 0, 0);
	r.reg_b = 0;                                     /* 12-hour mode, hour 0 */
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r = (struct rtc_regs){ 0, 0, 0, 1, 1, 100, 20, RTC_REG_B_BIN | RTC_REG_B_24H };  /* year 100 */
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	assert_true(t == 42);                           /* untouched on refusal */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rtc_bcd_24h_matches_timegm),
		cmocka_unit_test(test_rtc_binary_and_12h_modes),
		cmocka_unit_test(test_rtc_missing_century_means_20xx),
		cmocka_unit_test(test_rtc_impossible_dates_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
