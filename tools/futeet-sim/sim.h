/* futeet-sim internals: the sim platform's keys, certificates and the
 * sim-snp personality (the SNP hypervisor + PSP). See docs/SIM.md. */
#ifndef FUTEET_SIM_H
#define FUTEET_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <bearssl.h>
#include "lib/measure/snp.h"
#include "futeet/snp_abi.h"
#include "futeet/tdx_abi.h"

#define SIM_RSA_BITS 4096           /* AMD ARK/ASK are RSA-4096 */
#define SIM_RSA_E    65537
#define SIM_CERT_MAX 4096           /* one DER certificate */

/* Every key of the sim platform, derived from the committed seed. */
struct sim_keys {
	uint8_t seed_hash[32];          /* SHA-256 of the seed bytes */
	br_rsa_private_key ark_sk;
	br_rsa_public_key ark_pk;
	uint8_t ark_priv[BR_RSA_KBUF_PRIV_SIZE(SIM_RSA_BITS)];
	uint8_t ark_pub[BR_RSA_KBUF_PUB_SIZE(SIM_RSA_BITS)];
	br_rsa_private_key ask_sk;
	br_rsa_public_key ask_pk;
	uint8_t ask_priv[BR_RSA_KBUF_PRIV_SIZE(SIM_RSA_BITS)];
	uint8_t ask_pub[BR_RSA_KBUF_PUB_SIZE(SIM_RSA_BITS)];
	br_ec_private_key vcek_sk;
	br_ec_public_key vcek_pk;
	uint8_t vcek_priv[BR_EC_KBUF_PRIV_MAX_SIZE];
	uint8_t vcek_pub[BR_EC_KBUF_PUB_MAX_SIZE];
	uint8_t platform_secret[32];    /* MSG_KEY_REQ root, VMPCK and REPORT_ID source */
	uint8_t chip_id[64];            /* CHIP_ID = VCEK hwID */
};

/* Derive the keys from the seed; RSA keys are cached in cache_dir (may be
 * NULL: no cache). Returns 0 or a negative errno. */
int sim_keys_load(struct sim_keys *k, const uint8_t *seed, size_t seed_len,
		  const char *cache_dir);
void sim_keys_wipe(struct sim_keys *k);
/* The embedded seed from tools/futeet-sim/seed.txt. */
int sim_seed_get(uint8_t out[32]);

/* RSASSA-PSS (RFC 8017 8.1.1) with SHA-384, MGF1-SHA-384, 48-byte salt.
 * The salt is derived from the key and message hash, so signatures (and the
 * exported roots) are reproducible. sig must hold the modulus length. */
int sim_rsa_pss_sha384_sign(const br_rsa_private_key *sk, const uint8_t mhash[48],
			    uint8_t *sig, size_t sig_len);
/* EMSA-PSS-ENCODE (RFC 8017 9.1.1), exposed for tests. */
int sim_emsa_pss_encode(const uint8_t mhash[48], const uint8_t *salt, size_t salt_len,
			size_t em_bits, uint8_t *em, size_t em_len);

/* The sim TCB, Genoa layout (virtee/sev TcbVersion; PEERS.md c.2). */
struct sim_tcb {
	uint8_t bl, tee, snp, ucode;
};
uint64_t sim_tcb_encode(const struct sim_tcb *t);
extern const struct sim_tcb sim_tcb_fixed;
#define SIM_PRODUCT_NAME "Genoa"

int sim_cert_ark(const struct sim_keys *k, uint8_t *out, size_t cap, size_t *len);
int sim_cert_ask(const struct sim_keys *k, uint8_t *out, size_t cap, size_t *len);
int sim_cert_vcek(const struct sim_keys *k, uint8_t *out, size_t cap, size_t *len);

/* MEASUREMENT (docs/SIM.md): the SEV-SNP launch digest of the firmware QEMU
 * boots (-bios), as lib/measure computes it (tools/futeet-sim/measure.c). */
#define SIM_SNP_DEFAULT_FIRMWARE "/usr/share/ovmf/OVMF.fd" /* scripts/run's sim-snp -bios */
#define SIM_SNP_DEFAULT_VCPU_TYPE "EPYC-v4"
/* The AmdSev stand-in: a kernel-hashes page at this GPA (above Debian
 * OvmfPkgX64's SEV metadata sections, which end at 0x820000), QEMU's table at
 * the offset AmdSevX64 uses (edk2-stable202405: 0x810C00 in page 0x810000). */
#define SIM_STANDIN_HASHES_GPA 0x820000u
#define SIM_STANDIN_TABLE_OFFSET 0xC00u
#define SIM_STANDIN_TABLE_SIZE 0x400u
struct sim_snp_measure_args {
	const char *firmware;
	uint32_t vcpus;
	uint32_t vcpu_sig;
	int kernel_hashes;  /* QEMU kernel-hashes=on: bound if the firmware has the section */
	int amdsev_standin; /* measure a stand-in kernel-hashes page (implies kernel hashes) */
	const char *kernel;
	const char *cmdline;
	size_t cmdline_len;
};
/* 0, or a negative errno with *why. *kernel_bound: 0 MEASUREMENT covers the
 * firmware only; 1 also the kernel and command line (the firmware's own
 * kernel-hashes section); 2 the same through the AmdSev stand-in. */
int sim_snp_measure(const struct sim_snp_measure_args *a, uint8_t out[48], int *kernel_bound,
		    const char **why);

/* ---- sim-snp personality ------------------------------------------------ */
enum sim_evil {
	SIM_EVIL_NONE = 0,
	SIM_EVIL_BAD_TAG,
	SIM_EVIL_REPLAY,
	SIM_EVIL_SKIP,
	SIM_EVIL_SHORT,
	SIM_EVIL_OVERSIZE,
	SIM_EVIL_BUSY_FOREVER,
	SIM_EVIL_NO_ANSWER,
	SIM_EVIL_TOO_SMALL_PLAIN,
	SIM_EVIL_WRONG_TYPE,
	SIM_EVIL_WRONG_VERSION,
	SIM_EVIL_BAD_STATUS,
	SIM_EVIL_BAD_SIGNATURE,
	SIM_EVIL_FLIP_MEASUREMENT,
	SIM_EVIL_COUNT,
};
struct sim_evil_desc {
	const char *name;
	const char *who;  /* "host" or "firmware" */
	const char *what;
};
extern const struct sim_evil_desc sim_evil_table[SIM_EVIL_COUNT];
int sim_evil_parse(const char *name, enum sim_evil *out);

struct sim_snp_config {
	uint64_t policy;
	uint8_t host_data[32];
	uint8_t family_id[16];
	uint8_t image_id[16];
	uint32_t vmpl;                   /* the guest's (lowest usable) VMPL */
	uint8_t measurement[48];
	enum sim_evil evil;
};

struct sim_snp {
	const struct sim_keys *keys;
	struct sim_snp_config cfg;
	uint8_t vmpck[4][SNP_VMPCK_LEN];
	uint64_t expected_seqno[4];      /* PSP's next sequence number per VMPCK */
	uint8_t report_id[32];
	uint8_t certs[3][SIM_CERT_MAX];  /* VCEK, ASK, ARK */
	size_t cert_len[3];
	uint8_t last_rsp[SNP_PAGE_SIZE]; /* for the replay evil mode */
	bool have_last_rsp;
};

int sim_snp_init(struct sim_snp *s, const struct sim_keys *k,
		 const struct sim_snp_config *cfg, const uint8_t boot_nonce[32]);
void sim_snp_wipe(struct sim_snp *s);
/* The 4096-byte secrets page for the guest (VMPCKs below cfg.vmpl zeroed). */
void sim_snp_secrets_page(const struct sim_snp *s, struct snp_secrets_page *out);
/* Size of the certificate table (GHCB 56421 4.1.8.1) with the certs. */
size_t sim_snp_cert_table_len(const struct sim_snp *s);

/* One mailbox request. req/req_len: the copied-out request data; rsp: the
 * response area (cap bytes). Fills rsp_len, ret, ret_aux as the mailbox
 * defines them. Returns false when the sim must not answer (no-answer). */
bool sim_snp_mailbox(struct sim_snp *s, uint32_t op, const uint8_t *req, uint32_t req_len,
		     uint64_t aux_in, uint8_t *rsp, size_t cap, uint32_t *rsp_len,
		     uint64_t *ret, uint64_t *ret_aux);


/* ---- sim-tdx personality (tools/futeet-sim/tdx.c, tdx_certs.c) ---------- */
enum sim_tdx_evil {
	SIM_TDX_EVIL_NONE = 0,
	SIM_TDX_EVIL_FLIP_REPORT_DATA,
	SIM_TDX_EVIL_FLIP_MRTD,
	SIM_TDX_EVIL_FLIP_RTMR,
	SIM_TDX_EVIL_QUOTE_STATUS_ERROR,
	SIM_TDX_EVIL_QGS_UNAVAILABLE,
	SIM_TDX_EVIL_NO_ANSWER,
	SIM_TDX_EVIL_SHORT,
	SIM_TDX_EVIL_OVERSIZE,
	SIM_TDX_EVIL_BAD_SIGNATURE,
	SIM_TDX_EVIL_BAD_PCK_CHAIN,
	SIM_TDX_EVIL_COUNT,
};
extern const struct sim_evil_desc sim_tdx_evil_table[SIM_TDX_EVIL_COUNT];
int sim_tdx_evil_parse(const char *name, enum sim_tdx_evil *out);

#define SIM_EC_KBUF BR_EC_KBUF_PRIV_MAX_SIZE
struct sim_ec_key {
	br_ec_private_key sk;
	br_ec_public_key pk;
	uint8_t priv[BR_EC_KBUF_PRIV_MAX_SIZE];
	uint8_t pub[BR_EC_KBUF_PUB_MAX_SIZE];
};

/* The sim TDX platform's keys, from the committed seed (docs/SIM.md). */
struct sim_tdx_keys {
	struct sim_ec_key root;          /* sim "Intel SGX Root CA", P-256 */
	struct sim_ec_key pca;           /* sim "Intel SGX PCK Platform CA" */
	struct sim_ec_key pck;           /* sim PCK: signs the QE report */
	struct sim_ec_key ak;            /* the quoting enclave's attestation key */
	struct sim_ec_key tcb;           /* sim "Intel SGX TCB Signing": collateral */
	uint8_t report_mac_key[32];      /* the TDX module's REPORTMACSTRUCT key */
	uint8_t ppid[16];
};
int sim_tdx_keys_load(struct sim_tdx_keys *k, const uint8_t *seed, size_t seed_len);

/* The PCK chain as DER and as the PEM text of certification data type 5
 * (PCK, platform CA, root: Intel DCAP quote A.3). */
#define SIM_TDX_CERT_MAX 2048
#define SIM_TDX_PEM_MAX  8192
struct sim_tdx_certs {
	uint8_t der[3][SIM_TDX_CERT_MAX]; /* 0 PCK, 1 platform CA, 2 root */
	size_t der_len[3];
	char pem[SIM_TDX_PEM_MAX];
	size_t pem_len;
};
/* bad_pck_chain: the platform CA's signature on the PCK is broken. */
int sim_tdx_certs_build(const struct sim_tdx_keys *k, bool bad_pck_chain,
			struct sim_tdx_certs *out);

/* The sim "Intel SGX TCB Signing" certificate (signed by the root). */
int sim_tdx_cert_tcb_signing(const struct sim_tdx_keys *k, uint8_t *out, size_t cap, size_t *len);
/* One certificate as PEM text (NUL-terminated, *len without the NUL). */
int sim_tdx_pem(const uint8_t *der, size_t n, char *pem, size_t cap, size_t *len);
/* An empty CRL (RFC 5280 5.1) by the root or the platform CA. */
int sim_tdx_crl(const struct sim_tdx_keys *k, bool issuer_is_root, uint8_t *out, size_t cap,
		size_t *len);
/* futeet-sim --collateral DIR: TCB info v3 and QE identity v2 signed by the
 * sim TCB signing key, CRLs and issuer chains, as dcap-qvl's single JSON
 * (collateral.json) and as Intel PCS responses (lib/tdx/collateral.h's
 * TDX_PCS_FILE_* names). */
int sim_tdx_collateral_write(const struct sim_tdx_keys *k, const char *dir);

/* Sim TDX platform identity (docs/SIM.md). */
#define SIM_TDX_FMSPC        { 0x00, 0x90, 0x6e, 0xd5, 0x00, 0x00 }
#define SIM_TDX_PCE_ID       0x0000u
#define SIM_TDX_PCE_SVN      13u
#define SIM_TDX_QE_SVN       4u
extern const uint8_t sim_tdx_cpusvn[16];
extern const uint8_t sim_tdx_tee_tcb_svn[16];

struct sim_tdx_config {
	uint64_t td_attributes;
	uint64_t xfam;
	uint8_t mrconfigid[48];
	uint8_t mrowner[48];
	uint8_t mrownerconfig[48];
	uint8_t mrtd[48];
	enum sim_tdx_evil evil;
};

#define SIM_TDX_CCEL_MAX 4096
struct sim_tdx {
	const struct sim_tdx_keys *keys;
	struct sim_tdx_config cfg;
	uint8_t mrseam[48];
	uint8_t rtmr[TDX_NUM_RTMRS][48]; /* per boot: start from the firmware's events */
	uint8_t ccel[SIM_TDX_CCEL_MAX];  /* the firmware's CC event log (RTMR0, RTMR1) */
	size_t ccel_len;
	struct sim_tdx_certs certs;
};

/* RTMR1's five event digests (lib/measure) for the futeet.efi file QEMU
 * direct-boots with cmdline. 0 or a negative errno with *why. */
#define SIM_TDX_RTMR1_EVENTS 5
int sim_tdx_rtmr1_events(const char *kernel_path, const char *cmdline,
			 uint8_t ev[SIM_TDX_RTMR1_EVENTS][48], const char **why);
/* Set up the TDX module for one boot: RTMR0 (stand-in event) and RTMR1 (the
 * given event digests) from the firmware's events, logged in s->ccel. */
int sim_tdx_init(struct sim_tdx *s, const struct sim_tdx_keys *k,
		 const struct sim_tdx_config *cfg, const uint8_t ev[SIM_TDX_RTMR1_EVENTS][48]);
/* MRTD of a TDVF firmware file (lib/measure); *why says why it is refused. */
int sim_tdx_mrtd(const char *ovmf_path, uint8_t out[48], const char **why);
/* One mailbox request (same contract as sim_snp_mailbox). */
bool sim_tdx_mailbox(struct sim_tdx *s, uint32_t op, const uint8_t *req, uint32_t req_len,
		     uint64_t aux_in, uint8_t *rsp, size_t cap, uint32_t *rsp_len,
		     uint64_t *ret, uint64_t *ret_aux);
/* The TDREPORT_STRUCT the module would build now for reportdata. */
void sim_tdx_tdreport(const struct sim_tdx *s, const uint8_t reportdata[64],
		      struct tdx_report *out);
/* The quoting enclave: check the TDREPORT (MAC, hashes) and build a Quote
 * v4 into out. 0, -EBADMSG (the TDREPORT does not check), -ENOSPC. */
int sim_tdx_quote(const struct sim_tdx *s, const uint8_t *tdreport, size_t len,
		  uint8_t *out, size_t cap, size_t *out_len);

/* Helpers */
int sim_hex_decode(const char *hex, uint8_t *out, size_t out_len);
int sim_guid_parse(const char *s, uint8_t out[16]);

#endif
