/* SEV-SNP TCB_VERSION decoding per processor generation, and the processor
 * generation from a report's CPUID fields: the verifier's (host tools, ring
 * 3), never the kernel's. Spec: SNP ABI 56860 rev 1.57, "TCB_VERSION
 * Structure" (the Turin layout in the same revision). */
#ifndef FUTEET_LIB_SNP_TCB_H
#define FUTEET_LIB_SNP_TCB_H

#include <stdbool.h>
#include <stdint.h>

/* Processor generation: it fixes the TCB_VERSION layout and the chain. */
enum snp_product {
	SNP_PRODUCT_UNKNOWN = 0,
	SNP_PRODUCT_MILAN = 1,
	SNP_PRODUCT_GENOA = 2,
	SNP_PRODUCT_TURIN = 3,
};

/* TCB_VERSION (SNP ABI 56860 "TCB_VERSION Structure"), decoded.
 * Milan/Genoa bytes: [BL, TEE, 0,0,0,0, SNP, UCODE];
 * Turin bytes:       [FMC, BL, TEE, SNP, 0,0,0, UCODE]. */
struct snp_tcb {
	uint8_t bl;
	uint8_t tee;
	uint8_t snp;
	uint8_t ucode;
	uint8_t fmc;    /* Turin only, else 0 */
	bool has_fmc;
};

/* Decode a raw TCB_VERSION for a product. -EINVAL for SNP_PRODUCT_UNKNOWN. */
int snp_tcb_decode(uint64_t tcb, enum snp_product product, struct snp_tcb *out);

/* Product from the report's CPUID fields (v3+): family 0x19 models
 * 0x00-0x0F Milan, 0x10-0x1F and 0xA0-0xAF Genoa, family 0x1A models
 * 0x00-0x1F Turin. SNP_PRODUCT_UNKNOWN when v2 or not recognised. */
enum snp_product snp_product_from_cpuid(uint8_t fam, uint8_t mod);

/* "Milan", "Genoa", "Turin" or "unknown". */
const char *snp_product_name(enum snp_product p);

#endif
