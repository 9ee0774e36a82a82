/* The TDX GetQuote buffer protocol (tee/tdx/tdx.c) against GHCI 343961's
 * TDG.VP.VMCALL<GetQuote> buffer (u64 version = 1, u64 status, u32 in_len,
 * u32 out_len, data at 0x18; status 0 success, all-ones IN_FLIGHT,
 * 0x8000000000000000 error, ...0001 QGS unavailable), driven by a fake host
 * and a fake clock. The quote is a real one (go-tdx-guest
 * tdx_prod_quote_SPR_E4.dat, MANIFEST.md section 3.1) whose body fields are
 * set to the test's TDREPORT (the TD fields a quote repeats: Intel DCAP
 * quote A.3 "TD Quote Body"); the TDREPORT's hashes are SHA-384 over
 * TEE_TCB_INFO (239 bytes) and TDINFO (512 bytes), TDX Module ABI 348551. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>

#include "lib/bytes.h"
#include "futeet/errno.h"
#include "futeet/tdx_abi.h"
#include "tee/tdx/tdx.h"
#include "tests/unit/testdata.h"

#define BUF_LEN (4u * 4096u)
static uint8_t qbuf[BUF_LEN] __attribute__((aligned(4096)));
static uint8_t tdreport[TDX_REPORT_SIZE];
static uint8_t good_quote[8192];
static size_t good_quote_len;

/* The fake host: what it does on the next GetQuote. */
static struct {
	int refuse;             /* doorbell error */
	uint64_t status;
	uint32_t out_len;       /* 0 = the quote's length */
	int flip_at;            /* >= 0: flip this quote byte */
	unsigned calls;
	struct tdx_getquote_hdr seen;
	uint8_t seen_report[TDX_REPORT_SIZE];
} host;

static uint64_t fake_now;
static uint64_t now_ns(void) { return fake_now; }
static void sleep_us(uint64_t us) { fake_now += us * 1000; }

static int fake_get_quote(void *ctx, volatile uint8_t *buf, size_t len)
{
	struct tdx_getquote_hdr h;

	(void)ctx;
	host.calls++;
	if (host.refuse)
		return host.refuse;
	memcpy(&host.seen, (const uint8_t *)buf, sizeof(host.seen));
	memcpy(host.seen_report, (const uint8_t *)buf + 24, TDX_REPORT_SIZE);
	memset((uint8_t *)buf + 24, 0, len - 24);
	memcpy((uint8_t *)buf + 24, good_quote, good_quote_len);
	if (host.flip_at >= 0)
		buf[24 + host.flip_at] ^= 1;
	h = host.seen;
	h.status = host.status;
	h.out_len = host.out_len ? host.out_len : (uint32_t)good_quote_len;
	memcpy((uint8_t *)buf, &h, sizeof(h));
	return 0;
}

static const struct tdx_doorbell_ops fake_ops = { .get_quote = fake_get_quote };

static void sha384(const void *p, size_t n, uint8_t *out)
{
	br_sha384_context c;
	br_sha384_init(&c);
	br_sha384_update(&c, p, n);
	br_sha384_out(&c, out);
}

/* A TDREPORT with recognisable fields, and the real quote with the same
 * TD fields. */
static int setup(void **state)
{
	size_t n;
	uint8_t *q = testdata_load("go-tdx-guest/tdx_prod_quote_SPR_E4.dat", &n);
	struct tdx_report *r = (struct tdx_report *)tdreport;
	struct tdx_td_body *b;

	(void)state;
	if (!q || n > sizeof(good_quote))
		return -1;
	memcpy(good_quote, q, n);
	good_quote_len = n;
	free(q);
	memset(tdreport, 0, sizeof(tdreport));
	r->reportmac.report_type[0] = TDX_REPORT_TYPE_TDX;
	for (int i = 0; i < 64; i++)
		r->reportmac.reportdata[i] = (uint8_t)(0xA0 + i);
	for (int i = 0; i < 48; i++) {
		r->tdinfo.mrtd[i] = (uint8_t)i;
		r->tdinfo.rtmr[2][i] = (uint8_t)(0x40 + i);
		r->tee_tcb_info.mrseam[i] = (uint8_t)(0x80 + i);
	}
	bytes_put_le64(r->tdinfo.attributes, TDX_TD_ATTR_SEPT_VE_DISABLE);
	bytes_put_le64(r->tdinfo.xfam, 0x61ae7);
	r->tee_tcb_info.tee_tcb_svn[0] = 3;
	sha384(&r->tee_tcb_info, TDX_TEE_TCB_INFO_SIZE, r->reportmac.tee_tcb_info_hash);
	sha384(&r->tdinfo, TDX_TDINFO_SIZE, r->reportmac.tee_info_hash);
	/* Intel DCAP quote A.3: the v4 body at 0x30 repeats the TD fields. */
	b = (struct tdx_td_body *)(good_quote + 0x30);
	memcpy(b->tee_tcb_svn, r->tee_tcb_info.tee_tcb_svn, 16);
	memcpy(b->mrseam, r->tee_tcb_info.mrseam, 48);
	memcpy(b->mrsignerseam, r->tee_tcb_info.mrsignerseam, 48);
	memcpy(b->seam_attributes, r->tee_tcb_info.attributes, 8);
	memcpy(b->td_attributes, r->tdinfo.attributes, 8);
	memcpy(b->xfam, r->tdinfo.xfam, 8);
	memcpy(b->mrtd, r->tdinfo.mrtd, 48);
	memcpy(b->mrconfigid, r->tdinfo.mrconfigid, 48);
	memcpy(b->mrowner, r->tdinfo.mrowner, 48);
	memcpy(b->mrownerconfig, r->tdinfo.mrownerconfig, 48);
	memcpy(b->rtmr, r->tdinfo.rtmr, sizeof(b->rtmr));
	memcpy(b->report_data, r->reportmac.reportdata, 64);
	return 0;
}

static void reset(struct tdx_guest *g)
{
	memset(&host, 0, sizeof(host));
	host.flip_at = -1;
	host.status = TDX_GETQUOTE_STATUS_SUCCESS;
	memset(qbuf, 0, sizeof(qbuf));
	fake_now = 0;
	assert_int_equal(tdx_guest_init(g, &fake_ops, NULL, qbuf, sizeof(qbuf), 1000000000ull,
					now_ns, sleep_us), 0);
}

static void test_request_has_the_ghci_header_and_quote_comes_back(void **state)
{
	struct tdx_guest g;
	static uint8_t out[8192];
	size_t len = 0;

	(void)state;
	reset(&g);
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), 0);
	assert_int_equal(host.seen.version, 1);
	assert_int_equal(host.seen.status, 0);
	assert_int_equal(host.seen.in_len, 1024);
	assert_int_equal(host.seen.out_len, 0);
	assert_memory_equal(host.seen_report, tdreport, TDX_REPORT_SIZE);
	assert_int_equal(len, good_quote_len);
	assert_memory_equal(out, good_quote, len);
}

static void test_out_len_beyond_buffer_is_refused(void **state)
{
	struct tdx_guest g;
	static uint8_t out[BUF_LEN * 2];
	size_t len = 123;

	(void)state;
	reset(&g);
	host.out_len = BUF_LEN - 24 + 1; /* one byte past the buffer */
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), -EPROTO);
	assert_int_equal(len, 0);
	reset(&g);
	host.out_len = 0xFFFFFFFFu;
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), -EPROTO);
}

static void test_quote_larger_than_caller_buffer_is_enospc(void **state)
{
	struct tdx_guest g;
	static uint8_t out[1000];
	size_t len = 0;

	(void)state;
	reset(&g);
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), -ENOSPC);
}

static void test_error_statuses_are_eio_with_reason(void **state)
{
	struct tdx_guest g;
	static uint8_t out[8192];
	size_t len = 0;

	(void)state;
	reset(&g);
	host.status = TDX_GETQUOTE_STATUS_QGS_UNAVAILABLE;
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), -EIO);
	assert_non_null(strstr(g.why, "unavailable"));
	reset(&g);
	host.status = TDX_GETQUOTE_STATUS_ERROR;
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), -EIO);
}

static void test_in_flight_times_out_then_busy_until_host_finishes(void **state)
{
	struct tdx_guest g;
	static uint8_t out[8192];
	size_t len = 0;

	(void)state;
	reset(&g);
	host.status = TDX_GETQUOTE_STATUS_IN_FLIGHT;
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), -ETIMEDOUT);
	assert_true(fake_now > 1000000000ull && fake_now < 1100000000ull); /* bounded wait */
	/* A second request while the first is still IN_FLIGHT: -EBUSY, the host
	 * is not called and the buffer is left alone. */
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), -EBUSY);
	assert_int_equal(host.calls, 1);
	/* The host finishes late: the next request goes through. */
	bytes_put_le64(qbuf + 8, TDX_GETQUOTE_STATUS_SUCCESS);
	host.status = TDX_GETQUOTE_STATUS_SUCCESS;
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), 0);
	assert_int_equal(host.calls, 2);
}

static void test_altered_quote_fields_are_refused(void **state)
{
	static const size_t fields[] = {
		offsetof(struct tdx_td_body, report_data), offsetof(struct tdx_td_body, mrtd),
		offsetof(struct tdx_td_body, rtmr) + 2 * 48 + 47,
		offsetof(struct tdx_td_body, td_attributes), offsetof(struct tdx_td_body, xfam),
		offsetof(struct tdx_td_body, mrconfigid), offsetof(struct tdx_td_body, mrowner),
		offsetof(struct tdx_td_body, mrseam), offsetof(struct tdx_td_body, tee_tcb_svn),
	};
	struct tdx_guest g;
	static uint8_t out[8192];
	size_t len = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		reset(&g);
		host.flip_at = (int)(0x30 + fields[i]);
		assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), -EBADMSG);
		assert_int_equal(len, 0);
		assert_non_null(strstr(g.why, "differs from the TDREPORT"));
		for (size_t k = 0; k < good_quote_len; k++)
			assert_int_equal(out[k], 0); /* nothing of the tampered quote kept */
	}
}

static void test_short_quote_is_refused(void **state)
{
	struct tdx_guest g;
	static uint8_t out[8192];
	size_t len = 0;

	(void)state;
	reset(&g);
	host.out_len = 16;
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), -EBADMSG);
	assert_non_null(strstr(g.why, "does not parse"));
}

static void test_doorbell_refusal_is_returned_and_not_in_flight(void **state)
{
	struct tdx_guest g;
	static uint8_t out[8192];
	size_t len = 0;

	(void)state;
	reset(&g);
	host.refuse = -EINVAL;
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), -EINVAL);
	host.refuse = 0;
	assert_int_equal(tdx_guest_get_quote(&g, tdreport, out, sizeof(out), &len), 0);
}

static void test_init_refuses_unaligned_or_small_buffers(void **state)
{
	struct tdx_guest g;

	(void)state;
	assert_int_equal(tdx_guest_init(&g, &fake_ops, NULL, qbuf + 64, 4096, 1, now_ns, sleep_us), -EINVAL);
	assert_int_equal(tdx_guest_init(&g, &fake_ops, NULL, qbuf, 4000, 1, now_ns, sleep_us), -EINVAL);
	assert_int_equal(tdx_guest_init(&g, &fake_ops, NULL, qbuf, 4096, 1, now_ns, sleep_us), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_has_the_ghci_header_and_quote_comes_back),
		cmocka_unit_test(test_out_len_beyond_buffer_is_refused),
		cmocka_unit_test(test_quote_larger_than_caller_buffer_is_enospc),
		cmocka_unit_test(test_error_statuses_are_eio_with_reason),
		cmocka_unit_test(test_in_flight_times_out_then_busy_until_host_finishes),
		cmocka_unit_test(test_altered_quote_fields_are_refused),
		cmocka_unit_test(test_short_quote_is_refused),
		cmocka_unit_test(test_doorbell_refusal_is_returned_and_not_in_flight),
		cmocka_unit_test(test_init_refuses_unaligned_or_small_buffers),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
