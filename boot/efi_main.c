/* efi_main: the UEFI entry point (a GNU-EFI application). Gathers what the
 * kernel keeps from the firmware, leaves boot services and enters the kernel
 * on its own stack. Follows UEFI 2.10: section 7.2 (GetMemoryMap,
 * ExitBootServices), 4.6 (configuration tables), 9.1 (loaded image). Only
 * boot services are used, directly through the system table (no libefi). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <efi.h>
#pragma GCC diagnostic pop
#include <string.h>

#include "futeet/boot.h"
#include "futeet/io.h"
#include "arch/x86_64/cpu.h"

#define BOOT_STACK_PAGES 16   /* 64 KiB: kernel_main runs on it until user entry */
#define EBS_MAX_ATTEMPTS 4    /* the map can go stale between the two calls */
#define MMAP_SLACK_DESCS 16   /* over-allocate: AllocatePool itself may split a range */

/* UEFI 2.10 section 4.6.1 (EFI_ACPI_20_TABLE_GUID, SMBIOS3_TABLE_GUID). */
static const EFI_GUID acpi20_guid = { 0x8868e871, 0xe4f1, 0x11d3, { 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 } };
static const EFI_GUID smbios3_guid = { 0xf2fd1544, 0x9794, 0x4a2c, { 0x99, 0x2e, 0xe5, 0xbb, 0xcf, 0x20, 0xe3, 0x94 } };
/* EFI_CC_BLOB_GUID: the SEV-SNP secrets and CPUID page addresses (OVMF
 * OvmfPkg/Include/Guid/ConfidentialComputingSevSnpBlob.h). */
static const EFI_GUID cc_blob_guid = { 0x067b1f5f, 0xcf26, 0x44c5, { 0x85, 0x54, 0x93, 0xd7, 0x77, 0x91, 0x2d, 0x42 } };
/* EFI_CC_FINAL_EVENTS_TABLE_GUID (UEFI 2.10 section 38.4.2): the CC event log
 * entries added after GetEventLog (TDX: the CCEL's tail). */
static const EFI_GUID cc_final_events_guid = { 0xdd4a4648, 0x2de7, 0x4665, { 0x96, 0x4d, 0x21, 0xd9, 0xef, 0x5f, 0xb4, 0x46 } };
static const EFI_GUID loaded_image_guid = { 0x5b1b31a1, 0x9562, 0x11d2, { 0x8e, 0x3f, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b } };

static struct boot_info boot_info;

static int guid_eq(const EFI_GUID *a, const EFI_GUID *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

/* Before ExitBootServices the firmware console is the only way to tell the
 * user why we stopped. */
static void efi_say(EFI_SYSTEM_TABLE *st, const CHAR16 *msg)
{
	if (st->ConOut)
		st->ConOut->OutputString(st->ConOut, (CHAR16 *)msg);
}

/* Load options are UCS-2 (UEFI 2.10 section 9.1): keep printable ASCII,
 * replace anything else with '?', bound by both sizes. */
static void copy_cmdline(const EFI_LOADED_IMAGE *li)
{
	const CHAR16 *src = li->LoadOptions;
	size_t n = li->LoadOptionsSize / sizeof(CHAR16);
	size_t o = 0;

	if (!src)
		n = 0;
	for (size_t i = 0; i < n && o + 1 < sizeof(boot_info.cmdline); i++) {
		CHAR16 c = src[i];
		if (c == 0)
			break;
		boot_info.cmdline[o++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	boot_info.cmdline[o] = '\0';
}

static void scan_config_tables(EFI_SYSTEM_TABLE *st)
{
	for (UINTN i = 0; i < st->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &st->ConfigurationTable[i];
		uint64_t p = (uint64_t)(uintptr_t)t->VendorTable;
		if (guid_eq(&t->VendorGuid, &acpi20_guid))
			boot_info.acpi_rsdp = p;
		else if (guid_eq(&t->VendorGuid, &smbios3_guid))
			boot_info.smbios = p;
		else if (guid_eq(&t->VendorGuid, &cc_blob_guid))
			boot_info.cc_blob = p;
		else if (guid_eq(&t->VendorGuid, &cc_final_events_guid))
			boot_info.ccel_table = p;
	}
}

/* Copy the firmware's map (stride = desc_size, not sizeof) into boot_info. */
static void record_memory_map(const uint8_t *map, UINTN map_size, UINTN desc_size)
{
	uint32_t n = 0;
	for (UINTN off = 0; off + desc_size <= map_size && n < BOOT_MMAP_MAX; off += desc_size) {
		const EFI_MEMORY_DESCRIPTOR *d = (const EFI_MEMORY_DESCRIPTOR *)(map + off);
		boot_info.mem[n].base = d->PhysicalStart;
		boot_info.mem[n].pages = d->NumberOfPages;
		boot_info.mem[n].efi_type = d->Type;
		boot_info.mem[n].attribute = d->Attribute;
		n++;
	}
	boot_info.mem_count = n;
}

static FUTEET_NORETURN void enter_kernel(void *arg)
{
	struct boot_info *bi = arg;
	kernel_main(bi);
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st);
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	EFI_BOOT_SERVICES *bs = st->BootServices;
	EFI_LOADED_IMAGE *li = NULL;
	EFI_PHYSICAL_ADDRESS stack = 0;
	EFI_STATUS s;

	boot_info.tsc[BOOT_STAMP_EFI_ENTRY] = cpu_rdtsc();

	s = bs->HandleProtocol(image, (EFI_GUID *)&loaded_image_guid, (void **)&li);
	if (EFI_ERROR(s) || !li) {
		efi_say(st, L"futeet: no loaded-image protocol\r\n");
		return s;
	}
	boot_info.image_base = (uint64_t)(uintptr_t)li->ImageBase;
	boot_info.image_size = li->ImageSize;
	copy_cmdline(li);
	scan_config_tables(st);

	/* The stack kernel_main runs on: loader data, so the page allocator
	 * never hands it out. */
	s = bs->AllocatePages(AllocateAnyPages, EfiLoaderData, BOOT_STACK_PAGES, &stack);
	if (EFI_ERROR(s)) {
		efi_say(st, L"futeet: cannot allocate the boot stack\r\n");
		return s;
	}

	/* ExitBootServices needs the key of the current map; allocating the
	 * buffer can change the map, so over-allocate and retry a bounded
	 * number of times on a stale key (Limine efi_exit_boot_services). */
	uint8_t *map = NULL;
	UINTN map_cap = 0;
	for (uint32_t attempt = 1; attempt <= EBS_MAX_ATTEMPTS; attempt++) {
		UINTN map_size = map_cap, key = 0, desc_size = 0;
		UINT32 desc_ver = 0;
		s = bs->GetMemoryMap(&map_size, (EFI_MEMORY_DESCRIPTOR *)map, &key, &desc_size, &desc_ver);
		/* After a failed ExitBootServices only GetMemoryMap and
		 * ExitBootServices may be called (UEFI 2.10 section 7.4.6): no
		 * second allocation, hence the slack in the first one. */
		if (s == EFI_BUFFER_TOO_SMALL && attempt == 1) {
			if (map)
				bs->FreePool(map);
			map_cap = map_size + MMAP_SLACK_DESCS * (desc_size ? desc_size : 64);
			if (EFI_ERROR(bs->AllocatePool(EfiLoaderData, map_cap, (void **)&map))) {
				efi_say(st, L"futeet: cannot allocate the memory map\r\n");
				return EFI_OUT_OF_RESOURCES;
			}
			map_size = map_cap;
			s = bs->GetMemoryMap(&map_size, (EFI_MEMORY_DESCRIPTOR *)map, &key, &desc_size, &desc_ver);
		}
		if (EFI_ERROR(s)) {
			efi_say(st, L"futeet: GetMemoryMap failed\r\n");
			return s;
		}
		s = bs->ExitBootServices(image, key);
		if (s == EFI_SUCCESS) {
			boot_info.tsc[BOOT_STAMP_EBS] = cpu_rdtsc();
			boot_info.ebs_attempts = attempt;
			/* No boot services from here on: the map buffer is
			 * loader data and stays valid. */
			record_memory_map(map, map_size, desc_size);
			arch_call_on_stack((void *)(uintptr_t)(stack + BOOT_STACK_PAGES * 4096ull),
					   enter_kernel, &boot_info);
		}
		if (s != EFI_INVALID_PARAMETER)
			break;
	}
	efi_say(st, L"futeet: ExitBootServices failed\r\n");
	return s;
}
