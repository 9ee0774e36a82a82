/* The initrd and stdin, handed over by the host through QEMU fw_cfg files
 * (docs/DESIGN.md "Initrd delivery" says why fw_cfg and not -initrd):
 *   opt/org.futeet/initrd  a cpio newc archive (scripts/run --initrd FILE)
 *   opt/org.futeet/stdin   the program's standard input (--stdin FILE)
 * Names follow QEMU docs/specs/fw_cfg.rst ("opt/RFQDN/"). Each is copied
 * into private memory once, measured into runtime register 2, then parsed
 * there (lib/cpio.c); the host cannot change it afterwards. */
#include <string.h>

#include "drivers/fw_cfg.h"
#include "futeet/errno.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/tee.h"
#include "kernel/kernel.h"
#include "kernel/vfs.h"

#define INITRD_FWCFG "opt/org.futeet/initrd"
#define STDIN_FWCFG  "opt/org.futeet/stdin"
#define FWCFG_FILE_MAX (512u << 20)
#define KEEP_FREE_PAGES 8192u   /* 32 MiB left for the program after the copy */

/* Copy fw_cfg file 'name' into fresh pages; -ENOENT when absent. */
static int fetch(const char *name, const uint8_t **data, size_t *len)
{
	uint16_t sel;
	uint32_t size;
	uint64_t pa;
	size_t got;

	*data = NULL;
	*len = 0;
	if (fw_cfg_find(name, &sel, &size))
		return -ENOENT;
	if (size == 0)
		return 0;
	size_t pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	if (size > FWCFG_FILE_MAX || pmm_free_count() < pages + KEEP_FREE_PAGES ||
	    pmm_alloc_pages(pages, &pa)) {
		kprintf("futeet: fw_cfg %s: %u bytes do not fit in memory\n", name, size);
		return -ENOMEM;
	}
	int err = fw_cfg_read_file(name, (void *)(uintptr_t)pa, pages * PAGE_SIZE, &got);
	if (err || got != size) {
		pmm_free_pages(pa, pages);
		kprintf("futeet: fw_cfg %s: read failed (%d)\n", name, err);
		return err ? err : -EIO;
	}
	*data = (const uint8_t *)(uintptr_t)pa;
	*len = size;
	return 0;
}

int initrd_init(void)
{
	const uint8_t *rd, *in;
	size_t rd_len, in_len;

	int err = fetch(INITRD_FWCFG, &rd, &rd_len);
	if (err && err != -ENOENT)
		return err;
	if (!err && rd_len) {
		tee_measure_data("initrd", INITRD_FWCFG, rd, rd_len);
		kprintf("futeet: initrd: %zu bytes from fw_cfg %s, measured\n", rd_len, INITRD_FWCFG);
	}
	err = fetch(STDIN_FWCFG, &in, &in_len);
	if (err && err != -ENOENT)
		return err;
	if (!err)
		tee_measure_data("stdin", STDIN_FWCFG, in, in_len);
	return vfs_init(rd, rd_len, in, in_len);
}
