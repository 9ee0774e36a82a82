/* Intel TDX collateral as one byte string, in either of the two forms
 * lib/tdx/collateral.h reads: dcap-qvl's JSON object, or a cpio newc
 * archive (lib/cpio.h) of the Intel PCS responses named TDX_PCS_FILE_*.
 * This is how collateral reaches a guest program (scripts/run --collateral,
 * fw_cfg FUTEET_COLLATERAL_FWCFG) and what futeet-verify --collateral FILE
 * accepts. Host input: the archive walk is lib/cpio's bounded parser; each
 * file then goes to the same loaders as futeet-verify's directory form. */
#include <string.h>

#include "futeet/errno.h"
#include "lib/cpio.h"
#include "lib/tdx/collateral.h"

/* The six files of the directory form; index = bit in the "seen" mask. */
static const char *const pcs_files[6] = {
	TDX_PCS_FILE_TCB_INFO, TDX_PCS_FILE_QE_ID, TDX_PCS_FILE_TCB_INFO_CHAIN,
	TDX_PCS_FILE_QE_ID_CHAIN, TDX_PCS_FILE_PCK_CRL, TDX_PCS_FILE_ROOT_CRL,
};

static void say(char *why, size_t wl, const char *a, const char *b)
{
	size_t n = 0;

	if (!wl)
		return;
	for (; a && *a && n + 1 < wl; a++)
		why[n++] = *a;
	for (; b && *b && n + 1 < wl; b++)
		why[n++] = *b;
	why[n] = '\0';
}

static int from_cpio(const uint8_t *p, size_t len, struct tdx_collateral *c, char *why, size_t wl)
{
	struct cpio_entry e;
	const char *cw = NULL;
	size_t off = 0;
	unsigned seen = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	/* Each entry consumes at least CPIO_HDR_LEN bytes: bounded by len. */
	while ((rc = cpio_next(p, len, &off, &e, &cw)) == 1) {
		unsigned i;

		if ((e.mode & CPIO_S_IFMT) == CPIO_S_IFDIR && e.name_len == 0)
			continue; /* the archive's root "." */
		for (i = 0; i < 6; i++)
			if (strcmp(e.name, pcs_files[i]) == 0)
				break;
		if (i == 6 || (e.mode & CPIO_S_IFMT) != CPIO_S_IFREG) {
			say(why, wl, "collateral archive: unexpected entry ", e.name);
			return -EBADMSG;
		}
		if (seen & (1u << i)) {
			say(why, wl, "collateral archive: twice: ", e.name);
			return -EBADMSG;
		}
		seen |= 1u << i;
		if (i == 0)
			rc = tdx_collateral_set_pcs_tcb_info(c, (const char *)e.data, e.size);
		else if (i == 1)
			rc = tdx_collateral_set_pcs_qe_identity(c, (const char *)e.data, e.size);
		else
			rc = tdx_collateral_set_raw(c, (int)i - 2, e.data, e.size);
		if (rc) {
			say(why, wl, rc == -ENOSPC ? "collateral archive: too large: "
						   : "collateral archive: malformed: ", e.name);
			return rc;
		}
	}
	if (rc < 0) {
		say(why, wl, "collateral archive: ", cw);
		return -EBADMSG;
	}
	for (unsigned i = 0; i < 6; i++)
		if (!(seen & (1u << i))) {
			say(why, wl, "collateral archive: missing ", pcs_files[i]);
			return -EBADMSG;
		}
	return 0;
}

int tdx_collateral_from_bytes(const uint8_t *p, size_t len, struct tdx_collateral *c, char *why,
			      size_t why_len)
{
	size_t i = 0;
	int rc;

	say(why, why_len, "", NULL);
	memset(c, 0, sizeof(*c));
	if (len >= 6 && (memcmp(p, "070701", 6) == 0 || memcmp(p, "070702", 6) == 0))
		return from_cpio(p, len, c, why, why_len);
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
		i++;
	if (i < len && p[i] == '{') {
		rc = tdx_collateral_from_dcap_qvl((const char *)p, len, c);
		if (rc)
			say(why, why_len, rc == -ENOSPC ? "dcap-qvl collateral JSON: a field is too large"
							: "not dcap-qvl collateral JSON", NULL);
		return rc;
	}
	say(why, why_len, "not dcap-qvl collateral JSON, nor a cpio archive of Intel PCS responses",
	    NULL);
	return -EBADMSG;
}
