/* seal [--policy N] [--check] [MESSAGE...]: the sealing demo (uapi/futeet/seal.h).
 *
 * When the host handed over a blob (scripts/run --blob-in FILE), unseal it
 * and print the plaintext's length and SHA-256, never the plaintext. Else
 * seal MESSAGE (the arguments joined by spaces; without one, 32 random
 * bytes) under policy N (FUTEET_SEAL_* bits, default MEASUREMENT |
 * GUEST_POLICY), print its SHA-256, what the key is bound to, and the blob
 * as base64 between "-----BEGIN FUTEET SEALED-----" / "-----END FUTEET
 * SEALED-----" lines. The console is the host's: no secret or key on it.
 *
 * --check first runs the syscalls' checks (bad arguments, every kind of
 * changed byte, the platform's support) and prints one summary line
 * "seal: checks: N passed, M failed".
 * Exit: 0 done, 1 a check or the (un)seal failed, 2 usage. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <futeet/futeet.h>
#include <errno.h>

#include <bearssl.h>

#define DEFAULT_POLICY (FUTEET_SEAL_MEASUREMENT | FUTEET_SEAL_GUEST_POLICY)
#define BAD_USER_PTR   0xffffffff80000000ul  /* kernel half: never user memory */

static uint8_t blob[FUTEET_SEAL_BLOB_MAX + 64];
static uint8_t work[FUTEET_SEAL_BLOB_MAX + 64];
static uint8_t plain[FUTEET_SEAL_PLAINTEXT_MAX + 64];
static char message[1024];
static unsigned passed, failed;

static const char *errname(long r)
{
	switch (-r) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case EFAULT: return "EFAULT";
	case ENOSPC: return "ENOSPC";
	case EMSGSIZE: return "EMSGSIZE";
	case EBADMSG: return "EBADMSG";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOENT: return "ENOENT";
	default: return r >= 0 ? "a length" : "another error";
	}
}

/* want: a negative errno, or 1 for "any success". */
static void expect(const char *name, long got, long want)
{
	bool ok = want == 1 ? got >= 0 : got == want;

	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("seal: check %s: got %s (%ld), want %s\n", name, errname(got), got,
	       want == 1 ? "success" : errname(want));
}

static void print_sha256(const char *what, const uint8_t *p, size_t n)
{
	br_sha256_context h;
	uint8_t d[br_sha256_SIZE];

	br_sha256_init(&h);
	br_sha256_update(&h, p, n);
	br_sha256_out(&h, d);
	printf("seal: %s %zu bytes, SHA-256 ", what, n);
	for (int i = 0; i < 32; i++)
		printf("%02x", d[i]);
	printf("\n");
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* What the blob's header says the key is bound to. */
static void print_binding(const uint8_t *b)
{
	uint32_t policy = le32(b + FUTEET_SEAL_OFF_POLICY);
	const char *m = "";

	if (policy & FUTEET_SEAL_MEASUREMENT)
		m = b[FUTEET_SEAL_OFF_BIND] == FUTEET_SEAL_BIND_KERNEL ?
			"the launch measurement of the firmware, kernel and command line" :
			"the launch measurement of the firmware alone (any kernel and command line derive the same key)";
	printf("seal: key bound to %s%s%s (binding: %s)\n", m,
	       (policy & FUTEET_SEAL_MEASUREMENT) && (policy & FUTEET_SEAL_GUEST_POLICY) ? " and " : "",
	       (policy & FUTEET_SEAL_GUEST_POLICY) ? "the guest policy" : "",
	       b[FUTEET_SEAL_OFF_BIND] == FUTEET_SEAL_BIND_KERNEL ? "kernel" :
	       b[FUTEET_SEAL_OFF_BIND] == FUTEET_SEAL_BIND_FIRMWARE ? "firmware" : "policy");
}

/* What the capability descriptor says about sealing (futeet/caps.h). */
static void print_caps_sealing(const struct futeet_caps *c)
{
	static const char *const names[] = { "none", "tee-key", "tee-key-firmware",
					     "tee-key-kernel" };

	if (c->sealing.prov == FUTEET_PROV_ABSENT ||
	    c->sealing.value >= sizeof(names) / sizeof(names[0]))
		printf("seal: capability sealing: unknown\n");
	else
		printf("seal: capability sealing: %s\n", names[c->sealing.value]);
}

/* ---- --check ------------------------------------------------------------ */

/* A changed byte anywhere is refused: by the decoder (EINVAL) where the
 * header stops making sense, by GCM (EBADMSG) everywhere else. Offsets < 0
 * count from the end of the blob. */
struct flip { const char *name; long off; uint8_t xor; long want; };
static const struct flip flips[] = {
	{ "magic",            0x00,                    0x01, -EINVAL },
	{ "version",          FUTEET_SEAL_OFF_VERSION, 0x01, -EINVAL },
	{ "tee kind",         FUTEET_SEAL_OFF_TEE,     0x02, -EINVAL },  /* snp <-> sim-snp */
	{ "binding",          FUTEET_SEAL_OFF_BIND,    0x03, -EINVAL },  /* firmware <-> kernel */
	{ "key vmpl",         FUTEET_SEAL_OFF_KEY_VMPL, 0x01, -EBADMSG }, /* parses: the AAD catches it */
	{ "policy",           FUTEET_SEAL_OFF_POLICY,  0x02, -EINVAL },
	{ "ct_len",           FUTEET_SEAL_OFF_CT_LEN,  0x01, -EINVAL },
	{ "key fields",       FUTEET_SEAL_OFF_KEY_FIELDS, 0x01, -EINVAL },
	{ "iv first byte",    FUTEET_SEAL_OFF_IV,      0x80, -EBADMSG },
	{ "iv last byte",     FUTEET_SEAL_OFF_IV + 11, 0x01, -EBADMSG },
	{ "reserved",         FUTEET_SEAL_OFF_RESERVED, 0x01, -EINVAL },
	{ "ciphertext first", FUTEET_SEAL_HDR_LEN,     0x01, -EBADMSG },
	{ "ciphertext last",  -(long)FUTEET_SEAL_TAG_LEN - 1, 0x40, -EBADMSG },
	{ "tag first byte",   -(long)FUTEET_SEAL_TAG_LEN, 0x01, -EBADMSG },
	{ "tag last byte",    -1,                      0x80, -EBADMSG },
};

static void check_supported(void)
{
	static const char msg[] = "FUTEET seal check message, 40 bytes long";
	char name[64];
	long n, r;

	n = futeet_seal(DEFAULT_POLICY, msg, sizeof(msg) - 1, blob, sizeof(blob));
	expect("seal measurement+policy", n, 1);
	if (n < 0)
		return;
	expect("blob length = header + plaintext + tag", n, FUTEET_SEAL_BLOB_LEN(sizeof(msg) - 1));
	r = futeet_unseal(blob, (size_t)n, plain, sizeof(plain));
	expect("unseal what was just sealed", r, (long)sizeof(msg) - 1);
	if (r == (long)sizeof(msg) - 1 && memcmp(plain, msg, sizeof(msg) - 1) != 0)
		expect("unsealed bytes equal the sealed ones", -EBADMSG, 1);
	for (size_t i = 0; i < sizeof(flips) / sizeof(flips[0]); i++) {
		long off = flips[i].off < 0 ? n + flips[i].off : flips[i].off;

		memcpy(work, blob, (size_t)n);
		work[off] ^= flips[i].xor;
		snprintf(name, sizeof(name), "flipped %s (offset %ld)", flips[i].name, off);
		expect(name, futeet_unseal(work, (size_t)n, plain, sizeof(plain)), flips[i].want);
	}
	expect("truncated by one byte", futeet_unseal(blob, (size_t)n - 1, plain, sizeof(plain)), -EINVAL);
	memcpy(work, blob, (size_t)n);
	work[n] = 0;
	expect("one byte appended", futeet_unseal(work, (size_t)n + 1, plain, sizeof(plain)), -EINVAL);
	expect("unseal output too small", futeet_unseal(blob, (size_t)n, plain, sizeof(msg) - 2), -ENOSPC);
	expect("unseal bad output pointer", futeet_unseal(blob, (size_t)n, (void *)BAD_USER_PTR, 4096),
	       -EFAULT);
	/* Each binding alone, and another policy's key does not open a blob. */
	expect("seal measurement only", futeet_seal(FUTEET_SEAL_MEASUREMENT, msg, 8, work, sizeof(work)), 1);
	r = futeet_seal(FUTEET_SEAL_GUEST_POLICY, msg, 8, work, sizeof(work));
	expect("seal guest policy only", r, 1);
	if (r > 0)
		expect("unseal guest-policy blob", futeet_unseal(work, (size_t)r, plain, sizeof(plain)), 8);
	expect("seal empty plaintext", futeet_seal(DEFAULT_POLICY, msg, 0, work, sizeof(work)), 1);
	/* REQUIRE_KERNEL holds exactly where the blob says the kernel is bound. */
	r = futeet_seal(DEFAULT_POLICY | FUTEET_SEAL_REQUIRE_KERNEL, msg, 8, work, sizeof(work));
	if (blob[FUTEET_SEAL_OFF_BIND] == FUTEET_SEAL_BIND_KERNEL) {
		expect("REQUIRE_KERNEL where the kernel is bound", r, 1);
		printf("seal: require-kernel: accepted\n");
	} else {
		expect("REQUIRE_KERNEL where the firmware alone is bound", r, -EOPNOTSUPP);
		printf("seal: require-kernel: refused (%s)\n", errname(r));
	}
}

static void check_unsupported(void)
{
	uint8_t b[FUTEET_SEAL_BLOB_LEN(0)];

	expect("seal where there is no sealing", futeet_seal(DEFAULT_POLICY, "x", 1, blob, sizeof(blob)),
	       -EOPNOTSUPP);
	/* A well-formed sim-snp blob: the decoder accepts it, the platform cannot. */
	memset(b, 0, sizeof(b));
	memcpy(b, FUTEET_SEAL_MAGIC, 4);
	b[FUTEET_SEAL_OFF_VERSION] = FUTEET_SEAL_VERSION;
	b[FUTEET_SEAL_OFF_TEE] = FUTEET_PLATFORM_SIM_SNP;
	b[FUTEET_SEAL_OFF_BIND] = FUTEET_SEAL_BIND_FIRMWARE;
	b[FUTEET_SEAL_OFF_POLICY] = FUTEET_SEAL_MEASUREMENT;
	b[FUTEET_SEAL_OFF_KEY_FIELDS] = (uint8_t)FUTEET_KEY_FIELD_MEASUREMENT;
	expect("unseal where there is no sealing", futeet_unseal(b, sizeof(b), plain, sizeof(plain)),
	       -EOPNOTSUPP);
}

static void run_checks(bool supported)
{
	static const char msg[] = "0123456789abcdef";

	/* Arguments first: the same answers on every platform. */
	expect("policy 0", futeet_seal(0, msg, 16, blob, sizeof(blob)), -EINVAL);
	expect("unknown policy bit", futeet_seal(DEFAULT_POLICY | 0x80, msg, 16, blob, sizeof(blob)), -EINVAL);
	expect("policy wider than 32 bits",
	       futeet_sys_futeet_seal(0x100000000l | DEFAULT_POLICY, (long)msg, 16, (long)blob,
				      (long)sizeof(blob)), -EINVAL);
	expect("REQUIRE_KERNEL without MEASUREMENT",
	       futeet_seal(FUTEET_SEAL_GUEST_POLICY | FUTEET_SEAL_REQUIRE_KERNEL, msg, 16, blob, sizeof(blob)),
	       -EINVAL);
	expect("plaintext longer than the maximum",
	       futeet_seal(DEFAULT_POLICY, plain, FUTEET_SEAL_PLAINTEXT_MAX + 1, blob, sizeof(blob)), -EMSGSIZE);
	expect("blob buffer one byte short",
	       futeet_seal(DEFAULT_POLICY, msg, 16, blob, FUTEET_SEAL_BLOB_LEN(16) - 1), -ENOSPC);
	expect("bad plaintext pointer", futeet_seal(DEFAULT_POLICY, (void *)BAD_USER_PTR, 16, blob,
						 sizeof(blob)), -EFAULT);
	expect("NULL plaintext pointer", futeet_seal(DEFAULT_POLICY, NULL, 16, blob, sizeof(blob)), -EFAULT);
	expect("bad blob pointer", futeet_seal(DEFAULT_POLICY, msg, 16, (void *)BAD_USER_PTR, 4096), -EFAULT);
	expect("unseal longer than any blob", futeet_unseal(blob, FUTEET_SEAL_BLOB_MAX + 1, plain,
							 sizeof(plain)), -EMSGSIZE);
	expect("unseal bad blob pointer", futeet_unseal((void *)BAD_USER_PTR, 100, plain, sizeof(plain)),
	       -EFAULT);
	expect("unseal garbage", futeet_unseal((const uint8_t *)msg, 16, plain, sizeof(plain)), -EINVAL);
	expect("blob_in bad pointer", futeet_blob_in((uint8_t *)BAD_USER_PTR, 4096) == -ENOENT ?
	       -EFAULT : futeet_blob_in((uint8_t *)BAD_USER_PTR, 4096), -EFAULT);
	if (supported)
		check_supported();
	else
		check_unsupported();
	printf("seal: checks: %u passed, %u failed\n", passed, failed);
}

static int do_unseal_host_blob(size_t n)
{
	long r;

	printf("seal: the host handed over a %zu-byte blob: unsealing\n", n);
	r = futeet_unseal(blob, n, plain, sizeof(plain));
	if (r < 0) {
		printf("seal: unseal failed: %s (%s)\n", strerror((int)-r), errname(r));
		return 1;
	}
	print_binding(blob);
	print_sha256("unsealed", plain, (size_t)r);
	return 0;
}

int main(int argc, char **argv)
{
	struct futeet_caps caps;
	uint32_t policy = DEFAULT_POLICY;
	bool check = false, supported;
	size_t mlen = 0;
	long r, n;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--check") == 0) {
			check = true;
		} else if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc) {
			policy = (uint32_t)strtoul(argv[++i], NULL, 0);
		} else {
			size_t k = strlen(argv[i]);

			if (mlen + k + 1 >= sizeof(message)) {
				printf("usage: seal [--policy N] [--check] [MESSAGE...] (message under %zu bytes)\n",
				       sizeof(message));
				return 2;
			}
			if (mlen)
				message[mlen++] = ' ';
			memcpy(message + mlen, argv[i], k);
			mlen += k;
		}
	}
	r = futeet_caps(&caps);
	if (r != 0) {
		printf("seal: futeet_caps failed: %s\n", strerror((int)-r));
		return 1;
	}
	supported = caps.sealing.value != FUTEET_SEALING_NONE;
	printf("seal: platform %s%s\n", caps.tee,
	       futeet_caps_is_sim(&caps) ? " (sim: its keys are known to the host)" : "");
	print_caps_sealing(&caps);
	n = futeet_blob_in(blob, sizeof(blob));
	if (check) {
		if (n == -ENOENT)
			expect("blob_in without a blob", n, -ENOENT);
		else
			expect("blob_in cap 0", futeet_blob_in(work, 0), -ENOSPC);
		run_checks(supported);
		rc = failed ? 1 : 0;
		/* check_supported left its blobs in blob[]: fetch the host's again */
		n = futeet_blob_in(blob, sizeof(blob));
	}
	if (n >= 0)
		return do_unseal_host_blob((size_t)n) | rc;
	if (n != -ENOENT) {
		printf("seal: the host's blob is unusable: %s (%s)\n", strerror((int)-n), errname(n));
		return 1;
	}
	if (mlen == 0) {
		mlen = 32;
		if (getrandom(message, mlen, 0) != (ssize_t)mlen) {
			printf("seal: getrandom failed\n");
			return 1;
		}
	}
	n = futeet_seal(policy, message, mlen, blob, sizeof(blob));
	if (n < 0) {
		memset(message, 0, sizeof(message));
		printf("seal: seal failed: %s (%s)\n", strerror((int)-n), errname(n));
		return 1;
	}
	print_sha256("sealed", (const uint8_t *)message, mlen);
	memset(message, 0, sizeof(message));
	print_binding(blob);
	futeet_print_armored("SEALED", blob, (size_t)n);
	return rc;
}
