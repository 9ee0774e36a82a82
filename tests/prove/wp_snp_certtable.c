/* WP harness for the SNP certificate-table walker (lib/snp/certtable.c and
 * certtable_find.c, GHCB 56421 rev 2.03 section 4.1.8.1): every (offset,
 * length) the walker hands back lies inside the table. Proved (with -wp-rte):
 *   - snp_cert_entry: on 0, 0 < length, offset >= the end of the entry table
 *     and offset + length <= len (as integers, no wrap);
 *   - snp_certtable_walk: on 0, (n + 1) * 24 <= len for the n entries before
 *     the terminator, n <= SNP_CERT_ENTRIES_MAX, and the furthest blob end
 *     *used <= len; every read inside tbl[0 .. len);
 *   - snp_certtable_check: on 0, *used <= len;
 *   - snp_certtable_find: on 0, *der = tbl + off with 24 <= off,
 *     0 < *der_len and off + *der_len <= len: the certificate lies in the
 *     table, after its first entry (the walk checks it is after all of
 *     them; snp_cert_entry's table_end).
 * Used, proved by wp_bytes: bytes_le32's arithmetic meaning
 * (bytes_le.acsl.h). Run by
 * scripts/prove; not compiled by make. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "tests/prove/bytes_le.acsl.h"
#include "lib/bytes.h"
#include "lib/snp/certtable_find.h"

/*@ predicate table(uint8_t *tbl, integer len) =
      \valid_read(tbl + (0 .. len - 1));
*/

/*@ requires \valid_read(p + (0 .. n - 1));
    assigns \nothing; */
static bool all_zero(const uint8_t *p, size_t n);

/*@ requires \valid_read(a + (0 .. 15)) && \valid_read(b + (0 .. 15));
    assigns \nothing; */
bool snp_guid_eq(const uint8_t *a, const uint8_t *b);

/*@ requires \valid_read(in + (0 .. 15)) && \valid(out + (0 .. 15));
    requires \separated(in + (0 .. 15), out + (0 .. 15));
    assigns out[0 .. 15]; */
void snp_guid_swap(const uint8_t in[16], uint8_t out[16]);

/*@ requires table(tbl, len) && (i + 1) * 24 <= len;
    requires \valid(off) && \valid(blen) && \separated(off, blen);
    assigns *off, *blen;
    ensures \result == 0 || \result == -EBADMSG;
    ensures \result == 0 ==> 0 < *blen && table_end <= *off && *off + *blen <= len; */
int snp_cert_entry(const uint8_t *tbl, size_t len, size_t table_end, size_t i,
		   size_t *off, size_t *blen);

/*@ requires table(tbl, len);
    requires \valid(nentries) && \valid(used) && \separated(nentries, used);
    assigns *nentries, *used;
    ensures \result == 0 || \result == -EBADMSG;
    ensures \result == 0 ==> *nentries <= SNP_CERT_ENTRIES_MAX &&
                             (*nentries + 1) * 24 <= len && *used <= len; */
int snp_certtable_walk(const uint8_t *tbl, size_t len, size_t *nentries, size_t *used);

/*@ requires tbl == \null || table(tbl, len);
    requires used == \null || \valid(used);
    assigns *used;
    ensures \result == 0 ==> *used <= len; */
int snp_certtable_check(const uint8_t *tbl, size_t len, size_t *used);

/*@ requires tbl == \null || table(tbl, len);
    requires guid == \null || \valid_read(guid + (0 .. 15));
    requires der == \null || \valid(der);
    requires der_len == \null || \valid(der_len);
    requires \separated(der, der_len);
    assigns *der, *der_len;
    ensures \result == 0 || \result == -EINVAL || \result == -EBADMSG || \result == -ENOENT;
    ensures inside: \result == 0 ==>
      \exists integer off; *der == tbl + off && 24 <= off && 0 < *der_len &&
                           off + *der_len <= len; */
int snp_certtable_find(const uint8_t *tbl, size_t len, const uint8_t guid[16],
		       const uint8_t **der, size_t *der_len);

#include "lib/snp/certtable.c"
#include "lib/snp/certtable_find.c"
