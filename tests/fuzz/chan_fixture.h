/* Shared by the channel fuzzers: the handshake of the `fresh` vector of
 * docs/CHANNEL.md section 9 (the same inputs: SHA-256 of "futeet-chan-v1
 * vector <name>", test evidence with measurements 0x11 / 0x22, two records
 * per key), run once between two C parties, so every input starts from a
 * known state and the genuine frames are known (the oracle). */
#ifndef FUTEET_TESTS_FUZZ_CHAN_FIXTURE_H
#define FUTEET_TESTS_FUZZ_CHAN_FIXTURE_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "lib/chan.h"
#include "lib/chan_testev.h"

struct fx_rng { uint8_t q[2][32]; int i; };

static int fx_rand(void *ctx, uint8_t *out, size_t n)
{
	struct fx_rng *r = ctx;

	if (r->i >= 2 || n != 32)
		return -1;
	memcpy(out, r->q[r->i++], 32);
	return 0;
}

static void fx_label(const char *name, uint8_t out[32])
{
	br_sha256_context h;
	static const char pfx[] = "futeet-chan-v1 vector ";

	br_sha256_init(&h);
	br_sha256_update(&h, pfx, sizeof(pfx) - 1);
	br_sha256_update(&h, name, strlen(name));
	br_sha256_out(&h, out);
}

struct fx_party {
	struct chan c;
	struct chan_testev tev;
	struct chan_evidence_ops ops;
	struct chan_config cfg;
	struct fx_rng rng;
	/* the attested-key mode (fx_party_ak): the key and its test evidence */
	uint8_t ak_priv[CHAN_SCALAR_LEN];
	uint8_t ak_ev[CHAN_TESTEV_LEN];
};

static void fx_party(struct fx_party *p, uint8_t role)
{
	int ini = role == CHAN_ROLE_INITIATOR;

	memset(p, 0, sizeof(*p));
	memset(p->tev.measurement, ini ? 0x11 : 0x22, 48);
	memset(p->tev.want_measurement, ini ? 0x22 : 0x11, 48);
	chan_testev_ops(&p->ops, &p->tev);
	fx_label(ini ? "i_nonce" : "r_nonce", p->rng.q[0]);
	fx_label(ini ? "i_eph_priv" : "r_eph_priv", p->rng.q[1]);
	p->cfg.ev = &p->ops;
	p->cfg.random = fx_rand;
	p->cfg.random_ctx = &p->rng;
	p->cfg.records_per_key = 2;
	if (chan_init(&p->c, role, &p->cfg))
		abort();
}

/* After a struct copy the context pointers must follow the copy. */
static void fx_fix(struct fx_party *p)
{
	p->ops.ctx = &p->tev;
	p->cfg.ev = &p->ops;
	p->cfg.random_ctx = &p->rng;
	if (p->cfg.ak_evidence != NULL) {
		p->cfg.ak_evidence = p->ak_ev;
		p->cfg.ak_priv = p->ak_priv;
	}
	p->c.cfg = p->cfg;
}

/* A party of the `ak` vector's kind: attested key = SHA-256("futeet-chan-v1
 * vector <role>_ak_priv"), test evidence with cnf = its key and the nonce of
 * CHANNEL.md 4 (the responder's is the vector's r_ak_evidence). */
static void fx_party_ak(struct fx_party *p, uint8_t role)
{
	uint8_t pub[CHAN_POINT_LEN], nonce[CHAN_HASH_LEN];

	fx_party(p, role);
	fx_label(role == CHAN_ROLE_INITIATOR ? "i_ak_priv" : "r_ak_priv", p->ak_priv);
	if (br_ec_p256_m31.mulgen(pub, p->ak_priv, CHAN_SCALAR_LEN, BR_EC_secp256r1) != CHAN_POINT_LEN)
		abort();
	chan_ak_nonce(pub, nonce);
	chan_testev_make(nonce, pub, p->tev.measurement, 0, p->ak_ev);
	p->cfg.ak_evidence = p->ak_ev;
	p->cfg.ak_evidence_len = sizeof(p->ak_ev);
	p->cfg.ak_priv = p->ak_priv;
	fx_fix(p);
}

#endif
