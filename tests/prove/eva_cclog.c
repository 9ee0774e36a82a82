/* Frama-C EVA entry point for the CC event log parser (lib/cclog.c):
 * cclog_replay (cclog_begin, then cclog_next to the end, extending the
 * RTMRs) over unknown bytes of every length 0..LOG_MAX (room for the Spec
 * ID event and two SHA-384 records), then a walk of the same bytes with
 * cclog_begin/cclog_next that checks each returned SHA-384 digest lies
 * inside the buffer; NULL. (That the event data range lies inside is a
 * three-variable relation, data_len <= len - off, beyond EVA: not checked.) The input sits at the start of log[]: EVA
 * shows every read stays inside log[]; that they stay below len is the
 * parser's index checks (`it->len - off < ...`), which EVA follows with its
 * octagon domain. BearSSL's SHA-384 is stubbed (sha384_stub.acsl.h) with the
 * contract cclog_extend relies on. Run by scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "lib/cclog.h"
#include <bearssl.h>
#include "tests/prove/sha384_stub.acsl.h"

#define LOG_MAX 200u

static uint8_t log_buf[LOG_MAX];
static uint8_t rtmr[CCLOG_RTMRS][CCLOG_SHA384_SIZE];

int main(void)
{
	struct cclog_iter it;
	struct cclog_event ev;
	size_t len = Frama_C_size_t_interval(0, sizeof(log_buf));
	size_t used;
	uint32_t events;
	int i;

	Frama_C_make_unknown((char *)log_buf, sizeof(log_buf));
	(void)cclog_replay(log_buf, len, rtmr, &used, &events);
	(void)cclog_replay(NULL, len, rtmr, &used, &events);
	if (cclog_begin(&it, log_buf, len) == 0) {
		for (i = 0; i < 4; i++) {
			if (cclog_next(&it, &ev) != 1)
				break;
			if (ev.digest) {
				/*@ assert digest_inside: \valid_read(ev.digest + (0 .. CCLOG_SHA384_SIZE - 1)); */
			}
		}
	}
	return 0;
}
