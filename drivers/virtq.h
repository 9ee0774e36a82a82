/* A split virtqueue, driver side (virtio spec 1.2, section 2.7 "Split
 * Virtqueues"), kept in one page the device (the host) shares and may
 * rewrite at any time. The driver's own indices and the table of what it
 * posted are private; everything read back from the page (the used index,
 * each used element's id and length) is read once into a local and checked
 * against that private table before use (virtq_take). Pure C, no kernel
 * calls: tests/fuzz/fuzz_virtq.c runs it on hostile pages. */
#ifndef FUTEET_DRIVERS_VIRTQ_H
#define FUTEET_DRIVERS_VIRTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* virtio 1.2 section 2.7.5: struct virtq_desc; flags 2.7.5 */
struct virtq_desc {
	uint64_t addr;   /* le64 guest-physical address of the buffer */
	uint32_t len;    /* le32 */
	uint16_t flags;  /* le16 */
	uint16_t next;   /* le16 */
};
_Static_assert(sizeof(struct virtq_desc) == 16, "virtio 1.2 2.7.5: descriptor is 16 bytes");
_Static_assert(__builtin_offsetof(struct virtq_desc, len) == 8, "virtq_desc.len at 8");
_Static_assert(__builtin_offsetof(struct virtq_desc, flags) == 12, "virtq_desc.flags at 12");
#define VIRTQ_DESC_F_NEXT  1u
#define VIRTQ_DESC_F_WRITE 2u   /* device writes (otherwise device reads) */

/* virtio 1.2 section 2.7.8: struct virtq_used_elem */
struct virtq_used_elem {
	uint32_t id;   /* le32 index of the head of the used descriptor chain */
	uint32_t len;  /* le32 bytes the device wrote into the buffer */
};
_Static_assert(sizeof(struct virtq_used_elem) == 8, "virtio 1.2 2.7.8: used element is 8 bytes");

/* FUTEET's layout of one queue in one 4 KiB page (the alignments of 2.7,
 * table "Virtqueue Part Alignment": descriptors 16, available ring 2, used
 * ring 4):
 *   0x000 descriptor table  VIRTQ_SIZE * 16
 *   0x100 available ring    flags u16, idx u16, ring[VIRTQ_SIZE] u16, used_event u16 (2.7.6)
 *   0x200 used ring         flags u16, idx u16, ring[VIRTQ_SIZE] elem, avail_event u16 (2.7.8) */
#define VIRTQ_SIZE        16u      /* a power of two (2.7: "Queue Size ... always a power of 2") */
#define VIRTQ_DESC_OFF    0x000u
#define VIRTQ_AVAIL_OFF   0x100u
#define VIRTQ_USED_OFF    0x200u
#define VIRTQ_PAGE_BYTES  4096u
_Static_assert(VIRTQ_DESC_OFF + VIRTQ_SIZE * 16u <= VIRTQ_AVAIL_OFF, "descriptors fit");
_Static_assert(VIRTQ_AVAIL_OFF + 4u + VIRTQ_SIZE * 2u + 2u <= VIRTQ_USED_OFF, "available ring fits");
_Static_assert(VIRTQ_USED_OFF + 4u + VIRTQ_SIZE * 8u + 2u <= VIRTQ_PAGE_BYTES, "used ring fits");
_Static_assert((VIRTQ_SIZE & (VIRTQ_SIZE - 1u)) == 0, "power of two");

struct virtq {
	volatile uint8_t *page;            /* shared with the device */
	uint16_t size;                     /* <= VIRTQ_SIZE, a power of two */
	uint16_t avail_idx;                /* next available index (private) */
	uint16_t last_used;                /* next used index we expect (private) */
	uint16_t outstanding;              /* posted and not yet returned */
	uint32_t posted_len[VIRTQ_SIZE];   /* length posted per id, 0 = not outstanding */
	uint16_t stray;                    /* forgotten buffers the device may still return */
	bool broken;                       /* the device broke the rules once: stays so */
};

/* Start q on a zeroed page; size a power of two in 1..VIRTQ_SIZE. 0 or -EINVAL. */
int virtq_init(struct virtq *q, volatile uint8_t *page, uint16_t size);

/* Post descriptor `id` (< size, not outstanding) for the buffer at device
 * address `addr` of `len` (1..) bytes; device_writes: a receive buffer.
 * Publishes it in the available ring (the caller notifies the device).
 * 0, -EINVAL, -EBUSY (id outstanding), -EIO (q broken). */
int virtq_post(struct virtq *q, uint16_t id, uint64_t addr, uint32_t len, bool device_writes);

/* Take the next used element, if any: 0 with *id and *len (len <= the
 * posted length), -EAGAIN when the device has returned nothing new, -EIO
 * when it broke the rules (a used index running ahead of what was posted,
 * an id out of range or not outstanding, a length above the posted one);
 * after -EIO the queue stays broken. */
int virtq_take(struct virtq *q, uint16_t *id, uint32_t *len);

/* Forget every outstanding buffer: the device gave up on them without
 * returning them (a virtio-console host hang-up: QEMU's virtio_serial_close
 * detaches the transmit buffer it was holding, hw/char/virtio-serial-bus.c
 * discard_throttle_data, and never puts it in the used ring). Their ids may
 * be posted again. One the device returns later anyway is consumed by
 * virtq_take without being reported (at most `size` such strays are
 * allowed for; more used elements than posted plus strays still break q). */
void virtq_forget(struct virtq *q);

/* How many used elements the device has published that virtq_take has
 * not taken yet (the used index, read once), at most `outstanding`; 0 when
 * q is broken. Lets a caller mark where, in the used ring, an event seen
 * elsewhere (another queue) happened. */
uint16_t virtq_used_ahead(struct virtq *q);

#endif
