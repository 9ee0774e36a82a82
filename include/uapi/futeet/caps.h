/* The capability descriptor (DESIGN.md section 4, docs/API.md "futeet_caps",
 * CBOR form in docs/FORMATS.md section 5): what the TEE under this kernel
 * guarantees, each value with its provenance. Static properties come from
 * one table (lib/caps.c, after the TEE comparison of "A Case for Unifying
 * Trusted Execution Environments", Table I); runtime values (secure memory,
 * debug, VMPL, TCB, registers) are filled in by the running kernel.
 *
 *   futeet_caps(void *buf, size_t cap, size_t *out_len, unsigned flags)
 *     flags FUTEET_CAPS_STRUCT: buf receives struct futeet_caps;
 *     flags FUTEET_CAPS_CBOR:   buf receives the canonical CBOR map.
 *     0, or -EINVAL (unknown flags), -EFAULT, -ENOSPC (*out_len = size needed). */
#ifndef FUTEET_UAPI_CAPS_H
#define FUTEET_UAPI_CAPS_H

#include <stdint.h>

#define FUTEET_CAPS_VERSION 1u
#define FUTEET_CAPS_STRUCT  0u
#define FUTEET_CAPS_CBOR    1u
#define FUTEET_CAPS_CBOR_MAX 1024u  /* the CBOR form always fits */

/* Where a value comes from. 0: the kernel does not know it (left out of
 * the CBOR map). */
enum futeet_prov {
	FUTEET_PROV_ABSENT = 0,
	FUTEET_PROV_HW = 1,        /* hardware-attested: in the signed vendor report */
	FUTEET_PROV_VERIFIER = 2,  /* verifier-derived: follows from the TEE kind the
	                            * verifier learns from the root of trust (this
	                            * table), or from collateral */
	FUTEET_PROV_GUEST = 3,     /* guest-asserted: only this kernel says so */
};

/* TEE kinds: the runnable ones equal enum futeet_platform (uapi tee.h);
 * 16 and above are TEEs the kernel can name but not run. */
enum futeet_tee_kind {
	FUTEET_TEE_NONE = 0,
	FUTEET_TEE_SEV_SNP = 1,
	FUTEET_TEE_TDX = 2,
	FUTEET_TEE_SIM_SNP = 3,
	FUTEET_TEE_SIM_TDX = 4,
	FUTEET_TEE_SGX_CLIENT = 16,
	FUTEET_TEE_SGX_SCALABLE = 17,
	FUTEET_TEE_TRUSTZONE = 18,
	FUTEET_TEE_SEV = 19,       /* SEV without SNP (the paper's "AMD SEV") */
	FUTEET_TEE_PENGLAI = 20,
	FUTEET_TEE_CCA = 21,       /* Arm CCA realms */
	FUTEET_TEE_COVE = 22,      /* RISC-V CoVE */
};

enum futeet_level { FUTEET_LEVEL_NONE = 0, FUTEET_LEVEL_PARTIAL = 1, FUTEET_LEVEL_FULL = 2 };
enum futeet_isolation { FUTEET_ISOLATION_NONE = 0, FUTEET_ISOLATION_PROCESS = 1,
			FUTEET_ISOLATION_VM = 2 };
/* TEE_KEY: the TEE derives sealing keys (the table's static row); the kernel
 * refines it at boot to what a key bound to the launch measurement covers
 * (tee_seal_binding, docs/FORMATS.md section 6): the firmware alone, or
 * also the kernel and command line (SNP kernel hashes). */
enum futeet_sealing { FUTEET_SEALING_NONE = 0, FUTEET_SEALING_TEE_KEY = 1,
		      FUTEET_SEALING_TEE_KEY_FIRMWARE = 2, FUTEET_SEALING_TEE_KEY_KERNEL = 3 };
enum futeet_rtm {
	FUTEET_RTM_NONE = 0,
	FUTEET_RTM_HW = 1,         /* hardware registers (TDX RTMR2/3) */
	FUTEET_RTM_KERNEL_SW = 2,  /* kernel software registers, bound by REPORT_DATA (SNP) */
};
enum futeet_counters { FUTEET_COUNTERS_NONE = 0, FUTEET_COUNTERS_VOLATILE = 1,
		       FUTEET_COUNTERS_PERSISTENT = 2 };
enum futeet_sigalg { FUTEET_SIGALG_NONE = 0,
		     FUTEET_SIGALG_ECDSA_P384_SHA384 = 1,  /* SNP VCEK/VLEK */
		     FUTEET_SIGALG_ECDSA_P256_SHA256 = 2 }; /* TDX quoting enclave */
enum futeet_hashalg { FUTEET_HASH_NONE = 0, FUTEET_HASH_SHA384 = 1 };
#define FUTEET_SECURE_MEMORY_ALL UINT64_MAX  /* "all DRAM" in the static table */

struct futeet_cap {
	uint64_t value;
	uint32_t prov;             /* enum futeet_prov */
	uint32_t reserved;
};
_Static_assert(sizeof(struct futeet_cap) == 16, "futeet_cap size");

struct futeet_caps {
	uint32_t version;          /* FUTEET_CAPS_VERSION */
	uint32_t kind;             /* enum futeet_tee_kind (also in tee below) */
	char tee[16];              /* "sev-snp", "tdx", "sim-snp", "sim-tdx", "none" */
	char vendor[16];           /* "AMD", "Intel", ... */
	char arch[16];             /* "x86_64", "arm64", "riscv64" */
	struct futeet_cap tee_prov;       /* provenance of kind/tee/vendor/arch (value 0) */
	struct futeet_cap isolation;      /* enum futeet_isolation */
	struct futeet_cap confidentiality;/* enum futeet_level */
	struct futeet_cap integrity;      /* enum futeet_level */
	struct futeet_cap freshness;      /* enum futeet_level: memory replay protection */
	struct futeet_cap secure_memory;  /* bytes, or FUTEET_SECURE_MEMORY_ALL */
	struct futeet_cap local_attestation;  /* enum futeet_level */
	struct futeet_cap remote_attestation; /* enum futeet_level */
	struct futeet_cap sealing;        /* enum futeet_sealing */
	struct futeet_cap rtm;            /* enum futeet_rtm */
	struct futeet_cap rtm_count;      /* registers futeet_measurements reports */
	struct futeet_cap rtm_alg;        /* enum futeet_hashalg */
	struct futeet_cap debug;          /* 0/1 */
	struct futeet_cap migration;      /* 0/1 */
	struct futeet_cap trusted_time;   /* enum futeet_level */
	struct futeet_cap counters;       /* enum futeet_counters */
	struct futeet_cap evidence_alg;   /* enum futeet_sigalg */
	struct futeet_cap report_data_size; /* bytes */
	struct futeet_cap privilege_level;  /* SNP VMPL */
	struct futeet_cap host_known_keys;  /* 1 on the sims: not confidential */
	struct futeet_cap tcb;            /* value 0; tcb_raw holds the bytes */
	uint8_t tcb_raw[16];              /* SNP REPORTED_TCB (8) / TDX TEE_TCB_SVN (16) */
	uint32_t tcb_len;
	uint32_t reserved0;
	uint64_t reserved[4];
};
_Static_assert(sizeof(struct futeet_caps) == 448, "futeet_caps size");

#endif
