/* libFuzzer harness for the cpio newc parser (lib/cpio.c): the initrd is
 * host input. Properties checked on every input: no out-of-bounds access
 * (ASan), every call either refuses with a reason, ends at the trailer or
 * returns an entry whose name and data lie inside the buffer and whose
 * offset moved forward by at least one header; names never hold "..". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cpio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off = 0;

	for (;;) {
		struct cpio_entry e;
		const char *why;
		size_t before = off;
		int rc = cpio_next(data, size, &off, &e, &why);
		if (rc < 0) {
			if (why == NULL)
				abort();
			return 0;
		}
		if (rc == 0)
			return 0;
		if (off < before + CPIO_HDR_LEN || off > size)
			abort();
		const uint8_t *n = (const uint8_t *)e.name;
		if (n < data || n + e.name_len >= data + size || e.name[e.name_len] != '\0')
			abort();
		if (e.size > size || e.data < data || e.data + e.size > data + size)
			abort();
		if (strstr(e.name, "..") && (strcmp(e.name, "..") == 0 || strstr(e.name, "/../") ||
					    strncmp(e.name, "../", 3) == 0))
			abort();
	}
}
