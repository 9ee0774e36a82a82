/* libFuzzer: the SNP guest driver against a hostile host/firmware answer.
 * A fake doorbell hands back fuzzer bytes as SW_EXITINFO2, RBX (pages) and
 * the response page / certificate pages; the driver (tee/snp guest_msg.c +
 * snp.c) must refuse without a crash, never send two different messages
 * under one sequence number (the resend after BUSY or INVALID_LEN is the
 * identical page), and stay disabled after a refusal.
 *
 * Input: byte 0 = mode, byte 1 = request kind, bytes 2..9 = SW_EXITINFO2,
 * bytes 10..17 = pages (RBX), rest = page bytes.
 *   mode & 1: the harness seals the rest as a correct response (seqno + 1,
 *             type + 1, the same VMPCK) so the payload parsers behind the
 *             AES-GCM check get fuzzed too; else the page is used raw. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "lib/bytes.h"
#include "tee/snp/guest_msg.h"
#include "tee/snp/snp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t key[32] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 9, 10, 11, 12,
				 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
				 28, 29, 30, 31, 32 };
static const uint8_t *in;
static size_t in_len;
static uint8_t mode;
static unsigned calls;
static uint64_t last_seqno_sent;
static uint8_t last_req[SNP_PAGE_SIZE]; /* the request last sent, whole page */
static struct snp_guest_msg sealed;

static void answer(const uint8_t *req, uint8_t *rsp, uint64_t *exitinfo2)
{
	const struct snp_msg_hdr *h = (const struct snp_msg_hdr *)req;
	const uint8_t *body = in + 18;
	size_t body_len = in_len - 18;

	/* Sequence numbers never go back, and one goes out again only as the
	 * identical message: the same seqno is the same AES-GCM IV, so any
	 * other bytes under it (header or ciphertext) would be nonce reuse. */
	if (h->msg_seqno < last_seqno_sent)
		__builtin_trap();
	if (h->msg_seqno == last_seqno_sent && memcmp(req, last_req, SNP_PAGE_SIZE) != 0)
		__builtin_trap();
	last_seqno_sent = h->msg_seqno;
	memcpy(last_req, req, SNP_PAGE_SIZE);
	*exitinfo2 = bytes_le64(in + 2);
	memset(rsp, 0, SNP_PAGE_SIZE);
	if (mode & 1) {
		size_t n = body_len < SNP_MSG_PAYLOAD_MAX ? body_len : SNP_MSG_PAYLOAD_MAX;
		if (snp_msg_encode(&sealed, key, h->msg_vmpck, h->msg_seqno + 1,
				   (uint8_t)(h->msg_type + 1), h->msg_version, body, n) == 0)
			memcpy(rsp, &sealed, SNP_PAGE_SIZE);
	} else {
		memcpy(rsp, body, body_len < SNP_PAGE_SIZE ? body_len : SNP_PAGE_SIZE);
	}
}

static int fz_guest_request(void *ctx, const uint8_t req[SNP_PAGE_SIZE],
			    uint8_t rsp[SNP_PAGE_SIZE], uint64_t *exitinfo2)
{
	(void)ctx;
	calls++;
	answer(req, rsp, exitinfo2);
	return (mode & 2) ? -ETIMEDOUT : 0;
}

static int fz_ext_guest_request(void *ctx, const uint8_t req[SNP_PAGE_SIZE],
				uint8_t rsp[SNP_PAGE_SIZE], uint8_t *certs,
				uint64_t *npages, uint64_t *exitinfo2)
{
	size_t offered = (size_t)*npages * SNP_PAGE_SIZE;
	size_t body_len = in_len - 18;

	(void)ctx;
	calls++;
	answer(req, rsp, exitinfo2);
	/* the certificate pages: the input again, as a table */
	memset(certs, 0, offered);
	memcpy(certs, in + 18, body_len < offered ? body_len : offered);
	if ((*exitinfo2 >> SNP_GUEST_VMM_ERR_SHIFT) == SNP_GUEST_VMM_ERR_INVALID_LEN)
		*npages = bytes_le64(in + 10);
	return 0;
}

static const struct snp_doorbell_ops ops = {
	.guest_request = fz_guest_request,
	.ext_guest_request = fz_ext_guest_request,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct snp_guest_ctx g;
	static uint8_t report[SNP_REPORT_SIZE], certs[SNP_CERT_PAGES_MAX * SNP_PAGE_SIZE];
	uint8_t user_data[64] = { 0 }, dkey[32];
	struct snp_key_req kr = { 0 };
	size_t rlen = 0, clen = 0;
	unsigned before;
	int rc;

	if (size < 18)
		return 0;
	in = data;
	in_len = size;
	mode = data[0];
	calls = 0;
	last_seqno_sent = 0;
	if (snp_guest_init(&g, key, 0, 1, &ops, NULL))
		__builtin_trap();
	switch (data[1] % 3) {
	case 0:
		rc = snp_get_report(&g, user_data, 0, report, sizeof(report), &rlen);
		if (rc == 0 && rlen != SNP_REPORT_SIZE)
			__builtin_trap();
		break;
	case 1:
		rc = snp_get_ext_report(&g, user_data, 0, report, sizeof(report), &rlen,
					certs, sizeof(certs), &clen);
		if (rc == 0 && clen > sizeof(certs))
			__builtin_trap();
		break;
	default:
		kr.guest_field_select = data[1] & 0x3f;
		rc = snp_get_derived_key(&g, &kr, dkey);
		break;
	}
	/* After a refusal that wiped the key, nothing reaches the doorbell. */
	if (!snp_guest_usable(&g)) {
		before = calls;
		if (snp_get_report(&g, user_data, 0, report, sizeof(report), &rlen) != -EKEYREJECTED)
			__builtin_trap();
		if (calls != before)
			__builtin_trap();
	}
	(void)rc;
	return 0;
}
