/* The sim platform probe (DESIGN.md section 3 "The sim platform"): the
 * ivshmem mailbox announces a profile; sim-snp takes VMPCK0 from the
 * secrets page the sim hands over by fw_cfg. tee/core runs it only when
 * detection found no hardware TEE: the sim's keys are known to the host. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "futeet/boot.h"
#include "futeet/errno.h"
#include "futeet/printk.h"
#include "futeet/simbox.h"
#include "futeet/snp_abi.h"
#include "drivers/fw_cfg.h"
#include "drivers/pci.h"
#include "drivers/simbox.h"
#include "tee/core/tee.h"
#include "uapi/futeet/seal.h"
#include "tee/sim/sim_snp.h"
#include "tee/sim/sim_tdx.h"

static uint8_t sim_secrets[SNP_PAGE_SIZE];

int sim_snp_probe(const struct boot_info *bi, const struct tee_ops **out)
{
	size_t len = 0;
	int rc;

	(void)bi;
	*out = NULL;
	if (simbox_init() != 0)
		return -ENODEV;
	if (simbox_profile() != SIMBOX_PROFILE_SNP) {
		if (simbox_profile() != SIMBOX_PROFILE_TDX)
			kprintf("futeet: sim mailbox profile %u not supported\n", simbox_profile());
		return -ENODEV;
	}
	rc = fw_cfg_read_file(SIMBOX_FWCFG_SECRETS, sim_secrets, sizeof(sim_secrets), &len);
	if (rc || len != SNP_PAGE_SIZE) {
		futeet_wipe(sim_secrets, sizeof(sim_secrets));
		kprintf("futeet: sim mailbox present but fw_cfg %s %s\n",
			SIMBOX_FWCFG_SECRETS, rc ? futeet_strerror(rc) : "is not 4096 bytes");
		return -ENODEV;
	}
	/* The sim plays the firmware's launch: it says whether MEASUREMENT
	 * covers the kernel hashes (docs/SIM.md, --amdsev-standin). */
	rc = snp_backend_init(sim_secrets, len, &sim_snp_doorbell, NULL, true,
			      (simbox_launch_flags() & SIMBOX_LAUNCH_KERNEL_HASHES) ?
			      FUTEET_SEAL_BIND_KERNEL : FUTEET_SEAL_BIND_FIRMWARE, out);
	/* The driver holds its own copy now (Oak does the same). */
	futeet_wipe(sim_secrets, sizeof(sim_secrets));
	if (rc) {
		*out = NULL;
		kprintf("futeet: platform sim-snp (backend failed: %s; attestation unavailable)\n",
			futeet_strerror(rc));
		return 0;
	}
	kprintf("futeet: platform sim-snp (sim: not confidential; ivshmem mailbox, VMPCK0 from fw_cfg)\n");
	return 0;
}

/* The firmware's CC event log as the sim hands it over (fw_cfg), the
 * stand-in for TDVF's CCEL ACPI table. */
static uint8_t sim_ccel[16384];

int sim_tdx_probe(const struct boot_info *bi, const struct tee_ops **out)
{
	size_t len = 0;
	int rc;

	(void)bi;
	*out = NULL;
	if (simbox_init() != 0 || simbox_profile() != SIMBOX_PROFILE_TDX)
		return -ENODEV;
	rc = fw_cfg_read_file(SIMBOX_FWCFG_CCEL, sim_ccel, sizeof(sim_ccel), &len);
	if (rc) {
		kprintf("futeet: sim-tdx: fw_cfg %s: %s (no firmware event log)\n",
			SIMBOX_FWCFG_CCEL, futeet_strerror(rc));
		len = 0;
	}
	rc = tdx_backend_init(&sim_tdx_doorbell, NULL, true, len ? sim_ccel : NULL, len, out);
	if (rc) {
		*out = NULL;
		kprintf("futeet: platform sim-tdx (backend failed: %s; attestation unavailable)\n",
			futeet_strerror(rc));
		return 0;
	}
	kprintf("futeet: platform sim-tdx (sim: not confidential; ivshmem mailbox, CCEL from fw_cfg)\n");
	return 0;
}

/* Only looks on the PCI bus: the device is not mapped or enabled. */
void sim_warn_ignored(const char *platform_name)
{
	struct pci_dev d;

	if (pci_find(SIMBOX_PCI_VENDOR, SIMBOX_PCI_DEVICE, &d) == 0)
		kprintf("futeet: warning: a sim mailbox is present on %s hardware: ignored (its keys are the host's); fw_cfg secrets not read\n",
			platform_name);
}
