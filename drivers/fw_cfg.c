/* QEMU fw_cfg, port I/O interface (QEMU docs/specs/fw_cfg.rst): select an
 * item by writing its key to 0x510, then read its bytes from 0x511 in
 * order. Directory integers are big-endian ("File Directory"). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/io.h"
#include "drivers/fw_cfg.h"

static void fw_cfg_select(uint16_t key)
{
	io_outw(FW_CFG_PORT_SEL, key);
}

static void fw_cfg_read(void *buf, size_t n)
{
	io_insb(FW_CFG_PORT_DATA, buf, n);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int fw_cfg_probe(void)
{
	uint8_t sig[4];

	fw_cfg_select(FW_CFG_SIGNATURE);
	fw_cfg_read(sig, sizeof(sig));
	return memcmp(sig, "QEMU", 4) == 0 ? 0 : -ENODEV;
}

int fw_cfg_find(const char *name, uint16_t *select, uint32_t *size)
{
	uint8_t hdr[4], e[FW_CFG_FILE_ENTRY_LEN];
	size_t nlen;
	uint32_t count;

	if (name == NULL || select == NULL || size == NULL)
		return -EINVAL;
	nlen = strlen(name);
	if (nlen == 0 || nlen >= FW_CFG_FILE_NAME_LEN)
		return -EINVAL;
	if (fw_cfg_probe())
		return -ENODEV;
	fw_cfg_select(FW_CFG_FILE_DIR);
	fw_cfg_read(hdr, sizeof(hdr));
	count = be32(hdr);
	if (count > FW_CFG_FILES_MAX)
		count = FW_CFG_FILES_MAX;
	for (uint32_t i = 0; i < count; i++) {
		fw_cfg_read(e, sizeof(e));
		/* name at 8, NUL-terminated inside its 56 bytes */
		if (memcmp(e + 8, name, nlen) == 0 && e[8 + nlen] == 0) {
			*size = be32(e);
			*select = (uint16_t)(e[4] << 8 | e[5]);
			return 0;
		}
	}
	return -ENOENT;
}

int fw_cfg_read_file(const char *name, void *buf, size_t cap, size_t *len)
{
	uint16_t sel;
	uint32_t size;
	int rc;

	if (buf == NULL || len == NULL)
		return -EINVAL;
	rc = fw_cfg_find(name, &sel, &size);
	if (rc)
		return rc;
	if (size > cap)
		return -EMSGSIZE;
	fw_cfg_select(sel);
	fw_cfg_read(buf, size);
	*len = size;
	return 0;
}
