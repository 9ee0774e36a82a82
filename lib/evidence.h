/* FUTEET unified evidence, first form (DESIGN.md section 5, docs/FORMATS.md):
 * a RATS CMW collection (draft-ietf-rats-msg-wrap, section
 * "CMW collections") holding two records:
 *
 *   {
 *     "tsm":      [ "application/vnd.veraison.tsm-report+cbor",
 *                   << { ? "auxblob": bstr, "outblob": bstr, "provider": tstr } >>, 4 ],
 *     "ccel":     [ EVIDENCE_CCEL_MEDIA_TYPE, << TCG2 event log >>, 4 ],   (TDX only)
 *     "futeet":   [ EVIDENCE_FUTEET_MEDIA_TYPE, << 601({ 10: nonce, ... }) >>, 4 ],
 *     "__cmwc_t": "tag:futeet.dev,2026:evidence/v1"
 *   }
 *
 * (keys in RFC 8949 section 4.2.1 order; 4 = the CMW "evidence" indicator).
 * Binding: REPORT_DATA = SHA-512(content of the "futeet" byte string), i.e.
 * of the encoded tag-601 claims set. No allocation; decode results point
 * into the caller's buffer. */
#ifndef FUTEET_LIB_EVIDENCE_H
#define FUTEET_LIB_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define EVIDENCE_CMWC_TYPE "tag:futeet.dev,2026:evidence/v1"
#define EVIDENCE_PROFILE   "tag:futeet.dev,2026:evidence/v1"
/* RFC 9782 media type for an unsigned claims set, with its EAT profile. */
#define EVIDENCE_FUTEET_MEDIA_TYPE \
	"application/eat-ucs+cbor; eat_profile=\"tag:futeet.dev,2026:evidence/v1\""
/* Veraison ratsd docs/tsm-report.cddl media type for a configfs-tsm report. */
#define EVIDENCE_TSM_MEDIA_TYPE "application/vnd.veraison.tsm-report+cbor"
/* The CC event log (lib/cclog.h: TCG PFP 1.05 crypto-agile, MR index n + 1
 * = RTMR n): the firmware's events and the kernel's own extends, so a
 * verifier can replay RTMR0..3. Not bound by REPORT_DATA: the quote's RTMRs
 * vouch for it. FUTEET's own media type (no registered one exists). */
#define EVIDENCE_CCEL_MEDIA_TYPE "application/vnd.futeet.tcg2-eventlog"
#define EVIDENCE_LABEL_CCEL   "ccel"
#define EVIDENCE_LABEL_FUTEET "futeet"
#define EVIDENCE_LABEL_TSM    "tsm"
#define EVIDENCE_LABEL_CMWC_T "__cmwc_t"
/* CMW record indicator bit set (draft-ietf-rats-msg-wrap): bit 2 = evidence. */
#define EVIDENCE_CMW_IND_EVIDENCE 4u

/* UCCS = CBOR tag 601 (RFC 9781). */
#define EVIDENCE_TAG_UCCS 601u
/* EAT / CWT claim keys (RFC 9711, RFC 8392). */
#define EAT_KEY_CNF        8
#define EAT_KEY_NONCE      10
#define EAT_KEY_PROFILE    265
#define EAT_KEY_SWNAME     270
#define EAT_KEY_SWVERSION  271
/* eat_nonce: 8..64 bytes (RFC 9711 section 4.1). */
#define EAT_NONCE_MIN 8u
#define EAT_NONCE_MAX 64u
/* FUTEET private claim keys: -75000 .. -75999 (docs/FORMATS.md), clear of
 * Veraison's -70000..-70002 and ratsd's -65537/-65538. */
#define FUTEET_KEY_FIRST   (-75000)
#define FUTEET_KEY_LAST    (-75999)
#define FUTEET_KEY_TEE     (-75000) /* tstr: "sev-snp", "tdx", ... (guest-asserted) */
#define FUTEET_KEY_CAPS    (-75002) /* map: the capability descriptor (lib/caps.h) */
#define FUTEET_KEY_CLAIMS  (-75003) /* map: normalized claims, text keys (hints) */
#define FUTEET_KEY_RTM_LOG (-75004) /* bstr: TCG2 event log of registers 2 and 3 */
#define FUTEET_KEY_RTM     (-75005) /* [ + [index, bstr .size 48] ]: registers 2, 3 */
#define FUTEET_KEY_USER    (-75006) /* any: the program's own claims */
#define EVIDENCE_RTM_MAX   4u       /* registers a claims set may list */
#define EVIDENCE_RTM_SIZE  48u      /* SHA-384 */

/* configfs-tsm providers (Linux Documentation/ABI/testing/configfs-tsm). */
#define EVIDENCE_PROVIDER_SNP     "sev_guest"
#define EVIDENCE_PROVIDER_SIM_SNP "sim_sev_guest"
#define EVIDENCE_PROVIDER_TDX     "tdx_guest"
#define EVIDENCE_PROVIDER_SIM_TDX "sim_tdx_guest"

#define EVIDENCE_REPORT_DATA_LEN 64u /* SHA-512 output = SNP/TDX REPORT_DATA size */

/* cnf (RFC 8747 proof-of-possession key, CWT key 8) = { 1: COSE_Key }, the
 * COSE_Key an EC2 public key (RFC 9053): kty 1 = 2 (EC2), crv -1 = 1
 * (P-256) or 2 (P-384), x -2, y -3 (big-endian coordinates). */
#define COSE_KEY_CNF_COSE_KEY 1
#define COSE_KEY_KTY   1
#define COSE_KEY_CRV  (-1)
#define COSE_KEY_X    (-2)
#define COSE_KEY_Y    (-3)
#define COSE_KTY_EC2   2
#define COSE_CRV_P256  1
#define COSE_CRV_P384  2
#define EVIDENCE_CNF_COORD_MAX 48u

/* What the kernel puts in the claims set. NULL/0 fields are left out. */
struct evidence_claims {
	const uint8_t *nonce;     /* required, EAT_NONCE_MIN..EAT_NONCE_MAX bytes */
	size_t nonce_len;
	const char *swname;       /* optional, e.g. "futeet" */
	const char *swversion;    /* optional, e.g. "0.1.0" */
	const char *tee;          /* optional FUTEET_KEY_TEE, guest-asserted */
	/* optional cnf: the attested key (e.g. a channel's ephemeral key) */
	int cnf_crv;              /* 0 = no cnf, else COSE_CRV_P256 / COSE_CRV_P384 */
	const uint8_t *cnf_x;     /* 32 (P-256) or 48 (P-384) bytes each */
	const uint8_t *cnf_y;
	/* optional, each one well-formed CBOR item written as it is */
	const uint8_t *caps;      /* FUTEET_KEY_CAPS map */
	size_t caps_len;
	const uint8_t *claims;    /* FUTEET_KEY_CLAIMS map */
	size_t claims_len;
	const uint8_t *user;      /* FUTEET_KEY_USER item */
	size_t user_len;
	/* optional runtime registers and their log (rtm_count 0: left out) */
	const uint8_t *rtm_log;   /* FUTEET_KEY_RTM_LOG */
	size_t rtm_log_len;
	uint32_t rtm_count;
	uint32_t rtm_index[EVIDENCE_RTM_MAX];
	const uint8_t *rtm_value[EVIDENCE_RTM_MAX];  /* 48 bytes each */
};

/* Encode the tag-601 claims set. 0, -EINVAL (bad nonce length or cnf), -ENOSPC. */
FUTEET_MUST_CHECK int evidence_claims_encode(const struct evidence_claims *c, uint8_t *buf, size_t cap,
			   size_t *len);

/* Encode the CMW collection. auxblob and the "ccel" event-log record may
 * each be NULL/0 (then left out). */
FUTEET_MUST_CHECK int evidence_encode(const uint8_t *claims, size_t claims_len, const char *provider,
		    const uint8_t *outblob, size_t out_len, const uint8_t *auxblob,
		    size_t aux_len, const uint8_t *ccel, size_t ccel_len, uint8_t *buf,
		    size_t cap, size_t *len);

/* A COSE_Key (RFC 9052 section 7) as a caller hands it: one map, EC2
 * (kty 2) on P-256 or P-384 with x and y (RFC 9053 section 7.1.1); other
 * parameters (kid, alg) are skipped. *x and *y point into key. 0 or
 * -EINVAL. */
FUTEET_MUST_CHECK int evidence_cose_key_decode(const uint8_t *key, size_t len, int *crv,
					       const uint8_t **x, const uint8_t **y);

/* The COSE_Key map at the decoder's position (evidence_cose_key_decode's
 * rules; *coord_len the length of x and y); shared with evidence_decode.c. */
struct cbor_dec;
int evidence_cose_key_get(struct cbor_dec *d, int *crv, const uint8_t **x, const uint8_t **y,
			  size_t *coord_len);

/* True if buf is exactly one well-formed CBOR item (strict as cbor.h). */
bool evidence_is_one_item(const uint8_t *buf, size_t len);

/* REPORT_DATA for a claims set: SHA-512 over exactly the claims bytes. */
void evidence_report_data(const uint8_t *claims, size_t len,
			  uint8_t out[EVIDENCE_REPORT_DATA_LEN]);

#endif
