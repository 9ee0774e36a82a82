/* The SEV-SNP hardware probe: the secrets page located through the EFI CC
 * blob configuration table (Linux arch/x86/boot/compressed/sev.c
 * find_cc_blob_efi; struct cc_blob_sev_info in arch/x86/include/asm/sev.h),
 * VMPCK0 handed to the backend, the GHCB doorbell (tee/snp/hw_doorbell.c).
 * Never executed here: no SNP hardware (docs/CAVEATS.md). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/boot.h"
#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/snp_abi.h"
#include "arch/x86_64/coco/snp_tables.h"
#include "tee/core/tee.h"
#include "tee/snp/hw_doorbell.h"
#include "uapi/futeet/seal.h"

/* The CC blob was parsed by arch/x86_64/coco/snp_tables.c at detection; it
 * is parsed again here from a private copy (the firmware's memory is read
 * once per use, then checked). The secrets page is firmware-owned private
 * memory: mapped write-back with the C-bit (vm_map_private), not through
 * the uncached MMIO path. VMPCK0 goes to the driver (which keeps its own
 * copy); VMPCK1-3 are never used by this kernel, so all four are wiped
 * from the page (SNP ABI 56860 rev 1.57, table "Secrets Page Format":
 * VMPCK0-3 at 0x20, 0x40, 0x60, 0x80), leaving nothing for a later bug to
 * leak. Never executed here: no SNP hardware (docs/CAVEATS.md). */
int snp_probe(const struct boot_info *bi, const struct tee_ops **out)
{
	uint8_t blob_copy[SNP_CC_BLOB_LEN];
	struct snp_cc_blob blob;
	const uint8_t *mapped;
	struct snp_secrets_page *sp;
	uint64_t status = bi->cc_sev_status;
	int rc;

	*out = NULL;
	if (bi->cc_blob == 0) {
		kprintf("futeet: platform snp (SEV_STATUS 0x%llx; no EFI CC blob: attestation unavailable)\n",
			(unsigned long long)status);
		return 0;
	}
	mapped = vm_map_private(bi->cc_blob, SNP_CC_BLOB_LEN);
	if (mapped == NULL)
		goto bad;
	memcpy(blob_copy, mapped, sizeof(blob_copy));
	if (snp_cc_blob_parse(blob_copy, sizeof(blob_copy), &blob))
		goto bad;
	sp = vm_map_private(blob.secrets_phys, SNP_PAGE_SIZE);
	if (sp == NULL)
		goto bad;
	rc = snp_hw_doorbell_init();
	if (rc == 0)
		/* FIRMWARE: the kernel does not yet read its measured
		 * firmware's SEV metadata for an SNP_KERNEL_HASHES section
		 * (docs/MEASURE.md), so it claims the weaker binding, which
		 * holds for every firmware (docs/CAVEATS.md). */
		rc = snp_backend_init((const uint8_t *)sp, SNP_PAGE_SIZE, &snp_hw_doorbell, NULL,
				      false, FUTEET_SEAL_BIND_FIRMWARE, out);
	/* The driver holds its copy now (or nobody may use it). */
	for (unsigned i = 0; i < 4; i++)
		futeet_wipe(sp->vmpck[i], SNP_VMPCK_LEN);
	if (rc) {
		*out = NULL;
		kprintf("futeet: platform snp (SEV_STATUS 0x%llx; GHCB guest-request doorbell unavailable: %s; attestation unavailable)\n",
			(unsigned long long)status, futeet_strerror(rc));
		return 0;
	}
	kprintf("futeet: platform snp (SEV_STATUS 0x%llx; VMPCK0 from the secrets page, VMPCK0-3 wiped there; GHCB doorbell)\n",
		(unsigned long long)status);
	return 0;
bad:
	kprintf("futeet: platform snp (SEV_STATUS 0x%llx; EFI CC blob unusable: attestation unavailable)\n",
		(unsigned long long)status);
	return 0;
}
