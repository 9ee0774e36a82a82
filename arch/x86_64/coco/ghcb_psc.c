/* Page State Change descriptor (arch/x86_64/coco/ghcb_psc.h). */
#include <string.h>

#include "futeet/errno.h"
#include "arch/x86_64/coco/ghcb_msr.h"
#include "arch/x86_64/coco/ghcb_psc.h"

uint64_t ghcb_psc_entry(uint64_t gfn, unsigned op, bool size_2m)
{
	return ((gfn & GHCB_GFN_MASK) << 12) | ((uint64_t)(op & 0xF) << 52) |
	       ((uint64_t)(size_2m ? 1 : 0) << 56);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

int ghcb_psc_desc_fill(uint8_t *buf, size_t cap, uint64_t gfn, unsigned n, unsigned op,
		       bool size_2m)
{
	uint64_t step = size_2m ? 512 : 1;

	if (n == 0 || n > GHCB_PSC_MAX_ENTRIES || cap < GHCB_SHARED_BUFFER_LEN ||
	    (op != GHCB_PSC_OP_PRIVATE && op != GHCB_PSC_OP_SHARED) || (gfn & (step - 1)))
		return -EINVAL;
	memset(buf, 0, GHCB_SHARED_BUFFER_LEN);
	put16(buf, 0);
	put16(buf + 2, (uint16_t)(n - 1));
	for (unsigned i = 0; i < n; i++)
		put64(buf + GHCB_PSC_HDR_LEN + GHCB_PSC_ENTRY_LEN * i,
		      ghcb_psc_entry(gfn + step * i, op, size_2m));
	return 0;
}

int ghcb_psc_check(const uint8_t hdr[GHCB_PSC_HDR_LEN], uint64_t exit_info2, uint16_t *cur,
		   uint16_t end)
{
	uint16_t new_cur = (uint16_t)(hdr[0] | (hdr[1] << 8));
	uint16_t new_end = (uint16_t)(hdr[2] | (hdr[3] << 8));

	if (exit_info2 != 0)
		return -EIO;
	if (hdr[4] | hdr[5] | hdr[6] | hdr[7])
		return -EPROTO;
	if (new_end != end || new_cur < *cur || new_cur > end + 1)
		return -EPROTO;
	*cur = new_cur;
	return new_cur > end ? 0 : -EAGAIN;
}
