/* verifyself [--no-sim] [--policy-time RFC3339] [--bench N]
 *            [--evidence-stdin] [--collateral] [--host-time]:
 * the in-guest verifier at work. Asks
 * the kernel for evidence bound to a fresh random nonce, then hands that
 * evidence to libfuteet's verifier (futeet_verify: the same lib/verify code
 * as the host's futeet-verify, running here in ring 3) with the same nonce
 * and the sim root allowed (--no-sim: refused, as a relying party that wants
 * real hardware would), and prints the EAR. It stands in for a guest appraising a peer:
 * the evidence is only bytes to the verifier. --bench N then appraises the
 * same evidence N more times and prints "bench: futeet_verify N ops NS ns/op"
 * (scripts/bench; bench.c's format).
 * --evidence-stdin appraises the evidence on standard input instead (a
 * peer's, relayed by the host: scripts/run --stdin FILE), with no nonce.
 * --collateral hands futeet_verify the Intel collateral the host gave
 * (scripts/run --collateral, the futeet_collateral_in syscall); --host-time
 * lets it verify at futeet_time's wall clock (the host's, untrusted:
 * FUTEET_VERIFY_HOST_TIME). A TDX result then prints
 * "verifyself: tcb STATUS at UNIX-TIME".
 * Exit 0 when the result is affirming or warning, 1 otherwise (with the
 * reason), 2 on a usage error. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <futeet/futeet.h>
#include <futeet/static.h>

static uint8_t evidence[FUTEET_EVIDENCE_MAX];
static size_t evidence_len;
static uint8_t result[FUTEET_VERIFY_RESULT_MAX];
static char policy[256];
static uint8_t collateral[FUTEET_VERIFY_COLLATERAL_MAX];

/* The whole of standard input (Linux read(2), number 0) into evidence. */
static long read_stdin(void)
{
	size_t n = 0;
	long r;

	while (n < sizeof(evidence) &&
	       (r = futeet_inline_syscall(0, 0, (long)(evidence + n), (long)(sizeof(evidence) - n), 0,
					  0, 0)) > 0)
		n += (size_t)r;
	if (n == sizeof(evidence))
		return -EMSGSIZE;
	evidence_len = n;
	return n ? 0 : -ENODATA;
}

/* "status": "..." inside the EAR's "tcb" map and "validity_time": N. */
static void print_tcb(const char *ear)
{
	const char *t = strstr(ear, "\"tcb\": {");
	const char *st = t ? strstr(t, "\"status\": \"") : NULL;
	const char *vt = strstr(ear, "\"validity_time\": ");

	if (!st)
		return;
	st += 11;
	const char *e = strchr(st, '"');
	if (!e)
		return;
	size_t nd = 0;
	if (vt)
		for (vt += 17; vt[nd] >= '0' && vt[nd] <= '9' && nd < 20; nd++)
			;
	printf("verifyself: tcb %.*s at %.*s\n", (int)(e - st), st, nd ? (int)nd : 7,
	       nd ? vt : "no time");
}

static const char *tier(uint32_t s)
{
	return s == FUTEET_EAR_AFFIRMING ? "affirming" :
	       s == FUTEET_EAR_WARNING ? "warning" :
	       s == FUTEET_EAR_CONTRAINDICATED ? "contraindicated" : "none";
}

int main(int argc, char **argv)
{
	uint8_t nonce[32];
	struct futeet_verify_req req;
	struct futeet_verify_out out;
	long r, bench = 0;

	uint32_t flags = FUTEET_VERIFY_ALLOW_SIM;
	int from_stdin = 0, want_coll = 0;

	memset(&req, 0, sizeof(req));
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--no-sim") == 0) {
			flags &= ~FUTEET_VERIFY_ALLOW_SIM;
		} else if (strcmp(argv[i], "--policy-time") == 0 && i + 1 < argc) {
			int n = snprintf(policy, sizeof(policy),
					 "{\"policy_id\": \"verifyself\", \"verification_time\": \"%s\"}",
					 argv[++i]);
			if (n <= 0 || (size_t)n >= sizeof(policy)) {
				printf("verifyself: policy time too long\n");
				return 2;
			}
			req.policy = (uint64_t)(uintptr_t)policy;
			req.policy_len = (uint64_t)n;
		} else if (strcmp(argv[i], "--evidence-stdin") == 0) {
			from_stdin = 1;
		} else if (strcmp(argv[i], "--collateral") == 0) {
			want_coll = 1;
		} else if (strcmp(argv[i], "--host-time") == 0) {
			flags |= FUTEET_VERIFY_HOST_TIME;
		} else if (strcmp(argv[i], "--bench") == 0 && i + 1 < argc) {
			bench = strtol(argv[++i], NULL, 10);
			if (bench < 1 || bench > 1000) {
				printf("verifyself: --bench wants 1 to 1000\n");
				return 2;
			}
		} else {
			printf("usage: verifyself [--no-sim] [--policy-time RFC3339] [--bench N] "
			       "[--evidence-stdin] [--collateral] [--host-time]\n");
			return 2;
		}
	}

	if (want_coll) {
		r = futeet_sys_futeet_collateral_in((long)collateral, sizeof(collateral));
		if (r < 0) {
			printf("verifyself: no collateral from the host: %s\n", strerror((int)-r));
			return 1;
		}
		printf("verifyself: %ld bytes of Intel collateral from the host\n", r);
		req.collateral = (uint64_t)(uintptr_t)collateral;
		req.collateral_len = (uint64_t)r;
	}
	if (from_stdin) {
		if ((r = read_stdin()) < 0) {
			printf("verifyself: no evidence on stdin: %s\n", strerror((int)-r));
			return 1;
		}
	} else {
		if ((r = futeet_sys_getrandom((long)nonce, sizeof(nonce), 0)) != (long)sizeof(nonce)) {
			printf("verifyself: getrandom failed: %ld\n", r);
			return 1;
		}
		r = futeet_sys_futeet_attest((long)nonce, sizeof(nonce), (long)evidence,
					     sizeof(evidence), (long)&evidence_len, 0);
		if (r < 0) {
			printf("verifyself: no evidence: %s\n", strerror((int)-r));
			return 1;
		}
		req.nonce = (uint64_t)(uintptr_t)nonce;
		req.nonce_len = sizeof(nonce);
	}
	printf("verifyself: %zu bytes of evidence%s; verifying in the guest\n", evidence_len,
	       from_stdin ? " from stdin" : "");

	req.evidence = (uint64_t)(uintptr_t)evidence;
	req.evidence_len = (uint64_t)evidence_len;
	req.flags = flags;
	r = futeet_verify(&req, &out, result, sizeof(result));
	if (r < 0) {
		printf("verifyself: verifier refused the input: %s: %s\n", strerror((int)-r),
		       out.summary);
		return 1;
	}
	fwrite(result, 1, out.result_len, stdout);
	if (out.result_len < sizeof(result) && !(flags & FUTEET_VERIFY_FORMAT_CBOR)) {
		result[out.result_len] = 0;
		print_tcb((const char *)result);
	}
	printf("verifyself: ear.status %s%s%s\n", tier(out.status), out.summary[0] ? ": " : "",
	       out.summary);
	if (bench) {
		struct timespec t0, t1;
		long bad = 0;

		if (clock_gettime(CLOCK_MONOTONIC, &t0) != 0)
			return 1;
		for (long i = 0; i < bench; i++)
			bad |= futeet_verify(&req, &out, result, sizeof(result)) != 0;
		if (clock_gettime(CLOCK_MONOTONIC, &t1) != 0 || bad) {
			printf("verifyself: bench: a repeated appraisal failed\n");
			return 1;
		}
		uint64_t ns = (uint64_t)(t1.tv_sec - t0.tv_sec) * 1000000000u +
			      (uint64_t)t1.tv_nsec - (uint64_t)t0.tv_nsec;
		printf("bench: futeet_verify %ld ops %lu ns/op\n", bench,
		       (unsigned long)(ns / (uint64_t)bench));
	}
	return out.status == FUTEET_EAR_AFFIRMING || out.status == FUTEET_EAR_WARNING ? 0 : 1;
}
