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
#include "uapi/futeet/seal.h"

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
