/* futeet_blob_in(buf, cap): the sealed blob the host handed over
 * (scripts/run --blob-in FILE; fw_cfg FUTEET_SEAL_FWCFG_BLOB, QEMU
 * docs/specs/fw_cfg.rst). Host input: read once, passed on as it is; the
 * program trusts it only once futeet_unseal authenticated it. */
#include <stddef.h>
#include <stdint.h>

#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/uaccess.h"
#include "drivers/fw_cfg.h"
#include "futeet/mm.h"
#include "uapi/futeet/seal.h"
#include "uapi/futeet/collateral.h"

static uint8_t blob_in_buf[FUTEET_SEAL_BLOB_MAX];

long sys_futeet_blob_in(uint64_t a1, uint64_t a2)
{
	size_t len = 0;
	int rc;

	/* -EMSGSIZE: the host's file is larger than any sealed blob. */
	rc = fw_cfg_read_file(FUTEET_SEAL_FWCFG_BLOB, blob_in_buf, sizeof(blob_in_buf), &len);
	if (rc == -ENODEV)
		rc = -ENOENT; /* no fw_cfg: no blob either */
	if (rc == 0 && a2 < len)
		rc = -ENOSPC;
	if (rc == 0)
		rc = copy_to_user(a1, blob_in_buf, len);
	futeet_wipe(blob_in_buf, sizeof(blob_in_buf));
	return rc ? rc : (long)len;
}

/* futeet_collateral_in(buf, cap): the Intel collateral the host handed over
 * (scripts/run --collateral FILE|DIR; fw_cfg FUTEET_COLLATERAL_FWCFG,
 * uapi/futeet/collateral.h). Host input, passed on as it is: Intel signs it, and
 * the program's verifier (libfuteet futeet_verify, ring 3) checks those
 * signatures; the kernel never parses it. Copied through pages taken for
 * the call and given back. */
long sys_futeet_collateral_in(uint64_t a1, uint64_t a2)
{
	const size_t pages = FUTEET_VERIFY_COLLATERAL_MAX / PAGE_SIZE;
	uint16_t sel;
	uint32_t size;
	uint64_t pa;
	size_t len = 0;
	int rc;

	if (fw_cfg_probe() || fw_cfg_find(FUTEET_COLLATERAL_FWCFG, &sel, &size))
		return -ENOENT;
	if (size > FUTEET_VERIFY_COLLATERAL_MAX)
		return -EMSGSIZE;
	if (a2 < size)
		return -ENOSPC;
	if (pmm_alloc_pages(pages, &pa))
		return -ENOMEM;
	void *buf = (void *)(uintptr_t)pa;
	rc = fw_cfg_read_file(FUTEET_COLLATERAL_FWCFG, buf, FUTEET_VERIFY_COLLATERAL_MAX, &len);
	if (rc == 0 && len > a2)
		rc = -ENOSPC; /* the host changed the file between the two looks */
	if (rc == 0)
		rc = copy_to_user(a1, buf, len);
	pmm_free_pages(pa, pages);
	return rc ? rc : (long)len;
}
