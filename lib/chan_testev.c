/* TEST EVIDENCE for the channel (see chan_testev.h): forgeable by anyone,
 * for host tests only until the real evidence step lands. */
#if !__STDC_HOSTED__ || defined(FUTEET_KERNEL)
#error "test evidence is forgeable: host tools and tests only, never in a guest"
#endif

#include "lib/chan_testev.h"

#include <errno.h>
#include <string.h>
#include "lib/bytes.h"
#include "lib/strbuf.h"

static const char MAGIC[16] = "FUTEETTESTEVID01";
static const char KEY_SEED[] = "futeet-chan test evidence key: NOT A TEE";
#define OFF_NONCE 16u
#define OFF_CNF 48u
#define OFF_MEAS 113u
#define OFF_DEBUG 161u
#define OFF_MAC 162u
_Static_assert(OFF_MAC + 32 == CHAN_TESTEV_LEN, "test evidence layout");

static void testev_mac(const uint8_t *p, uint8_t mac[32])
{
	uint8_t key[32];
	br_sha256_context h;
	br_hmac_key_context kc;
	br_hmac_context hc;

	br_sha256_init(&h);
	br_sha256_update(&h, KEY_SEED, sizeof(KEY_SEED) - 1);
	br_sha256_out(&h, key);
	br_hmac_key_init(&kc, &br_sha256_vtable, key, sizeof(key));
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, p, OFF_MAC);
	br_hmac_out(&hc, mac);
}

void chan_testev_make(const uint8_t nonce[32], const uint8_t cnf[CHAN_POINT_LEN],
		      const uint8_t meas[CHAN_TESTEV_MEAS_LEN], uint8_t debug,
		      uint8_t out[CHAN_TESTEV_LEN])
{
	memcpy(out, MAGIC, sizeof(MAGIC));
	memcpy(out + OFF_NONCE, nonce, 32);
	memcpy(out + OFF_CNF, cnf, CHAN_POINT_LEN);
	memcpy(out + OFF_MEAS, meas, CHAN_TESTEV_MEAS_LEN);
	out[OFF_DEBUG] = debug;
	testev_mac(out, out + OFF_MAC);
}

static int testev_produce(void *ctx, const uint8_t binding[CHAN_HASH_LEN],
			  const uint8_t cnf[CHAN_POINT_LEN], uint8_t *out, size_t cap,
			  size_t *out_len)
{
	struct chan_testev *t = ctx;
	uint8_t nonce[32];

	if (cap < CHAN_TESTEV_LEN)
		return -ENOSPC;
	memcpy(nonce, binding, 32);
	if (t->evil == 1)
		nonce[0] ^= 1;
	chan_testev_make(nonce, cnf, t->measurement, t->debug, out);
	if (t->evil == 2) {
		/* another valid point: the generator G (SEC 2 section 2.4.2) */
		static const uint8_t G[65] = {
			0x04, 0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6,
			0xe5, 0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33,
			0xa0, 0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96, 0x4f, 0xe3, 0x42,
			0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e,
			0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40,
			0x68, 0x37, 0xbf, 0x51, 0xf5,
		};
		chan_testev_make(nonce, G, t->measurement, t->debug, out);
	}
	if (t->evil == 3)
		out[OFF_MAC] ^= 1;
	*out_len = CHAN_TESTEV_LEN;
	return 0;
}

static void hex48(struct strbuf *b, const uint8_t *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	char s[3] = { 0, 0, 0 };

	for (size_t i = 0; i < n; i++) {
		s[0] = hx[p[i] >> 4];
		s[1] = hx[p[i] & 15];
		strbuf_add(b, s);
	}
}

static int testev_verify(void *ctx, const uint8_t *ev, size_t ev_len,
			 struct chan_peer_evidence *pe)
{
	struct chan_testev *t = ctx;
	struct strbuf b;
	uint8_t mac[32];

	strbuf_init(&b, pe->summary, sizeof(pe->summary));
	if (ev_len != CHAN_TESTEV_LEN || memcmp(ev, MAGIC, sizeof(MAGIC)) != 0) {
		strbuf_add(&b, "not test evidence");
		return -EBADMSG;
	}
	testev_mac(ev, mac);
	if (!bytes_ct_eq(mac, ev + OFF_MAC, 32)) {
		strbuf_add(&b, "test evidence: bad HMAC");
		return -EBADMSG;
	}
	if (ev[OFF_DEBUG] > 1) {
		strbuf_add(&b, "test evidence: debug byte not 0 or 1");
		return -EBADMSG;
	}
	if (memcmp(ev + OFF_MEAS, t->want_measurement, CHAN_TESTEV_MEAS_LEN) != 0) {
		strbuf_add(&b, "policy: measurement ");
		hex48(&b, ev + OFF_MEAS, 8);
		strbuf_add(&b, "... not the reference value");
		return -EACCES;
	}
	if (ev[OFF_DEBUG] && !t->allow_debug) {
		strbuf_add(&b, "policy: debug is on");
		return -EACCES;
	}
	memcpy(pe->eat_nonce, ev + OFF_NONCE, 32);
	pe->eat_nonce_len = 32;
	memcpy(pe->cnf, ev + OFF_CNF, CHAN_POINT_LEN);
	pe->has_cnf = true;
	strbuf_add(&b, "TEST EVIDENCE (forgeable, not a TEE): measurement ");
	hex48(&b, ev + OFF_MEAS, 8);
	strbuf_add(&b, ev[OFF_DEBUG] ? "... debug on" : "... debug off");
	return 0;
}

void chan_testev_ops(struct chan_evidence_ops *ops, struct chan_testev *t)
{
	ops->produce = testev_produce;
	ops->verify = testev_verify;
	ops->ctx = t;
}
