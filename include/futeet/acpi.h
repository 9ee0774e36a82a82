/* The firmware's ACPI tables as the kernel reads them (kernel/acpi.c), over
 * lib/acpi's bounded walker. Only firmware-reserved memory is read. */
#ifndef FUTEET_ACPI_H
#define FUTEET_ACPI_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/boot.h"
#include "futeet/compiler.h"

/* Copy the TDX CC event log the ACPI CCEL table points at (LASA, at most
 * min(LAML, cap) bytes) into buf, once: 0 with *len set, or -errno with
 * *why saying what was missing or refused. */
int acpi_read_ccel(const struct boot_info *bi, uint8_t *buf, size_t cap, size_t *len,
		   const char **why) FUTEET_MUST_CHECK;

/* futeet.acpi: print the XSDT's tables and what acpi_read_ccel finds
 * (a diagnostic for plain QEMU, where no CCEL exists). */
void acpi_report(const struct boot_info *bi);

#endif
