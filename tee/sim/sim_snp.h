/* The sim-snp doorbell: SNP guest requests through the sim mailbox instead
 * of GHCB + VMGEXIT (DESIGN.md section 3; ops in include/futeet/simbox.h). */
#ifndef FUTEET_TEE_SIM_SIM_SNP_H
#define FUTEET_TEE_SIM_SIM_SNP_H

#include "tee/snp/guest_msg.h"

extern const struct snp_doorbell_ops sim_snp_doorbell;

#endif
