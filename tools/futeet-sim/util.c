/* Small helpers of the sim: little-endian stores, hex, EFI GUID strings. */
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

/* "aabbccdd-eeff-gghh-iijj-kkllmmnnoopp" to EFI_GUID memory order (UEFI 2.10
 * appendix A: Data1, Data2, Data3 little-endian, Data4 as written). */
int sim_guid_parse(const char *s, uint8_t out[16])
{
	uint8_t be[16];
	char hex[33];
	size_t n = 0;

	if (strlen(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
		return -EINVAL;
	for (size_t i = 0; i < 36; i++)
		if (s[i] != '-')
			hex[n++] = s[i];
	hex[n] = 0;
	if (sim_hex_decode(hex, be, 16))
		return -EINVAL;
	out[0] = be[3]; out[1] = be[2]; out[2] = be[1]; out[3] = be[0];
	out[4] = be[5]; out[5] = be[4];
	out[6] = be[7]; out[7] = be[6];
	memcpy(out + 8, be + 8, 8);
	return 0;
}
