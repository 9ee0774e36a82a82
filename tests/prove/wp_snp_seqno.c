/* WP harness for the SEV-SNP guest-message state machine
 * (tee/snp/guest_msg.c): the sequence number and the VMPCK wipe.
 * Proved (with -wp-rte and -warn-unsigned-overflow, so a wrap is a goal):
 *   - snp_exchange_once: the seqno it encrypts with is next_seqno, which is
 *     <= SNP_SEQNO_LAST; after any exchange that reached the doorbell the
 *     next seqno is old + 2 (never reused, never wraps) or the key is gone;
 *     every failure other than "nothing sent" (-EINVAL) and the clean
 *     "certificate buffer too small" (-ENOSPC) leaves key_valid false and
 *     VMPCK all zero; a failed authentication (-EBADMSG) always does.
 *   - snp_guest_disable: VMPCK all zero and key_valid false.
 *   - snp_guest_exchange: once disabled, every request returns
 *     -EKEYREJECTED and the context stays disabled with the key zero; the
 *     seqno never goes back.
 * Assumed (contracts below, not proved here): snp_wipe_bytes zeroes its
 * range and snp_wipe_msg writes only its message (both are futeet_wipe:
 * volatile stores through a void *, which WP's typed model does not follow); snp_msg_encode writes only
 * the request page and refuses seqno 0 or > SNP_SEQNO_LAST (it calls
 * BearSSL's AES-GCM); snp_ring (the doorbell, through function pointers)
 * writes only the response page, the certificate buffer, exitinfo2, npages
 * and the counters; snp_msg_decode writes only out[0 .. cap) and reports a
 * length <= cap (its header check is proved in wp_snp_response.c).
 * Run by scripts/prove; not compiled by make. */
#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "tee/snp/guest_msg.h"

#define CERTS_MAX (SNP_CERT_PAGES_MAX * SNP_PAGE_SIZE)

/*@ predicate zeroed(struct snp_guest_ctx *g) =
      \forall integer i; 0 <= i < SNP_VMPCK_LEN ==> g->vmpck[i] == 0;
    predicate state_ok(struct snp_guest_ctx *g) =
      (g->key_valid ==> 1 <= g->next_seqno) && (!g->key_valid ==> zeroed(g));
*/

/*@ assigns \nothing; */
static bool vmm_says(uint64_t exitinfo2, uint32_t vmm_error);

/*@ requires \valid(p + (0 .. n - 1));
    assigns p[0 .. n - 1];
    ensures \forall integer i; 0 <= i < n ==> p[i] == 0; */
static void snp_wipe_bytes(uint8_t *p, size_t n);

/*@ requires \valid(m);
    assigns *m; */
static void snp_wipe_msg(struct snp_guest_msg *m);

/*@ requires \valid(m);
    assigns *m;
    ensures \result == 0 || \result == -EINVAL;
    ensures \result == 0 ==> 1 <= seqno <= SNP_SEQNO_LAST && m->hdr.msg_seqno == seqno; */
int snp_msg_encode(struct snp_guest_msg *m, const uint8_t key[32], uint8_t vmpck_id,
		   uint64_t seqno, uint8_t msg_type, uint8_t msg_version,
		   const uint8_t *payload, size_t payload_len);

/*@ requires \valid(out + (0 .. cap - 1)) && \valid(out_len);
    requires why == \null || \valid(why);
    assigns out[0 .. cap - 1], *out_len, *why;
    ensures \result == 0 || \result == -EBADMSG || \result == -EINVAL;
    ensures \result == 0 ==> *out_len <= cap; */
int snp_msg_decode(const struct snp_guest_msg *rsp, const struct snp_msg_hdr *req_hdr,
		   const uint8_t key[32], uint8_t *out, size_t cap, size_t *out_len,
		   const char **why);

/*@ requires \valid(g) && \valid(exitinfo2) && \separated(g, exitinfo2);
    requires npages == \null || (\valid(npages) && \separated(g, npages, exitinfo2));
    assigns g->rsp, g->doorbell_calls, g->last_exitinfo2, *exitinfo2, *npages,
            certs[0 .. CERTS_MAX - 1];
    ensures g->doorbell_calls > \old(g->doorbell_calls); */
static int snp_ring(struct snp_guest_ctx *g, bool ext, uint8_t *certs,
		    uint64_t *npages, uint64_t *exitinfo2);

/*@ requires \valid(g);
    assigns g->vmpck[0 .. SNP_VMPCK_LEN - 1], g->req, g->rsp, g->key_valid, g->why;
    ensures !g->key_valid && zeroed(g); */
void snp_guest_disable(struct snp_guest_ctx *g, const char *why);

/*@ requires \valid(g) && state_ok(g) && g->key_valid;
    requires \valid(out + (0 .. cap - 1)) && \valid(out_len);
    requires npages == \null || \valid(npages);
    requires \separated(g, out + (0 .. cap - 1), out_len);
    requires npages != \null ==> \separated(npages, g, out + (0 .. cap - 1), out_len);
    requires certs != \null ==> \separated(certs + (0 .. CERTS_MAX - 1), g, out + (0 .. cap - 1), out_len);
    requires certs != \null ==> npages != \null;
    assigns *g, out[0 .. cap - 1], *out_len, *npages, certs[0 .. CERTS_MAX - 1];
    ensures state: state_ok(g);
    ensures fresh: g->key_valid ==> g->next_seqno == \old(g->next_seqno) + 2 ||
                   (g->next_seqno == \old(g->next_seqno) && g->doorbell_calls == \old(g->doorbell_calls));
    ensures sent_once: g->doorbell_calls != \old(g->doorbell_calls) && g->key_valid ==>
                       g->next_seqno == \old(g->next_seqno) + 2;
    ensures wiped: \result != 0 && \result != -EINVAL && \result != -ENOSPC ==>
                   !g->key_valid && zeroed(g);
    ensures auth: \result == -EBADMSG ==> !g->key_valid && zeroed(g);
    ensures ok: \result == 0 || \result == -ENOSPC ==> g->key_valid;
*/
static int snp_exchange_once(struct snp_guest_ctx *g, uint8_t msg_type, uint8_t msg_version,
			     const uint8_t *payload, size_t payload_len,
			     uint8_t *out, size_t cap, size_t *out_len,
			     uint8_t *certs, uint64_t *npages);

/*@ requires \valid(g) && state_ok(g);
    requires \valid_read(g->ops);
    requires rsp != \null ==> \valid(rsp + (0 .. rsp_cap - 1));
    requires rsp_len != \null ==> \valid(rsp_len);
    requires cert_pages != \null ==> \valid(cert_pages);
    requires \separated(g, rsp + (0 .. rsp_cap - 1), rsp_len, cert_pages);
    requires \separated(rsp_len, rsp + (0 .. rsp_cap - 1), cert_pages);
    requires certs != \null ==> \separated(certs + (0 .. CERTS_MAX - 1), g, rsp + (0 .. rsp_cap - 1), rsp_len, cert_pages);
    ensures state: state_ok(g);
    ensures monotonic: g->next_seqno >= \old(g->next_seqno) || !g->key_valid;
    behavior disabled:
      assumes !g->key_valid;
      ensures \result == -EKEYREJECTED && !g->key_valid && zeroed(g);
*/
int snp_guest_exchange(struct snp_guest_ctx *g, uint8_t msg_type, uint8_t msg_version,
		       const uint8_t *payload, size_t payload_len,
		       uint8_t *rsp, size_t rsp_cap, size_t *rsp_len,
		       uint8_t *certs, size_t certs_cap_pages, uint64_t *cert_pages);

#include "tee/snp/guest_msg.c"
