/* libFuzzer: the channel's handshake messages (lib/chan.c chan_hs_input:
 * hello and auth parsers in both auth modes, the attested key's signature
 * check, the test-evidence parser, the state machine) on hostile frames.
 * The first input byte picks the victim:
 *   0 a fresh responder (nothing may crash, a failure always closes);
 *   1 an initiator that sent the vector's INIT_HELLO;
 *   2 the vector's responder waiting for INIT_AUTH;
 *   3 a responder whose policy forbids the attested-key mode, waiting for
 *     INIT_AUTH;
 *   4 an initiator whose policy forbids it, having sent its INIT_HELLO
 *     (FRESH_REQUIRED);
 * the rest is a byte stream split into frames. Oracle for 1..4: the channel
 * is established only by exactly the genuine frames of a party that holds
 * the keys: for 1 a fresh or an attested-key responder's RESP_HELLO ||
 * RESP_AUTH, for 2 a fresh or an attested-key initiator's INIT_AUTH, for 3
 * and 4 the fresh ones only (their peers were asked for fresh evidence). No
 * altered handshake, and no attested key where the policy forbids it, is
 * ever accepted. The attested-key frames are reproducible: BearSSL's ECDSA
 * takes k from RFC 6979.
 *
 * FUZZ_CHAN_SEEDS=DIR writes the genuine inputs of each victim into DIR
 * (how tests/fuzz/corpus/fuzz_chan_handshake/ got its ak_* seeds). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/fuzz/chan_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NV 5u
#define MAXG 2u
static struct fx_party st[NV];
struct genuine { uint8_t b[1024]; size_t n; };
static struct genuine good[NV][MAXG];  /* the frames that may establish victim v */

/* Initiator `ini` (in state after F1) meets responder `r` (after F1, whose
 * answer is f2f3): the initiator's F4 into *f4. */
static void finish(struct fx_party ini, const struct genuine *f2f3, struct genuine *f4)
{
	size_t f2, al;
	uint8_t a[1024];

	fx_fix(&ini);
	if (chan_frame_len(f2f3->b, f2f3->n, &f2) ||
	    chan_hs_input(&ini.c, f2f3->b, f2, a, sizeof(a), &al) ||
	    chan_hs_input(&ini.c, f2f3->b + f2, f2f3->n - f2, f4->b, sizeof(f4->b), &f4->n) ||
	    !chan_established(&ini.c))
		abort();
}

/* Responder r gets F1 (f1, fl): its RESP_HELLO || RESP_AUTH into *out. */
static void answer(struct fx_party *r, const uint8_t *f1, size_t fl, struct genuine *out)
{
	fx_fix(r);
	if (chan_hs_input(&r->c, f1, fl, out->b, sizeof(out->b), &out->n))
		abort();
}

static void setup(void)
{
	static struct fx_party ini, ini_ak, ini_fb, r, r_ak, r_fb, x;
	static uint8_t f1[256], f1_fb[256], tmp[1024];
	struct genuine f2f3, f2f3_ak, f2f3_fb, f2f3_4, junk;
	size_t l1, l1_fb, n;

	fx_party(&ini, CHAN_ROLE_INITIATOR);
	fx_party_ak(&ini_ak, CHAN_ROLE_INITIATOR);
	fx_party(&ini_fb, CHAN_ROLE_INITIATOR);
	ini_fb.cfg.forbid_attested_key = true;
	fx_fix(&ini_fb);
	fx_party(&r, CHAN_ROLE_RESPONDER);
	fx_party_ak(&r_ak, CHAN_ROLE_RESPONDER);
	fx_party(&r_fb, CHAN_ROLE_RESPONDER);
	r_fb.cfg.forbid_attested_key = true;
	fx_fix(&r_fb);
	fx_party(&st[0], CHAN_ROLE_RESPONDER);

	/* the vector's INIT_HELLO (an attested-key initiator's is the same) */
	if (chan_hs_start(&ini.c, f1, sizeof(f1), &l1) || chan_hs_start(&ini_ak.c, tmp, sizeof(tmp), &n) ||
	    n != l1 || memcmp(tmp, f1, l1) || chan_hs_start(&ini_fb.c, f1_fb, sizeof(f1_fb), &l1_fb))
		abort();
	st[1] = ini;
	st[4] = ini_fb;
	x = r;
	answer(&x, f1, l1, &f2f3);
	st[2] = x;
	x = r_ak;
	answer(&x, f1, l1, &f2f3_ak);
	x = r_fb;
	answer(&x, f1, l1, &f2f3_fb);
	st[3] = x;
	x = r_ak;                          /* asked for fresh evidence: gives it */
	answer(&x, f1_fb, l1_fb, &f2f3_4);
	if (f2f3_4.b[CHAN_HDR_LEN + CHAN_HELLO_LEN + CHAN_HDR_LEN] != CHAN_MODE_FRESH)
		abort();

	good[1][0] = f2f3;
	good[1][1] = f2f3_ak;
	finish(ini, &f2f3, &good[2][0]);
	finish(ini_ak, &f2f3, &good[2][1]);
	if (good[2][1].b[CHAN_HDR_LEN] != CHAN_MODE_ATTESTED_KEY)
		abort();
	finish(ini_ak, &f2f3_fb, &good[3][0]);     /* FRESH_REQUIRED honoured */
	if (good[3][0].b[CHAN_HDR_LEN] != CHAN_MODE_FRESH)
		abort();
	good[4][0] = f2f3_4;
	finish(ini_fb, &f2f3_4, &junk);

	/* self-check: an attested-key INIT_AUTH made for victim 3's
	 * transcript by an initiator that disregards FRESH_REQUIRED is
	 * refused with mode-forbidden (CHANNEL.md 4) */
	{
		struct fx_party a = ini_ak, v = st[3];
		size_t f2, al;
		fx_fix(&a);
		fx_fix(&v);
		if (chan_frame_len(f2f3_fb.b, f2f3_fb.n, &f2) ||
		    chan_hs_input(&a.c, f2f3_fb.b, f2, tmp, sizeof(tmp), &al))
			abort();
		a.c.peer_flags = 0;
		if (chan_hs_input(&a.c, f2f3_fb.b + f2, f2f3_fb.n - f2, junk.b, sizeof(junk.b), &junk.n) ||
		    junk.b[CHAN_HDR_LEN] != CHAN_MODE_ATTESTED_KEY ||
		    chan_hs_input(&v.c, junk.b, junk.n, tmp, sizeof(tmp), &al) != -EPROTO ||
		    v.c.reason != CHAN_R_MODE_FORBIDDEN)
			abort();
	}

	const char *dir = getenv("FUZZ_CHAN_SEEDS");
	if (dir != NULL) {
		static const char *const names[NV][MAXG] = {
			{ NULL, NULL }, { "initiator_f2f3", "ak_initiator_f2f3" },
			{ "responder_f4", "ak_responder_f4" }, { "ak_forbidding_responder_f4", NULL },
			{ "ak_forbidding_initiator_f2f3", NULL } };
		for (unsigned v = 1; v < NV; v++)
			for (unsigned g = 0; g < MAXG; g++) {
				char path[512];
				FILE *f;
				uint8_t vb = (uint8_t)v;
				if (names[v][g] == NULL)
					continue;
				snprintf(path, sizeof(path), "%s/%s", dir, names[v][g]);
				f = fopen(path, "wb");
				if (f == NULL || fwrite(&vb, 1, 1, f) != 1 ||
				    fwrite(good[v][g].b, 1, good[v][g].n, f) != good[v][g].n || fclose(f))
					abort();
			}
	}
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
	v = data[0] % NV;
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
		bool ok = false;
		for (unsigned g = 0; g < MAXG; g++)
			ok |= v != 0 && good[v][g].n != 0 && off - 1 == good[v][g].n &&
			      memcmp(data + 1, good[v][g].b, good[v][g].n) == 0;
		if (!ok)
			abort();
	}
	return 0;
}
