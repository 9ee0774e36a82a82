/* FUTEET's user ABI: the one header a program includes (<futeet/futeet.h>,
 * with -Iinclude/uapi), also usable by host tools ("uapi/futeet/futeet.h").
 * It brings in the error numbers, the user memory map, the syscall numbers
 * and the structures every FUTEET call passes; in userland it also declares
 * libfuteet (user/libfuteet). docs/API.md documents each call.
 *
 * Calling convention (Linux x86-64): the `syscall` instruction, number in
 * rax, arguments in rdi rsi rdx r10 r8 r9, rcx and r11 clobbered, result in
 * rax: >= 0, or a negative Linux errno value (-EINVAL, -EFAULT,
 * -EOPNOTSUPP, ...). The raw stubs futeet_sys_<name> return that value as
 * it is (no errno variable, no -1); futeet_strerror names it. */
#ifndef FUTEET_UAPI_FUTEET_H
#define FUTEET_UAPI_FUTEET_H

#include <stddef.h>
#include <stdint.h>

#include "caps.h"
#include "chan.h"
#include "clock.h"
#include "errno.h"
#include "memlayout.h"
#include "port.h"
#include "ratls.h"
#include "seal.h"
#include "sysno.h"
#include "tee.h"
#include "verify.h"

/* A platform's number is its TEE kind in the capability descriptor. */
_Static_assert((int)FUTEET_PLATFORM_NONE == (int)FUTEET_TEE_NONE &&
	       (int)FUTEET_PLATFORM_SNP == (int)FUTEET_TEE_SEV_SNP &&
	       (int)FUTEET_PLATFORM_TDX == (int)FUTEET_TEE_TDX &&
	       (int)FUTEET_PLATFORM_SIM_SNP == (int)FUTEET_TEE_SIM_SNP &&
	       (int)FUTEET_PLATFORM_SIM_TDX == (int)FUTEET_TEE_SIM_TDX, "enum futeet_platform = futeet_tee_kind");

/* The raw result r of a call is an error iff -4095 <= r <= -1 (the Linux
 * convention: mmap may return addresses with the top bit set on other ABIs). */
static inline int futeet_is_err(long r)
{
	return (unsigned long)r >= (unsigned long)-4095L;
}

#ifndef FUTEET_KERNEL
/* ---- libfuteet (user/libfuteet) ---- */

/* long futeet_sys_<name>(long a0, ...): one raw stub per line of
 * syscalls.def, with exactly nargs arguments (pointers passed as long). */
#define FUTEET_SYSARGS_0 void
#define FUTEET_SYSARGS_1 long a0
#define FUTEET_SYSARGS_2 long a0, long a1
#define FUTEET_SYSARGS_3 long a0, long a1, long a2
#define FUTEET_SYSARGS_4 long a0, long a1, long a2, long a3
#define FUTEET_SYSARGS_5 long a0, long a1, long a2, long a3, long a4
#define FUTEET_SYSARGS_6 long a0, long a1, long a2, long a3, long a4, long a5
#define SYSCALL(name, nr, nargs) long futeet_sys_##name(FUTEET_SYSARGS_##nargs);
#include "syscalls.def"
#undef SYSCALL

/* Any syscall by number (for numbers not in the list, e.g. to test -ENOSYS). */
long futeet_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

/* The FUTEET calls (user/libfuteet/api.c): 0 or a negative errno. */
/* len random bytes from the kernel's HMAC-DRBG (getrandom, looped past its
 * 1 MiB per call); -EFAULT on a bad buffer. */
int futeet_random(void *buf, size_t len);
/* elapsed time and the host's wall clock, each flagged (uapi/futeet/clock.h) */
int futeet_time(struct futeet_time *out);
/* volatile monotonic counters: zero again after a reboot */
int futeet_counter_create(uint32_t *id);
int futeet_counter_increment(uint32_t id, uint64_t *value);
int futeet_counter_read(uint32_t id, uint64_t *value);
/* The attestation, measurement, capability and sealing calls, typed
 * (user/libfuteet/tee.c; docs/API.md has each call's errors): 0, or for
 * seal, unseal and blob_in a length, or a negative errno. */
int futeet_caps(struct futeet_caps *out);                 /* FUTEET_CAPS_STRUCT */
int futeet_caps_cbor(uint8_t *buf, size_t cap, size_t *out_len);
int futeet_attest(const uint8_t *nonce, size_t nonce_len, uint8_t *buf, size_t cap,
		  size_t *out_len, const struct futeet_attest_opts *opts);  /* opts may be NULL */
int futeet_extend(uint32_t index, const uint8_t digest[FUTEET_EXTEND_DIGEST_LEN],
		  const void *event, size_t event_len);
int futeet_measurements(struct futeet_measurements *out, uint8_t *log, size_t cap,
			size_t *log_len);
int futeet_derive_key(const struct futeet_key_req *req, uint8_t key[FUTEET_KEY_LEN]);
long futeet_seal(uint32_t policy, const void *plaintext, size_t len, uint8_t *blob, size_t cap);
long futeet_unseal(const uint8_t *blob, size_t blob_len, void *out, size_t cap);
long futeet_blob_in(uint8_t *buf, size_t cap);
/* What a descriptor from futeet_caps says about the platform: evidence and
 * keys are available (not "none", not injected values without a backend);
 * the platform is a sim (keys known to the host: not confidential). */
static inline int futeet_caps_attests(const struct futeet_caps *c)
{
	return c->remote_attestation.prov != FUTEET_PROV_ABSENT &&
	       c->remote_attestation.value != FUTEET_LEVEL_NONE;
}
static inline int futeet_caps_is_sim(const struct futeet_caps *c)
{
	return c->kind == FUTEET_TEE_SIM_SNP || c->kind == FUTEET_TEE_SIM_TDX;
}
/* buf as base64 between "-----BEGIN FUTEET <label>-----" and "-----END FUTEET
 * <label>-----" lines on stdout (user/libfuteet/armor.c): how evidence and
 * sealed blobs leave the guest through the console. */
void futeet_print_armored(const char *label, const void *buf, size_t len);
#endif

#endif
