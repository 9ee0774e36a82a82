/* SEV-SNP guest messages: the header, AES-256-GCM under VMPCK0, and the
 * sequence-number state machine (SNP ABI 56860 rev 1.57 chapter 7 "Guest
 * Messages"; GHCB 56421 rev 2.03 section 4.1.8 for the doorbell's results).
 * Peers: Linux drivers/virt/coco/sev-guest/sev-guest.c, COCONUT-SVSM
 * kernel/src/greq/{msg,driver}.rs.
 *
 *   request page (private, then copied out by the doorbell)
 *   0x00 authtag[32]   tag in the first 16 bytes      -- not in the AAD
 *   0x20 msg_seqno     IV = seqno (LE) || 0x00000000  -- not in the AAD
 *   0x28 rsvd1[8]
 *   0x30 algo hdr_version hdr_sz msg_type msg_version msg_sz ... msg_vmpck
 *        \------------- AAD: bytes 0x30..0x5F (48 bytes) -------------/
 *   0x60 payload[msg_sz]  AES-256-GCM ciphertext
 *
 * Sequence numbers: the PSP expects 1 for the first message under a VMPCK,
 * answers with request + 1, and then expects request + 2. The driver keeps
 * its own counter, advances it by 2 after every exchange that reached the
 * PSP, and never lets it wrap. Every response failure wipes VMPCK0 and
 * disables the driver for good, so an IV can never be used twice.
 *
 * Everything here works on private memory; the doorbell copies the request
 * into the shared page and the answer out of it. Host-compilable: only
 * include/futeet headers and BearSSL. */
#ifndef FUTEET_TEE_SNP_GUEST_MSG_H
#define FUTEET_TEE_SNP_GUEST_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/snp_abi.h"
#include "futeet/compiler.h"

/* The one narrow doorbell (DESIGN.md section 3). Hardware: GHCB
 * SW_EXITCODE 0x8000_0011 / 0x8000_0012 + VMGEXIT; sim: the ivshmem mailbox.
 * req/rsp/certs are private buffers; the doorbell copies them to and from
 * its shared pages. Returns 0 when the host answered (the answer's status is
 * in *exitinfo2: bits 63:32 VMM error, 31:0 firmware error), or a negative
 * errno when the transport failed (no answer, malformed mailbox reply).
 * ext_guest_request: *npages_inout = certificate pages offered on input; on a
 * VMM INVALID_LEN answer, the pages the host says it needs. */
struct snp_doorbell_ops {
	int (*guest_request)(void *ctx, const uint8_t req[SNP_PAGE_SIZE],
			     uint8_t rsp[SNP_PAGE_SIZE], uint64_t *exitinfo2);
	int (*ext_guest_request)(void *ctx, const uint8_t req[SNP_PAGE_SIZE],
				 uint8_t rsp[SNP_PAGE_SIZE], uint8_t *certs,
				 uint64_t *npages_inout, uint64_t *exitinfo2);
};

/* BUSY (GHCB 56421 4.1.8: VMM error 2, "throttled"): resend the identical
 * ciphertext at most this many times, back-off doubling from 1 ms to 500 ms
 * (about 2 s in all; Linux waits up to 60 s, SVSM retries once). */
#define SNP_BUSY_RETRIES      12u
#define SNP_BUSY_BACKOFF_US   1000u
#define SNP_BUSY_BACKOFF_MAX_US 500000u
/* Certificate buffer: at most this many pages, whatever the host asks for
 * (Linux caps at SEV_FW_BLOB_MAX_SIZE = 16 KiB; we allow 32 KiB). */
#define SNP_CERT_PAGES_MAX    8u
/* Extended request attempts (first try + retries with the host's count). */
#define SNP_EXT_ATTEMPTS      3u
/* Largest sequence number ever sent: the response carries seqno + 1 and the
 * PSP's next expected value is seqno + 2; neither may wrap (SNP ABI 56860
 * 7.1: MSG_SEQNO 0 is invalid). */
#define SNP_SEQNO_LAST        (UINT64_MAX - 2u)

#define SNP_GCM_IV_LEN        12u

/* Text for the error every request returns once the key is gone. */
#define SNP_MSG_DISABLED_TEXT \
	"SNP guest requests disabled: VMPCK0 wiped after a bad response"

struct snp_guest_ctx {
	uint8_t vmpck[SNP_VMPCK_LEN];  /* private copy; wiped on any failure */
	uint8_t vmpck_id;              /* 0..3, the header's msg_vmpck */
	bool key_valid;
	uint64_t next_seqno;           /* the seqno the next request carries */
	const struct snp_doorbell_ops *ops;
	void *db_ctx;
	/* Back-off between BUSY retries; NULL = no wait (tests). */
	void (*backoff_us)(uint64_t us);
	/* Statistics and the reason of the last failure (never secret). */
	uint64_t doorbell_calls;
	const char *why;
	uint64_t last_exitinfo2;
	uint32_t last_fw_status;       /* status field of the last decrypted response */
	/* Private copies of the pages (never shared with the host). */
	struct snp_guest_msg req;
	struct snp_guest_msg rsp;
};

/* Take VMPCKn (copied; the caller wipes its own copy) and the PSP's next
 * expected sequence number (1 for a fresh launch; Linux: secrets page OS
 * area msg_seqno_n + 1). Returns -EINVAL on an all-zero key (the VMPCK of a
 * VMPL the guest may not use reads as zero) or a bad id/seqno. */
FUTEET_MUST_CHECK
int snp_guest_init(struct snp_guest_ctx *g, const uint8_t vmpck[SNP_VMPCK_LEN],
		   uint8_t vmpck_id, uint64_t first_seqno,
		   const struct snp_doorbell_ops *ops, void *db_ctx);

/* Wipe VMPCK and refuse every later request. Idempotent. */
void snp_guest_disable(struct snp_guest_ctx *g, const char *why);

bool snp_guest_usable(const struct snp_guest_ctx *g);

/* One exchange: encrypt payload as msg_type (version msg_version), ring the
 * doorbell, check and decrypt the answer into rsp (cap bytes), *rsp_len =
 * its msg_sz. With certs != NULL it is an extended request: certs holds
 * *cert_pages pages; on return *cert_pages = the pages the host filled in.
 * Errors: -EKEYREJECTED (disabled), -EINVAL, -EBADMSG (bad response: key
 * wiped), -EPROTO (hostile doorbell answer: key wiped), -ETIMEDOUT / -EIO
 * (transport; key wiped), -EBUSY (throttled too long; key wiped), -ENOSPC
 * (host wants more than SNP_CERT_PAGES_MAX or the caller's buffer: the
 * seqno was consumed cleanly, the key stays). */
FUTEET_MUST_CHECK
int snp_guest_exchange(struct snp_guest_ctx *g, uint8_t msg_type, uint8_t msg_version,
		       const uint8_t *payload, size_t payload_len,
		       uint8_t *rsp, size_t rsp_cap, size_t *rsp_len,
		       uint8_t *certs, size_t certs_cap_pages, uint64_t *cert_pages);

/* ---- The pieces, exported for tests and fuzzers ------------------------ */

/* AES-256-GCM over data in place (SNP ABI 56860 7.1: AES-256-GCM, 96-bit
 * IV, 128-bit tag). Decrypt returns -EBADMSG on a tag mismatch (checked in
 * constant time) and wipes data then. Uses AES-NI/PCLMUL when the CPU has
 * them, else BearSSL's constant-time aes_ct64 + ghash_ctmul64. */
FUTEET_MUST_CHECK
int snp_aead_seal(const uint8_t key[32], const uint8_t iv[SNP_GCM_IV_LEN],
		  const uint8_t *aad, size_t aad_len, uint8_t *data, size_t len,
		  uint8_t tag[SNP_AUTHTAG_LEN]);
FUTEET_MUST_CHECK
int snp_aead_open(const uint8_t key[32], const uint8_t iv[SNP_GCM_IV_LEN],
		  const uint8_t *aad, size_t aad_len, uint8_t *data, size_t len,
		  const uint8_t tag[SNP_AUTHTAG_LEN]);

/* Build a request page: header + encrypted payload under key with seqno. */
FUTEET_MUST_CHECK
int snp_msg_encode(struct snp_guest_msg *m, const uint8_t key[32], uint8_t vmpck_id,
		   uint64_t seqno, uint8_t msg_type, uint8_t msg_version,
		   const uint8_t *payload, size_t payload_len);

/* Check a response page's header against the request it answers (before
 * any decryption): seqno = req + 1, type = req type + 1, same version, algo,
 * hdr_version, hdr_sz, msg_vmpck, msg_sz within the page and within cap.
 * Returns 0 and *msg_sz, or -EBADMSG with *why set. Pure: no state. */
FUTEET_MUST_CHECK
int snp_msg_check_response(const uint8_t *rsp, size_t rsp_len,
			   const struct snp_msg_hdr *req_hdr, size_t cap,
			   uint16_t *msg_sz, const char **why);

/* Check, then decrypt rsp's payload into out. */
FUTEET_MUST_CHECK
int snp_msg_decode(const struct snp_guest_msg *rsp, const struct snp_msg_hdr *req_hdr,
		   const uint8_t key[32], uint8_t *out, size_t cap, size_t *out_len,
		   const char **why);

#endif
