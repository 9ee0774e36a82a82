/* The sim-tdx personality: plays the TDX module (TDG.MR.REPORT,
 * TDG.MR.RTMR.EXTEND: TDX Module ABI 348551), the VMM's GetQuote
 * (TDG.VP.VMCALL<GetQuote>: GHCI 343961) and the quoting enclave (Quote v4:
 * Intel DCAP quote A.3), with keys derived from the committed seed.
 *
 *   op TDX_REPORT      REPORTDATA ─► TDREPORT_STRUCT: TDINFO (attributes,
 *                      xfam, MRTD, MRCONFIGID, MROWNER, RTMR0..3),
 *                      TEE_TCB_INFO, REPORTMACSTRUCT with SHA-384 of both,
 *                      MAC = HMAC-SHA-256(report MAC key, REPORTMACSTRUCT
 *                      bytes 0x00..0xDF) (sim stand-in for the CPU's MAC)
 *   op TDX_RTMR_EXTEND digest, index ─► RTMR[index] = SHA-384(RTMR || digest)
 *   op TDX_GET_QUOTE   shared buffer {version 1, status 0, in_len 1024,
 *                      out_len, TDREPORT} ─► the QE checks hashes and MAC,
 *                      builds the quote: header, TD body, ECDSA P-256 by the
 *                      attestation key over header||body, certification data
 *                      6 {QE report signed by the PCK, auth data, type 5 PCK
 *                      chain PEM}; status SUCCESS, out_len, quote at 0x18.
 * Host evil modes alter what the VMM writes back; firmware modes what the QE
 * signs. MRTD and RTMR1's events come from lib/measure (as the TDX module
 * computes MRTD over the firmware's TDVF sections, and as a TDVF with TCG
 * measurement extends RTMR1 for futeet.efi); RTMR0 is a stand-in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/sgx_report.h"
#include "futeet/simbox.h"
#include "lib/bytes.h"
#include "lib/cclog.h"
#include "lib/measure/ovmf.h"
#include "lib/measure/tdx.h"
#include "sim.h"
#include "tools/common/file.h"

/* TDX Module ABI 348551, "TDCALL completion status": TDX_OPERAND_INVALID. */
#define TDX_STATUS_OPERAND_INVALID 0xC000010000000000ull
/* GHCI 343961, TDG.VP.VMCALL status codes (R10). */
#define TDVMCALL_SUCCESS           0x0000000000000000ull
#define TDVMCALL_INVALID_OPERAND   0x8000000000000000ull
#define TDX_PAGE                   4096u
#define GETQUOTE_HDR               sizeof(struct tdx_getquote_hdr)
/* REPORTMACSTRUCT: the MAC covers the bytes before it (0x00..0xDF). */
#define REPORTMAC_MACED            offsetof(struct tdx_reportmac, mac)
#define QE_AUTH_LEN                32u
#define TDX_REPORT_SUBTYPE_TD      0u /* R8: TDG.MR.REPORT subtype 0 */

/* Sim platform identity (docs/SIM.md). */
const uint8_t sim_tdx_cpusvn[16] = { 4, 4, 13, 15, 3, 0xFF, 0, 3 };
const uint8_t sim_tdx_tee_tcb_svn[16] = { 3, 0, 4, 0 };
#define SIM_TDX_TCB_INFO_VALID 0x00000000000003FFull /* every TEE_TCB_INFO field up to attributes */
#define SIM_QE_ISV_PROD_ID     2u /* the TD quoting enclave's ISVPRODID */
static const uint8_t qe_attributes[16] = { 0x15, 0, 0, 0, 0, 0, 0, 0, 0xE7 };

const struct sim_evil_desc sim_tdx_evil_table[SIM_TDX_EVIL_COUNT] = {
	[SIM_TDX_EVIL_NONE] = { "none", "-", "honest host and firmware" },
	[SIM_TDX_EVIL_FLIP_REPORT_DATA] = { "flip-report-data", "host", "flips a REPORT_DATA byte of the quote in the shared buffer" },
	[SIM_TDX_EVIL_FLIP_MRTD] = { "flip-mrtd", "host", "flips an MRTD byte of the quote in the shared buffer" },
	[SIM_TDX_EVIL_FLIP_RTMR] = { "flip-rtmr", "host", "flips an RTMR2 byte of the quote in the shared buffer" },
	[SIM_TDX_EVIL_QUOTE_STATUS_ERROR] = { "quote-status-error", "host", "GetQuote status 0x8000000000000000 (error), no quote" },
	[SIM_TDX_EVIL_QGS_UNAVAILABLE] = { "qgs-unavailable", "host", "GetQuote status 0x8000000000000001 (QGS unavailable)" },
	[SIM_TDX_EVIL_NO_ANSWER] = { "no-answer", "host", "accepts GetQuote, leaves the status IN_FLIGHT forever" },
	[SIM_TDX_EVIL_SHORT] = { "short", "host", "GetQuote success with out_len 16" },
	[SIM_TDX_EVIL_OVERSIZE] = { "oversize", "host", "GetQuote success with out_len beyond the shared buffer" },
	[SIM_TDX_EVIL_BAD_SIGNATURE] = { "bad-signature", "firmware", "quote signature invalid (left to the verifier)" },
	[SIM_TDX_EVIL_BAD_PCK_CHAIN] = { "bad-pck-chain", "firmware", "the PCK certificate's signature is invalid (left to the verifier)" },
};

int sim_tdx_evil_parse(const char *name, enum sim_tdx_evil *out)
{
	for (int i = 0; i < SIM_TDX_EVIL_COUNT; i++) {
		if (strcmp(name, sim_tdx_evil_table[i].name) == 0) {
			*out = (enum sim_tdx_evil)i;
			return 0;
		}
	}
	return -EINVAL;
}

/* ---- keys ------------------------------------------------------------------ */

static void drbg_for(br_hmac_drbg_context *d, const uint8_t *seed, size_t seed_len,
		     const char *label)
{
	br_hmac_drbg_init(d, &br_sha256_vtable, seed, seed_len);
	br_hmac_drbg_update(d, label, strlen(label));
}

static int ec_key(const uint8_t *seed, size_t seed_len, const char *label, struct sim_ec_key *k)
{
	br_hmac_drbg_context d;
	int err = 0;

	drbg_for(&d, seed, seed_len, label);
	if (br_ec_keygen(&d.vtable, &br_ec_all_m31, &k->sk, k->priv, BR_EC_secp256r1) == 0 ||
	    br_ec_compute_pub(&br_ec_all_m31, &k->pk, k->pub, &k->sk) == 0)
		err = -EIO;
	futeet_wipe(&d, sizeof(d));
	return err;
}

int sim_tdx_keys_load(struct sim_tdx_keys *k, const uint8_t *seed, size_t seed_len)
{
	br_hmac_drbg_context d;
	int err;

	memset(k, 0, sizeof(*k));
	err = ec_key(seed, seed_len, "FUTEET-SIM TDX ROOT", &k->root);
	if (!err)
		err = ec_key(seed, seed_len, "FUTEET-SIM TDX PLATFORM CA", &k->pca);
	if (!err)
		err = ec_key(seed, seed_len, "FUTEET-SIM TDX PCK", &k->pck);
	if (!err)
		err = ec_key(seed, seed_len, "FUTEET-SIM TDX ATTESTATION KEY", &k->ak);
	if (!err)
		err = ec_key(seed, seed_len, "FUTEET-SIM TDX TCB SIGNING", &k->tcb);
	if (err)
		return err;
	drbg_for(&d, seed, seed_len, "FUTEET-SIM TDX REPORT MAC KEY");
	br_hmac_drbg_generate(&d, k->report_mac_key, sizeof(k->report_mac_key));
	drbg_for(&d, seed, seed_len, "FUTEET-SIM TDX PPID");
	br_hmac_drbg_generate(&d, k->ppid, sizeof(k->ppid));
	futeet_wipe(&d, sizeof(d));
	return 0;
}

/* ---- measurements (stand-ins, docs/SIM.md) ------------------------------ */

/* MRTD as the TDX module computes it over the TDVF sections the firmware's
 * TDX metadata lists (lib/measure, the code futeet-measure runs). A firmware
 * without TDX metadata cannot run as a TD: refused, never a made-up MRTD. */
int sim_tdx_mrtd(const char *ovmf_path, uint8_t out[48], const char **why)
{
	static uint8_t fw[OVMF_FW_MAX_SIZE + 1];
	size_t n;
	FILE *f = fopen(ovmf_path, "rb");

	*why = "cannot read the firmware file";
	if (!f)
		return -ENOENT;
	n = fread(fw, 1, sizeof(fw), f);
	fclose(f);
	if (n == sizeof(fw)) {
		*why = "the firmware file is larger than any OVMF";
		return -E2BIG;
	}
	return measure_tdx_mrtd(fw, n, out, why);
}

static void sha384(const void *p, size_t n, uint8_t out[48])
{
	br_sha384_context c;

	br_sha384_init(&c);
	br_sha384_update(&c, p, n);
	br_sha384_out(&c, out);
}

static void sha256(const void *a, size_t an, const void *b, size_t bn, uint8_t out[32])
{
	br_sha256_context c;

	br_sha256_init(&c);
	br_sha256_update(&c, a, an);
	if (bn)
		br_sha256_update(&c, b, bn);
	br_sha256_out(&c, out);
}

/* The firmware's events. RTMR0: one stand-in for TDVF's configuration
 * events (docs/SIM.md). RTMR1: the five events lib/measure computes for a
 * TDVF with TCG measurement that starts futeet.efi by QEMU direct boot (the
 * digests futeet-measure --platform tdx replays); the event data here is the
 * events' text (TDVF writes UEFI_IMAGE_LOAD_EVENT for the image). */
#define SIM_RTMR0_EVENT "FUTEET-SIM TDVF configuration (stand-in for TDVF's RTMR0 events)"
/* TCG PFP 1.05 10.4.1 event types. */
#define TCG_EV_PLATFORM_CONFIG_FLAGS 0x0000000Au
#define TCG_EV_SEPARATOR             0x00000004u
#define TCG_EV_EFI_ACTION            0x80000007u

static const struct {
	uint32_t type;
	const char *data;
	uint32_t len;
} rtmr1_events[SIM_TDX_RTMR1_EVENTS] = {
	{ CCLOG_EV_EFI_BOOT_SERVICES_APPLICATION, "futeet.efi (PE Authenticode SHA-384)", 36 },
	{ TCG_EV_EFI_ACTION, "Calling EFI Application from Boot Option", 40 },
	{ TCG_EV_SEPARATOR, "\0\0\0\0", 4 },
	{ TCG_EV_EFI_ACTION, "Exit Boot Services Invocation", 29 },
	{ TCG_EV_EFI_ACTION, "Exit Boot Services Returned with Success", 40 },
};

_Static_assert(SIM_TDX_RTMR1_EVENTS == TDX_RTMR1_EVENTS, "lib/measure's RTMR1 event count");

int sim_tdx_rtmr1_events(const char *kernel_path, const char *cmdline,
			 uint8_t ev[SIM_TDX_RTMR1_EVENTS][48], const char **why)
{
	uint8_t rtmr1[48], *img;
	size_t n;
	int err;

	*why = "cannot read the kernel file";
	err = tool_read_file(kernel_path, 64u << 20, &img, &n);
	if (err || n == 0) {
		free(img);
		return err ? err : -EINVAL;
	}
	err = measure_tdx_rtmr1(img, n, cmdline, strlen(cmdline), rtmr1, ev, why);
	free(img);
	return err;
}

int sim_tdx_init(struct sim_tdx *s, const struct sim_tdx_keys *k,
		 const struct sim_tdx_config *cfg, const uint8_t ev[SIM_TDX_RTMR1_EVENTS][48])
{
	uint8_t d[48];
	size_t used = 0;
	uint32_t events = 0;
	int err;

	memset(s, 0, sizeof(*s));
	s->keys = k;
	s->cfg = *cfg;
	sha384("FUTEET-SIM TDX MODULE", 21, s->mrseam);
	err = cclog_write_header(s->ccel, sizeof(s->ccel), &s->ccel_len);
	sha384(SIM_RTMR0_EVENT, strlen(SIM_RTMR0_EVENT), d);
	if (!err)
		err = cclog_append(s->ccel, sizeof(s->ccel), &s->ccel_len, CCLOG_MR_RTMR(0),
				   TCG_EV_PLATFORM_CONFIG_FLAGS, d, SIM_RTMR0_EVENT,
				   (uint32_t)strlen(SIM_RTMR0_EVENT));
	for (unsigned i = 0; i < SIM_TDX_RTMR1_EVENTS && !err; i++)
		err = cclog_append(s->ccel, sizeof(s->ccel), &s->ccel_len, CCLOG_MR_RTMR(1),
				   rtmr1_events[i].type, ev[i], rtmr1_events[i].data,
				   rtmr1_events[i].len);
	/* The TDX module's RTMRs start at zero; the firmware's extends are
	 * exactly the logged ones. */
	if (!err)
		err = cclog_replay(s->ccel, s->ccel_len, s->rtmr, &used, &events);
	if (!err)
		err = sim_tdx_certs_build(k, cfg->evil == SIM_TDX_EVIL_BAD_PCK_CHAIN, &s->certs);
	return err;
}

/* ---- the TDX module --------------------------------------------------------- */

static void mac_of(const struct sim_tdx_keys *k, const struct tdx_reportmac *rm, uint8_t out[32])
{
	br_hmac_key_context kc;
	br_hmac_context hc;

	br_hmac_key_init(&kc, &br_sha256_vtable, k->report_mac_key, sizeof(k->report_mac_key));
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, rm, REPORTMAC_MACED);
	br_hmac_out(&hc, out);
}

void sim_tdx_tdreport(const struct sim_tdx *s, const uint8_t reportdata[64],
		      struct tdx_report *r)
{
	memset(r, 0, sizeof(*r));
	/* TDINFO_STRUCT */
	bytes_put_le64(r->tdinfo.attributes, s->cfg.td_attributes);
	bytes_put_le64(r->tdinfo.xfam, s->cfg.xfam);
	memcpy(r->tdinfo.mrtd, s->cfg.mrtd, 48);
	memcpy(r->tdinfo.mrconfigid, s->cfg.mrconfigid, 48);
	memcpy(r->tdinfo.mrowner, s->cfg.mrowner, 48);
	memcpy(r->tdinfo.mrownerconfig, s->cfg.mrownerconfig, 48);
	memcpy(r->tdinfo.rtmr, s->rtmr, sizeof(r->tdinfo.rtmr));
	/* TEE_TCB_INFO */
	bytes_put_le64(r->tee_tcb_info.valid, SIM_TDX_TCB_INFO_VALID);
	memcpy(r->tee_tcb_info.tee_tcb_svn, sim_tdx_tee_tcb_svn, 16);
	memcpy(r->tee_tcb_info.mrseam, s->mrseam, 48);
	/* REPORTMACSTRUCT: type 0x81 (TDX), subtype 0, version 0 (TDX 1.0) */
	r->reportmac.report_type[0] = TDX_REPORT_TYPE_TDX;
	memcpy(r->reportmac.cpusvn, sim_tdx_cpusvn, 16);
	sha384(&r->tee_tcb_info, TDX_TEE_TCB_INFO_SIZE, r->reportmac.tee_tcb_info_hash);
	sha384(&r->tdinfo, TDX_TDINFO_SIZE, r->reportmac.tee_info_hash);
	memcpy(r->reportmac.reportdata, reportdata, 64);
	mac_of(s->keys, &r->reportmac, r->reportmac.mac);
}

/* ---- the quoting enclave ---------------------------------------------------- */

static int ct_diff(const uint8_t *a, const uint8_t *b, size_t n)
{
	return !bytes_ct_eq(a, b, n);
}

int sim_tdx_quote(const struct sim_tdx *s, const uint8_t *tdreport, size_t len,
		  uint8_t *out, size_t cap, size_t *out_len)
{
	static const uint8_t intel_qe_vendor[16] = TDX_INTEL_QE_VENDOR_ID;
	struct tdx_report r;
	struct tdx_td_body b;
	struct tdx_sgx_report_body qe;
	uint8_t h[48], mac[32], hash[32], auth[QE_AUTH_LEN], *p;
	const struct sim_tdx_keys *k = s->keys;
	size_t pem = s->certs.pem_len;
	size_t qe_cert = TDX_QE_REPORT_SIZE + TDX_ECDSA_SIG_SIZE + 2 + QE_AUTH_LEN +
			 TDX_CERT_DATA_HDR_SIZE + pem;
	size_t sig_len = TDX_ECDSA_SIG_SIZE + TDX_ECDSA_KEY_SIZE + TDX_CERT_DATA_HDR_SIZE + qe_cert;
	size_t total = TDX_QUOTE_V4_SIGLEN_OFF + 4 + sig_len;

	if (len != TDX_REPORT_SIZE)
		return -EBADMSG;
	memcpy(&r, tdreport, sizeof(r));
	/* What the QE checks before quoting: a TDX report, hashes, MAC. */
	if (r.reportmac.report_type[0] != TDX_REPORT_TYPE_TDX)
		return -EBADMSG;
	sha384(&r.tee_tcb_info, TDX_TEE_TCB_INFO_SIZE, h);
	if (ct_diff(h, r.reportmac.tee_tcb_info_hash, 48))
		return -EBADMSG;
	sha384(&r.tdinfo, TDX_TDINFO_SIZE, h);
	if (ct_diff(h, r.reportmac.tee_info_hash, 48))
		return -EBADMSG;
	mac_of(k, &r.reportmac, mac);
	if (ct_diff(mac, r.reportmac.mac, 32))
		return -EBADMSG;
	if (total > cap)
		return -ENOSPC;

	memset(out, 0, total);
	/* Header (A.3 "Quote Header"): qe_svn / pce_svn reserved for TDX. */
	bytes_put_le16(out + 0, TDX_QUOTE_V4);
	bytes_put_le16(out + 2, TDX_ATT_KEY_ECDSA_P256);
	bytes_put_le32(out + 4, TDX_TEE_TYPE_TDX);
	memcpy(out + 0x0C, intel_qe_vendor, 16);
	sha256("FUTEET-SIM TDQE ID", 18, NULL, 0, hash);
	memcpy(out + 0x1C, hash, 16); /* user_data: QE identifier, then zeros */
	/* TD quote body (A.3 "TD Quote Body") from the TDREPORT. */
	memset(&b, 0, sizeof(b));
	memcpy(b.tee_tcb_svn, r.tee_tcb_info.tee_tcb_svn, 16);
	memcpy(b.mrseam, r.tee_tcb_info.mrseam, 48);
	memcpy(b.mrsignerseam, r.tee_tcb_info.mrsignerseam, 48);
	memcpy(b.seam_attributes, r.tee_tcb_info.attributes, 8);
	memcpy(b.td_attributes, r.tdinfo.attributes, 8);
	memcpy(b.xfam, r.tdinfo.xfam, 8);
	memcpy(b.mrtd, r.tdinfo.mrtd, 48);
	memcpy(b.mrconfigid, r.tdinfo.mrconfigid, 48);
	memcpy(b.mrowner, r.tdinfo.mrowner, 48);
	memcpy(b.mrownerconfig, r.tdinfo.mrownerconfig, 48);
	memcpy(b.rtmr, r.tdinfo.rtmr, sizeof(b.rtmr));
	memcpy(b.report_data, r.reportmac.reportdata, 64);
	memcpy(out + TDX_QUOTE_V4_BODY_OFF, &b, TDX_BODY_TD10_SIZE);
	bytes_put_le32(out + TDX_QUOTE_V4_SIGLEN_OFF, (uint32_t)sig_len);
	p = out + TDX_QUOTE_V4_SIGLEN_OFF + 4;
	/* Signature by the attestation key over header || body (A.3). */
	sha256(out, TDX_QUOTE_V4_SIGLEN_OFF, NULL, 0, hash);
	if (br_ecdsa_i31_sign_raw(&br_ec_all_m31, &br_sha256_vtable, hash, &k->ak.sk, p) != 64)
		return -EIO;
	if (s->cfg.evil == SIM_TDX_EVIL_BAD_SIGNATURE)
		p[31] ^= 0x01;
	memcpy(p + 64, k->ak.pk.q + 1, 64); /* x || y without the 0x04 prefix */
	p += 128;
	bytes_put_le16(p, TDX_CERT_QE_REPORT);
	bytes_put_le32(p + 2, (uint32_t)qe_cert);
	p += TDX_CERT_DATA_HDR_SIZE;
	/* QE report: SGX REPORT body, REPORTDATA = SHA-256(AK || auth) || 0. */
	for (unsigned i = 0; i < QE_AUTH_LEN; i++)
		auth[i] = (uint8_t)i;
	memset(&qe, 0, sizeof(qe));
	memcpy(qe.cpusvn, sim_tdx_cpusvn, 16);
	memcpy(qe.attributes, qe_attributes, 16);
	sha256("FUTEET-SIM TDQE MRENCLAVE", 25, NULL, 0, qe.mrenclave);
	sha256("FUTEET-SIM TDQE MRSIGNER", 24, NULL, 0, qe.mrsigner);
	bytes_put_le16(qe.isv_prod_id, SIM_QE_ISV_PROD_ID);
	bytes_put_le16(qe.isv_svn, SIM_TDX_QE_SVN);
	sha256(k->ak.pk.q + 1, 64, auth, QE_AUTH_LEN, qe.report_data);
	memcpy(p, &qe, TDX_QE_REPORT_SIZE);
	sha256(&qe, TDX_QE_REPORT_SIZE, NULL, 0, hash);
	if (br_ecdsa_i31_sign_raw(&br_ec_all_m31, &br_sha256_vtable, hash, &k->pck.sk,
				  p + TDX_QE_REPORT_SIZE) != 64)
		return -EIO;
	p += TDX_QE_REPORT_SIZE + TDX_ECDSA_SIG_SIZE;
	bytes_put_le16(p, QE_AUTH_LEN);
	memcpy(p + 2, auth, QE_AUTH_LEN);
	p += 2 + QE_AUTH_LEN;
	bytes_put_le16(p, TDX_CERT_PCK_CHAIN);
	bytes_put_le32(p + 2, (uint32_t)pem);
	memcpy(p + TDX_CERT_DATA_HDR_SIZE, s->certs.pem, pem);
	*out_len = total;
	return 0;
}

/* ---- the mailbox (VMM side) -------------------------------------------------- */

static void get_quote(struct sim_tdx *s, uint8_t *buf, size_t len)
{
	struct tdx_getquote_hdr h;
	size_t qlen = 0;
	size_t room = len - GETQUOTE_HDR;
	uint64_t status = TDX_GETQUOTE_STATUS_SUCCESS;
	uint32_t out_len;
	int err;

	memcpy(&h, buf, sizeof(h));
	if (h.in_len != TDX_REPORT_SIZE || h.in_len > room) {
		status = TDX_GETQUOTE_STATUS_ERROR;
		out_len = 0;
		goto done;
	}
	switch (s->cfg.evil) {
	case SIM_TDX_EVIL_QUOTE_STATUS_ERROR:
		h.status = TDX_GETQUOTE_STATUS_ERROR;
		h.out_len = 0;
		memcpy(buf, &h, sizeof(h));
		return;
	case SIM_TDX_EVIL_QGS_UNAVAILABLE:
		h.status = TDX_GETQUOTE_STATUS_QGS_UNAVAILABLE;
		h.out_len = 0;
		memcpy(buf, &h, sizeof(h));
		return;
	case SIM_TDX_EVIL_NO_ANSWER:
		h.status = TDX_GETQUOTE_STATUS_IN_FLIGHT;
		memcpy(buf, &h, sizeof(h));
		return;
	default:
		break;
	}
	{
		static uint8_t q[SIMBOX_DATA_MAX];
		err = sim_tdx_quote(s, buf + GETQUOTE_HDR, h.in_len, q, sizeof(q), &qlen);
		if (err || qlen > room) {
			status = TDX_GETQUOTE_STATUS_ERROR;
			out_len = 0;
			goto done;
		}
		memset(buf + GETQUOTE_HDR, 0, room);
		memcpy(buf + GETQUOTE_HDR, q, qlen);
	}
	out_len = (uint32_t)qlen;
	/* Host evil modes: the quote altered in shared memory after signing. */
	{
		uint8_t *body = buf + GETQUOTE_HDR + TDX_QUOTE_V4_BODY_OFF;
		switch (s->cfg.evil) {
		case SIM_TDX_EVIL_FLIP_REPORT_DATA:
			body[offsetof(struct tdx_td_body, report_data)] ^= 0x01;
			break;
		case SIM_TDX_EVIL_FLIP_MRTD:
			body[offsetof(struct tdx_td_body, mrtd)] ^= 0x01;
			break;
		case SIM_TDX_EVIL_FLIP_RTMR:
			body[offsetof(struct tdx_td_body, rtmr) + 2 * 48] ^= 0x01;
			break;
		case SIM_TDX_EVIL_SHORT:
			out_len = 16;
			break;
		case SIM_TDX_EVIL_OVERSIZE:
			out_len = (uint32_t)len; /* beyond len - 24: reads past the buffer */
			break;
		default:
			break;
		}
	}
done:
	h.status = status;
	h.out_len = out_len;
	memcpy(buf, &h, sizeof(h));
}

bool sim_tdx_mailbox(struct sim_tdx *s, uint32_t op, const uint8_t *req, uint32_t req_len,
		     uint64_t aux_in, uint8_t *rsp, size_t cap, uint32_t *rsp_len,
		     uint64_t *ret, uint64_t *ret_aux)
{
	*rsp_len = 0;
	*ret = 0;
	*ret_aux = 0;
	switch (op) {
	case SIMBOX_OP_TDX_REPORT: {
		struct tdx_report r;
		/* TDX Module ABI 348551 TDG.MR.REPORT: subtype (R8) must be 0. */
		if (req_len != TDX_REPORTDATA_SIZE || aux_in != TDX_REPORT_SUBTYPE_TD ||
		    cap < TDX_REPORT_SIZE) {
			*ret = TDX_STATUS_OPERAND_INVALID;
			return true;
		}
		sim_tdx_tdreport(s, req, &r);
		memcpy(rsp, &r, sizeof(r));
		*rsp_len = sizeof(r);
		return true;
	}
	case SIMBOX_OP_TDX_RTMR_EXTEND:
		/* TDG.MR.RTMR.EXTEND: index (RDX) 0..3, a 48-byte digest. */
		if (req_len != TDX_MR_SIZE || aux_in >= TDX_NUM_RTMRS) {
			*ret = TDX_STATUS_OPERAND_INVALID;
			return true;
		}
		cclog_extend(s->rtmr[aux_in], req);
		return true;
	case SIMBOX_OP_TDX_GET_QUOTE: {
		struct tdx_getquote_hdr h;
		/* GHCI 343961 GetQuote (as QEMU checks it): a non-empty buffer of
		 * whole 4 KiB pages, header version 1, status 0 on entry. */
		if (req_len == 0 || req_len % TDX_PAGE != 0 || req_len > cap ||
		    req_len < GETQUOTE_HDR + TDX_REPORT_SIZE) {
			*ret = TDVMCALL_INVALID_OPERAND;
			return true;
		}
		memcpy(&h, req, sizeof(h));
		if (h.version != TDX_GETQUOTE_VERSION || h.status != TDX_GETQUOTE_STATUS_SUCCESS) {
			*ret = TDVMCALL_INVALID_OPERAND;
			return true;
		}
		memcpy(rsp, req, req_len);
		get_quote(s, rsp, req_len);
		*rsp_len = req_len;
		*ret = TDVMCALL_SUCCESS;
		return true;
	}
	default:
		*ret = TDX_STATUS_OPERAND_INVALID;
		return true;
	}
}
