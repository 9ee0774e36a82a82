/* futeet-verify --collateral FILE|DIR: Intel TDX collateral from dcap-qvl's
 * single JSON file (or a cpio newc archive of the PCS files, the form a
 * guest receives), or from a directory of Intel PCS responses named as
 * lib/tdx/collateral.h's TDX_PCS_FILE_* say. */
#ifndef FUTEET_TOOLS_VERIFY_COLLATERAL_H
#define FUTEET_TOOLS_VERIFY_COLLATERAL_H

#include <stddef.h>
#include "lib/tdx/collateral.h"

/* 0, or a negative errno with a one-line reason in why. */
int verify_collateral_load(const char *path, struct tdx_collateral *c, char *why, size_t why_len);

#endif
