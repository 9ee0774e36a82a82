/* Capability descriptor (DESIGN.md section 4): the static table of known
 * TEEs, and the descriptor's canonical CBOR map (docs/FORMATS.md section 5):
 *
 *   caps = {                      ; uint keys, RFC 8949 4.2.1 order
 *     0 => 1,                     ; version
 *     ? 1..23 => [value, prov],   ; prov: 1 hardware-attested,
 *                                 ;       2 verifier-derived, 3 guest-asserted
 *     ? 24 => tstr                ; note ("sim: not confidential ...")
 *     * uint => any               ; later keys: readers skip them
 *   }
 *
 * Key names and value types are the CAPS_KEY_* list below. Encoder in the
 * kernel and the tools; decoder (caps_decode) only in the tools, userland
 * and the fuzzer: the kernel never reads a descriptor. */
#ifndef FUTEET_LIB_CAPS_H
#define FUTEET_LIB_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"
#include "uapi/futeet/caps.h"

#define CAPS_KEY_VERSION         0   /* uint */
#define CAPS_KEY_TEE             1   /* tstr */
#define CAPS_KEY_VENDOR          2   /* tstr */
#define CAPS_KEY_ARCH            3   /* tstr */
#define CAPS_KEY_ISOLATION       4   /* "none" | "process" | "vm" */
#define CAPS_KEY_CONFIDENTIALITY 5   /* level: "none" | "partial" | "full" */
#define CAPS_KEY_INTEGRITY       6   /* level */
#define CAPS_KEY_FRESHNESS       7   /* level (memory replay protection) */
#define CAPS_KEY_SECURE_MEMORY   8   /* uint bytes | "all-dram" */
#define CAPS_KEY_LOCAL_ATTEST    9   /* level */
#define CAPS_KEY_REMOTE_ATTEST   10  /* level */
#define CAPS_KEY_SEALING         11  /* "none" | "tee-key" | "tee-key-firmware" | "tee-key-kernel" */
#define CAPS_KEY_RTM             12  /* "none" | "hardware-register" | "kernel-software-register" */
#define CAPS_KEY_RTM_COUNT       13  /* uint */
#define CAPS_KEY_RTM_ALG         14  /* "sha-384" */
#define CAPS_KEY_DEBUG           15  /* bool */
#define CAPS_KEY_MIGRATION       16  /* bool */
#define CAPS_KEY_TRUSTED_TIME    17  /* level */
#define CAPS_KEY_COUNTERS        18  /* "none" | "volatile" | "persistent" */
#define CAPS_KEY_EVIDENCE_ALG    19  /* "none" | "ecdsa-p384-sha384" | "ecdsa-p256-sha256" */
#define CAPS_KEY_REPORT_DATA     20  /* uint bytes */
#define CAPS_KEY_PRIVILEGE_LEVEL 21  /* uint (SNP VMPL) */
#define CAPS_KEY_HOST_KNOWN_KEYS 22  /* bool */
#define CAPS_KEY_TCB             23  /* bstr */
#define CAPS_KEY_NOTE            24  /* tstr, no provenance */
#define CAPS_KEY_MAX_KNOWN       24

#define CAPS_NOTE_SIM "sim: not confidential (keys are host-known; test roots only)"
#define CAPS_NOTE_NONE "none: no TEE, nothing is protected from the host"

/* One row of the static table. CAPS_UNKNOWN: the table says nothing. */
#define CAPS_UNKNOWN 0xffu
struct caps_row {
	uint32_t kind;               /* enum futeet_tee_kind */
	const char *tee, *vendor, *arch;
	bool runnable;               /* FUTEET has a backend for it */
	uint8_t isolation;           /* enum futeet_isolation */
	uint8_t confidentiality, integrity, freshness; /* enum futeet_level */
	uint64_t secure_memory;      /* bytes, FUTEET_SECURE_MEMORY_ALL, 0 unknown */
	uint8_t local_attestation, remote_attestation;
	uint8_t sealing;             /* enum futeet_sealing */
	uint8_t rtm, rtm_count, rtm_alg;
	uint8_t trusted_time, counters, evidence_alg;
	uint8_t report_data_size;    /* 0 unknown */
	uint8_t host_known_keys;     /* 0/1, CAPS_UNKNOWN */
	const char *source;          /* where the row's values come from */
};

/* The row for a kind, NULL if none. */
const struct caps_row *caps_row(uint32_t kind);
/* Every row, for tools and tests. */
const struct caps_row *caps_rows(size_t *count);

/* Fill *c from the kind's row: the static values, each with provenance
 * prov (FUTEET_PROV_VERIFIER when the platform attests, so a verifier can
 * derive them from the kind; FUTEET_PROV_GUEST otherwise). Runtime fields
 * stay absent. -ENOENT for an unknown kind. */
FUTEET_MUST_CHECK int caps_from_table(uint32_t kind, uint32_t prov, struct futeet_caps *c);

/* Canonical CBOR of *c (fields with provenance 0 left out). 0, -EINVAL
 * (a value outside its enum, a provenance above 3), -ENOSPC. */
FUTEET_MUST_CHECK int caps_encode(const struct futeet_caps *c, uint8_t *buf, size_t cap,
				  size_t *len);

#endif
