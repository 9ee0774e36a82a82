/* SEV-SNP Secure TSC: what decides whether the guest's TSC can be trusted
 * and at what frequency it runs. With Secure TSC the PSP fixes the guest's
 * TSC scale and offset at launch (the hypervisor cannot change them, RDTSC
 * is not intercepted) and the guest reads its nominal frequency from the
 * GUEST_TSC_FREQ MSR, which the hypervisor does not intercept either.
 *
 *   SEV_STATUS (MSR C001_0131) bit 11 SecureTsc (APM vol. 2 15.34.10,
 *     table "SEV_STATUS MSR fields"; Linux MSR_AMD64_SNP_SECURE_TSC_BIT 11).
 *     SEV_STATUS[n + 2] reports the VMSA's SEV_FEATURES[n] (SNP ABI 56860
 *     rev 1.57, VMSA SEV_FEATURES: bit 9 SecureTsc; Linux
 *     SVM_SEV_FEAT_SECURE_TSC BIT(9), MSR_AMD64_SNP_SECURE_TSC BIT_ULL(11)).
 *   GUEST_TSC_FREQ (MSR C001_0134): bits 17:0 the nominal guest TSC
 *     frequency in MHz, the rest reserved (Linux snp_secure_tsc_init:
 *     GENMASK_ULL(17, 0)).
 *   TSC_FACTOR, secrets page offset 0x160, u32 (SNP ABI 56860 rev 1.57
 *     "Secrets Page Format"; Linux struct snp_secrets_page tsc_factor): the
 *     decrease from nominal to mean frequency in units of 0.001 %:
 *     mean = nominal - nominal * TSC_FACTOR / 100000 (Linux
 *     SNP_SCALE_TSC_FREQ).
 *   MSG_TSC_INFO_REQ/RSP, the guest messages that carry the TSC scale and
 *     offset: arch/x86_64/coco/securetsc_msg.h, not in the kernel.
 * The GHCB spec (56421 rev 2.03, "SEV-SNP Secure TSC") adds that a guest
 * with Secure TSC must not have its TSC MSR reads emulated by the
 * hypervisor; FUTEET reads the TSC with RDTSC only.
 *
 * Pure decoders (tests/unit/test_securetsc.c); the MSR read is the
 * caller's. Never executed on hardware (docs/CAVEATS.md). */
#ifndef FUTEET_ARCH_COCO_SECURETSC_H
#define FUTEET_ARCH_COCO_SECURETSC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define SEV_STATUS_SECURE_TSC        (1ull << 11)
#define SNP_SEV_FEATURES_SECURE_TSC  (1ull << 9)
#define SEV_STATUS_FEATURES_SHIFT    2u
#define MSR_GUEST_TSC_FREQ           0xC0010134u
#define GUEST_TSC_FREQ_MHZ_MASK      0x3FFFFull      /* bits 17:0 */
#define SNP_SECRETS_TSC_FACTOR_OFF   0x160u
#define SNP_TSC_FACTOR_DENOM         100000u

/* SEV_STATUS says Secure TSC is on (the VMSA's SEV_FEATURES bit 9). */
bool snp_secure_tsc_enabled(uint64_t sev_status);
/* The VMSA SEV_FEATURES as SEV_STATUS reports them. */
uint64_t snp_sev_features_from_status(uint64_t sev_status);
/* The mean guest TSC frequency in Hz from GUEST_TSC_FREQ and TSC_FACTOR.
 * -EPROTO: a frequency of 0 MHz, or a factor of 100 % or more (nonsense
 * from a firmware we would then not trust for time). */
FUTEET_MUST_CHECK int snp_secure_tsc_hz(uint64_t guest_tsc_freq, uint32_t tsc_factor, uint64_t *hz);
/* TSC_FACTOR from the secrets page (private memory; len >= 0x164). */
FUTEET_MUST_CHECK int snp_secrets_tsc_factor(const uint8_t *page, size_t len, uint32_t *factor);

#endif
