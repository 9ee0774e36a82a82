/* SEV-SNP Secure TSC decoders (arch/x86_64/coco/securetsc.h for the spec
 * references). Plain bounded C: every input is a value or a private copy. */
#include <stddef.h>

#include "futeet/errno.h"
#include "lib/bytes.h"
#include "arch/x86_64/coco/securetsc.h"

bool snp_secure_tsc_enabled(uint64_t sev_status)
{
	return (sev_status & SEV_STATUS_SECURE_TSC) != 0;
}

uint64_t snp_sev_features_from_status(uint64_t sev_status)
{
	return sev_status >> SEV_STATUS_FEATURES_SHIFT;
}

int snp_secure_tsc_hz(uint64_t guest_tsc_freq, uint32_t tsc_factor, uint64_t *hz)
{
	uint64_t mhz = guest_tsc_freq & GUEST_TSC_FREQ_MHZ_MASK;
	uint64_t khz;

	*hz = 0;
	if (mhz == 0 || tsc_factor >= SNP_TSC_FACTOR_DENOM)
		return -EPROTO;
	/* Linux SNP_SCALE_TSC_FREQ on kHz; mhz < 2^18, so no overflow. */
	khz = mhz * 1000u;
	khz -= khz * tsc_factor / SNP_TSC_FACTOR_DENOM;
	*hz = khz * 1000u;
	return 0;
}

int snp_secrets_tsc_factor(const uint8_t *page, size_t len, uint32_t *factor)
{
	*factor = 0;
	if (len < SNP_SECRETS_TSC_FACTOR_OFF + 4u)
		return -EINVAL;
	*factor = bytes_le32(page + SNP_SECRETS_TSC_FACTOR_OFF);
	return 0;
}
