/* libFuzzer harness: the sim's guest-request path (sim_snp_mailbox: mailbox
 * checks, PSP header/seqno/GCM checks, MSG_REPORT_REQ / MSG_KEY_REQ decoding,
 * cert table, every evil mode) on hostile guest input. The harness holds the
 * VMPCKs, so half of the inputs are encrypted correctly and reach the
 * request decoders. Keys: a P-384 VCEK from a fixed DRBG; the certificate
 * slots hold filler (no RSA keygen in a fuzzer).
 * Input: [evil][vmpl][op sel][aux_in][mode][seqno][type][version][vmpck]
 *        [cert len][payload...] */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "futeet/simbox.h"
#include "sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sim_keys keys;
static struct sim_snp snp;
static uint8_t page[SNP_PAGE_SIZE];
static uint8_t rsp[SIMBOX_DATA_MAX];

static void init_keys(void)
{
	static bool done;
	br_hmac_drbg_context d;

	if (done)
		return;
	br_hmac_drbg_init(&d, &br_sha256_vtable, "fuzz_sim_snp", 12);
	if (!br_ec_keygen(&d.vtable, &br_ec_all_m31, &keys.vcek_sk, keys.vcek_priv,
			  BR_EC_secp384r1))
		__builtin_trap();
	br_hmac_drbg_generate(&d, keys.platform_secret, sizeof(keys.platform_secret));
	br_hmac_drbg_generate(&d, keys.chip_id, sizeof(keys.chip_id));
	done = true;
}

/* AES-256-GCM as SNP ABI 56860 chapter 7 defines it (written here again so
 * the harness does not rely on the code under test). */
static void seal(const uint8_t key[32], struct snp_guest_msg *m)
{
	br_aes_ct64_ctr_keys aes;
	br_gcm_context g;
	uint8_t iv[12] = { 0 };

	memcpy(iv, &m->hdr.msg_seqno, 8); /* x86: little-endian */
	br_aes_ct64_ctr_init(&aes, key, 32);
	br_gcm_init(&g, &aes.vtable, br_ghash_ctmul64);
	br_gcm_reset(&g, iv, sizeof(iv));
	br_gcm_aad_inject(&g, (uint8_t *)&m->hdr + SNP_MSG_AAD_OFF, SNP_MSG_AAD_LEN);
	br_gcm_flip(&g);
	br_gcm_run(&g, 1, m->payload, m->hdr.msg_sz);
	br_gcm_get_tag(&g, m->hdr.authtag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t op, rsp_len = 0, req_len = SNP_PAGE_SIZE;
	uint64_t ret = 0, ret_aux = 0;
	struct snp_guest_msg *m = (struct snp_guest_msg *)page;

	if (size < 10)
		return 0;
	init_keys();
	memset(&snp, 0, sizeof(snp));
	snp.keys = &keys;
	snp.cfg.policy = SNP_POLICY_SMT | SNP_POLICY_RSVD1;
	snp.cfg.evil = (enum sim_evil)(data[0] % SIM_EVIL_COUNT);
	snp.cfg.vmpl = data[1] & 3u;
	for (int i = 0; i < 4; i++) {
		memset(snp.vmpck[i], 0x40 + i, SNP_VMPCK_LEN);
		snp.expected_seqno[i] = 1;
	}
	for (int i = 0; i < 3; i++) {
		snp.cert_len[i] = (size_t)(data[9] % 64u) * 64u + 1u;
		memset(snp.certs[i], 0x30 + i, snp.cert_len[i]);
	}
	op = (data[2] & 0x80) ? data[2] : SIMBOX_OP_SNP_GUEST_REQUEST + (data[2] & 1u);
	if (data[2] & 0x40)
		req_len = (uint32_t)(size - 10);

	memset(page, 0, sizeof(page));
	if (data[4] & 1) {
		/* Raw page: whatever the guest wrote. */
		size_t n = size - 10 < sizeof(page) ? size - 10 : sizeof(page);
		memcpy(page, data + 10, n);
	} else {
		/* A well-formed, correctly encrypted message around fuzzed fields. */
		size_t n = size - 10 < SNP_MSG_PAYLOAD_MAX ? size - 10 : SNP_MSG_PAYLOAD_MAX;
		m->hdr.msg_seqno = (data[5] & 0x80) ? data[5] : 1;
		m->hdr.algo = SNP_AEAD_AES_256_GCM;
		m->hdr.hdr_version = SNP_MSG_HDR_VERSION;
		m->hdr.hdr_sz = SNP_MSG_HDR_SIZE;
		m->hdr.msg_type = data[6] & 7u;
		m->hdr.msg_version = (data[7] & 0x80) ? data[7] : 1;
		m->hdr.msg_sz = (uint16_t)n;
		m->hdr.msg_vmpck = data[8] & 3u;
		memcpy(m->payload, data + 10, n);
		seal(snp.vmpck[m->hdr.msg_vmpck], m);
	}
	/* Twice: the second exchange sees the PSP state the first one left. */
	for (int round = 0; round < 2; round++) {
		bool answered = sim_snp_mailbox(&snp, op, page, req_len, data[3], rsp, sizeof(rsp),
						&rsp_len, &ret, &ret_aux);
		if (answered && rsp_len > sizeof(rsp))
			__builtin_trap();
		if (ret == 0 && answered && rsp_len < SNP_PAGE_SIZE)
			__builtin_trap(); /* success always carries a response page */
	}
	return 0;
}
