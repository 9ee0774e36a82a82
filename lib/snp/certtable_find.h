/* The verifier's look-ups in an SNP certificate table (GHCB 56421 rev 2.03
 * section 4.1.8.1): lib/snp/certtable_find.c, built for the host tools and
 * ring 3, never for the kernel. */
#ifndef FUTEET_LIB_SNP_CERTTABLE_FIND_H
#define FUTEET_LIB_SNP_CERTTABLE_FIND_H

#include "lib/snp/certtable.h"

/* Find the certificate with the given GUID (16 bytes from snp_guid_parse;
 * entries stored in RFC 4122 or in EFI_GUID mixed-endian order both match)
 * in a table that passes snp_certtable_check. 0 with der and der_len set;
 * -ENOENT if absent; -EBADMSG if the table breaks a rule. */
FUTEET_MUST_CHECK
int snp_certtable_find(const uint8_t *tbl, size_t len, const uint8_t guid[16],
		       const uint8_t **der, size_t *der_len);

/* Text GUID ("63da758d-e664-4564-adc5-f4b93be8accd", the SNP_GUID_* macros in
 * snp_abi.h) to the 16 bytes stored in a certificate table: string order
 * (RFC 4122), as libuuid / virtee's uuid crate / go-sev-guest write them.
 * Pass the result to snp_certtable_find. */
FUTEET_MUST_CHECK
int snp_guid_parse(const char *str, uint8_t out[16]);

#endif
