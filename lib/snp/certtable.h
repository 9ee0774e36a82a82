/* The SNP extended-request certificate table (GHCB 56421 rev 2.03 section
 * 4.1.8.1): one walker, one rule set, used by the guest driver on what the
 * host hands back (tee/snp) and by the verifier to find the VCEK/VLEK, ASK
 * and ARK in evidence (lib/verify). Layout drawn in certtable.c. */
#ifndef FUTEET_LIB_SNP_CERTTABLE_H
#define FUTEET_LIB_SNP_CERTTABLE_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

/* Entries before the terminator we accept (AMD's tools write three or four:
 * VCEK or VLEK, ASK or ASVK, ARK, and maybe a CRL). */
#define SNP_CERT_ENTRIES_MAX 64u

/* Check a whole table. The rules, each applied to every entry before the
 * terminator: an all-zero terminator entry within the first
 * SNP_CERT_ENTRIES_MAX + 1 entries and inside len; every length nonzero;
 * every blob [offset, offset + length) after the table and inside len; no
 * GUID twice (in either byte order, since lookups match both). *used = the
 * end of the furthest blob (Linux trims the configfs-tsm auxblob the same
 * way), 0 for an empty table. 0, or -EBADMSG on any violation. */
FUTEET_MUST_CHECK
int snp_certtable_check(const uint8_t *tbl, size_t len, size_t *used);

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
