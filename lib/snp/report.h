/* SEV-SNP ATTESTATION_REPORT parser (versions 2, 3, 4, 5) and TCB_VERSION
 * decoding per processor generation.
 * Spec: SNP ABI 56860 rev 1.57, table "ATTESTATION_REPORT Structure"; the
 * wire layout is struct snp_report in include/futeet/snp_abi.h. */
#ifndef FUTEET_LIB_SNP_REPORT_H
#define FUTEET_LIB_SNP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

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

/* Every field of the report, host byte order. Arrays are copies, so the
 * caller's buffer may go away after the parse. */
struct snp_report_info {
	uint32_t version;
	uint32_t guest_svn;
	uint64_t policy;
	uint8_t family_id[16];
	uint8_t image_id[16];
	uint32_t vmpl;
	uint32_t signature_algo;
	uint64_t current_tcb;
	uint64_t platform_info;
	uint32_t signer_info;
	bool author_key_en;        /* signer_info bit 0 */
	bool mask_chip_id;         /* signer_info bit 1 */
	uint32_t signing_key;      /* signer_info bits 4:2: 0 VCEK, 1 VLEK, 7 none */
	uint8_t report_data[64];
	uint8_t measurement[48];
	uint8_t host_data[32];
	uint8_t id_key_digest[48];
	uint8_t author_key_digest[48];
	uint8_t report_id[32];
	uint8_t report_id_ma[32];
	uint64_t reported_tcb;
	uint8_t cpuid_fam_id;      /* v3+, else 0 */
	uint8_t cpuid_mod_id;
	uint8_t cpuid_step;
	uint8_t chip_id[64];
	uint64_t committed_tcb;
	uint8_t current_build, current_minor, current_major;
	uint8_t committed_build, committed_minor, committed_major;
	uint64_t launch_tcb;
	uint64_t launch_mit_vector;  /* v5, else 0 */
	uint64_t current_mit_vector; /* v5, else 0 */
	uint8_t sig_r[72];           /* little-endian, as on the wire */
	uint8_t sig_s[72];
};

/* Parse a report of len bytes (at least SNP_REPORT_SIZE = 0x4A0; extra
 * trailing bytes are refused). Accepts versions 2..5; refuses truncated input,
 * other versions and signature_algo != 1. Returns 0, -EINVAL, -EMSGSIZE or
 * -EOPNOTSUPP (unknown version / algorithm). */
FUTEET_MUST_CHECK
int snp_report_parse(const uint8_t *buf, size_t len, struct snp_report_info *out);

/* Decode a raw TCB_VERSION for a product. -EINVAL for SNP_PRODUCT_UNKNOWN. */
int snp_tcb_decode(uint64_t tcb, enum snp_product product, struct snp_tcb *out);

/* Product from the report's CPUID fields (v3+): family 0x19 models
 * 0x00-0x0F Milan, 0x10-0x1F and 0xA0-0xAF Genoa, family 0x1A models
 * 0x00-0x1F Turin. SNP_PRODUCT_UNKNOWN when v2 or not recognised. */
enum snp_product snp_product_from_cpuid(uint8_t fam, uint8_t mod);

/* "Milan", "Genoa", "Turin" or "unknown". */
const char *snp_product_name(enum snp_product p);

#endif
