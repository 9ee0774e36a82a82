/* The sim-tdx doorbell: TDCALL / TDG.VP.VMCALL replaced by the sim mailbox
 * (DESIGN.md section 3; ops in include/futeet/simbox.h). */
#ifndef FUTEET_TEE_SIM_SIM_TDX_H
#define FUTEET_TEE_SIM_SIM_TDX_H

#include "tee/tdx/tdx.h"

extern const struct tdx_doorbell_ops sim_tdx_doorbell;

#endif
