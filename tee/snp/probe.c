/* The SEV-SNP hardware probe: the secrets page located through the EFI CC
 * blob configuration table (Linux arch/x86/boot/compressed/sev.c
 * find_cc_blob_efi; struct cc_blob_sev_info in arch/x86/include/asm/sev.h),
 * VMPCK0 handed to the backend, the GHCB doorbell (tee/snp/hw_doorbell.c).
 * Never executed here: no SNP hardware (docs/CAVEATS.md). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "futeet/boot.h"
#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/snp_abi.h"
#include "tee/core/tee.h"
#include "tee/snp/hw_doorbell.h"

/* Linux arch/x86/include/asm/sev.h struct cc_blob_sev_info: 'AMDE'. */
#define CC_BLOB_SEV_MAGIC  0x45444d41u

struct cc_blob_sev_info {
	uint32_t magic;        /* 0x00 */
	uint16_t version;      /* 0x04 */
	uint16_t reserved;     /* 0x06 */
	uint64_t secrets_phys; /* 0x08 */
	uint32_t secrets_len;  /* 0x10 */
	uint32_t rsvd1;        /* 0x14 */
	uint64_t cpuid_phys;   /* 0x18 */
	uint32_t cpuid_len;    /* 0x20 */
	uint32_t rsvd2;        /* 0x24 */
};
FUTEET_ASSERT_SIZE(struct cc_blob_sev_info, 0x28);
FUTEET_ASSERT_OFFSET(struct cc_blob_sev_info, secrets_phys, 0x08);
FUTEET_ASSERT_OFFSET(struct cc_blob_sev_info, cpuid_phys, 0x18);

/* Either way VMPCK0 is wiped from the secrets page once read. */
int snp_probe(const struct boot_info *bi, const struct tee_ops **out)
{
	const struct cc_blob_sev_info *blob;
	struct snp_secrets_page *sp;
	uint64_t status = bi->cc_sev_status;
	int rc;

	*out = NULL;
	if (bi->cc_blob == 0) {
		kprintf("futeet: platform snp (SEV_STATUS 0x%llx; no EFI CC blob: attestation unavailable)\n",
			(unsigned long long)status);
		return 0;
	}
	blob = vm_map_mmio(bi->cc_blob & PAGE_MASK, 2 * PAGE_SIZE, false);
	if (blob == NULL)
		goto bad;
	blob = (const void *)((const uint8_t *)blob + (bi->cc_blob & (PAGE_SIZE - 1)));
	if (blob->magic != CC_BLOB_SEV_MAGIC || blob->secrets_len != SNP_PAGE_SIZE ||
	    (blob->secrets_phys & (PAGE_SIZE - 1)) != 0)
		goto bad;
	sp = vm_map_mmio(blob->secrets_phys, SNP_PAGE_SIZE, false);
	if (sp == NULL)
		goto bad;
	rc = snp_hw_doorbell_init();
	if (rc == 0)
		rc = snp_backend_init((const uint8_t *)sp, SNP_PAGE_SIZE, &snp_hw_doorbell, NULL,
				      false, out);
	/* The driver holds its copy now (or nobody may use it): wipe it here. */
	futeet_wipe(sp->vmpck[0], SNP_VMPCK_LEN);
	if (rc) {
		*out = NULL;
		kprintf("futeet: platform snp (SEV_STATUS 0x%llx; GHCB guest-request doorbell unavailable: %s; attestation unavailable)\n",
			(unsigned long long)status, futeet_strerror(rc));
		return 0;
	}
	kprintf("futeet: platform snp (SEV_STATUS 0x%llx; VMPCK0 from the secrets page, GHCB doorbell)\n",
		(unsigned long long)status);
	return 0;
bad:
	kprintf("futeet: platform snp (SEV_STATUS 0x%llx; EFI CC blob unusable: attestation unavailable)\n",
		(unsigned long long)status);
	return 0;
}
