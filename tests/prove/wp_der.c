/* WP harness for the DER reader's bounds (lib/der.c): the contracts below
 * are merged with the definitions of lib/der.c (included at the end) and
 * proved with -wp -wp-rte: no read outside the view buf[pos .. end) on any
 * path, and a TLV that der_read returns lies inside the view, its contents
 * after its header, with the cursor moved exactly past it. Run by
 * scripts/prove; not compiled by make. */
#include "futeet/errno.h"
#include "lib/der.h"

/*@ predicate view(struct der *d) =
      d->pos <= d->end && \valid_read(d->buf + (d->pos .. d->end - 1));
    predicate tlv_in(struct der_tlv *t, uint8_t *buf, size_t lo, size_t hi) =
      t->buf == buf && lo == t->raw_off && t->raw_off + 2 <= t->off &&
      t->off <= t->end && t->end <= hi &&
      t->val == buf + t->off && t->len == t->end - t->off &&
      t->raw == buf + t->raw_off && t->raw_len == t->end - t->raw_off;
*/

/*@ requires \valid(d) && \valid(out) && \separated(d, out);
    requires view(d);
    assigns d->pos, *out;
    ensures errs: \result == 0 || \result == -ENODATA || \result == -EBADMSG;
    ensures same_view: d->buf == \old(d->buf) && d->end == \old(d->end);
    ensures forward: \old(d->pos) <= d->pos <= d->end;
    ensures inside: \result == 0 ==> out->buf == d->buf && out->raw_off == \old(d->pos) &&
                                     out->raw_off + 2 <= out->off <= out->end <= d->end;
    ensures moved: \result == 0 ==> d->pos == out->end;
    ensures ptrs: \result == 0 ==> out->val == d->buf + out->off && out->raw == d->buf + out->raw_off;
    ensures lens: \result == 0 ==> out->len == out->end - out->off &&
                                   out->raw_len == out->end - out->raw_off;
    ensures unmoved: \result != 0 ==> d->pos == \old(d->pos);
    ensures empty: \result == -ENODATA <==> \old(d->pos) == \old(d->end);
*/
int der_read(struct der *d, struct der_tlv *out);

/*@ requires \valid(d) && \valid(out) && \separated(d, out);
    requires view(d);
    assigns d->pos, *out;
    ensures \result == 0 || \result == -EBADMSG;
    ensures d->buf == \old(d->buf) && d->end == \old(d->end);
    ensures \old(d->pos) <= d->pos <= d->end;
    ensures \result == 0 ==> out->tag == tag && tlv_in(out, d->buf, \old(d->pos), d->end) &&
                             d->pos == out->end;
*/
int der_expect(struct der *d, uint8_t tag, struct der_tlv *out);

/*@ requires \valid_read(t) && \valid(inner) && \separated(t, inner);
    requires t->off <= t->end && \valid_read(t->buf + (t->off .. t->end - 1));
    assigns *inner;
    ensures inner->buf == t->buf && inner->pos == t->off && inner->end == t->end;
    ensures view(inner);
*/
void der_enter(const struct der_tlv *t, struct der *inner);

/*@ requires \valid_read(d) && view(d);
    assigns \nothing;
    ensures \result == -ENODATA || 0 <= \result <= 255;
*/
int der_peek(const struct der *d);

#include "lib/der.c"
