/* Split virtqueue, driver side (virtio spec 1.2 section 2.7; drivers/virtq.h).
 * x86 keeps stores in order and loads in order (Intel SDM vol. 3, 9.2.2), so
 * the barriers 2.7.13 asks for reduce to compiler barriers here: the
 * descriptor and ring entry are written before the index that publishes them,
 * and the used index is read before the element it covers. */
#include <stddef.h>
#include <stdint.h>

#include "futeet/errno.h"
#include "drivers/virtq.h"

#define barrier() __asm__ __volatile__("" ::: "memory")

static inline void put16(volatile uint8_t *p, uint16_t v)
{
	*(volatile uint16_t *)p = v;   /* little-endian host: le16 as is */
}

static inline uint16_t get16(const volatile uint8_t *p)
{
	return *(const volatile uint16_t *)p;
}

static inline uint32_t get32(const volatile uint8_t *p)
{
	return *(const volatile uint32_t *)p;
}

int virtq_init(struct virtq *q, volatile uint8_t *page, uint16_t size)
{
	if (page == NULL || size == 0 || size > VIRTQ_SIZE || (size & (size - 1u)))
		return -EINVAL;
	q->page = page;
	q->size = size;
	q->avail_idx = 0;
	q->last_used = 0;
	q->outstanding = 0;
	q->stray = 0;
	for (unsigned i = 0; i < VIRTQ_SIZE; i++)
		q->posted_len[i] = 0;
	q->broken = false;
	return 0;
}

int virtq_post(struct virtq *q, uint16_t id, uint64_t addr, uint32_t len, bool device_writes)
{
	volatile uint8_t *d;

	if (q->broken)
		return -EIO;
	if (id >= q->size || len == 0)
		return -EINVAL;
	if (q->posted_len[id] != 0)
		return -EBUSY;
	/* 2.7.13.1: the descriptor first */
	d = q->page + VIRTQ_DESC_OFF + (size_t)id * 16u;
	*(volatile uint64_t *)d = addr;
	*(volatile uint32_t *)(d + 8) = len;
	put16(d + 12, device_writes ? VIRTQ_DESC_F_WRITE : 0);
	put16(d + 14, 0);
	/* 2.7.13.2: then the available ring entry */
	put16(q->page + VIRTQ_AVAIL_OFF + 4u + (size_t)(q->avail_idx & (q->size - 1u)) * 2u, id);
	barrier();
	/* 2.7.13.3: then the index that publishes it */
	q->avail_idx++;
	put16(q->page + VIRTQ_AVAIL_OFF + 2u, q->avail_idx);
	q->posted_len[id] = len;
	q->outstanding++;
	return 0;
}

int virtq_take(struct virtq *q, uint16_t *id, uint32_t *len)
{
	uint16_t used_idx, pending;
	const volatile uint8_t *e;
	uint32_t eid, elen;

	if (q->broken)
		return -EIO;
	used_idx = get16(q->page + VIRTQ_USED_OFF + 2u);   /* read once */
	barrier();
	pending = (uint16_t)(used_idx - q->last_used);
	if (pending > (uint32_t)q->outstanding + q->stray)
		goto broken;   /* more returned than was ever posted */
	/* bounded: each round consumes one of the pending elements */
	for (; pending != 0; pending--) {
		e = q->page + VIRTQ_USED_OFF + 4u + (size_t)(q->last_used & (q->size - 1u)) * 8u;
		eid = get32(e);                                    /* each read once */
		elen = get32(e + 4);
		if (eid >= q->size)
			goto broken;
		if (q->posted_len[eid] == 0) {
			if (q->stray == 0)
				goto broken;   /* an id that is not outstanding */
			q->stray--;            /* a forgotten buffer, returned late: dropped */
			q->last_used++;
			continue;
		}
		if (elen > q->posted_len[eid])
			goto broken;
		q->posted_len[eid] = 0;
		q->outstanding--;
		q->last_used++;
		*id = (uint16_t)eid;
		*len = elen;
		return 0;
	}
	return -EAGAIN;
broken:
	q->broken = true;
	return -EIO;
}

void virtq_forget(struct virtq *q)
{
	uint32_t s = (uint32_t)q->stray + q->outstanding;

	q->stray = (uint16_t)(s > q->size ? q->size : s);
	for (unsigned i = 0; i < VIRTQ_SIZE; i++)
		q->posted_len[i] = 0;
	q->outstanding = 0;
}

uint16_t virtq_used_ahead(struct virtq *q)
{
	uint16_t n;

	if (q->broken)
		return 0;
	n = (uint16_t)(get16(q->page + VIRTQ_USED_OFF + 2u) - q->last_used);   /* read once */
	return n > q->outstanding ? q->outstanding : n;
}
