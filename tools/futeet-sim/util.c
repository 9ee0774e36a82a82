/* Small helpers of the sim: hex, GUID strings. */
#include <string.h>
#include "lib/hex.h"
#include "futeet/errno.h"
#include "sim.h"

/* Exactly 2*out_len hex digits. */
int sim_hex_decode(const char *hex, uint8_t *out, size_t out_len)
{
	return hex_decode(hex, strlen(hex), out, out_len);
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
