/* A single-producer, single-consumer byte ring in memory that a peer and
 * the host can write (an ivshmem region two guests share): the transport
 * under the attested channel (docs/CHANNEL.md section 10). Freestanding:
 * the kernel's ivshmem transport and host tools/tests use the same code.
 *
 *   region (len bytes, shared)
 *   0x000  u64 head   written by the producer only: bytes written since attach
 *   0x008  u64 close  written by the producer only: 0, or 1 + head at its
 *                     last shmring_close (the end of a session, in band)
 *   0x040  u64 tail   written by the consumer only: bytes consumed since attach
 *                     (both little-endian: x86 on both sides)
 *   0x080  data[size] size = the largest power of two <= len - 0x80
 *
 * Each side keeps its own index privately and only *reads* the other's:
 * once per call, then checks it (the producer: 0 <= head - tail <= size and
 * tail never moves back; the consumer: 0 <= head - tail <= size and head
 * never moves back). A failed check breaks the ring for good (-EPROTO). The
 * ring gives no integrity or confidentiality: the channel's AEAD does; the
 * ring only guarantees that hostile indices cannot make either side read or
 * write outside the region, or report more bytes than the ring holds.
 *
 * A close mark is reported once, when the consumer's tail reaches it (the
 * bytes before it first; a read never crosses it). The host can write it
 * too: a fake close (or a mark moved ahead, or removed) ends or prolongs a
 * session early or late, a denial of service the host has anyway; it
 * cannot make the consumer read outside the ring or accept data the
 * channel's AEAD refuses. A close the consumer has not reached when the
 * producer closes again is overwritten: the consumer sees only the later
 * one. */
#ifndef FUTEET_LIB_SHMRING_H
#define FUTEET_LIB_SHMRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define SHMRING_HEAD_OFF  0x00u
#define SHMRING_CLOSE_OFF 0x08u   /* the producer's line, beside head */
#define SHMRING_TAIL_OFF  0x40u   /* its own cache line */
#define SHMRING_DATA_OFF 0x80u
#define SHMRING_MIN_DATA 64u

struct shmring {
	volatile uint8_t *base;  /* the shared region */
	uint64_t size;           /* data bytes, a power of two (our own value) */
	uint64_t pos;            /* ours: head (producer) or tail (consumer) */
	uint64_t peer_seen;      /* the other index as last checked */
	uint64_t close_seen;     /* consumer: the last close mark reported */
	bool producer;
	bool broken;
	bool closed;             /* consumer: the last read stopped at a close mark */
};

/* Attach to a region of len bytes as its producer or consumer; resets the
 * index this side owns to 0. -EINVAL if the region is too small. */
FUTEET_MUST_CHECK int shmring_attach(struct shmring *r, volatile void *base, size_t len,
				     bool producer);

/* Producer: copy up to n bytes in; *done = how many fit (0 when full). */
FUTEET_MUST_CHECK int shmring_write(struct shmring *r, const uint8_t *p, size_t n, size_t *done);

/* Consumer: copy up to cap bytes out; *done = how many (0 when empty).
 * r->closed: *done is 0 because the producer closed at this point (said
 * once per close mark). */
FUTEET_MUST_CHECK int shmring_read(struct shmring *r, uint8_t *p, size_t cap, size_t *done);

/* Producer: mark the end of a session after the bytes written so far (a
 * consumer's call does nothing). */
void shmring_close(struct shmring *r);

#endif
