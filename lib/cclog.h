/* Confidential-computing event log (the TDX CCEL): TCG2 "crypto agile" event
 * log format, as TDVF writes it and as the FUTEET kernel continues it.
 * Spec: "TCG PC Client Platform Firmware Profile Specification", level 00
 * version 1.05 rev 23 (cited "TCG PFP 1.05"), section 10.2.1 TCG_PCR_EVENT,
 * 10.2.2 TCG_PCR_EVENT2, 10.4.5.1 TCG_EfiSpecIdEvent; the MR index mapping of
 * the "Intel TDX Virtual Firmware Design Guide" rev 1.01 (cited "TDVF Design Guide"),
 * section 10.2: MR index 0 = MRTD, 1..4 = RTMR0..3. All integers little-endian.
 *
 *   TCG_PCR_EVENT (first record, SHA-1 format):
 *     u32 pcrIndex, u32 eventType = EV_NO_ACTION, u8 digest[20] = 0,
 *     u32 eventSize, TCG_EfiSpecIdEvent {
 *       char signature[16] = "Spec ID Event03\0", u32 platformClass,
 *       u8 specVersionMinor, specVersionMajor, specErrata, uintnSize,
 *       u32 numberOfAlgorithms, { u16 algorithmId, u16 digestSize }[n],
 *       u8 vendorInfoSize, vendorInfo[] }
 *   TCG_PCR_EVENT2 (every further record):
 *     u32 pcrIndex (MR index), u32 eventType,
 *     TPML_DIGEST_VALUES { u32 count, { u16 hashAlg, digest[size] }[count] },
 *     u32 eventSize, u8 event[eventSize]
 *
 * A log ends at the end of its buffer, or at a record header of all 0xFF
 * (TDVF's unused log area) or all zero bytes. The parser is bounded: index +
 * length, no recursion, at most CCLOG_EVENTS_MAX records. */
#ifndef FUTEET_LIB_CCLOG_H
#define FUTEET_LIB_CCLOG_H

#include <stddef.h>
#include <stdint.h>

#define CCLOG_SHA384_ALG      0x000Cu /* TCG Algorithm Registry: TPM_ALG_SHA384 */
#define CCLOG_SHA384_SIZE     48u
#define CCLOG_ALGS_MAX        8u      /* digest banks a log may declare */
#define CCLOG_EVENTS_MAX      4096u
#define CCLOG_EVENT_DATA_MAX  (1u << 20) /* one event's data; bounded anyway by len */

/* TCG PFP 1.05 section 10.4.1 event types used here. */
#define CCLOG_EV_NO_ACTION    0x00000003u
#define CCLOG_EV_SEPARATOR    0x00000004u
#define CCLOG_EV_EVENT_TAG    0x00000006u
#define CCLOG_EV_IPL          0x0000000Du
#define CCLOG_EV_EFI_BOOT_SERVICES_APPLICATION 0x80000003u

/* TDVF Design Guide 10.2: MR index of RTMR n is n + 1; 0 is MRTD (never extended). */
#define CCLOG_MR_RTMR(n)      ((uint32_t)(n) + 1u)
#define CCLOG_RTMRS           4u

#define CCLOG_SPEC_ID_SIGNATURE "Spec ID Event03" /* with its NUL: 16 bytes */

/* One record, pointers into the log. digest is the SHA-384 digest, or NULL
 * when the record carries none (only allowed for EV_NO_ACTION). */
struct cclog_event {
	uint32_t mr_index;
	uint32_t type;
	const uint8_t *digest;
	const uint8_t *data;
	uint32_t data_len;
};

struct cclog_iter {
	const uint8_t *buf;
	size_t len;
	size_t off;                 /* next record */
	uint32_t nalgs;
	uint16_t alg_id[CCLOG_ALGS_MAX];
	uint16_t alg_size[CCLOG_ALGS_MAX];
	uint32_t count;             /* records returned so far */
};

/* Check the TCG_PCR_EVENT + Spec ID event at the start of buf: SHA-384 must
 * be one of the declared algorithms. 0 or -EBADMSG. */
int cclog_begin(struct cclog_iter *it, const uint8_t *buf, size_t len);

/* The next record: 1 with *ev filled, 0 at the end of the log (it->off is
 * then the used length), -EBADMSG on a malformed record. */
int cclog_next(struct cclog_iter *it, struct cclog_event *ev);

/* Replay: rtmr[i] starts at zero and becomes SHA-384(rtmr[i] || digest) for
 * every record with MR index i + 1 (EV_NO_ACTION records are not extended,
 * TCG PFP 1.05 10.4.1). *used = the log's used length, *events = records.
 * 0, or -EBADMSG (malformed log, an MR index above 4, an extended record
 * without a SHA-384 digest). */
int cclog_replay(const uint8_t *buf, size_t len, uint8_t rtmr[CCLOG_RTMRS][CCLOG_SHA384_SIZE],
		 size_t *used, uint32_t *events);

/* The TDX extend rule (TDX Module ABI 348551, TDG.MR.RTMR.EXTEND):
 * rtmr = SHA-384(rtmr || digest). */
void cclog_extend(uint8_t rtmr[CCLOG_SHA384_SIZE], const uint8_t digest[CCLOG_SHA384_SIZE]);

/* Writers of a SHA-384-only log. Both return 0 or -ENOSPC (nothing written).
 * cclog_write_header: the TCG_PCR_EVENT with the Spec ID event. */
int cclog_write_header(uint8_t *buf, size_t cap, size_t *len);
/* Append one TCG_PCR_EVENT2 at *len. */
int cclog_append(uint8_t *buf, size_t cap, size_t *len, uint32_t mr_index, uint32_t type,
		 const uint8_t digest[CCLOG_SHA384_SIZE], const void *data, uint32_t data_len);

#endif
