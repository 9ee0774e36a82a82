/* futeet-sim: the sim platform host program (DESIGN.md section 3, docs/SIM.md).
 * Stands where the hypervisor + AMD PSP stand: serves the guest's requests
 * through the ivshmem mailbox of include/futeet/simbox.h.
 *
 *   futeet-sim --profile snp --shm PATH --secrets-out FILE --ovmf FILE
 *              --kernel FILE --cmdline STRING [--evil MODE] [--policy VALUE]
 *              [--host-data HEX32] [--vmpl N] [--family-id HEX16] [--image-id HEX16]
 *              [--vcpus N] [--vcpu-type NAME | --vcpu-sig HEX]
 *              [--kernel-hashes] [--amdsev-standin]
 *   futeet-sim --profile tdx --shm PATH --ccel-out FILE --ovmf FILE --kernel FILE
 *              --cmdline STRING
 *              [--evil MODE] [--td-attributes VALUE] [--xfam VALUE]
 *              [--mrconfigid HEX48] [--mrowner HEX48] [--mrownerconfig HEX48]
 *   futeet-sim [--profile tdx] --list-evil
 *   futeet-sim --export-roots DIR     (sim-ark.der, sim-ask.der; deterministic)
 *   futeet-sim --export-tdx-root FILE (the sim "Intel SGX Root CA", DER)
 *   futeet-sim --collateral DIR       (TDX collateral matching the sim's quotes)
 *
 * Keys derive from the committed seed; RSA keys are cached in
 * $FUTEET_SIM_CACHE (default build/sim-cache). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/simbox.h"
#include "sim.h"

#define SIM_DEFAULT_CACHE "build/sim-cache"
#define SIM_POLL_US 150         /* while requests come in */
#define SIM_POLL_IDLE_US 2000   /* after SIM_IDLE_POLLS quiet polls: spare the CPU */
#define SIM_IDLE_POLLS 4000     /* ~0.6 s */
#define SIM_DEFAULT_POLICY (SNP_POLICY_SMT | SNP_POLICY_RSVD1) /* 0x30000 */

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: futeet-sim --profile snp --shm PATH --secrets-out FILE --ovmf FILE\n"
		"                  --kernel FILE --cmdline STRING [--evil MODE] [--policy VALUE]\n"
		"                  [--host-data HEX32] [--vmpl N] [--family-id HEX16] [--image-id HEX16]\n"
		"                  [--vcpus N] [--vcpu-type NAME | --vcpu-sig HEX]\n"
		"                  [--kernel-hashes] [--amdsev-standin]\n"
		"       futeet-sim --profile tdx --shm PATH --ccel-out FILE --ovmf FILE --kernel FILE\n"
		"                  --cmdline STRING\n"
		"                  [--evil MODE] [--td-attributes VALUE] [--xfam VALUE]\n"
		"                  [--mrconfigid HEX48] [--mrowner HEX48] [--mrownerconfig HEX48]\n"
		"       futeet-sim [--profile tdx] --list-evil\n"
		"       futeet-sim --export-roots DIR\n"
		"       futeet-sim --export-tdx-root FILE\n"
		"       futeet-sim --collateral DIR\n");
}

static const char *cache_dir(void)
{
	const char *d = getenv("FUTEET_SIM_CACHE");
	return (d && *d) ? d : SIM_DEFAULT_CACHE;
}

static int load_keys(struct sim_keys *k)
{
	uint8_t seed[32];
	int err = sim_seed_get(seed);

	if (!err)
		err = sim_keys_load(k, seed, sizeof(seed), cache_dir());
	futeet_wipe(seed, sizeof(seed));
	if (err)
		fprintf(stderr, "futeet-sim: cannot derive the sim keys: %s\n", futeet_strerror(err));
	return err;
}

static int write_file(const char *path, const void *p, size_t n, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
	const uint8_t *b = p;

	if (fd < 0)
		return -errno;
	while (n > 0) {
		ssize_t w = write(fd, b, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			int e = -errno;
			close(fd);
			return e;
		}
		b += w;
		n -= (size_t)w;
	}
	return close(fd) ? -EIO : 0;
}

static int export_roots(const char *dir)
{
	static struct sim_keys k;
	uint8_t cert[SIM_CERT_MAX];
	char path[4096];
	size_t len;
	int err = load_keys(&k);

	if (err)
		return 1;
	err = sim_cert_ark(&k, cert, sizeof(cert), &len);
	if (!err) {
		snprintf(path, sizeof(path), "%s/sim-ark.der", dir);
		err = write_file(path, cert, len, 0644);
	}
	if (!err)
		err = sim_cert_ask(&k, cert, sizeof(cert), &len);
	if (!err) {
		snprintf(path, sizeof(path), "%s/sim-ask.der", dir);
		err = write_file(path, cert, len, 0644);
	}
	sim_keys_wipe(&k);
	if (err) {
		fprintf(stderr, "futeet-sim: --export-roots %s: %s\n", dir, futeet_strerror(err));
		return 1;
	}
	return 0;
}

static void list_evil(bool tdx)
{
	const struct sim_evil_desc *t = tdx ? sim_tdx_evil_table : sim_evil_table;
	int n = tdx ? SIM_TDX_EVIL_COUNT : SIM_EVIL_COUNT;

	for (int i = 1; i < n; i++)
		printf("%-28s %-9s %s\n", t[i].name, t[i].who, t[i].what);
}

static int write_collateral(const char *dir)
{
	static struct sim_tdx_keys k;
	uint8_t seed[32];
	int err = sim_seed_get(seed);

	if (!err)
		err = sim_tdx_keys_load(&k, seed, sizeof(seed));
	futeet_wipe(seed, sizeof(seed));
	if (!err)
		err = sim_tdx_collateral_write(&k, dir);
	futeet_wipe(&k, sizeof(k));
	if (err) {
		fprintf(stderr, "futeet-sim: --collateral %s: %s\n", dir, futeet_strerror(err));
		return 1;
	}
	return 0;
}

static int export_tdx_root(const char *path)
{
	static struct sim_tdx_keys k;
	static struct sim_tdx_certs c;
	uint8_t seed[32];
	int err = sim_seed_get(seed);

	if (!err)
		err = sim_tdx_keys_load(&k, seed, sizeof(seed));
	futeet_wipe(seed, sizeof(seed));
	if (!err)
		err = sim_tdx_certs_build(&k, false, &c);
	if (!err)
		err = write_file(path, c.der[2], c.der_len[2], 0644);
	futeet_wipe(&k, sizeof(k));
	if (err) {
		fprintf(stderr, "futeet-sim: --export-tdx-root %s: %s\n", path, futeet_strerror(err));
		return 1;
	}
	return 0;
}

/* The mailbox loop: one request at a time, copied out of shared memory once. */
static int serve(struct sim_snp *s, struct sim_tdx *t, volatile uint8_t *shm)
{
	volatile struct simbox_hdr *h = (volatile struct simbox_hdr *)shm;
	static uint8_t req[SIMBOX_DATA_MAX], rsp[SIMBOX_DATA_MAX];
	uint64_t seen = 0;
	unsigned idle = 0;

	while (!stop_requested) {
		uint64_t seq = __atomic_load_n(&h->req_seq, __ATOMIC_ACQUIRE);
		uint32_t op, req_len, rsp_len;
		uint64_t aux_in, ret, ret_aux;

		if (seq == seen) {
			if (idle < SIM_IDLE_POLLS)
				idle++;
			usleep(idle < SIM_IDLE_POLLS ? SIM_POLL_US : SIM_POLL_IDLE_US);
			continue;
		}
		idle = 0;
		seen = seq;
		op = h->op;
		req_len = h->req_len;
		aux_in = h->aux_in;
		if (req_len <= SIMBOX_DATA_MAX)
			memcpy(req, (const uint8_t *)shm + SIMBOX_REQ_OFF, req_len);
		if (req_len > SIMBOX_DATA_MAX)
			req_len = 0; /* the handlers refuse a bad length */
		if (!(t ? sim_tdx_mailbox(t, op, req, req_len, aux_in, rsp, sizeof(rsp), &rsp_len,
					  &ret, &ret_aux)
			: sim_snp_mailbox(s, op, req, req_len, aux_in, rsp, sizeof(rsp), &rsp_len,
					  &ret, &ret_aux))) {
			fprintf(stderr, "futeet-sim: request %llu op %u: not answered (evil)\n",
				(unsigned long long)seq, op);
			continue;
		}
		memcpy((uint8_t *)shm + SIMBOX_RSP_OFF, rsp, rsp_len);
		h->rsp_len = rsp_len;
		h->ret = ret;
		h->ret_aux = ret_aux;
		__atomic_store_n(&h->ack_seq, seq, __ATOMIC_RELEASE);
		fprintf(stderr, "futeet-sim: request %llu op %u: ret 0x%llx aux %llu rsp %u bytes\n",
			(unsigned long long)seq, op, (unsigned long long)ret,
			(unsigned long long)ret_aux, rsp_len);
	}
	return 0;
}

static int parse_hex_opt(const char *name, const char *v, uint8_t *out, size_t n)
{
	if (sim_hex_decode(v, out, n)) {
		fprintf(stderr, "futeet-sim: %s wants exactly %zu hex digits\n", name, 2 * n);
		return -EINVAL;
	}
	return 0;
}

/* Create and map the mailbox file, write the header (magic last). */
static volatile uint8_t *shm_open_mailbox(const char *shm_path, uint16_t profile,
					  uint32_t launch)
{
	/* No symlinks: /dev/shm is shared by every user of the machine. */
	int fd = open(shm_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || ftruncate(fd, SIMBOX_SIZE) != 0) {
		fprintf(stderr, "futeet-sim: %s: %s\n", shm_path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	volatile uint8_t *shm = mmap(NULL, SIMBOX_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (shm == MAP_FAILED) {
		fprintf(stderr, "futeet-sim: mmap %s: %s\n", shm_path, strerror(errno));
		return NULL;
	}
	volatile struct simbox_hdr *h = (volatile struct simbox_hdr *)shm;
	memset((uint8_t *)shm, 0, SIMBOX_SIZE);
	h->version = SIMBOX_VERSION;
	h->profile = profile;
	h->launch = launch;
	__atomic_store_n(&h->magic, SIMBOX_MAGIC, __ATOMIC_RELEASE); /* last */
	return shm;
}

static void run_until_signal(struct sim_snp *s, struct sim_tdx *t, volatile uint8_t *shm)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	fprintf(stderr, "futeet-sim: ready\n");
	serve(s, t, shm);
	munmap((void *)shm, SIMBOX_SIZE);
}

static int parse_u64_opt(const char *name, const char *v, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(v, &end, 0);
	if (errno || *end || end == v) {
		fprintf(stderr, "futeet-sim: bad %s '%s'\n", name, v);
		return -EINVAL;
	}
	return 0;
}

/* TD defaults (docs/SIM.md): SEPT_VE_DISABLE set, debug off; XFAM x87, SSE,
 * AVX, AVX-512 state, PKRU, AMX as a Sapphire Rapids TD shows it. */
#define SIM_TDX_DEFAULT_ATTRIBUTES TDX_TD_ATTR_SEPT_VE_DISABLE
#define SIM_TDX_DEFAULT_XFAM       0x0000000000061AE7ull

struct tdx_opts {
	const char *ccel_out;
	struct sim_tdx_config cfg;
};

static int run_tdx(const char *shm_path, const char *ovmf, const char *kernel,
		   const char *cmdline, struct tdx_opts *o)
{
	static struct sim_tdx_keys keys;
	static struct sim_tdx tdx;
	uint8_t seed[32], rtmr1_ev[SIM_TDX_RTMR1_EVENTS][48];
	volatile uint8_t *shm;
	int err;

	if (!o->ccel_out) {
		usage();
		return 2;
	}
	const char *why = NULL;
	err = sim_tdx_mrtd(ovmf, o->cfg.mrtd, &why);
	if (err) {
		fprintf(stderr, "futeet-sim: %s: no MRTD: %s\n", ovmf, why ? why : futeet_strerror(err));
		return 1;
	}
	err = sim_seed_get(seed);
	if (!err)
		err = sim_tdx_keys_load(&keys, seed, sizeof(seed));
	futeet_wipe(seed, sizeof(seed));
	why = NULL;
	if (!err)
		err = sim_tdx_rtmr1_events(kernel, cmdline, rtmr1_ev, &why);
	if (!err)
		err = sim_tdx_init(&tdx, &keys, &o->cfg, rtmr1_ev);
	if (err) {
		fprintf(stderr, "futeet-sim: tdx init (%s): %s\n", kernel,
			why ? why : futeet_strerror(err));
		return 1;
	}
	err = write_file(o->ccel_out, tdx.ccel, tdx.ccel_len, 0644);
	if (err) {
		fprintf(stderr, "futeet-sim: %s: %s\n", o->ccel_out, futeet_strerror(err));
		return 1;
	}
	shm = shm_open_mailbox(shm_path, SIMBOX_PROFILE_TDX, 0);
	if (!shm)
		return 1;
	run_until_signal(NULL, &tdx, shm);
	futeet_wipe(&tdx, sizeof(tdx));
	futeet_wipe(&keys, sizeof(keys));
	fprintf(stderr, "futeet-sim: stopped\n");
	return 0;
}

int main(int argc, char **argv)
{
	enum { O_PROFILE = 256, O_SHM, O_SECRETS, O_OVMF, O_KERNEL, O_CMDLINE, O_EVIL,
	       O_POLICY, O_HOST_DATA, O_VMPL, O_FAMILY, O_IMAGE, O_LIST_EVIL, O_EXPORT,
	       O_CCEL, O_TD_ATTR, O_XFAM, O_MRCONFIGID, O_MROWNER, O_MROWNERCONFIG,
	       O_EXPORT_TDX, O_COLLATERAL, O_VCPUS, O_VCPU_TYPE, O_VCPU_SIG, O_KERNEL_HASHES,
	       O_STANDIN };
	static const struct option opts[] = {
		{ "profile", required_argument, 0, O_PROFILE },
		{ "shm", required_argument, 0, O_SHM },
		{ "secrets-out", required_argument, 0, O_SECRETS },
		{ "ovmf", required_argument, 0, O_OVMF },
		{ "kernel", required_argument, 0, O_KERNEL },
		{ "cmdline", required_argument, 0, O_CMDLINE },
		{ "evil", required_argument, 0, O_EVIL },
		{ "policy", required_argument, 0, O_POLICY },
		{ "host-data", required_argument, 0, O_HOST_DATA },
		{ "vmpl", required_argument, 0, O_VMPL },
		{ "family-id", required_argument, 0, O_FAMILY },
		{ "image-id", required_argument, 0, O_IMAGE },
		{ "list-evil", no_argument, 0, O_LIST_EVIL },
		{ "export-roots", required_argument, 0, O_EXPORT },
		{ "ccel-out", required_argument, 0, O_CCEL },
		{ "td-attributes", required_argument, 0, O_TD_ATTR },
		{ "xfam", required_argument, 0, O_XFAM },
		{ "mrconfigid", required_argument, 0, O_MRCONFIGID },
		{ "mrowner", required_argument, 0, O_MROWNER },
		{ "mrownerconfig", required_argument, 0, O_MROWNERCONFIG },
		{ "export-tdx-root", required_argument, 0, O_EXPORT_TDX },
		{ "collateral", required_argument, 0, O_COLLATERAL },
		{ "vcpus", required_argument, 0, O_VCPUS },
		{ "vcpu-type", required_argument, 0, O_VCPU_TYPE },
		{ "vcpu-sig", required_argument, 0, O_VCPU_SIG },
		{ "kernel-hashes", no_argument, 0, O_KERNEL_HASHES },
		{ "amdsev-standin", no_argument, 0, O_STANDIN },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	static struct sim_keys keys;
	static struct sim_snp snp;
	static struct tdx_opts tdo;
	struct sim_snp_config cfg;
	const char *profile = NULL, *shm_path = NULL, *secrets_out = NULL, *evil = NULL;
	const char *ovmf = NULL, *kernel = NULL, *cmdline = NULL, *export_dir = NULL;
	const char *export_tdx = NULL, *collateral = NULL;
	int list = 0, c, err, kernel_bound = 0;
	struct sim_snp_measure_args ma = { .vcpus = 1 };
	const char *vcpu_type = SIM_SNP_DEFAULT_VCPU_TYPE, *why = "";
	unsigned long long ull;
	int have_sig = 0;
	uint8_t boot_nonce[32];
	struct snp_secrets_page secrets;
	char *end;

	memset(&cfg, 0, sizeof(cfg));
	cfg.policy = SIM_DEFAULT_POLICY;
	tdo.cfg.td_attributes = SIM_TDX_DEFAULT_ATTRIBUTES;
	tdo.cfg.xfam = SIM_TDX_DEFAULT_XFAM;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_PROFILE: profile = optarg; break;
		case O_SHM: shm_path = optarg; break;
		case O_SECRETS: secrets_out = optarg; break;
		case O_OVMF: ovmf = optarg; break;
		case O_KERNEL: kernel = optarg; break;
		case O_CMDLINE: cmdline = optarg; break;
		case O_EVIL: evil = optarg; break;
		case O_POLICY:
			errno = 0;
			cfg.policy = strtoull(optarg, &end, 0);
			if (errno || *end || end == optarg) {
				fprintf(stderr, "futeet-sim: bad --policy '%s'\n", optarg);
				return 2;
			}
			break;
		case O_HOST_DATA:
			if (parse_hex_opt("--host-data", optarg, cfg.host_data, 32)) return 2;
			break;
		case O_FAMILY:
			if (parse_hex_opt("--family-id", optarg, cfg.family_id, 16)) return 2;
			break;
		case O_IMAGE:
			if (parse_hex_opt("--image-id", optarg, cfg.image_id, 16)) return 2;
			break;
		case O_VMPL:
			if (strlen(optarg) != 1 || optarg[0] < '0' || optarg[0] > '3') {
				fprintf(stderr, "futeet-sim: --vmpl wants 0..3\n");
				return 2;
			}
			cfg.vmpl = (uint32_t)(optarg[0] - '0');
			break;
		case O_VCPUS:
			errno = 0;
			ull = strtoull(optarg, &end, 10);
			if (errno || *end || end == optarg || ull == 0 || ull > 4096) {
				fprintf(stderr, "futeet-sim: --vcpus wants 1 to 4096\n");
				return 2;
			}
			ma.vcpus = (uint32_t)ull;
			break;
		case O_VCPU_TYPE: vcpu_type = optarg; break;
		case O_VCPU_SIG:
			errno = 0;
			ull = strtoull(optarg, &end, 0);
			if (errno || *end || end == optarg || ull > 0xFFFFFFFFull) {
				fprintf(stderr, "futeet-sim: --vcpu-sig wants a 32-bit value\n");
				return 2;
			}
			ma.vcpu_sig = (uint32_t)ull;
			have_sig = 1;
			break;
		case O_KERNEL_HASHES: ma.kernel_hashes = 1; break;
		case O_STANDIN: ma.amdsev_standin = 1; break;
		case O_LIST_EVIL: list = 1; break;
		case O_EXPORT: export_dir = optarg; break;
		case O_EXPORT_TDX: export_tdx = optarg; break;
		case O_COLLATERAL: collateral = optarg; break;
		case O_CCEL: tdo.ccel_out = optarg; break;
		case O_TD_ATTR:
			if (parse_u64_opt("--td-attributes", optarg, &tdo.cfg.td_attributes)) return 2;
			break;
		case O_XFAM:
			if (parse_u64_opt("--xfam", optarg, &tdo.cfg.xfam)) return 2;
			break;
		case O_MRCONFIGID:
			if (parse_hex_opt("--mrconfigid", optarg, tdo.cfg.mrconfigid, 48)) return 2;
			break;
		case O_MROWNER:
			if (parse_hex_opt("--mrowner", optarg, tdo.cfg.mrowner, 48)) return 2;
			break;
		case O_MROWNERCONFIG:
			if (parse_hex_opt("--mrownerconfig", optarg, tdo.cfg.mrownerconfig, 48)) return 2;
			break;
		case 'h': usage(); return 0;
		default: usage(); return 2;
		}
	}
	if (optind != argc) {
		usage();
		return 2;
	}
	bool tdx = profile && strcmp(profile, "tdx") == 0;
	if (list) {
		list_evil(tdx);
		return 0;
	}
	if (export_dir)
		return export_roots(export_dir);
	if (export_tdx)
		return export_tdx_root(export_tdx);
	if (collateral)
		return write_collateral(collateral);

	if (!profile || (strcmp(profile, "snp") != 0 && !tdx)) {
		fprintf(stderr, "futeet-sim: --profile snp or --profile tdx\n");
		return 2;
	}
	if (evil && (tdx ? sim_tdx_evil_parse(evil, &tdo.cfg.evil) : sim_evil_parse(evil, &cfg.evil))) {
		fprintf(stderr, "futeet-sim: unknown evil mode '%s' for --profile %s (see --profile %s --list-evil)\n",
			evil, profile, profile);
		return 2;
	}
	if (tdx) {
		if (!shm_path || !ovmf || !kernel || !cmdline) {
			usage();
			return 2;
		}
		return run_tdx(shm_path, ovmf, kernel, cmdline, &tdo);
	}
	if (!shm_path || !secrets_out || !ovmf || !kernel || !cmdline) {
		usage();
		return 2;
	}
	/* SNP ABI 56860 GUEST_POLICY: bit 17 is reserved, must be one; bits
	 * 63:26 reserved, must be zero (the PSP refuses SNP_LAUNCH_START). */
	if (!(cfg.policy & SNP_POLICY_RSVD1) || (cfg.policy >> 26)) {
		fprintf(stderr, "futeet-sim: --policy 0x%llx: bit 17 must be set and bits 63:26 clear\n",
			(unsigned long long)cfg.policy);
		return 2;
	}
	if (!have_sig && snp_vcpu_type_sig(vcpu_type, &ma.vcpu_sig) != 0) {
		fprintf(stderr, "futeet-sim: unknown --vcpu-type '%s' (an EPYC model; or --vcpu-sig)\n",
			vcpu_type);
		return 2;
	}
	ma.firmware = ovmf;
	ma.kernel = kernel;
	ma.cmdline = cmdline;
	ma.cmdline_len = strlen(cmdline);
	err = sim_snp_measure(&ma, cfg.measurement, &kernel_bound, &why);
	if (err) {
		fprintf(stderr, "futeet-sim: cannot compute the launch digest of %s: %s\n", ovmf, why);
		return 1;
	}
	fprintf(stderr, "futeet-sim: MEASUREMENT = SNP launch digest of %s, %u vCPU(s), "
		"signature 0x%08x, SEV_FEATURES 0x1; %s\n", ovmf, ma.vcpus, ma.vcpu_sig,
		!kernel_bound ? "kernel not bound by the launch measurement (no kernel hashes)" :
		kernel_bound == 2 ? "kernel and command line bound through the AmdSev stand-in "
				    "kernel-hashes page (GPA 0x820000)" :
				    "kernel and command line bound through the firmware's kernel-hashes page");
	if (load_keys(&keys))
		return 1;
	if (getrandom(boot_nonce, sizeof(boot_nonce), 0) != (ssize_t)sizeof(boot_nonce)) {
		fprintf(stderr, "futeet-sim: getrandom failed\n");
		return 1;
	}
	err = sim_snp_init(&snp, &keys, &cfg, boot_nonce);
	futeet_wipe(boot_nonce, sizeof(boot_nonce));
	if (err) {
		fprintf(stderr, "futeet-sim: init: %s\n", futeet_strerror(err));
		return 1;
	}
	sim_snp_secrets_page(&snp, &secrets);
	err = write_file(secrets_out, &secrets, sizeof(secrets), 0600);
	futeet_wipe(&secrets, sizeof(secrets));
	if (err) {
		fprintf(stderr, "futeet-sim: %s: %s\n", secrets_out, futeet_strerror(err));
		return 1;
	}
	volatile uint8_t *shm = shm_open_mailbox(shm_path, SIMBOX_PROFILE_SNP,
						  kernel_bound ? SIMBOX_LAUNCH_KERNEL_HASHES : 0);
	if (!shm)
		return 1;
	run_until_signal(&snp, NULL, shm);
	sim_snp_wipe(&snp);
	sim_keys_wipe(&keys);
	fprintf(stderr, "futeet-sim: stopped\n");
	return 0;
}
