/* The EFI CC blob and the SNP CPUID page parsers (arch/x86_64/coco/
 * snp_tables.c). Layouts written out from: OVMF
 * CONFIDENTIAL_COMPUTING_SNP_BLOB_LOCATION (magic 'AMDE' = 0x45444d41 at
 * 0, version u16 at 4, secrets address u64 at 8, size u32 at 0x10, CPUID
 * address u64 at 0x18, size u32 at 0x20), which Linux
 * arch/x86/include/asm/sev.h struct cc_blob_sev_info mirrors (CC_BLOB_SEV_
 * HDR_MAGIC 0x45444d41); SNP ABI 56860 rev 1.57 "CPUID Function Structure"
 * (0x30 bytes: EAX_IN, ECX_IN, XCR0_IN, XSS_IN, EAX, EBX, ECX, EDX,
 * reserved) and the CPUID page header (count u32, reserved u32 + u64, at
 * most 64 entries: Linux SNP_CPUID_COUNT_MAX 64). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/bytes.h"
#include "futeet/errno.h"
#include "arch/x86_64/coco/snp_tables.h"

static void make_blob(uint8_t b[0x28])
{
	memset(b, 0, 0x28);
	bytes_put_le32(b, 0x45444d41);
	b[4] = 2;
	bytes_put_le64(b + 0x08, 0x80A000);
	bytes_put_le32(b + 0x10, 4096);
	bytes_put_le64(b + 0x18, 0x80B000);
	bytes_put_le32(b + 0x20, 4096);
}

static void test_cc_blob_fields_at_spec_offsets(void **state)
{
	uint8_t b[0x28];
	struct snp_cc_blob out;
	(void)state;
	make_blob(b);
	assert_int_equal(snp_cc_blob_parse(b, sizeof(b), &out), 0);
	assert_int_equal(out.version, 2);
	assert_int_equal(out.secrets_phys, 0x80A000);
	assert_int_equal(out.cpuid_phys, 0x80B000);
}

static void test_cc_blob_refuses_bad_magic_length_alignment_overlap(void **state)
{
	uint8_t b[0x28];
	struct snp_cc_blob out;
	(void)state;
	make_blob(b); b[0] ^= 1;
	assert_int_equal(snp_cc_blob_parse(b, sizeof(b), &out), -EPROTO);
	make_blob(b); bytes_put_le32(b + 0x10, 8192);
	assert_int_equal(snp_cc_blob_parse(b, sizeof(b), &out), -EPROTO);
	make_blob(b); bytes_put_le32(b + 0x20, 0);
	assert_int_equal(snp_cc_blob_parse(b, sizeof(b), &out), -EPROTO);
	make_blob(b); bytes_put_le64(b + 0x08, 0x80A800);
	assert_int_equal(snp_cc_blob_parse(b, sizeof(b), &out), -EPROTO);
	make_blob(b); bytes_put_le64(b + 0x18, 0);
	assert_int_equal(snp_cc_blob_parse(b, sizeof(b), &out), -EPROTO);
	make_blob(b); bytes_put_le64(b + 0x18, 1ull << 52);
	assert_int_equal(snp_cc_blob_parse(b, sizeof(b), &out), -EPROTO);
	make_blob(b); bytes_put_le64(b + 0x18, 0x80A000);  /* CPUID page = secrets page */
	assert_int_equal(snp_cc_blob_parse(b, sizeof(b), &out), -EPROTO);
	make_blob(b);
	assert_int_equal(snp_cc_blob_parse(b, 0x27, &out), -EINVAL);
	assert_int_equal(out.secrets_phys, 0);
}

static uint8_t page[4096];

static void add_fn(unsigned i, uint32_t leaf, uint32_t sub, uint32_t a, uint32_t b2, uint32_t c,
		   uint32_t d)
{
	uint8_t *e = page + 0x10 + 0x30 * i;
	bytes_put_le32(e + 0x00, leaf);
	bytes_put_le32(e + 0x04, sub);
	bytes_put_le64(e + 0x08, 1);       /* XCR0_IN */
	bytes_put_le32(e + 0x18, a);
	bytes_put_le32(e + 0x1C, b2);
	bytes_put_le32(e + 0x20, c);
	bytes_put_le32(e + 0x24, d);
}

static void test_cpuid_page_entries_at_spec_offsets_and_lookup(void **state)
{
	static struct snp_cpuid_table t;
	uint32_t r[4];
	(void)state;
	memset(page, 0, sizeof(page));
	bytes_put_le32(page, 3);
	add_fn(0, 0x0, 0, 0x10, 0x68747541, 0x444d4163, 0x69746e65);
	add_fn(1, 0x7, 0, 0, 0x219c97a9, 0, 0);
	add_fn(2, 0x7, 1, 1, 2, 3, 4);
	assert_int_equal(snp_cpuid_table_parse(page, sizeof(page), &t), 0);
	assert_int_equal(t.count, 3);
	assert_int_equal(t.fn[0].xcr0_in, 1);
	assert_int_equal(snp_cpuid_lookup(&t, 0, 5, r), 0);  /* leaf 0: ECX ignored */
	assert_int_equal(r[0], 0x10);
	assert_int_equal(r[1], 0x68747541);
	assert_int_equal(r[2], 0x444d4163);
	assert_int_equal(r[3], 0x69746e65);
	assert_int_equal(snp_cpuid_lookup(&t, 7, 1, r), 0);  /* leaf 7: by subleaf */
	assert_int_equal(r[0], 1);
	assert_int_equal(r[3], 4);
	assert_int_equal(snp_cpuid_lookup(&t, 7, 2, r), -ENOENT);
	assert_int_equal(r[0] | r[1] | r[2] | r[3], 0);
	assert_int_equal(snp_cpuid_lookup(&t, 0x80000000, 0, r), -ENOENT);
}

static void test_cpuid_page_refuses_empty_count_over_64_and_reserved_header(void **state)
{
	static struct snp_cpuid_table t;
	(void)state;
	memset(page, 0, sizeof(page));
	bytes_put_le32(page, 65);
	assert_int_equal(snp_cpuid_table_parse(page, sizeof(page), &t), -EPROTO);
	bytes_put_le32(page, 0);
	assert_int_equal(snp_cpuid_table_parse(page, sizeof(page), &t), -EPROTO);
	bytes_put_le32(page, 64);
	assert_int_equal(snp_cpuid_table_parse(page, sizeof(page), &t), 0);
	assert_int_equal(t.count, 64);
	bytes_put_le32(page + 4, 1);
	assert_int_equal(snp_cpuid_table_parse(page, sizeof(page), &t), -EPROTO);
	bytes_put_le32(page + 4, 0);
	assert_int_equal(snp_cpuid_table_parse(page, 0x10 + 0x30 * 63, &t), -EINVAL);
}

/* XSAVE sizes (APM vol. 3 CPUID Fn0000_000D: subleaf n >= 2, EAX = size
 * and EBX = offset of component n; legacy area + header = 576 bytes; the
 * same rule as Linux snp_cpuid_calc_xsave_size). AVX (2) at 576 + 256,
 * MPX (3, 4) at 960 + 64 each, as Intel/AMD CPUs lay them out. */
static void test_xsave_size_from_table_and_osxsave_fixup(void **state)
{
	static struct snp_cpuid_table t;
	uint32_t size, r[4] = { 0, 0, 0, 0 };
	(void)state;
	memset(page, 0, sizeof(page));
	bytes_put_le32(page, 4);
	add_fn(0, 0xD, 0, 0x340, 0x240, 0x340, 0);
	add_fn(1, 0xD, 2, 256, 576, 0, 0);
	add_fn(2, 0xD, 3, 64, 960, 0, 0);
	add_fn(3, 0xD, 4, 64, 1024, 0, 0);
	assert_int_equal(snp_cpuid_table_parse(page, sizeof(page), &t), 0);
	assert_int_equal(snp_cpuid_xsave_size(&t, 0x3, false, &size), 0);
	assert_int_equal(size, 576);
	assert_int_equal(snp_cpuid_xsave_size(&t, 0x7, false, &size), 0);
	assert_int_equal(size, 832);
	assert_int_equal(snp_cpuid_xsave_size(&t, 0x1F, false, &size), 0);
	assert_int_equal(size, 1088);
	assert_int_equal(snp_cpuid_xsave_size(&t, 0x7, true, &size), 0);
	assert_int_equal(size, 832);
	assert_int_equal(snp_cpuid_xsave_size(&t, 0x27, false, &size), -EPROTO); /* bit 5: no subleaf */
	assert_int_equal(snp_cpuid_postprocess(&t, 0xD, 0, true, 0x7, 0, r), 0);
	assert_int_equal(r[1], 832);
	r[2] = 0;
	assert_int_equal(snp_cpuid_postprocess(&t, 0x1, 0, true, 0x7, 0, r), 0);
	assert_int_equal(r[2], 1u << 27);
	assert_int_equal(snp_cpuid_postprocess(&t, 0x1, 0, false, 0x7, 0, r), 0);
	assert_int_equal(r[2], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cc_blob_fields_at_spec_offsets),
		cmocka_unit_test(test_cc_blob_refuses_bad_magic_length_alignment_overlap),
		cmocka_unit_test(test_cpuid_page_entries_at_spec_offsets_and_lookup),
		cmocka_unit_test(test_cpuid_page_refuses_empty_count_over_64_and_reserved_header),
		cmocka_unit_test(test_xsave_size_from_table_and_osxsave_fixup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
