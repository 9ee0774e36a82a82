/* The CC event log (lib/cclog.c): TCG PFP 1.05 crypto-agile format and the
 * TDX extend rule. Known answer: the CCEL of a real GCP TD
 * (go-tdx-guest ccel/ccel_data.dat, MANIFEST.md section 3.3) replays to the
 * RTMR0..2 that the TDX module put into its quote (cos-113-tdx-quote.dat,
 * v4: RTMRn at 0x178 + 48 n), as go-tdx-guest's TestReplayCcelWithTdQuote
 * asserts; that also pins the extend rule SHA-384(old || digest). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/cclog.h"
#include "tests/unit/testdata.h"

#define QUOTE_V4_RTMR0 0x178u /* Intel DCAP quote A.3: body @0x30 + RTMR0 @0x148 */

static void test_real_ccel_replays_to_the_quotes_rtmrs(void **state)
{
	size_t log_len, q_len, used = 0;
	uint8_t *log = testdata_load("go-tdx-guest/ccel/ccel_data.dat", &log_len);
	uint8_t *q = testdata_load("go-tdx-guest/ccel/cos-113-tdx-quote.dat", &q_len);
	uint8_t rtmr[CCLOG_RTMRS][CCLOG_SHA384_SIZE];
	uint32_t events = 0;

	(void)state;
	assert_non_null(log);
	assert_non_null(q);
	assert_true(q_len >= QUOTE_V4_RTMR0 + 4 * 48);
	assert_int_equal(cclog_replay(log, log_len, rtmr, &used, &events), 0);
	assert_true(events > 10);
	assert_true(used < log_len); /* stops at TDVF's 0xFF fill */
	assert_int_equal(used, 18101); /* the last non-0xFF byte + 1 (MANIFEST: measured with Python) */
	for (unsigned i = 0; i < 3; i++)
		assert_memory_equal(rtmr[i], q + QUOTE_V4_RTMR0 + 48 * i, 48);
	/* One flipped digest byte anywhere changes the replay. */
	log[0x4d + 10] ^= 1;
	assert_int_equal(cclog_replay(log, log_len, rtmr, &used, &events), 0);
	assert_memory_not_equal(rtmr[0], q + QUOTE_V4_RTMR0, 48);
	free(log);
	free(q);
}

static void test_written_log_parses_back(void **state)
{
	uint8_t buf[1024], d1[48], d2[48], rtmr[CCLOG_RTMRS][48], want[48];
	struct cclog_iter it;
	struct cclog_event ev;
	size_t len = 0, used = 0;
	uint32_t events = 0;

	(void)state;
	memset(d1, 0x11, sizeof(d1));
	memset(d2, 0x22, sizeof(d2));
	assert_int_equal(cclog_write_header(buf, sizeof(buf), &len), 0);
	assert_int_equal(cclog_append(buf, sizeof(buf), &len, CCLOG_MR_RTMR(2), CCLOG_EV_IPL, d1,
				      "cmdline", 7), 0);
	assert_int_equal(cclog_append(buf, sizeof(buf), &len, CCLOG_MR_RTMR(3), CCLOG_EV_EVENT_TAG,
				      d2, NULL, 0), 0);
	assert_int_equal(cclog_begin(&it, buf, len), 0);
	assert_int_equal(cclog_next(&it, &ev), 1);
	assert_int_equal(ev.mr_index, 3);
	assert_int_equal(ev.type, CCLOG_EV_IPL);
	assert_memory_equal(ev.digest, d1, 48);
	assert_int_equal(ev.data_len, 7);
	assert_memory_equal(ev.data, "cmdline", 7);
	assert_int_equal(cclog_next(&it, &ev), 1);
	assert_int_equal(cclog_next(&it, &ev), 0);
	assert_int_equal(it.off, len);
	assert_int_equal(cclog_replay(buf, len, rtmr, &used, &events), 0);
	assert_int_equal(events, 2);
	memset(want, 0, sizeof(want));
	cclog_extend(want, d1);
	assert_memory_equal(rtmr[2], want, 48);
	memset(want, 0, sizeof(want));
	assert_memory_equal(rtmr[0], want, 48);
	/* No space: nothing written. */
	size_t full = len;
	assert_int_equal(cclog_append(buf, full + 10, &len, 1, 1, d1, NULL, 0), -ENOSPC);
	assert_int_equal(len, full);
}

static void test_malformed_logs_are_refused(void **state)
{
	uint8_t buf[512], d[48], rtmr[CCLOG_RTMRS][48];
	size_t len = 0, used, hdr;
	uint32_t events;

	(void)state;
	memset(d, 0x33, sizeof(d));
	assert_int_equal(cclog_write_header(buf, sizeof(buf), &len), 0);
	hdr = len;
	assert_int_equal(cclog_append(buf, sizeof(buf), &len, 5, CCLOG_EV_IPL, d, NULL, 0), 0);
	/* MR index 5: no such RTMR */
	assert_int_equal(cclog_replay(buf, len, rtmr, &used, &events), -EBADMSG);
	buf[hdr] = 1;
	assert_int_equal(cclog_replay(buf, len, rtmr, &used, &events), 0);
	/* truncated inside the digest and inside the data */
	assert_int_equal(cclog_replay(buf, len - 10, rtmr, &used, &events), -EBADMSG);
	/* an algorithm the Spec ID event did not declare (SHA-256 = 0x000B) */
	buf[hdr + 12] = 0x0B;
	assert_int_equal(cclog_replay(buf, len, rtmr, &used, &events), -EBADMSG);
	buf[hdr + 12] = 0x0C;
	/* event size beyond the buffer */
	buf[hdr + 14 + 48 + 3] = 0x7f;
	assert_int_equal(cclog_replay(buf, len, rtmr, &used, &events), -EBADMSG);
	buf[hdr + 14 + 48 + 3] = 0;
	/* bad Spec ID signature; too short a header */
	buf[32] = 'X';
	assert_int_equal(cclog_replay(buf, len, rtmr, &used, &events), -EBADMSG);
	buf[32] = 'S';
	assert_int_equal(cclog_replay(buf, 40, rtmr, &used, &events), -EBADMSG);
	/* a Spec ID event without SHA-384 */
	buf[32 + 28] = 0x0B;
	assert_int_equal(cclog_replay(buf, len, rtmr, &used, &events), -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_ccel_replays_to_the_quotes_rtmrs),
		cmocka_unit_test(test_written_log_parses_back),
		cmocka_unit_test(test_malformed_logs_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
