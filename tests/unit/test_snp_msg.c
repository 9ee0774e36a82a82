/* SNP guest message layer (tee/snp/guest_msg.c): the header against the
 * "Message Header" table of SNP ABI 56860 rev 1.57 section 7.1 (offsets and
 * fixed values also tabled in research/PEERS.md c.2), AES-256-GCM against
 * published vectors, round trip, tag failure and every response check. */
#include <setjmp.h>
#include <stdarg.h>
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
#include "lib/snp/certtable_find.h"
#include "tee/snp/snp.h"
#include "tests/unit/unhex.h"

/* McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", rev. 2005,
 * Appendix B, Test Case 16 (256-bit key, 96-bit IV, 20-byte AAD) — the
 * same vector NIST's GCM proposal page links. */
#define TC16_KEY "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"
#define TC16_IV  "cafebabefacedbaddecaf888"
#define TC16_AAD "feedfacedeadbeeffeedfacedeadbeefabaddad2"
#define TC16_PT  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" \
		 "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
#define TC16_CT  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa" \
		 "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
#define TC16_TAG "76fc6ece0f4e1768cddf8853bb2d551b"

static void test_aead_matches_gcm_spec_test_case_16(void **state)
{
	uint8_t key[32], iv[12], aad[20], pt[60], ct[60], tag[16], buf[60], out_tag[16];
	(void)state;
	unhex(TC16_KEY, key, 32);
	unhex(TC16_IV, iv, 12);
	unhex(TC16_AAD, aad, 20);
	unhex(TC16_PT, pt, 60);
	unhex(TC16_CT, ct, 60);
	unhex(TC16_TAG, tag, 16);
	memcpy(buf, pt, 60);
	assert_int_equal(snp_aead_seal(key, iv, aad, 20, buf, 60, out_tag), 0);
	assert_memory_equal(buf, ct, 60);
	assert_memory_equal(out_tag, tag, 16);
	assert_int_equal(snp_aead_open(key, iv, aad, 20, buf, 60, tag), 0);
	assert_memory_equal(buf, pt, 60);
}

/* Same document, Test Case 14: K = 0^256, IV = 0^96, P = 0^128, no AAD. */
static void test_aead_matches_gcm_spec_test_case_14(void **state)
{
	uint8_t key[32] = {0}, iv[12] = {0}, buf[16] = {0}, tag[16], ct[16], exp_tag[16];
	(void)state;
	unhex("cea7403d4d606b6e074ec5d3baf39d18", ct, 16);
	unhex("d0d1c8a799996bf0265b98b5d48ab919", exp_tag, 16);
	assert_int_equal(snp_aead_seal(key, iv, NULL, 0, buf, 16, tag), 0);
	assert_memory_equal(buf, ct, 16);
	assert_memory_equal(tag, exp_tag, 16);
}

static void test_aead_rejects_flipped_tag_ciphertext_and_aad(void **state)
{
	uint8_t key[32], iv[12], aad[20], pt[60], buf[60], tag[16];
	(void)state;
	unhex(TC16_KEY, key, 32);
	unhex(TC16_IV, iv, 12);
	unhex(TC16_AAD, aad, 20);
	unhex(TC16_PT, pt, 60);
	unhex(TC16_TAG, tag, 16);

	unhex(TC16_CT, buf, 60);
	tag[15] ^= 1;
	assert_int_equal(snp_aead_open(key, iv, aad, 20, buf, 60, tag), -EBADMSG);
	/* the unauthenticated plaintext is not released */
	for (size_t i = 0; i < 60; i++)
		assert_int_equal(buf[i], 0);
	tag[15] ^= 1;

	unhex(TC16_CT, buf, 60);
	buf[0] ^= 0x80;
	assert_int_equal(snp_aead_open(key, iv, aad, 20, buf, 60, tag), -EBADMSG);

	unhex(TC16_CT, buf, 60);
	aad[19] ^= 1;
	assert_int_equal(snp_aead_open(key, iv, aad, 20, buf, 60, tag), -EBADMSG);
}

static const uint8_t test_key[32] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
};

/* The request header, byte by byte, against SNP ABI 56860 7.1. */
static void test_encode_header_matches_spec_table(void **state)
{
	static struct snp_guest_msg m;
	uint8_t payload[0x60];
	const uint8_t *b = (const uint8_t *)&m;
	(void)state;
	memset(payload, 0xA5, sizeof(payload));
	assert_int_equal(snp_msg_encode(&m, test_key, 2, 0x0102030405060708ull,
					SNP_MSG_REPORT_REQ, 1, payload, sizeof(payload)), 0);
	assert_int_equal(bytes_le64(b + 0x20), 0x0102030405060708ull); /* MSG_SEQNO LE */
	for (int i = 0x28; i < 0x30; i++)
		assert_int_equal(b[i], 0);                     /* reserved */
	assert_int_equal(b[0x30], 1);                          /* ALGO: AES-256-GCM */
	assert_int_equal(b[0x31], 1);                          /* HDR_VERSION */
	assert_int_equal(bytes_le16(b + 0x32), 0x60);            /* HDR_SIZE */
	assert_int_equal(b[0x34], 5);                          /* MSG_TYPE: MSG_REPORT_REQ */
	assert_int_equal(b[0x35], 1);                          /* MSG_VERSION */
	assert_int_equal(bytes_le16(b + 0x36), 0x60);            /* MSG_SIZE */
	assert_int_equal(bytes_le32(b + 0x38), 0);               /* reserved */
	assert_int_equal(b[0x3C], 2);                          /* MSG_VMPCK */
	for (int i = 0x3D; i < 0x60; i++)
		assert_int_equal(b[i], 0);                     /* reserved */
	for (int i = 0x10; i < 0x20; i++)
		assert_int_equal(b[i], 0);                     /* AUTHTAG bytes 16..31 */
	for (size_t i = 0x60 + sizeof(payload); i < SNP_PAGE_SIZE; i++)
		assert_int_equal(b[i], 0);                     /* nothing past msg_sz */
	assert_memory_not_equal(m.payload, payload, sizeof(payload)); /* encrypted */
}

/* Decrypt the encoded page with BearSSL directly, building IV and AAD from
 * the spec's description, not from our helpers. */
static void test_encode_uses_seqno_iv_and_header_aad(void **state)
{
	static struct snp_guest_msg m;
	uint8_t payload[32], iv[12] = {0};
	br_aes_ct64_ctr_keys ks;
	br_gcm_context gc;
	(void)state;
	for (size_t i = 0; i < sizeof(payload); i++)
		payload[i] = (uint8_t)i;
	assert_int_equal(snp_msg_encode(&m, test_key, 0, 0x1122334455667788ull,
					SNP_MSG_KEY_REQ, 1, payload, sizeof(payload)), 0);
	iv[0] = 0x88; iv[1] = 0x77; iv[2] = 0x66; iv[3] = 0x55;
	iv[4] = 0x44; iv[5] = 0x33; iv[6] = 0x22; iv[7] = 0x11;
	br_aes_ct64_ctr_init(&ks, test_key, 32);
	br_gcm_init(&gc, &ks.vtable, br_ghash_ctmul64);
	br_gcm_reset(&gc, iv, 12);
	br_gcm_aad_inject(&gc, (const uint8_t *)&m + 0x30, 0x30);
	br_gcm_flip(&gc);
	br_gcm_run(&gc, 0, m.payload, sizeof(payload));
	assert_true(br_gcm_check_tag(&gc, m.hdr.authtag));
	assert_memory_equal(m.payload, payload, sizeof(payload));
}

static void test_encode_refuses_seqno_zero_and_oversize(void **state)
{
	static struct snp_guest_msg m;
	static uint8_t big[SNP_MSG_PAYLOAD_MAX + 1];
	(void)state;
	assert_int_equal(snp_msg_encode(&m, test_key, 0, 0, 5, 1, big, 16), -EINVAL);
	assert_int_equal(snp_msg_encode(&m, test_key, 0, 1, 5, 1, big, sizeof(big)), -EINVAL);
	assert_int_equal(snp_msg_encode(&m, test_key, 4, 1, 5, 1, big, 16), -EINVAL);
	assert_int_equal(snp_msg_encode(&m, test_key, 0, SNP_SEQNO_LAST + 1, 5, 1, big, 16), -EINVAL);
	assert_int_equal(snp_msg_encode(&m, test_key, 0, 1, 5, 1, big, SNP_MSG_PAYLOAD_MAX), 0);
}

/* A well-formed response to req: the PSP's view (seqno + 1, type + 1). */
static void make_response(struct snp_guest_msg *rsp, const struct snp_guest_msg *req,
			  const uint8_t *payload, size_t len)
{
	assert_int_equal(snp_msg_encode(rsp, test_key, req->hdr.msg_vmpck,
					req->hdr.msg_seqno + 1, req->hdr.msg_type + 1,
					req->hdr.msg_version, payload, len), 0);
}

static void test_decode_round_trip(void **state)
{
	static struct snp_guest_msg req, rsp;
	uint8_t in[64], out[64];
	size_t out_len = 0;
	const char *why = NULL;
	(void)state;
	memset(in, 0x5A, sizeof(in));
	assert_int_equal(snp_msg_encode(&req, test_key, 0, 7, SNP_MSG_KEY_REQ, 1, in, 32), 0);
	make_response(&rsp, &req, in, sizeof(in));
	assert_int_equal(snp_msg_decode(&rsp, &req.hdr, test_key, out, sizeof(out), &out_len, &why), 0);
	assert_int_equal(out_len, 64);
	assert_memory_equal(out, in, 64);
}

/* Each field the checks cover, broken one at a time: refused before the
 * tag is looked at, with a reason. */
static void test_decode_refuses_each_bad_header_field(void **state)
{
	static struct snp_guest_msg req, rsp, bad;
	uint8_t in[64], out[64];
	size_t out_len;
	const char *why;
	struct { size_t off; uint8_t val; } cases[] = {
		{0x20, 0x09},   /* seqno 9 instead of 8 (skip) */
		{0x20, 0x07},   /* seqno 7 (replay of the request) */
		{0x30, 0x02},   /* algo */
		{0x31, 0x02},   /* hdr_version */
		{0x32, 0x50},   /* hdr_sz */
		{0x34, 0x03},   /* type = request type, not + 1 */
		{0x35, 0x02},   /* version */
		{0x3C, 0x01},   /* vmpck */
		{0x37, 0x10},   /* msg_sz = 0x1040 > page */
	};
	(void)state;
	memset(in, 1, sizeof(in));
	assert_int_equal(snp_msg_encode(&req, test_key, 0, 7, SNP_MSG_KEY_REQ, 1, in, 32), 0);
	make_response(&rsp, &req, in, sizeof(in));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memcpy(&bad, &rsp, sizeof(bad));
		((uint8_t *)&bad)[cases[i].off] = cases[i].val;
		why = NULL;
		assert_int_equal(snp_msg_decode(&bad, &req.hdr, test_key, out, sizeof(out),
						&out_len, &why), -EBADMSG);
		assert_non_null(why);
	}
	/* larger than the caller expects */
	assert_int_equal(snp_msg_decode(&rsp, &req.hdr, test_key, out, 63, &out_len, &why),
			 -EBADMSG);
	/* a flipped tag / ciphertext / AAD byte: caught by GCM */
	for (size_t off = 0; off < 0x60 + 64; off++) {
		if (off >= 0x10 && off < 0x30)
			continue; /* tag bytes 16..31 and seqno are checked elsewhere */
		memcpy(&bad, &rsp, sizeof(bad));
		((uint8_t *)&bad)[off] ^= 0x01;
		assert_int_not_equal(snp_msg_decode(&bad, &req.hdr, test_key, out, sizeof(out),
						    &out_len, &why), 0);
	}
}

static void test_check_response_refuses_short_page(void **state)
{
	static struct snp_guest_msg req, rsp;
	uint16_t sz;
	const char *why;
	(void)state;
	assert_int_equal(snp_msg_encode(&req, test_key, 0, 1, SNP_MSG_REPORT_REQ, 1, NULL, 0), 0);
	make_response(&rsp, &req, (const uint8_t *)"x", 1);
	assert_int_equal(snp_msg_check_response((const uint8_t *)&rsp, 0x5F, &req.hdr, 4000, &sz, &why), -EBADMSG);
	assert_int_equal(snp_msg_check_response((const uint8_t *)&rsp, 0x60, &req.hdr, 4000, &sz, &why), -EBADMSG);
	assert_int_equal(snp_msg_check_response((const uint8_t *)&rsp, 0x61, &req.hdr, 4000, &sz, &why), 0);
	assert_int_equal(sz, 1);
}

/* GHCB 56421 4.1.8.1: {guid, offset, length} entries, all-zero terminator. */
static void put_entry(uint8_t *t, size_t i, uint8_t g, uint32_t off, uint32_t len)
{
	uint8_t *e = t + i * 24;
	memset(e, g, 16);
	for (int k = 0; k < 4; k++) {
		e[16 + k] = (uint8_t)(off >> (8 * k));
		e[20 + k] = (uint8_t)(len >> (8 * k));
	}
}

static void test_certtable_accepts_valid_and_trims(void **state)
{
	static uint8_t t[8192];
	size_t used = 1;
	(void)state;
	memset(t, 0, sizeof(t));
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), 0);
	assert_int_equal(used, 0);
	put_entry(t, 0, 0x11, 96, 1000);
	put_entry(t, 1, 0x22, 1096, 2000);
	put_entry(t, 2, 0x33, 3096, 1500);
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), 0);
	assert_int_equal(used, 4596);
}

static void test_certtable_refuses_out_of_bounds_and_unterminated(void **state)
{
	static uint8_t t[4096];
	size_t used;
	(void)state;
	memset(t, 0, sizeof(t));
	put_entry(t, 0, 0x11, 48, 4096 - 48 + 1);     /* past the end */
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), -EBADMSG);
	put_entry(t, 0, 0x11, 0, 10);                  /* inside the table */
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), -EBADMSG);
	put_entry(t, 0, 0x11, 0xFFFFFFF0u, 0x20);      /* offset + length wraps */
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), -EBADMSG);
	put_entry(t, 0, 0x11, 48, 0);                  /* empty blob */
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), -EBADMSG);
	memset(t, 0x44, sizeof(t));                    /* no terminator at all */
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), -EBADMSG);
	assert_int_equal(snp_certtable_check(t, 23, &used), -EBADMSG);
}

/* The guest driver and the verifier walk the table with one function and
 * one rule set (lib/snp/certtable.c): a GUID twice, in either byte order, or
 * more than SNP_CERT_ENTRIES_MAX entries is refused by the check and by the
 * lookup alike. */
static void test_certtable_one_walker_refuses_duplicate_guids_for_check_and_find(void **state)
{
	static uint8_t t[8192];
	uint8_t g[16], swapped[16];
	static const uint8_t order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	const uint8_t *der;
	size_t used, dl;
	(void)state;
	memset(t, 0, sizeof(t));
	put_entry(t, 0, 0x11, 96, 100);
	put_entry(t, 1, 0x11, 196, 100);              /* the same GUID again */
	memset(g, 0x11, 16);
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), -EBADMSG);
	assert_int_equal(snp_certtable_find(t, sizeof(t), g, &der, &dl), -EBADMSG);
	/* the same GUID in EFI_GUID byte order: a lookup would match both */
	for (int i = 0; i < 16; i++)
		g[i] = (uint8_t)(0x10 + i);
	for (int i = 0; i < 16; i++)
		swapped[i] = g[order[i]];
	memcpy(t, g, 16);
	memcpy(t + 24, swapped, 16);
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), -EBADMSG);
	assert_int_equal(snp_certtable_find(t, sizeof(t), g, &der, &dl), -EBADMSG);
	/* distinct GUIDs: both accept, the lookup finds the second blob */
	memset(t + 24, 0x22, 16);
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), 0);
	assert_int_equal(used, 296);
	memset(g, 0x22, 16);
	assert_int_equal(snp_certtable_find(t, sizeof(t), g, &der, &dl), 0);
	assert_ptr_equal(der, t + 196);
	assert_int_equal(dl, 100);
}

static void test_certtable_one_walker_bounds_entries_for_check_and_find(void **state)
{
	static uint8_t t[8192];
	const size_t n = SNP_CERT_ENTRIES_MAX + 1, table = (n + 1) * 24;
	uint8_t g[16];
	const uint8_t *der;
	size_t used, dl;
	(void)state;
	memset(t, 0, sizeof(t));
	for (size_t i = 0; i < n; i++) {
		put_entry(t, i, 0, (uint32_t)(table + 10 * i), 10);
		t[i * 24] = (uint8_t)(i + 1);          /* distinct GUIDs */
	}
	memset(g, 0, 16);
	g[0] = 1;
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), -EBADMSG);
	assert_int_equal(snp_certtable_find(t, sizeof(t), g, &der, &dl), -EBADMSG);
	memset(t + (n - 1) * 24, 0, 24);               /* exactly the maximum */
	assert_int_equal(snp_certtable_check(t, sizeof(t), &used), 0);
	assert_int_equal(used, table + 10 * (n - 1));
	assert_int_equal(snp_certtable_find(t, sizeof(t), g, &der, &dl), 0);
	assert_ptr_equal(der, t + table);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aead_matches_gcm_spec_test_case_16),
		cmocka_unit_test(test_aead_matches_gcm_spec_test_case_14),
		cmocka_unit_test(test_aead_rejects_flipped_tag_ciphertext_and_aad),
		cmocka_unit_test(test_encode_header_matches_spec_table),
		cmocka_unit_test(test_encode_uses_seqno_iv_and_header_aad),
		cmocka_unit_test(test_encode_refuses_seqno_zero_and_oversize),
		cmocka_unit_test(test_decode_round_trip),
		cmocka_unit_test(test_decode_refuses_each_bad_header_field),
		cmocka_unit_test(test_check_response_refuses_short_page),
		cmocka_unit_test(test_certtable_accepts_valid_and_trims),
		cmocka_unit_test(test_certtable_refuses_out_of_bounds_and_unterminated),
		cmocka_unit_test(test_certtable_one_walker_refuses_duplicate_guids_for_check_and_find),
		cmocka_unit_test(test_certtable_one_walker_bounds_entries_for_check_and_find),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
