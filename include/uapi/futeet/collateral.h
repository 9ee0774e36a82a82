/* The Intel collateral the host hands a guest (futeet_collateral_in; part of
 * verify.h, and all the kernel needs of it). */
#ifndef FUTEET_UAPI_COLLATERAL_H
#define FUTEET_UAPI_COLLATERAL_H

/* Intel collateral handed to the guest by the host (scripts/run
 * --collateral FILE|DIR): fw_cfg file FUTEET_COLLATERAL_FWCFG, read with the
 * futeet_collateral_in syscall. Either dcap-qvl's one JSON file or a cpio
 * newc archive of the Intel PCS responses named as lib/tdx/collateral.h's
 * TDX_PCS_FILE_* (the same files futeet-verify --collateral DIR reads).
 * Intel signs it, so the host may carry it: the verifier checks the
 * signatures and chains to the Intel root. */
#define FUTEET_COLLATERAL_FWCFG    "opt/org.futeet/collateral"
#define FUTEET_VERIFY_COLLATERAL_MAX (256u << 10)

#endif
