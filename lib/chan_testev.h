/* TEST EVIDENCE for the attested channel: a stand-in for real TEE evidence
 * (docs/CHANNEL.md section 8) until futeet_attest binds a cnf key and the
 * verifier runs in ring 3. It binds the same bytes (eat_nonce, cnf) and has a
 * fake "measurement" and "debug" bit so policy refusals can be tested, but
 * its HMAC key is public: ANYONE CAN FORGE IT. Host tools and tests only;
 * chan_testev.c refuses to compile freestanding (kernel or ring 3).
 *
 *   0   16  magic "FUTEETTESTEVID01"
 *  16   32  eat_nonce
 *  48   65  cnf (SEC1 uncompressed P-256)
 * 113   48  measurement
 * 161    1  debug (0 or 1)
 * 162   32  HMAC-SHA-256(SHA-256("futeet-chan test evidence key: NOT A TEE"), bytes 0..161)
 * 194 */
#ifndef FUTEET_LIB_CHAN_TESTEV_H
#define FUTEET_LIB_CHAN_TESTEV_H

#include <stdbool.h>
#include <stdint.h>
#include "lib/chan.h"

#define CHAN_TESTEV_LEN 194u
#define CHAN_TESTEV_MEAS_LEN 48u

struct chan_testev {
	/* what we claim */
	uint8_t measurement[CHAN_TESTEV_MEAS_LEN];
	uint8_t debug;
	/* policy for the peer's */
	uint8_t want_measurement[CHAN_TESTEV_MEAS_LEN];
	bool allow_debug;
	/* tests: corrupt what produce writes (0 = off): 1 flips the nonce,
	 * 2 replaces cnf with another point, 3 breaks the HMAC */
	int evil;
};

/* Encode test evidence into out[CHAN_TESTEV_LEN]. */
void chan_testev_make(const uint8_t nonce[32], const uint8_t cnf[CHAN_POINT_LEN],
		      const uint8_t meas[CHAN_TESTEV_MEAS_LEN], uint8_t debug,
		      uint8_t out[CHAN_TESTEV_LEN]);

/* Evidence ops over t (ops->ctx = t). */
void chan_testev_ops(struct chan_evidence_ops *ops, struct chan_testev *t);

#endif
