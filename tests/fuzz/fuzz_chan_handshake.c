/* libFuzzer: the channel's handshake messages (lib/chan.c chan_hs_input:
 * hello and auth parsers, the test-evidence parser, the state machine) on
 * hostile frames. The first input byte picks the victim: 0 a fresh
 * responder, 1 an initiator that sent the vector's INIT_HELLO, 2 the
 * vector's responder waiting for INIT_AUTH; the rest is a byte stream split
 * into frames. Oracle for 1 and 2: the channel is established only when
 * the frames were exactly the genuine ones (no altered handshake is ever
 * accepted); for 0 nothing may crash, and a failure always closes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tests/fuzz/chan_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fx_party st[3];
static uint8_t g_f2f3[1024], g_f4[1024];
static size_t g_f2f3_len, g_f4_len;

static void setup(void)
{
	static struct fx_party ini;
	static uint8_t a[1024];
	size_t al, f2;

	fx_party(&st[0], CHAN_ROLE_RESPONDER);
	fx_party(&ini, CHAN_ROLE_INITIATOR);
	fx_party(&st[2], CHAN_ROLE_RESPONDER);
	if (chan_hs_start(&ini.c, a, sizeof(a), &al))
		abort();
	st[1] = ini;
	if (chan_hs_input(&st[2].c, a, al, g_f2f3, sizeof(g_f2f3), &g_f2f3_len) ||
	    chan_frame_len(g_f2f3, g_f2f3_len, &f2) ||
	    chan_hs_input(&ini.c, g_f2f3, f2, a, sizeof(a), &al) ||
	    chan_hs_input(&ini.c, g_f2f3 + f2, g_f2f3_len - f2, g_f4, sizeof(g_f4), &g_f4_len))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static struct fx_party p;
	static uint8_t out[CHAN_MAX_FRAME];
	size_t off = 1, fl, ol;
	unsigned v;

	if (!ready) {
		setup();
		ready = 1;
	}
	if (size < 1)
		return 0;
	v = data[0] % 3;
	p = st[v];
	fx_fix(&p);
	while (off < size && !chan_established(&p.c)) {
		int rc = chan_frame_len(data + off, size - off, &fl);
		if (rc != 0 || fl > size - off)
			fl = size - off;
		rc = chan_hs_input(&p.c, data + off, fl, out, sizeof(out), &ol);
		if (rc != 0) {
			if (p.c.state != CHAN_S_CLOSED || chan_established(&p.c))
				abort();
			return 0;
		}
		off += fl;
	}
	if (chan_established(&p.c)) {
		const uint8_t *want = v == 1 ? g_f2f3 : g_f4;
		size_t want_len = v == 1 ? g_f2f3_len : g_f4_len;
		if (v == 0 || off - 1 != want_len || memcmp(data + 1, want, want_len) != 0)
			abort();
	}
	return 0;
}
