/* The SNP extended-request certificate table (GHCB 56421 rev 2.03 section
 * 4.1.8.1): one walker, one rule set, used by the guest driver on what the
 * host hands back (tee/snp) and by the verifier to find the VCEK/VLEK, ASK
 * and ARK in evidence (certtable_find.h, outside the kernel). Layout drawn
 * in certtable.c. */
#ifndef FUTEET_LIB_SNP_CERTTABLE_H
#define FUTEET_LIB_SNP_CERTTABLE_H

#include <stdbool.h>
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

/* The walker's pieces, shared with the verifier's look-up (certtable_find.c):
 * two 16-byte GUIDs equal; a GUID's EFI_GUID byte order (UEFI 2.10 appendix A);
 * entry i's certificate as checked indices (table_end <= *off,
 * *off + *blen <= len, 0 < *blen); the whole walk, *nentries entries before
 * the terminator and *used the furthest blob end. */
bool snp_guid_eq(const uint8_t *a, const uint8_t *b);
void snp_guid_swap(const uint8_t in[16], uint8_t out[16]);
FUTEET_MUST_CHECK
int snp_cert_entry(const uint8_t *tbl, size_t len, size_t table_end, size_t i,
		   size_t *off, size_t *blen);
FUTEET_MUST_CHECK
int snp_certtable_walk(const uint8_t *tbl, size_t len, size_t *nentries, size_t *used);

#endif
