/* caps: print the capability descriptor of the TEE under this kernel
 * (DESIGN.md section 4, docs/FORMATS.md section 5), once readably from
 * struct futeet_caps and once as CBOR diagnostic notation (RFC 8949
 * section 8) of the canonical CBOR map futeet_caps returns. Exit 0, or 1
 * with a one-line reason. Userland only: the diagnostic printer is caps's
 * own, bounded and iterative (no recursion, at most DIAG_DEPTH levels). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <futeet/futeet.h>

#define DIAG_DEPTH 8

static const char *const prov[] = { "absent", "hardware-attested", "verifier-derived",
				    "guest-asserted" };
static const char *const level[] = { "none", "partial", "full" };
static const char *const isolation[] = { "none", "process", "vm" };
static const char *const sealing[] = { "none", "tee-key", "tee-key-firmware", "tee-key-kernel" };
static const char *const rtm[] = { "none", "hardware-register", "kernel-software-register" };
static const char *const counters[] = { "none", "volatile", "persistent" };
static const char *const sigalg[] = { "none", "ecdsa-p384-sha384", "ecdsa-p256-sha256" };
static const char *const hashalg[] = { "none", "sha-384" };

#define NAME(t, v) ((v) < sizeof(t) / sizeof(t[0]) ? t[v] : "?")

static const char *prov_name(uint32_t p)
{
	return NAME(prov, p);
}

static void row(const char *what, const struct futeet_cap *c, const char *const *names,
		size_t n, bool boolean)
{
	if (c->prov == FUTEET_PROV_ABSENT) {
		printf("caps: %-20s (not known)\n", what);
		return;
	}
	if (boolean)
		printf("caps: %-20s %-26s [%s]\n", what, c->value ? "yes" : "no", prov_name(c->prov));
	else if (names != NULL)
		printf("caps: %-20s %-26s [%s]\n", what, c->value < n ? names[c->value] : "?",
		       prov_name(c->prov));
	else
		printf("caps: %-20s %-26llu [%s]\n", what, (unsigned long long)c->value,
		       prov_name(c->prov));
}

#define ROW(w, f, t) row(w, &c->f, t, sizeof(t) / sizeof(t[0]), false)

static void print_struct(const struct futeet_caps *c)
{
	printf("caps: %-20s %s (vendor %s, arch %s) [%s]\n", "tee", c->tee, c->vendor, c->arch,
	       prov_name(c->tee_prov.prov));
	ROW("isolation", isolation, isolation);
	ROW("confidentiality", confidentiality, level);
	ROW("integrity", integrity, level);
	ROW("freshness", freshness, level);
	if (c->secure_memory.prov && c->secure_memory.value == FUTEET_SECURE_MEMORY_ALL)
		printf("caps: %-20s %-26s [%s]\n", "secure memory", "all DRAM",
		       prov_name(c->secure_memory.prov));
	else if (c->secure_memory.prov)
		printf("caps: %-20s %-22llu MiB [%s]\n", "secure memory",
		       (unsigned long long)(c->secure_memory.value >> 20), prov_name(c->secure_memory.prov));
	ROW("local attestation", local_attestation, level);
	ROW("remote attestation", remote_attestation, level);
	ROW("sealing", sealing, sealing);
	ROW("runtime measurement", rtm, rtm);
	row("registers", &c->rtm_count, NULL, 0, false);
	ROW("register hash", rtm_alg, hashalg);
	row("debug", &c->debug, NULL, 0, true);
	row("migration", &c->migration, NULL, 0, true);
	ROW("trusted time", trusted_time, level);
	ROW("counters", counters, counters);
	ROW("evidence signature", evidence_alg, sigalg);
	row("report data bytes", &c->report_data_size, NULL, 0, false);
	row("privilege level", &c->privilege_level, NULL, 0, false);
	row("host-known keys", &c->host_known_keys, NULL, 0, true);
	if (c->tcb.prov && c->tcb_len <= sizeof(c->tcb_raw)) {
		printf("caps: %-20s ", "tcb");
		for (uint32_t i = 0; i < c->tcb_len; i++)
			printf("%02x", c->tcb_raw[i]);
		printf(" [%s]\n", prov_name(c->tcb.prov));
	}
	if (c->host_known_keys.prov && c->host_known_keys.value)
		printf("caps: NOTE %s\n", c->kind == FUTEET_TEE_NONE ?
		       "none: no TEE, nothing is protected from the host" :
		       "sim: not confidential (keys are host-known; test roots only)");
}

/* ---- CBOR diagnostic notation (RFC 8949 section 8) ------------------- */

struct cur {
	const uint8_t *p;
	size_t len, off;
};

static int head(struct cur *c, unsigned *mt, unsigned *ai, uint64_t *arg)
{
	unsigned n;

	if (c->off >= c->len)
		return -1;
	*mt = c->p[c->off] >> 5;
	*ai = c->p[c->off] & 31;
	c->off++;
	if (*ai < 24) {
		*arg = *ai;
		return 0;
	}
	if (*ai > 27)
		return -1; /* indefinite lengths never occur in a descriptor */
	n = 1u << (*ai - 24);
	if (c->len - c->off < n)
		return -1;
	*arg = 0;
	for (unsigned i = 0; i < n; i++)
		*arg = *arg << 8 | c->p[c->off++];
	return 0;
}

struct frame {
	uint64_t left;   /* items still to print in this container */
	bool map;
	bool first;
	uint64_t done;   /* items printed (a map's keys are the even ones) */
};

/* Prints one item (with everything nested in it). 0 or -1. */
static int diag(const uint8_t *p, size_t len)
{
	struct cur c = { p, len, 0 };
	struct frame st[DIAG_DEPTH];
	int depth = 0;

	for (;;) {
		unsigned mt, ai;
		uint64_t arg;

		if (depth > 0) {
			struct frame *f = &st[depth - 1];
			if (f->left == 0) {
				printf("%s", f->map ? "}" : "]");
				depth--;
				if (depth == 0)
					break;
				continue;
			}
			if (!f->first)
				printf(f->map && f->done % 2 ? ": " : ", ");
			f->first = false;
			f->left--;
			f->done++;
		}
		if (head(&c, &mt, &ai, &arg))
			return -1;
		switch (mt) {
		case 0:
			printf("%llu", (unsigned long long)arg);
			break;
		case 1:
			printf("-%llu", (unsigned long long)arg + 1);
			break;
		case 2:
			if (arg > c.len - c.off)
				return -1;
			printf("h'");
			for (uint64_t i = 0; i < arg; i++)
				printf("%02x", c.p[c.off + i]);
			printf("'");
			c.off += arg;
			break;
		case 3:
			if (arg > c.len - c.off)
				return -1;
			printf("\"%.*s\"", (int)arg, (const char *)c.p + c.off);
			c.off += arg;
			break;
		case 4:
		case 5:
			if (depth == DIAG_DEPTH || arg > c.len - c.off)
				return -1;
			printf(mt == 4 ? "[" : "{");
			st[depth].left = mt == 5 ? 2 * arg : arg;
			st[depth].map = mt == 5;
			st[depth].first = true;
			st[depth].done = 0;
			depth++;
			continue;
		case 6:
			return -1; /* a descriptor holds no tags */
		default:
			if (ai == 20 || ai == 21)
				printf(ai == 21 ? "true" : "false");
			else if (ai == 22)
				printf("null");
			else
				return -1;
			break;
		}
		if (depth == 0)
			break;
	}
	printf("\n");
	return c.off == c.len ? 0 : -1;
}

int main(void)
{
	static uint8_t cbor[FUTEET_CAPS_CBOR_MAX];
	struct futeet_caps c;
	size_t n = 0;
	long r;

	r = futeet_caps(&c);
	if (r != 0) {
		printf("caps: failed: futeet_caps (struct): %ld\n", r);
		return 1;
	}
	print_struct(&c);
	r = futeet_caps_cbor(cbor, sizeof(cbor), &n);
	if (r != 0) {
		printf("caps: failed: futeet_caps (CBOR): %ld\n", r);
		return 1;
	}
	printf("caps: CBOR, %zu bytes, in diagnostic notation:\n", n);
	if (diag(cbor, n) != 0) {
		printf("\ncaps: failed: the CBOR descriptor does not decode\n");
		return 1;
	}
	return 0;
}
