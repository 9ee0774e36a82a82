/* TDX MRTD (lib/measure) against an implementation we did not write:
 * confidential-containers/td-shim's td_shim_tee_info_hash.py, commit 125eeab
 * (Apache-2.0), run with Debian 12's python3 on Debian 12's OVMF (package
 * ovmf 2022.11-6+deb12u2), from a checkout of that commit:
 *
 *   python3 td-shim-tools/src/bin/td-shim-tee-info-hash/td_shim_tee_info_hash.py \
 *       --image /usr/share/ovmf/OVMF.fd
 *
 * printed the MRTD below (CI cannot fetch the tool, so the value is recorded
 * here with the SHA-256 of the file it belongs to). On OVMF_CODE.fd the tool
 * fails ("Failed to read enough data": its TDX metadata describes the
 * unified image, the split CODE file lacks the first 128 KiB), on
 * OVMF_CODE_4M.fd too ("Invalid TDX Metadata GUID": no TDX metadata): we
 * refuse both. The extend rule is checked against its definition. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <bearssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/hex.h"
#include "lib/measure/tdx.h"

#define DEBIAN_FULL "/usr/share/ovmf/OVMF.fd"
#define DEBIAN_FULL_SHA256 "7b456907dd0786d415999e801a1ac4637b8ed4d7cf5378cfc6edbe5e574dd773"
#define DEBIAN_CODE "/usr/share/OVMF/OVMF_CODE.fd"
#define DEBIAN_CODE_4M "/usr/share/OVMF/OVMF_CODE_4M.fd"
#define DEBIAN_FULL_MRTD "4c7206f0f483c524f12c366c711e9049030a8d47c471ee5aa9c4999a08de4057" \
			 "fb887fed0744d5631a212967fb231c47"

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	long n;

	*len = 0;
	if (!f)
		fail_msg("%s missing (Debian package ovmf; scripts/setup installs it)", path);
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		p = malloc((size_t)n);
		if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
			free(p);
			p = NULL;
		}
		if (p)
			*len = (size_t)n;
	}
	fclose(f);
	if (!p)
		fail_msg("cannot read %s", path);
	return p;
}

static void test_debian_ovmf_fd_mrtd_matches_td_shim_tee_info_hash(void **state)
{
	uint8_t want[48], got[48], sha[32], want_sha[32];
	br_sha256_context h;
	const char *why = NULL;
	size_t len;
	uint8_t *fw = read_file(DEBIAN_FULL, &len);

	br_sha256_init(&h);
	br_sha256_update(&h, fw, len);
	br_sha256_out(&h, sha);
	assert_int_equal(hex_decode(DEBIAN_FULL_SHA256, 64, want_sha, 32), 0);
	if (memcmp(sha, want_sha, 32) != 0)
		fail_msg("%s is not the ovmf 2022.11-6+deb12u2 build: recompute the MRTD with the "
			 "command at the top of this file", DEBIAN_FULL);
	if (measure_tdx_mrtd(fw, len, got, &why) != 0)
		fail_msg("refused: %s", why);
	assert_int_equal(hex_decode(DEBIAN_FULL_MRTD, 96, want, 48), 0);
	assert_memory_equal(got, want, 48);
	free(fw);
}

static void test_split_ovmf_code_is_refused_for_mrtd(void **state)
{
	uint8_t got[48];
	const char *why = NULL;
	size_t len;
	uint8_t *fw = read_file(DEBIAN_CODE, &len);

	assert_int_equal(measure_tdx_mrtd(fw, len, got, &why), -EINVAL);
	assert_non_null(strstr(why, "outside the firmware file"));
	free(fw);
}

static void test_4m_image_without_tdx_metadata_is_refused(void **state)
{
	uint8_t got[48];
	const char *why = NULL;
	size_t len;
	uint8_t *fw = read_file(DEBIAN_CODE_4M, &len);

	assert_int_equal(measure_tdx_mrtd(fw, len, got, &why), -ENOENT);
	assert_non_null(strstr(why, "no TDX metadata"));
	free(fw);
}

/* Hostile descriptors: mutate Debian's OVMF.fd (descriptor at end - 0x840,
 * found through its footer table entry; checked below). */
static void test_hostile_tdvf_descriptors_are_refused(void **state)
{
	const char *why = NULL;
	uint8_t got[48];
	size_t len;
	uint8_t *fw = read_file(DEBIAN_FULL, &len);
	uint8_t *d = fw + len - 0x840;
	uint8_t save[16 + 32 * 6];

	assert_memory_equal(d, "TDVF", 4);
	memcpy(save, d, sizeof(save));
	d[12] = 7; /* section count no longer matches Length */
	assert_int_equal(measure_tdx_mrtd(fw, len, got, &why), -EINVAL);
	memcpy(d, save, sizeof(save));
	d[16 + 24] = 5; /* section 0 type 5: not a type QEMU loads */
	assert_int_equal(measure_tdx_mrtd(fw, len, got, &why), -EINVAL);
	memcpy(d, save, sizeof(save));
	d[16 + 32 + 8 + 1] = 0x10; /* section 1 GPA off a page boundary */
	assert_int_equal(measure_tdx_mrtd(fw, len, got, &why), -EINVAL);
	memcpy(d, save, sizeof(save));
	memcpy(d + 16 + 32 * 2 + 8, d + 16 + 32 * 3 + 8, 8); /* sections 2 and 3 overlap */
	assert_int_equal(measure_tdx_mrtd(fw, len, got, &why), -EINVAL);
	assert_non_null(strstr(why, "overlap"));
	memcpy(d, save, sizeof(save));
	d[16 + 32 * 4 + 28] = 1; /* the TD_HOB measured: contents are QEMU's */
	assert_int_equal(measure_tdx_mrtd(fw, len, got, &why), -EOPNOTSUPP);
	memcpy(d, save, sizeof(save));
	d[0] = 'X';
	assert_int_equal(measure_tdx_mrtd(fw, len, got, &why), -EINVAL);
	memcpy(d, save, sizeof(save));
	assert_int_equal(measure_tdx_mrtd(fw, len, got, &why), 0);
	free(fw);
}

/* TDG.MR.RTMR.EXTEND: rtmr := SHA-384(rtmr || digest). */
static void test_extend_rule_is_sha384_of_old_and_digest(void **state)
{
	uint8_t rtmr[48], d[48], buf[96], want[48];
	br_sha384_context h;

	for (int i = 0; i < 48; i++) {
		rtmr[i] = (uint8_t)i;
		d[i] = (uint8_t)(0xa0 + i);
	}
	memcpy(buf, rtmr, 48);
	memcpy(buf + 48, d, 48);
	br_sha384_init(&h);
	br_sha384_update(&h, buf, 96);
	br_sha384_out(&h, want);
	measure_tdx_extend(rtmr, d);
	assert_memory_equal(rtmr, want, 48);
}

static void test_rtmr2_changes_with_the_command_line(void **state)
{
	uint8_t a[48], b[48], c[48];
	static const uint8_t user[] = { 0x7f, 'E', 'L', 'F' };

	assert_int_equal(measure_tdx_rtmr2("init=attest", 11, NULL, 0, a), 0);
	assert_int_equal(measure_tdx_rtmr2("init=attesu", 11, NULL, 0, b), 0);
	assert_memory_not_equal(a, b, 48);
	assert_int_equal(measure_tdx_rtmr2("init=attest", 11, user, sizeof(user), c), 0);
	assert_memory_not_equal(a, c, 48);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debian_ovmf_fd_mrtd_matches_td_shim_tee_info_hash),
		cmocka_unit_test(test_split_ovmf_code_is_refused_for_mrtd),
		cmocka_unit_test(test_4m_image_without_tdx_metadata_is_refused),
		cmocka_unit_test(test_hostile_tdvf_descriptors_are_refused),
		cmocka_unit_test(test_extend_rule_is_sha384_of_old_and_digest),
		cmocka_unit_test(test_rtmr2_changes_with_the_command_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
