/* The TDX hardware probe: runs only when arch/x86_64/coco/detect.c found
 * CPUID leaf 0x21 "IntelTDX    ". The TDCALL doorbell, then the common
 * backend. The firmware's CCEL (ACPI "CCEL" table, TDVF DG) is not read yet:
 * the event log then starts with the kernel's own extends, and a verifier
 * cannot replay RTMR0/1 (docs/CAVEATS.md). Never executed here. */
#include <stdbool.h>
#include <stddef.h>

#include "futeet/boot.h"
#include "futeet/errno.h"
#include "futeet/printk.h"
#include "tee/core/tee.h"
#include "tee/tdx/hw_doorbell.h"

int tdx_probe(const struct boot_info *bi, const struct tee_ops **out)
{
	int rc;

	(void)bi;
	*out = NULL;
	rc = tdx_hw_doorbell_init();
	if (rc == 0)
		rc = tdx_backend_init(&tdx_hw_doorbell, NULL, false, NULL, 0, out);
	if (rc) {
		*out = NULL;
		kprintf("futeet: platform tdx (TDCALL doorbell unavailable: %s; attestation unavailable)\n",
			futeet_strerror(rc));
		return 0;
	}
	kprintf("futeet: platform tdx (TDCALL doorbell; firmware CCEL not read)\n");
	return 0;
}
