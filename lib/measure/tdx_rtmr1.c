/* RTMR1 for an EFI application started by QEMU direct boot under TDVF with
 * TCG measurement, and the PE Authenticode digest it records (see tdx.h).
 *
 * 1. QEMU (hw/i386/x86.c x86_load_linux) loads -kernel FILE. A file without
 *    the Linux "HdrS" setup header is boot protocol 0: QEMU writes 0xA33F at
 *    offset 0x20 and the command-line offset (0xA000 - cmdline_size, with
 *    cmdline_size = (strlen + 16) & ~15) at 0x22, and, when the command line
 *    holds "vga=", the mode at 0x1FA; it hands setup (the first
 *    (byte[0x1F1] or 4, + 1) * 512 bytes) and the rest to fw_cfg. OVMF's
 *    QemuKernelLoaderFsDxe joins them again: the image OVMF loads is the file
 *    with those bytes patched (qemu_kernel_image below).
 * 2. LoadImage measures it (DxeTpm2MeasureBootLib, PCR 4 -> RTMR1):
 *    EV_EFI_BOOT_SERVICES_APPLICATION, digest = PE Authenticode SHA-384.
 * 3. ReadyToBoot (edk2 TdTcg2Dxe OnReadyToBoot, first attempt), in RTMR1:
 *    EV_EFI_ACTION "Calling EFI Application from Boot Option", then
 *    EV_SEPARATOR over the 4 bytes 00 00 00 00.
 * 4. ExitBootServices (OnExitBootServices, PCR 5 -> RTMR1): EV_EFI_ACTION
 *    "Exit Boot Services Invocation", then "Exit Boot Services Returned with
 *    Success". EV_EFI_ACTION digests are SHA-384 of the ASCII text, no NUL.
 * Nothing else may reach PCRs 2-6: no option ROMs (QEMU -nic none), no GPT.
 * This order is read from edk2's code and never checked on a TDX machine.
 *
 * Authenticode (Microsoft "Windows Authenticode Portable Executable Signature
 * Format"; edk2 Tcg2Dxe/DxeTpm2MeasureBootLib hash the same way): the
 * headers up to SizeOfHeaders without the CheckSum field and the Certificate
 * Table directory entry, then the sections' raw data in PointerToRawData
 * order, then whatever follows, minus the attribute certificate table. */
#include "lib/measure/tdx.h"
#include "futeet/errno.h"
#include "lib/bytes.h"
#include <bearssl.h>
#include <string.h>

#define REFUSE(err, msg) do { *why = (msg); return (err); } while (0)

/* PE/COFF (docs/SPECS.md "PE/COFF"): offsets in the DOS, COFF and optional
 * headers. */
#define DOS_E_LFANEW 0x3Cu
#define COFF_HDR_SIZE 20u
#define COFF_NSECTIONS 2u
#define COFF_OPT_SIZE 16u
#define OPT_MAGIC_PE32 0x10Bu
#define OPT_MAGIC_PE32P 0x20Bu
#define OPT_SIZE_OF_HEADERS 60u
#define OPT_CHECKSUM 64u
#define OPT_NUM_RVA_PE32 92u
#define OPT_NUM_RVA_PE32P 108u
#define DIR_SECURITY 4u            /* Certificate Table entry */
#define SECTION_HDR_SIZE 40u
#define SEC_SIZE_OF_RAW 16u
#define SEC_PTR_TO_RAW 20u
#define PE_MAX_SECTIONS 96u        /* the PE format's limit */

int measure_pe_authenticode_sha384(const uint8_t *pe, size_t len, uint8_t out[TDX_MR_SIZE],
				   const char **why)
{
	uint32_t off_raw[PE_MAX_SECTIONS], size_raw[PE_MAX_SECTIONS];
	size_t pe_off, opt, sec_tab, hdrs, ck, sd = 0, hashed, cert = 0;
	uint32_t nsec, nrva, opt_size, n = 0;
	br_sha384_context h;
	uint16_t magic;

	if (len < 0x40 || pe[0] != 'M' || pe[1] != 'Z')
		REFUSE(-ENOEXEC, "not a PE image (no MZ header)");
	pe_off = bytes_le32(pe + DOS_E_LFANEW);
	if (pe_off > len || len - pe_off < 4 + COFF_HDR_SIZE + 2)
		REFUSE(-ENOEXEC, "PE header offset points outside the file");
	if (memcmp(pe + pe_off, "PE\0\0", 4) != 0)
		REFUSE(-ENOEXEC, "not a PE image (no PE signature)");
	nsec = bytes_le16(pe + pe_off + 4 + COFF_NSECTIONS);
	opt_size = bytes_le16(pe + pe_off + 4 + COFF_OPT_SIZE);
	opt = pe_off + 4 + COFF_HDR_SIZE;
	if (nsec > PE_MAX_SECTIONS)
		REFUSE(-ENOEXEC, "PE image has more than 96 sections");
	if (opt_size > len - opt || len - opt - opt_size < (size_t)nsec * SECTION_HDR_SIZE)
		REFUSE(-ENOEXEC, "PE optional header or section table runs past the file");
	magic = bytes_le16(pe + opt);
	if (magic == OPT_MAGIC_PE32P && opt_size >= OPT_NUM_RVA_PE32P + 4)
		nrva = bytes_le32(pe + opt + OPT_NUM_RVA_PE32P);
	else if (magic == OPT_MAGIC_PE32 && opt_size >= OPT_NUM_RVA_PE32 + 4)
		nrva = bytes_le32(pe + opt + OPT_NUM_RVA_PE32);
	else
		REFUSE(-ENOEXEC, "PE optional header is neither PE32 nor PE32+ or too short");
	ck = opt + OPT_CHECKSUM;
	if (nrva > DIR_SECURITY) {
		sd = opt + (magic == OPT_MAGIC_PE32P ? OPT_NUM_RVA_PE32P : OPT_NUM_RVA_PE32) + 4 +
		     8 * DIR_SECURITY;
		if (sd + 8 > opt + opt_size)
			REFUSE(-ENOEXEC, "PE data directories run past the optional header");
		cert = bytes_le32(pe + sd + 4);
	}
	hdrs = bytes_le32(pe + opt + OPT_SIZE_OF_HEADERS);
	sec_tab = opt + opt_size;
	if (hdrs > len || hdrs < sec_tab + (size_t)nsec * SECTION_HDR_SIZE)
		REFUSE(-ENOEXEC, "PE SizeOfHeaders is outside the file or shorter than the headers");

	br_sha384_init(&h);
	br_sha384_update(&h, pe, ck);
	if (sd) {
		br_sha384_update(&h, pe + ck + 4, sd - (ck + 4));
		br_sha384_update(&h, pe + sd + 8, hdrs - (sd + 8));
	} else {
		br_sha384_update(&h, pe + ck + 4, hdrs - (ck + 4));
	}
	hashed = hdrs;

	/* The sections with raw data, sorted by PointerToRawData (insertion
	 * sort, stable, as edk2 does). */
	for (uint32_t i = 0; i < nsec; i++) {
		const uint8_t *s = pe + sec_tab + (size_t)i * SECTION_HDR_SIZE;
		uint32_t sz = bytes_le32(s + SEC_SIZE_OF_RAW), ptr = bytes_le32(s + SEC_PTR_TO_RAW);
		uint32_t j;

		if (sz == 0)
			continue;
		if (ptr > len || sz > len - ptr)
			REFUSE(-ENOEXEC, "PE section data runs past the file");
		for (j = n; j > 0 && off_raw[j - 1] > ptr; j--) {
			off_raw[j] = off_raw[j - 1];
			size_raw[j] = size_raw[j - 1];
		}
		off_raw[j] = ptr;
		size_raw[j] = sz;
		n++;
	}
	for (uint32_t i = 0; i < n; i++) {
		br_sha384_update(&h, pe + off_raw[i], size_raw[i]);
		hashed += size_raw[i];
	}
	if (len > hashed) {
		if (cert > len - hashed)
			REFUSE(-ENOEXEC, "PE certificate table is larger than the data after the sections");
		br_sha384_update(&h, pe + hashed, len - hashed - cert);
	}
	br_sha384_out(&h, out);
	return 0;
}

/* ---- QEMU's changes to a protocol-0 kernel (hw/i386/x86.c) -------------- */
#define LINUX_HDRS_OFF 0x202u
#define LINUX_SETUP_SECTS 0x1F1u
#define QEMU_PROTO0_MAGIC_OFF 0x20u    /* old command-line protocol: 0xA33F */
#define QEMU_PROTO0_MAGIC 0xA33Fu
#define QEMU_PROTO0_CMDLINE_OFF 0x22u
#define QEMU_REAL_ADDR 0x90000u
#define QEMU_CMDLINE_END 0x9A000u
#define QEMU_VGA_OFF 0x1FAu
#define QEMU_HEADER_READ 8192u         /* QEMU reads and patches the first 8 KiB */
#define MULTIBOOT_MAGIC 0x1BADB002u
#define MULTIBOOT_SEARCH 8192u

static int vga_mode(const char *cmd, size_t n, int *present, uint16_t *mode)
{
	*present = 0;
	for (size_t i = 0; i + 4 <= n; i++) {
		const char *v = cmd + i + 4;
		size_t left = n - i - 4;
		uint32_t val = 0;
		size_t k = 0;
		int base = 10;

		if (memcmp(cmd + i, "vga=", 4) != 0)
			continue;
		*present = 1;
		if (left >= 6 && memcmp(v, "normal", 6) == 0) { *mode = 0xFFFF; return 0; }
		if (left >= 3 && memcmp(v, "ext", 3) == 0) { *mode = 0xFFFE; return 0; }
		if (left >= 3 && memcmp(v, "ask", 3) == 0) { *mode = 0xFFFD; return 0; }
		/* qemu_strtoui(base 0): decimal, 0x hex or 0 octal, then end or ' ' */
		if (left >= 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
			base = 16;
			k = 2;
		} else if (left >= 1 && v[0] == '0') {
			base = 8;
		}
		if (k >= left)
			return -EINVAL;
		for (; k < left && v[k] != ' '; k++) {
			int d = v[k] >= '0' && v[k] <= '9' ? v[k] - '0' :
				v[k] >= 'a' && v[k] <= 'f' ? v[k] - 'a' + 10 :
				v[k] >= 'A' && v[k] <= 'F' ? v[k] - 'A' + 10 : 99;
			if (d >= base || val > 0xFFFFFFFFu / 16)
				return -EINVAL;
			val = val * (uint32_t)base + (uint32_t)d;
		}
		*mode = (uint16_t)val; /* stw_p keeps the low 16 bits */
		return 0;
	}
	return 0;
}

int measure_qemu_kernel_image(uint8_t *img, size_t len, const char *cmdline, size_t cmdline_len,
			      const char **why)
{
	size_t setup, cmdline_size;
	uint16_t mode;
	int vga;

	if (len < 0x400)
		REFUSE(-ENOEXEC, "kernel image shorter than QEMU's boot header");
	if (bytes_le32(img + LINUX_HDRS_OFF) == 0x53726448u) /* "HdrS" */
		REFUSE(-EOPNOTSUPP, "a Linux bzImage: QEMU patches its setup header in ways not modelled here");
	for (size_t i = 0; i + 12 <= len && i + 12 <= MULTIBOOT_SEARCH; i += 4)
		if (bytes_le32(img + i) == MULTIBOOT_MAGIC &&
		    (uint32_t)(bytes_le32(img + i) + bytes_le32(img + i + 4) + bytes_le32(img + i + 8)) == 0)
			REFUSE(-EOPNOTSUPP, "a multiboot image: QEMU would not hand it to the firmware");
	setup = img[LINUX_SETUP_SECTS] ? img[LINUX_SETUP_SECTS] : 4;
	setup = (setup + 1) * 512;
	if (setup > len)
		REFUSE(-ENOEXEC, "kernel image shorter than its setup size (QEMU: invalid kernel header)");
	if (setup > QEMU_HEADER_READ)
		REFUSE(-EOPNOTSUPP, "setup larger than the 8 KiB QEMU copies: its contents would be undefined");
	if (cmdline_len > 0xA000 - 16)
		REFUSE(-E2BIG, "command line too long for QEMU's protocol-0 layout");
	if (vga_mode(cmdline, cmdline_len, &vga, &mode) != 0)
		REFUSE(-EINVAL, "vga= value QEMU refuses");
	cmdline_size = (cmdline_len + 16) & ~(size_t)15;
	bytes_put_le16(img + QEMU_PROTO0_MAGIC_OFF, QEMU_PROTO0_MAGIC);
	bytes_put_le16(img + QEMU_PROTO0_CMDLINE_OFF,
		       (uint16_t)(QEMU_CMDLINE_END - cmdline_size - QEMU_REAL_ADDR));
	if (vga)
		bytes_put_le16(img + QEMU_VGA_OFF, mode);
	return 0;
}

/* EV_EFI_ACTION strings (TCG PC Client PFP; edk2 UefiTcgPlatform.h). */
static const char ev_calling[] = "Calling EFI Application from Boot Option";
static const char ev_ebs_invocation[] = "Exit Boot Services Invocation";
static const char ev_ebs_success[] = "Exit Boot Services Returned with Success";

static void extend_sha384_of(uint8_t rtmr[TDX_MR_SIZE], const void *data, size_t len,
			     uint8_t ev_digest[TDX_MR_SIZE])
{
	br_sha384_context h;

	br_sha384_init(&h);
	br_sha384_update(&h, data, len);
	br_sha384_out(&h, ev_digest);
	measure_tdx_extend(rtmr, ev_digest);
}

int measure_tdx_rtmr1(uint8_t *img, size_t len, const char *cmdline, size_t cmdline_len,
		      uint8_t out[TDX_MR_SIZE], uint8_t events[TDX_RTMR1_EVENTS][TDX_MR_SIZE],
		      const char **why)
{
	static const uint8_t separator[4];
	uint8_t d[TDX_MR_SIZE];
	int err;

	err = measure_qemu_kernel_image(img, len, cmdline, cmdline_len, why);
	if (err)
		return err;
	err = measure_pe_authenticode_sha384(img, len, d, why);
	if (err)
		return err;
	memset(out, 0, TDX_MR_SIZE);
	measure_tdx_extend(out, d);
	memcpy(events[0], d, TDX_MR_SIZE);
	extend_sha384_of(out, ev_calling, sizeof(ev_calling) - 1, events[1]);
	extend_sha384_of(out, separator, sizeof(separator), events[2]);
	extend_sha384_of(out, ev_ebs_invocation, sizeof(ev_ebs_invocation) - 1, events[3]);
	extend_sha384_of(out, ev_ebs_success, sizeof(ev_ebs_success) - 1, events[4]);
	return 0;
}
