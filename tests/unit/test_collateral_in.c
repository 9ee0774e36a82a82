/* tdx_collateral_from_bytes (lib/tdx/collateral_in.c): the one-string
 * forms of Intel TDX collateral a guest receives. The archive here is
 * written by this test with the cpio "newc" layout (Linux
 * Documentation/driver-api/early-userspace/buffer-format.rst: "070701",
 * 13 eight-digit hex fields, name with its NUL, 4-byte padding after header
 * + name and after the data, "TRAILER!!!" last), holding go-tdx-guest's
 * real PCS responses (tests/data/MANIFEST.md). It must load exactly what
 * futeet-verify's directory loader (the tdx_collateral_set_* calls) loads;
 * a missing, repeated, unexpected or non-regular entry, or a cut archive,
 * is refused with a reason; dcap-qvl's JSON gives what
 * tdx_collateral_from_dcap_qvl gives. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "lib/tdx/collateral.h"
#include "tests/unit/testdata.h"

static const char *const names[6] = {
	"tcb_info.json", "qe_identity.json", "tcb_info_issuer_chain.pem",
	"qe_identity_issuer_chain.pem", "pck_crl.der", "root_crl.der",
};
static const char *const sources[6] = {
	"go-tdx-guest/sample_tcbInfo_response", "go-tdx-guest/sample_qeIdentity_response",
	"derived/go-tdx-guest_tcbInfo_issuer_chain.pem",
	"derived/go-tdx-guest_qeIdentity_issuer_chain.pem", "go-tdx-guest/pckcrl",
	"go-tdx-guest/rootcrl.der",
};
static uint8_t *file[6];
static size_t file_len[6];

static uint8_t ar[65536];
static size_t ar_len;
static struct tdx_collateral want, got;
static char why[200];

static void pad4(void)
{
	while (ar_len % 4)
		ar[ar_len++] = 0;
}

static void put_entry(const char *name, unsigned mode, const uint8_t *data, size_t n)
{
	size_t nl = strlen(name) + 1;
	char hdr[256];

	assert_int_equal(snprintf(hdr, sizeof(hdr),
				  "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
				  1u, mode, 0u, 0u, 1u, 0u, (unsigned)n, 0u, 0u, 0u, 0u,
				  (unsigned)nl, 0u),
			 110);
	assert_true(ar_len + 110 + nl + n + 8 < sizeof(ar));
	memcpy(ar + ar_len, hdr, 110);
	ar_len += 110;
	memcpy(ar + ar_len, name, nl);
	ar_len += nl;
	pad4();
	if (n)
		memcpy(ar + ar_len, data, n);
	ar_len += n;
	pad4();
}

/* The six files, with `skip` left out (-1: none) and `extra` added. */
static void build(int skip, int twice, const char *extra, unsigned extra_mode)
{
	ar_len = 0;
	put_entry(".", 0040755, NULL, 0);
	for (int i = 0; i < 6; i++) {
		if (i == skip)
			continue;
		put_entry(names[i], 0100644, file[i], file_len[i]);
		if (i == twice)
			put_entry(names[i], 0100644, file[i], file_len[i]);
	}
	if (extra)
		put_entry(extra, extra_mode, (const uint8_t *)"x", (extra_mode & 0170000) == 0040000 ? 0 : 1);
	put_entry("TRAILER!!!", 0, NULL, 0);
}

static int setup(void **state)
{
	(void)state;
	for (int i = 0; i < 6; i++)
		if (!(file[i] = testdata_load(sources[i], &file_len[i])))
			return -1;
	memset(&want, 0, sizeof(want));
	if (tdx_collateral_set_pcs_tcb_info(&want, (const char *)file[0], file_len[0]) ||
	    tdx_collateral_set_pcs_qe_identity(&want, (const char *)file[1], file_len[1]))
		return -1;
	for (int i = 2; i < 6; i++)
		if (tdx_collateral_set_raw(&want, i - 2, file[i], file_len[i]))
			return -1;
	return 0;
}

static void test_archive_loads_what_the_directory_loader_loads(void **state)
{
	(void)state;
	build(-1, -1, NULL, 0);
	assert_int_equal(tdx_collateral_from_bytes(ar, ar_len, &got, why, sizeof(why)), 0);
	assert_int_equal(memcmp(&got, &want, sizeof(got)), 0);
	assert_string_equal(why, "");
}

static void expect_refused(const char *says)
{
	memset(&got, 0xa5, sizeof(got));
	assert_int_equal(tdx_collateral_from_bytes(ar, ar_len, &got, why, sizeof(why)), -EBADMSG);
	if (!strstr(why, says))
		fail_msg("reason \"%s\" does not say \"%s\"", why, says);
}

static void test_archive_refuses_missing_repeated_unexpected_and_cut(void **state)
{
	(void)state;
	for (int i = 0; i < 6; i++) {
		build(i, -1, NULL, 0);
		expect_refused("missing");
		if (!strstr(why, names[i]))
			fail_msg("\"%s\" does not name %s", why, names[i]);
	}
	build(-1, 3, NULL, 0);
	expect_refused("twice: qe_identity_issuer_chain.pem");
	build(-1, -1, "notes.txt", 0100644);
	expect_refused("unexpected entry notes.txt");
	build(-1, -1, "sub", 0040755);              /* a directory other than the root */
	expect_refused("unexpected entry sub");
	build(4, -1, "pck_crl.der", 0120777);       /* the right name as a symlink */
	expect_refused("unexpected entry pck_crl.der");
	build(-1, -1, NULL, 0);
	ar_len -= 200;                              /* cut inside the last file */
	expect_refused("collateral archive: ");
	/* a PCS body that is not one */
	build(-1, -1, NULL, 0);
	ar[110 * 2 + 4 + 16] ^= 0x20;                 /* inside tcb_info.json's text */
	memset(&got, 0, sizeof(got));
	assert_true(tdx_collateral_from_bytes(ar, ar_len, &got, why, sizeof(why)) < 0);
}

static void test_json_form_is_dcap_qvl_loader(void **state)
{
	static struct tdx_collateral direct;
	size_t n;
	uint8_t *j = testdata_load("dcap-qvl/tdx_quote_collateral.json", &n);
	(void)state;
	assert_non_null(j);
	assert_int_equal(tdx_collateral_from_dcap_qvl((const char *)j, n, &direct), 0);
	assert_int_equal(tdx_collateral_from_bytes(j, n, &got, why, sizeof(why)), 0);
	assert_int_equal(memcmp(&got, &direct, sizeof(got)), 0);
	assert_int_equal(tdx_collateral_from_bytes(j, n - 10, &got, why, sizeof(why)), -EBADMSG);
	assert_non_null(strstr(why, "not dcap-qvl collateral JSON"));
	assert_int_equal(tdx_collateral_from_bytes((const uint8_t *)"\x30\x82", 2, &got, why,
						   sizeof(why)), -EBADMSG);
	assert_non_null(strstr(why, "nor a cpio archive"));
	free(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_archive_loads_what_the_directory_loader_loads),
		cmocka_unit_test(test_archive_refuses_missing_repeated_unexpected_and_cut),
		cmocka_unit_test(test_json_form_is_dcap_qvl_loader),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
