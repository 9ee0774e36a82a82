/* The TDX hardware probe: runs only when arch/x86_64/coco/detect.c found
 * CPUID leaf 0x21 "IntelTDX    ". The TDCALL doorbell, then the common
 * backend, given the firmware's CC event log: the area the ACPI CCEL table
 * points at (ACPI 6.5 5.2.34; TDVF Design Guide; kernel/acpi.c), copied
 * once into private memory here; the backend keeps it only if it parses and
 * replays to the TDREPORT's RTMRs. Without it the event log starts with the
 * kernel's own extends and a verifier cannot replay RTMR0/1. Never executed
 * here (docs/CAVEATS.md). */
#include <stdbool.h>
#include <stddef.h>

#include "futeet/acpi.h"
#include "futeet/boot.h"
#include "futeet/errno.h"
#include "futeet/printk.h"
#include "tee/core/tee.h"
#include "tee/tdx/hw_doorbell.h"

/* Enough for TDVF's firmware log (a real GCP TD's used 18101 bytes,
 * tests/data/go-tdx-guest/ccel/ccel_data.dat); a longer one is cut here
 * and then refused by the backend as not parsing. */
#define TDX_FW_LOG_MAX (24u * 1024u)
static uint8_t fw_log[TDX_FW_LOG_MAX];

int tdx_probe(const struct boot_info *bi, const struct tee_ops **out)
{
	const char *why = NULL;
	size_t fw_len = 0;
	int rc;

	*out = NULL;
	if (acpi_read_ccel(bi, fw_log, sizeof(fw_log), &fw_len, &why)) {
		kprintf("futeet: tdx: firmware event log not read: %s\n", why);
		fw_len = 0;
	}
	rc = tdx_hw_doorbell_init();
	if (rc == 0)
		rc = tdx_backend_init(&tdx_hw_doorbell, NULL, false, fw_len ? fw_log : NULL, fw_len, out);
	if (rc) {
		*out = NULL;
		kprintf("futeet: platform tdx (TDCALL doorbell unavailable: %s; attestation unavailable)\n",
			futeet_strerror(rc));
		return 0;
	}
	kprintf("futeet: platform tdx (TDCALL doorbell; firmware CCEL %s)\n",
		fw_len ? "read" : "not read");
	return 0;
}
