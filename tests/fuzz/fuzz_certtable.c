/* libFuzzer: the GHCB 56421 4.1.8.1 certificate table check
 * (snp_certtable_check in tee/snp/snp.c). Property: when it accepts, every
 * entry up to the terminator lies inside the buffer, after the table, and
 * the reported used length covers exactly the furthest entry. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/bytes.h"
#include "tee/snp/snp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t zero[24];
	size_t used = (size_t)-1, end = 0, n = 0;

	if (snp_certtable_check(data, size, &used) != 0)
		return 0;
	while (memcmp(data + 24 * n, zero, 24) != 0) /* accepted: terminator exists */
		n++;
	for (size_t k = 0; k < n; k++) {
		uint32_t off = bytes_le32(data + 24 * k + 16), len = bytes_le32(data + 24 * k + 20);
		if ((size_t)off < 24 * (n + 1) || (size_t)off + len > size || len == 0)
			__builtin_trap();
		if ((size_t)off + len > end)
			end = (size_t)off + len;
	}
	if (used != end || used > size)
		__builtin_trap();
	return 0;
}
