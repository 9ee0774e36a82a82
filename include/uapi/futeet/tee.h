/* FUTEET attestation syscalls: the structures userland passes (syscall
 * numbers in syscalls.def: futeet_derive_key 1025,
 * futeet_extend 1027, futeet_attest 1028, futeet_caps
 * 1029 (caps.h), futeet_measurements 1030). Evidence format: DESIGN.md
 * section 5. */
#ifndef FUTEET_UAPI_TEE_H
#define FUTEET_UAPI_TEE_H

#include <stdint.h>

/* futeet_attest's nonce and evidence bounds (the call: attest.h). The nonce becomes the claims set's eat_nonce (RFC 9711: 8..64 bytes);
 * REPORT_DATA is always SHA-512 of the claims set, never chosen by the
 * program. A buffer of FUTEET_EVIDENCE_MAX bytes always suffices. */
#define FUTEET_NONCE_MIN     8u
#define FUTEET_NONCE_MAX     64u
#define FUTEET_EVIDENCE_MAX  65536u

/* futeet_derive_key(const struct futeet_key_req *req, uint8_t key[32]).
 * On SNP the fields are those of MSG_KEY_REQ (SNP ABI 56860 rev 1.57,
 * section 7.2): the key mixes in the selected launch fields. */
#define FUTEET_KEY_LEN            32u
#define FUTEET_KEY_ROOT_VCEK      0u  /* chip-unique root (SNP VCEK) */
#define FUTEET_KEY_ROOT_VMRK      1u  /* VM root key (SNP VMRK, migration agent) */
#define FUTEET_KEY_FIELD_POLICY      (1ull << 0)
#define FUTEET_KEY_FIELD_IMAGE_ID    (1ull << 1)
#define FUTEET_KEY_FIELD_FAMILY_ID   (1ull << 2)
#define FUTEET_KEY_FIELD_MEASUREMENT (1ull << 3)
#define FUTEET_KEY_FIELD_GUEST_SVN   (1ull << 4)
#define FUTEET_KEY_FIELD_TCB_VERSION (1ull << 5)
#define FUTEET_KEY_FIELDS_ALL        0x3full
struct futeet_key_req {
	uint32_t root_key;       /* FUTEET_KEY_ROOT_* */
	uint32_t vmpl;           /* 0..3; the PSP refuses one below the caller's */
	uint64_t field_select;   /* FUTEET_KEY_FIELD_* */
	uint32_t guest_svn;
	uint32_t reserved0;      /* must be zero */
	uint64_t tcb_version;
	uint64_t reserved[2];    /* must be zero */
};
_Static_assert(sizeof(struct futeet_key_req) == 48, "futeet_key_req size");

/* The platforms the kernel runs on: the sealed blob's tee byte (seal.h);
 * the same numbers as enum futeet_tee_kind (caps.h), whose futeet_caps
 * descriptor names the platform (futeet_tee_info, 1026, is retired). */
enum futeet_platform {
	FUTEET_PLATFORM_NONE = 0,
	FUTEET_PLATFORM_SNP = 1,
	FUTEET_PLATFORM_TDX = 2,
	FUTEET_PLATFORM_SIM_SNP = 3,
	FUTEET_PLATFORM_SIM_TDX = 4,
};

/* futeet_extend(index, digest, len, event, event_len): extend runtime
 * measurement register index with a digest, recorded in the kernel's event
 * log with the event data. Userland may extend register 3 only (TDX RTMR3,
 * SNP the kernel's software register 3; -EPERM otherwise: 0..2 hold the
 * firmware's and the kernel's measurements); the digest is SHA-384 (48
 * bytes); event data at most FUTEET_EXTEND_EVENT_MAX bytes. -EOPNOTSUPP
 * where the platform has no attestation (none). */
#define FUTEET_EXTEND_USER_INDEX  3u
#define FUTEET_EXTEND_KERNEL_INDEX 2u
#define FUTEET_EXTEND_DIGEST_LEN  48u
#define FUTEET_EXTEND_EVENT_MAX   256u

/* futeet_attest(nonce, nonce_len, buf, cap, size_t *out_len, opts) -> 0.
 * The unified evidence (docs/FORMATS.md section 1): the claims set carries
 * eat_nonce = the nonce (8..64 bytes), the capability descriptor, the
 * runtime registers and their event log, software name/version, the
 * normalized claims, and optionally the caller's public key (cnf) and its
 * own claims under one key (-75006). REPORT_DATA = SHA-512 of the claims
 * set; the program never chooses it. *out_len = the evidence length; a
 * buffer too small: -ENOSPC and *out_len = the size needed.
 * opts may be NULL (no key, no user claims). Errors: -EINVAL (nonce length,
 * unknown flags, reserved fields, a malformed key or user claims), -EFAULT,
 * -ENOSPC, -EOPNOTSUPP (no attestation on this platform). */
#define FUTEET_ATTEST_CNF          (1u << 0)  /* cose_key is a COSE_Key (RFC 9052) */
#define FUTEET_ATTEST_USER_CLAIMS  (1u << 1)  /* user_claims is one CBOR item */
#define FUTEET_ATTEST_FLAGS_ALL    0x3u
#define FUTEET_ATTEST_COSE_KEY_MAX 256u
#define FUTEET_ATTEST_USER_CLAIMS_MAX 1024u
struct futeet_attest_opts {
	uint32_t flags;            /* FUTEET_ATTEST_* */
	uint32_t reserved0;        /* must be zero */
	uint64_t cose_key;         /* user pointer: EC2 P-256 / P-384 COSE_Key map */
	uint64_t cose_key_len;
	uint64_t user_claims;      /* user pointer: one well-formed CBOR item */
	uint64_t user_claims_len;
	uint64_t reserved[2];      /* must be zero */
};
_Static_assert(sizeof(struct futeet_attest_opts) == 56, "futeet_attest_opts size");

/* futeet_measurements(struct futeet_measurements *out, u8 *log, size_t cap,
 * size_t *log_len) -> 0. The runtime registers 2 (kernel) and 3 (userland)
 * and the kernel's event log of every extend into them: TCG PFP 1.05
 * crypto-agile (a Spec ID event, then TCG_PCR_EVENT2 records, SHA-384 only,
 * MR index = register + 1 as in the TDVF Design Guide 10.2), so replaying it
 * from zero gives the registers. log may be NULL when cap is 0; a log larger
 * than cap: -ENOSPC and *log_len = the size needed. -EOPNOTSUPP on none. */
#define FUTEET_MEASUREMENTS_MAX 4u
#define FUTEET_MEASUREMENT_LOG_MAX 8192u
struct futeet_measurement {
	uint32_t index;            /* 2 or 3 */
	uint32_t alg;              /* enum futeet_hashalg (caps.h): SHA-384 */
	uint8_t value[48];
};
struct futeet_measurements {
	uint32_t source;           /* enum futeet_rtm (caps.h) */
	uint32_t count;            /* valid entries in reg */
	uint64_t reserved;
	struct futeet_measurement reg[FUTEET_MEASUREMENTS_MAX];
};
_Static_assert(sizeof(struct futeet_measurement) == 56, "futeet_measurement size");
_Static_assert(sizeof(struct futeet_measurements) == 240, "futeet_measurements size");

#endif
