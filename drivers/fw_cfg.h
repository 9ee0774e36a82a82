/* QEMU fw_cfg over I/O ports (QEMU docs/specs/fw_cfg.rst): selector port
 * 0x510 (16-bit write), data port 0x511 (8-bit reads), the signature item
 * and the file directory (item 0x19). The host writes every byte: all of it
 * is hostile input. */
#ifndef FUTEET_DRIVERS_FW_CFG_H
#define FUTEET_DRIVERS_FW_CFG_H

#include <stddef.h>
#include <stdint.h>

/* docs/specs/fw_cfg.rst "Selector (Control) Register" / "Data Register". */
#define FW_CFG_PORT_SEL   0x510
#define FW_CFG_PORT_DATA  0x511
/* Selector keys ("Firmware Configuration Items"). */
#define FW_CFG_SIGNATURE  0x0000  /* "QEMU" */
#define FW_CFG_FILE_DIR   0x0019
/* "File Directory": u32 count (BE), then entries {u32 size (BE), u16 select
 * (BE), u16 reserved, char name[56]}. */
#define FW_CFG_FILE_NAME_LEN 56u
#define FW_CFG_FILE_ENTRY_LEN 64u
#define FW_CFG_FILES_MAX  4096u  /* our bound on a hostile count */

/* 0 when the fw_cfg signature "QEMU" is present, else -ENODEV. */
int fw_cfg_probe(void);

/* Look a file up by name: 0 with its selector and size, or -ENOENT. */
int fw_cfg_find(const char *name, uint16_t *select, uint32_t *size);

/* Read a whole file into buf. -EMSGSIZE when it is larger than cap. */
int fw_cfg_read_file(const char *name, void *buf, size_t cap, size_t *len);

#endif
