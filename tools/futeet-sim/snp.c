/* The sim-snp personality: plays the SNP hypervisor (GHCB 56421 rev 2.03
 * section 4.1.8, guest requests) and the PSP firmware (SNP ABI 56860 rev
 * 1.57 chapter 7, guest messages; ATTESTATION_REPORT table).
 *
 *   mailbox request page ──► host checks (op, lengths, cert buffer pages)
 *                              │ host evil modes: busy, no answer, too small
 *                              ▼
 *                            PSP: header checks, seqno == expected[vmpck],
 *                              AES-256-GCM decrypt (IV = seqno LE, AAD =
 *                              header 0x30..0x5F), handle REPORT/KEY request,
 *                              encrypt response with seqno+1, expected += 2
 *                              │ firmware evil modes change the plaintext
 *                              ▼
 *                            host evil modes change the response page
 *   mailbox response ◄──── response page (+ certificate table for EXT)
 *
 * A firmware error (bad header, wrong seqno, bad tag, unsupported message)
 * is returned in SW_EXITINFO2 bits 31:0 and consumes no sequence number. */
#include <string.h>
#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/simbox.h"
#include "lib/bytes.h"
#include "sim.h"

/* Sim platform constants (Genoa-like; docs/SIM.md). */
const struct sim_tcb sim_tcb_fixed = { .bl = 9, .tee = 0, .snp = 21, .ucode = 72 };
#define SIM_CPUID_FAM  0x19u /* AMD family 19h */
#define SIM_CPUID_MOD  0x11u /* Genoa */
#define SIM_CPUID_STEP 0x01u
#define SIM_FMS        0x00A10F11u /* CPUID Fn0000_0001 EAX for 19h/11h/1 */
#define SIM_FW_MAJOR   1
#define SIM_FW_MINOR   55
#define SIM_FW_BUILD   21
#define SIM_PLATFORM_INFO 0x1ull /* SNP ABI PLATFORM_INFO bit 0 SMT_EN */
#define SIM_SECRETS_VERSION 3u   /* layout with the VMSA tweak bitmap at 0x100 */
#define SIM_REPORT_VERSION 5u    /* SNP ABI 1.57 ATTESTATION_REPORT VERSION */
#define SIM_MSG_VERSION 1u       /* MSG_REPORT_REQ / MSG_KEY_REQ version 1 */
#define SIM_KEY_FIELD_MASK 0x3Full /* GUEST_FIELD_SELECT bits 0..5 (msg version 1) */

const struct sim_evil_desc sim_evil_table[SIM_EVIL_COUNT] = {
	[SIM_EVIL_NONE] = { "none", "-", "honest host and firmware" },
	[SIM_EVIL_BAD_TAG] = { "bad-tag", "host", "flips a bit of the response's AES-GCM tag" },
	[SIM_EVIL_REPLAY] = { "replay", "host", "answers with the previous response page (first time: sequence number = request's - 1)" },
	[SIM_EVIL_SKIP] = { "skip", "host", "response sequence number = request's + 3" },
	[SIM_EVIL_SHORT] = { "short", "firmware", "response msg_sz 16, too short for the response type (re-encrypted)" },
	[SIM_EVIL_OVERSIZE] = { "oversize", "host", "response msg_sz 0xFFFF, beyond the page" },
	[SIM_EVIL_BUSY_FOREVER] = { "busy-forever", "host", "always answers VMM error BUSY" },
	[SIM_EVIL_NO_ANSWER] = { "no-answer", "host", "never acknowledges a request" },
	[SIM_EVIL_TOO_SMALL_PLAIN] = { "too-small-on-plain-request", "host", "answers INVALID_LEN to a plain (non-extended) guest request" },
	[SIM_EVIL_WRONG_TYPE] = { "wrong-type", "firmware", "response msg_type = the request's type (re-encrypted under the VMPCK)" },
	[SIM_EVIL_WRONG_VERSION] = { "wrong-version", "firmware", "response msg_version = request's + 1 (re-encrypted)" },
	[SIM_EVIL_BAD_STATUS] = { "bad-status", "firmware", "status 0x16 in MSG_REPORT_RSP / MSG_KEY_RSP (re-encrypted)" },
	[SIM_EVIL_BAD_SIGNATURE] = { "bad-signature", "firmware", "report signature invalid (left to the verifier)" },
	[SIM_EVIL_FLIP_MEASUREMENT] = { "flip-measurement", "firmware", "MEASUREMENT differs from the true one, correctly signed: firmware could lie (left to the verifier's policy)" },
};

int sim_evil_parse(const char *name, enum sim_evil *out)
{
	for (int i = 0; i < SIM_EVIL_COUNT; i++) {
		if (strcmp(name, sim_evil_table[i].name) == 0) {
			*out = (enum sim_evil)i;
			return 0;
		}
	}
	return -EINVAL;
}

/* TCB_VERSION, Milan/Genoa layout: byte 0 boot loader, 1 TEE, 6 SNP, 7 microcode. */
uint64_t sim_tcb_encode(const struct sim_tcb *t)
{
	return (uint64_t)t->bl | (uint64_t)t->tee << 8 | (uint64_t)t->snp << 48 |
	       (uint64_t)t->ucode << 56;
}

static void hmac_sha256(const uint8_t *key, size_t key_len, const void *a, size_t a_len,
			const void *b, size_t b_len, uint8_t out[32])
{
	br_hmac_key_context kc;
	br_hmac_context hc;

	br_hmac_key_init(&kc, &br_sha256_vtable, key, key_len);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, a, a_len);
	br_hmac_update(&hc, b, b_len);
	br_hmac_out(&hc, out);
	futeet_wipe(&kc, sizeof(kc));
	futeet_wipe(&hc, sizeof(hc));
}

int sim_snp_init(struct sim_snp *s, const struct sim_keys *k,
		 const struct sim_snp_config *cfg, const uint8_t boot_nonce[32])
{
	int err;

	memset(s, 0, sizeof(*s));
	s->keys = k;
	s->cfg = *cfg;
	if (cfg->vmpl > 3)
		return -EINVAL;
	/* Per boot, like the PSP at launch: VMPCKn = HMAC(platform secret,
	 * "FUTEET-SIM VMPCKn" || boot nonce); REPORT_ID likewise. */
	for (int i = 0; i < 4; i++) {
		char label[] = "FUTEET-SIM VMPCK0";
		label[sizeof(label) - 2] = (char)('0' + i);
		hmac_sha256(k->platform_secret, 32, label, sizeof(label) - 1, boot_nonce, 32,
			    s->vmpck[i]);
		s->expected_seqno[i] = 1; /* the PSP expects 1 first */
	}
	hmac_sha256(k->platform_secret, 32, "FUTEET-SIM REPORT_ID", 20, boot_nonce, 32,
		    s->report_id);
	err = sim_cert_vcek(k, s->certs[0], SIM_CERT_MAX, &s->cert_len[0]);
	if (!err)
		err = sim_cert_ask(k, s->certs[1], SIM_CERT_MAX, &s->cert_len[1]);
	if (!err)
		err = sim_cert_ark(k, s->certs[2], SIM_CERT_MAX, &s->cert_len[2]);
	return err;
}

void sim_snp_wipe(struct sim_snp *s)
{
	futeet_wipe(s, sizeof(*s));
}

void sim_snp_secrets_page(const struct sim_snp *s, struct snp_secrets_page *out)
{
	memset(out, 0, sizeof(*out));
	out->version = SIM_SECRETS_VERSION;
	out->fms = SIM_FMS;
	/* A guest at VMPL n gets VMPCKn..3 only (an SVSM zeroes the others). */
	for (uint32_t i = s->cfg.vmpl; i < 4; i++)
		memcpy(out->vmpck[i], s->vmpck[i], SNP_VMPCK_LEN);
}

/* GHCB 56421 4.1.8.1: entries {GUID, offset, length}, an all-zero entry
 * last, then the certificates; offsets from the start of the buffer. */
#define CERT_TABLE_ENTRIES 3
size_t sim_snp_cert_table_len(const struct sim_snp *s)
{
	size_t n = (CERT_TABLE_ENTRIES + 1) * sizeof(struct snp_cert_entry);
	for (int i = 0; i < CERT_TABLE_ENTRIES; i++)
		n += s->cert_len[i];
	return n;
}

static void cert_table_write(const struct sim_snp *s, uint8_t *out)
{
	static const char *const guids[CERT_TABLE_ENTRIES] = { SNP_GUID_VCEK, SNP_GUID_ASK,
							       SNP_GUID_ARK };
	size_t off = (CERT_TABLE_ENTRIES + 1) * sizeof(struct snp_cert_entry);
	struct snp_cert_entry e;

	for (int i = 0; i < CERT_TABLE_ENTRIES; i++) {
		memset(&e, 0, sizeof(e));
		if (sim_guid_parse(guids[i], e.guid))
			memset(e.guid, 0, 16); /* cannot happen: constant strings */
		e.offset = (uint32_t)off;
		e.length = (uint32_t)s->cert_len[i];
		memcpy(out + i * sizeof(e), &e, sizeof(e));
		memcpy(out + off, s->certs[i], s->cert_len[i]);
		off += s->cert_len[i];
	}
	memset(out + CERT_TABLE_ENTRIES * sizeof(e), 0, sizeof(e));
}

/* AES-256-GCM over the payload in place; IV = seqno LE in bytes 0..7 of 12;
 * AAD = header bytes 0x30..0x5F; tag in authtag[0..15] (SNP ABI 56860 ch. 7). */
static void msg_gcm_init(br_gcm_context *g, br_aes_ct64_ctr_keys *aes, const uint8_t key[32],
			 const struct snp_msg_hdr *h)
{
	uint8_t iv[12] = { 0 };

	bytes_put_le64(iv, h->msg_seqno);
	br_aes_ct64_ctr_init(aes, key, 32);
	br_gcm_init(g, &aes->vtable, br_ghash_ctmul64);
	br_gcm_reset(g, iv, sizeof(iv));
	br_gcm_aad_inject(g, (const uint8_t *)h + SNP_MSG_AAD_OFF, SNP_MSG_AAD_LEN);
	br_gcm_flip(g);
}

static void msg_encrypt(const uint8_t key[32], struct snp_guest_msg *m)
{
	br_aes_ct64_ctr_keys aes;
	br_gcm_context g;

	msg_gcm_init(&g, &aes, key, &m->hdr);
	br_gcm_run(&g, 1, m->payload, m->hdr.msg_sz);
	memset(m->hdr.authtag, 0, sizeof(m->hdr.authtag));
	br_gcm_get_tag(&g, m->hdr.authtag);
	futeet_wipe(&aes, sizeof(aes));
	futeet_wipe(&g, sizeof(g));
}

/* Returns 1 when the tag verifies (constant-time compare in BearSSL). */
static int msg_decrypt(const uint8_t key[32], struct snp_guest_msg *m)
{
	br_aes_ct64_ctr_keys aes;
	br_gcm_context g;
	uint32_t ok;

	msg_gcm_init(&g, &aes, key, &m->hdr);
	br_gcm_run(&g, 0, m->payload, m->hdr.msg_sz);
	ok = br_gcm_check_tag(&g, m->hdr.authtag);
	futeet_wipe(&aes, sizeof(aes));
	futeet_wipe(&g, sizeof(g));
	return (int)ok;
}

static void sign_report(const struct sim_snp *s, struct snp_report *r)
{
	uint8_t hash[48], sig[96];
	br_sha384_context h;

	br_sha384_init(&h);
	br_sha384_update(&h, r, SNP_SIGNED_LEN);
	br_sha384_out(&h, hash);
	/* Raw ECDSA (r || s, big-endian, 48 bytes each), RFC 6979 nonces. */
	memset(sig, 0, sizeof(sig));
	br_ecdsa_i31_sign_raw(&br_ec_all_m31, &br_sha384_vtable, hash, &s->keys->vcek_sk, sig);
	memset(r->sig_r, 0, sizeof(r->sig_r));
	memset(r->sig_s, 0, sizeof(r->sig_s));
	for (int i = 0; i < 48; i++) { /* little-endian, zero padded to 72 bytes */
		r->sig_r[i] = sig[47 - i];
		r->sig_s[i] = sig[95 - i];
	}
}

/* MSG_REPORT_REQ -> MSG_REPORT_RSP payload; returns its length. */
static size_t handle_report(const struct sim_snp *s, uint32_t req_vmpl_floor,
			    const uint8_t *p, size_t len, uint8_t *out)
{
	struct snp_report_rsp_hdr rh;
	struct snp_report_req rq;
	struct snp_report r;
	uint64_t tcb = sim_tcb_encode(&sim_tcb_fixed);
	uint32_t status = SNP_FW_SUCCESS, key_sel;
	static const uint8_t zero24[24];

	memset(&rh, 0, sizeof(rh));
	memset(&r, 0, sizeof(r));
	if (len != sizeof(rq)) {
		status = SNP_FW_INVALID_PARAM;
	} else {
		memcpy(&rq, p, sizeof(rq));
		key_sel = rq.flags & 3u;
		if ((rq.flags & ~3u) || memcmp(rq.rsvd, zero24, sizeof(zero24)) != 0 ||
		    rq.vmpl > 3 || rq.vmpl < req_vmpl_floor || key_sel == 3)
			status = SNP_FW_INVALID_PARAM;
		else if (key_sel == SNP_REPORT_KEY_SEL_VLEK)
			status = SNP_FW_INVALID_KEY; /* no VLEK installed on the sim */
	}
	if (status == SNP_FW_SUCCESS) {
		r.version = SIM_REPORT_VERSION;
		r.guest_svn = 0;
		r.policy = s->cfg.policy;
		memcpy(r.family_id, s->cfg.family_id, 16);
		memcpy(r.image_id, s->cfg.image_id, 16);
		r.vmpl = rq.vmpl;
		r.signature_algo = SNP_SIG_ALGO_ECDSA_P384_SHA384;
		r.current_tcb = tcb;
		r.platform_info = SIM_PLATFORM_INFO;
		r.signer_info = SNP_SIGNING_KEY_VCEK << SNP_SIGNER_KEY_SHIFT;
		memcpy(r.report_data, rq.user_data, 64);
		memcpy(r.measurement, s->cfg.measurement, 48);
		if (s->cfg.evil == SIM_EVIL_FLIP_MEASUREMENT)
			r.measurement[0] ^= 0x01;
		memcpy(r.host_data, s->cfg.host_data, 32);
		memcpy(r.report_id, s->report_id, 32);
		memset(r.report_id_ma, 0xFF, 32); /* no migration agent */
		r.reported_tcb = tcb;
		r.cpuid_fam_id = SIM_CPUID_FAM;
		r.cpuid_mod_id = SIM_CPUID_MOD;
		r.cpuid_step = SIM_CPUID_STEP;
		memcpy(r.chip_id, s->keys->chip_id, 64);
		r.committed_tcb = tcb;
		r.current_build = SIM_FW_BUILD;
		r.current_minor = SIM_FW_MINOR;
		r.current_major = SIM_FW_MAJOR;
		r.committed_build = SIM_FW_BUILD;
		r.committed_minor = SIM_FW_MINOR;
		r.committed_major = SIM_FW_MAJOR;
		r.launch_tcb = tcb;
		r.launch_mit_vector = 0;
		r.current_mit_vector = 0;
		sign_report(s, &r);
		if (s->cfg.evil == SIM_EVIL_BAD_SIGNATURE)
			r.sig_r[0] ^= 0x01;
		rh.report_size = SNP_REPORT_SIZE;
	}
	rh.status = status;
	if (s->cfg.evil == SIM_EVIL_BAD_STATUS)
		rh.status = SNP_FW_INVALID_PARAM;
	memcpy(out, &rh, sizeof(rh));
	memcpy(out + sizeof(rh), &r, sizeof(r));
	return sizeof(rh) + sizeof(r);
}

/* True when every TCB component of a is <= b (Genoa layout, all bytes). */
static bool tcb_le(uint64_t a, uint64_t b)
{
	for (int i = 0; i < 8; i++)
		if (((a >> (8 * i)) & 0xFF) > ((b >> (8 * i)) & 0xFF))
			return false;
	return true;
}

/* MSG_KEY_REQ -> MSG_KEY_RSP. The derived key (docs/SIM.md):
 *   HMAC-SHA-256(platform secret, "FUTEET-SIM-SNP-KEY-1" || root(u32) ||
 *     guest_field_select(u64) || vmpl(u32) || policy(u64) || image_id[16] ||
 *     family_id[16] || measurement[48] || guest_svn(u32) || tcb_version(u64))
 * with each guest field zero unless its select bit is set; all LE. */
static size_t handle_key(const struct sim_snp *s, uint32_t req_vmpl_floor,
			 const uint8_t *p, size_t len, uint8_t *out)
{
	struct snp_key_rsp rsp;
	struct snp_key_req rq;
	uint32_t status = SNP_FW_SUCCESS, key_sel;
	uint64_t committed = sim_tcb_encode(&sim_tcb_fixed);

	memset(&rsp, 0, sizeof(rsp));
	if (len != sizeof(rq)) {
		status = SNP_FW_INVALID_PARAM;
	} else {
		memcpy(&rq, p, sizeof(rq));
		key_sel = (rq.root_key_select >> 1) & 3u;
		if ((rq.root_key_select & ~7u) || rq.rsvd0 ||
		    (rq.guest_field_select & ~SIM_KEY_FIELD_MASK) || rq.vmpl > 3 ||
		    rq.vmpl < req_vmpl_floor || key_sel == 3 ||
		    rq.guest_svn > 0 /* no ID block: the launch guest SVN is 0 */ ||
		    !tcb_le(rq.tcb_version, committed) ||
		    (rq.root_key_select & 1u) /* VMRK: no migration agent */)
			status = SNP_FW_INVALID_PARAM;
		else if (key_sel == 2)
			status = SNP_FW_INVALID_KEY; /* no VLEK on the sim */
	}
	if (status == SNP_FW_SUCCESS) {
		uint8_t m[20 + 4 + 8 + 4 + 8 + 16 + 16 + 48 + 4 + 8];
		size_t o = 0;
		uint64_t sel = rq.guest_field_select;
		memset(m, 0, sizeof(m));
		memcpy(m, "FUTEET-SIM-SNP-KEY-1", 20);
		o = 20;
		bytes_put_le32(m + o, rq.root_key_select & 1u); o += 4;
		bytes_put_le64(m + o, sel); o += 8;
		bytes_put_le32(m + o, rq.vmpl); o += 4;
		if (sel & SNP_KEY_FIELD_POLICY)
			bytes_put_le64(m + o, s->cfg.policy);
		o += 8;
		if (sel & SNP_KEY_FIELD_IMAGE_ID)
			memcpy(m + o, s->cfg.image_id, 16);
		o += 16;
		if (sel & SNP_KEY_FIELD_FAMILY_ID)
			memcpy(m + o, s->cfg.family_id, 16);
		o += 16;
		if (sel & SNP_KEY_FIELD_MEASUREMENT)
			memcpy(m + o, s->cfg.measurement, 48);
		o += 48;
		if (sel & SNP_KEY_FIELD_GUEST_SVN)
			bytes_put_le32(m + o, rq.guest_svn);
		o += 4;
		if (sel & SNP_KEY_FIELD_TCB_VERSION)
			bytes_put_le64(m + o, rq.tcb_version);
		o += 8;
		hmac_sha256(s->keys->platform_secret, 32, m, o, NULL, 0, rsp.derived_key);
	}
	rsp.status = status;
	if (s->cfg.evil == SIM_EVIL_BAD_STATUS)
		rsp.status = SNP_FW_INVALID_PARAM;
	memcpy(out, &rsp, sizeof(rsp));
	futeet_wipe(&rsp, sizeof(rsp));
	return sizeof(rsp);
}

/* The PSP. Returns a firmware error (0 = rsp holds the encrypted response). */
static uint32_t psp_guest_request(struct sim_snp *s, const uint8_t *page,
				  struct snp_guest_msg *rsp)
{
	static struct snp_guest_msg m;  /* the sim is single-threaded */
	uint8_t plain[SNP_MSG_PAYLOAD_MAX];
	struct snp_msg_hdr h;
	size_t plen;
	uint64_t req_seqno, rsp_seqno;
	uint8_t rsp_type, rsp_version;

	memcpy(&m, page, sizeof(m));
	h = m.hdr;
	if (h.algo != SNP_AEAD_AES_256_GCM || h.hdr_version != SNP_MSG_HDR_VERSION ||
	    h.hdr_sz != SNP_MSG_HDR_SIZE || h.msg_vmpck > 3 || h.msg_sz > SNP_MSG_PAYLOAD_MAX)
		return SNP_FW_INVALID_PARAM;
	if (h.msg_vmpck < s->cfg.vmpl) /* the guest does not own that VMPCK */
		return SNP_FW_INVALID_PARAM;
	if (h.msg_seqno != s->expected_seqno[h.msg_vmpck])
		return SNP_FW_INVALID_PARAM;
	if (!msg_decrypt(s->vmpck[h.msg_vmpck], &m)) {
		futeet_wipe(&m, sizeof(m));
		return SNP_FW_INVALID_PARAM;
	}
	if (h.msg_version != SIM_MSG_VERSION ||
	    (h.msg_type != SNP_MSG_REPORT_REQ && h.msg_type != SNP_MSG_KEY_REQ)) {
		futeet_wipe(&m, sizeof(m));
		return SNP_FW_INVALID_PARAM;
	}
	/* Accepted: the PSP's counter moves past the request and the response. */
	req_seqno = h.msg_seqno;
	s->expected_seqno[h.msg_vmpck] += 2;

	if (h.msg_type == SNP_MSG_REPORT_REQ)
		plen = handle_report(s, h.msg_vmpck, m.payload, h.msg_sz, plain);
	else
		plen = handle_key(s, h.msg_vmpck, m.payload, h.msg_sz, plain);
	futeet_wipe(&m, sizeof(m));

	rsp_seqno = req_seqno + 1;
	rsp_type = (uint8_t)(h.msg_type + 1);
	rsp_version = h.msg_version;
	switch (s->cfg.evil) {
	case SIM_EVIL_SKIP: rsp_seqno = req_seqno + 3; break;
	case SIM_EVIL_REPLAY: rsp_seqno = req_seqno - 1; break; /* used when nothing to replay */
	case SIM_EVIL_WRONG_TYPE: rsp_type = h.msg_type; break;
	case SIM_EVIL_WRONG_VERSION: rsp_version = (uint8_t)(h.msg_version + 1); break;
	case SIM_EVIL_SHORT: plen = 16; break;
	default: break;
	}
	memset(rsp, 0, sizeof(*rsp));
	rsp->hdr.msg_seqno = rsp_seqno;
	rsp->hdr.algo = SNP_AEAD_AES_256_GCM;
	rsp->hdr.hdr_version = SNP_MSG_HDR_VERSION;
	rsp->hdr.hdr_sz = SNP_MSG_HDR_SIZE;
	rsp->hdr.msg_type = rsp_type;
	rsp->hdr.msg_version = rsp_version;
	rsp->hdr.msg_sz = (uint16_t)plen;
	rsp->hdr.msg_vmpck = h.msg_vmpck;
	memcpy(rsp->payload, plain, plen);
	futeet_wipe(plain, sizeof(plain));
	msg_encrypt(s->vmpck[h.msg_vmpck], rsp);
	return SNP_FW_SUCCESS;
}

bool sim_snp_mailbox(struct sim_snp *s, uint32_t op, const uint8_t *req, uint32_t req_len,
		     uint64_t aux_in, uint8_t *rsp, size_t cap, uint32_t *rsp_len,
		     uint64_t *ret, uint64_t *ret_aux)
{
	static struct snp_guest_msg out;
	size_t table_len = sim_snp_cert_table_len(s);
	uint64_t need_pages = (table_len + SNP_PAGE_SIZE - 1) / SNP_PAGE_SIZE;
	uint32_t fw;

	*rsp_len = 0;
	*ret = 0;
	*ret_aux = 0;
	/* Host: the mailbox request itself. */
	if ((op != SIMBOX_OP_SNP_GUEST_REQUEST && op != SIMBOX_OP_SNP_EXT_GUEST_REQUEST) ||
	    req_len != SNP_PAGE_SIZE || cap < SNP_PAGE_SIZE) {
		*ret = SNP_FW_INVALID_PARAM;
		return true;
	}
	if (s->cfg.evil == SIM_EVIL_NO_ANSWER)
		return false;
	if (s->cfg.evil == SIM_EVIL_BUSY_FOREVER) {
		*ret = SNP_GUEST_VMM_ERR(SNP_GUEST_VMM_ERR_BUSY);
		return true;
	}
	if (op == SIMBOX_OP_SNP_GUEST_REQUEST && s->cfg.evil == SIM_EVIL_TOO_SMALL_PLAIN) {
		*ret = SNP_GUEST_VMM_ERR(SNP_GUEST_VMM_ERR_INVALID_LEN);
		*ret_aux = need_pages;
		return true;
	}
	if (op == SIMBOX_OP_SNP_EXT_GUEST_REQUEST) {
		/* GHCB 56421 4.1.8.2: too small -> INVALID_LEN, RBX = pages
		 * needed, the request is not forwarded to the firmware. */
		if (aux_in < need_pages) {
			*ret = SNP_GUEST_VMM_ERR(SNP_GUEST_VMM_ERR_INVALID_LEN);
			*ret_aux = need_pages;
			return true;
		}
		if (aux_in > (cap - SNP_PAGE_SIZE) / SNP_PAGE_SIZE) {
			*ret = SNP_FW_INVALID_PARAM; /* more than the mailbox holds */
			return true;
		}
	}

	fw = psp_guest_request(s, req, &out);
	if (fw) {
		*ret = fw;
		return true;
	}

	/* Host evil modes act on the response page. */
	switch (s->cfg.evil) {
	case SIM_EVIL_BAD_TAG:
		out.hdr.authtag[0] ^= 0x01;
		break;
	case SIM_EVIL_OVERSIZE:
		out.hdr.msg_sz = 0xFFFF;
		break;
	case SIM_EVIL_REPLAY:
		if (s->have_last_rsp) {
			uint8_t fresh[SNP_PAGE_SIZE];
			memcpy(fresh, &out, sizeof(fresh));
			memcpy(&out, s->last_rsp, sizeof(out));
			memcpy(s->last_rsp, fresh, sizeof(fresh));
		} else {
			memcpy(s->last_rsp, &out, sizeof(out));
			s->have_last_rsp = true;
		}
		break;
	default:
		break;
	}
	memcpy(rsp, &out, SNP_PAGE_SIZE);
	*rsp_len = SNP_PAGE_SIZE;
	if (op == SIMBOX_OP_SNP_EXT_GUEST_REQUEST) {
		size_t buf_len = (size_t)aux_in * SNP_PAGE_SIZE;
		memset(rsp + SNP_PAGE_SIZE, 0, buf_len);
		cert_table_write(s, rsp + SNP_PAGE_SIZE);
		*rsp_len = (uint32_t)(SNP_PAGE_SIZE + buf_len);
	}
	return true;
}
