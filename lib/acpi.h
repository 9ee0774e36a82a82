/* A small, bounded ACPI walker: RSDP -> XSDT -> one table by signature, and
 * the Confidential Computing Event Log table (CCEL). Firmware tables are
 * host-influenced (on TDX, QEMU builds the XSDT and most tables; TDVF adds
 * the CCEL), so every length and checksum is checked and every read goes
 * through the caller's reader, which decides what physical memory may be
 * read (the kernel: firmware-reserved ranges only; tests: a byte image).
 *
 * Layouts (ACPI 6.5, all integers little-endian):
 *   RSDP (5.2.5.3): 0 "RSD PTR " | 8 checksum (bytes 0..19 sum to 0) |
 *     9 OEMID[6] | 15 revision (2 = ACPI 2.0+) | 16 RsdtAddress u32 |
 *     20 length u32 (36) | 24 XsdtAddress u64 | 32 extended checksum
 *     (all 36 bytes sum to 0) | 33 reserved[3]
 *   System description table header (5.2.6): 0 signature[4] | 4 length
 *     u32 (whole table) | 8 revision | 9 checksum (whole table sums to 0) |
 *     10 OEMID[6] | 16 OEM table id[8] | 24 OEM revision | 28 creator id |
 *     32 creator revision; 36 bytes
 *   XSDT (5.2.8): header "XSDT", then (length - 36) / 8 u64 table addresses
 *   CCEL (5.2.34; TDX GHCI 343961 "CCEL"; edk2 MdePkg
 *     EFI_CC_EVENTLOG_ACPI_TABLE): header "CCEL" (revision 1) | 36 CC type
 *     u8 (1 SEV, 2 TDX) | 37 CC subtype u8 | 38 reserved u16 | 40 LAML u64
 *     (log area minimum length) | 48 LASA u64 (log area start address); 56
 *     bytes
 * No recursion, at most ACPI_XSDT_MAX entries. */
#ifndef FUTEET_LIB_ACPI_H
#define FUTEET_LIB_ACPI_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define ACPI_RSDP_LEN        36u
#define ACPI_HDR_LEN         36u
#define ACPI_XSDT_MAX        64u     /* entries we look at; more is refused */
#define ACPI_CCEL_LEN        56u
#define ACPI_CC_TYPE_SEV     1u
#define ACPI_CC_TYPE_TDX     2u

/* Copy len bytes of physical memory at pa into dst: 0, or -EFAULT when the
 * reader refuses the range. */
typedef int (*acpi_read_fn)(void *ctx, uint64_t pa, void *dst, size_t len);

struct acpi_xsdt {
	uint32_t count;
	uint64_t addr[ACPI_XSDT_MAX];
	char sig[ACPI_XSDT_MAX][5];   /* each table's signature, NUL-terminated */
};

struct acpi_ccel {
	uint8_t cc_type, cc_subtype;
	uint64_t laml, lasa;
};

/* Read and check the RSDP at rsdp_pa (signature, revision >= 2, both
 * checksums, length 36) and the XSDT it names (signature, length 36 + 8n
 * with n <= ACPI_XSDT_MAX, checksum), then each listed table's header for
 * its signature. 0, -EFAULT (a read refused), -EBADMSG (a bad field or
 * checksum), -E2BIG (too many entries). A table whose header cannot be
 * read is listed with signature "????". */
int acpi_xsdt_read(acpi_read_fn rd, void *ctx, uint64_t rsdp_pa, struct acpi_xsdt *x)
	FUTEET_MUST_CHECK;

/* The first table with signature sig (4 chars) in x, copied whole into buf
 * (cap bytes) and checksummed: 0 with *len set, -ENOENT when x has none,
 * -ENOSPC when it is larger than cap, -EFAULT, -EBADMSG. */
int acpi_table_read(acpi_read_fn rd, void *ctx, const struct acpi_xsdt *x, const char *sig,
		    uint8_t *buf, size_t cap, size_t *len) FUTEET_MUST_CHECK;

/* Decode a CCEL table read by acpi_table_read: length 56, revision 1,
 * reserved zero, LAML > 0, LASA + LAML without overflow. 0 or -EBADMSG. */
int acpi_ccel_parse(const uint8_t *t, size_t len, struct acpi_ccel *c) FUTEET_MUST_CHECK;

#endif
