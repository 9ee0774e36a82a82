/* libFuzzer: the shared-memory ring (lib/shmring.c) with the fuzzer as
 * both the honest peer and the hostile host. The input is a script: each
 * step writes or reads a chunk, closes the writer's session (the close
 * mark), or overwrites head, tail, the close mark or a data byte of the
 * region (malloc'd at its exact size, so ASan sees any access outside).
 * Oracle: no call reports more bytes than asked or than the ring holds, nor
 * bytes together with a close; as long as the host has not touched the
 * region, the bytes read are exactly the bytes written, in order, a read
 * never crosses the writer's last close mark, and a close is reported only
 * exactly there, once. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lib/shmring.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RLEN (SHMRING_DATA_OFF + 256)

static uint8_t pat(uint64_t i) { return (uint8_t)(i * 29u + 7u); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *region = aligned_alloc(64, RLEN);
	uint8_t buf[600];
	struct shmring w, r;
	uint64_t sent = 0, got = 0, v, closed_at = 0;
	int tampered = 0, closes = 0, reported = 0;
	size_t i = 0, n;

	if (region == NULL)
		return 0;
	memset(region, 0, RLEN);
	if (shmring_attach(&w, region, RLEN, true) || shmring_attach(&r, region, RLEN, false))
		abort();
	while (i + 1 < size) {
		uint8_t op = data[i] % 7, k = data[i + 1];
		i += 2;
		switch (op) {
		case 0:
			for (size_t j = 0; j < k; j++)
				buf[j] = pat(sent + j);
			if (shmring_write(&w, buf, k, &n) == 0) {
				if (n > k || n > w.size)
					abort();
				sent += n;
			} else if (n != 0) {
				abort();
			}
			break;
		case 1:
			if (shmring_read(&r, buf, k, &n) == 0) {
				if (n > k || n > r.size)
					abort();
				for (size_t j = 0; !tampered && j < n; j++)
					if (buf[j] != pat(got + j))
						abort();
				if (r.closed && n != 0)
					abort();
				if (!tampered && closes && got < closed_at && got + n > closed_at)
					abort();   /* across the close mark */
				if (!tampered && r.closed) {
					if (!closes || got != closed_at || reported == closes)
						abort();
					reported = closes;
				}
				got += n;
				if (!tampered && got > sent)
					abort();
			} else if (n != 0) {
				abort();
			}
			break;
		case 2:
		case 3:
			if (i + 8 > size)
				break;
			memcpy(&v, data + i, 8);
			i += 8;
			memcpy(region + (op == 2 ? SHMRING_HEAD_OFF : SHMRING_TAIL_OFF), &v, 8);
			tampered = 1;
			break;
		case 4:
			shmring_close(&w);
			if (closes && closed_at == sent)
				break;   /* the same mark again: reported at most once */
			closed_at = sent;
			closes++;
			break;
		case 5:
			if (i + 8 > size)
				break;
			memcpy(&v, data + i, 8);
			i += 8;
			memcpy(region + SHMRING_CLOSE_OFF, &v, 8);
			tampered = 1;
			break;
		default:
			region[SHMRING_DATA_OFF + k % 256] ^= 0x5a;
			tampered = 1;
			break;
		}
	}
	free(region);
	return 0;
}
