/* CC event log (TCG2 crypto-agile) parser, replay and writer; layout drawn
 * in lib/cclog.h (TCG PFP 1.05 sections 10.2.1, 10.2.2, 10.4.5.1). */
#include <stdbool.h>
#include <string.h>

#include <bearssl.h>

#include "futeet/errno.h"
#include "lib/bytes.h"
#include "lib/cclog.h"

/* TCG_PCR_EVENT: pcrIndex 4, eventType 4, digest 20, eventSize 4. */
#define PCR_EVENT_HDR      32u
/* TCG_EfiSpecIdEvent up to numberOfAlgorithms (16 + 4 + 4 + 4). */
#define SPEC_ID_FIXED      28u
#define SPEC_ID_ALG_ENTRY  4u
/* TCG_PCR_EVENT2 up to TPML_DIGEST_VALUES.count. */
#define PCR_EVENT2_HDR     12u
#define SPEC_ERRATA_UINTN_U64 2u /* uintnSize 2 = UINT64 (TCG PFP 10.4.5.1) */

int cclog_begin(struct cclog_iter *it, const uint8_t *buf, size_t len)
{
	uint32_t esize, nalgs, off;
	bool sha384 = false;

	if (it == NULL || buf == NULL)
		return -EINVAL;
	memset(it, 0, sizeof(*it));
	if (len < PCR_EVENT_HDR + SPEC_ID_FIXED)
		return -EBADMSG;
	if (bytes_le32(buf + 4) != CCLOG_EV_NO_ACTION)
		return -EBADMSG;
	for (size_t i = 8; i < 28; i++)
		if (buf[i] != 0)
			return -EBADMSG; /* TCG PFP 10.4.5.1: digest is zero */
	esize = bytes_le32(buf + 28);
	if (esize < SPEC_ID_FIXED || esize > len - PCR_EVENT_HDR)
		return -EBADMSG;
	if (memcmp(buf + PCR_EVENT_HDR, CCLOG_SPEC_ID_SIGNATURE, 16) != 0)
		return -EBADMSG;
	nalgs = bytes_le32(buf + PCR_EVENT_HDR + 24);
	if (nalgs == 0 || nalgs > CCLOG_ALGS_MAX ||
	    nalgs * SPEC_ID_ALG_ENTRY + 1u > esize - SPEC_ID_FIXED)
		return -EBADMSG;
	off = PCR_EVENT_HDR + SPEC_ID_FIXED;
	for (uint32_t i = 0; i < nalgs; i++) {
		uint16_t id = bytes_le16(buf + off), sz = bytes_le16(buf + off + 2);

		if (sz == 0 || sz > 64)
			return -EBADMSG;
		for (uint32_t j = 0; j < i; j++)
			if (it->alg_id[j] == id)
				return -EBADMSG;
		if (id == CCLOG_SHA384_ALG) {
			if (sz != CCLOG_SHA384_SIZE)
				return -EBADMSG;
			sha384 = true;
		}
		it->alg_id[i] = id;
		it->alg_size[i] = sz;
		off += SPEC_ID_ALG_ENTRY;
	}
	/* vendorInfoSize, then vendorInfo, must end the event exactly. */
	if ((uint32_t)buf[off] != esize - SPEC_ID_FIXED - nalgs * SPEC_ID_ALG_ENTRY - 1u)
		return -EBADMSG;
	if (!sha384)
		return -EBADMSG;
	it->buf = buf;
	it->len = len;
	it->nalgs = nalgs;
	it->off = PCR_EVENT_HDR + esize;
	return 0;
}

static bool all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

int cclog_next(struct cclog_iter *it, struct cclog_event *ev)
{
	const uint8_t *buf;
	size_t off, len;
	uint32_t count, esize, nalgs;

	if (it == NULL || ev == NULL || it->buf == NULL)
		return -EINVAL;
	memset(ev, 0, sizeof(*ev));
	/* Index + length in locals: every check below is `off + n > len`
	 * before reading buf[off .. off + n) (off <= len and n <= 64, so no
	 * wrap), a relation Frama-C's EVA follows with its octagon domain
	 * (tests/prove/eva_cclog.c). */
	buf = it->buf;
	len = it->len;
	off = it->off;
	nalgs = it->nalgs < CCLOG_ALGS_MAX ? it->nalgs : CCLOG_ALGS_MAX;
	if (off > len)
		return -EBADMSG;
	if (off + 8 > len || all_bytes(buf + off, 8, 0xFF) || all_bytes(buf + off, 8, 0x00))
		return 0; /* end of buffer, or TDVF's unused area / zero padding */
	if (it->count >= CCLOG_EVENTS_MAX || off + PCR_EVENT2_HDR > len)
		return -EBADMSG;
	ev->mr_index = bytes_le32(buf + off);
	ev->type = bytes_le32(buf + off + 4);
	count = bytes_le32(buf + off + 8);
	if (count > nalgs)
		return -EBADMSG;
	off += PCR_EVENT2_HDR;
	for (uint32_t i = 0; i < count; i++) {
		uint16_t id, sz;
		uint32_t k;

		if (off + 2 > len)
			return -EBADMSG;
		id = bytes_le16(buf + off);
		for (k = 0; k < nalgs; k++)
			if (it->alg_id[k] == id)
				break;
		if (k >= nalgs)
			return -EBADMSG; /* an algorithm the Spec ID event did not declare */
		sz = it->alg_size[k];
		off += 2;
		if (off + sz > len)
			return -EBADMSG;
		if (id == CCLOG_SHA384_ALG) {
			if (ev->digest != NULL)
				return -EBADMSG; /* the same bank twice */
			/* cclog_begin took SHA-384 only as 48 bytes; checked again
			 * with the constant so that the digest's bound is a
			 * two-variable relation EVA keeps. */
			if (sz != CCLOG_SHA384_SIZE || off + CCLOG_SHA384_SIZE > len)
				return -EBADMSG;
			ev->digest = buf + off;
		}
		off += sz;
	}
	if (off + 4 > len)
		return -EBADMSG;
	esize = bytes_le32(buf + off);
	off += 4;
	if (esize > CCLOG_EVENT_DATA_MAX || esize > len - off)
		return -EBADMSG;
	ev->data = buf + off;
	ev->data_len = esize;
	it->off = off + esize;
	it->count++;
	return 1;
}

void cclog_extend(uint8_t rtmr[CCLOG_SHA384_SIZE], const uint8_t digest[CCLOG_SHA384_SIZE])
{
	br_sha384_context h;

	br_sha384_init(&h);
	br_sha384_update(&h, rtmr, CCLOG_SHA384_SIZE);
	br_sha384_update(&h, digest, CCLOG_SHA384_SIZE);
	br_sha384_out(&h, rtmr);
}

int cclog_replay(const uint8_t *buf, size_t len, uint8_t rtmr[CCLOG_RTMRS][CCLOG_SHA384_SIZE],
		 size_t *used, uint32_t *events)
{
	struct cclog_iter it;
	struct cclog_event ev;
	int rc;

	if (rtmr == NULL || used == NULL || events == NULL)
		return -EINVAL;
	memset(rtmr, 0, CCLOG_RTMRS * CCLOG_SHA384_SIZE);
	rc = cclog_begin(&it, buf, len);
	if (rc)
		return rc;
	while ((rc = cclog_next(&it, &ev)) == 1) {
		if (ev.type == CCLOG_EV_NO_ACTION)
			continue;
		if (ev.mr_index < 1 || ev.mr_index > CCLOG_RTMRS || ev.digest == NULL)
			return -EBADMSG;
		cclog_extend(rtmr[ev.mr_index - 1], ev.digest);
	}
	if (rc < 0)
		return rc;
	*used = it.off;
	*events = it.count;
	return 0;
}

int cclog_write_header(uint8_t *buf, size_t cap, size_t *len)
{
	const uint32_t esize = SPEC_ID_FIXED + SPEC_ID_ALG_ENTRY + 1u;
	uint8_t *p;

	if (buf == NULL || len == NULL)
		return -EINVAL;
	if (cap < PCR_EVENT_HDR + esize)
		return -ENOSPC;
	p = buf;
	memset(p, 0, PCR_EVENT_HDR + esize);
	/* pcrIndex 0; TDVF writes 1 here, TCG PFP 10.4.5.1 says 0: both parse. */
	bytes_put_le32(p + 4, CCLOG_EV_NO_ACTION);
	bytes_put_le32(p + 28, esize);
	p += PCR_EVENT_HDR;
	memcpy(p, CCLOG_SPEC_ID_SIGNATURE, 16);
	/* platformClass 0, specVersion 2.0 errata 0 (as TDVF), uintnSize 2 */
	p[21] = 2;
	p[23] = SPEC_ERRATA_UINTN_U64;
	bytes_put_le32(p + 24, 1);
	bytes_put_le16(p + 28, CCLOG_SHA384_ALG);
	bytes_put_le16(p + 30, CCLOG_SHA384_SIZE);
	/* vendorInfoSize 0 at p[32] (already zero) */
	*len = PCR_EVENT_HDR + esize;
	return 0;
}

int cclog_append(uint8_t *buf, size_t cap, size_t *len, uint32_t mr_index, uint32_t type,
		 const uint8_t digest[CCLOG_SHA384_SIZE], const void *data, uint32_t data_len)
{
	size_t need = PCR_EVENT2_HDR + 2 + CCLOG_SHA384_SIZE + 4 + (size_t)data_len;
	uint8_t *p;

	if (buf == NULL || len == NULL || digest == NULL || (data == NULL && data_len))
		return -EINVAL;
	if (*len > cap || cap - *len < need)
		return -ENOSPC;
	p = buf + *len;
	bytes_put_le32(p, mr_index);
	bytes_put_le32(p + 4, type);
	bytes_put_le32(p + 8, 1);
	bytes_put_le16(p + 12, CCLOG_SHA384_ALG);
	memcpy(p + 14, digest, CCLOG_SHA384_SIZE);
	bytes_put_le32(p + 14 + CCLOG_SHA384_SIZE, data_len);
	if (data_len)
		memcpy(p + 18 + CCLOG_SHA384_SIZE, data, data_len);
	*len += need;
	return 0;
}
