/* WP harness for the SNP guest-message response checker
 * (tee/snp/guest_msg.c: snp_msg_check_response). Its contract below is the
 * documented predicate: it accepts exactly when the page holds a whole
 * header, the sequence number is the request's + 1 (and the request's is in
 * range), algo / header version / header size are the fixed values, type is
 * request type + 1, version and msg_vmpck are the request's, and msg_sz fits
 * both the page and the caller's buffer (SNP ABI 56860 rev 1.57 section 7.1,
 * table "Message header"). Used, proved by wp_bytes: the contracts of the
 * little-endian readers of lib/bytes.h (bytes_le.acsl.h, their arithmetic
 * meaning). Run by scripts/prove; not compiled by make. */
#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "tests/prove/bytes_le.acsl.h"
#include "lib/bytes.h"
#include "tee/snp/guest_msg.h"

/*@ predicate answers(uint8_t *rsp, integer rsp_len, struct snp_msg_hdr *req,
                      integer cap, integer sz) =
      SNP_MSG_HDR_SIZE <= rsp_len <= SNP_PAGE_SIZE &&
      req->msg_seqno <= SNP_SEQNO_LAST && le64(rsp + 0x20) == req->msg_seqno + 1 &&
      rsp[0x30] == SNP_AEAD_AES_256_GCM && rsp[0x31] == SNP_MSG_HDR_VERSION &&
      le16(rsp + 0x32) == SNP_MSG_HDR_SIZE &&
      rsp[0x34] == (uint8_t)(req->msg_type + 1) &&
      rsp[0x35] == req->msg_version &&
      rsp[0x3C] == req->msg_vmpck &&
      sz == le16(rsp + 0x36) && sz <= rsp_len - SNP_MSG_HDR_SIZE && sz <= cap;
*/

/*@ requires \valid(msg_sz) && \valid_read(req_hdr);
    requires why == \null || \valid(why);
    requires rsp == \null || rsp_len > SNP_PAGE_SIZE || \valid_read(rsp + (0 .. rsp_len - 1));
    requires \separated(msg_sz, why, req_hdr);
    requires rsp_len <= SNP_PAGE_SIZE ==> \separated(msg_sz, rsp + (0 .. rsp_len - 1));
    requires rsp_len <= SNP_PAGE_SIZE ==> \separated(why, rsp + (0 .. rsp_len - 1));
    assigns *msg_sz, *why;
    ensures codes: \result == 0 || \result == -EBADMSG || \result == -EINVAL;
    ensures sound: \result == 0 ==> rsp != \null &&
                   answers(rsp, rsp_len, req_hdr, cap, *msg_sz);
    ensures complete: rsp != \null && answers(rsp, rsp_len, req_hdr, cap, le16(rsp + 0x36))
                      ==> \result == 0;
*/
int snp_msg_check_response(const uint8_t *rsp, size_t rsp_len,
			   const struct snp_msg_hdr *req_hdr, size_t cap,
			   uint16_t *msg_sz, const char **why);

#include "tee/snp/guest_msg.c"
