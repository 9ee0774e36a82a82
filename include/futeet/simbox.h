/* The sim platform's mailbox: the wire format shared by the guest driver
 * (drivers/simbox.c) and the host program tools/futeet-sim. FUTEET's own
 * format (DESIGN.md section 3), not a vendor spec.
 *
 * Transport: an ivshmem-plain PCI device (vendor 0x1af4, device 0x1110,
 * BAR2 = the shared memory) backed by a host file of SIMBOX_SIZE bytes.
 *
 *   0x00000 +-------------------------------+
 *           | struct simbox_hdr             |  magic, version, profile, seq/ack
 *   0x01000 +-------------------------------+
 *           | request data  (guest writes)  |  SIMBOX_DATA_MAX bytes
 *   0x41000 +-------------------------------+
 *           | response data (sim writes)    |  SIMBOX_DATA_MAX bytes
 *   0x81000 +-------------------------------+
 *
 * Protocol: the guest fills op, req_len and the request data, issues a full
 * barrier, then writes req_seq = previous + 1. The sim sees the new req_seq,
 * copies the request out, answers (response data, rsp_len, ret, ret_aux),
 * issues a barrier and sets ack_seq = req_seq. The guest waits for ack_seq ==
 * req_seq (bounded), then copies the response out before checking it. Both
 * sides treat every field the other side wrote as hostile. */
#ifndef FUTEET_SIMBOX_H
#define FUTEET_SIMBOX_H

#include <stddef.h>
#include <stdint.h>
#include "compiler.h"

#define SIMBOX_PCI_VENDOR   0x1af4  /* Red Hat, Inc. (QEMU ivshmem) */
#define SIMBOX_PCI_DEVICE   0x1110  /* ivshmem; BAR2 is the shared memory */
#define SIMBOX_MAGIC        0x4d495346u /* "FSIM" little-endian */
#define SIMBOX_VERSION      1
#define SIMBOX_SIZE         0x100000u   /* 1 MiB backing file */
#define SIMBOX_REQ_OFF      0x01000u
#define SIMBOX_RSP_OFF      0x41000u
#define SIMBOX_DATA_MAX     0x40000u    /* 256 KiB each way */

/* fw_cfg files the sim hands to the guest (QEMU -fw_cfg name=...,file=...). */
#define SIMBOX_FWCFG_SECRETS "opt/org.futeet/sim-secrets" /* 4096-byte SNP secrets page */
#define SIMBOX_FWCFG_CCEL    "opt/org.futeet/sim-ccel"    /* TDX: the firmware's CC event log
                                                               (TCG2 crypto-agile, RTMR0/RTMR1 events) */

enum simbox_profile {
	SIMBOX_PROFILE_NONE = 0,
	SIMBOX_PROFILE_SNP = 1,  /* sim-snp: plays the SNP hypervisor + PSP */
	SIMBOX_PROFILE_TDX = 2,  /* sim-tdx: plays the TDX module + quoting service */
};

enum simbox_op {
	/* SNP: request = the 4096-byte request page; response = the 4096-byte
	 * response page. ret = SW_EXITINFO2 as the GHCB spec defines it
	 * (bits 63:32 VMM error, 31:0 firmware error). */
	SIMBOX_OP_SNP_GUEST_REQUEST = 1,
	/* SNP extended: request = request page; aux_in = certificate buffer
	 * pages offered (RBX); response = response page followed by the
	 * certificate buffer (aux_in pages). On "too small" ret has VMM error
	 * INVALID_LEN and ret_aux = pages needed (RBX out). */
	SIMBOX_OP_SNP_EXT_GUEST_REQUEST = 2,
	/* TDX (sim-tdx). ret = what the hardware returns in RAX (TDCALL
	 * completion status, TDX Module ABI 348551) or R10 (TDG.VP.VMCALL
	 * status, GHCI 343961); 0 = success.
	 * TDG.MR.REPORT: request = REPORTDATA (64 bytes); aux_in = SUBTYPE
	 * (R8, must be 0); response = TDREPORT_STRUCT (1024 bytes). */
	SIMBOX_OP_TDX_REPORT = 0x10,
	/* TDG.MR.RTMR.EXTEND: request = the 48-byte digest; aux_in = the RTMR
	 * index (RDX, 0..3); no response data. */
	SIMBOX_OP_TDX_RTMR_EXTEND = 0x11,
	/* TDG.VP.VMCALL<GetQuote>: request = the guest's shared GetQuote buffer
	 * (R12/R13: header + TDREPORT, req_len = the buffer's size, a multiple
	 * of 4096); response = the same buffer as the VMM leaves it (status,
	 * out_len, quote), rsp_len = req_len. The quote service is synchronous
	 * on the sim: the answer holds the final status. */
	SIMBOX_OP_TDX_GET_QUOTE = 0x12,
};

/* What the sim's launch measurement covers (sim-snp): on hardware the guest
 * would read it from its own measured firmware (the SEV metadata's
 * SNP_KERNEL_HASHES section, docs/MEASURE.md); the sim, which plays that
 * firmware's launch, says it here. Zero: the firmware alone. */
#define SIMBOX_LAUNCH_KERNEL_HASHES (1u << 0) /* MEASUREMENT covers SHA-256 of the
					     kernel and the command line */

struct simbox_hdr {
	uint32_t magic;       /* 0x00 SIMBOX_MAGIC, set by the sim */
	uint16_t version;     /* 0x04 SIMBOX_VERSION */
	uint16_t profile;     /* 0x06 enum simbox_profile */
	uint64_t req_seq;     /* 0x08 written by the guest, last */
	uint64_t ack_seq;     /* 0x10 written by the sim, last */
	uint32_t op;          /* 0x18 enum simbox_op */
	uint32_t req_len;     /* 0x1C bytes of request data */
	uint64_t aux_in;      /* 0x20 op-specific input (e.g. cert pages) */
	uint32_t rsp_len;     /* 0x28 bytes of response data */
	uint32_t reserved0;   /* 0x2C */
	uint64_t ret;         /* 0x30 op-specific status (e.g. SW_EXITINFO2) */
	uint64_t ret_aux;     /* 0x38 op-specific output (e.g. pages needed) */
	uint32_t launch;      /* 0x40 SIMBOX_LAUNCH_*, set by the sim before magic */
	uint32_t reserved1;   /* 0x44 */
};
FUTEET_ASSERT_SIZE(struct simbox_hdr, 0x48);
FUTEET_ASSERT_OFFSET(struct simbox_hdr, launch, 0x40);
FUTEET_ASSERT_OFFSET(struct simbox_hdr, req_seq, 0x08);
FUTEET_ASSERT_OFFSET(struct simbox_hdr, ack_seq, 0x10);
FUTEET_ASSERT_OFFSET(struct simbox_hdr, ret, 0x30);
_Static_assert(SIMBOX_RSP_OFF + SIMBOX_DATA_MAX <= SIMBOX_SIZE, "simbox layout");

#endif
