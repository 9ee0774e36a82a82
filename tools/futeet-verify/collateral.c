/* futeet-verify --collateral FILE|DIR: read the files, hand the bytes to lib/tdx. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "futeet/errno.h"
#include "tools/common/file.h"
#include "tools/futeet-verify/collateral.h"

#define COLL_FILE_MAX (4u << 20)

static int one(const char *dir, const char *name, struct tdx_collateral *c, int which,
	       char *why, size_t wl)
{
	char path[4096];
	uint8_t *b;
	size_t n;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	rc = tool_read_file(path, COLL_FILE_MAX, &b, &n);
	if (rc) {
		snprintf(why, wl, "--collateral: cannot read %s", path);
		return rc;
	}
	if (which == 10)
		rc = tdx_collateral_set_pcs_tcb_info(c, (const char *)b, n);
	else if (which == 11)
		rc = tdx_collateral_set_pcs_qe_identity(c, (const char *)b, n);
	else
		rc = tdx_collateral_set_raw(c, which, b, n);
	free(b);
	if (rc)
		snprintf(why, wl, "--collateral: %s: %s", path, futeet_strerror(rc));
	return rc;
}

int verify_collateral_load(const char *path, struct tdx_collateral *c, char *why, size_t wl)
{
	struct stat st;
	uint8_t *b;
	size_t n;
	int rc;

	memset(c, 0, sizeof(*c));
	if (stat(path, &st)) {
		snprintf(why, wl, "--collateral: cannot read %s", path);
		return -ENOENT;
	}
	if (S_ISDIR(st.st_mode)) {
		if ((rc = one(path, TDX_PCS_FILE_TCB_INFO, c, 10, why, wl)) ||
		    (rc = one(path, TDX_PCS_FILE_QE_ID, c, 11, why, wl)) ||
		    (rc = one(path, TDX_PCS_FILE_TCB_INFO_CHAIN, c, 0, why, wl)) ||
		    (rc = one(path, TDX_PCS_FILE_QE_ID_CHAIN, c, 1, why, wl)) ||
		    (rc = one(path, TDX_PCS_FILE_PCK_CRL, c, 2, why, wl)) ||
		    (rc = one(path, TDX_PCS_FILE_ROOT_CRL, c, 3, why, wl)))
			return rc;
		return 0;
	}
	rc = tool_read_file(path, COLL_FILE_MAX, &b, &n);
	if (rc) {
		snprintf(why, wl, "--collateral: cannot read %s", path);
		return rc;
	}
	/* dcap-qvl's JSON, or a cpio archive of the PCS files (what scripts/run
	 * --collateral DIR hands a guest): lib/tdx, as in the guest. */
	char what[160];
	rc = tdx_collateral_from_bytes(b, n, c, what, sizeof(what));
	free(b);
	if (rc)
		snprintf(why, wl, "--collateral: %s: %s", path, what);
	return rc;
}
