/* SPSC byte ring over hostile shared memory (layout and rules: shmring.h,
 * docs/CHANNEL.md section 10). The other side's index is read once per call
 * with acquire ordering, checked, and never re-read; ours is published with
 * release ordering after the data it covers. Data is copied once. */
#include "lib/shmring.h"

#include <string.h>
#include "futeet/errno.h"

static uint64_t load_index(const struct shmring *r, uint32_t off)
{
	return __atomic_load_n((volatile uint64_t *)(r->base + off), __ATOMIC_ACQUIRE);
}

static void store_index(const struct shmring *r, uint32_t off, uint64_t v)
{
	__atomic_store_n((volatile uint64_t *)(r->base + off), v, __ATOMIC_RELEASE);
}

int shmring_attach(struct shmring *r, volatile void *base, size_t len, bool producer)
{
	uint64_t size = SHMRING_MIN_DATA;

	memset(r, 0, sizeof(*r));
	if (base == NULL || ((uintptr_t)base & 7u) != 0 || len < SHMRING_DATA_OFF + SHMRING_MIN_DATA)
		return -EINVAL;
	while (size <= (uint64_t)(len - SHMRING_DATA_OFF) / 2u)
		size *= 2u;
	r->base = base;
	r->size = size;
	r->producer = producer;
	store_index(r, producer ? SHMRING_HEAD_OFF : SHMRING_TAIL_OFF, 0);
	if (producer)
		store_index(r, SHMRING_CLOSE_OFF, 0);
	return 0;
}

/* The other side's index, checked against ours (shmring.h). */
static int peer_index(struct shmring *r, uint64_t *used)
{
	uint64_t v = load_index(r, r->producer ? SHMRING_TAIL_OFF : SHMRING_HEAD_OFF);
	uint64_t u = r->producer ? r->pos - v : v - r->pos;

	if (r->broken || u > r->size || v < r->peer_seen) {
		r->broken = true;
		return -EPROTO;
	}
	r->peer_seen = v;
	*used = u;
	return 0;
}

int shmring_write(struct shmring *r, const uint8_t *p, size_t n, size_t *done)
{
	volatile uint8_t *data = r->base + SHMRING_DATA_OFF;
	uint64_t used, k, at, first;

	*done = 0;
	if (!r->producer || peer_index(r, &used))
		return r->producer ? -EPROTO : -EINVAL;
	k = r->size - used;
	if (k > n)
		k = n;
	if (k == 0)
		return 0;
	at = r->pos & (r->size - 1u);
	first = r->size - at < k ? r->size - at : k;
	memcpy((uint8_t *)(uintptr_t)(data + at), p, (size_t)first);
	if (k > first)
		memcpy((uint8_t *)(uintptr_t)data, p + first, (size_t)(k - first));
	r->pos += k;
	store_index(r, SHMRING_HEAD_OFF, r->pos);
	*done = (size_t)k;
	return 0;
}

int shmring_read(struct shmring *r, uint8_t *p, size_t cap, size_t *done)
{
	const volatile uint8_t *data = r->base + SHMRING_DATA_OFF;
	uint64_t avail, k, at, first, mark;

	*done = 0;
	r->closed = false;
	if (r->producer || peer_index(r, &avail))
		return r->producer ? -EINVAL : -EPROTO;
	/* the close mark, read once: behind us (old, or a host's) it is
	 * ignored; here, reported once; ahead, the read stops at it */
	mark = load_index(r, SHMRING_CLOSE_OFF);
	if (mark != 0 && mark - 1u >= r->pos) {
		if (mark - 1u == r->pos) {
			if (mark != r->close_seen) {
				r->close_seen = mark;
				r->closed = true;
				return 0;
			}
		} else if (mark - 1u - r->pos < avail) {
			avail = mark - 1u - r->pos;
		}
	}
	k = avail < cap ? avail : cap;
	if (k == 0)
		return 0;
	at = r->pos & (r->size - 1u);
	first = r->size - at < k ? r->size - at : k;
	memcpy(p, (const uint8_t *)(uintptr_t)(data + at), (size_t)first);
	if (k > first)
		memcpy(p + first, (const uint8_t *)(uintptr_t)data, (size_t)(k - first));
	r->pos += k;
	store_index(r, SHMRING_TAIL_OFF, r->pos);
	*done = (size_t)k;
	return 0;
}

void shmring_close(struct shmring *r)
{
	if (r->producer)
		store_index(r, SHMRING_CLOSE_OFF, r->pos + 1u);
}
