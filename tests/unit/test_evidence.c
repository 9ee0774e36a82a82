/* lib/evidence: the CMW collection and tag-601 claims set of DESIGN.md
 * section 5. Expected bytes are derived by hand from RFC 8949 (heads,
 * section 4.2.1 order), RFC 9781 (tag 601 = d9 0259) and RFC 9711 (nonce
 * key 10, eat_profile key 265); SHA-512 from FIPS 180-4 / NIST CSHS
 * example "abc". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "lib/cbor_get.h"
#include "lib/evidence_decode.h"

static const uint8_t nonce8[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const uint8_t report[16] = { 0xaa, 0xbb, 0xcc };
static const uint8_t certs[5] = { 9, 9, 9, 9, 9 };

static void test_claims_encoding_is_tag601_map_with_nonce_and_profile(void **state)
{
	uint8_t buf[128], want[128];
	size_t len = 0, wl = 0;
	struct evidence_claims c = { .nonce = nonce8, .nonce_len = sizeof(nonce8) };
	const char *profile = "tag:futeet.dev,2026:evidence/v1";
	(void)state;

	assert_int_equal(evidence_claims_encode(&c, buf, sizeof(buf), &len), 0);
	want[wl++] = 0xd9; want[wl++] = 0x02; want[wl++] = 0x59; /* tag 601 */
	want[wl++] = 0xa2;                                      /* map(2) */
	want[wl++] = 0x0a;                                      /* 10 */
	want[wl++] = 0x48; memcpy(want + wl, nonce8, 8); wl += 8; /* bstr(8) */
	want[wl++] = 0x19; want[wl++] = 0x01; want[wl++] = 0x09; /* 265 */
	want[wl++] = 0x78; want[wl++] = 31;                     /* tstr(31) */
	memcpy(want + wl, profile, 31); wl += 31;
	assert_int_equal(len, wl);
	assert_memory_equal(buf, want, wl);
}

static void test_claims_encode_rejects_nonce_outside_8_to_64_bytes(void **state)
{
	uint8_t n65[65] = { 0 }, buf[256];
	size_t len;
	struct evidence_claims c = { .nonce = n65, .nonce_len = 7 };
	(void)state;
	assert_int_equal(evidence_claims_encode(&c, buf, sizeof(buf), &len), -EINVAL);
	c.nonce_len = 65;
	assert_int_equal(evidence_claims_encode(&c, buf, sizeof(buf), &len), -EINVAL);
	c.nonce_len = 64;
	assert_int_equal(evidence_claims_encode(&c, buf, sizeof(buf), &len), 0);
	assert_int_equal(evidence_claims_encode(&c, buf, 20, &len), -ENOSPC);
}

static void test_evidence_round_trip_keeps_every_field(void **state)
{
	uint8_t claims[256], ev[1024];
	size_t cl, el;
	struct evidence_claims c = { .nonce = nonce8, .nonce_len = 8, .swname = "futeet",
				     .swversion = "0.1.0", .tee = "sev-snp" };
	struct evidence_view v;
	struct evidence_claims_view cv;
	(void)state;

	assert_int_equal(evidence_claims_encode(&c, claims, sizeof(claims), &cl), 0);
	assert_int_equal(evidence_encode(claims, cl, "sev_guest", report, sizeof(report),
					 certs, sizeof(certs), NULL, 0, ev, sizeof(ev), &el), 0);
	assert_int_equal(evidence_decode(ev, el, &v), 0);
	assert_int_equal(v.claims_len, cl);
	assert_memory_equal(v.claims, claims, cl);
	assert_true(cbor_tstr_eq(v.provider, v.provider_len, "sev_guest"));
	assert_int_equal(v.outblob_len, sizeof(report));
	assert_memory_equal(v.outblob, report, sizeof(report));
	assert_int_equal(v.auxblob_len, sizeof(certs));
	assert_memory_equal(v.auxblob, certs, sizeof(certs));

	assert_int_equal(evidence_claims_decode(v.claims, v.claims_len, &cv), 0);
	assert_int_equal(cv.nonce_len, 8);
	assert_memory_equal(cv.nonce, nonce8, 8);
	assert_true(cbor_tstr_eq(cv.profile, cv.profile_len, EVIDENCE_PROFILE));
	assert_true(cbor_tstr_eq(cv.swname, cv.swname_len, "futeet"));
	assert_true(cbor_tstr_eq(cv.swversion, cv.swversion_len, "0.1.0"));
	assert_true(cbor_tstr_eq(cv.tee, cv.tee_len, "sev-snp"));

	/* without auxblob */
	assert_int_equal(evidence_encode(claims, cl, "sim_sev_guest", report, sizeof(report),
					 NULL, 0, NULL, 0, ev, sizeof(ev), &el), 0);
	assert_int_equal(evidence_decode(ev, el, &v), 0);
	assert_null(v.auxblob);
	assert_int_equal(v.auxblob_len, 0);
}

/* TDX evidence carries the event log as a "ccel" record between "tsm" and
 * "futeet" (RFC 8949 4.2.1: shorter keys first); decoders that do not know
 * it could skip it, ours returns it; a second "ccel" or another media type
 * is refused. */
static void test_evidence_ccel_record_round_trips_in_key_order(void **state)
{
	static const uint8_t log[5] = { 1, 2, 3, 4, 5 };
	uint8_t claims[256], ev[1024];
	size_t cl, el;
	struct evidence_claims c = { .nonce = nonce8, .nonce_len = 8 };
	struct evidence_view v;
	const uint8_t *tsm, *ccel, *fut;
	(void)state;

	assert_int_equal(evidence_claims_encode(&c, claims, sizeof(claims), &cl), 0);
	assert_int_equal(evidence_encode(claims, cl, "tdx_guest", report, sizeof(report),
					      NULL, 0, log, sizeof(log), ev, sizeof(ev), &el), 0);
	assert_int_equal(ev[0], 0xA4); /* map of 4 records */
	tsm = memmem(ev, el, "\x63" "tsm", 4);
	ccel = memmem(ev, el, "\x64" "ccel", 5);
	fut = memmem(ev, el, "\x66" "futeet", 7);
	assert_non_null(tsm);
	assert_non_null(ccel);
	assert_non_null(fut);
	assert_true(tsm < ccel && ccel < fut);
	assert_int_equal(evidence_decode(ev, el, &v), 0);
	assert_int_equal(v.ccel_len, sizeof(log));
	assert_memory_equal(v.ccel, log, sizeof(log));
	assert_int_equal(v.unknown_records, 0);
	/* another media type under "ccel" */
	uint8_t *mt = memmem(ev, el, EVIDENCE_CCEL_MEDIA_TYPE, strlen(EVIDENCE_CCEL_MEDIA_TYPE));
	assert_non_null(mt);
	mt[0] ^= 0x20;
	assert_int_equal(evidence_decode(ev, el, &v), -EPROTO);
	/* no ccel: absent in the view */
	assert_int_equal(evidence_encode(claims, cl, "tdx_guest", report, sizeof(report), NULL, 0,
					 NULL, 0, ev, sizeof(ev), &el), 0);
	assert_int_equal(evidence_decode(ev, el, &v), 0);
	assert_null(v.ccel);
}

/* The outer map's first key is "tsm" (shortest), the record is
 * [tstr, bstr, 4] and the collection type is present: hand-checked heads. */
static void test_evidence_layout_follows_cmw_collection_shape(void **state)
{
	uint8_t claims[64], ev[512];
	size_t cl, el;
	struct evidence_claims c = { .nonce = nonce8, .nonce_len = 8 };
	static const char mt[] = "application/vnd.veraison.tsm-report+cbor";
	(void)state;
	assert_int_equal(evidence_claims_encode(&c, claims, sizeof(claims), &cl), 0);
	assert_int_equal(evidence_encode(claims, cl, "sev_guest", report, sizeof(report),
					 NULL, 0, NULL, 0, ev, sizeof(ev), &el), 0);
	assert_int_equal(ev[0], 0xa3);                 /* map(3) */
	assert_int_equal(ev[1], 0x63);                 /* tstr(3) */
	assert_memory_equal(ev + 2, "tsm", 3);
	assert_int_equal(ev[5], 0x83);                 /* array(3) */
	assert_int_equal(ev[6], 0x78);                 /* tstr, 1-byte length */
	assert_int_equal(ev[7], sizeof(mt) - 1);
	assert_memory_equal(ev + 8, mt, sizeof(mt) - 1);
	/* bstr head of the tsm map, then map(2) "outblob" */
	{
		size_t p = 8 + sizeof(mt) - 1;
		assert_int_equal(ev[p] >> 5, 2);
		assert_int_equal(ev[p + 2], 0xa2);
		assert_int_equal(ev[p + 3], 0x67);
		assert_memory_equal(ev + p + 4, "outblob", 7);
	}
	/* ends with "__cmwc_t": "tag:futeet.dev,2026:evidence/v1" */
	assert_memory_equal(ev + el - 31, EVIDENCE_CMWC_TYPE, 31);
	assert_int_equal(ev[el - 33], 0x78);
	assert_memory_equal(ev + el - 33 - 8, "__cmwc_t", 8);
}

static void test_evidence_decode_refuses_truncation_and_trailing_bytes(void **state)
{
	uint8_t claims[64], ev[512];
	size_t cl, el;
	struct evidence_claims c = { .nonce = nonce8, .nonce_len = 8 };
	struct evidence_view v;
	(void)state;
	assert_int_equal(evidence_claims_encode(&c, claims, sizeof(claims), &cl), 0);
	assert_int_equal(evidence_encode(claims, cl, "sev_guest", report, sizeof(report),
					 certs, sizeof(certs), NULL, 0, ev, sizeof(ev), &el), 0);
	for (size_t n = 0; n < el; n++)
		assert_int_not_equal(evidence_decode(ev, n, &v), 0);
	ev[el] = 0;
	assert_int_equal(evidence_decode(ev, el + 1, &v), -EBADMSG);
}

/* Build a collection by hand with a chosen record set. */
static size_t build(uint8_t *buf, size_t cap, const uint8_t *claims, size_t cl,
		    const char *futeet_mt, int dup_futeet, int with_type, int with_tsm)
{
	struct cbor_enc e;
	uint8_t tsm[64];
	struct cbor_enc t;
	size_t tl;
	cbor_enc_init(&t, tsm, sizeof(tsm));
	cbor_put_map(&t, 2);
	cbor_put_tstr_z(&t, "outblob"); cbor_put_bstr(&t, report, sizeof(report));
	cbor_put_tstr_z(&t, "provider"); cbor_put_tstr_z(&t, "sev_guest");
	assert_int_equal(cbor_enc_finish(&t, &tl), 0);

	cbor_enc_init(&e, buf, cap);
	cbor_put_map(&e, (uint64_t)(with_tsm + 1 + dup_futeet + with_type));
	if (with_tsm) {
		cbor_put_tstr_z(&e, "tsm");
		cbor_put_array(&e, 2);
		cbor_put_tstr_z(&e, EVIDENCE_TSM_MEDIA_TYPE);
		cbor_put_bstr(&e, tsm, tl);
	}
	for (int i = 0; i < 1 + dup_futeet; i++) {
		cbor_put_tstr_z(&e, "futeet");
		cbor_put_array(&e, 3);
		cbor_put_tstr_z(&e, futeet_mt);
		cbor_put_bstr(&e, claims, cl);
		cbor_put_uint(&e, 4);
	}
	if (with_type) {
		cbor_put_tstr_z(&e, "__cmwc_t");
		cbor_put_tstr_z(&e, EVIDENCE_CMWC_TYPE);
	}
	assert_int_equal(cbor_enc_finish(&e, &tl), 0);
	return tl;
}

static void test_evidence_decode_refuses_missing_duplicate_or_mistyped_records(void **state)
{
	uint8_t claims[64], ev[512];
	size_t cl, el;
	struct evidence_claims c = { .nonce = nonce8, .nonce_len = 8 };
	struct evidence_view v;
	(void)state;
	assert_int_equal(evidence_claims_encode(&c, claims, sizeof(claims), &cl), 0);

	el = build(ev, sizeof(ev), claims, cl, EVIDENCE_FUTEET_MEDIA_TYPE, 0, 1, 1);
	assert_int_equal(evidence_decode(ev, el, &v), 0); /* 2-element record is fine */
	el = build(ev, sizeof(ev), claims, cl, EVIDENCE_FUTEET_MEDIA_TYPE, 1, 1, 1);
	assert_int_equal(evidence_decode(ev, el, &v), -EBADMSG);
	el = build(ev, sizeof(ev), claims, cl, EVIDENCE_FUTEET_MEDIA_TYPE, 0, 0, 1);
	assert_int_equal(evidence_decode(ev, el, &v), -EBADMSG);
	el = build(ev, sizeof(ev), claims, cl, EVIDENCE_FUTEET_MEDIA_TYPE, 0, 1, 0);
	assert_int_equal(evidence_decode(ev, el, &v), -EBADMSG);
	el = build(ev, sizeof(ev), claims, cl, "application/eat+cwt", 0, 1, 1);
	assert_int_equal(evidence_decode(ev, el, &v), -EPROTO);
}

static void test_claims_decode_refuses_bad_nonce_tag_and_duplicates(void **state)
{
	/* hand-encoded claims sets */
	static const uint8_t short_nonce[] = { 0xd9, 0x02, 0x59, 0xa1, 0x0a, 0x47, 1, 2, 3, 4, 5, 6, 7 };
	static const uint8_t no_nonce[] = { 0xd9, 0x02, 0x59, 0xa1, 0x19, 0x01, 0x0e, 0x61, 'x' };
	static const uint8_t wrong_tag[] = { 0xd9, 0x02, 0x5a, 0xa1, 0x0a, 0x48, 1, 2, 3, 4, 5, 6, 7, 8 };
	static const uint8_t dup[] = { 0xd9, 0x02, 0x59, 0xa2, 0x0a, 0x48, 1, 2, 3, 4, 5, 6, 7, 8,
				       0x0a, 0x48, 1, 2, 3, 4, 5, 6, 7, 8 };
	static const uint8_t nonce_text[] = { 0xd9, 0x02, 0x59, 0xa1, 0x0a, 0x68, 'a', 'a', 'a', 'a',
					      'a', 'a', 'a', 'a' };
	/* unknown integer and text keys are skipped (the set grows) */
	static const uint8_t extra[] = { 0xd9, 0x02, 0x59, 0xa3, 0x0a, 0x48, 1, 2, 3, 4, 5, 6, 7, 8,
					 0x18, 0x64, 0xf5, 0x61, 'k', 0x80 };
	struct evidence_claims_view cv;
	(void)state;
	assert_int_equal(evidence_claims_decode(short_nonce, sizeof(short_nonce), &cv), -EBADMSG);
	assert_int_equal(evidence_claims_decode(no_nonce, sizeof(no_nonce), &cv), -EBADMSG);
	assert_int_equal(evidence_claims_decode(wrong_tag, sizeof(wrong_tag), &cv), -EBADMSG);
	assert_int_equal(evidence_claims_decode(dup, sizeof(dup), &cv), -EBADMSG);
	assert_int_equal(evidence_claims_decode(nonce_text, sizeof(nonce_text), &cv), -EBADMSG);
	assert_int_equal(evidence_claims_decode(extra, sizeof(extra), &cv), 0);
	assert_int_equal(cv.unknown_claims, 2);
	assert_int_equal(cv.nonce_len, 8);
}

/* cnf = {1: COSE_Key EC2}: hand-derived bytes per RFC 8747 / RFC 9053:
 * 08 a1 01 a4 01 02 20 01 21 58 20 <x> 22 58 20 <y>, before the nonce. */
static void test_claims_cnf_is_cose_ec2_key_and_round_trips(void **state)
{
	uint8_t x[32], y[32], buf[256], want[128];
	size_t len, wl = 0;
	struct evidence_claims c = { .nonce = nonce8, .nonce_len = 8,
				     .cnf_crv = COSE_CRV_P256 };
	struct evidence_claims_view cv;
	(void)state;
	memset(x, 0x11, sizeof(x));
	memset(y, 0x22, sizeof(y));
	c.cnf_x = x;
	c.cnf_y = y;
	assert_int_equal(evidence_claims_encode(&c, buf, sizeof(buf), &len), 0);
	want[wl++] = 0xd9; want[wl++] = 0x02; want[wl++] = 0x59; want[wl++] = 0xa3;
	want[wl++] = 0x08; want[wl++] = 0xa1; want[wl++] = 0x01; want[wl++] = 0xa4;
	want[wl++] = 0x01; want[wl++] = 0x02; want[wl++] = 0x20; want[wl++] = 0x01;
	want[wl++] = 0x21; want[wl++] = 0x58; want[wl++] = 0x20;
	memcpy(want + wl, x, 32); wl += 32;
	want[wl++] = 0x22; want[wl++] = 0x58; want[wl++] = 0x20;
	memcpy(want + wl, y, 32); wl += 32;
	want[wl++] = 0x0a;
	assert_memory_equal(buf, want, wl);

	assert_int_equal(evidence_claims_decode(buf, len, &cv), 0);
	assert_int_equal(cv.cnf_crv, COSE_CRV_P256);
	assert_int_equal(cv.cnf_coord_len, 32);
	assert_memory_equal(cv.cnf_x, x, 32);
	assert_memory_equal(cv.cnf_y, y, 32);

	/* P-384 needs 48-byte coordinates: a 32-byte one is refused on decode */
	assert_int_equal(buf[11], 0x01);
	buf[11] = 0x02; /* crv value byte: P-256 -> P-384 */
	assert_int_equal(evidence_claims_decode(buf, len, &cv), -EBADMSG);
	/* unknown curve on encode */
	c.cnf_crv = 7;
	assert_int_equal(evidence_claims_encode(&c, buf, sizeof(buf), &len), -EINVAL);
}

/* A further CMW record (e.g. a later "rtm-log") is skipped and counted;
 * a record whose indicator lacks the evidence bit (4) is refused. */
static void test_evidence_skips_unknown_records_and_checks_indicator(void **state)
{
	uint8_t claims[64], tsm[64], ev[512];
	size_t cl, tl, el;
	struct evidence_claims c = { .nonce = nonce8, .nonce_len = 8 };
	struct evidence_view v;
	struct cbor_enc e, t;
	(void)state;
	assert_int_equal(evidence_claims_encode(&c, claims, sizeof(claims), &cl), 0);
	cbor_enc_init(&t, tsm, sizeof(tsm));
	cbor_put_map(&t, 2);
	cbor_put_tstr_z(&t, "outblob"); cbor_put_bstr(&t, report, sizeof(report));
	cbor_put_tstr_z(&t, "provider"); cbor_put_tstr_z(&t, "sev_guest");
	assert_int_equal(cbor_enc_finish(&t, &tl), 0);

	for (int ind = 0; ind < 2; ind++) {
		cbor_enc_init(&e, ev, sizeof(ev));
		cbor_put_map(&e, 4);
		cbor_put_tstr_z(&e, "tsm");
		cbor_put_array(&e, 3);
		cbor_put_tstr_z(&e, EVIDENCE_TSM_MEDIA_TYPE);
		cbor_put_bstr(&e, tsm, tl);
		cbor_put_uint(&e, ind ? 2 : 4); /* 2 = endorsements only */
		cbor_put_tstr_z(&e, "futeet");
		cbor_put_array(&e, 3);
		cbor_put_tstr_z(&e, EVIDENCE_FUTEET_MEDIA_TYPE);
		cbor_put_bstr(&e, claims, cl);
		cbor_put_uint(&e, 4);
		cbor_put_tstr_z(&e, "rtm-log");
		cbor_put_array(&e, 3);
		cbor_put_tstr_z(&e, "application/octet-stream");
		cbor_put_bstr(&e, nonce8, 8);
		cbor_put_uint(&e, 4);
		cbor_put_tstr_z(&e, "__cmwc_t");
		cbor_put_tstr_z(&e, EVIDENCE_CMWC_TYPE);
		assert_int_equal(cbor_enc_finish(&e, &el), 0);
		if (ind) {
			assert_int_equal(evidence_decode(ev, el, &v), -EPROTO);
		} else {
			assert_int_equal(evidence_decode(ev, el, &v), 0);
			assert_int_equal(v.unknown_records, 1);
		}
	}
}

/* REPORT_DATA is plain SHA-512 over the claims bytes: FIPS 180-4 example
 * SHA-512("abc") (NIST CSHS examples, SHA512.pdf). */
static void test_report_data_is_sha512_of_claims_bytes(void **state)
{
	static const uint8_t want[64] = {
		0xdd, 0xaf, 0x35, 0xa1, 0x93, 0x61, 0x7a, 0xba, 0xcc, 0x41, 0x73, 0x49, 0xae, 0x20, 0x41, 0x31,
		0x12, 0xe6, 0xfa, 0x4e, 0x89, 0xa9, 0x7e, 0xa2, 0x0a, 0x9e, 0xee, 0xe6, 0x4b, 0x55, 0xd3, 0x9a,
		0x21, 0x92, 0x99, 0x2a, 0x27, 0x4f, 0xc1, 0xa8, 0x36, 0xba, 0x3c, 0x23, 0xa3, 0xfe, 0xeb, 0xbd,
		0x45, 0x4d, 0x44, 0x23, 0x64, 0x3c, 0xe8, 0x0e, 0x2a, 0x9a, 0xc9, 0x4f, 0xa5, 0x4c, 0xa4, 0x9f,
	};
	uint8_t out[64];
	(void)state;
	evidence_report_data((const uint8_t *)"abc", 3, out);
	assert_memory_equal(out, want, 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_claims_encoding_is_tag601_map_with_nonce_and_profile),
		cmocka_unit_test(test_claims_encode_rejects_nonce_outside_8_to_64_bytes),
		cmocka_unit_test(test_evidence_round_trip_keeps_every_field),
		cmocka_unit_test(test_evidence_layout_follows_cmw_collection_shape),
		cmocka_unit_test(test_evidence_decode_refuses_truncation_and_trailing_bytes),
		cmocka_unit_test(test_evidence_decode_refuses_missing_duplicate_or_mistyped_records),
		cmocka_unit_test(test_claims_decode_refuses_bad_nonce_tag_and_duplicates),
		cmocka_unit_test(test_claims_cnf_is_cose_ec2_key_and_round_trips),
		cmocka_unit_test(test_evidence_skips_unknown_records_and_checks_indicator),
		cmocka_unit_test(test_report_data_is_sha512_of_claims_bytes),
		cmocka_unit_test(test_evidence_ccel_record_round_trips_in_key_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
