/* WP harness for the SNP guest-message response checker
 * (tee/snp/guest_msg.c: snp_msg_check_response). Its contract below is the
 * documented predicate: it accepts exactly when the page holds a whole
 * header, the sequence number is the request's + 1 (and the request's is in
 * range), algo / header version / header size are the fixed values, type is
 * request type + 1, version and msg_vmpck are the request's, and msg_sz fits
 * both the page and the caller's buffer (SNP ABI 56860 rev 1.57 section 7.1,
 * table "Message header"). Assumed, not proved here: the contracts of the
 * little-endian readers of lib/bytes.h (their arithmetic meaning; z3 through
 * why3 does not prove the shift-and-or form; test_bytes checks them on fixed
 * vectors). Run by scripts/prove; not compiled by make. */
#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/bytes.h"
#include "tee/snp/guest_msg.h"

/*@ logic integer le16(uint8_t *p) = p[0] + 256 * p[1];
    logic integer le32(uint8_t *p) = le16(p) + 65536 * le16(p + 2);
    logic integer le64(uint8_t *p) = le32(p) + 4294967296 * le32(p + 4);

    predicate answers(uint8_t *rsp, integer rsp_len, struct snp_msg_hdr *req,
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

/*@ requires \valid_read(p + (0 .. 1));
    assigns \nothing;
    ensures \result == le16(p); */
static inline uint16_t bytes_le16(const uint8_t *p);
/*@ requires \valid_read(p + (0 .. 3));
    assigns \nothing;
    ensures \result == le32(p); */
static inline uint32_t bytes_le32(const uint8_t *p);
/*@ requires \valid_read(p + (0 .. 7));
    assigns \nothing;
    ensures \result == le64(p); */
static inline uint64_t bytes_le64(const uint8_t *p);

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
