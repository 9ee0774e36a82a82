/* Time and volatile monotonic counters: futeet_time (syscall 1056) and
 * futeet_counter (1057); docs/API.md. Each time value says where it came
 * from and whether the TEE vouches for it: the host controls the PIT, the
 * CMOS RTC and (outside TDX) CPUID, so only a TSC whose frequency the TEE
 * itself reports is trusted. */
#ifndef FUTEET_UAPI_CLOCK_H
#define FUTEET_UAPI_CLOCK_H

#include <stdint.h>

/* struct futeet_time flags (elapsed_flags, wall_flags) */
#define FUTEET_TIME_VALID    (1u << 0)  /* the value is there */
#define FUTEET_TIME_TRUSTED  (1u << 1)  /* the TEE vouches for it; never set on wall_flags */

/* Where the TSC frequency behind elapsed_ns came from (tsc_source). */
enum futeet_tsc_source {
	FUTEET_TSC_NONE = 0,
	FUTEET_TSC_TDX_CPUID = 1,      /* CPUID 0x15 as the TDX module reports it: trusted */
	FUTEET_TSC_SNP_SECURE_TSC = 2, /* SNP Secure TSC: GUEST_TSC_FREQ and TSC_FACTOR, trusted (never run) */
	FUTEET_TSC_HOST_CPUID = 3,     /* CPUID 0x15, 0x16 or 0x40000010 from the host: untrusted */
	FUTEET_TSC_PIT = 4,            /* calibrated against the host-emulated PIT: untrusted */
	FUTEET_TSC_GUESS = 5,          /* no source answered: 1 GHz assumed, untrusted */
};

/* Where the wall clock came from (wall_source). */
enum futeet_wall_source {
	FUTEET_WALL_NONE = 0,
	FUTEET_WALL_CMOS_RTC = 1,      /* the host-emulated MC146818 RTC: untrusted, 1 s resolution */
};

/* futeet_time(struct futeet_time *out, unsigned flags = 0) -> 0. */
struct futeet_time {
	uint64_t elapsed_ns;     /* since the kernel started, from the TSC; monotonic */
	uint64_t tsc_hz;         /* the TSC frequency used */
	uint32_t elapsed_flags;  /* FUTEET_TIME_VALID, FUTEET_TIME_TRUSTED */
	uint32_t tsc_source;     /* enum futeet_tsc_source */
	int64_t wall_sec;        /* host's wall clock: seconds since 1970-01-01T00:00:00Z */
	uint32_t wall_nsec;      /* 0: the RTC counts whole seconds */
	uint32_t wall_flags;     /* FUTEET_TIME_VALID only: never trusted */
	uint32_t wall_source;    /* enum futeet_wall_source */
	uint32_t reserved0;      /* zero */
	uint64_t reserved[2];    /* zero */
};
_Static_assert(sizeof(struct futeet_time) == 64, "futeet_time size");
_Static_assert(__builtin_offsetof(struct futeet_time, wall_sec) == 24, "futeet_time wall_sec");

/* futeet_counter(op, id, uint64_t *value): FUTEET_COUNTER_MAX volatile
 * monotonic counters, kept in guest memory: they start at 0 on every boot
 * and do not survive a reboot (nor a host that restarts the guest).
 *   CREATE     id must be 0, value NULL (0): returns a fresh id, or -ENOSPC
 *   INCREMENT  adds 1 and writes the new value to *value (-EOVERFLOW at
 *              UINT64_MAX, the counter unchanged)
 *   READ       writes the value to *value
 * An id that was never created is -ENOENT, one >= FUTEET_COUNTER_MAX or an
 * unknown op -EINVAL. */
#define FUTEET_COUNTER_MAX        16u
#define FUTEET_COUNTER_CREATE     0u
#define FUTEET_COUNTER_INCREMENT  1u
#define FUTEET_COUNTER_READ       2u

#endif
