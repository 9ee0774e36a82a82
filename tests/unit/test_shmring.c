/* lib/shmring.c, the shared-memory ring under the channel (CHANNEL.md
 * section 10): bytes arrive in order across wraps (one thread, and two
 * threads racing), full and empty are reported, hostile indices break the
 * ring instead of moving a copy outside the region, and an attested channel
 * runs over two rings, where a host that flips a byte in the ring is caught
 * by the channel (record-auth). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include <pthread.h>
#include <cmocka.h>

#include "lib/chan.h"
#include "lib/chan_testev.h"
#include "lib/shmring.h"

#define REGION (SHMRING_DATA_OFF + 4096)
static uint8_t region[REGION] __attribute__((aligned(64)));

static uint8_t pattern(uint64_t i)
{
	return (uint8_t)(i * 131u + (i >> 9));
}

static void test_shmring_streams_in_order_across_wraps(void **state)
{
	struct shmring w, r;
	uint8_t buf[1000];
	uint64_t sent = 0, got = 0;
	size_t n, k = 1;

	(void)state;
	memset(region, 0xee, sizeof(region));
	assert_int_equal(shmring_attach(&w, region, sizeof(region), true), 0);
	assert_int_equal(shmring_attach(&r, region, sizeof(region), false), 0);
	assert_int_equal(w.size, 4096);
	while (got < (1u << 20)) {
		k = k * 7 % 997 + 1; /* chunk sizes 1..997, both sides */
		for (size_t i = 0; i < k; i++)
			buf[i] = pattern(sent + i);
		assert_int_equal(shmring_write(&w, buf, k, &n), 0);
		sent += n;
		assert_int_equal(shmring_read(&r, buf, (k * 3) % 1000 + 1, &n), 0);
		for (size_t i = 0; i < n; i++)
			if (buf[i] != pattern(got + i))
				fail_msg("byte %llu wrong", (unsigned long long)(got + i));
		got += n;
	}
}

static void test_shmring_reports_full_and_empty(void **state)
{
	struct shmring w, r;
	uint8_t buf[5000];
	size_t n;

	(void)state;
	assert_int_equal(shmring_attach(&w, region, sizeof(region), true), 0);
	assert_int_equal(shmring_attach(&r, region, sizeof(region), false), 0);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 0);
	memset(buf, 1, sizeof(buf));
	assert_int_equal(shmring_write(&w, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 4096);
	assert_int_equal(shmring_write(&w, buf, 1, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 4096);
	/* roles are enforced */
	assert_int_equal(shmring_read(&w, buf, 1, &n), -EINVAL);
	assert_int_equal(shmring_write(&r, buf, 1, &n), -EINVAL);
	/* too small or misaligned regions */
	assert_int_equal(shmring_attach(&w, region, SHMRING_DATA_OFF + 63, true), -EINVAL);
	assert_int_equal(shmring_attach(&w, region + 1, 1024, true), -EINVAL);
}

static void put64(size_t off, uint64_t v)
{
	memcpy(region + off, &v, 8);
}

static void test_shmring_hostile_head_breaks_the_consumer(void **state)
{
	struct shmring w, r;
	uint8_t buf[8192];
	size_t n;

	(void)state;
	assert_int_equal(shmring_attach(&w, region, sizeof(region), true), 0);
	assert_int_equal(shmring_attach(&r, region, sizeof(region), false), 0);
	/* more than the ring holds: a copy of 4097 bytes would leave the data area */
	put64(SHMRING_HEAD_OFF, 4097);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), -EPROTO);
	assert_int_equal(n, 0);
	/* broken for good, even with a sane head again */
	put64(SHMRING_HEAD_OFF, 1);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), -EPROTO);
	/* head behind our tail (wraps to a huge count) */
	assert_int_equal(shmring_attach(&r, region, sizeof(region), false), 0);
	put64(SHMRING_HEAD_OFF, 10);
	assert_int_equal(shmring_read(&r, buf, 10, &n), 0);
	put64(SHMRING_HEAD_OFF, 5);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), -EPROTO);
	/* head near 2^64: the same check, no overflow */
	assert_int_equal(shmring_attach(&r, region, sizeof(region), false), 0);
	put64(SHMRING_HEAD_OFF, UINT64_MAX);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), -EPROTO);
}

static void test_shmring_hostile_tail_breaks_the_producer(void **state)
{
	struct shmring w;
	uint8_t buf[100] = { 0 };
	size_t n;

	(void)state;
	assert_int_equal(shmring_attach(&w, region, sizeof(region), true), 0);
	/* tail ahead of head: would claim negative use, i.e. free space that is not */
	put64(SHMRING_TAIL_OFF, 1);
	assert_int_equal(shmring_write(&w, buf, sizeof(buf), &n), -EPROTO);
	/* tail moving backwards */
	assert_int_equal(shmring_attach(&w, region, sizeof(region), true), 0);
	put64(SHMRING_TAIL_OFF, 0);
	assert_int_equal(shmring_write(&w, buf, sizeof(buf), &n), 0);
	put64(SHMRING_TAIL_OFF, 50);
	assert_int_equal(shmring_write(&w, buf, sizeof(buf), &n), 0);
	put64(SHMRING_TAIL_OFF, 40);
	assert_int_equal(shmring_write(&w, buf, sizeof(buf), &n), -EPROTO);
}

/* futeet_port_close on shared memory: the close mark comes after the bytes
 * sent before it, is reported once (closed, 0 bytes), and the next
 * session's bytes follow; a host's marks behind the tail are ignored, one
 * ahead stops the read there and then reads as a close (a denial of
 * service, never a byte more or less). */
static void test_shmring_close_mark_comes_once_after_the_bytes_before_it(void **state)
{
	struct shmring w, r;
	uint8_t buf[100];
	size_t n;

	(void)state;
	memset(region, 0, sizeof(region));
	assert_int_equal(shmring_attach(&w, region, sizeof(region), true), 0);
	assert_int_equal(shmring_attach(&r, region, sizeof(region), false), 0);
	memset(buf, 'a', 10);
	assert_int_equal(shmring_write(&w, buf, 10, &n), 0);
	shmring_close(&w);
	memset(buf, 'b', 5);
	assert_int_equal(shmring_write(&w, buf, 5, &n), 0);   /* the next session */
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 10);                               /* not across the mark */
	assert_false(r.closed);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 0);
	assert_true(r.closed);                                 /* the close, once */
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 5);
	assert_false(r.closed);
	assert_int_equal(buf[0], 'b');
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 0);
	assert_false(r.closed);                                /* said once */
	/* the host: a mark behind the tail (the old one, or any) is nothing */
	put64(SHMRING_CLOSE_OFF, 3);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
	assert_false(r.closed);
	/* a fake mark 2 bytes ahead: 2 bytes, then a close, then the rest */
	assert_int_equal(shmring_write(&w, buf, 6, &n), 0);
	put64(SHMRING_CLOSE_OFF, 15 + 2 + 1);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
	assert_true(r.closed && n == 0);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 4);
	/* a mark near 2^64: ahead of everything, no overflow, no effect */
	put64(SHMRING_CLOSE_OFF, UINT64_MAX);
	assert_int_equal(shmring_write(&w, buf, 7, &n), 0);
	assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 7);
	assert_false(r.closed);
}

/* ---- two threads ----------------------------------------------------------- */

#define STREAM (8u << 20)

static void *producer_thread(void *arg)
{
	struct shmring *w = arg;
	uint8_t buf[700];
	uint64_t sent = 0;
	size_t n;

	while (sent < STREAM) {
		size_t k = STREAM - sent < sizeof(buf) ? (size_t)(STREAM - sent) : sizeof(buf);
		for (size_t i = 0; i < k; i++)
			buf[i] = pattern(sent + i);
		if (shmring_write(w, buf, k, &n))
			return (void *)1;
		sent += n;
	}
	return NULL;
}

static void test_shmring_two_threads_stream_8_mib(void **state)
{
	struct shmring w, r;
	pthread_t t;
	uint8_t buf[1500];
	uint64_t got = 0;
	void *ret;
	size_t n;

	(void)state;
	assert_int_equal(shmring_attach(&r, region, sizeof(region), false), 0);
	assert_int_equal(shmring_attach(&w, region, sizeof(region), true), 0);
	assert_int_equal(pthread_create(&t, NULL, producer_thread, &w), 0);
	while (got < STREAM) {
		assert_int_equal(shmring_read(&r, buf, sizeof(buf), &n), 0);
		for (size_t i = 0; i < n; i++)
			if (buf[i] != pattern(got + i))
				fail_msg("byte %llu wrong", (unsigned long long)(got + i));
		got += n;
	}
	assert_int_equal(pthread_join(t, &ret), 0);
	assert_null(ret);
}

/* ---- an attested channel over two rings ------------------------------------ */

static uint8_t ring_i2r[SHMRING_DATA_OFF + 8192] __attribute__((aligned(64)));
static uint8_t ring_r2i[SHMRING_DATA_OFF + 8192] __attribute__((aligned(64)));

struct end {
	struct chan c;
	struct chan_testev tev;
	struct chan_evidence_ops ops;
	struct chan_config cfg;
	uint32_t ctr;
	struct shmring tx, rx;
	uint8_t in[CHAN_MAX_FRAME];
	size_t have;
};

static int ctr_rand(void *ctx, uint8_t *out, size_t n)
{
	uint32_t *c = ctx;
	br_sha256_context h;
	uint8_t d[32];

	br_sha256_init(&h);
	br_sha256_update(&h, c, sizeof(*c));
	br_sha256_out(&h, d);
	(*c)++;
	memcpy(out, d, n < 32 ? n : 32);
	return 0;
}

static void end_setup(struct end *e, uint8_t role, uint32_t seed)
{
	memset(e, 0, sizeof(*e));
	memset(e->tev.measurement, 0x11, 48);
	memset(e->tev.want_measurement, 0x11, 48);
	chan_testev_ops(&e->ops, &e->tev);
	e->ctr = seed;
	e->cfg.ev = &e->ops;
	e->cfg.random = ctr_rand;
	e->cfg.random_ctx = &e->ctr;
	assert_int_equal(chan_init(&e->c, role, &e->cfg), 0);
	bool ini = role == CHAN_ROLE_INITIATOR;
	assert_int_equal(shmring_attach(&e->tx, ini ? ring_i2r : ring_r2i, sizeof(ring_i2r), true), 0);
	assert_int_equal(shmring_attach(&e->rx, ini ? ring_r2i : ring_i2r, sizeof(ring_i2r), false), 0);
}

static void send_bytes(struct end *e, const uint8_t *p, size_t n)
{
	size_t done;

	/* the tests keep every burst below the ring's size */
	assert_int_equal(shmring_write(&e->tx, p, n, &done), 0);
	assert_int_equal(done, n);
}

/* One complete frame from the ring, or 0 bytes if none yet. */
static size_t next_frame(struct end *e, uint8_t *f)
{
	size_t n, fl;

	assert_int_equal(shmring_read(&e->rx, e->in + e->have, sizeof(e->in) - e->have, &n), 0);
	e->have += n;
	if (chan_frame_len(e->in, e->have, &fl) != 0 || fl > e->have)
		return 0;
	memcpy(f, e->in, fl);
	memmove(e->in, e->in + fl, e->have - fl);
	e->have -= fl;
	return fl;
}

static void test_shmring_carries_an_attested_channel(void **state)
{
	static struct end i, r;
	static uint8_t f[CHAN_MAX_FRAME], out[CHAN_MAX_FRAME], pt[CHAN_MAX_PLAINTEXT];
	size_t n, ol, ptl;

	(void)state;
	end_setup(&i, CHAN_ROLE_INITIATOR, 100);
	end_setup(&r, CHAN_ROLE_RESPONDER, 200);
	assert_int_equal(chan_hs_start(&i.c, out, sizeof(out), &ol), 0);
	send_bytes(&i, out, ol);
	/* pump until both are established */
	for (int step = 0; step < 10 && !(chan_established(&i.c) && chan_established(&r.c)); step++) {
		while ((n = next_frame(&r, f)) != 0) {
			assert_int_equal(chan_hs_input(&r.c, f, n, out, sizeof(out), &ol), 0);
			send_bytes(&r, out, ol);
		}
		while ((n = next_frame(&i, f)) != 0) {
			assert_int_equal(chan_hs_input(&i.c, f, n, out, sizeof(out), &ol), 0);
			send_bytes(&i, out, ol);
		}
	}
	assert_true(chan_established(&i.c) && chan_established(&r.c));
	assert_memory_equal(i.c.sid, r.c.sid, CHAN_SID_LEN);
	/* a record each way */
	assert_int_equal(chan_seal(&i.c, (const uint8_t *)"over shared memory", 18, out, sizeof(out), &ol), 0);
	send_bytes(&i, out, ol);
	n = next_frame(&r, f);
	assert_int_equal(chan_open(&r.c, f, n, pt, sizeof(pt), &ptl, out, sizeof(out), &ol), 0);
	assert_int_equal(ptl, 18);
	assert_memory_equal(pt, "over shared memory", 18);
	/* the host flips a ciphertext byte while it sits in the ring */
	assert_int_equal(chan_seal(&i.c, (const uint8_t *)"tampered", 8, out, sizeof(out), &ol), 0);
	send_bytes(&i, out, ol);
	uint64_t at = (i.tx.pos - ol + CHAN_HDR_LEN + CHAN_SEQ_LEN) & (i.tx.size - 1);
	ring_i2r[SHMRING_DATA_OFF + at] ^= 0x20;
	n = next_frame(&r, f);
	assert_int_equal(chan_open(&r.c, f, n, pt, sizeof(pt), &ptl, out, sizeof(out), &ol), -EPROTO);
	assert_int_equal(r.c.reason, CHAN_R_RECORD_AUTH);
	assert_int_equal(ptl, 0);
	/* its CLOSE travels back and the initiator prints the same reason */
	send_bytes(&r, out, ol);
	n = next_frame(&i, f);
	assert_int_equal(chan_open(&i.c, f, n, pt, sizeof(pt), &ptl, out, sizeof(out), &ol), -EPIPE);
	assert_int_equal(i.c.reason, CHAN_R_RECORD_AUTH);
	assert_true(i.c.reason_from_peer);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shmring_streams_in_order_across_wraps),
		cmocka_unit_test(test_shmring_reports_full_and_empty),
		cmocka_unit_test(test_shmring_hostile_head_breaks_the_consumer),
		cmocka_unit_test(test_shmring_hostile_tail_breaks_the_producer),
		cmocka_unit_test(test_shmring_close_mark_comes_once_after_the_bytes_before_it),
		cmocka_unit_test(test_shmring_two_threads_stream_8_mib),
		cmocka_unit_test(test_shmring_carries_an_attested_channel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
