/* Paravirtual accessors behind include/futeet/io.h (arch/x86_64/io.c):
 * on SNP and TDX, port I/O and MMIO go to the host through the GHCB /
 * TDG.VP.VMCALL instead of trapping (no instruction decoder, as td-shim
 * and Oak do). */
#ifndef FUTEET_ARCH_COCO_PV_H
#define FUTEET_ARCH_COCO_PV_H

#include <stdbool.h>
#include <stdint.h>

/* 0 on a plain VM (the accessors run the plain instructions), else the
 * detected platform (enum futeet_platform SNP or TDX). */
extern uint32_t coco_pv_kind;

uint32_t coco_io_in(uint16_t port, unsigned size);
void coco_io_out(uint16_t port, unsigned size, uint32_t value);
/* MMIO through #VE.RequestMMIO (TDX) or the GHCB MMIO NAE events (SNP,
 * shared mappings only: a private address terminates the guest); false
 * on a plain VM (the plain instruction). */
bool coco_mmio_read(volatile void *addr, unsigned size, uint64_t *value);
bool coco_mmio_write(volatile void *addr, unsigned size, uint64_t value);
/* CPUID on SNP from the CPUID page (the same answer the #VC handler gives,
 * without the exception); false elsewhere. */
bool coco_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);

/* RDMSR / WRMSR of an MSR the platform does not serve natively: the GHCB
 * MSR NAE event (SNP) or TDG.VP.VMCALL <Instruction.RDMSR/WRMSR> (TDX).
 * A failed call or a bad answer terminates the guest. */
uint64_t coco_msr_read(uint32_t msr);
void coco_msr_write(uint32_t msr, uint64_t value);
/* Whether cpu_rdmsr / cpu_wrmsr run the plain instruction for this MSR on
 * platform kind (enum futeet_platform): always on a plain VM; on SNP and
 * TDX only for the MSRs whose state the hardware / TDX module keeps in the
 * guest's protected context, which a hypervisor answer could not reach
 * (table and citations: arch/x86_64/coco/classify.c). Plain C, host-tested
 * (tests/unit/test_coco_detect.c). */
bool coco_msr_native(uint32_t kind, uint32_t msr);

/* Detection turns the paravirtual paths on (detect.c). */
void coco_pv_start(uint32_t kind, uint64_t tdx_shared_bit);

/* After paging_init: register the GHCB on SNP (port I/O works from then
 * on; before it, console output is dropped) and print the platform line
 * that detection could not print yet; accept (TDX) or report EFI
 * unaccepted memory. Terminates the guest on failure. */
struct boot_info;
void coco_late_init(const struct boot_info *bi);

#endif
