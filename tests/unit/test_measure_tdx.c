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
#include "tests/unit/testdata.h"

#define DEBIAN_FULL "/usr/share/ovmf/OVMF.fd"
#define DEBIAN_FULL_SHA256 "7b456907dd0786d415999e801a1ac4637b8ed4d7cf5378cfc6edbe5e574dd773"
#define DEBIAN_CODE "/usr/share/OVMF/OVMF_CODE.fd"
#define DEBIAN_CODE_4M "/usr/share/OVMF/OVMF_CODE_4M.fd"
#define DEBIAN_FULL_MRTD "4c7206f0f483c524f12c366c711e9049030a8d47c471ee5aa9c4999a08de4057" \
			 "fb887fed0744d5631a212967fb231c47"

/* The file, or the test fails saying what is missing. */
static uint8_t *read_file(const char *path, size_t *len)
{
	uint8_t *p = testdata_read(path, len);

	if (!p)
		fail_msg("%s missing or unreadable (Debian package ovmf; scripts/setup installs it)",
			 path);
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

/* QEMU hw/i386/x86.c x86_load_linux, protocol 0 (no "HdrS"): 0xA33F at
 * 0x20, 0x9A000 - cmdline_size - 0x90000 at 0x22 with cmdline_size =
 * (strlen + 16) & ~15; "vga=" writes the mode at 0x1FA. */
static void test_qemu_patches_a_protocol0_kernel_as_x86_load_linux_does(void **state)
{
	static uint8_t img[4096];
	const char *why = NULL;

	memset(img, 0x55, sizeof(img));
	img[0x1F1] = 0; /* 4 setup sectors + 1 */
	memset(img + 0x202, 0, 4);
	assert_int_equal(measure_qemu_kernel_image(img, sizeof(img), "init=attest", 11, &why), 0);
	assert_int_equal(img[0x20] | img[0x21] << 8, 0xA33F);
	assert_int_equal(img[0x22] | img[0x23] << 8, 0xA000 - 16); /* (11 + 16) & ~15 = 16 */
	assert_int_equal(img[0x1FA], 0x55);
	assert_int_equal(measure_qemu_kernel_image(img, sizeof(img), "a vga=0x1234 b", 14, &why), 0);
	assert_int_equal(img[0x22] | img[0x23] << 8, 0xA000 - 16);
	assert_int_equal(img[0x1FA] | img[0x1FB] << 8, 0x1234);
	assert_int_equal(measure_qemu_kernel_image(img, sizeof(img), "vga=ask", 7, &why), 0);
	assert_int_equal(img[0x1FA] | img[0x1FB] << 8, 0xFFFD);
	assert_int_equal(measure_qemu_kernel_image(img, sizeof(img), "vga=12x", 7, &why), -EINVAL);
	memcpy(img + 0x202, "HdrS", 4);
	assert_int_equal(measure_qemu_kernel_image(img, sizeof(img), "", 0, &why), -EOPNOTSUPP);
	assert_non_null(strstr(why, "bzImage"));
	memset(img + 0x202, 0, 4);
	img[0x1F1] = 31; /* 16 KiB of setup: more than QEMU's 8 KiB header copy */
	assert_int_equal(measure_qemu_kernel_image(img, sizeof(img), "", 0, &why), -ENOEXEC);
}

/* A small valid PE32+ built here: headers, two sections, trailing data. */
static size_t make_pe(uint8_t *p, size_t cap)
{
	const size_t pe = 0x80, opt = pe + 24, opt_size = 240, hdrs = 0x200;

	memset(p, 0, cap);
	p[0] = 'M'; p[1] = 'Z';
	p[0x3C] = (uint8_t)pe;
	memcpy(p + pe, "PE\0\0", 4);
	p[pe + 4] = 0x64; p[pe + 5] = 0x86;   /* x86-64 */
	p[pe + 6] = 2;                        /* sections */
	p[pe + 20] = (uint8_t)opt_size;
	p[opt] = 0x0B; p[opt + 1] = 0x02;     /* PE32+ */
	p[opt + 60] = 0x00; p[opt + 61] = 0x02; /* SizeOfHeaders 0x200 */
	p[opt + 64] = 0xAA;                   /* CheckSum: not hashed */
	p[opt + 108] = 16;                    /* NumberOfRvaAndSizes */
	/* section table at opt + 240: .b at 0x400 (0x200), .a at 0x200 (0x200) */
	uint8_t *s = p + opt + opt_size;
	memcpy(s, ".b", 2); s[16] = 0x00; s[17] = 0x02; s[20] = 0x00; s[21] = 0x04;
	s += 40;
	memcpy(s, ".a", 2); s[16] = 0x00; s[17] = 0x02; s[20] = 0x00; s[21] = 0x02;
	for (size_t i = hdrs; i < 0x700 && i < cap; i++)
		p[i] = (uint8_t)(i * 7);
	(void)hdrs;
	return 0x700; /* 0x100 bytes after the last section */
}

static void test_authenticode_skips_checksum_and_hashes_sections_in_file_order(void **state)
{
	static uint8_t pe[0x800];
	uint8_t a[48], b[48], want[48];
	br_sha384_context h;
	const char *why = NULL;
	size_t n = make_pe(pe, sizeof(pe));
	size_t ck = 0x80 + 24 + 64, sd = 0x80 + 24 + 112 + 32;

	assert_int_equal(measure_pe_authenticode_sha384(pe, n, a, &why), 0);
	/* the definition, spelled out: headers without CheckSum and the
	 * Certificate Table entry, sections by PointerToRawData, the rest */
	br_sha384_init(&h);
	br_sha384_update(&h, pe, ck);
	br_sha384_update(&h, pe + ck + 4, sd - ck - 4);
	br_sha384_update(&h, pe + sd + 8, 0x200 - sd - 8);
	br_sha384_update(&h, pe + 0x200, 0x200);
	br_sha384_update(&h, pe + 0x400, 0x200);
	br_sha384_update(&h, pe + 0x600, 0x100);
	br_sha384_out(&h, want);
	assert_memory_equal(a, want, 48);
	pe[0x80 + 24 + 64] ^= 0xFF; /* the CheckSum is not covered */
	assert_int_equal(measure_pe_authenticode_sha384(pe, n, b, &why), 0);
	assert_memory_equal(a, b, 48);
	pe[0x650] ^= 1; /* trailing data is covered */
	assert_int_equal(measure_pe_authenticode_sha384(pe, n, b, &why), 0);
	assert_memory_not_equal(a, b, 48);
}

static void test_hostile_pe_headers_are_refused(void **state)
{
	static uint8_t pe[0x800];
	uint8_t d[48];
	const char *why = NULL;
	size_t n;

	n = make_pe(pe, sizeof(pe));
	pe[0x3C] = 0xF0; pe[0x3D] = 0x7F; /* e_lfanew past the end */
	assert_int_equal(measure_pe_authenticode_sha384(pe, n, d, &why), -ENOEXEC);
	n = make_pe(pe, sizeof(pe));
	pe[0x80 + 24 + 240 + 21] = 0x07; /* section .b at 0x700: past the file */
	assert_int_equal(measure_pe_authenticode_sha384(pe, n, d, &why), -ENOEXEC);
	n = make_pe(pe, sizeof(pe));
	pe[0x80 + 6] = 97; /* more sections than the PE format allows */
	assert_int_equal(measure_pe_authenticode_sha384(pe, n, d, &why), -ENOEXEC);
	n = make_pe(pe, sizeof(pe));
	pe[0x80 + 24 + 112 + 32 + 4] = 0x00; pe[0x80 + 24 + 112 + 32 + 5] = 0x02; /* cert 0x200 > 0x100 left */
	assert_int_equal(measure_pe_authenticode_sha384(pe, n, d, &why), -ENOEXEC);
	n = make_pe(pe, sizeof(pe));
	pe[0x80 + 24 + 60] = 0x10; /* SizeOfHeaders 0x210: fine; 0x10 alone is shorter than the table */
	pe[0x80 + 24 + 61] = 0x00;
	assert_int_equal(measure_pe_authenticode_sha384(pe, n, d, &why), -ENOEXEC);
	assert_int_equal(measure_pe_authenticode_sha384(pe, 10, d, &why), -ENOEXEC);
}

/* RTMR1 replays its five events with the extend rule, and the fixed events
 * are the SHA-384 of their TCG strings (TdTcg2Dxe) and of 4 zero bytes. */
static void test_rtmr1_is_the_extend_chain_of_its_events(void **state)
{
	static uint8_t pe[0x1000];
	uint8_t r[48], rep[48], ev[TDX_RTMR1_EVENTS][48], want[48];
	br_sha384_context h;
	const char *why = NULL;
	size_t n = make_pe(pe, sizeof(pe)) + 0x400; /* QEMU wants at least 5 setup sectors */

	assert_int_equal(measure_tdx_rtmr1(pe, n, "init=x", 6, r, ev, &why), 0);
	memset(rep, 0, 48);
	for (unsigned i = 0; i < TDX_RTMR1_EVENTS; i++)
		measure_tdx_extend(rep, ev[i]);
	assert_memory_equal(r, rep, 48);
	br_sha384_init(&h);
	br_sha384_update(&h, "Calling EFI Application from Boot Option", 40);
	br_sha384_out(&h, want);
	assert_memory_equal(ev[1], want, 48);
	assert_int_equal(hex_decode("394341b7182cd227c5c6b07ef8000cdfd86136c4292b8e576573ad7ed9ae4101"
				    "9f5818b4b971c9effc60e1ad9f1289f0", 96, want, 48), 0);
	assert_memory_equal(ev[2], want, 48); /* SHA-384(00 00 00 00) */
	/* the image was patched as QEMU patches it before it was measured */
	assert_int_equal(pe[0x20] | pe[0x21] << 8, 0xA33F);
}


/* --explain's section list (measure_tdx_mrtd_explain) against the TDVF
 * metadata read here straight from the bytes (TDVF Design Guide "TDVF
 * metadata": 16-byte header, 32-byte sections: u32 DataOffset, u32
 * RawDataSize, u64 MemoryAddress, u64 MemoryDataSize, u32 Type, u32
 * Attributes, bit 0 MR_EXTEND): one call per section in metadata order, the
 * GPA, pages = MemoryDataSize / 4096, extended = bit 0; and the digest is
 * still td-shim's. On Debian's OVMF.fd only the BFV (section 0) is extended. */
struct sections_seen { unsigned n; struct tdx_mrtd_section s[8]; };

static void record_section(void *arg, const struct tdx_mrtd_section *sec)
{
	struct sections_seen *seen = arg;
	if (seen->n < 8)
		seen->s[seen->n] = *sec;
	seen->n++;
}

static uint64_t rd_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = n; i-- > 0;)
		v = (v << 8) | p[i];
	return v;
}

static void test_explain_lists_each_tdvf_section_as_the_metadata_says(void **state)
{
	struct sections_seen seen = { 0 };
	uint8_t want[48], got[48];
	const char *why = NULL;
	size_t len;
	uint8_t *fw = read_file(DEBIAN_FULL, &len);
	const uint8_t *d = fw + len - 0x840;
	unsigned n;

	(void)state;
	assert_memory_equal(d, "TDVF", 4);
	n = (unsigned)rd_le(d + 12, 4);
	assert_int_equal(n, 6);
	assert_int_equal(measure_tdx_mrtd_explain(fw, len, got, &why, record_section, &seen), 0);
	assert_int_equal(hex_decode(DEBIAN_FULL_MRTD, 96, want, 48), 0);
	assert_memory_equal(got, want, 48);
	assert_int_equal(seen.n, n);
	for (unsigned i = 0; i < n; i++) {
		const uint8_t *e = d + 16 + 32 * i;
		assert_int_equal(seen.s[i].index, i);
		assert_int_equal(seen.s[i].data_offset, rd_le(e, 4));
		assert_int_equal(seen.s[i].raw_size, rd_le(e + 4, 4));
		assert_int_equal(seen.s[i].gpa, rd_le(e + 8, 8));
		assert_int_equal(seen.s[i].pages, rd_le(e + 16, 8) / 4096);
		assert_int_equal(seen.s[i].type, rd_le(e + 24, 4));
		assert_int_equal(seen.s[i].extended, (int)(rd_le(e + 28, 4) & 1));
	}
	assert_string_equal(seen.s[0].type_name, "BFV");
	assert_true(seen.s[0].extended);
	for (unsigned i = 1; i < n; i++)
		assert_false(seen.s[i].extended);
	free(fw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debian_ovmf_fd_mrtd_matches_td_shim_tee_info_hash),
		cmocka_unit_test(test_split_ovmf_code_is_refused_for_mrtd),
		cmocka_unit_test(test_4m_image_without_tdx_metadata_is_refused),
		cmocka_unit_test(test_hostile_tdvf_descriptors_are_refused),
		cmocka_unit_test(test_explain_lists_each_tdvf_section_as_the_metadata_says),
		cmocka_unit_test(test_extend_rule_is_sha384_of_old_and_digest),
		cmocka_unit_test(test_rtmr2_changes_with_the_command_line),
		cmocka_unit_test(test_qemu_patches_a_protocol0_kernel_as_x86_load_linux_does),
		cmocka_unit_test(test_authenticode_skips_checksum_and_hashes_sections_in_file_order),
		cmocka_unit_test(test_hostile_pe_headers_are_refused),
		cmocka_unit_test(test_rtmr1_is_the_extend_chain_of_its_events),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
