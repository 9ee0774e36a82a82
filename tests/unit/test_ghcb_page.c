/* The GHCB page for SNP guest requests, against GHCB 56421 rev 2.03:
 * table "GHCB Layout" (section 2.5: RAX at 0x1F8, RBX at 0x318, SW_EXITCODE
 * 0x390, SW_EXITINFO1 0x398, SW_EXITINFO2 0x3A0, VALID_BITMAP 0x3F0, protocol
 * version u16 at 0xFFA, GHCB usage u32 at 0xFFC), the valid bitmap rule
 * ("bit n set: the quadword at offset 8n is valid") and table "NAE events"
 * (SNP Guest Request 0x8000_0011, SNP Extended Guest Request 0x8000_0012),
 * section 4.1.8 (RAX/RBX for the extended request; SW_EXITINFO2[63:32] = 1:
 * buffer too small, pages in RBX). The expected offsets and bit positions
 * below are written out from that table, not taken from the header. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "arch/x86_64/coco/ghcb_page.h"

static uint64_t q(const uint8_t *p, unsigned off)
{
	uint64_t v;
	memcpy(&v, p + off, 8);
	return v;
}

static void put(uint8_t *p, unsigned off, uint64_t v)
{
	memcpy(p + off, &v, 8);
}

/* Bit for the qword at byte offset 'off': byte 0x3F0 + off/64, bit (off/8)%8. */
static int valid(const uint8_t *p, unsigned qword_index)
{
	return (p[0x3F0 + qword_index / 8] >> (qword_index % 8)) & 1;
}

static int valid_count(const uint8_t *p)
{
	int n = 0;
	for (unsigned i = 0; i < 128; i++)
		n += valid(p, i);
	return n;
}

static void test_plain_guest_request_fills_spec_offsets_and_valid_bits(void **state)
{
	uint8_t page[4096];
	(void)state;
	memset(page, 0xee, sizeof(page)); /* stale bits from an earlier use */
	ghcb_page_guest_request(page, false, 0x1000, 0x2000, 0x3000, 4);

	assert_int_equal(q(page, 0x390), 0x80000011ull);
	assert_int_equal(q(page, 0x398), 0x1000);
	assert_int_equal(q(page, 0x3A0), 0x2000);
	assert_int_equal(page[0xFFA] | page[0xFFB] << 8, 2);
	assert_int_equal(page[0xFFC] | page[0xFFD] | page[0xFFE] | page[0xFFF], 0);
	/* 0x390 / 8 = 114, 0x398 / 8 = 115, 0x3A0 / 8 = 116: byte 14, bits 2-4 */
	assert_int_equal(page[0x3F0 + 14], 0x1c);
	assert_int_equal(valid_count(page), 3);
	assert_false(valid(page, 0x1F8 / 8)); /* RAX not used */
}

static void test_extended_guest_request_adds_rax_rbx(void **state)
{
	uint8_t page[4096];
	(void)state;
	memset(page, 0, sizeof(page));
	ghcb_page_guest_request(page, true, 0x1000, 0x2000, 0x7000, 4);

	assert_int_equal(q(page, 0x390), 0x80000012ull);
	assert_int_equal(q(page, 0x1F8), 0x7000); /* RAX = certificate buffer GPA */
	assert_int_equal(q(page, 0x318), 4);      /* RBX = its pages */
	/* RAX: 0x1F8 / 8 = 63, byte 7 bit 7; RBX: 0x318 / 8 = 99, byte 12 bit 3 */
	assert_int_equal(page[0x3F0 + 7], 0x80);
	assert_int_equal(page[0x3F0 + 12], 0x08);
	assert_int_equal(valid_count(page), 5);
}

static void test_response_reads_exitinfo2_and_pages_on_invalid_len(void **state)
{
	uint8_t page[4096];
	uint64_t info2 = 0, npages = 4;
	(void)state;
	memset(page, 0, sizeof(page));
	put(page, 0x398, 0);
	put(page, 0x3A0, 1ull << 32);   /* VMM error 1: buffer too small */
	put(page, 0x318, 9);            /* RBX: pages needed */
	assert_int_equal(ghcb_page_guest_response(page, true, &info2, &npages), 0);
	assert_int_equal(info2, 1ull << 32);
	assert_int_equal(npages, 9);

	/* A plain request never takes RBX from the host. */
	npages = 4;
	assert_int_equal(ghcb_page_guest_response(page, false, &info2, &npages), 0);
	assert_int_equal(npages, 4);

	/* BUSY (VMM error 2) leaves npages alone too. */
	put(page, 0x3A0, 2ull << 32);
	assert_int_equal(ghcb_page_guest_response(page, true, &info2, &npages), 0);
	assert_int_equal(info2, 2ull << 32);
	assert_int_equal(npages, 4);
}

static void test_response_failed_nae_event_is_eio(void **state)
{
	uint8_t page[4096];
	uint64_t info2 = 0, npages = 0;
	(void)state;
	memset(page, 0, sizeof(page));
	put(page, 0x398, 1);            /* SW_EXITINFO1[31:0] != 0: event failed */
	assert_int_equal(ghcb_page_guest_response(page, true, &info2, &npages), -EIO);
}

/* IOIO (GHCB 56421 table "NAE events" 0x7B; APM vol. 2 15.10.2 EXITINFO1:
 * bit 0 IN, bit 4/5/6 8/16/32-bit, bit 9 64-bit address size, 31:16 port;
 * the same bit values as Linux's IOIO_TYPE_IN 1, IOIO_DATA_8 BIT(4),
 * IOIO_DATA_32 BIT(6), IOIO_ADDR_64 BIT(9)). */
static void test_ioio_out_byte_fills_exitinfo1_and_rax(void **state)
{
	uint8_t page[4096];
	(void)state;
	memset(page, 0xee, sizeof(page));
	assert_int_equal(ghcb_page_ioio(page, 0x3F8, 1, false, 0x1241), 0);
	assert_int_equal(q(page, 0x390), 0x7B);
	assert_int_equal(q(page, 0x398), 0x03F80210ull);
	assert_int_equal(q(page, 0x3A0), 0);
	assert_int_equal(q(page, 0x1F8), 0x41);
	assert_int_equal(page[0xFFA] | page[0xFFB] << 8, 2);
	/* RAX qword 63: byte 7 bit 7; exit code/info1/info2: byte 14 bits 2-4 */
	assert_int_equal(page[0x3F0 + 7], 0x80);
	assert_int_equal(page[0x3F0 + 14], 0x1c);
	assert_int_equal(valid_count(page), 4);
}

static void test_ioio_in_dword_and_response_checks(void **state)
{
	uint8_t page[4096];
	uint32_t v;
	(void)state;
	memset(page, 0, sizeof(page));
	assert_int_equal(ghcb_page_ioio(page, 0xCFC, 4, true, 0), 0);
	assert_int_equal(q(page, 0x398), 0x0CFC0241ull);
	assert_int_equal(ghcb_page_ioio(page, 0xCFC, 3, true, 0), -EINVAL);
	/* The hypervisor's answer: RAX not marked valid -> refused. */
	memset(page + 0x3F0, 0, 16);
	put(page, 0x1F8, 0xFFFFFFFF12345678ull);
	put(page, 0x398, 0);
	assert_int_equal(ghcb_page_ioio_response(page, true, 4, &v), -EPROTO);
	page[0x3F0 + 7] = 0x80;
	assert_int_equal(ghcb_page_ioio_response(page, true, 4, &v), 0);
	assert_int_equal(v, 0x12345678);
	assert_int_equal(ghcb_page_ioio_response(page, true, 1, &v), 0);
	assert_int_equal(v, 0x78);
	put(page, 0x398, 1);   /* SW_EXITINFO1[31:0] = 1: the NAE event failed */
	assert_int_equal(ghcb_page_ioio_response(page, true, 4, &v), -EIO);
	assert_int_equal(ghcb_page_ioio_response(page, false, 4, &v), -EIO);
}

/* MMIO NAE events (GHCB 56421 4.1.5 and table "NAE events": read
 * 0x8000_0001, write 0x8000_0002, SW_EXITINFO1 = GPA, SW_EXITINFO2 = bytes,
 * SW_SCRATCH at 0x3A8 = the data buffer's GPA; Linux vc_do_mmio sets the
 * same three fields) and HLT (0x78). */
static void test_mmio_read_fills_gpa_size_scratch(void **state)
{
	uint8_t page[4096];
	(void)state;
	memset(page, 0xee, sizeof(page));
	ghcb_page_mmio(page, false, 0xFEB00010, 4, 0x1000800);
	assert_int_equal(q(page, 0x390), 0x80000001ull);
	assert_int_equal(q(page, 0x398), 0xFEB00010ull);
	assert_int_equal(q(page, 0x3A0), 4);
	assert_int_equal(q(page, 0x3A8), 0x1000800);
	/* qwords 114-117: byte 14 bits 2-5 */
	assert_int_equal(page[0x3F0 + 14], 0x3c);
	assert_int_equal(valid_count(page), 4);
	ghcb_page_mmio(page, true, 0xFEB00010, 8, 0x1000800);
	assert_int_equal(q(page, 0x390), 0x80000002ull);
	assert_int_equal(q(page, 0x3A0), 8);
}

static void test_hlt_and_nae_result(void **state)
{
	uint8_t page[4096];
	(void)state;
	memset(page, 0xee, sizeof(page));
	ghcb_page_hlt(page);
	assert_int_equal(q(page, 0x390), 0x78);
	assert_int_equal(valid_count(page), 3);
	assert_int_equal(ghcb_page_nae_result(page), 0);
	put(page, 0x398, 0xFFFFFFFF00000000ull);  /* upper half is not the result */
	assert_int_equal(ghcb_page_nae_result(page), 0);
	put(page, 0x398, 2);
	assert_int_equal(ghcb_page_nae_result(page), -EIO);
}

/* MSR NAE event (GHCB 56421 table "NAE events" 0x7C; SW_EXITINFO1 0 =
 * RDMSR, 1 = WRMSR as APM vol. 2 15.11's MSR-intercept EXITINFO1; RCX at
 * 0x308, RDX at 0x310 in table "GHCB Layout"). Linux
 * sev_es_ghcb_handle_msr (arch/x86/coco/sev/vc-handle.c, torvalds/linux
 * 2c6978ea) sets the same: RCX = MSR, RAX/RDX on a write, exit_info_1 =
 * write, exit_info_2 = 0. 0xC0000103 (TSC_AUX) is just a sample index. */
static void test_msr_write_fills_rcx_rax_rdx_and_exitinfo1(void **state)
{
	uint8_t page[4096];
	(void)state;
	memset(page, 0xee, sizeof(page));
	ghcb_page_msr(page, true, 0xC0000103u, 0x1122334455667788ull);
	assert_int_equal(q(page, 0x390), 0x7C);
	assert_int_equal(q(page, 0x398), 1);
	assert_int_equal(q(page, 0x3A0), 0);
	assert_int_equal(q(page, 0x308), 0xC0000103ull);
	assert_int_equal(q(page, 0x1F8), 0x55667788ull);
	assert_int_equal(q(page, 0x310), 0x11223344ull);
	assert_int_equal(page[0xFFA] | page[0xFFB] << 8, 2);
	/* RAX qword 63 (byte 7 bit 7); RCX qword 97, RDX qword 98 (byte 12
	 * bits 1, 2); exit code / info1 / info2 (byte 14 bits 2-4). */
	assert_int_equal(page[0x3F0 + 7], 0x80);
	assert_int_equal(page[0x3F0 + 12], 0x06);
	assert_int_equal(page[0x3F0 + 14], 0x1c);
	assert_int_equal(valid_count(page), 6);
}

static void test_msr_read_fills_rcx_only_and_response_checks(void **state)
{
	uint8_t page[4096];
	uint64_t v;
	(void)state;
	memset(page, 0xee, sizeof(page));
	ghcb_page_msr(page, false, 0x1Bu, 0);
	assert_int_equal(q(page, 0x390), 0x7C);
	assert_int_equal(q(page, 0x398), 0);
	assert_int_equal(q(page, 0x308), 0x1B);
	assert_int_equal(page[0x3F0 + 7], 0);      /* RAX, RDX not inputs */
	assert_int_equal(page[0x3F0 + 12], 0x02);
	assert_int_equal(valid_count(page), 4);
	/* The hypervisor's answer: EDX:EAX in RDX and RAX. */
	memset(page + 0x3F0, 0, 16);
	put(page, 0x398, 0);
	put(page, 0x1F8, 0xFEE00900ull);
	put(page, 0x310, 0x1ull);
	page[0x3F0 + 7] = 0x80;                    /* RAX valid, RDX not */
	assert_int_equal(ghcb_page_msr_response(page, false, &v), -EPROTO);
	assert_int_equal(v, 0);
	page[0x3F0 + 12] = 0x04;                   /* RDX valid too */
	assert_int_equal(ghcb_page_msr_response(page, false, &v), 0);
	assert_int_equal(v, 0x1FEE00900ull);
	page[0x3F0 + 7] = 0;                       /* RDX valid, RAX not */
	assert_int_equal(ghcb_page_msr_response(page, false, &v), -EPROTO);
	page[0x3F0 + 7] = 0x80;
	put(page, 0x1F8, 0x100000000ull);          /* beyond EAX: not what RDMSR gives */
	assert_int_equal(ghcb_page_msr_response(page, false, &v), -EPROTO);
	put(page, 0x1F8, 0);
	put(page, 0x310, 0xFFFFFFFF00000000ull);   /* beyond EDX */
	assert_int_equal(ghcb_page_msr_response(page, false, &v), -EPROTO);
	/* A write needs no outputs; a failed event (SW_EXITINFO1[31:0] = 1,
	 * "exception to inject") is -EIO either way. */
	memset(page + 0x3F0, 0, 16);
	assert_int_equal(ghcb_page_msr_response(page, true, &v), 0);
	put(page, 0x398, 1);
	assert_int_equal(ghcb_page_msr_response(page, true, &v), -EIO);
	assert_int_equal(ghcb_page_msr_response(page, false, &v), -EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_guest_request_fills_spec_offsets_and_valid_bits),
		cmocka_unit_test(test_extended_guest_request_adds_rax_rbx),
		cmocka_unit_test(test_response_reads_exitinfo2_and_pages_on_invalid_len),
		cmocka_unit_test(test_response_failed_nae_event_is_eio),
		cmocka_unit_test(test_ioio_out_byte_fills_exitinfo1_and_rax),
		cmocka_unit_test(test_ioio_in_dword_and_response_checks),
		cmocka_unit_test(test_msr_write_fills_rcx_rax_rdx_and_exitinfo1),
		cmocka_unit_test(test_msr_read_fills_rcx_only_and_response_checks),
		cmocka_unit_test(test_mmio_read_fills_gpa_size_scratch),
		cmocka_unit_test(test_hlt_and_nae_result),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
