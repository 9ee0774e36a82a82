/* Platform detection and the active backend (DESIGN.md section 2 step 4,
 * section 3). Order: TDX, then SEV (SNP required), then the sim (only when
 * neither was detected), else "none".
 *
 *   CPUID 0x21 "IntelTDX    "          -> tdx (no driver in this build yet)
 *   CPUID 0x8000001F EAX[1] (SEV) and
 *     MSR SEV_STATUS bit 2 (SNP)       -> snp (secrets page: EFI CC blob)
 *     bit 0/1 without bit 2            -> refused
 *   ivshmem simbox, profile SNP, and
 *     fw_cfg SIMBOX_FWCFG_SECRETS      -> sim-snp
 *   otherwise                          -> none */
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
#include "futeet/simbox.h"
#include "futeet/snp_abi.h"
#include "futeet/tee.h"
#include "drivers/fw_cfg.h"
#include "drivers/simbox.h"
#include "tee/core/tee.h"
#include "tee/sim/sim_snp.h"
#include "tee/snp/hw_doorbell.h"

/* Intel TDX Module ABI / Linux arch/x86/coco/tdx: CPUID leaf 0x21 returns
 * "IntelTDX    " in EBX, EDX, ECX. */
#define CPUID_TDX_LEAF     0x21u
/* AMD APM vol. 3, CPUID Fn8000_001F EAX: bit 1 SEV supported. */
#define CPUID_AMD_MEM_ENC  0x8000001Fu
#define CPUID_SEV_BIT      (1u << 1)
/* AMD APM vol. 2 15.34.10 / PEERS.md c.2: SEV_STATUS MSR. */
#define MSR_SEV_STATUS     0xC0010131u
#define SEV_STATUS_SEV     (1ull << 0)
#define SEV_STATUS_SEV_ES  (1ull << 1)
#define SEV_STATUS_SNP     (1ull << 2)
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

static const struct tee_ops *active;
static uint32_t platform = FUTEET_PLATFORM_NONE;
static const char *platform_name = "none";

const struct tee_ops *tee_active(void)
{
	return active;
}

uint32_t tee_platform(void)
{
	return platform;
}

const char *tee_platform_name(void)
{
	return platform_name;
}

static bool detect_tdx(void)
{
	struct cpuid_regs r;
	char sig[12];

	cpu_cpuid(0, 0, &r);
	if (r.eax < CPUID_TDX_LEAF)
		return false;
	cpu_cpuid(CPUID_TDX_LEAF, 0, &r);
	memcpy(sig, &r.ebx, 4);
	memcpy(sig + 4, &r.edx, 4);
	memcpy(sig + 8, &r.ecx, 4);
	return memcmp(sig, "IntelTDX    ", 12) == 0;
}

/* SEV_STATUS, or 0 when the CPU does not offer SEV (then the MSR may not
 * exist: reading it would fault). */
static uint64_t read_sev_status(void)
{
	struct cpuid_regs r;

	cpu_cpuid(0x80000000u, 0, &r);
	if (r.eax < CPUID_AMD_MEM_ENC)
		return 0;
	cpu_cpuid(CPUID_AMD_MEM_ENC, 0, &r);
	if (!(r.eax & CPUID_SEV_BIT))
		return 0;
	return cpu_rdmsr(MSR_SEV_STATUS);
}

/* Real SNP: the secrets page through the EFI CC blob (Linux
 * arch/x86/boot/compressed/sev.c find_cc_blob_efi), the GHCB doorbell
 * (tee/snp/hw_doorbell.c). Never executed here: no SNP hardware, and the
 * platform layer (#VC, page-state changes) is not in this tree yet, so
 * vm_set_shared() refuses and attestation stays unavailable with a message.
 * Either way VMPCK0 is wiped from the secrets page once read. */
static void snp_hw_init(const struct boot_info *bi, uint64_t status)
{
	const struct cc_blob_sev_info *blob;
	struct snp_secrets_page *sp;
	int rc;

	platform = FUTEET_PLATFORM_SNP;
	platform_name = "snp";
	if (bi->cc_blob == 0) {
		kprintf("futeet: platform snp (SEV_STATUS 0x%llx; no EFI CC blob: attestation unavailable)\n",
			(unsigned long long)status);
		return;
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
				      false, &active);
	/* The driver holds its copy now (or nobody may use it): wipe it here. */
	futeet_wipe(sp->vmpck[0], SNP_VMPCK_LEN);
	if (rc) {
		active = NULL;
		kprintf("futeet: platform snp (SEV_STATUS 0x%llx; GHCB guest-request doorbell unavailable: %s; attestation unavailable)\n",
			(unsigned long long)status, futeet_strerror(rc));
		return;
	}
	kprintf("futeet: platform snp (SEV_STATUS 0x%llx; VMPCK0 from the secrets page, GHCB doorbell)\n",
		(unsigned long long)status);
	return;
bad:
	kprintf("futeet: platform snp (SEV_STATUS 0x%llx; EFI CC blob unusable: attestation unavailable)\n",
		(unsigned long long)status);
}

static uint8_t sim_secrets[SNP_PAGE_SIZE];

static void sim_snp_init(void)
{
	size_t len = 0;
	int rc;

	rc = fw_cfg_read_file(SIMBOX_FWCFG_SECRETS, sim_secrets, sizeof(sim_secrets), &len);
	if (rc || len != SNP_PAGE_SIZE) {
		futeet_wipe(sim_secrets, sizeof(sim_secrets));
		kprintf("futeet: platform none (sim mailbox present but fw_cfg %s %s: attestation calls return EOPNOTSUPP)\n",
			SIMBOX_FWCFG_SECRETS, rc ? futeet_strerror(rc) : "is not 4096 bytes");
		return;
	}
	platform = FUTEET_PLATFORM_SIM_SNP;
	platform_name = "sim-snp";
	rc = snp_backend_init(sim_secrets, len, &sim_snp_doorbell, NULL, true, &active);
	/* The driver holds its own copy now (Oak does the same). */
	futeet_wipe(sim_secrets, sizeof(sim_secrets));
	if (rc) {
		active = NULL;
		kprintf("futeet: platform sim-snp (backend failed: %s; attestation unavailable)\n",
			futeet_strerror(rc));
		return;
	}
	kprintf("futeet: platform sim-snp (sim: not confidential; ivshmem mailbox, VMPCK0 from fw_cfg)\n");
}

int tee_init(const struct boot_info *bi)
{
	uint64_t sev;

	active = NULL;
	if (detect_tdx()) {
		platform = FUTEET_PLATFORM_TDX;
		platform_name = "tdx";
		kprintf("futeet: platform tdx (no TDX driver in this build: attestation unavailable)\n");
		return 0;
	}
	sev = read_sev_status();
	if (sev & SEV_STATUS_SNP) {
		snp_hw_init(bi, sev);
		return 0;
	}
	if (sev & (SEV_STATUS_SEV | SEV_STATUS_SEV_ES)) {
		kprintf("futeet: SEV/SEV-ES without SNP (SEV_STATUS 0x%llx) is not supported: refusing to run\n",
			(unsigned long long)sev);
		return -EOPNOTSUPP;
	}
	if (simbox_init() == 0) {
		if (simbox_profile() == SIMBOX_PROFILE_SNP) {
			sim_snp_init();
			return 0;
		}
		kprintf("futeet: platform none (sim mailbox profile %u not supported: attestation calls return EOPNOTSUPP)\n",
			simbox_profile());
		return 0;
	}
	kprintf("futeet: platform none (plain VM: attestation calls return EOPNOTSUPP)\n");
	return 0;
}
