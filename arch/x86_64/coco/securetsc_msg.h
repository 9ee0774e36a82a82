/* SEV-SNP Secure TSC's guest messages (securetsc.h has the rest):
 *   MSG_TSC_INFO_REQ (type 17) / MSG_TSC_INFO_RSP (18), guest messages
 *     (SNP ABI 56860 rev 1.57 section "TSC_INFO", table "MSG_TSC_INFO_REQ
 *     Message Structure": 128 reserved bytes; "MSG_TSC_INFO_RSP Message
 *     Structure": 0x00 u32 STATUS, 0x04 reserved, 0x08 u64 GUEST_TSC_SCALE,
 *     0x10 u64 GUEST_TSC_OFFSET, 0x18 u32 TSC_FACTOR, 0x1C..0x7F reserved;
 *     Linux struct snp_tsc_info_req / snp_tsc_info_resp, 128 bytes each).
 *     Linux asks for it to give application processors the same scale and
 *     offset; FUTEET runs the boot CPU only.
 * The kernel does not send it, so this file is not part of the image: it is
 * built into its unit test and the host-answer fuzzer only, and joins
 * KERNEL_SRCS with the first caller. Never executed on hardware. */
#ifndef FUTEET_ARCH_COCO_SECURETSC_MSG_H
#define FUTEET_ARCH_COCO_SECURETSC_MSG_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define SNP_MSG_TSC_INFO_REQ         17u
#define SNP_MSG_TSC_INFO_RSP         18u
#define SNP_TSC_INFO_LEN             128u

/* MSG_TSC_INFO_RSP payload (SNP ABI 56860 rev 1.57, "MSG_TSC_INFO_RSP
 * Message Structure"), as parsed from bytes. */
struct snp_tsc_info_rsp_wire {
	uint32_t status;
	uint32_t reserved1;
	uint64_t guest_tsc_scale;
	uint64_t guest_tsc_offset;
	uint32_t tsc_factor;
	uint8_t reserved2[100];
} __attribute__((packed));
FUTEET_ASSERT_SIZE(struct snp_tsc_info_rsp_wire, SNP_TSC_INFO_LEN);
FUTEET_ASSERT_OFFSET(struct snp_tsc_info_rsp_wire, guest_tsc_scale, 0x08);
FUTEET_ASSERT_OFFSET(struct snp_tsc_info_rsp_wire, guest_tsc_offset, 0x10);
FUTEET_ASSERT_OFFSET(struct snp_tsc_info_rsp_wire, tsc_factor, 0x18);
FUTEET_ASSERT_OFFSET(struct snp_tsc_info_rsp_wire, reserved2, 0x1C);

struct snp_tsc_info {
	uint64_t scale, offset;
	uint32_t factor;
};

/* The MSG_TSC_INFO_REQ payload: 128 zero bytes. */
void snp_tsc_info_req(uint8_t req[SNP_TSC_INFO_LEN]);
/* The decrypted MSG_TSC_INFO_RSP payload: 0, -EINVAL (not 128 bytes),
 * -EIO (STATUS nonzero), -EPROTO (reserved bytes nonzero). */
FUTEET_MUST_CHECK int snp_tsc_info_resp_parse(const uint8_t *p, size_t len, struct snp_tsc_info *out);

#endif
