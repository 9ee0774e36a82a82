/* The firmware's ACPI tables (include/futeet/acpi.h). The walker is
 * lib/acpi.c; this file decides which physical memory it may read: only
 * ranges the EFI memory map marks as firmware-owned and that paging maps
 * and the page allocator never hands out (UEFI 2.10 table 7.10:
 * EfiRuntimeServicesCode 5 / Data 6, EfiACPIReclaimMemory 9,
 * EfiACPIMemoryNVS 10). On TDX the tables and the log area are private
 * TD memory the firmware wrote before ExitBootServices; nothing writes them
 * afterwards, and each is copied once before use. */
#include <stdbool.h>
#include <string.h>

#include "futeet/acpi.h"
#include "futeet/errno.h"
#include "futeet/printk.h"
#include "lib/acpi.h"
#include "lib/cclog.h"
#include "lib/hex.h"

static bool fw_owned(uint32_t type)
{
	return type == 5 || type == 6 || type == 9 || type == 10;
}

static int fw_read(void *ctx, uint64_t pa, void *dst, size_t len)
{
	const struct boot_info *bi = ctx;

	if (len == 0 || pa + len < pa)
		return -EFAULT;
	for (uint32_t i = 0; i < bi->mem_count && i < BOOT_MMAP_MAX; i++) {
		const struct boot_mem_range *m = &bi->mem[i];
		uint64_t end = m->base + m->pages * 4096ull;

		if (fw_owned(m->efi_type) && pa >= m->base && pa + len <= end && end > m->base) {
			memcpy(dst, (const void *)(uintptr_t)pa, len);
			return 0;
		}
	}
	return -EFAULT;
}

static struct acpi_xsdt xsdt;

int acpi_read_ccel(const struct boot_info *bi, uint8_t *buf, size_t cap, size_t *len,
		   const char **why)
{
	uint8_t t[ACPI_CCEL_LEN];
	struct acpi_ccel c;
	size_t tlen, n;
	int rc;

	*len = 0;
	*why = NULL;
	if (bi->acpi_rsdp == 0) {
		*why = "no ACPI 2.0 RSDP in the EFI configuration table";
		return -ENOENT;
	}
	rc = acpi_xsdt_read(fw_read, (void *)bi, bi->acpi_rsdp, &xsdt);
	if (rc) {
		*why = "the RSDP or XSDT is unreadable or malformed";
		return rc;
	}
	rc = acpi_table_read(fw_read, (void *)bi, &xsdt, "CCEL", t, sizeof(t), &tlen);
	if (rc == -ENOENT) {
		*why = "no CCEL table in the XSDT";
		return rc;
	}
	if (rc == 0)
		rc = acpi_ccel_parse(t, tlen, &c);
	if (rc) {
		*why = "the CCEL table is malformed";
		return rc;
	}
	if (c.cc_type != ACPI_CC_TYPE_TDX) {
		*why = "the CCEL table is not for TDX";
		return -EBADMSG;
	}
	n = c.laml < cap ? (size_t)c.laml : cap;
	if (fw_read((void *)bi, c.lasa, buf, n)) {
		kprintf("futeet: acpi: CCEL log area %#llx (%llu bytes) is not in firmware-reserved memory\n",
			(unsigned long long)c.lasa, (unsigned long long)c.laml);
		*why = "the CCEL log area is not in firmware-reserved memory";
		return -EFAULT;
	}
	*len = n;
	return 0;
}

void acpi_report(const struct boot_info *bi)
{
	static uint8_t log[24 * 1024];
	uint8_t rtmr[CCLOG_RTMRS][CCLOG_SHA384_SIZE];
	const char *why;
	size_t len, used;
	uint32_t events;
	int rc;

	rc = acpi_xsdt_read(fw_read, (void *)bi, bi->acpi_rsdp, &xsdt);
	if (rc) {
		kprintf("futeet: acpi: RSDP %#llx: no usable XSDT (%s)\n",
			(unsigned long long)bi->acpi_rsdp, futeet_strerror(rc));
		return;
	}
	kprintf("futeet: acpi: XSDT lists %u tables\n", xsdt.count);
	for (uint32_t i = 0; i < xsdt.count; i++)
		kprintf("futeet: acpi:   %s at %#llx\n", xsdt.sig[i], (unsigned long long)xsdt.addr[i]);
	rc = acpi_read_ccel(bi, log, sizeof(log), &len, &why);
	if (rc) {
		kprintf("futeet: acpi: CCEL: %s (%s)\n", why, futeet_strerror(rc));
		return;
	}
	rc = cclog_replay(log, len, rtmr, &used, &events);
	if (rc) {
		kprintf("futeet: acpi: CCEL: %zu bytes copied; not a CC event log (%s)\n", len,
			futeet_strerror(rc));
		return;
	}
	kprintf("futeet: acpi: CCEL: %zu bytes copied, %u events in %zu bytes\n", len, events, used);
	for (unsigned i = 0; i < 3; i++) {
		char hex[2 * CCLOG_SHA384_SIZE + 1];
		hex_encode(rtmr[i], CCLOG_SHA384_SIZE, hex, false);
		kprintf("futeet: acpi: CCEL replays RTMR%u %s\n", i, hex);
	}
}
