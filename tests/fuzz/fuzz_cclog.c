/* libFuzzer: the CC event log parser and replay (lib/cclog.c, TCG PFP 1.05
 * crypto-agile format). Properties: an accepted log's used length lies
 * inside the input; walking it again record by record gives the same count,
 * each record's digest and data inside the input; re-writing the accepted
 * SHA-384-only records with cclog_append replays to the same RTMRs. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/cclog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t copy[1 << 16];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t rtmr[CCLOG_RTMRS][CCLOG_SHA384_SIZE], again[CCLOG_RTMRS][CCLOG_SHA384_SIZE];
	struct cclog_iter it;
	struct cclog_event ev;
	size_t used = 0, n = 0, used2 = 0;
	uint32_t events = 0, count = 0, events2 = 0;
	int rc;

	if (cclog_replay(data, size, rtmr, &used, &events) != 0)
		return 0;
	if (used > size)
		__builtin_trap();
	if (cclog_begin(&it, data, size) != 0)
		__builtin_trap();
	if (cclog_write_header(copy, sizeof(copy), &n) != 0)
		__builtin_trap();
	while ((rc = cclog_next(&it, &ev)) == 1) {
		count++;
		if (ev.data < data || ev.data + ev.data_len > data + size)
			__builtin_trap();
		if (ev.digest && (ev.digest < data || ev.digest + 48 > data + size))
			__builtin_trap();
		if (ev.type == CCLOG_EV_NO_ACTION || ev.digest == NULL)
			continue;
		if (cclog_append(copy, sizeof(copy), &n, ev.mr_index, ev.type, ev.digest, ev.data,
				 ev.data_len) != 0)
			return 0; /* does not fit our copy: fine */
	}
	if (rc != 0 || count != events || it.off != used)
		__builtin_trap();
	if (cclog_replay(copy, n, again, &used2, &events2) != 0 ||
	    memcmp(rtmr, again, sizeof(rtmr)) != 0)
		__builtin_trap();
	return 0;
}
