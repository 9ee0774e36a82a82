/* The backend vtable (DESIGN.md section 3) and the core's internal API.
 * One backend is active; vendor logic lives under tee/snp (and tee/tdx
 * later), and only its doorbell differs between hardware and the sim. */
#ifndef FUTEET_TEE_CORE_TEE_H
#define FUTEET_TEE_CORE_TEE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "uapi/futeet/caps.h"
#include "uapi/futeet/tee.h"
#include "futeet/compiler.h"

#define TEE_REPORT_DATA_LEN 64u

/* Values read from the platform's own report (tee_ops.runtime). */
struct tee_runtime {
	bool debug;                   /* SNP POLICY bit 19 / TD_ATTRIBUTES bit 0 */
	bool migratable;              /* SNP POLICY bit 18 MIGRATE_MA / TD_ATTRIBUTES bit 29 */
	bool has_vmpl;
	uint32_t vmpl;                /* SNP VMPL */
	uint8_t tcb[16];              /* SNP REPORTED_TCB (8) / TDX TEE_TCB_SVN (16) */
	size_t tcb_len;
	uint8_t launch_measurement[48]; /* SNP MEASUREMENT / TDX MRTD */
	uint8_t init_data[48];        /* SNP HOST_DATA (32) / TDX MRCONFIGID (48) */
	size_t init_data_len;
};
/* Largest vendor evidence (outblob) and auxblob the core handles: a TDX
 * quote with its PEM chain is ~5 KiB; DICE-based quotes may be larger. */
#define TEE_OUTBLOB_MAX     (32u * 1024u)
#define TEE_AUXBLOB_MAX     (8u * 4096u)

/* Every member may be NULL: the call is then -EOPNOTSUPP. Each returns 0 or
 * a negative errno and prints its own reason on failure. */
struct tee_ops {
	const char *name;       /* "sim-snp", "snp" */
	const char *provider;   /* configfs-tsm provider: "sim_sev_guest", "sev_guest" */
	const char *tee_kind;   /* claims set FUTEET_KEY_TEE: "sev-snp" */
	uint32_t platform;      /* enum futeet_platform */
	/* What the vendor report attests (debug, migration, VMPL, TCB, launch
	 * measurement, init data) for the capability descriptor and the
	 * normalized claims: one report with zero REPORT_DATA, asked for once
	 * per boot (SNP: one guest message through the host). */
	int (*runtime)(struct tee_runtime *rt);
	/* What a key bound to the launch measurement covers
	 * (FUTEET_SEAL_BIND_*); FUTEET_SEAL_BIND_NONE: no sealing (TDX). */
	uint32_t seal_bind;
	/* Vendor report binding report_data. */
	int (*report)(const uint8_t report_data[TEE_REPORT_DATA_LEN], uint8_t *out,
		      size_t cap, size_t *len);
	/* Vendor evidence (SNP: report + certificate table as auxblob). */
	int (*evidence)(const uint8_t report_data[TEE_REPORT_DATA_LEN], uint8_t *out,
			size_t cap, size_t *len, uint8_t *aux, size_t aux_cap, size_t *aux_len);
	int (*derive_key)(const struct futeet_key_req *req, uint8_t key[FUTEET_KEY_LEN]);
	/* Runtime measurement register extend (SNP has none: NULL), recorded
	 * in the backend's event log with event_type (TCG PFP 1.05 10.4.1) and
	 * the event data. Nothing is extended when it cannot be logged. */
	int (*extend)(unsigned index, const uint8_t *digest, size_t len, uint32_t event_type,
		      const void *event, size_t event_len);
	/* The event log (TDX: the CCEL with the kernel's extends appended). */
	int (*event_log)(const uint8_t **log, size_t *len);
	/* Endorsement certificates the platform hands out. */
	int (*certs)(uint8_t *buf, size_t cap, size_t *len);
};

/* The active backend, NULL on "none". */
const struct tee_ops *tee_active(void);
/* What tee_init detected (also when no backend could be brought up). */
uint32_t tee_platform(void);
const char *tee_platform_name(void);
/* The name of any enum futeet_platform value ("none"; "?" if unknown). */
const char *tee_platform_name_of(uint32_t p);

/* tee/core/evidence.c: the unified evidence of DESIGN.md section 5 for a
 * caller's nonce (8..64 bytes), optional key and claims (already checked
 * by the syscall), into out. */
struct tee_attest_in {
	const uint8_t *nonce;
	size_t nonce_len;
	int cnf_crv;                  /* 0 = no cnf; else COSE_CRV_P256 / P384 */
	const uint8_t *cnf_x, *cnf_y;
	const uint8_t *user;          /* one CBOR item, or NULL */
	size_t user_len;
};
FUTEET_MUST_CHECK
int tee_evidence_build(const struct tee_attest_in *in, uint8_t *out, size_t cap, size_t *len);

/* tee/core/syscalls.c: check that [u, u + n) is writable user memory (by
 * zeroing it), before a handler asks the platform for anything. */
FUTEET_MUST_CHECK
int tee_probe_user_write(uint64_t u, size_t n);

/* tee/core/seal.c: what a sealing key bound to the launch measurement
 * covers on the active platform (FUTEET_SEAL_BIND_*; NONE: no sealing, as
 * on TDX and none), and one line saying so, for the capability descriptor. */
uint32_t tee_seal_binding(void);
const char *tee_seal_binding_text(void);

/* Runtime registers (DESIGN.md section 2): tee/core/measure.c extends
 * register 2; userland may extend register 3 only. tee/core/rtm.c: TDX
 * RTMR2/3 through the backend, SNP software registers; one event log. */
#define TEE_RTMR_KERNEL 2u   /* the command line and the user program */
#define TEE_RTMR_USER   3u
FUTEET_MUST_CHECK
int tee_rtm_extend(unsigned index, const uint8_t digest[48], uint32_t type,
		   const void *event, size_t event_len);
/* The registers and the kernel's event log (TCG2, registers 2 and 3). */
FUTEET_MUST_CHECK
int tee_rtm_read(struct futeet_measurements *m, const uint8_t **log, size_t *log_len);
uint32_t tee_rtm_source(void);  /* enum futeet_rtm */

/* tee/core/caps.c: the local capability descriptor (table + runtime), the
 * same for futeet_caps and every claims set. */
FUTEET_MUST_CHECK int tee_caps(struct futeet_caps *out);
/* The normalized claims map (FUTEET_KEY_CLAIMS), from the same report. */
FUTEET_MUST_CHECK int tee_normalized_claims(uint8_t *buf, size_t cap, size_t *len);

/* Backend probes (tee/core/tee.c walks one const table of them). A probe
 * runs only when its platform was detected (hardware rows) or when
 * detection found no hardware TEE at all (sim rows). It returns:
 *   0        the platform is this one; *out = its backend, or NULL when it
 *            came up without attestation (the probe printed why);
 *   -ENODEV  not this platform (a sim probe: no mailbox / wrong profile);
 *   other    the platform is this one but the kernel must not go on.
 * Each probe prints one line "futeet: platform NAME (...)" when it claims
 * the platform. Adding a backend = one probe + one row in tee/core/tee.c. */
struct boot_info;
typedef int tee_probe_fn(const struct boot_info *bi, const struct tee_ops **out);
/* tee/snp/probe.c: SEV-SNP hardware (EFI CC blob, secrets page, GHCB). */
tee_probe_fn snp_probe;
/* tee/sim/probe.c: the sim-snp profile over the ivshmem mailbox. */
tee_probe_fn sim_snp_probe;
/* tee/tdx/probe.c: TDX hardware (TDCALL doorbell). */
tee_probe_fn tdx_probe;
/* tee/sim/probe.c: the sim-tdx profile over the ivshmem mailbox. */
tee_probe_fn sim_tdx_probe;
/* tee/sim/probe.c: on confidential hardware, warn when a sim mailbox is
 * present (it is ignored: its keys are the host's). */
void sim_warn_ignored(const char *platform_name);

/* tee/snp/backend.c: bring up the SNP backend with VMPCK0 from a secrets
 * page (copied; the caller wipes its page) over the given doorbell;
 * seal_bind: what the launch measurement covers (FUTEET_SEAL_BIND_*). */
struct snp_doorbell_ops;
FUTEET_MUST_CHECK
int snp_backend_init(const uint8_t *secrets_page, size_t len,
		     const struct snp_doorbell_ops *ops, void *db_ctx, bool sim,
		     uint32_t seal_bind, const struct tee_ops **out);

/* tee/tdx/backend.c: bring up the TDX backend over a doorbell, starting its
 * event log from the firmware's CCEL (fw_log may be NULL). */
struct tdx_doorbell_ops;
int tdx_backend_init(const struct tdx_doorbell_ops *ops, void *db_ctx, bool sim,
		     const uint8_t *fw_log, size_t fw_len, const struct tee_ops **out);

#endif
