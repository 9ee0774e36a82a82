/* lib/acpi.c against tables laid out by hand from ACPI 6.5: the RSDP
 * (5.2.5.3: "RSD PTR ", checksum over bytes 0..19, revision at 15, length
 * 36 at 20, XsdtAddress at 24, extended checksum over all 36 bytes), the
 * description header (5.2.6: signature, length at 4, revision at 8,
 * checksum at 9 over the whole table), the XSDT (5.2.8: u64 addresses after
 * the header) and the CCEL (5.2.34, the layout of edk2 MdePkg
 * EFI_CC_EVENTLOG_ACPI_TABLE: CC type at 36 (2 = TDX), subtype 37,
 * reserved u16 38, LAML u64 40, LASA u64 48; 56 bytes, revision 1). The
 * image is a fake physical memory; the reader refuses reads outside it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "lib/acpi.h"

#define MEM 0x10000u
static uint8_t mem[MEM];

static int rd(void *ctx, uint64_t pa, void *dst, size_t len)
{
	(void)ctx;
	if (pa >= MEM || len > MEM - pa)
		return -EFAULT;
	memcpy(dst, mem + pa, len);
	return 0;
}

static void le32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i)); }
static void le64(uint8_t *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i)); }

static void fix(uint8_t *p, size_t n, size_t csum_off)
{
	uint8_t s = 0;
	p[csum_off] = 0;
	for (size_t i = 0; i < n; i++)
		s = (uint8_t)(s + p[i]);
	p[csum_off] = (uint8_t)-s;
}

static void header(uint32_t at, const char *sig, uint32_t len, uint8_t rev)
{
	memcpy(mem + at, sig, 4);
	le32(mem + at + 4, len);
	mem[at + 8] = rev;
	memcpy(mem + at + 10, "FUTEET", 6);
}

#define RSDP 0x100u
#define XSDT 0x200u
#define FACP 0x400u
#define CCEL 0x500u

static void fix_all(uint32_t xsdt_len)
{
	fix(mem + RSDP, 20, 8);
	fix(mem + RSDP, 36, 32);
	fix(mem + XSDT, xsdt_len, 9);
	fix(mem + FACP, 36, 9);
	fix(mem + CCEL, 56, 9);
}

/* RSDP -> XSDT [FACP, CCEL, an address outside memory]. */
static void build(void)
{
	memset(mem, 0, sizeof(mem));
	memcpy(mem + RSDP, "RSD PTR ", 8);
	mem[RSDP + 15] = 2;
	le32(mem + RSDP + 16, 0);
	le32(mem + RSDP + 20, 36);
	le64(mem + RSDP + 24, XSDT);
	header(XSDT, "XSDT", 36 + 3 * 8, 1);
	le64(mem + XSDT + 36, FACP);
	le64(mem + XSDT + 44, CCEL);
	le64(mem + XSDT + 52, 0xFFFF0000ull);
	header(FACP, "FACP", 36, 6);
	header(CCEL, "CCEL", 56, 1);
	mem[CCEL + 36] = 2;      /* TDX */
	le64(mem + CCEL + 40, 0x10000);
	le64(mem + CCEL + 48, 0x7F000000ull);
	fix_all(36 + 3 * 8);
}

static void test_walk_finds_the_ccel(void **state)
{
	struct acpi_xsdt x;
	struct acpi_ccel c;
	uint8_t t[64];
	size_t len;
	(void)state;
	build();
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), 0);
	assert_int_equal(x.count, 3);
	assert_string_equal(x.sig[0], "FACP");
	assert_string_equal(x.sig[1], "CCEL");
	assert_string_equal(x.sig[2], "????");
	assert_int_equal(x.addr[1], CCEL);
	assert_int_equal(acpi_table_read(rd, NULL, &x, "CCEL", t, sizeof(t), &len), 0);
	assert_int_equal(len, 56);
	assert_int_equal(acpi_ccel_parse(t, len, &c), 0);
	assert_int_equal(c.cc_type, ACPI_CC_TYPE_TDX);
	assert_int_equal(c.cc_subtype, 0);
	assert_int_equal(c.laml, 0x10000);
	assert_int_equal(c.lasa, 0x7F000000ull);
	assert_int_equal(acpi_table_read(rd, NULL, &x, "DSDT", t, sizeof(t), &len), -ENOENT);
	assert_int_equal(acpi_table_read(rd, NULL, &x, "CCEL", t, 40, &len), -ENOSPC);
}

static void test_rsdp_checks(void **state)
{
	struct acpi_xsdt x;
	(void)state;
	build();
	mem[RSDP + 9] ^= 1;                       /* breaks the 20-byte checksum */
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), -EBADMSG);
	build();
	mem[RSDP + 33] = 1;                       /* breaks only the extended checksum */
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), -EBADMSG);
	build();
	mem[RSDP + 15] = 0;                       /* ACPI 1.0: no XSDT */
	fix_all(60);
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), -EBADMSG);
	build();
	le32(mem + RSDP + 20, 40);                /* length other than 36 */
	fix_all(60);
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), -EBADMSG);
	build();
	mem[RSDP] = 'r';
	fix_all(60);
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), -EBADMSG);
	assert_int_equal(acpi_xsdt_read(rd, NULL, 0, &x), -EFAULT);
	assert_int_equal(acpi_xsdt_read(rd, NULL, MEM - 10, &x), -EFAULT);
}

static void test_xsdt_checks(void **state)
{
	struct acpi_xsdt x;
	(void)state;
	build();
	mem[XSDT + 40] ^= 0x10;                   /* an entry changed, checksum not */
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), -EBADMSG);
	build();
	le32(mem + XSDT + 4, 36 + 3 * 8 - 4);     /* not 36 + 8n */
	fix_all(36 + 3 * 8 - 4);
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), -EBADMSG);
	build();
	le32(mem + XSDT + 4, 20);                 /* shorter than a header */
	fix_all(36);
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), -EBADMSG);
	build();
	le32(mem + XSDT + 4, 36 + 8 * (ACPI_XSDT_MAX + 1));
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), -E2BIG);
	build();
	le32(mem + XSDT + 4, 36 + 8 * ACPI_XSDT_MAX);  /* the largest accepted */
	fix_all(36 + 8 * ACPI_XSDT_MAX);
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), 0);
	assert_int_equal(x.count, ACPI_XSDT_MAX);
	build();
	memcpy(mem + XSDT, "RSDT", 4);
	fix_all(60);
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), -EBADMSG);
	build();
	le64(mem + RSDP + 24, MEM - 8);           /* XSDT outside memory */
	fix_all(60);
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), -EFAULT);
}

static void test_ccel_checks(void **state)
{
	struct acpi_xsdt x;
	struct acpi_ccel c;
	uint8_t t[64];
	size_t len;
	(void)state;
	build();
	mem[CCEL + 44] ^= 1;                      /* LAML changed, checksum not */
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), 0);
	assert_int_equal(acpi_table_read(rd, NULL, &x, "CCEL", t, sizeof(t), &len), -EBADMSG);
	/* A well-checksummed table with bad fields: parse refuses. */
	build();
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), 0);
	assert_int_equal(acpi_table_read(rd, NULL, &x, "CCEL", t, sizeof(t), &len), 0);
	t[38] = 1; fix(t, 56, 9);                 /* reserved */
	assert_int_equal(acpi_ccel_parse(t, 56, &c), -EBADMSG);
	t[38] = 0; t[8] = 2; fix(t, 56, 9);       /* revision 2 */
	assert_int_equal(acpi_ccel_parse(t, 56, &c), -EBADMSG);
	t[8] = 1; le64(t + 40, 0); fix(t, 56, 9); /* LAML 0 */
	assert_int_equal(acpi_ccel_parse(t, 56, &c), -EBADMSG);
	le64(t + 40, 0x2000); le64(t + 48, ~0ull - 0x1000); fix(t, 56, 9); /* wraps */
	assert_int_equal(acpi_ccel_parse(t, 56, &c), -EBADMSG);
	le64(t + 48, 0x1000); fix(t, 56, 9);
	assert_int_equal(acpi_ccel_parse(t, 56, &c), 0);
	assert_int_equal(acpi_ccel_parse(t, 55, &c), -EBADMSG);
	/* A CCEL header that says 60 bytes: not the 56 of revision 1. */
	build();
	le32(mem + CCEL + 4, 60);
	fix(mem + CCEL, 60, 9);
	assert_int_equal(acpi_xsdt_read(rd, NULL, RSDP, &x), 0);
	assert_int_equal(acpi_table_read(rd, NULL, &x, "CCEL", t, sizeof(t), &len), 0);
	assert_int_equal(acpi_ccel_parse(t, len, &c), -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_finds_the_ccel),
		cmocka_unit_test(test_rsdp_checks),
		cmocka_unit_test(test_xsdt_checks),
		cmocka_unit_test(test_ccel_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
