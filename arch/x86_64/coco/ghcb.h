/* SEV-ES/SNP Guest-Hypervisor Communication Block: the page, its
 * registration through the GHCB MSR protocol, and the SNP guest-request
 * NAE events (GHCB 56421 rev 2.03: section 2.3.1 MSR protocol, section 2.5
 * page layout, section 4.1.8 SNP Guest Request). Boot CPU only: a second
 * CPU needs its own GHCB page (per-CPU state, CONVENTIONS.md). */
#ifndef FUTEET_ARCH_COCO_GHCB_H
#define FUTEET_ARCH_COCO_GHCB_H

#include <stdbool.h>
#include <stdint.h>

/* Allocate a shared page (vm_alloc_shared), register its GPA with the
 * hypervisor. 0, -ENOMEM, -EOPNOTSUPP (not on SNP), -EIO (the hypervisor
 * refused the registration; the page was converted back and freed). */
int ghcb_init(void);

/* SW_EXITCODE 0x8000_0011 (plain) or 0x8000_0012 (extended) with the request
 * and response page GPAs (both shared); extended: RAX = certificate buffer
 * GPA, RBX = its pages (*npages in; on VMM error INVALID_LEN, RBX out).
 * 0 with *exitinfo2 = SW_EXITINFO2 (bits 63:32 VMM error, 31:0 firmware
 * error), or -EIO when the hypervisor reports a failed NAE event
 * (SW_EXITINFO1[31:0] != 0). */
int ghcb_snp_guest_request(bool ext, uint64_t req_gpa, uint64_t rsp_gpa, uint64_t certs_gpa,
			   uint64_t *npages, uint64_t *exitinfo2);

/* Nonzero once the GHCB is registered. */
int ghcb_ready(void);

/* Port I/O through the GHCB IOIO NAE event (size 1, 2, 4). Before the
 * GHCB is registered, reads return all ones and writes are dropped; a bad
 * hypervisor answer terminates the guest. Returns the value read (IN). */
uint32_t ghcb_ioio(uint16_t port, unsigned size, bool in, uint32_t value);

/* MMIO read (returns the value) or write through the GHCB; the caller
 * checked gpa is a shared mapping. A failed event terminates the guest. */
uint64_t ghcb_mmio(bool write, uint64_t gpa, unsigned size, uint64_t value);
/* RDMSR (returns the value) or WRMSR through the MSR NAE event (GHCB
 * 56421 NAE 0x7C). Before the GHCB is registered, or on a bad answer, the
 * guest terminates: an MSR value is never made up or dropped. */
uint64_t ghcb_msr(bool write, uint32_t msr, uint64_t value);
/* HLT NAE event (nothing before registration). */
void ghcb_hlt(void);

/* Page state change of one 4 KiB page through the GHCB (NAE event);
 * -ENODEV before registration (then the MSR protocol is used). */
int ghcb_psc(uint64_t pa, bool size_2m, bool shared);

#endif
