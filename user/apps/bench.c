/* bench: the cost of the kernel's user-visible operations, timed from ring 3
 * with CLOCK_MONOTONIC. One line per measure, for scripts/bench to pick up:
 *
 *   bench: NAME OPS ops NS ns/op
 *
 * then "bench: done". When the platform can attest (sim-snp, snp), it also
 * times evidence and key derivation. (The in-guest verifier is a libfuteet
 * call in ring 3, not a kernel operation: `verifyself --bench N` times it,
 * so that only one program in the image carries it.) `bench N` multiplies the iteration counts by N (default
 * 1, sized for about 2 s under TCG). Numbers under TCG measure the emulator as much as the
 * kernel: compare them only with runs on the same host and accelerator. */
#include <errno.h>
#include <futeet/futeet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <time.h>

static uint64_t now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		printf("bench: clock_gettime failed\n");
		exit(1);
	}
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint8_t evidence[FUTEET_EVIDENCE_MAX];

/* Attestation costs: a whole guest request round trip each (on the sim:
 * GCM, the mailbox, the sim's ECDSA signature). */
static long bench_attest(long scale, void (*rep)(const char *, long, uint64_t, uint64_t))
{
	struct futeet_caps caps;
	struct futeet_key_req kreq;
	uint8_t nonce[32], key[FUTEET_KEY_LEN];
	size_t len = 0;
	long r = 0, n;
	uint64_t t0;

	if (futeet_caps(&caps) != 0 || !futeet_caps_attests(&caps))
		return 0;   /* plain VM (or a Linux host): nothing to time */
	memset(nonce, 0x5a, sizeof(nonce));
	n = 5 * scale;
	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		r |= futeet_attest(nonce, sizeof(nonce), evidence, sizeof(evidence), &len, NULL) != 0;
		r |= len == 0;
	}
	rep("futeet_attest", n, t0, now_ns());

	memset(&kreq, 0, sizeof(kreq));
	kreq.field_select = FUTEET_KEY_FIELD_MEASUREMENT;
	n = 10 * scale;
	t0 = now_ns();
	for (long i = 0; i < n; i++)
		r |= futeet_derive_key(&kreq, key) != 0;
	rep("futeet_derive_key", n, t0, now_ns());

	memset(key, 0, sizeof(key));
	return r;
}

static void report(const char *name, long ops, uint64_t t0, uint64_t t1)
{
	uint64_t ns = t1 - t0;

	printf("bench: %s %ld ops %lu ns/op\n", name, ops, (unsigned long)(ns / (uint64_t)ops));
}

int main(int argc, char **argv)
{
	long scale = argc > 1 ? strtol(argv[1], NULL, 0) : 1;
	long n;
	uint64_t t0;
	unsigned char buf[4096];
	struct timespec ts;
	long r = 0;

	if (scale < 1 || scale > 1000)
		scale = 1;

	n = 2000 * scale;   /* the shortest path: dispatch and return */
	t0 = now_ns();
	for (long i = 0; i < n; i++)
		r |= futeet_syscall(999, 0, 0, 0, 0, 0, 0) != -ENOSYS;
	report("syscall_enosys", n, t0, now_ns());

	n = 2000 * scale;
	t0 = now_ns();
	for (long i = 0; i < n; i++)
		r |= futeet_sys_clock_gettime(CLOCK_MONOTONIC, (long)&ts);
	report("clock_gettime", n, t0, now_ns());

	n = 500 * scale;
	t0 = now_ns();
	for (long i = 0; i < n; i++)
		r |= futeet_sys_getrandom((long)buf, 32, 0) != 32;
	report("getrandom_32B", n, t0, now_ns());

	n = 20 * scale;
	t0 = now_ns();
	for (long i = 0; i < n; i++)
		r |= futeet_sys_getrandom((long)buf, sizeof(buf), 0) != (long)sizeof(buf);
	report("getrandom_4KiB", n, t0, now_ns());

	n = 2000 * scale;
	t0 = now_ns();
	for (long i = 0; i < n; i++)
		r |= futeet_sys_write(1, (long)buf, 0) != 0;
	report("write_0B", n, t0, now_ns());

	n = 200 * scale;
	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		long m = futeet_sys_mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		r |= futeet_is_err(m);
		if (!futeet_is_err(m)) {
			*(volatile char *)m = 1;
			r |= futeet_sys_munmap(m, 4096);
		}
	}
	report("mmap_touch_munmap_4KiB", n, t0, now_ns());

	n = 20 * scale;
	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		long m = futeet_sys_mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		r |= futeet_is_err(m);
		if (!futeet_is_err(m))
			r |= futeet_sys_munmap(m, 1 << 20);
	}
	report("mmap_munmap_1MiB", n, t0, now_ns());

	n = 20000 * scale;
	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		void *p = malloc((size_t)(i % 512) + 1);

		r |= p == NULL;
		free(p);
	}
	report("malloc_free", n, t0, now_ns());

	r |= bench_attest(scale, report);

	if (r) {
		printf("bench: an operation failed\n");
		return 1;
	}
	printf("bench: done\n");
	return 0;
}
