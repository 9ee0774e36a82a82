/* libFuzzer: the parsers behind launch measurements (lib/measure). The
 * first input byte picks what the rest is:
 *   even: the end of a firmware image (the tables live there), placed at the
 *         end of a zeroed buffer rounded up to whole pages: the OVMF footer
 *         GUID table, the SEV metadata and SEV-ES reset block
 *         (ovmf_sev_parse), the SNP launch digest over them (every VMM
 *         flavour, with and without kernel hashes), the TDVF descriptor
 *         (measure_tdx_mrtd);
 *   odd:  an EFI application: the PE Authenticode digest, QEMU's kernel
 *         patch with one of four command lines, and RTMR1.
 * Properties: no crash or sanitizer report; an accepted SEV metadata has at
 * most OVMF_SEV_MAX_SECTIONS page-aligned, non-empty sections below 4 GiB
 * that do not overlap each other; a refusal always comes with a reason; a
 * digest is never computed for a file ovmf_sev_parse refused. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/measure/ovmf.h"
#include "lib/measure/snp.h"
#include "lib/measure/tdx.h"

#define MAX_INPUT (64u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_sev_info(const struct ovmf_sev_info *info)
{
	if (info->nsections > OVMF_SEV_MAX_SECTIONS || info->reset_eip == 0)
		__builtin_trap();
	for (uint32_t i = 0; i < info->nsections; i++) {
		const struct ovmf_sev_section *s = &info->sections[i];

		if (s->size == 0 || s->gpa % OVMF_PAGE_SIZE || s->size % OVMF_PAGE_SIZE ||
		    (uint64_t)s->gpa + s->size > OVMF_FW_END_GPA)
			__builtin_trap();
		for (uint32_t j = 0; j < i; j++)
			if (s->gpa < info->sections[j].gpa + (uint64_t)info->sections[j].size &&
			    info->sections[j].gpa < s->gpa + (uint64_t)s->size)
				__builtin_trap();
	}
}

static void fuzz_pe(const uint8_t *data, size_t size, uint8_t sel)
{
	static const char *const cmdlines[4] = { "", "vga=ask", "vga=0x1234 init=x", "vga=" };
	uint8_t d[48], ev[TDX_RTMR1_EVENTS][48];
	const char *why = NULL, *c = cmdlines[(sel >> 1) & 3];
	uint8_t *img;

	if (measure_pe_authenticode_sha384(data, size, d, &why) != 0 && !why)
		__builtin_trap();
	img = malloc(size ? size : 1);
	if (!img)
		return;
	memcpy(img, data, size);
	why = NULL;
	if (measure_tdx_rtmr1(img, size, c, strlen(c), d, ev, &why) != 0 && !why)
		__builtin_trap();
	free(img);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snp_launch_params p;
	struct ovmf_sev_info info;
	uint8_t d[48];
	const char *why = NULL;
	size_t len;
	uint8_t *fw;
	int err;

	if (size < 1 || size > MAX_INPUT)
		return 0;
	if (data[0] & 1) {
		fuzz_pe(data + 1, size - 1, data[0]);
		return 0;
	}
	data++;
	size--;
	len = (size + OVMF_PAGE_SIZE - 1) / OVMF_PAGE_SIZE * OVMF_PAGE_SIZE;
	if (len == 0)
		len = OVMF_PAGE_SIZE;
	fw = calloc(1, len);
	if (!fw)
		return 0;
	memcpy(fw + len - size, data, size);

	err = ovmf_sev_parse(fw, len, &info, &why);
	if (err) {
		if (!why)
			__builtin_trap();
	} else {
		check_sev_info(&info);
	}
	for (int v = 0; v < 3; v++) {
		memset(&p, 0, sizeof(p));
		p.vcpus = 2;
		p.vcpu_sig = 0x00800F12;
		p.sev_features = SNP_FEATURE_SNP_ACTIVE;
		p.vmm = (enum snp_vmm)v;
		p.kernel_hashes = v == 0;
		why = NULL;
		int e2 = snp_launch_digest(fw, len, &p, d, NULL, NULL, &why);
		if (e2 && !why)
			__builtin_trap();
		if (err && !e2)
			__builtin_trap(); /* a digest of firmware the parser refused */
	}
	why = NULL;
	if (measure_tdx_mrtd(fw, len, d, &why) != 0 && !why)
		__builtin_trap();
	free(fw);
	return 0;
}
