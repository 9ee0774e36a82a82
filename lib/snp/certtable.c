/* SNP extended-request certificate table (GHCB 56421 rev 2.03 section
 * 4.1.8.1):
 *
 *   +--------------------------------------+ 0
 *   | guid[16] | u32 offset | u32 length    | entry 0 (24 bytes)
 *   | ...                                   |
 *   | 0 ... 0 (24 zero bytes)               | terminator
 *   +--------------------------------------+
 *   | certificate bytes at offset, length   | offsets from the table start
 *
 * Every offset/length is checked against the buffer length; the walk is
 * bounded by SNP_CERT_ENTRIES_MAX entries and by len. The kernel links this
 * file (it checks the table its host hands back); the verifier's look-up by
 * GUID is in certtable_find.c, outside ring 0. */
#include <stdbool.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/bytes.h"
#include "lib/snp/certtable.h"

#define CERT_ENTRY_SIZE sizeof(struct snp_cert_entry) /* 24 */

static bool all_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;
	size_t i;

	/*@ loop invariant 0 <= i <= n;
	    loop assigns i, acc;
	    loop variant n - i; */
	for (i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

/* Two 16-byte GUIDs equal (an index loop rather than memcmp, whose
 * void * contract WP's typed memory model does not follow). */
bool snp_guid_eq(const uint8_t *a, const uint8_t *b)
{
	uint8_t diff = 0;
	size_t i;

	/*@ loop invariant 0 <= i <= 16;
	    loop assigns i, diff;
	    loop variant 16 - i; */
	for (i = 0; i < 16; i++)
		diff |= (uint8_t)(a[i] ^ b[i]);
	return diff == 0;
}

/* EFI_GUID memory order of an RFC 4122 GUID (UEFI 2.10 appendix A: the
 * first three fields little-endian). */
void snp_guid_swap(const uint8_t in[16], uint8_t out[16])
{
	static const uint8_t order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	size_t i;

	/*@ loop invariant 0 <= i <= 16;
	    loop assigns i, out[0 .. 15];
	    loop variant 16 - i; */
	for (i = 0; i < 16; i++)
		out[i] = in[order[i]];
}

/* The certificate of entry i (inside the table: (i + 1) * 24 <= len) as
 * checked indices: 0 < *blen, table_end <= *off and *off + *blen <= len.
 * Lengths before offsets: blen fits, then off fits in what is left. Both the
 * walk and the look-up take (offset, length) from here only. */
int snp_cert_entry(const uint8_t *tbl, size_t len, size_t table_end, size_t i,
		      size_t *off, size_t *blen)
{
	const uint8_t *e = tbl + i * CERT_ENTRY_SIZE;
	uint32_t o = bytes_le32(e + offsetof(struct snp_cert_entry, offset));
	uint32_t l = bytes_le32(e + offsetof(struct snp_cert_entry, length));

	if (l == 0 || l > len || o > len - l || o < table_end)
		return -EBADMSG;
	*off = o;
	*blen = l;
	return 0;
}

/* The one walker: apply every rule (certtable.h) and count the entries
 * before the terminator. Bounded: at most SNP_CERT_ENTRIES_MAX + 1 entries
 * are read, each pair compared once. */
int snp_certtable_walk(const uint8_t *tbl, size_t len, size_t *nentries, size_t *used)
{
	size_t n, i, j, table_end, end = 0, off, blen;
	uint8_t swapped[16];

	/*@ loop invariant 0 <= n <= SNP_CERT_ENTRIES_MAX + 1;
	    loop invariant n * CERT_ENTRY_SIZE <= len;
	    loop assigns n;
	    loop variant SNP_CERT_ENTRIES_MAX + 1 - n; */
	for (n = 0; n <= SNP_CERT_ENTRIES_MAX; n++) {
		if (len / CERT_ENTRY_SIZE <= n)
			return -EBADMSG; /* no terminator inside the buffer */
		if (all_zero(tbl + n * CERT_ENTRY_SIZE, CERT_ENTRY_SIZE))
			break;
	}
	if (n > SNP_CERT_ENTRIES_MAX)
		return -EBADMSG;
	table_end = (n + 1) * CERT_ENTRY_SIZE;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant end <= len;
	    loop assigns i, j, end, off, blen, swapped[0 .. 15];
	    loop variant n - i; */
	for (i = 0; i < n; i++) {
		const uint8_t *e = tbl + i * CERT_ENTRY_SIZE;

		if (snp_cert_entry(tbl, len, table_end, i, &off, &blen))
			return -EBADMSG;
		if (off + blen > end)
			end = off + blen;
		snp_guid_swap(e, swapped);
		/*@ loop invariant 0 <= j <= i;
		    loop assigns j;
		    loop variant i - j; */
		for (j = 0; j < i; j++) {
			const uint8_t *f = tbl + j * CERT_ENTRY_SIZE;
			if (snp_guid_eq(f, e) || snp_guid_eq(f, swapped))
				return -EBADMSG; /* the same GUID twice */
		}
	}
	*nentries = n;
	*used = end;
	return 0;
}

int snp_certtable_check(const uint8_t *tbl, size_t len, size_t *used)
{
	size_t n, end;
	int rc;

	if (tbl == NULL || used == NULL)
		return -EINVAL;
	*used = 0;
	rc = snp_certtable_walk(tbl, len, &n, &end);
	if (rc)
		return rc;
	*used = end;
	return 0;
}
