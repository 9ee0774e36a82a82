/* The SNP Page State Change NAE event's descriptor (GHCB 56421 rev 2.03
 * section 4.1.6 "SNP Page State Change", table "Page State Change
 * Structure"), in the GHCB shared buffer (offset 0x800, 0x7F0 bytes),
 * SW_SCRATCH = its GPA, SW_EXITCODE 0x8000_0010:
 *
 *   header  0x00 u16 cur_entry   0x02 u16 end_entry   0x04 u32 reserved
 *   entry i 0x08 + 8 * i, u64:  [11:0] cur_page  [51:12] GFN
 *                               [55:52] operation (1 private, 2 shared)
 *                               [56] page size (0 4 KiB, 1 2 MiB)  [63:57] 0
 *   at most 253 entries (8 + 253 * 8 = 0x7F0)
 *
 * The hypervisor may return before it processed every entry; cur_entry
 * then says where to resume. The answer is checked like Linux
 * arch/x86/coco/sev vmgexit_psc does: SW_EXITINFO2 = 0, reserved header
 * zero, entries never go backwards, end_entry unchanged. Plain C:
 * tests/unit/test_ghcb_psc.c, fuzzed. */
#ifndef FUTEET_ARCH_COCO_GHCB_PSC_H
#define FUTEET_ARCH_COCO_GHCB_PSC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arch/x86_64/coco/ghcb_page.h"

#define SVM_VMGEXIT_PSC          0x80000010ull
#define GHCB_OFF_SHARED_BUFFER   0x800u
#define GHCB_SHARED_BUFFER_LEN   0x7F0u
#define GHCB_PSC_HDR_LEN         8u
#define GHCB_PSC_ENTRY_LEN       8u
#define GHCB_PSC_MAX_ENTRIES     253u

uint64_t ghcb_psc_entry(uint64_t gfn, unsigned op, bool size_2m);

/* Write a descriptor for n pages starting at gfn (1 <= n <= 253), 4 KiB
 * pages or, with size_2m, 2 MiB pages (gfn 512-aligned; entry i at gfn +
 * 512 * i, page-size bit set) into buf (GHCB_SHARED_BUFFER_LEN bytes):
 * cur_entry 0, end_entry n - 1. -EINVAL on a bad n, op or alignment. */
int ghcb_psc_desc_fill(uint8_t *buf, size_t cap, uint64_t gfn, unsigned n, unsigned op,
		       bool size_2m);

/* Check the hypervisor's answer: hdr is a private copy of the first 8
 * bytes of the shared buffer after the exit; *cur is the cur_entry before
 * the exit (updated), end the end_entry written. 0 = every entry done,
 * -EAGAIN = call again, -EIO (SW_EXITINFO2 != 0), -EPROTO (reserved bits,
 * end changed, cur went backwards). */
int ghcb_psc_check(const uint8_t hdr[GHCB_PSC_HDR_LEN], uint64_t exit_info2, uint16_t *cur,
		   uint16_t end);

#endif
