/* What efi_main (boot/efi_main.c) hands to kernel_main: everything the kernel
 * keeps from the firmware. All of it came from the firmware or the host
 * (the command line, the config tables): the kernel validates before use. */
#ifndef FUTEET_BOOT_H
#define FUTEET_BOOT_H

#include <stdint.h>
#include "compiler.h"

#define BOOT_CMDLINE_MAX 1024
#define BOOT_MMAP_MAX    512

/* One usable or reserved physical range, from the EFI memory map. */
struct boot_mem_range {
	uint64_t base;
	uint64_t pages;     /* 4 KiB pages */
	uint32_t efi_type;  /* EFI_MEMORY_TYPE (UEFI 2.10, table 7.10) */
	uint32_t reserved;
	uint64_t attribute;
};

enum boot_stamp {
	BOOT_STAMP_EFI_ENTRY,  /* efi_main entered */
	BOOT_STAMP_EBS,        /* ExitBootServices returned */
	BOOT_STAMP_KERNEL,     /* kernel_main entered */
	BOOT_STAMP_USER,       /* first instruction of the user program */
	BOOT_STAMP_COUNT
};

struct boot_info {
	uint64_t tsc[BOOT_STAMP_COUNT];
	uint64_t image_base, image_size; /* where OVMF loaded futeet.efi */
	uint64_t acpi_rsdp;              /* ACPI 2.0 RSDP, 0 if none */
	uint64_t cc_blob;                /* EFI_CC_BLOB_GUID table (SEV-SNP), 0 if none */
	uint64_t ccel_table;             /* ACPI CCEL / CC final-events log (TDX), 0 if none */
	uint64_t smbios;
	/* arch/x86_64/coco/detect.c, before paging: */
	uint32_t cc_platform;            /* enum futeet_platform: NONE, SNP or TDX */
	uint32_t cc_injected;            /* futeet.detect replayed recorded values */
	uint64_t cc_sev_status;          /* SEV_STATUS MSR (AMD), 0 otherwise */
	uint32_t mem_count;
	uint32_t ebs_attempts;           /* ExitBootServices calls (1 unless the map was stale) */
	struct boot_mem_range mem[BOOT_MMAP_MAX];
	char cmdline[BOOT_CMDLINE_MAX];  /* load options, UTF-16 narrowed to ASCII */
};

/* The kernel proper (kernel/main.c); never returns. */
FUTEET_NORETURN void kernel_main(struct boot_info *bi);

#endif
