/* libFuzzer: the channel's record layer (lib/chan.c chan_frame_len +
 * chan_open) on hostile bytes, as a stream split into frames the way a
 * transport would. Start: the responder of the `fresh` vector, established.
 * Oracle: a record is accepted only if its bytes are exactly the genuine
 * record the initiator sealed for that position (DATA seq 0; KEY_UPDATE seq
 * 1; DATA seq 0 under the next key; CLOSE): altered data is never accepted,
 * and after any failure nothing more is. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tests/fuzz/chan_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fx_party resp0;
static uint8_t genuine[4][64];
static size_t genuine_len[4];

static void setup(void)
{
	static struct fx_party ini;
	static uint8_t a[1024], b[1024];
	size_t al, bl, f2;

	fx_party(&ini, CHAN_ROLE_INITIATOR);
	fx_party(&resp0, CHAN_ROLE_RESPONDER);
	if (chan_hs_start(&ini.c, a, sizeof(a), &al) ||
	    chan_hs_input(&resp0.c, a, al, b, sizeof(b), &bl) ||
	    chan_frame_len(b, bl, &f2) ||
	    chan_hs_input(&ini.c, b, f2, a, sizeof(a), &al) ||
	    chan_hs_input(&ini.c, b + f2, bl - f2, a, sizeof(a), &al) ||
	    chan_hs_input(&resp0.c, a, al, b, sizeof(b), &bl) || !chan_established(&resp0.c))
		abort();
	/* DATA, then KEY_UPDATE + DATA (two records per key), then CLOSE */
	if (chan_seal(&ini.c, (const uint8_t *)"hello from the initiator", 24, a, sizeof(a), &al) ||
	    chan_seal(&ini.c, (const uint8_t *)"after the key update", 20, b, sizeof(b), &bl))
		abort();
	memcpy(genuine[0], a, al);
	genuine_len[0] = al;
	memcpy(genuine[1], b, CHAN_RECORD_OVERHEAD);
	genuine_len[1] = CHAN_RECORD_OVERHEAD;
	memcpy(genuine[2], b + CHAN_RECORD_OVERHEAD, bl - CHAN_RECORD_OVERHEAD);
	genuine_len[2] = bl - CHAN_RECORD_OVERHEAD;
	if (chan_close_frame(&ini.c, CHAN_R_CLOSED, a, sizeof(a), &al))
		abort();
	memcpy(genuine[3], a, al);
	genuine_len[3] = al;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static struct fx_party r;
	static uint8_t pt[CHAN_MAX_PLAINTEXT], out[256];
	size_t off = 0, fl, ptl, ol;
	int k = 0;

	if (!ready) {
		setup();
		ready = 1;
	}
	r = resp0;
	fx_fix(&r);
	while (off < size) {
		int rc = chan_frame_len(data + off, size - off, &fl);
		if (rc == -EAGAIN || (rc == 0 && fl > size - off)) {
			chan_eof(&r.c, size - off);
			if (r.c.reason != CHAN_R_TRUNCATED && chan_established(&r.c))
				abort();
			break;
		}
		if (rc != 0)
			fl = size - off; /* a bad header: hand the rest over, it must fail */
		rc = chan_open(&r.c, data + off, fl, pt, sizeof(pt), &ptl, out, sizeof(out), &ol);
		if (rc == 0 || (rc == -EPIPE && r.c.reason_from_peer)) {
			/* accepted (DATA, KEY_UPDATE, or a CLOSE believed): it must
			 * be the genuine record for this position */
			if (k >= 4 || fl != genuine_len[k] || memcmp(data + off, genuine[k], fl) != 0)
				abort();
		}
		if (rc != 0) {
			if (chan_established(&r.c))
				abort(); /* any failure closes the channel */
			break;
		}
		k++;
		off += fl;
	}
	return 0;
}
