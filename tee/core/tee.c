/* The active backend (DESIGN.md section 2 step 4, section 3). The platform
 * was detected by arch/x86_64/coco/detect.c (boot_info.cc_platform); this
 * file only picks the backend, walking one table of probes:
 *   - a hardware row runs only when its platform was detected;
 *   - a sim row runs only when detection found no hardware TEE (on TDX or
 *     SNP a sim mailbox is ignored with a warning: its keys are the host's);
 *   - nothing claimed: platform "none", attestation calls -EOPNOTSUPP.
 * tee/core never includes tee/<vendor>/ or drivers/ (tests/run layering). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "futeet/boot.h"
#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/printk.h"
#include "futeet/tee.h"
#include "tee/core/tee.h"

struct tee_probe {
	uint32_t platform;   /* enum futeet_platform this row brings up */
	const char *name;    /* tee_platform_name() */
	bool sim;            /* a sim profile: only on a platform with no TEE */
	tee_probe_fn *probe;
};

/* One row per backend. */
static const struct tee_probe probes[] = {
	{ FUTEET_PLATFORM_SNP, "snp", false, snp_probe },
	{ FUTEET_PLATFORM_TDX, "tdx", false, tdx_probe },
	{ FUTEET_PLATFORM_SIM_SNP, "sim-snp", true, sim_snp_probe },
	{ FUTEET_PLATFORM_SIM_TDX, "sim-tdx", true, sim_tdx_probe },
};

static const struct tee_ops *active;
static uint32_t platform = FUTEET_PLATFORM_NONE;

const struct tee_ops *tee_active(void)
{
	return active;
}

uint32_t tee_platform(void)
{
	return platform;
}

const char *tee_platform_name_of(uint32_t p)
{
	for (size_t i = 0; i < FUTEET_ARRAY_SIZE(probes); i++)
		if (probes[i].platform == p)
			return probes[i].name;
	return p == FUTEET_PLATFORM_NONE ? "none" : "?";
}

const char *tee_platform_name(void)
{
	return tee_platform_name_of(platform);
}

int tee_init(const struct boot_info *bi)
{
	uint32_t detected = bi->cc_platform;
	bool hw = detected != FUTEET_PLATFORM_NONE;
	const struct tee_ops *ops;
	int rc;

	active = NULL;
	platform = detected;
	for (size_t i = 0; i < FUTEET_ARRAY_SIZE(probes); i++) {
		const struct tee_probe *p = &probes[i];

		if (p->sim ? hw : p->platform != detected)
			continue;
		if (bi->cc_injected && !p->sim) {
			kprintf("futeet: platform %s (recorded values injected: hardware backend not started; attestation unavailable)\n",
				p->name);
			platform = p->platform;
			sim_warn_ignored(p->name);
			return 0;
		}
		ops = NULL;
		rc = p->probe(bi, &ops);
		if (rc == -ENODEV)
			continue;
		platform = p->platform;
		if (rc)
			return rc;
		active = ops;
		if (hw)
			sim_warn_ignored(p->name);
		return 0;
	}
	if (hw) {
		kprintf("futeet: platform %s (no %s backend in this build: attestation unavailable)\n",
			tee_platform_name(), tee_platform_name());
		sim_warn_ignored(tee_platform_name());
		return 0;
	}
	kprintf("futeet: platform none (plain VM: attestation calls return EOPNOTSUPP)\n");
	return 0;
}
