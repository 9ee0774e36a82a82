/* Intel TDX Quote v4/v5 and TDREPORT_STRUCT parsers (hostile input).
 * Spec: Intel DCAP quote, appendix A.3 "Version 4 Quote Format" and A.4
 * "Version 5 Quote Format"; TDX Module ABI 348551, TDREPORT_STRUCT. The
 * layout is drawn in include/futeet/tdx_abi.h. Plain bounded C: every read is
 * an index checked against a length first, no casts of the buffer. */
#include "lib/tdx/quote.h"
#include "lib/bytes.h"
#include "futeet/errno.h"
#include <bearssl.h>
#include <string.h>

#define BODY(f) offsetof(struct tdx_td_body, f)

static void body_decode(const uint8_t *b, uint16_t body_type, struct tdx_body_info *o)
{
	memcpy(o->tee_tcb_svn, b + BODY(tee_tcb_svn), sizeof(o->tee_tcb_svn));
	memcpy(o->mrseam, b + BODY(mrseam), sizeof(o->mrseam));
	memcpy(o->mrsignerseam, b + BODY(mrsignerseam), sizeof(o->mrsignerseam));
	o->seam_attributes = bytes_le64(b + BODY(seam_attributes));
	o->td_attributes = bytes_le64(b + BODY(td_attributes));
	o->xfam = bytes_le64(b + BODY(xfam));
	memcpy(o->mrtd, b + BODY(mrtd), sizeof(o->mrtd));
	memcpy(o->mrconfigid, b + BODY(mrconfigid), sizeof(o->mrconfigid));
	memcpy(o->mrowner, b + BODY(mrowner), sizeof(o->mrowner));
	memcpy(o->mrownerconfig, b + BODY(mrownerconfig), sizeof(o->mrownerconfig));
	memcpy(o->rtmr, b + BODY(rtmr), sizeof(o->rtmr));
	memcpy(o->report_data, b + BODY(report_data), sizeof(o->report_data));
	if (body_type == TDX_BODY_TYPE_TD15) {
		memcpy(o->tee_tcb_svn2, b + BODY(tee_tcb_svn2), sizeof(o->tee_tcb_svn2));
		memcpy(o->mrservicetd, b + BODY(mrservicetd), sizeof(o->mrservicetd));
	}
}

/* Certification data header {u16 type, u32 size} at buf[off..end); the data
 * must fit in [off + 6, end). */
static int cert_data_hdr(const uint8_t *buf, size_t off, size_t end, uint16_t *type,
			 size_t *data_off, size_t *data_len)
{
	uint32_t sz;

	if (off > end || end - off < TDX_CERT_DATA_HDR_SIZE)
		return -EINVAL;
	*type = bytes_le16(buf + off);
	sz = bytes_le32(buf + off + 2);
	off += TDX_CERT_DATA_HDR_SIZE;
	if (sz > end - off)
		return -EINVAL;
	*data_off = off;
	*data_len = sz;
	return 0;
}

/* QE report certification data (A.3 "QE Report Certification Data"):
 * QE report (384) || QE report signature (64) || u16 auth_len || auth data
 * || certification data (type 5). It must fill [off, off + len) exactly. */
static int qe_report_cert_parse(const uint8_t *buf, size_t off, size_t len,
				struct tdx_quote_info *out)
{
	size_t end = off + len, pos = off, inner_off, inner_len;
	uint16_t auth_len;
	int rc;

	if (len < TDX_QE_REPORT_SIZE + TDX_ECDSA_SIG_SIZE + 2u)
		return -EINVAL;
	out->qe_report = buf + pos;
	pos += TDX_QE_REPORT_SIZE;
	memcpy(out->qe_report_sig, buf + pos, TDX_ECDSA_SIG_SIZE);
	pos += TDX_ECDSA_SIG_SIZE;
	auth_len = bytes_le16(buf + pos);
	pos += 2;
	if (auth_len > end - pos)
		return -EINVAL;
	out->qe_auth = buf + pos;
	out->qe_auth_len = auth_len;
	pos += auth_len;
	rc = cert_data_hdr(buf, pos, end, &out->pck_cert_type, &inner_off, &inner_len);
	if (rc)
		return rc;
	if (inner_off + inner_len != end)
		return -EINVAL;
	if (out->pck_cert_type != TDX_CERT_PCK_CHAIN)
		return -EOPNOTSUPP;
	out->pck_chain = buf + inner_off;
	out->pck_chain_len = inner_len;
	return 0;
}

int tdx_quote_parse(const uint8_t *buf, size_t len, struct tdx_quote_info *out)
{
	size_t body_off, sig_off, sig_end, cert_off, cert_len;
	uint32_t sig_len;
	int rc;

	if (!buf || !out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (len < TDX_QUOTE_HEADER_SIZE)
		return -EINVAL;

	/* Header (A.3 "Quote Header"). */
	out->version = bytes_le16(buf + offsetof(struct tdx_quote_header, version));
	out->att_key_type = bytes_le16(buf + offsetof(struct tdx_quote_header, att_key_type));
	out->tee_type = bytes_le32(buf + offsetof(struct tdx_quote_header, tee_type));
	out->qe_svn = bytes_le16(buf + offsetof(struct tdx_quote_header, qe_svn));
	out->pce_svn = bytes_le16(buf + offsetof(struct tdx_quote_header, pce_svn));
	memcpy(out->qe_vendor_id, buf + offsetof(struct tdx_quote_header, qe_vendor_id), 16);
	memcpy(out->user_data, buf + offsetof(struct tdx_quote_header, user_data), 20);
	if (out->version != TDX_QUOTE_V4 && out->version != TDX_QUOTE_V5)
		return -EOPNOTSUPP;
	if (out->att_key_type != TDX_ATT_KEY_ECDSA_P256)
		return -EOPNOTSUPP;
	if (out->tee_type != TDX_TEE_TYPE_TDX)
		return -EOPNOTSUPP;

	/* Body: v4 has a fixed TDX 1.0 body; v5 a descriptor (A.4). */
	if (out->version == TDX_QUOTE_V4) {
		out->body_type = TDX_BODY_TYPE_TD10;
		out->body_size = TDX_BODY_TD10_SIZE;
		body_off = TDX_QUOTE_V4_BODY_OFF;
	} else {
		if (len < TDX_QUOTE_V5_BODY_OFF)
			return -EINVAL;
		out->body_type = bytes_le16(buf + TDX_QUOTE_V5_DESC_OFF);
		out->body_size = bytes_le32(buf + TDX_QUOTE_V5_DESC_OFF + 2);
		if (out->body_type == TDX_BODY_TYPE_TD10) {
			if (out->body_size != TDX_BODY_TD10_SIZE)
				return -EINVAL;
		} else if (out->body_type == TDX_BODY_TYPE_TD15) {
			if (out->body_size != TDX_BODY_TD15_SIZE)
				return -EINVAL;
		} else {
			return -EOPNOTSUPP;
		}
		body_off = TDX_QUOTE_V5_BODY_OFF;
	}
	/* body_off + body_size + 4 <= 0x36 + 648 + 4: no overflow. */
	sig_off = body_off + out->body_size;
	if (len < sig_off + 4u)
		return -EINVAL;
	body_decode(buf + body_off, out->body_type, &out->body);
	out->signed_data = buf;
	out->signed_len = sig_off;

	/* Signature data (A.3 "ECDSA 256-bit Quote Signature Data Structure"). */
	sig_len = bytes_le32(buf + sig_off);
	sig_off += 4;
	if (sig_len > len - sig_off)
		return -EINVAL;
	sig_end = sig_off + sig_len;
	if (sig_len < TDX_ECDSA_SIG_SIZE + TDX_ECDSA_KEY_SIZE)
		return -EINVAL;
	memcpy(out->signature, buf + sig_off, TDX_ECDSA_SIG_SIZE);
	memcpy(out->att_key, buf + sig_off + TDX_ECDSA_SIG_SIZE, TDX_ECDSA_KEY_SIZE);
	rc = cert_data_hdr(buf, sig_off + TDX_ECDSA_SIG_SIZE + TDX_ECDSA_KEY_SIZE, sig_end,
			   &out->cert_type, &cert_off, &cert_len);
	if (rc)
		return rc;
	/* The certification data fills the signature data exactly. */
	if (cert_off + cert_len != sig_end)
		return -EINVAL;
	if (out->cert_type != TDX_CERT_QE_REPORT)
		return -EOPNOTSUPP;
	rc = qe_report_cert_parse(buf, cert_off, cert_len, out);
	if (rc)
		return rc;
	out->quote_len = sig_end;
	out->trailing_len = len - sig_end;
	return 0;
}

#define REP(f) offsetof(struct tdx_report, f)

int tdx_report_parse(const uint8_t *buf, size_t len, struct tdx_report_info *out)
{
	br_sha384_context h;
	uint8_t d[48];

	if (!buf || !out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (len != TDX_REPORT_SIZE)
		return -EINVAL;
	memcpy(out->report_type, buf + REP(reportmac.report_type), 4);
	if (out->report_type[0] != TDX_REPORT_TYPE_TDX)
		return -EINVAL;
	memcpy(out->cpusvn, buf + REP(reportmac.cpusvn), 16);
	memcpy(out->tee_tcb_info_hash, buf + REP(reportmac.tee_tcb_info_hash), 48);
	memcpy(out->tee_info_hash, buf + REP(reportmac.tee_info_hash), 48);
	memcpy(out->reportdata, buf + REP(reportmac.reportdata), 64);
	memcpy(out->mac, buf + REP(reportmac.mac), 32);
	memcpy(out->tee_tcb_svn, buf + REP(tee_tcb_info.tee_tcb_svn), 16);
	memcpy(out->mrseam, buf + REP(tee_tcb_info.mrseam), 48);
	memcpy(out->mrsignerseam, buf + REP(tee_tcb_info.mrsignerseam), 48);
	out->seam_attributes = bytes_le64(buf + REP(tee_tcb_info.attributes));
	memcpy(out->tee_tcb_svn2, buf + REP(tee_tcb_info.tee_tcb_svn2), 16);
	out->td_attributes = bytes_le64(buf + REP(tdinfo.attributes));
	out->xfam = bytes_le64(buf + REP(tdinfo.xfam));
	memcpy(out->mrtd, buf + REP(tdinfo.mrtd), 48);
	memcpy(out->mrconfigid, buf + REP(tdinfo.mrconfigid), 48);
	memcpy(out->mrowner, buf + REP(tdinfo.mrowner), 48);
	memcpy(out->mrownerconfig, buf + REP(tdinfo.mrownerconfig), 48);
	memcpy(out->rtmr, buf + REP(tdinfo.rtmr), sizeof(out->rtmr));
	memcpy(out->servtd_hash, buf + REP(tdinfo.servtd_hash), 48);

	/* REPORTMACSTRUCT: TEE_TCB_INFO_HASH = SHA-384 over the 239-byte
	 * TEE_TCB_INFO; TEE_INFO_HASH = SHA-384 over TDINFO_STRUCT. */
	br_sha384_init(&h);
	br_sha384_update(&h, buf + REP(tee_tcb_info), TDX_TEE_TCB_INFO_SIZE);
	br_sha384_out(&h, d);
	if (memcmp(d, out->tee_tcb_info_hash, 48) != 0)
		return -EBADMSG;
	br_sha384_init(&h);
	br_sha384_update(&h, buf + REP(tdinfo), TDX_TDINFO_SIZE);
	br_sha384_out(&h, d);
	if (memcmp(d, out->tee_info_hash, 48) != 0)
		return -EBADMSG;
	return 0;
}
