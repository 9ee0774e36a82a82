/* Filling and reading the GHCB page for the SNP guest-request NAE events,
 * apart from the VMGEXIT that delivers it (arch/x86_64/coco/ghcb.c), so the
 * layout is unit-tested on the host against the spec's table
 * (tests/unit/test_ghcb_page.c). GHCB 56421 rev 2.03: section 2.5 "GHCB
 * Layout" (offsets, the valid bitmap), section 4.1.8 SNP Guest Request. */
#ifndef FUTEET_ARCH_COCO_GHCB_PAGE_H
#define FUTEET_ARCH_COCO_GHCB_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#define GHCB_PAGE_SIZE           4096u
/* GHCB 56421 table "GHCB Layout" (saved-state area offsets). */
#define GHCB_OFF_RAX             0x1F8u
#define GHCB_OFF_RBX             0x318u
#define GHCB_OFF_SW_EXIT_CODE    0x390u
#define GHCB_OFF_SW_EXIT_INFO_1  0x398u
#define GHCB_OFF_SW_EXIT_INFO_2  0x3A0u
#define GHCB_OFF_VALID_BITMAP    0x3F0u  /* 16 bytes: bit n = qword at 8 * n valid */
#define GHCB_VALID_BITMAP_LEN    16u
#define GHCB_OFF_PROTOCOL        0xFFAu  /* u16 */
#define GHCB_OFF_USAGE           0xFFCu  /* u32, 0 = standard format */
#define GHCB_PROTOCOL_VERSION    2u      /* SNP requires version 2 */
/* GHCB 56421 table "NAE events": SNP guest requests. */
#define SVM_EXIT_SNP_GUEST_REQUEST     0x80000011ull
#define SVM_EXIT_SNP_EXT_GUEST_REQUEST 0x80000012ull
/* GHCB 56421 4.1.8: SW_EXITINFO2[63:32] VMM error 1 = certificate buffer too
 * small, RBX returns the pages needed. */
#define GHCB_VMM_ERR_INVALID_LEN 1u

/* GHCB 56421 table "NAE events": IOIO 0x7B, HLT 0x78. SW_EXITINFO1 for
 * IOIO is the IN/OUT intercept information of APM vol. 2 section 15.10.2
 * (figure "EXITINFO1 for IOIO Intercept"): bit 0 TYPE (1 = IN), bits 4-6
 * SZ8 / SZ16 / SZ32, bits 7-9 A16 / A32 / A64 (one-hot each; 64-bit code
 * sets A64), bits 31:16 the port; SW_EXITINFO2 = 0 for a non-string
 * access (GHCB 56421 section 4.1.2 "IOIO"). Linux vc_ioio_exitinfo and
 * vc_handle_ioio (arch/x86 sev-shared code) build the same word and
 * require RAX valid on IN. */
#define SVM_EXIT_IOIO                  0x7Bull
#define SVM_EXIT_HLT                   0x78ull
#define IOIO_TYPE_IN                   (1ull << 0)
#define IOIO_SZ8                       (1ull << 4)
#define IOIO_SZ16                      (1ull << 5)
#define IOIO_SZ32                      (1ull << 6)
#define IOIO_A64                       (1ull << 9)
#define IOIO_PORT_SHIFT                16

/* Fill an IOIO NAE event (size 1, 2 or 4; RAX = value on OUT).
 * -EINVAL on another size. */
int ghcb_page_ioio(uint8_t page[GHCB_PAGE_SIZE], uint16_t port, unsigned size, bool in,
		   uint32_t value);
/* Read its answer once: SW_EXITINFO1[31:0] must be 0; an IN needs RAX
 * marked valid by the hypervisor, and only the access width is kept.
 * 0 with *value (IN), -EIO or -EPROTO. */
int ghcb_page_ioio_response(const uint8_t page[GHCB_PAGE_SIZE], bool in, unsigned size,
			    uint32_t *value);

/* GHCB 56421 section 4.1.5 "MMIO Access", table "NAE events": MMIO read
 * 0x8000_0001, write 0x8000_0002; SW_EXITINFO1 = the MMIO GPA,
 * SW_EXITINFO2 = the byte count, SW_SCRATCH = GPA of the data buffer (the
 * GHCB shared buffer). */
#define SVM_VMGEXIT_MMIO_READ          0x80000001ull
#define SVM_VMGEXIT_MMIO_WRITE         0x80000002ull
void ghcb_page_mmio(uint8_t page[GHCB_PAGE_SIZE], bool write, uint64_t gpa, unsigned size,
		    uint64_t scratch_gpa);
/* HLT NAE event (0x78), no inputs. */
void ghcb_page_hlt(uint8_t page[GHCB_PAGE_SIZE]);
/* SW_EXITINFO1[31:0] of an answer: 0 = the NAE event succeeded. */
int ghcb_page_nae_result(const uint8_t page[GHCB_PAGE_SIZE]);

/* GHCB 56421 table "NAE events": MSR 0x7C, SW_EXITINFO1 as the MSR
 * intercept's EXITINFO1 (APM vol. 2 section 15.11 "MSR Intercepts": 0 =
 * RDMSR, 1 = WRMSR); RCX = the MSR; WRMSR: RAX =
 * value[31:0], RDX = value[63:32]; a RDMSR answer returns EDX:EAX in RAX
 * and RDX (both marked valid). GHCB saved-state offsets of RCX and RDX
 * from the table "GHCB Layout" (APM vol. 2 table B-4 VMSA: RCX 0x308, RDX
 * 0x310). Linux sev_es_ghcb_handle_msr (arch/x86/coco/sev/vc-handle.c)
 * sets RCX, and RAX/RDX on a write, with exit_info_1 = write. */
#define SVM_EXIT_MSR                   0x7Cull
#define GHCB_MSR_EXITINFO1_READ        0ull
#define GHCB_MSR_EXITINFO1_WRITE       1ull
#define GHCB_OFF_RCX                   0x308u
#define GHCB_OFF_RDX                   0x310u
/* Fill an MSR NAE event (RDMSR, or WRMSR of value). */
void ghcb_page_msr(uint8_t page[GHCB_PAGE_SIZE], bool write, uint32_t msr, uint64_t value);
/* Read its answer once: SW_EXITINFO1[31:0] must be 0 (-EIO otherwise); a
 * RDMSR needs RAX and RDX marked valid and holding 32-bit halves, as
 * RDMSR writes EDX:EAX (-EPROTO otherwise). 0 with *value (RDMSR). */
int ghcb_page_msr_response(const uint8_t page[GHCB_PAGE_SIZE], bool write, uint64_t *value);

/* GHCB 56421 4.1.6: SNP Page State Change, SW_SCRATCH = descriptor GPA. */
#define SVM_EXIT_SNP_PSC               0x80000010ull
#define GHCB_OFF_SW_SCRATCH            0x3A8u
/* Fill a Page State Change NAE event (the descriptor is in the shared
 * buffer, arch/x86_64/coco/ghcb_psc.h). */
void ghcb_page_psc(uint8_t page[GHCB_PAGE_SIZE], uint64_t scratch_gpa);
uint64_t ghcb_page_exit_info2(const uint8_t page[GHCB_PAGE_SIZE]);

/* Clear the page's valid bitmap and write a guest request: SW_EXITCODE,
 * SW_EXITINFO1 = request GPA, SW_EXITINFO2 = response GPA; extended: RAX =
 * certificate buffer GPA, RBX = its pages. Marks each written field valid. */
void ghcb_page_guest_request(uint8_t page[GHCB_PAGE_SIZE], bool ext, uint64_t req_gpa,
			     uint64_t rsp_gpa, uint64_t certs_gpa, uint64_t npages);

/* Read the hypervisor's answer, each field once (the page is shared and
 * hostile). 0 with *exitinfo2 (and, for an extended request answered with
 * INVALID_LEN, *npages = RBX); -EIO when SW_EXITINFO1[31:0] != 0 (the NAE
 * event itself failed). */
int ghcb_page_guest_response(const uint8_t page[GHCB_PAGE_SIZE], bool ext, uint64_t *exitinfo2,
			     uint64_t *npages);

#endif
