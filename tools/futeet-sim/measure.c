/* The sim-snp MEASUREMENT, shared by futeet-sim and futeet-measure: the real
 * SEV-SNP launch digest (lib/measure/snp.c) of the firmware QEMU boots with
 * -bios, for the run's vCPU count and signature, SEV_FEATURES 0x1 (SNP
 * active only: QEMU 9.1 with KVM_SEV_INIT2 and no extra VMSA features).
 *
 * The kernel is bound only when kernel hashes are on (QEMU's
 * sev-snp-guest,kernel-hashes=on) and the firmware has an SNP_KERNEL_HASHES
 * section (OVMF AmdSevX64 builds). Debian's OVMF has none: there MEASUREMENT
 * covers the firmware and the VMSAs only, as on a real host.
 *
 * The AmdSev stand-in (docs/SIM.md) lets the sim exercise the kernel-bound
 * path with such a firmware: it measures, after the firmware's own sections,
 * a kernel-hashes page at GPA SIM_STANDIN_HASHES_GPA with QEMU's hash table at
 * offset SIM_STANDIN_TABLE_OFFSET, as if the firmware listed that section. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "futeet/errno.h"
#include "sim.h"
#include "tools/common/file.h"

int sim_snp_measure(const struct sim_snp_measure_args *a, uint8_t out[48], int *kernel_bound,
		    const char **why)
{
	struct snp_launch_params p;
	struct ovmf_sev_info info;
	br_sha256_context h;
	struct snp_ld ld;
	size_t len;
	uint8_t *fw;
	int err, standin = 0;

	*kernel_bound = 0;
	memset(&p, 0, sizeof(p));
	p.vcpus = a->vcpus;
	p.vcpu_sig = a->vcpu_sig;
	p.sev_features = SNP_FEATURE_SNP_ACTIVE;
	p.vmm = SNP_VMM_QEMU;
	err = tool_read_file(a->firmware, OVMF_FW_MAX_SIZE, &fw, &len);
	if (err || len == 0) {
		*why = err == -ENOENT ? "cannot open the firmware file"
		       : "firmware file is empty, unreadable or larger than 64 MiB";
		free(fw);
		return -EIO;
	}
	err = ovmf_sev_parse(fw, len, &info, why);
	if (err)
		goto out;
	if (a->kernel_hashes || a->amdsev_standin) {
		p.kernel_hashes = 1;
		err = tool_sha256_file(a->kernel, p.kernel_sha256);
		if (err) {
			*why = "cannot read the kernel file";
			goto out;
		}
		br_sha256_init(&h); /* no initrd: QEMU hashes an empty one */
		br_sha256_out(&h, p.initrd_sha256);
		snp_cmdline_sha256(a->cmdline, a->cmdline_len, p.cmdline_sha256);
	}
	if (a->amdsev_standin && !ovmf_sev_has_section(&info, OVMF_SEV_SNP_KERNEL_HASHES)) {
		struct ovmf_sev_section *s;

		if (info.nsections >= OVMF_SEV_MAX_SECTIONS) {
			*why = "no room for the stand-in kernel-hashes section";
			err = -ENOSPC;
			goto out;
		}
		for (uint32_t i = 0; i < info.nsections; i++)
			if (info.sections[i].gpa < SIM_STANDIN_HASHES_GPA + OVMF_PAGE_SIZE &&
			    SIM_STANDIN_HASHES_GPA < info.sections[i].gpa + info.sections[i].size) {
				*why = "the stand-in kernel-hashes page overlaps a firmware section";
				err = -EINVAL;
				goto out;
			}
		s = &info.sections[info.nsections++];
		s->gpa = SIM_STANDIN_HASHES_GPA;
		s->size = OVMF_PAGE_SIZE;
		s->type = OVMF_SEV_SNP_KERNEL_HASHES;
		info.hash_table_gpa = SIM_STANDIN_HASHES_GPA + SIM_STANDIN_TABLE_OFFSET;
		info.hash_table_size = SIM_STANDIN_TABLE_SIZE;
		standin = 1;
	}
	snp_ld_init(&ld, NULL);
	snp_ld_firmware(&ld, fw, len);
	err = snp_ld_metadata_and_vmsas(&ld, &info, &p, why);
	if (err)
		goto out;
	memcpy(out, ld.ld, 48);
	*kernel_bound = !p.kernel_hashes ? 0 : standin ? 2 : 1;
out:
	free(fw);
	return err;
}
