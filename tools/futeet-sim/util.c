/* Small helpers of the sim: little-endian stores, hex, GUID strings. */
#include <string.h>
#include "futeet/errno.h"
#include "sim.h"

void sim_put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void sim_put_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly 2*out_len hex digits. */
int sim_hex_decode(const char *hex, uint8_t *out, size_t out_len)
{
	if (strlen(hex) != 2 * out_len)
		return -EINVAL;
	for (size_t i = 0; i < out_len; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* "aabbccdd-eeff-0011-2233-445566778899" to 16 bytes in RFC 4122 order (the
 * digits as written). That is what real certificate-table writers put on the
 * wire: AMD's sev-guest tool (libuuid uuid_parse into uuid_t) and virtee/sev
 * (Uuid::as_bytes), and what go-sev-guest reads (uuid.FromBytes); not the
 * EFI_GUID mixed-endian order. */
int sim_guid_parse(const char *s, uint8_t out[16])
{
	char hex[33];
	size_t n = 0;

	if (strlen(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
		return -EINVAL;
	for (size_t i = 0; i < 36; i++)
		if (s[i] != '-')
			hex[n++] = s[i];
	hex[n] = 0;
	return sim_hex_decode(hex, out, 16);
}
