/* SEV-SNP guest primitives: VMGEXIT, the GHCB MSR protocol calls,
 * PVALIDATE, RMPADJUST, termination (arch/x86_64/coco/sev.c). Never
 * executed on hardware (docs/CAVEATS.md). */
#ifndef FUTEET_ARCH_COCO_SEV_H
#define FUTEET_ARCH_COCO_SEV_H

#include <stdbool.h>
#include <stdint.h>
#include "futeet/compiler.h"

/* VMGEXIT (REP VMMCALL, F3 0F 01 D9; APM vol. 3): the hypervisor reads the
 * GHCB MSR (a GHCB GPA or an MSR-protocol request) and answers. */
void sev_vmgexit(void);

/* One GHCB MSR protocol exchange (ghcb_msr.h): the previous GHCB MSR value
 * (a registered GHCB GPA) is restored afterwards. Returns the answer. */
uint64_t sev_msr_protocol(uint64_t req);

/* SNP bring-up over the MSR protocol, boot CPU, before any GHCB: SEV
 * information (protocol version 2), hypervisor features (SEV-SNP), VMPL0
 * (RMPADJUST); the hypervisor's C-bit must match CPUID's (the CPUID page).
 * Terminates the guest on any failure. */
void sev_snp_init(unsigned cpuid_cbit);

/* Termination request (GHCB 56421 2.3.1) then halt forever. */
FUTEET_NORETURN void sev_terminate(unsigned reason_set, unsigned reason);

/* PVALIDATE one 4 KiB or 2 MiB page (APM vol. 3 PVALIDATE: RAX = VA, ECX =
 * 0 4 KiB / 1 2 MiB, EDX = 1 validate / 0 rescind; EAX result, CF = 1 no
 * RMP change), decoded by coco_pvalidate_result (-ERANGE: size mismatch). */
int sev_pvalidate(uint64_t va, bool size_2m, bool validate);

/* Page state change of one 4 KiB or 2 MiB page: the GHCB NAE event once the
 * GHCB is registered, the MSR protocol (4 KiB only, else -EINVAL) before. */
int sev_psc(uint64_t pa, bool size_2m, bool shared);

#endif
