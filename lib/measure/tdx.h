/* TDX launch measurements computed as the TDX module and TDVF compute them,
 * for futeet-measure and sim-tdx (tools/futeet-sim/tdx*.c calls these so
 * that the sim reports exactly what futeet-measure predicts).
 *
 *   measure_tdx_mrtd    MRTD: TDH.MEM.PAGE.ADD and TDH.MR.EXTEND over the
 *                       TDVF sections listed by the firmware's TDX metadata
 *                       (OVMF footer table entry e47a6535-..., "TDVF"
 *                       descriptor), in the order QEMU/KVM add them: per
 *                       page, PAGE.ADD then its sixteen 256-byte extends.
 *   measure_tdx_rtmr1   RTMR1 as a TDVF with TCG measurement extends it for
 *                       an EFI application started by QEMU direct boot: the
 *                       fixed events and the application's PE Authenticode
 *                       digest (docs/MEASURE.md lists them).
 *   measure_tdx_rtmr2   FUTEET's own rule for RTMR2: the kernel extends it
 *                       with its command line, then the user program.
 *
 * All inputs are untrusted files: every function validates and returns 0 or
 * a negative errno, with *why (a constant string) on failure. Freestanding
 * (BearSSL SHA-384/SHA-256 only); built host-side (HOST_LIB_SRCS).
 *
 * Spec: TDX Module ABI 348551 (TDH.MEM.PAGE.ADD, TDH.MR.EXTEND: the 128-byte
 * MRTD update blocks), TDVF Design Guide (TDX metadata, section types and
 * attributes), PE/COFF (Authenticode image hash), TCG PC Client PFP (events). */
#ifndef FUTEET_LIB_MEASURE_TDX_H
#define FUTEET_LIB_MEASURE_TDX_H

#include <stddef.h>
#include <stdint.h>

#define TDX_MR_SIZE 48u /* SHA-384 */

/* MRTD of a TDVF firmware file (the unified OVMF.fd QEMU loads with -bios).
 * Refuses firmware without TDX metadata (Debian's 4 MiB images), sections
 * whose data lies outside the file (a split OVMF_CODE.fd), unknown section
 * types, unaligned or overlapping sections. */
int measure_tdx_mrtd(const uint8_t *fw, size_t len, uint8_t out[TDX_MR_SIZE],
		     const char **why);

/* One TDVF section as MRTD measures it, for --explain: its index and type
 * in the metadata (type_name "BFV", "CFV", "TD_HOB", "TEMP_MEM"), the GPA
 * and number of 4 KiB pages added (TDH.MEM.PAGE.ADD each), whether each
 * page is also extended (attribute MR_EXTEND: sixteen TDH.MR.EXTEND of 256
 * bytes, the content from file offset data_offset), and PAGE_AUG. */
struct tdx_mrtd_section {
	uint32_t index, type, attributes, data_offset, raw_size;
	const char *type_name;
	uint64_t gpa, pages;
	int extended;
};
typedef void tdx_mrtd_explain_fn(void *arg, const struct tdx_mrtd_section *s);

/* measure_tdx_mrtd, calling explain (may be NULL) once per section, in the
 * order the sections are measured. */
int measure_tdx_mrtd_explain(const uint8_t *fw, size_t len, uint8_t out[TDX_MR_SIZE],
			     const char **why, tdx_mrtd_explain_fn *explain, void *arg);

/* RTMR1 after TDVF started the EFI application by QEMU direct boot
 * (-kernel FILE -append CMDLINE) and the application called
 * ExitBootServices. `efi` holds the file's bytes and is patched in place as
 * QEMU patches a kernel without a Linux setup header (measure_qemu_kernel_image)
 * before it is measured: pass a copy. The five events (tdx_rtmr1.c):
 * Authenticode of the image, "Calling EFI Application from Boot Option", the
 * separator, "Exit Boot Services Invocation", "... Returned with Success". */
#define TDX_RTMR1_EVENTS 5u
int measure_tdx_rtmr1(uint8_t *efi, size_t len, const char *cmdline, size_t cmdline_len,
		      uint8_t out[TDX_MR_SIZE], uint8_t events[TDX_RTMR1_EVENTS][TDX_MR_SIZE],
		      const char **why);

/* What QEMU does to -kernel FILE when FILE has no Linux "HdrS" setup header
 * (boot protocol 0, hw/i386/x86.c x86_load_linux): bytes 0x20..0x23 (and
 * 0x1FA with "vga=") are rewritten; OVMF then loads the patched bytes. In
 * place. Refuses a Linux bzImage or a multiboot image (not modelled) and
 * what QEMU itself refuses. */
int measure_qemu_kernel_image(uint8_t *img, size_t len, const char *cmdline, size_t cmdline_len,
			      const char **why);

/* RTMR2 after the FUTEET kernel's extends: SHA-384 of the command line (its
 * bytes, no NUL), then SHA-384 of the user program's ELF file. user may be
 * NULL (no program measured yet). */
int measure_tdx_rtmr2(const char *cmdline, size_t cmdline_len, const uint8_t *user,
		      size_t user_len, uint8_t out[TDX_MR_SIZE]);

/* The RTMR extend rule (TDX Module ABI 348551, TDG.MR.RTMR.EXTEND):
 * rtmr := SHA-384(rtmr || digest). */
void measure_tdx_extend(uint8_t rtmr[TDX_MR_SIZE], const uint8_t digest[TDX_MR_SIZE]);

/* The PE/COFF Authenticode image digest (SHA-384) of an EFI application,
 * as the UEFI firmware measures a loaded image. */
int measure_pe_authenticode_sha384(const uint8_t *pe, size_t len, uint8_t out[TDX_MR_SIZE],
				   const char **why);

#endif
