/* libFuzzer: the GHCB 56421 4.1.8.1 certificate table check
 * (snp_certtable_check and snp_certtable_find in lib/snp/certtable.c).
 * Properties: when the check accepts, there are at most SNP_CERT_ENTRIES_MAX
 * entries, every entry up to the terminator lies inside the buffer, after
 * the table, no GUID repeats, the reported used length covers exactly the
 * furthest entry, and find agrees with the check for every entry's GUID;
 * when the check refuses, find refuses too. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/bytes.h"
#include "lib/snp/certtable_find.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t zero[24];
	static const uint8_t absent[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
	size_t used = (size_t)-1, end = 0, n = 0, dl = 0;
	const uint8_t *der = NULL;
	int frc;

	frc = snp_certtable_find(data, size, absent, &der, &dl);
	if (snp_certtable_check(data, size, &used) != 0) {
		if (frc != -EBADMSG && frc != -EINVAL)
			__builtin_trap();
		return 0;
	}
	while (memcmp(data + 24 * n, zero, 24) != 0) /* accepted: terminator exists */
		n++;
	if (n > SNP_CERT_ENTRIES_MAX)
		__builtin_trap();
	for (size_t k = 0; k < n; k++) {
		uint32_t off = bytes_le32(data + 24 * k + 16), len = bytes_le32(data + 24 * k + 20);
		if ((size_t)off < 24 * (n + 1) || (size_t)off + len > size || len == 0)
			__builtin_trap();
		if ((size_t)off + len > end)
			end = (size_t)off + len;
		for (size_t j = 0; j < k; j++)
			if (memcmp(data + 24 * j, data + 24 * k, 16) == 0)
				__builtin_trap();
		if (snp_certtable_find(data, size, data + 24 * k, &der, &dl) != 0 ||
		    der != data + off || dl != len)
			__builtin_trap();
	}
	if (used != end || used > size)
		__builtin_trap();
	return 0;
}
