/* SEV-SNP ATTESTATION_REPORT parser (versions 2, 3, 4, 5); the TCB_VERSION
 * decoding per processor generation is the verifier's (lib/snp/tcb.h).
 * Spec: SNP ABI 56860 rev 1.57, table "ATTESTATION_REPORT Structure"; the
 * wire layout is struct snp_report in include/futeet/snp_abi.h. */
#ifndef FUTEET_LIB_SNP_REPORT_H
#define FUTEET_LIB_SNP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

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

#endif
