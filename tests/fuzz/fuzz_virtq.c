/* libFuzzer: the split virtqueue's driver side (drivers/virtq.c) against a
 * hostile device. The input is a script: posts of buffers (ids, lengths)
 * by the driver, and raw writes by the "device" anywhere in the shared
 * page (used index, used elements, even the descriptors), interleaved with
 * takes, and the driver forgetting what is outstanding (virtq_forget, a
 * host hang-up). Properties: virtq_take returns only ids that are
 * outstanding, with a length no larger than was posted, each once per
 * post; the outstanding count matches the private table; strays never
 * exceed the queue size; virtq_used_ahead never exceeds what is
 * outstanding; after -EIO the queue stays broken. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "drivers/virtq.h"

static uint8_t page[VIRTQ_PAGE_BYTES] __attribute__((aligned(4096)));

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct virtq q;
	uint32_t mine[VIRTQ_SIZE];
	size_t i = 0;
	uint16_t qsize;

	memset(page, 0, sizeof(page));
	memset(mine, 0, sizeof(mine));
	if (size < 1)
		return 0;
	qsize = (uint16_t)(1u << (data[i++] % 5)); /* 1..16 */
	if (virtq_init(&q, page, qsize))
		abort();
	while (i < size) {
		uint8_t op = data[i++];
		switch (op % 4) {
		case 0: { /* driver posts id with a length */
			if (i + 3 > size)
				return 0;
			uint16_t id = data[i] % VIRTQ_SIZE;
			uint32_t len = (uint32_t)data[i + 1] | ((uint32_t)data[i + 2] << 8);
			i += 3;
			int rc = virtq_post(&q, id, 0x1000u * id, len, op & 8);
			if (rc == 0) {
				if (mine[id] != 0 || id >= qsize || len == 0)
					abort();
				mine[id] = len;
			} else if (!q.broken && rc != -EINVAL && rc != -EBUSY) {
				abort();
			}
			break;
		}
		case 1: { /* device writes n bytes at an offset of the page */
			if (i + 3 > size)
				return 0;
			size_t off = ((size_t)data[i] | ((size_t)data[i + 1] << 8)) % VIRTQ_PAGE_BYTES;
			size_t n = data[i + 2] % 16u;
			i += 3;
			if (n > size - i)
				n = size - i;
			if (n > VIRTQ_PAGE_BYTES - off)
				n = VIRTQ_PAGE_BYTES - off;
			memcpy(page + off, data + i, n);
			i += n;
			break;
		}
		case 3: /* driver forgets what is outstanding */
			virtq_forget(&q);
			memset(mine, 0, sizeof(mine));
			break;
		default: { /* driver takes */
			uint16_t id;
			uint32_t len;
			bool was_broken = q.broken;
			int rc = virtq_take(&q, &id, &len);
			if (was_broken && rc != -EIO)
				abort();
			if (rc == 0) {
				if (id >= qsize || mine[id] == 0 || len > mine[id])
					abort();
				mine[id] = 0;
			} else if (rc != -EAGAIN && rc != -EIO) {
				abort();
			}
			break;
		}
		}
		unsigned out = 0;
		for (unsigned k = 0; k < VIRTQ_SIZE; k++) {
			if ((mine[k] != 0) != (q.posted_len[k] != 0))
				abort();
			out += mine[k] != 0;
		}
		if (out != q.outstanding || q.stray > qsize || virtq_used_ahead(&q) > q.outstanding)
			abort();
	}
	return 0;
}
