/* The verifier's side of the SNP certificate table (GHCB 56421 rev 2.03
 * section 4.1.8.1; layout drawn in certtable.c): find a certificate by GUID,
 * parse a text GUID. Host tools and ring 3 only, never the kernel, which only
 * checks the table it hands out (snp_certtable_check). */
#include <stdbool.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/hex.h"
#include "lib/snp/certtable_find.h"

#define CERT_ENTRY_SIZE sizeof(struct snp_cert_entry) /* 24 */

int snp_certtable_find(const uint8_t *tbl, size_t len, const uint8_t guid[16],
		       const uint8_t **der, size_t *der_len)
{
	size_t i, n, end, off, blen;
	uint8_t alt[16];
	int rc;

	if (!tbl || !guid || !der || !der_len)
		return -EINVAL;
	rc = snp_certtable_walk(tbl, len, &n, &end);
	if (rc)
		return rc;
	/* The table is host input: which certificate it offers is checked by
	 * the chain, not by the GUID. Real writers (libuuid in AMD's tools,
	 * virtee, go-sev-guest) store RFC 4122 order; some store EFI_GUID order.
	 * Both are matched; the walk refused a GUID present in both orders. */
	snp_guid_swap(guid, alt);
	/*@ loop invariant 0 <= i <= n;
	    loop assigns i;
	    loop variant n - i; */
	for (i = 0; i < n; i++) {
		const uint8_t *e = tbl + i * CERT_ENTRY_SIZE;

		if (snp_guid_eq(e, guid) || snp_guid_eq(e, alt)) {
			if (snp_cert_entry(tbl, len, (n + 1) * CERT_ENTRY_SIZE, i, &off, &blen))
				return -EBADMSG;
			*der = tbl + off;
			*der_len = blen;
			return 0;
		}
	}
	return -ENOENT;
}

int snp_guid_parse(const char *str, uint8_t out[16])
{
	/* 8-4-4-4-12 hex digits to bytes in string order (RFC 4122 section
	 * 4.1.2, network order). This is how the certificate table is filled
	 * in practice: libuuid's uuid_parse in AMD's sev-guest tools, the uuid
	 * crate in virtee/sev and google/uuid in go-sev-guest all store the
	 * GUID bytes in this order, not in EFI_GUID mixed-endian order. */
	uint8_t be[16];
	size_t i, j = 0;

	if (!str || !out)
		return -EINVAL;
	for (i = 0; i < 36; i++) {
		int hi, lo;
		if (str[i] == '\0')
			return -EINVAL;
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (str[i] != '-')
				return -EINVAL;
			continue;
		}
		if (str[i + 1] == '\0')
			return -EINVAL;
		hi = hex_digit(str[i]);
		lo = hex_digit(str[i + 1]);
		if (hi < 0 || lo < 0 || j >= 16)
			return -EINVAL;
		be[j++] = (uint8_t)(hi << 4 | lo);
		i++;
	}
	if (str[36] != '\0' || j != 16)
		return -EINVAL;
	memcpy(out, be, 16);
	return 0;
}
