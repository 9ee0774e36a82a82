/* RTMR1 and the PE Authenticode digest (see tdx.h): not implemented yet.
 * Both return -EOPNOTSUPP with a reason, so a caller can say plainly that it
 * has no reference value rather than print a made-up one. */
#include "lib/measure/tdx.h"
#include "futeet/errno.h"

int measure_pe_authenticode_sha384(const uint8_t *pe, size_t len, uint8_t out[TDX_MR_SIZE],
				   const char **why)
{
	*why = "PE Authenticode digest not implemented yet";
	return -EOPNOTSUPP;
}

int measure_tdx_rtmr1(const uint8_t *efi, size_t len, uint8_t out[TDX_MR_SIZE], const char **why)
{
	*why = "RTMR1 reference value not implemented yet";
	return -EOPNOTSUPP;
}
