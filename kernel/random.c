/* The kernel's random numbers: BearSSL's HMAC-DRBG (NIST SP 800-90A rev. 1
 * section 10.1.2) with SHA-256, seeded from RDSEED (RDRAND when RDSEED is
 * absent: Intel DRNG guide section 5.2.5 permits seeding from RDRAND output
 * gathered across reseeds). Without either the kernel stops: there is no
 * weak fallback. Reseeded from the hardware every RESEED_INTERVAL requests.
 * Instantiated at the first request, not during boot: its SHA-256 work was
 * 2 ms of kernel_main -> user entry under TCG -icount, and boot needs no
 * DRBG output (the program's AT_RANDOM comes from random_hw_bytes). */
#include <bearssl.h>
#include <string.h>

#include "arch/x86_64/cpu.h"
#include "futeet/compiler.h"
#include "futeet/printk.h"
#include "kernel/kernel.h"

#define SEED_BYTES 48            /* entropy 256 bits + nonce 128 bits (SP 800-90A 10.1) */
#define RESEED_INTERVAL 4096
#define GEN_CHUNK 256

static br_hmac_drbg_context drbg;
static uint32_t requests;
static bool use_rdseed, instantiated;
static const char personalization[] = "FUTEET kernel HMAC-DRBG v1";

void random_hw_bytes(void *buf, size_t n)
{
	for (size_t i = 0; i < n; i += 8) {
		uint64_t v;
		bool ok = use_rdseed ? cpu_rdseed64(&v) : cpu_rdrand64(&v);
		if (!ok)
			panic("hardware entropy source failed (%s returned no data)",
			      use_rdseed ? "RDSEED" : "RDRAND");
		size_t k = n - i < 8 ? n - i : 8;
		memcpy((uint8_t *)buf + i, &v, k);
		futeet_wipe(&v, sizeof(v));
	}
}

void random_init(void)
{
	use_rdseed = cpu_features.rdseed;
	requests = 0;
	instantiated = false;
	if (!use_rdseed && !cpu_features.rdrand)
		panic("no hardware entropy: the CPU offers neither RDSEED nor RDRAND; "
		      "refusing to run without a trustworthy random source");
	kprintf("futeet: random: HMAC-DRBG (SHA-256), seeded from %s at its first use\n",
		use_rdseed ? "RDSEED" : "RDRAND");
}

/* Instantiate (SP 800-90A 10.1.2.3): seed material = entropy || nonce ||
 * personalization string, all in one br_hmac_drbg_init call. */
static void instantiate(void)
{
	uint8_t seed[SEED_BYTES + sizeof(personalization) - 1];

	random_hw_bytes(seed, SEED_BYTES);
	memcpy(seed + SEED_BYTES, personalization, sizeof(personalization) - 1);
	br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed, sizeof(seed));
	futeet_wipe(seed, sizeof(seed));
	instantiated = true;
}

void random_bytes(void *buf, size_t n)
{
	uint8_t *p = buf;
	if (!instantiated)
		instantiate();
	while (n) {
		if (++requests >= RESEED_INTERVAL) {
			/* Reseed (SP 800-90A 10.1.2.4) with fresh entropy. */
			uint8_t seed[SEED_BYTES];
			random_hw_bytes(seed, sizeof(seed));
			br_hmac_drbg_update(&drbg, seed, sizeof(seed));
			futeet_wipe(seed, sizeof(seed));
			requests = 0;
		}
		size_t k = n < GEN_CHUNK ? n : GEN_CHUNK;
		br_hmac_drbg_generate(&drbg, p, k);
		p += k;
		n -= k;
	}
}
