/* FUTEET's TEE core (tee/core): platform detection and the one active
 * backend. kernel_main calls tee_init() once paging, PCI config access and
 * time work. */
#ifndef FUTEET_TEE_H
#define FUTEET_TEE_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/boot.h"

/* Detect the platform (DESIGN.md section 2 step 4: tdx, snp, sim-snp or
 * none) and bring its backend up; prints one line "futeet: platform NAME
 * (...)". Returns 0, or a negative errno when the kernel must not go on:
 * SEV or SEV-ES without SNP (-EOPNOTSUPP). A platform whose attestation
 * does not work ("none", or a backend that failed) is not an error: the
 * attestation syscalls then return -EOPNOTSUPP with a kernel message. */
int tee_init(const struct boot_info *bi);

/* The kernel's own runtime measurements (tee/core/measure.c): the command
 * line before it is used, the user program before it runs, into runtime
 * register 2 (TDX RTMR2), each logged; no-ops where the platform has no such
 * registers. A failed extend panics. */
void tee_measure_cmdline(const char *cmdline);
void tee_measure_program(const char *name, const uint8_t *image, size_t len);
/* Host data read before the program runs (initrd, stdin), logged as
 * "futeet WHAT=NAME". */
void tee_measure_data(const char *what, const char *name, const uint8_t *data, size_t len);

#endif
