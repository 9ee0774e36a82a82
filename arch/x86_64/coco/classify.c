/* The platform decision over recorded CPUID / SEV_STATUS values (rules and
 * spec tables: arch/x86_64/coco/detect.h). Plain C: the host unit test
 * tests/unit/test_coco_detect.c runs it. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "uapi/futeet/tee.h"
#include "arch/x86_64/coco/detect.h"

bool coco_is_tdx(const struct coco_raw *raw)
{
	static const char tdx_ident[12] = "IntelTDX    ";

	return raw->max_leaf >= CPUID_TDX_LEAF && memcmp(raw->tdx_sig, tdx_ident, 12) == 0;
}

int coco_classify(const struct coco_raw *raw, struct coco_platform *out, const char **why)
{
	uint64_t st = raw->sev_status_read ? raw->sev_status : 0;

	*why = NULL;
	memset(out, 0, sizeof(*out));
	out->kind = FUTEET_PLATFORM_NONE;
	out->sev_status = st;
	if (coco_is_tdx(raw)) {
		if (st != 0 || raw->cc_blob) {
			*why = "CPUID says TDX but SEV_STATUS or an EFI CC blob says SEV";
			return -EOPNOTSUPP;
		}
		out->kind = FUTEET_PLATFORM_TDX;
		return 0;
	}
	if (st & SEV_STATUS_SNP) {
		unsigned cbit = raw->mem_enc_ebx & CPUID_MEM_ENC_CBIT_MASK;

		if (!(st & SEV_STATUS_SEV) || !(st & SEV_STATUS_SEV_ES)) {
			*why = "SEV_STATUS has SNP without SEV and SEV-ES (inconsistent)";
			return -EOPNOTSUPP;
		}
		if (raw->max_ext_leaf < CPUID_AMD_MEM_ENC || cbit < CBIT_MIN || cbit > CBIT_MAX) {
			*why = "SEV-SNP guest without a usable C-bit position in CPUID 0x8000001F";
			return -EOPNOTSUPP;
		}
		out->kind = FUTEET_PLATFORM_SNP;
		out->cbit = cbit;
		return 0;
	}
	if (st & (SEV_STATUS_SEV | SEV_STATUS_SEV_ES)) {
		*why = "SEV/SEV-ES without SNP is not supported (no integrity protection, no attestation FUTEET supports)";
		return -EOPNOTSUPP;
	}
	if (st != 0) {
		*why = "SEV_STATUS has bits set without SEV (inconsistent)";
		return -EOPNOTSUPP;
	}
	if (raw->cc_blob) {
		*why = "the EFI CC blob claims SEV-SNP but SEV_STATUS does not";
		return -EOPNOTSUPP;
	}
	return 0;
}

