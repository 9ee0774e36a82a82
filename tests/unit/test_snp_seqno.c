/* The SNP guest-request state machine (tee/snp/guest_msg.c + snp.c) against
 * an in-process fake PSP + host that follows SNP ABI 56860 rev 1.57 chapter 7
 * (the PSP expects MSG_SEQNO 1 first, answers request + 1, then expects
 * request + 2; a wrong seqno or tag is a firmware error, not a message) and
 * GHCB 56421 rev 2.03 section 4.1.8 (SW_EXITINFO2 bits 63:32 VMM error:
 * 1 INVALID_LEN with RBX = pages needed, 2 BUSY). The fake seals and opens
 * messages with BearSSL directly, laying out header bytes by spec offset,
 * so it shares no encoding code with the driver. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <bearssl.h>

#include "lib/bytes.h"
#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include "tee/snp/guest_msg.h"
#include "tee/snp/snp.h"

enum psp_mode {
	PSP_OK,
	PSP_BAD_TAG,          /* host flips a tag bit */
	PSP_REPLAY,           /* host answers with the request's own seqno */
	PSP_SKIP,             /* host answers with seqno + 3 */
	PSP_BUSY_THEN_OK,     /* busy_left BUSY answers first */
	PSP_BUSY_FOREVER,
	PSP_TOO_SMALL_PLAIN,  /* INVALID_LEN to a plain request */
	PSP_TIMEOUT,          /* transport: no answer */
	PSP_FW_ERROR,         /* firmware error in SW_EXITINFO2[31:0] */
	PSP_BAD_STATUS,       /* authentic MSG_REPORT_RSP with STATUS 0x16 */
	PSP_WRONG_TYPE,       /* authentic, but type = request type + 3 */
	PSP_SHORT,            /* authentic, but msg_sz 16: too short for the type */
	PSP_REPORT_V99,       /* authentic MSG_REPORT_RSP, report VERSION 99 */
	/* Hostile hosts (GHCB 56421 4.1.8 gives them the doorbell's result). */
	HOST_FORWARD_THEN_INVALID_LEN, /* ext: forwards to the PSP, then claims "too small" */
	HOST_BUSY_FW_BITS,    /* BUSY in 63:32 with firmware error 0x16 in 31:0 */
	HOST_INVALID_LEN_FW_BITS, /* ext: INVALID_LEN in 63:32 with 0x16 in 31:0 */
	HOST_HUGE_CERT_PAGES, /* ext: "too small", RBX = 2^64 - 1 pages */
	HOST_HUGE_CERT_LENGTH, /* ext: a table entry of length 0xFFFFFFF0 */
	HOST_ANSWER_TWICE,    /* answers the next request with the previous answer */
};

struct fake_psp {
	uint8_t key[32];
	uint64_t expected_seqno;
	enum psp_mode mode;
	unsigned busy_left;
	uint64_t cert_pages_needed;   /* ext: "too small" below this */
	unsigned calls, ext_calls, plain_calls;
	uint64_t seen_seqno[32];
	uint8_t seen_req[32][SNP_PAGE_SIZE];
	unsigned processed;           /* requests the PSP accepted */
	uint8_t last_rsp[SNP_PAGE_SIZE]; /* HOST_ANSWER_TWICE: the answer it keeps */
	bool have_last_rsp;
};

static struct fake_psp psp;
static struct snp_guest_ctx g;
static unsigned backoffs;

static const uint8_t vmpck0[32] = {
	0x4b, 0x1a, 0x9c, 0x33, 0x02, 0xee, 0x71, 0x5d, 0x88, 0x10, 0x6f, 0xa4, 0xc3, 0x2e, 0x95, 0x07,
	0xd1, 0x58, 0x3b, 0x6c, 0xf0, 0x29, 0xb7, 0x44, 0x1e, 0x83, 0x5a, 0xcd, 0x60, 0x9f, 0x12, 0x7e,
};
static const uint8_t psp_derived_key[32] = "derived-key-from-fake-psp-0123.";

static uint64_t le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* AES-256-GCM with IV = seqno LE || 0^32 and AAD = page[0x30..0x5F]. */
static bool psp_gcm(uint8_t *page, bool encrypt)
{
	br_aes_ct64_ctr_keys ks;
	br_gcm_context gc;
	uint8_t iv[12] = {0};
	size_t sz = (size_t)le(page + 0x36, 2);
	bool ok = true;

	memcpy(iv, page + 0x20, 8);
	br_aes_ct64_ctr_init(&ks, psp.key, 32);
	br_gcm_init(&gc, &ks.vtable, br_ghash_ctmul64);
	br_gcm_reset(&gc, iv, 12);
	br_gcm_aad_inject(&gc, page + 0x30, 0x30);
	br_gcm_flip(&gc);
	br_gcm_run(&gc, encrypt, page + 0x60, sz);
	if (encrypt)
		br_gcm_get_tag(&gc, page);
	else
		ok = br_gcm_check_tag(&gc, page) == 1;
	return ok;
}

/* The PSP: open the request, answer it. Returns the firmware error. */
static uint32_t psp_process(const uint8_t *req_in, uint8_t *rsp)
{
	static uint8_t req[SNP_PAGE_SIZE];
	uint64_t seqno = le(req_in + 0x20, 8);
	uint8_t type = req_in[0x34];
	size_t rsp_sz = 0;
	uint8_t *p = rsp + 0x60;

	memcpy(req, req_in, SNP_PAGE_SIZE);
	if (seqno != psp.expected_seqno || !psp_gcm(req, false))
		return SNP_FW_INVALID_PARAM; /* firmware refuses: no message */
	memset(rsp, 0, SNP_PAGE_SIZE);
	if (type == SNP_MSG_REPORT_REQ) {
		struct snp_report rep;
		memset(&rep, 0, sizeof(rep));
		rep.version = psp.mode == PSP_REPORT_V99 ? 99 : 5;
		rep.signature_algo = SNP_SIG_ALGO_ECDSA_P384_SHA384;
		rep.policy = 0x30000;
		memcpy(rep.report_data, req + 0x60, 64);   /* user_data */
		rep.vmpl = (uint32_t)le(req + 0x60 + 0x40, 4);
		rep.cpuid_fam_id = 0x19;
		rep.cpuid_mod_id = 0x11;
		bytes_put_le32(p, psp.mode == PSP_BAD_STATUS ? SNP_FW_INVALID_PARAM : 0); /* STATUS */
		bytes_put_le32(p + 4, SNP_REPORT_SIZE);                 /* REPORT_SIZE */
		memcpy(p + 0x20, &rep, sizeof(rep));
		rsp_sz = 0x20 + SNP_REPORT_SIZE;
	} else if (type == SNP_MSG_KEY_REQ) {
		bytes_put_le32(p, 0);
		memcpy(p + 0x20, psp_derived_key, 32);
		rsp_sz = 0x40;
	} else {
		return SNP_FW_INVALID_PARAM;
	}
	if (psp.mode == PSP_SHORT)
		rsp_sz = 16;
	bytes_put_le64(rsp + 0x20, seqno + 1);
	rsp[0x30] = 1;                      /* AES-256-GCM */
	rsp[0x31] = 1;                      /* header version */
	bytes_put_le16(rsp + 0x32, 0x60);
	rsp[0x34] = (uint8_t)(type + (psp.mode == PSP_WRONG_TYPE ? 3 : 1));
	rsp[0x35] = req[0x35];
	bytes_put_le16(rsp + 0x36, rsp_sz);
	rsp[0x3C] = req[0x3C];
	psp_gcm(rsp, true);
	psp.expected_seqno += 2;
	psp.processed++;
	/* What a hostile host does to the PSP's answer on the way back. */
	if (psp.mode == PSP_BAD_TAG)
		rsp[3] ^= 0x40;
	if (psp.mode == PSP_REPLAY)
		bytes_put_le64(rsp + 0x20, seqno);
	if (psp.mode == PSP_SKIP)
		bytes_put_le64(rsp + 0x20, seqno + 3);
	return 0;
}

static int host_common(const uint8_t *req, uint8_t *rsp, bool ext, uint64_t *npages,
		       uint8_t *certs, uint64_t *exitinfo2)
{
	unsigned i = psp.calls++;

	if (i < 32) {
		psp.seen_seqno[i] = le(req + 0x20, 8);
		memcpy(psp.seen_req[i], req, SNP_PAGE_SIZE);
	}
	*exitinfo2 = 0;
	if (psp.mode == PSP_TIMEOUT)
		return -ETIMEDOUT;
	if (psp.mode == HOST_BUSY_FW_BITS) {
		*exitinfo2 = SNP_GUEST_VMM_ERR(SNP_GUEST_VMM_ERR_BUSY) | SNP_FW_INVALID_PARAM;
		return 0;
	}
	if (ext && psp.mode == HOST_INVALID_LEN_FW_BITS) {
		*exitinfo2 = SNP_GUEST_VMM_ERR(SNP_GUEST_VMM_ERR_INVALID_LEN) | SNP_FW_INVALID_PARAM;
		*npages = 4;
		return 0;
	}
	if (ext && psp.mode == HOST_HUGE_CERT_PAGES) {
		*exitinfo2 = SNP_GUEST_VMM_ERR(SNP_GUEST_VMM_ERR_INVALID_LEN);
		*npages = UINT64_MAX;
		return 0;
	}
	if (ext && psp.mode == HOST_FORWARD_THEN_INVALID_LEN) {
		(void)psp_process(req, rsp);   /* the PSP consumed the seqno */
		*exitinfo2 = SNP_GUEST_VMM_ERR(SNP_GUEST_VMM_ERR_INVALID_LEN);
		*npages = 4;
		return 0;
	}
	if (psp.mode == HOST_ANSWER_TWICE && psp.have_last_rsp) {
		memcpy(rsp, psp.last_rsp, SNP_PAGE_SIZE);   /* not forwarded */
		return 0;
	}
	if (psp.mode == PSP_BUSY_FOREVER ||
	    (psp.mode == PSP_BUSY_THEN_OK && psp.busy_left > 0)) {
		if (psp.busy_left)
			psp.busy_left--;
		*exitinfo2 = (uint64_t)SNP_GUEST_VMM_ERR_BUSY << 32;
		return 0;
	}
	if (!ext && psp.mode == PSP_TOO_SMALL_PLAIN) {
		*exitinfo2 = (uint64_t)SNP_GUEST_VMM_ERR_INVALID_LEN << 32;
		return 0;
	}
	if (ext && *npages < psp.cert_pages_needed) {
		/* GHCB 4.1.8.2: the request is not forwarded to the PSP. */
		*exitinfo2 = (uint64_t)SNP_GUEST_VMM_ERR_INVALID_LEN << 32;
		*npages = psp.cert_pages_needed;
		return 0;
	}
	if (psp.mode == PSP_FW_ERROR) {
		*exitinfo2 = SNP_FW_INVALID_PARAM;
		return 0;
	}
	*exitinfo2 = psp_process(req, rsp);
	if (psp.mode == HOST_ANSWER_TWICE && *exitinfo2 == 0) {
		memcpy(psp.last_rsp, rsp, SNP_PAGE_SIZE);
		psp.have_last_rsp = true;
	}
	if (ext && *exitinfo2 == 0) {
		/* a one-entry table: {guid 0x63.., offset 48, length 100} */
		memset(certs, 0, *npages * SNP_PAGE_SIZE);
		memset(certs, 0x63, 16);
		bytes_put_le32(certs + 16, 48);
		bytes_put_le32(certs + 20, psp.mode == HOST_HUGE_CERT_LENGTH ? 0xFFFFFFF0u : 100u);
		memset(certs + 48, 0xCE, 100);
	}
	return 0;
}

static int fake_guest_request(void *ctx, const uint8_t req[SNP_PAGE_SIZE],
			      uint8_t rsp[SNP_PAGE_SIZE], uint64_t *exitinfo2)
{
	(void)ctx;
	psp.plain_calls++;
	return host_common(req, rsp, false, NULL, NULL, exitinfo2);
}

static int fake_ext_guest_request(void *ctx, const uint8_t req[SNP_PAGE_SIZE],
				  uint8_t rsp[SNP_PAGE_SIZE], uint8_t *certs,
				  uint64_t *npages, uint64_t *exitinfo2)
{
	(void)ctx;
	psp.ext_calls++;
	return host_common(req, rsp, true, npages, certs, exitinfo2);
}

static const struct snp_doorbell_ops fake_ops = {
	.guest_request = fake_guest_request,
	.ext_guest_request = fake_ext_guest_request,
};

static void count_backoff(uint64_t us)
{
	(void)us;
	backoffs++;
}

static int setup(void **state)
{
	(void)state;
	memset(&psp, 0, sizeof(psp));
	memcpy(psp.key, vmpck0, 32);
	psp.expected_seqno = 1;
	backoffs = 0;
	assert_int_equal(snp_guest_init(&g, vmpck0, 0, 1, &fake_ops, NULL), 0);
	g.backoff_us = count_backoff;
	return 0;
}

static uint8_t user_data[64] = "nonce-hash-nonce-hash-nonce-hash-nonce-hash-nonce-hash-nonce-ha";
static uint8_t report[SNP_REPORT_SIZE];
static size_t report_len;

static int get_report(void)
{
	return snp_get_report(&g, user_data, 0, report, sizeof(report), &report_len);
}

static void assert_key_wiped(void)
{
	static const uint8_t zero[32];
	assert_false(snp_guest_usable(&g));
	assert_memory_equal(g.vmpck, zero, 32);
}

/* After a wipe every request fails at once and never rings the doorbell. */
static void assert_disabled_for_good(void)
{
	unsigned calls = psp.calls;
	uint8_t key[32];
	struct snp_key_req kr = {0};

	assert_key_wiped();
	assert_int_equal(get_report(), -EKEYREJECTED);
	assert_int_equal(snp_get_derived_key(&g, &kr, key), -EKEYREJECTED);
	assert_int_equal(psp.calls, calls);
}

static void test_success_advances_seqno_by_two(void **state)
{
	(void)state;
	assert_int_equal(get_report(), 0);
	assert_int_equal(report_len, SNP_REPORT_SIZE);
	assert_memory_equal(((struct snp_report *)report)->report_data, user_data, 64);
	assert_int_equal(g.next_seqno, 3);
	assert_int_equal(get_report(), 0);
	assert_int_equal(g.next_seqno, 5);
	assert_int_equal(psp.seen_seqno[0], 1);
	assert_int_equal(psp.seen_seqno[1], 3);
	assert_int_equal(psp.processed, 2);
	assert_true(snp_guest_usable(&g));
}

static void test_derived_key_is_returned(void **state)
{
	struct snp_key_req kr = {0};
	uint8_t key[32];
	(void)state;
	kr.guest_field_select = SNP_KEY_FIELD_MEASUREMENT | SNP_KEY_FIELD_POLICY;
	assert_int_equal(snp_get_derived_key(&g, &kr, key), 0);
	assert_memory_equal(key, psp_derived_key, 32);
	assert_int_equal(g.next_seqno, 3);
}

static void test_bad_key_request_rejected_before_any_state_change(void **state)
{
	struct snp_key_req kr = {0};
	uint8_t key[32];
	(void)state;
	kr.guest_field_select = 1ull << 6;   /* LAUNCH_MIT_VECTOR: v2 only */
	assert_int_equal(snp_get_derived_key(&g, &kr, key), -EINVAL);
	kr.guest_field_select = 0;
	kr.vmpl = 4;
	assert_int_equal(snp_get_derived_key(&g, &kr, key), -EINVAL);
	kr.vmpl = 0;
	kr.root_key_select = 1u << 3;
	assert_int_equal(snp_get_derived_key(&g, &kr, key), -EINVAL);
	kr.root_key_select = 3u << 1;     /* KEY_SEL 3: reserved */
	assert_int_equal(snp_get_derived_key(&g, &kr, key), -EINVAL);
	kr.root_key_select = 0;
	kr.rsvd0 = 1;
	assert_int_equal(snp_get_derived_key(&g, &kr, key), -EINVAL);
	assert_int_equal(psp.calls, 0);
	assert_int_equal(g.next_seqno, 1);
	assert_true(snp_guest_usable(&g));
}

static void test_bad_tag_wipes_key(void **state)
{
	(void)state;
	psp.mode = PSP_BAD_TAG;
	assert_int_equal(get_report(), -EBADMSG);
	assert_non_null(g.why);
	assert_disabled_for_good();
	assert_string_equal(SNP_MSG_DISABLED_TEXT,
			    "SNP guest requests disabled: VMPCK0 wiped after a bad response");
}

static void test_replayed_seqno_wipes_key(void **state)
{
	(void)state;
	psp.mode = PSP_REPLAY;
	assert_int_equal(get_report(), -EBADMSG);
	assert_disabled_for_good();
}

static void test_skipped_seqno_wipes_key(void **state)
{
	(void)state;
	psp.mode = PSP_SKIP;
	assert_int_equal(get_report(), -EBADMSG);
	assert_disabled_for_good();
}

static void test_wrong_type_wipes_key(void **state)
{
	(void)state;
	psp.mode = PSP_WRONG_TYPE;
	assert_int_equal(get_report(), -EBADMSG);
	assert_disabled_for_good();
}

/* Authentic answers whose payload we cannot read: the firmware speaks a
 * format we do not know. The key stays and the next request still works
 * (SNP ABI 56860 7.1: the PSP advanced its counter; nothing was replayed). */
static void assert_key_kept_and_usable(void)
{
	assert_true(snp_guest_usable(&g));
	assert_memory_equal(g.vmpck, vmpck0, 32);
	psp.mode = PSP_OK;
	assert_int_equal(get_report(), 0);
	assert_int_equal(g.next_seqno, 5);
}

static void test_authentic_report_of_unknown_version_keeps_vmpck0(void **state)
{
	(void)state;
	psp.mode = PSP_REPORT_V99;
	assert_int_equal(get_report(), -EOPNOTSUPP);
	assert_non_null(strstr(g.why, "unknown version"));
	assert_int_equal(g.next_seqno, 3);
	assert_key_kept_and_usable();
}

static void test_authentic_but_short_report_response_keeps_vmpck0(void **state)
{
	(void)state;
	psp.mode = PSP_SHORT;
	assert_int_equal(get_report(), -EOPNOTSUPP);
	assert_key_kept_and_usable();
}

static void test_authentic_but_short_key_response_keeps_vmpck0(void **state)
{
	struct snp_key_req kr = {0};
	uint8_t key[32];
	(void)state;
	psp.mode = PSP_SHORT;
	assert_int_equal(snp_get_derived_key(&g, &kr, key), -EOPNOTSUPP);
	assert_key_kept_and_usable();
}

static void test_busy_then_ok_resends_identical_ciphertext(void **state)
{
	(void)state;
	psp.mode = PSP_BUSY_THEN_OK;
	psp.busy_left = 3;
	assert_int_equal(get_report(), 0);
	assert_int_equal(psp.calls, 4);
	assert_int_equal(backoffs, 3);
	for (unsigned i = 1; i < 4; i++)
		assert_memory_equal(psp.seen_req[i], psp.seen_req[0], SNP_PAGE_SIZE);
	assert_int_equal(g.next_seqno, 3);
	assert_true(snp_guest_usable(&g));
}

static void test_busy_forever_gives_up_bounded_and_wipes(void **state)
{
	(void)state;
	psp.mode = PSP_BUSY_FOREVER;
	assert_int_equal(get_report(), -EBUSY);
	assert_int_equal(psp.calls, SNP_BUSY_RETRIES + 1);
	assert_disabled_for_good();
}

static void test_ext_too_small_burns_seqno_then_retries(void **state)
{
	static uint8_t certs[SNP_CERT_PAGES_MAX * SNP_PAGE_SIZE];
	size_t certs_len = 0;
	(void)state;
	psp.cert_pages_needed = 3;
	/* offer one page first: the driver starts with what the caller offers */
	assert_int_equal(snp_get_ext_report(&g, user_data, 0, report, sizeof(report),
					    &report_len, certs, SNP_PAGE_SIZE, &certs_len),
			 -ENOSPC);
	/* ext (too small) then the same ciphertext as a plain request */
	assert_int_equal(psp.calls, 2);
	assert_int_equal(psp.ext_calls, 1);
	assert_int_equal(psp.plain_calls, 1);
	assert_memory_equal(psp.seen_req[1], psp.seen_req[0], SNP_PAGE_SIZE);
	assert_int_equal(g.next_seqno, 3);
	assert_true(snp_guest_usable(&g));

	/* a buffer big enough for the host's count: too small, burn, retry */
	memset(&psp.seen_seqno, 0, sizeof(psp.seen_seqno));
	psp.calls = psp.ext_calls = psp.plain_calls = 0;
	assert_int_equal(snp_get_ext_report(&g, user_data, 0, report, sizeof(report),
					    &report_len, certs, 2 * SNP_PAGE_SIZE, &certs_len),
			 -ENOSPC);
	assert_int_equal(g.next_seqno, 5);
	assert_int_equal(snp_get_ext_report(&g, user_data, 0, report, sizeof(report),
					    &report_len, certs, sizeof(certs), &certs_len), 0);
	assert_int_equal(certs_len, 148);
	assert_int_equal(g.next_seqno, 7);
	assert_true(snp_guest_usable(&g));
}

static void test_ext_too_small_then_ok_with_host_count(void **state)
{
	static uint8_t certs[SNP_CERT_PAGES_MAX * SNP_PAGE_SIZE];
	size_t certs_len = 0;
	uint64_t pages = 1;
	uint8_t rsp[4000];
	size_t rsp_len;
	struct snp_report_req rq = {0};
	(void)state;
	/* the exchange layer: offered 1 page, host needs 2, cap 8 */
	psp.cert_pages_needed = 2;
	memcpy(rq.user_data, user_data, 64);
	assert_int_equal(snp_guest_exchange(&g, SNP_MSG_REPORT_REQ, 1, (const uint8_t *)&rq,
					    sizeof(rq), rsp, sizeof(rsp), &rsp_len, certs,
					    SNP_CERT_PAGES_MAX, &pages), 0);
	/* ext(seq 1, too small), plain(seq 1 burn), ext(seq 3, 2 pages) */
	assert_int_equal(psp.calls, 3);
	assert_int_equal(psp.seen_seqno[0], 1);
	assert_int_equal(psp.seen_seqno[1], 1);
	assert_int_equal(psp.seen_seqno[2], 3);
	assert_int_equal(pages, 2);
	assert_int_equal(g.next_seqno, 5);
	assert_int_equal(psp.processed, 2);
	assert_int_equal(snp_certtable_check(certs, pages * SNP_PAGE_SIZE, &certs_len), 0);
	assert_int_equal(certs_len, 148);
}

static void test_too_small_on_plain_request_wipes_key(void **state)
{
	(void)state;
	psp.mode = PSP_TOO_SMALL_PLAIN;
	assert_int_equal(get_report(), -EPROTO);
	assert_disabled_for_good();
}

static void test_no_answer_times_out_and_wipes(void **state)
{
	(void)state;
	psp.mode = PSP_TIMEOUT;
	assert_int_equal(get_report(), -ETIMEDOUT);
	assert_disabled_for_good();
}

static void test_firmware_error_wipes_key(void **state)
{
	(void)state;
	psp.mode = PSP_FW_ERROR;
	assert_int_equal(get_report(), -EIO);
	assert_disabled_for_good();
}

static void test_driver_out_of_step_with_psp_is_refused(void **state)
{
	(void)state;
	/* the PSP expects 3, the driver sends 1: the firmware refuses */
	psp.expected_seqno = 3;
	assert_int_equal(get_report(), -EIO);
	assert_disabled_for_good();
}

static void test_bad_status_is_an_error_but_keeps_key(void **state)
{
	(void)state;
	psp.mode = PSP_BAD_STATUS;
	assert_int_equal(get_report(), -EIO);
	assert_int_equal(g.last_fw_status, 0x16);
	assert_true(snp_guest_usable(&g));
	psp.mode = PSP_OK;
	assert_int_equal(get_report(), 0);
}

static void test_seqno_never_wraps(void **state)
{
	(void)state;
	g.next_seqno = SNP_SEQNO_LAST + 1;
	assert_int_equal(get_report(), -EKEYREJECTED);
	assert_int_equal(psp.calls, 0);
	assert_key_wiped();
	/* and the last legal value still works */
	assert_int_equal(snp_guest_init(&g, vmpck0, 0, SNP_SEQNO_LAST, &fake_ops, NULL), 0);
	psp.expected_seqno = SNP_SEQNO_LAST;
	assert_int_equal(get_report(), 0);
	assert_int_equal(get_report(), -EKEYREJECTED);
	assert_int_equal(psp.calls, 1);
}

static void test_init_refuses_zero_key(void **state)
{
	static const uint8_t zero[32];
	(void)state;
	assert_int_equal(snp_guest_init(&g, zero, 0, 1, &fake_ops, NULL), -EINVAL);
	assert_false(snp_guest_usable(&g));
	assert_int_equal(get_report(), -EKEYREJECTED);
}

/* ---- Hostile hosts ------------------------------------------------------
 * Whatever the host answers, the guest must never send two different
 * ciphertexts under one sequence number (AES-GCM nonce reuse under VMPCK0). */
static void assert_no_seqno_carried_two_messages(void)
{
	unsigned n = psp.calls < 32 ? psp.calls : 32;

	for (unsigned i = 0; i < n; i++)
		for (unsigned j = i + 1; j < n; j++)
			if (psp.seen_seqno[i] == psp.seen_seqno[j])
				assert_memory_equal(psp.seen_req[i], psp.seen_req[j], SNP_PAGE_SIZE);
}

static uint8_t ext_certs[SNP_CERT_PAGES_MAX * SNP_PAGE_SIZE];

static int get_ext_report(size_t *certs_len)
{
	return snp_get_ext_report(&g, user_data, 0, report, sizeof(report), &report_len,
				  ext_certs, sizeof(ext_certs), certs_len);
}

/* The host forwards the extended request to the PSP and then says the
 * buffer was too small. The guest resends the very same ciphertext as a
 * plain request (never a new message under that seqno); the PSP refuses
 * the reused seqno, and the guest wipes the key. */
static void test_host_forwards_then_claims_invalid_len_never_reuses_seqno(void **state)
{
	size_t certs_len = 0;
	(void)state;
	psp.mode = HOST_FORWARD_THEN_INVALID_LEN;
	assert_int_equal(get_ext_report(&certs_len), -EIO);
	assert_int_equal(psp.calls, 2);
	assert_int_equal(psp.processed, 1);
	assert_no_seqno_carried_two_messages();
	assert_disabled_for_good();
}

/* BUSY is the whole value VMM_ERR(BUSY); with firmware bits set the PSP saw
 * the message, so the guest must not resend it: an error, key wiped. */
static void test_busy_with_firmware_bits_is_an_error_not_a_resend(void **state)
{
	(void)state;
	psp.mode = HOST_BUSY_FW_BITS;
	assert_int_equal(get_report(), -EIO);
	assert_int_equal(psp.calls, 1);
	assert_int_equal(backoffs, 0);
	assert_disabled_for_good();
}

/* The same for "too small" on an extended request: with firmware bits it
 * is no size answer (no plain resend), but an error. */
static void test_invalid_len_with_firmware_bits_is_an_error_not_a_resend(void **state)
{
	size_t certs_len = 0;
	(void)state;
	psp.mode = HOST_INVALID_LEN_FW_BITS;
	assert_int_equal(get_ext_report(&certs_len), -EIO);
	assert_int_equal(psp.calls, 1);
	assert_int_equal(psp.plain_calls, 0);
	assert_disabled_for_good();
}

/* "Too small, I need 2^64 - 1 pages": the guest burns the seqno with the
 * plain resend, asks for nothing larger than SNP_CERT_PAGES_MAX, returns
 * -ENOSPC and keeps the key (the exchange itself was sound). */
static void test_host_huge_certificate_page_count_is_refused_key_kept(void **state)
{
	size_t certs_len = 0;
	(void)state;
	psp.mode = HOST_HUGE_CERT_PAGES;
	assert_int_equal(get_ext_report(&certs_len), -ENOSPC);
	assert_int_equal(psp.ext_calls, 1);
	assert_int_equal(psp.plain_calls, 1);
	assert_int_equal(g.next_seqno, 3);
	assert_no_seqno_carried_two_messages();
	assert_true(snp_guest_usable(&g));
}

/* A table entry claiming 0xFFFFFFF0 bytes of certificate: the table is host
 * data, refused as malformed; the report exchange was sound, the key stays. */
static void test_host_huge_certificate_length_is_refused_key_kept(void **state)
{
	size_t certs_len = 12345;
	(void)state;
	psp.mode = HOST_HUGE_CERT_LENGTH;
	assert_int_equal(get_ext_report(&certs_len), -EBADMSG);
	assert_true(snp_guest_usable(&g));
	psp.mode = PSP_OK;
	assert_int_equal(get_ext_report(&certs_len), 0);
	assert_int_equal(certs_len, 148);
}

/* The host answers the second request with the first answer (authentic,
 * but for seqno 1): refused before decryption, key wiped. */
static void test_host_answering_twice_with_one_answer_wipes_key(void **state)
{
	(void)state;
	psp.mode = HOST_ANSWER_TWICE;
	assert_int_equal(get_report(), 0);
	assert_int_equal(get_report(), -EBADMSG);
	assert_int_equal(psp.processed, 1);
	assert_no_seqno_carried_two_messages();
	assert_disabled_for_good();
}

#define T(f) cmocka_unit_test_setup(f, setup)
int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_success_advances_seqno_by_two),
		T(test_derived_key_is_returned),
		T(test_bad_key_request_rejected_before_any_state_change),
		T(test_bad_tag_wipes_key),
		T(test_replayed_seqno_wipes_key),
		T(test_skipped_seqno_wipes_key),
		T(test_wrong_type_wipes_key),
		T(test_authentic_report_of_unknown_version_keeps_vmpck0),
		T(test_authentic_but_short_report_response_keeps_vmpck0),
		T(test_authentic_but_short_key_response_keeps_vmpck0),
		T(test_busy_then_ok_resends_identical_ciphertext),
		T(test_busy_forever_gives_up_bounded_and_wipes),
		T(test_ext_too_small_burns_seqno_then_retries),
		T(test_ext_too_small_then_ok_with_host_count),
		T(test_too_small_on_plain_request_wipes_key),
		T(test_no_answer_times_out_and_wipes),
		T(test_firmware_error_wipes_key),
		T(test_driver_out_of_step_with_psp_is_refused),
		T(test_bad_status_is_an_error_but_keeps_key),
		T(test_seqno_never_wraps),
		T(test_init_refuses_zero_key),
		T(test_host_forwards_then_claims_invalid_len_never_reuses_seqno),
		T(test_busy_with_firmware_bits_is_an_error_not_a_resend),
		T(test_invalid_len_with_firmware_bits_is_an_error_not_a_resend),
		T(test_host_huge_certificate_page_count_is_refused_key_kept),
		T(test_host_huge_certificate_length_is_refused_key_kept),
		T(test_host_answering_twice_with_one_answer_wipes_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
