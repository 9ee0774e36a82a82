/* FUTEET sealing: futeet_seal / futeet_unseal / futeet_blob_in (numbers in
 * syscalls.def) and the sealed blob they exchange. The blob format is
 * specified in docs/FORMATS.md ("Sealed blob"); lib/seal_blob.c parses it.
 *
 *   0x00 +---------------------------+
 *        | magic "FTSB"              |  4 bytes
 *   0x04 | version (1)               |  u8
 *   0x05 | tee                       |  u8  enum futeet_platform of the sealer
 *   0x06 | bind                      |  u8  FUTEET_SEAL_BIND_*
 *   0x07 | key_vmpl                  |  u8  VMPL of the key request (0)
 *   0x08 | policy                    |  u32 LE, FUTEET_SEAL_* the caller chose
 *   0x0C | ct_len                    |  u32 LE, = plaintext length
 *   0x10 | key_fields                |  u64 LE, SNP GUEST_FIELD_SELECT used
 *   0x18 | iv                        |  12 bytes, random per blob
 *   0x24 | reserved (0)              |  u32
 *   0x28 +---------------------------+  header end: all of it is GCM's AAD
 *        | ciphertext (ct_len)       |  AES-256-GCM (NIST SP 800-38D)
 *        | tag (16)                  |
 *        +---------------------------+
 */
#ifndef FUTEET_UAPI_SEAL_H
#define FUTEET_UAPI_SEAL_H

#include <stdint.h>

/* futeet_seal(policy, plaintext, len, blob, cap) -> blob length.
 * policy: FUTEET_SEAL_* bits; at least one of MEASUREMENT, GUEST_POLICY
 * (a key bound to neither would unseal in any guest on the same chip).
 * Errors: -EINVAL unknown or no binding bits, REQUIRE_KERNEL without
 * MEASUREMENT; -EMSGSIZE len > FUTEET_SEAL_PLAINTEXT_MAX; -ENOSPC cap <
 * FUTEET_SEAL_BLOB_LEN(len); -EFAULT bad pointers; -EOPNOTSUPP on TDX (no
 * sealing key in hardware), on none, and for REQUIRE_KERNEL where the
 * launch measurement binds the firmware alone. */
#define FUTEET_SEAL_MEASUREMENT     (1u << 0) /* SNP MEASUREMENT (launch digest) */
#define FUTEET_SEAL_GUEST_POLICY    (1u << 1) /* SNP guest POLICY */
#define FUTEET_SEAL_REQUIRE_KERNEL  (1u << 2) /* refuse unless MEASUREMENT binds the kernel */
#define FUTEET_SEAL_POLICY_KNOWN    0x7u

/* What the launch measurement, hence a key bound to it, covers. */
#define FUTEET_SEAL_BIND_NONE       0u /* no MEASUREMENT in the key (or no sealing) */
#define FUTEET_SEAL_BIND_FIRMWARE   1u /* the firmware (and VMSAs) alone: any kernel and
				      command line the host picks derive the same key */
#define FUTEET_SEAL_BIND_KERNEL     2u /* also the kernel and command line (SNP kernel hashes) */

#define FUTEET_SEAL_MAGIC           "FTSB"
#define FUTEET_SEAL_VERSION         1u
#define FUTEET_SEAL_HDR_LEN         0x28u
#define FUTEET_SEAL_IV_LEN          12u
#define FUTEET_SEAL_TAG_LEN         16u
#define FUTEET_SEAL_PLAINTEXT_MAX   16384u
#define FUTEET_SEAL_BLOB_LEN(n)     (FUTEET_SEAL_HDR_LEN + (n) + FUTEET_SEAL_TAG_LEN)
#define FUTEET_SEAL_BLOB_MAX        FUTEET_SEAL_BLOB_LEN(FUTEET_SEAL_PLAINTEXT_MAX)

/* Header field offsets (the drawing above). */
#define FUTEET_SEAL_OFF_VERSION     0x04u
#define FUTEET_SEAL_OFF_TEE         0x05u
#define FUTEET_SEAL_OFF_BIND        0x06u
#define FUTEET_SEAL_OFF_KEY_VMPL    0x07u
#define FUTEET_SEAL_OFF_POLICY      0x08u
#define FUTEET_SEAL_OFF_CT_LEN      0x0Cu
#define FUTEET_SEAL_OFF_KEY_FIELDS  0x10u
#define FUTEET_SEAL_OFF_IV          0x18u
#define FUTEET_SEAL_OFF_RESERVED    0x24u
_Static_assert(FUTEET_SEAL_OFF_IV + FUTEET_SEAL_IV_LEN == FUTEET_SEAL_OFF_RESERVED,
	       "seal header: iv then reserved");
_Static_assert(FUTEET_SEAL_OFF_RESERVED + 4 == FUTEET_SEAL_HDR_LEN, "seal header length");

/* futeet_unseal(blob, blob_len, out, cap) -> plaintext length.
 * Errors: -EINVAL a malformed blob or one sealed on another TEE kind or
 * launch binding (a one-line reason on the console); -EBADMSG
 * authentication failed (wrong key: another launch measurement or policy,
 * or any changed byte); -ENOSPC cap < ct_len; -EFAULT; -EOPNOTSUPP as for
 * futeet_seal. out is zeroed (probed) before the key is asked for; it
 * receives plaintext only once the tag verified. */

/* futeet_blob_in(buf, cap) -> length of the blob the host handed over
 * (scripts/run --blob-in FILE: fw_cfg FUTEET_SEAL_FWCFG_BLOB), at most
 * FUTEET_SEAL_BLOB_MAX bytes. Host input: unseal it to trust it.
 * -ENOENT none given; -ENOSPC cap too small; -EMSGSIZE the host's file is
 * larger than FUTEET_SEAL_BLOB_MAX. */
#define FUTEET_SEAL_FWCFG_BLOB      "opt/org.futeet/sealed-blob"

#endif
