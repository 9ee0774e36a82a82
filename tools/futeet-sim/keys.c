/* The sim platform's keys, all derived from the committed seed
 * (tools/futeet-sim/seed.txt):
 *   per key: HMAC_DRBG(SHA-256) instantiated with the seed, then updated
 *   with the key's label ("FUTEET-SIM ARK", ...); RSA-4096 keys come from
 *   br_rsa_i31_keygen, the VCEK (P-384) from br_ec_keygen.
 * RSA-4096 keygen takes ~10 s, so RSA keys are cached in a directory, in
 * files named by the seed's SHA-256; a cache file is checked (modulus
 * recomputed from the primes) before it is trusted. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "lib/bytes.h"
#include "sim.h"

static const char seed_hex[] =
#include "futeet_sim_seed.inc"
	;

int sim_seed_get(uint8_t out[32])
{
	if (strlen(seed_hex) != 64)
		return -EINVAL;
	return sim_hex_decode(seed_hex, out, 32);
}

static void drbg_for(br_hmac_drbg_context *d, const uint8_t *seed, size_t seed_len,
		     const char *label)
{
	br_hmac_drbg_init(d, &br_sha256_vtable, seed, seed_len);
	br_hmac_drbg_update(d, label, strlen(label));
}

/* Cache file: "FSIMRSA1", u32 bitlen, then p q dp dq iq n e, each u32 len + bytes. */
#define CACHE_MAGIC "FSIMRSA1"

static int cache_path(char *out, size_t cap, const char *dir, const uint8_t hash[32],
		      const char *name)
{
	char hex[17];
	for (int i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", hash[i]);
	int n = snprintf(out, cap, "%s/%s-%s.key", dir, hex, name);
	return (n < 0 || (size_t)n >= cap) ? -E2BIG : 0;
}

static int put_part(FILE *f, const uint8_t *p, size_t n)
{
	uint8_t l[4];
	bytes_put_le32(l, (uint32_t)n);
	return (fwrite(l, 1, 4, f) == 4 && fwrite(p, 1, n, f) == n) ? 0 : -EIO;
}

static void cache_store(const char *dir, const uint8_t hash[32], const char *name,
			const br_rsa_private_key *sk, const br_rsa_public_key *pk)
{
	char path[512], tmp[560];
	uint8_t b[4];
	FILE *f;
	int err = 0;

	if (!dir || cache_path(path, sizeof(path), dir, hash, name))
		return;
	mkdir(dir, 0755); /* may exist; errors show up at fopen */
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	f = fopen(tmp, "wb");
	if (!f)
		return;
	bytes_put_le32(b, sk->n_bitlen);
	if (fwrite(CACHE_MAGIC, 1, 8, f) != 8 || fwrite(b, 1, 4, f) != 4)
		err = -EIO;
	if (!err) err = put_part(f, sk->p, sk->plen);
	if (!err) err = put_part(f, sk->q, sk->qlen);
	if (!err) err = put_part(f, sk->dp, sk->dplen);
	if (!err) err = put_part(f, sk->dq, sk->dqlen);
	if (!err) err = put_part(f, sk->iq, sk->iqlen);
	if (!err) err = put_part(f, pk->n, pk->nlen);
	if (!err) err = put_part(f, pk->e, pk->elen);
	if (fclose(f) != 0)
		err = -EIO;
	if (err || rename(tmp, path) != 0)
		unlink(tmp);
}

/* Read one part into *pos of buf (bounded), return its pointer and length. */
static int get_part(const uint8_t *file, size_t flen, size_t *off, uint8_t *buf,
		    size_t cap, size_t *pos, unsigned char **p, size_t *len)
{
	uint32_t n;
	if (flen - *off < 4)
		return -EINVAL;
	n = bytes_le32(file + *off);
	*off += 4;
	if (n == 0 || n > flen - *off || n > cap - *pos)
		return -EINVAL;
	memcpy(buf + *pos, file + *off, n);
	*p = buf + *pos;
	*len = n;
	*pos += n;
	*off += n;
	return 0;
}

static int cache_load(const char *dir, const uint8_t hash[32], const char *name,
		      br_rsa_private_key *sk, uint8_t *kpriv, size_t kpriv_cap,
		      br_rsa_public_key *pk, uint8_t *kpub, size_t kpub_cap)
{
	char path[512];
	static uint8_t file[8192];
	uint8_t n2[SIM_RSA_BITS / 8 + 1];
	size_t flen, off = 12, ppos = 0, qpos = 0;
	FILE *f;
	int err;

	if (!dir || cache_path(path, sizeof(path), dir, hash, name))
		return -ENOENT;
	f = fopen(path, "rb");
	if (!f)
		return -ENOENT;
	flen = fread(file, 1, sizeof(file), f);
	fclose(f);
	if (flen < 12 || flen == sizeof(file) || memcmp(file, CACHE_MAGIC, 8) != 0)
		return -EINVAL;
	sk->n_bitlen = bytes_le32(file + 8);
	if (sk->n_bitlen != SIM_RSA_BITS)
		return -EINVAL;
	err = get_part(file, flen, &off, kpriv, kpriv_cap, &ppos, &sk->p, &sk->plen);
	if (!err) err = get_part(file, flen, &off, kpriv, kpriv_cap, &ppos, &sk->q, &sk->qlen);
	if (!err) err = get_part(file, flen, &off, kpriv, kpriv_cap, &ppos, &sk->dp, &sk->dplen);
	if (!err) err = get_part(file, flen, &off, kpriv, kpriv_cap, &ppos, &sk->dq, &sk->dqlen);
	if (!err) err = get_part(file, flen, &off, kpriv, kpriv_cap, &ppos, &sk->iq, &sk->iqlen);
	if (!err) err = get_part(file, flen, &off, kpub, kpub_cap, &qpos, &pk->n, &pk->nlen);
	if (!err) err = get_part(file, flen, &off, kpub, kpub_cap, &qpos, &pk->e, &pk->elen);
	futeet_wipe(file, sizeof(file));
	if (err || off != flen)
		return -EINVAL;
	/* The cache is only a speed-up: check that the private and public
	 * halves match by a round trip x -> x^d -> (x^d)^e. (BearSSL's
	 * br_rsa_i31_compute_modulus cannot hold a 4096-bit product.) */
	if (pk->nlen != SIM_RSA_BITS / 8 || sizeof(n2) < pk->nlen)
		return -EINVAL;
	memset(n2, 0, sizeof(n2));
	n2[1] = 0x5A;
	n2[pk->nlen - 1] = 0x03;
	memcpy(file, n2, pk->nlen);
	if (!br_rsa_i31_private(n2, sk) || !br_rsa_i31_public(n2, pk->nlen, pk) ||
	    memcmp(n2, file, pk->nlen) != 0)
		return -EINVAL;
	return 0;
}

static int rsa_key(const uint8_t *seed, size_t seed_len, const uint8_t hash[32],
		   const char *cache_dir, const char *name, const char *label,
		   br_rsa_private_key *sk, uint8_t *kpriv, size_t kpriv_cap,
		   br_rsa_public_key *pk, uint8_t *kpub, size_t kpub_cap)
{
	br_hmac_drbg_context d;

	if (cache_load(cache_dir, hash, name, sk, kpriv, kpriv_cap, pk, kpub, kpub_cap) == 0)
		return 0;
	drbg_for(&d, seed, seed_len, label);
	if (!br_rsa_i31_keygen(&d.vtable, sk, kpriv, pk, kpub, SIM_RSA_BITS, SIM_RSA_E)) {
		futeet_wipe(&d, sizeof(d));
		return -EIO;
	}
	futeet_wipe(&d, sizeof(d));
	cache_store(cache_dir, hash, name, sk, pk);
	return 0;
}

int sim_keys_load(struct sim_keys *k, const uint8_t *seed, size_t seed_len,
		  const char *cache_dir)
{
	br_hmac_drbg_context d;
	int err;

	memset(k, 0, sizeof(*k));
	br_sha256_context h;
	br_sha256_init(&h);
	br_sha256_update(&h, seed, seed_len);
	br_sha256_out(&h, k->seed_hash);

	err = rsa_key(seed, seed_len, k->seed_hash, cache_dir, "ark", "FUTEET-SIM ARK",
		      &k->ark_sk, k->ark_priv, sizeof(k->ark_priv),
		      &k->ark_pk, k->ark_pub, sizeof(k->ark_pub));
	if (!err)
		err = rsa_key(seed, seed_len, k->seed_hash, cache_dir, "ask", "FUTEET-SIM ASK",
			      &k->ask_sk, k->ask_priv, sizeof(k->ask_priv),
			      &k->ask_pk, k->ask_pub, sizeof(k->ask_pub));
	if (err)
		return err;

	drbg_for(&d, seed, seed_len, "FUTEET-SIM VCEK");
	if (br_ec_keygen(&d.vtable, &br_ec_all_m31, &k->vcek_sk, k->vcek_priv,
			 BR_EC_secp384r1) == 0 ||
	    br_ec_compute_pub(&br_ec_all_m31, &k->vcek_pk, k->vcek_pub, &k->vcek_sk) == 0) {
		futeet_wipe(&d, sizeof(d));
		return -EIO;
	}
	drbg_for(&d, seed, seed_len, "FUTEET-SIM PLATFORM SECRET");
	br_hmac_drbg_generate(&d, k->platform_secret, sizeof(k->platform_secret));
	drbg_for(&d, seed, seed_len, "FUTEET-SIM CHIP ID");
	br_hmac_drbg_generate(&d, k->chip_id, sizeof(k->chip_id));
	futeet_wipe(&d, sizeof(d));
	return 0;
}

void sim_keys_wipe(struct sim_keys *k)
{
	futeet_wipe(k, sizeof(*k));
}
