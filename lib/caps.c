/* The static TEE table and the descriptor's CBOR encoder (caps.h).
 *
 * Sources of the rows (DESIGN.md section 4 says the same in prose):
 *  - "TEE Table I": the comparison table of the paper "A Case for Unifying
 *    Trusted Execution Environments" (Client SGX, Scalable SGX, ARM
 *    TrustZone, AMD SEV, Intel TDX, Penglai): architecture, isolation
 *    granularity, confidentiality, integrity, freshness (= protection
 *    against replay of old memory contents), secure memory size, local and
 *    remote attestation. Those cells are copied as they are.
 *  - SEV-SNP is not the paper's "AMD SEV" column (SEV without SNP). Its row
 *    follows AMD's "AMD SEV-SNP: Strengthening VM Isolation with Integrity
 *    Protection and More" (white paper, 2020; cited "SNP white paper"):
 *    the RMP gives integrity and protects against replay and remapping; and
 *    SNP ABI 56860 rev 1.57: signed ATTESTATION_REPORT (ECDSA P-384 with
 *    SHA-384, SIGNATURE_ALGO 1), REPORT_DATA 64 bytes, MSG_KEY_REQ derived
 *    keys (sealing), no local attestation between guests (a report is
 *    checked by its signature, there is no MAC the CPU verifies).
 *  - TDX: Table I, plus TDX Module ABI 348551 (TDG.MR.REPORT REPORTDATA 64
 *    bytes, RTMR0..3 SHA-384, TDG.MR.VERIFYREPORT local attestation, no
 *    sealing-key derivation) and Intel DCAP quote A.3 (attestation key type
 *    2 = ECDSA P-256 with SHA-256).
 *  - Arm CCA and RISC-V CoVE: only what the kind itself says (VM-granular
 *    isolation: Arm "Realm Management Monitor specification" DEN0137, RISC-V
 *    "CoVE" AP-TEE specification); every other cell is left unknown.
 *  - FUTEET's own runtime rows: the sims run the same protocols with keys
 *    the host holds (docs/SIM.md), so nothing is confidential; "none" is a
 *    plain VM. Counters are the kernel's volatile ones on every platform it
 *    runs; trusted time: the TDX module virtualises the TSC (TDX Module base
 *    348549), SNP needs Secure TSC, which FUTEET does not enable.
 * A new TEE is one row here plus one backend under tee/. */
#include <stddef.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/caps.h"
#include "lib/caps_fields.h"
#include "lib/cbor.h"

#define U CAPS_UNKNOWN
#define ALL FUTEET_SECURE_MEMORY_ALL
#define MIB (1024ull * 1024ull)
#define GIB (1024ull * MIB)
#define L_NONE FUTEET_LEVEL_NONE
#define L_PART FUTEET_LEVEL_PARTIAL
#define L_FULL FUTEET_LEVEL_FULL
#define I_PROC FUTEET_ISOLATION_PROCESS
#define I_VM   FUTEET_ISOLATION_VM
#define RD_64  64u   /* SNP ABI 56860 REPORT_DATA, TDX Module ABI 348551 REPORTDATA */

static const struct caps_row rows[] = {
	/* kind, tee, vendor, arch, runnable, isolation, conf, integ, fresh,
	 * secure memory, local, remote, sealing, rtm, rtm count, rtm alg,
	 * trusted time, counters, evidence alg, report data, host-known keys */
	{ FUTEET_TEE_SEV_SNP, "sev-snp", "AMD", "x86_64", true, I_VM, L_FULL, L_FULL, L_FULL,
	  ALL, L_NONE, L_FULL, FUTEET_SEALING_TEE_KEY, FUTEET_RTM_KERNEL_SW, 2, FUTEET_HASH_SHA384,
	  L_NONE, FUTEET_COUNTERS_VOLATILE, FUTEET_SIGALG_ECDSA_P384_SHA384, RD_64, 0,
	  "SNP white paper; SNP ABI 56860 rev 1.57" },
	{ FUTEET_TEE_TDX, "tdx", "Intel", "x86_64", true, I_VM, L_FULL, L_FULL, L_NONE,
	  ALL, L_FULL, L_FULL, FUTEET_SEALING_NONE, FUTEET_RTM_HW, 2, FUTEET_HASH_SHA384,
	  L_FULL, FUTEET_COUNTERS_VOLATILE, FUTEET_SIGALG_ECDSA_P256_SHA256, RD_64, 0,
	  "TEE Table I; TDX Module ABI 348551; Intel DCAP quote A.3" },
	{ FUTEET_TEE_SIM_SNP, "sim-snp", "FUTEET sim", "x86_64", true, I_VM, L_NONE, L_NONE,
	  L_NONE, ALL, L_NONE, L_PART, FUTEET_SEALING_TEE_KEY, FUTEET_RTM_KERNEL_SW, 2,
	  FUTEET_HASH_SHA384, L_NONE, FUTEET_COUNTERS_VOLATILE, FUTEET_SIGALG_ECDSA_P384_SHA384,
	  RD_64, 1, "docs/SIM.md: SNP protocols, host-held keys" },
	{ FUTEET_TEE_SIM_TDX, "sim-tdx", "FUTEET sim", "x86_64", true, I_VM, L_NONE, L_NONE,
	  L_NONE, ALL, L_NONE, L_PART, FUTEET_SEALING_NONE, FUTEET_RTM_HW, 2, FUTEET_HASH_SHA384,
	  L_NONE, FUTEET_COUNTERS_VOLATILE, FUTEET_SIGALG_ECDSA_P256_SHA256, RD_64, 1,
	  "docs/SIM.md: TDX protocols, host-held keys" },
	{ FUTEET_TEE_NONE, "none", "none", "x86_64", true, FUTEET_ISOLATION_NONE, L_NONE, L_NONE,
	  L_NONE, 0, L_NONE, L_NONE, FUTEET_SEALING_NONE, FUTEET_RTM_NONE, 0, U, L_NONE,
	  FUTEET_COUNTERS_VOLATILE, FUTEET_SIGALG_NONE, 0, 1, "plain VM" },
	/* Named, not run: TEE Table I columns. */
	{ FUTEET_TEE_SGX_CLIENT, "sgx-client", "Intel", "x86_64", false, I_PROC, L_FULL, L_FULL,
	  L_FULL, 256 * MIB, L_FULL, L_FULL, U, U, 0, U, U, U, U, 0, U, "TEE Table I" },
	{ FUTEET_TEE_SGX_SCALABLE, "sgx-scalable", "Intel", "x86_64", false, I_PROC, L_FULL,
	  L_FULL, L_NONE, 512 * GIB, L_FULL, L_FULL, U, U, 0, U, U, U, U, 0, U, "TEE Table I" },
	{ FUTEET_TEE_TRUSTZONE, "trustzone", "Arm", "arm64", false, I_PROC, L_FULL, L_PART,
	  L_NONE, ALL, L_PART, L_PART, U, U, 0, U, U, U, U, 0, U, "TEE Table I" },
	{ FUTEET_TEE_SEV, "sev", "AMD", "x86_64", false, I_VM, L_FULL, L_NONE, L_NONE, ALL,
	  L_NONE, L_FULL, U, U, 0, U, U, U, U, 0, U, "TEE Table I (SEV without SNP)" },
	{ FUTEET_TEE_PENGLAI, "penglai", "Penglai", "riscv64", false, I_PROC, L_FULL, L_FULL,
	  L_FULL, 256 * MIB, L_FULL, L_NONE, U, U, 0, U, U, U, U, 0, U, "TEE Table I" },
	{ FUTEET_TEE_CCA, "cca", "Arm", "arm64", false, I_VM, U, U, U, 0, U, U, U, U, 0, U, U,
	  U, U, 0, U, "Arm RMM DEN0137 (kind only)" },
	{ FUTEET_TEE_COVE, "cove", "RISC-V", "riscv64", false, I_VM, U, U, U, 0, U, U, U, U, 0,
	  U, U, U, U, 0, U, "RISC-V CoVE (kind only)" },
};

const struct caps_row *caps_rows(size_t *count)
{
	*count = sizeof(rows) / sizeof(rows[0]);
	return rows;
}

const struct caps_row *caps_row(uint32_t kind)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (rows[i].kind == kind)
			return &rows[i];
	return NULL;
}

static void set(struct futeet_cap *f, uint64_t v, uint32_t prov)
{
	f->value = v;
	f->prov = prov;
	f->reserved = 0;
}

static void set8(struct futeet_cap *f, uint8_t v, uint32_t prov)
{
	if (v != CAPS_UNKNOWN)
		set(f, v, prov);
}

static void copy_name(char dst[16], const char *s)
{
	size_t n = strlen(s);

	if (n > 15)
		n = 15;
	memcpy(dst, s, n);
	dst[n] = 0;
}

int caps_from_table(uint32_t kind, uint32_t prov, struct futeet_caps *c)
{
	const struct caps_row *r = caps_row(kind);

	if (r == NULL || c == NULL || prov == FUTEET_PROV_ABSENT || prov > FUTEET_PROV_GUEST)
		return -ENOENT;
	memset(c, 0, sizeof(*c));
	c->version = FUTEET_CAPS_VERSION;
	c->kind = kind;
	copy_name(c->tee, r->tee);
	copy_name(c->vendor, r->vendor);
	copy_name(c->arch, r->arch);
	set(&c->tee_prov, 0, prov);
	set8(&c->isolation, r->isolation, prov);
	set8(&c->confidentiality, r->confidentiality, prov);
	set8(&c->integrity, r->integrity, prov);
	set8(&c->freshness, r->freshness, prov);
	if (r->secure_memory)
		set(&c->secure_memory, r->secure_memory, prov);
	set8(&c->local_attestation, r->local_attestation, prov);
	set8(&c->remote_attestation, r->remote_attestation, prov);
	set8(&c->sealing, r->sealing, prov);
	set8(&c->rtm, r->rtm, prov);
	if (r->rtm != CAPS_UNKNOWN)
		set(&c->rtm_count, r->rtm_count, prov);
	set8(&c->rtm_alg, r->rtm_alg, prov);
	set8(&c->trusted_time, r->trusted_time, prov);
	set8(&c->counters, r->counters, prov);
	set8(&c->evidence_alg, r->evidence_alg, prov);
	if (r->report_data_size)
		set(&c->report_data_size, r->report_data_size, prov);
	set8(&c->host_known_keys, r->host_known_keys, prov);
	return 0;
}

/* ---- names ------------------------------------------------------------- */

static const char *const level_names[] = { "none", "partial", "full" };
static const char *const isolation_names[] = { "none", "process", "vm" };
static const char *const sealing_names[] = { "none", "tee-key", "tee-key-firmware",
					     "tee-key-kernel" };
static const char *const rtm_names[] = { "none", "hardware-register", "kernel-software-register" };
static const char *const counters_names[] = { "none", "volatile", "persistent" };
static const char *const sigalg_names[] = { "none", "ecdsa-p384-sha384", "ecdsa-p256-sha256" };
static const char *const hashalg_names[] = { "none", "sha-384" };

/* The fields in key order (keys 4..22; 1..3, 23 and 24 are written apart). */
#define FT(k, m, tbl) { k, CAPS_V_TEXT, (uint8_t)(sizeof(tbl) / sizeof(tbl[0])), \
			offsetof(struct futeet_caps, m), tbl }
#define FV(k, t, m) { k, t, 0, offsetof(struct futeet_caps, m), NULL }
const struct caps_field caps_fields[] = {
	FT(CAPS_KEY_ISOLATION, isolation, isolation_names),
	FT(CAPS_KEY_CONFIDENTIALITY, confidentiality, level_names),
	FT(CAPS_KEY_INTEGRITY, integrity, level_names),
	FT(CAPS_KEY_FRESHNESS, freshness, level_names),
	FV(CAPS_KEY_SECURE_MEMORY, CAPS_V_MEM, secure_memory),
	FT(CAPS_KEY_LOCAL_ATTEST, local_attestation, level_names),
	FT(CAPS_KEY_REMOTE_ATTEST, remote_attestation, level_names),
	FT(CAPS_KEY_SEALING, sealing, sealing_names),
	FT(CAPS_KEY_RTM, rtm, rtm_names),
	FV(CAPS_KEY_RTM_COUNT, CAPS_V_UINT, rtm_count),
	FT(CAPS_KEY_RTM_ALG, rtm_alg, hashalg_names),
	FV(CAPS_KEY_DEBUG, CAPS_V_BOOL, debug),
	FV(CAPS_KEY_MIGRATION, CAPS_V_BOOL, migration),
	FT(CAPS_KEY_TRUSTED_TIME, trusted_time, level_names),
	FT(CAPS_KEY_COUNTERS, counters, counters_names),
	FT(CAPS_KEY_EVIDENCE_ALG, evidence_alg, sigalg_names),
	FV(CAPS_KEY_REPORT_DATA, CAPS_V_UINT, report_data_size),
	FV(CAPS_KEY_PRIVILEGE_LEVEL, CAPS_V_UINT, privilege_level),
	FV(CAPS_KEY_HOST_KNOWN_KEYS, CAPS_V_BOOL, host_known_keys),
};
const size_t caps_nfields = sizeof(caps_fields) / sizeof(caps_fields[0]);

/* ---- encoder ----------------------------------------------------------- */

static const struct futeet_cap *field_of(const struct futeet_caps *c, const struct caps_field *f)
{
	return (const struct futeet_cap *)((const uint8_t *)c + f->off);
}

static bool name_ok(const char *s)
{
	size_t n = strnlen(s, 16);

	if (n == 0 || n == 16)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return true;
}

int caps_encode(const struct futeet_caps *c, uint8_t *buf, size_t cap, size_t *len)
{
	struct cbor_enc e;
	uint64_t pairs = 1;
	bool note;

	if (c == NULL || len == NULL || c->version != FUTEET_CAPS_VERSION)
		return -EINVAL;
	if (c->tee_prov.prov > FUTEET_PROV_GUEST || c->tcb.prov > FUTEET_PROV_GUEST ||
	    (c->tcb.prov && (c->tcb_len == 0 || c->tcb_len > sizeof(c->tcb_raw))))
		return -EINVAL;
	if (c->tee_prov.prov && (!name_ok(c->tee) || !name_ok(c->vendor) || !name_ok(c->arch)))
		return -EINVAL;
	if (c->tee_prov.prov)
		pairs += 3;
	for (size_t i = 0; i < caps_nfields; i++) {
		const struct caps_field *f = &caps_fields[i];
		const struct futeet_cap *v = field_of(c, f);

		if (v->prov > FUTEET_PROV_GUEST)
			return -EINVAL;
		if (v->prov == FUTEET_PROV_ABSENT)
			continue;
		if ((f->type == CAPS_V_TEXT && caps_field_name(f, v->value) == NULL) ||
		    (f->type == CAPS_V_BOOL && v->value > 1))
			return -EINVAL;
		pairs++;
	}
	pairs += c->tcb.prov != 0;
	note = c->host_known_keys.prov && c->host_known_keys.value;
	pairs += note;

	cbor_enc_init(&e, buf, cap);
	cbor_put_map(&e, pairs);
	cbor_put_uint(&e, CAPS_KEY_VERSION);
	cbor_put_uint(&e, FUTEET_CAPS_VERSION);
	if (c->tee_prov.prov) {
		const char *s[3] = { c->tee, c->vendor, c->arch };

		for (unsigned k = 0; k < 3; k++) {
			cbor_put_uint(&e, CAPS_KEY_TEE + k);
			cbor_put_array(&e, 2);
			cbor_put_tstr_z(&e, s[k]);
			cbor_put_uint(&e, c->tee_prov.prov);
		}
	}
	for (size_t i = 0; i < caps_nfields; i++) {
		const struct caps_field *f = &caps_fields[i];
		const struct futeet_cap *v = field_of(c, f);

		if (v->prov == FUTEET_PROV_ABSENT)
			continue;
		cbor_put_uint(&e, f->key);
		cbor_put_array(&e, 2);
		switch (f->type) {
		case CAPS_V_BOOL:
			cbor_put_bool(&e, v->value != 0);
			break;
		case CAPS_V_TEXT:
			cbor_put_tstr_z(&e, caps_field_name(f, v->value));
			break;
		case CAPS_V_MEM:
			if (v->value == FUTEET_SECURE_MEMORY_ALL)
				cbor_put_tstr_z(&e, "all-dram");
			else
				cbor_put_uint(&e, v->value);
			break;
		default:
			cbor_put_uint(&e, v->value);
			break;
		}
		cbor_put_uint(&e, v->prov);
	}
	if (c->tcb.prov) {
		cbor_put_uint(&e, CAPS_KEY_TCB);
		cbor_put_array(&e, 2);
		cbor_put_bstr(&e, c->tcb_raw, c->tcb_len);
		cbor_put_uint(&e, c->tcb.prov);
	}
	if (note) {
		cbor_put_uint(&e, CAPS_KEY_NOTE);
		cbor_put_tstr_z(&e, c->kind == FUTEET_TEE_NONE ? CAPS_NOTE_NONE : CAPS_NOTE_SIM);
	}
	return cbor_enc_finish(&e, len);
}
