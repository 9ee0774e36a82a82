/* SEV-SNP guest messages: encode, AES-256-GCM, strict response checks and the
 * sequence-number state machine. Layout and rules: guest_msg.h; spec: SNP ABI
 * 56860 rev 1.57 chapter 7, GHCB 56421 rev 2.03 section 4.1.8. Response
 * checks follow Linux sev-guest.c verify_and_dec_payload() plus the fixed
 * header fields; error handling follows its handle_guest_request(). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/aes_gcm.h"
#include "lib/bytes.h"
#include "tee/snp/guest_msg.h"

/* GHCB 56421 4.1.8: SW_EXITINFO2 bits 63:32 = VMM error, 31:0 = firmware.
 * BUSY and INVALID_LEN are whole values, VMM code and zero firmware bits
 * (Linux snp_issue_guest_request compares with SNP_GUEST_VMM_ERR(e)): a
 * BUSY with firmware bits set means the firmware saw the message, so it is
 * an error, never a reason to resend. */
static bool vmm_says(uint64_t exitinfo2, uint32_t vmm_error)
{
	/* exitinfo2 == SNP_GUEST_VMM_ERR(vmm_error), as halves: no shift left,
	 * so the WP proof has no overflow to rule out. */
	return (uint32_t)exitinfo2 == 0 && (exitinfo2 >> SNP_GUEST_VMM_ERR_SHIFT) == vmm_error;
}

/* ---- AES-256-GCM (lib/aes_gcm.c) ---------------------------------------- */

_Static_assert(SNP_GCM_IV_LEN == AES_GCM_IV_LEN && SNP_AUTHTAG_LEN == AES_GCM_TAG_LEN,
	       "SNP ABI 56860 7.1: AES-256-GCM, 96-bit IV, 128-bit tag");

int snp_aead_seal(const uint8_t key[32], const uint8_t iv[SNP_GCM_IV_LEN],
		  const uint8_t *aad, size_t aad_len, uint8_t *data, size_t len,
		  uint8_t tag[SNP_AUTHTAG_LEN])
{
	return aes_gcm_seal(key, iv, aad, aad_len, data, len, tag);
}

int snp_aead_open(const uint8_t key[32], const uint8_t iv[SNP_GCM_IV_LEN],
		  const uint8_t *aad, size_t aad_len, uint8_t *data, size_t len,
		  const uint8_t tag[SNP_AUTHTAG_LEN])
{
	return aes_gcm_open(key, iv, aad, aad_len, data, len, tag);
}

/* IV (SNP ABI 56860 7.1): bytes 0..7 = MSG_SEQNO little-endian, 8..11 zero. */
static void snp_iv_from_seqno(uint8_t iv[SNP_GCM_IV_LEN], uint64_t seqno)
{
	bytes_put_le64(iv, seqno);
	iv[8] = iv[9] = iv[10] = iv[11] = 0;
}

/* ---- Encode -------------------------------------------------------------- */

int snp_msg_encode(struct snp_guest_msg *m, const uint8_t key[32], uint8_t vmpck_id,
		   uint64_t seqno, uint8_t msg_type, uint8_t msg_version,
		   const uint8_t *payload, size_t payload_len)
{
	uint8_t iv[SNP_GCM_IV_LEN];
	const uint8_t *aad;

	if (m == NULL || key == NULL || vmpck_id > 3 || seqno == 0 ||
	    seqno > SNP_SEQNO_LAST || payload_len > SNP_MSG_PAYLOAD_MAX ||
	    (payload == NULL && payload_len))
		return -EINVAL;
	memset(m, 0, sizeof(*m));
	m->hdr.msg_seqno = seqno;
	m->hdr.algo = SNP_AEAD_AES_256_GCM;
	m->hdr.hdr_version = SNP_MSG_HDR_VERSION;
	m->hdr.hdr_sz = SNP_MSG_HDR_SIZE;
	m->hdr.msg_type = msg_type;
	m->hdr.msg_version = msg_version;
	m->hdr.msg_sz = (uint16_t)payload_len;
	m->hdr.msg_vmpck = vmpck_id;
	if (payload_len)
		memcpy(m->payload, payload, payload_len);
	snp_iv_from_seqno(iv, seqno);
	aad = (const uint8_t *)&m->hdr + SNP_MSG_AAD_OFF;
	return snp_aead_seal(key, iv, aad, SNP_MSG_AAD_LEN, m->payload, payload_len,
			     m->hdr.authtag);
}

/* ---- Response checks (hostile input; a pure function over bytes) -------- */

int snp_msg_check_response(const uint8_t *rsp, size_t rsp_len,
			   const struct snp_msg_hdr *req_hdr, size_t cap,
			   uint16_t *msg_sz, const char **why)
{
	const char *dummy;
	uint16_t sz;
	uint64_t seqno;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if (rsp == NULL || req_hdr == NULL || msg_sz == NULL) {
		*why = "internal: missing argument";
		return -EINVAL;
	}
	/* Lengths first: the page must hold a whole header. */
	if (rsp_len < SNP_MSG_HDR_SIZE || rsp_len > SNP_PAGE_SIZE) {
		*why = "response shorter than a message header";
		return -EBADMSG;
	}
	seqno = bytes_le64(rsp + 0x20); /* SNP ABI 56860 7.1: MSG_SEQNO @0x20 */
	if (req_hdr->msg_seqno > SNP_SEQNO_LAST || seqno != req_hdr->msg_seqno + 1) {
		*why = "response sequence number is not request + 1 (replayed or skipped)";
		return -EBADMSG;
	}
	if (rsp[0x30] != SNP_AEAD_AES_256_GCM) {          /* ALGO */
		*why = "response AEAD algorithm is not AES-256-GCM";
		return -EBADMSG;
	}
	if (rsp[0x31] != SNP_MSG_HDR_VERSION ||           /* HDR_VERSION */
	    bytes_le16(rsp + 0x32) != SNP_MSG_HDR_SIZE) { /* HDR_SIZE */
		*why = "response header version or size is wrong";
		return -EBADMSG;
	}
	if (rsp[0x34] != (uint8_t)(req_hdr->msg_type + 1)) { /* MSG_TYPE */
		*why = "response message type is not request type + 1";
		return -EBADMSG;
	}
	if (rsp[0x35] != req_hdr->msg_version) {          /* MSG_VERSION */
		*why = "response message version differs from the request's";
		return -EBADMSG;
	}
	if (rsp[0x3C] != req_hdr->msg_vmpck) {            /* MSG_VMPCK */
		*why = "response is for another VMPCK";
		return -EBADMSG;
	}
	sz = bytes_le16(rsp + 0x36);                      /* MSG_SIZE */
	if ((size_t)sz > rsp_len - SNP_MSG_HDR_SIZE) {
		*why = "response message size exceeds the page";
		return -EBADMSG;
	}
	if ((size_t)sz > cap) {
		*why = "response message larger than the expected payload";
		return -EBADMSG;
	}
	*msg_sz = sz;
	return 0;
}

int snp_msg_decode(const struct snp_guest_msg *rsp, const struct snp_msg_hdr *req_hdr,
		   const uint8_t key[32], uint8_t *out, size_t cap, size_t *out_len,
		   const char **why)
{
	uint8_t iv[SNP_GCM_IV_LEN];
	uint16_t sz;
	int rc;

	if (out == NULL || out_len == NULL || key == NULL)
		return -EINVAL;
	rc = snp_msg_check_response((const uint8_t *)rsp, sizeof(*rsp), req_hdr, cap, &sz, why);
	if (rc)
		return rc;
	memcpy(out, rsp->payload, sz);
	snp_iv_from_seqno(iv, rsp->hdr.msg_seqno);
	rc = snp_aead_open(key, iv, (const uint8_t *)&rsp->hdr + SNP_MSG_AAD_OFF,
			   SNP_MSG_AAD_LEN, out, sz, rsp->hdr.authtag);
	if (rc) {
		if (why)
			*why = "response authentication tag does not verify";
		return -EBADMSG;
	}
	*out_len = sz;
	return 0;
}

/* ---- The state machine --------------------------------------------------- */

static bool key_nonzero(const uint8_t *k)
{
	uint8_t acc = 0;
	for (unsigned i = 0; i < SNP_VMPCK_LEN; i++)
		acc |= k[i];
	return acc != 0;
}

int snp_guest_init(struct snp_guest_ctx *g, const uint8_t vmpck[SNP_VMPCK_LEN],
		   uint8_t vmpck_id, uint64_t first_seqno,
		   const struct snp_doorbell_ops *ops, void *db_ctx)
{
	if (g == NULL || vmpck == NULL || ops == NULL || ops->guest_request == NULL)
		return -EINVAL;
	memset(g, 0, sizeof(*g));
	if (vmpck_id > 3 || first_seqno == 0 || first_seqno > SNP_SEQNO_LAST ||
	    !key_nonzero(vmpck)) {
		g->why = "no usable VMPCK";
		return -EINVAL;
	}
	memcpy(g->vmpck, vmpck, SNP_VMPCK_LEN);
	g->vmpck_id = vmpck_id;
	g->next_seqno = first_seqno;
	g->ops = ops;
	g->db_ctx = db_ctx;
	g->key_valid = true;
	return 0;
}

/* futeet_wipe through one typed wrapper per kind of buffer: the WP proof of
 * the key wipe (tests/prove/wp_snp_seqno.c) follows a uint8_t or a message
 * pointer, not the cast to void * (its typed memory model). */
static void snp_wipe_bytes(uint8_t *p, size_t n)
{
	futeet_wipe(p, n);
}

static void snp_wipe_msg(struct snp_guest_msg *m)
{
	futeet_wipe(m, sizeof(*m));
}

void snp_guest_disable(struct snp_guest_ctx *g, const char *why)
{
	snp_wipe_bytes(g->vmpck, sizeof(g->vmpck));
	snp_wipe_msg(&g->req);
	snp_wipe_msg(&g->rsp);
	g->key_valid = false;
	g->why = why;
}

bool snp_guest_usable(const struct snp_guest_ctx *g)
{
	return g != NULL && g->key_valid;
}

/* Ring the doorbell with the prepared request; handle BUSY by resending the
 * identical ciphertext. Returns 0 when the host answered (see *exitinfo2),
 * or the transport's error / -EBUSY after too many BUSY answers. */
static int snp_ring(struct snp_guest_ctx *g, bool ext, uint8_t *certs,
		    uint64_t *npages, uint64_t *exitinfo2)
{
	uint64_t backoff = SNP_BUSY_BACKOFF_US;
	uint64_t offered = npages ? *npages : 0;

	for (unsigned attempt = 0; attempt <= SNP_BUSY_RETRIES; attempt++) {
		int rc;

		*exitinfo2 = 0;
		g->doorbell_calls++;
		if (ext) {
			*npages = offered;
			rc = g->ops->ext_guest_request(g->db_ctx, (const uint8_t *)&g->req,
						       (uint8_t *)&g->rsp, certs, npages,
						       exitinfo2);
		} else {
			rc = g->ops->guest_request(g->db_ctx, (const uint8_t *)&g->req,
						   (uint8_t *)&g->rsp, exitinfo2);
		}
		g->last_exitinfo2 = *exitinfo2;
		if (rc)
			return rc;
		if (!vmm_says(*exitinfo2, SNP_GUEST_VMM_ERR_BUSY))
			return 0;
		if (g->backoff_us)
			g->backoff_us(backoff);
		backoff = backoff * 2 > SNP_BUSY_BACKOFF_MAX_US ? SNP_BUSY_BACKOFF_MAX_US
								 : backoff * 2;
	}
	return -EBUSY;
}

/* One request/response with the current seqno. On return 0 the response is
 * authenticated and decrypted into out; the seqno has advanced by 2. Every
 * failure except a clean "certificate buffer too small" (-ENOSPC, with
 * *npages = pages needed) disables the driver. */
static int snp_exchange_once(struct snp_guest_ctx *g, uint8_t msg_type, uint8_t msg_version,
			     const uint8_t *payload, size_t payload_len,
			     uint8_t *out, size_t cap, size_t *out_len,
			     uint8_t *certs, uint64_t *npages)
{
	uint64_t exitinfo2 = 0;
	uint64_t seqno = g->next_seqno;
	const char *why = NULL;
	bool ext = certs != NULL;
	bool too_small = false;
	int rc;

	if (seqno > SNP_SEQNO_LAST) {
		/* Not a host failure, but no IV is left: stop for good. */
		snp_guest_disable(g, "SNP guest requests disabled: message sequence numbers exhausted");
		return -EKEYREJECTED;
	}
	rc = snp_msg_encode(&g->req, g->vmpck, g->vmpck_id, seqno, msg_type, msg_version,
			    payload, payload_len);
	if (rc)
		return rc; /* nothing was sent: state unchanged */

	rc = snp_ring(g, ext, certs, npages, &exitinfo2);
	if (rc == 0 && ext && vmm_says(exitinfo2, SNP_GUEST_VMM_ERR_INVALID_LEN)) {
		/* GHCB 56421 4.1.8.2: the PSP never saw the message. Send the very
		 * same ciphertext as a plain request so that this seqno is used
		 * exactly once (Linux __handle_guest_request, -ENOSPC case). */
		too_small = true;
		ext = false;
		rc = snp_ring(g, false, NULL, NULL, &exitinfo2);
	}
	if (rc == -EBUSY) {
		snp_guest_disable(g, "SNP guest request: host stayed BUSY; VMPCK0 wiped (the message may be replayed later)");
		return -EBUSY;
	}
	if (rc) {
		snp_guest_disable(g, "SNP guest request: no valid answer from the doorbell; VMPCK0 wiped");
		return rc == -ETIMEDOUT ? -ETIMEDOUT : -EIO;
	}
	if (vmm_says(exitinfo2, SNP_GUEST_VMM_ERR_INVALID_LEN)) {
		/* On a plain request, "too small" is a lie: there is no buffer. */
		snp_guest_disable(g, too_small
			? "SNP guest request: host answered 'certificate buffer too small' to the plain resend of a request it had refused as too small; VMPCK0 wiped"
			: "SNP guest request: host answered 'certificate buffer too small' to a plain request; VMPCK0 wiped");
		return -EPROTO;
	}
	if (exitinfo2 != 0) {
		/* Any other value, including a VMM code with firmware bits set:
		 * the message may have reached the PSP, whose counter we no
		 * longer know. */
		snp_guest_disable(g, (exitinfo2 >> SNP_GUEST_VMM_ERR_SHIFT) != 0
			? "SNP guest request: host reported an error; VMPCK0 wiped"
			: "SNP guest request: firmware rejected the message (bad tag or sequence number); VMPCK0 wiped");
		return -EIO;
	}
	/* The PSP consumed seqno and seqno + 1 (Linux snp_inc_msg_seqno). */
	g->next_seqno = seqno + 2;

	rc = snp_msg_decode(&g->rsp, &g->req.hdr, g->vmpck, out, cap, out_len, &why);
	if (rc) {
		snp_guest_disable(g, why ? why : "bad response");
		return -EBADMSG;
	}
	if (too_small) {
		snp_wipe_bytes(out, *out_len);
		*out_len = 0;
		return -ENOSPC; /* *npages holds what the host asked for */
	}
	return 0;
}

int snp_guest_exchange(struct snp_guest_ctx *g, uint8_t msg_type, uint8_t msg_version,
		       const uint8_t *payload, size_t payload_len,
		       uint8_t *rsp, size_t rsp_cap, size_t *rsp_len,
		       uint8_t *certs, size_t certs_cap_pages, uint64_t *cert_pages)
{
	uint64_t npages;
	int rc;

	if (g == NULL)
		return -EINVAL;
	if (!g->key_valid)
		return -EKEYREJECTED;
	/* Validate everything before any state changes. */
	if (rsp == NULL || rsp_len == NULL || payload_len > SNP_MSG_PAYLOAD_MAX ||
	    (payload == NULL && payload_len) || msg_type == SNP_MSG_TYPE_INVALID ||
	    msg_type == 0xff)
		return -EINVAL;
	if (certs != NULL && (cert_pages == NULL || certs_cap_pages == 0 ||
			      g->ops->ext_guest_request == NULL))
		return -EINVAL;
	*rsp_len = 0;
	if (certs == NULL) {
		g->why = NULL;
		return snp_exchange_once(g, msg_type, msg_version, payload, payload_len,
					 rsp, rsp_cap, rsp_len, NULL, NULL);
	}

	if (certs_cap_pages > SNP_CERT_PAGES_MAX)
		certs_cap_pages = SNP_CERT_PAGES_MAX;
	npages = *cert_pages;
	if (npages == 0 || npages > certs_cap_pages)
		npages = certs_cap_pages;
	/* Proved in tests/prove/wp_snp_seqno.c (docs/PROOFS.md). */
	/*@ loop invariant g->key_valid && 1 <= g->next_seqno;
	    loop invariant g->next_seqno >= \at(g->next_seqno, Pre);
	    loop assigns attempt, rc, npages, *g, rsp[0 .. rsp_cap - 1], *rsp_len,
	                 certs[0 .. SNP_CERT_PAGES_MAX * SNP_PAGE_SIZE - 1], *cert_pages;
	*/
	for (unsigned attempt = 0; attempt < SNP_EXT_ATTEMPTS; attempt++) {
		uint64_t offered = npages;

		g->why = NULL;
		rc = snp_exchange_once(g, msg_type, msg_version, payload, payload_len,
				       rsp, rsp_cap, rsp_len, certs, &npages);
		if (rc == 0) {
			/* The host fills at most what it was offered. */
			*cert_pages = offered;
			return 0;
		}
		if (rc != -ENOSPC)
			return rc;
		/* npages = what the host needs; must grow and stay in bounds. */
		if (npages <= offered || npages > certs_cap_pages) {
			g->why = "SNP extended request: host wants a certificate buffer larger than allowed";
			*cert_pages = npages;
			return -ENOSPC;
		}
	}
	g->why = "SNP extended request: host kept asking for a larger certificate buffer";
	return -ENOSPC;
}
