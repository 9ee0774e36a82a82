/* SEV-SNP guest requests over the guest-message layer: MSG_REPORT_REQ,
 * MSG_KEY_REQ and the extended report request with its certificate table
 * (SNP ABI 56860 rev 1.57 sections 7.2-7.3; GHCB 56421 rev 2.03 section
 * 4.1.8). Host-compilable (tests and fuzzers). */
#ifndef FUTEET_TEE_SNP_SNP_H
#define FUTEET_TEE_SNP_SNP_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/snp_abi.h"
#include "lib/snp/certtable.h"
#include "tee/snp/guest_msg.h"
#include "futeet/compiler.h"

/* MSG_REPORT_REQ / MSG_KEY_REQ message versions we speak (SNP ABI 56860
 * 7.2/7.3: version 1; KEY_REQ v2 adds LAUNCH_MIT_VECTOR, not used). */
#define SNP_REPORT_MSG_VERSION 1u
#define SNP_KEY_MSG_VERSION    1u
/* GUEST_FIELD_SELECT bits defined for KEY_REQ version 1 (bits 0..5). */
#define SNP_KEY_FIELD_ALL_V1   0x3full
/* root_key_select word: bit 0 ROOT_KEY_SELECT, bits 2:1 KEY_SEL. */
#define SNP_KEY_ROOT_WORD_MASK 0x7u
#define SNP_VMPL_MAX           3u

/* MSG_REPORT_REQ: the ATTESTATION_REPORT for user_data at vmpl, copied into
 * report (cap >= SNP_REPORT_SIZE); *report_len = its size. The report is
 * checked (known version, REPORT_DATA and VMPL as requested). Only a
 * response that fails authentication wipes VMPCK0 (guest_msg.h); once the
 * answer is authentic the key stays, whatever its payload says: a nonzero
 * firmware status is -EIO, a payload we cannot parse (too short, another
 * REPORT_SIZE, an unknown report version or algorithm) -EOPNOTSUPP, a
 * report for other REPORT_DATA / VMPL -EBADMSG, each with g->why set. */
FUTEET_MUST_CHECK
int snp_get_report(struct snp_guest_ctx *g, const uint8_t user_data[64], uint32_t vmpl,
		   uint8_t *report, size_t cap, size_t *report_len);

/* The same as an extended request: certs (certs_cap bytes, a multiple of
 * 4096) receives the host's certificate table; *certs_len = its used length
 * (up to the end of the furthest entry), 0 if the host gave none. */
FUTEET_MUST_CHECK
int snp_get_ext_report(struct snp_guest_ctx *g, const uint8_t user_data[64], uint32_t vmpl,
		       uint8_t *report, size_t cap, size_t *report_len,
		       uint8_t *certs, size_t certs_cap, size_t *certs_len);

/* MSG_KEY_REQ: a 32-byte key derived by the PSP. req is validated first
 * (known bits only, vmpl <= 3, reserved zero). */
FUTEET_MUST_CHECK
int snp_get_derived_key(struct snp_guest_ctx *g, const struct snp_key_req *req,
			uint8_t key[SNP_DERIVED_KEY_LEN]);

#endif
