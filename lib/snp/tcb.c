/* SEV-SNP TCB_VERSION decoding and processor generation (lib/snp/tcb.h).
 * Spec: SNP ABI 56860 rev 1.57, "TCB_VERSION Structure". */
#include <string.h>

#include "futeet/errno.h"
#include "lib/snp/tcb.h"

/* CPUID Fn0000_0001_EAX extended family/model values (AMD PPRs for family
 * 19h models 00h-0Fh (Milan), 10h-1Fh/A0h-AFh (Genoa, Bergamo, Siena) and
 * family 1Ah models 00h-1Fh (Turin)). */
#define CPUID_FAM_ZEN3_4 0x19u
#define CPUID_FAM_ZEN5   0x1Au

int snp_tcb_decode(uint64_t tcb, enum snp_product product, struct snp_tcb *out)
{
	uint8_t b[8];
	unsigned i;

	for (i = 0; i < 8; i++)
		b[i] = (uint8_t)(tcb >> (8 * i));
	memset(out, 0, sizeof(*out));
	switch (product) {
	case SNP_PRODUCT_MILAN:
	case SNP_PRODUCT_GENOA:
		/* [BOOT_LOADER, TEE, rsvd x4, SNP, MICROCODE] */
		out->bl = b[0];
		out->tee = b[1];
		out->snp = b[6];
		out->ucode = b[7];
		return 0;
	case SNP_PRODUCT_TURIN:
		/* [FMC, BOOT_LOADER, TEE, SNP, rsvd x3, MICROCODE] */
		out->fmc = b[0];
		out->has_fmc = true;
		out->bl = b[1];
		out->tee = b[2];
		out->snp = b[3];
		out->ucode = b[7];
		return 0;
	default:
		return -EINVAL;
	}
}

enum snp_product snp_product_from_cpuid(uint8_t fam, uint8_t mod)
{
	if (fam == CPUID_FAM_ZEN3_4) {
		if (mod <= 0x0Fu)
			return SNP_PRODUCT_MILAN;
		if ((mod >= 0x10u && mod <= 0x1Fu) || (mod >= 0xA0u && mod <= 0xAFu))
			return SNP_PRODUCT_GENOA;
	}
	if (fam == CPUID_FAM_ZEN5 && mod <= 0x1Fu)
		return SNP_PRODUCT_TURIN;
	return SNP_PRODUCT_UNKNOWN;
}

const char *snp_product_name(enum snp_product p)
{
	switch (p) {
	case SNP_PRODUCT_MILAN: return "Milan";
	case SNP_PRODUCT_GENOA: return "Genoa";
	case SNP_PRODUCT_TURIN: return "Turin";
	default: return "unknown";
	}
}
