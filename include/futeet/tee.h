/* FUTEET's TEE core (tee/core): platform detection and the one active
 * backend. kernel_main calls tee_init() once paging, PCI config access and
 * time work. */
#ifndef FUTEET_TEE_H
#define FUTEET_TEE_H

#include "futeet/boot.h"

/* Detect the platform (DESIGN.md section 2 step 4: tdx, snp, sim-snp or
 * none) and bring its backend up; prints one line "futeet: platform NAME
 * (...)". Returns 0, or a negative errno when the kernel must not go on:
 * SEV or SEV-ES without SNP (-EOPNOTSUPP). A platform whose attestation
 * does not work ("none", or a backend that failed) is not an error: the
 * attestation syscalls then return -EOPNOTSUPP with a kernel message. */
int tee_init(const struct boot_info *bi);

#endif
