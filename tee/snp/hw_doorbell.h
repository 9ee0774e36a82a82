/* The SEV-SNP hardware doorbell: guest requests through the GHCB
 * (arch/x86_64/coco/ghcb.c) with request, response and certificate pages
 * shared with the hypervisor. Same contract as the sim doorbell. */
#ifndef FUTEET_TEE_SNP_HW_DOORBELL_H
#define FUTEET_TEE_SNP_HW_DOORBELL_H

#include "tee/snp/guest_msg.h"
#include "futeet/compiler.h"

/* Set up the GHCB and the shared pages. 0 or a negative errno. */
FUTEET_MUST_CHECK
int snp_hw_doorbell_init(void);

extern const struct snp_doorbell_ops snp_hw_doorbell;

#endif
