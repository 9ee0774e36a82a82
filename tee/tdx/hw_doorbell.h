/* The TDX hardware doorbell (TDCALL / TDG.VP.VMCALL), see hw_doorbell.c. */
#ifndef FUTEET_TEE_TDX_HW_DOORBELL_H
#define FUTEET_TEE_TDX_HW_DOORBELL_H

#include "tee/tdx/tdx.h"

extern const struct tdx_doorbell_ops tdx_hw_doorbell;
/* TDG.VP.INFO: learn the SHARED bit. 0 or a negative errno. */
int tdx_hw_doorbell_init(void);

#endif
