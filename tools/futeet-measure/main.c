/* futeet-measure: reference values for a launch, computed before boot as the
 * hardware computes them (lib/measure), ready to paste into a policy.
 *
 *   futeet-measure --platform snp --firmware FILE [--vcpus N]
 *       [--vcpu-type NAME | --vcpu-sig HEX] [--guest-features HEX]
 *       [--vmm qemu|ec2|gce] [--kernel FILE [--initrd FILE] [--append STR]]
 *       [--format text|json] [--explain]
 *   futeet-measure --platform tdx --firmware FILE [--kernel FILE --append STR
 *       [--futeet-initrd CPIO] [--stdin FILE] [--program ELF]]
 *       [--format text|json] [--explain]
 *       (rtmr2 covers the command line, then in the kernel's order the initrd
 *       and stdin handed over through fw_cfg (scripts/run --initrd, --stdin),
 *       then the user program with --program: build/user/NAME.elf, the image
 *       the kernel measures for init=NAME, or the program's file in the
 *       initrd for init=/path)
 *   futeet-measure --platform sim-snp IMAGE [--cmdline S] [--ovmf F] [--vcpus N]
 *       [--vcpu-type NAME | --vcpu-sig HEX] [--kernel-hashes] [--amdsev-standin]
 *       what sim-snp reports (docs/SIM.md): the launch digest of F (default
 *       /usr/share/ovmf/OVMF.fd, what scripts/run boots), IMAGE and the
 *       command line bound only with kernel hashes
 *
 * SNP prints "measurement: HEX" (the report's MEASUREMENT), TDX "mrtd: HEX"
 * and, with a kernel, "rtmr1: HEX" and "rtmr2: HEX". Firmware that cannot
 * run the mode (no footer table, no metadata, malformed or overlapping
 * sections, a 4 MiB image without SEV metadata) is an error with a one-line
 * reason, never a digest. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bearssl.h>
#include "futeet/errno.h"
#include "lib/measure/snp.h"
#include "lib/measure/tdx.h"
#include "../futeet-sim/sim.h"
#include "tools/common/file.h"

#define DEFAULT_VCPU_TYPE "EPYC-v4"

static void usage(void)
{
	fprintf(stderr,
		"usage: futeet-measure --platform snp --firmware FILE [--vcpus N]\n"
		"           [--vcpu-type NAME | --vcpu-sig HEX] [--guest-features HEX]\n"
		"           [--vmm qemu|ec2|gce] [--kernel FILE [--initrd FILE] [--append STR]]\n"
		"           [--format text|json] [--explain]\n"
		"       futeet-measure --platform tdx --firmware FILE [--kernel FILE --append STR\n"
		"           [--futeet-initrd CPIO] [--stdin FILE] [--program ELF]]\n"
		"           [--format text|json] [--explain]\n"
		"       futeet-measure --platform sim-snp IMAGE [--cmdline S] [--ovmf F] [--vcpus N]\n"
		"           [--vcpu-type NAME | --vcpu-sig HEX] [--kernel-hashes] [--amdsev-standin]\n");
}

/* The whole file, malloc'ed. NULL (with errno text on stderr) on failure. */
static uint8_t *read_file(const char *path, size_t max, size_t *len)
{
	uint8_t *p;
	int err = tool_read_file(path, max, &p, len);

	if (err == -E2BIG)
		fprintf(stderr, "futeet-measure: %s: larger than %zu bytes\n", path, max);
	else if (err)
		fprintf(stderr, "futeet-measure: %s: %s\n", path,
			err == -ENOENT ? "cannot open" : "read error");
	return p;
}

static int sha256_file(const char *path, uint8_t out[32])
{
	int err = tool_sha256_file(path, out);

	if (err)
		fprintf(stderr, "futeet-measure: %s: %s\n", path,
			err == -ENOENT ? "cannot open" : "read error");
	return err;
}

static void print_hex(FILE *f, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
}

/* A JSON string: the bytes, escaped (RFC 8259 section 7). */
static void print_json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static const char *page_type_name(uint8_t t)
{
	switch (t) {
	case SNP_PAGE_NORMAL: return "NORMAL";
	case SNP_PAGE_VMSA: return "VMSA";
	case SNP_PAGE_ZERO: return "ZERO";
	case SNP_PAGE_UNMEASURED: return "UNMEASURED";
	case SNP_PAGE_SECRETS: return "SECRETS";
	case SNP_PAGE_CPUID: return "CPUID";
	default: return "?";
	}
}

struct explain_state {
	int json;
	unsigned long n;
};

static void explain_page(void *arg, const struct snp_page_event *ev)
{
	struct explain_state *st = arg;

	if (st->json) {
		printf("%s\n    {\"what\": ", st->n ? "," : "");
		print_json_str(ev->label);
		printf(", \"page_type\": \"%s\", \"gpa\": \"0x%llx\", \"contents\": \"",
		       page_type_name(ev->page_type), (unsigned long long)ev->gpa);
		print_hex(stdout, ev->contents, sizeof(ev->contents));
		printf("\", \"digest\": \"");
		print_hex(stdout, ev->digest, sizeof(ev->digest));
		printf("\"}");
	} else {
		printf("page %5lu %-18s %-10s gpa 0x%012llx contents ", st->n, ev->label,
		       page_type_name(ev->page_type), (unsigned long long)ev->gpa);
		print_hex(stdout, ev->contents, 8);
		printf("... -> ");
		print_hex(stdout, ev->digest, 8);
		printf("...\n");
	}
	st->n++;
}

struct opts {
	const char *platform, *firmware, *kernel, *initrd, *append, *vcpu_type, *vmm;
	const char *cmdline, *ovmf, *format, *program, *futeet_initrd, *stdin_file;
	unsigned long vcpus;
	int have_sig, explain, json, kernel_hashes, standin;
	unsigned long long vcpu_sig, features;
};

static int parse_ull(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;

	if (!*s || *s == '-')
		return -EINVAL;
	*v = strtoull(s, &end, 0);
	return (*end || *v > max) ? -EINVAL : 0;
}

static int measure_snp(const struct opts *o)
{
	struct snp_launch_params p;
	struct explain_state st = { o->json, 0 };
	uint8_t digest[SNP_LD_SIZE];
	const char *why = "";
	size_t len;
	uint8_t *fw;
	int err;

	memset(&p, 0, sizeof(p));
	p.vcpus = (uint32_t)o->vcpus;
	p.sev_features = o->features;
	if (o->have_sig) {
		p.vcpu_sig = (uint32_t)o->vcpu_sig;
	} else if (snp_vcpu_type_sig(o->vcpu_type, &p.vcpu_sig) != 0) {
		fprintf(stderr, "futeet-measure: unknown --vcpu-type '%s' (EPYC, EPYC-v1..v4, "
			"EPYC-Rome[-v1..v3], EPYC-Milan[-v1,v2], EPYC-Genoa[-v1], EPYC-Turin; "
			"or give --vcpu-sig)\n", o->vcpu_type);
		return 2;
	}
	if (strcmp(o->vmm, "qemu") == 0)
		p.vmm = SNP_VMM_QEMU;
	else if (strcmp(o->vmm, "ec2") == 0)
		p.vmm = SNP_VMM_EC2;
	else if (strcmp(o->vmm, "gce") == 0)
		p.vmm = SNP_VMM_GCE;
	else {
		fprintf(stderr, "futeet-measure: unknown --vmm '%s' (qemu, ec2, gce)\n", o->vmm);
		return 2;
	}
	if (o->kernel) {
		p.kernel_hashes = 1;
		if (sha256_file(o->kernel, p.kernel_sha256))
			return 1;
		if (o->initrd) {
			if (sha256_file(o->initrd, p.initrd_sha256))
				return 1;
		} else {
			br_sha256_context h;

			br_sha256_init(&h); /* QEMU hashes an empty initrd when none */
			br_sha256_out(&h, p.initrd_sha256);
		}
		snp_cmdline_sha256(o->append, o->append ? strlen(o->append) : 0, p.cmdline_sha256);
	}
	fw = read_file(o->firmware, OVMF_FW_MAX_SIZE, &len);
	if (!fw)
		return 1;
	/* Once without the explanation, so that a refusal never follows a
	 * partial listing; then with it. */
	err = snp_launch_digest(fw, len, &p, digest, NULL, NULL, &why);
	if (err) {
		fprintf(stderr, "futeet-measure: %s: refused: %s\n", o->firmware, why);
		free(fw);
		return 1;
	}
	if (o->json) {
		printf("{\n  \"platform\": \"snp\",\n  \"reference_measurements\": [\"");
		print_hex(stdout, digest, sizeof(digest));
		printf("\"],\n  \"measurement\": \"");
		print_hex(stdout, digest, sizeof(digest));
		printf("\",\n  \"covers\": {\"firmware\": true, \"kernel\": %s, \"initrd\": %s, "
		       "\"command_line\": %s},\n", o->kernel ? "true" : "false",
		       o->kernel ? "true" : "false", o->kernel ? "true" : "false");
		printf("  \"inputs\": {\"firmware\": ");
		print_json_str(o->firmware);
		printf(", \"vcpus\": %lu, \"vcpu_sig\": \"0x%08x\", \"guest_features\": \"0x%llx\", "
		       "\"vmm\": \"%s\"", o->vcpus, p.vcpu_sig, o->features, o->vmm);
		if (o->kernel) {
			printf(", \"kernel\": ");
			print_json_str(o->kernel);
			printf(", \"initrd\": ");
			print_json_str(o->initrd ? o->initrd : "");
			printf(", \"append\": ");
			print_json_str(o->append ? o->append : "");
		}
		printf("}");
		if (o->explain) {
			printf(",\n  \"pages\": [");
			snp_launch_digest(fw, len, &p, digest, explain_page, &st, &why);
			printf("\n  ]");
		}
		printf("\n}\n");
	} else {
		if (o->explain) {
			printf("firmware %s mapped to end at 4 GiB; %lu vCPU(s), signature 0x%08x, "
			       "SEV_FEATURES 0x%llx, VMM %s\n", o->firmware, o->vcpus, p.vcpu_sig,
			       o->features, o->vmm);
			snp_launch_digest(fw, len, &p, digest, explain_page, &st, &why);
			printf("%s\n", o->kernel ? "covers: firmware, kernel, initrd, command line "
			       "(kernel hashes checked by the firmware)" :
			       "covers: firmware only (kernel not bound by the launch measurement)");
		}
		printf("measurement: ");
		print_hex(stdout, digest, sizeof(digest));
		printf("\n");
	}
	free(fw);
	return 0;
}

/* --explain for MRTD: one line (or JSON object) per TDVF section. */
static void explain_tdx_section(void *arg, const struct tdx_mrtd_section *sec)
{
	struct explain_state *st = arg;

	if (st->json) {
		printf("%s\n    {\"section\": %u, \"type\": \"%s\", \"gpa\": \"0x%llx\", "
		       "\"pages\": %llu, \"page_add\": true, \"mr_extend\": %s, "
		       "\"file_offset\": \"0x%x\", \"file_bytes\": %u}",
		       st->n ? "," : "", sec->index, sec->type_name, (unsigned long long)sec->gpa,
		       (unsigned long long)sec->pages, sec->extended ? "true" : "false",
		       sec->data_offset, sec->raw_size);
	} else {
		printf("mrtd section %u %-8s gpa 0x%012llx pages %6llu  TDH.MEM.PAGE.ADD%s",
		       sec->index, sec->type_name, (unsigned long long)sec->gpa,
		       (unsigned long long)sec->pages,
		       sec->extended ? " + TDH.MR.EXTEND (16 x 256 bytes a page)" : " only (not extended)");
		if (sec->raw_size)
			printf(", file offset 0x%x, %u bytes", sec->data_offset, sec->raw_size);
		printf("\n");
	}
	st->n++;
}

static int measure_tdx(const struct opts *o)
{
	struct explain_state st = { o->json, 0 };
	uint8_t mrtd[TDX_MR_SIZE], rtmr1[TDX_MR_SIZE], rtmr2[TDX_MR_SIZE];
	uint8_t ev[TDX_RTMR1_EVENTS][TDX_MR_SIZE];
	static const char *const ev_names[TDX_RTMR1_EVENTS] = {
		"EV_EFI_BOOT_SERVICES_APPLICATION (PE Authenticode SHA-384 of the image QEMU hands OVMF)",
		"EV_EFI_ACTION \"Calling EFI Application from Boot Option\"",
		"EV_SEPARATOR 00000000",
		"EV_EFI_ACTION \"Exit Boot Services Invocation\"",
		"EV_EFI_ACTION \"Exit Boot Services Returned with Success\"",
	};
	const char *why = "";
	size_t len, klen = 0;
	uint8_t *fw, *k = NULL;
	int err;

	if (o->initrd || (o->append && !o->kernel)) {
		fprintf(stderr, "futeet-measure: --platform tdx takes --append only with --kernel, "
			"and no --initrd\n");
		return 2;
	}
	fw = read_file(o->firmware, OVMF_FW_MAX_SIZE, &len);
	if (!fw)
		return 1;
	/* Text --explain lists the sections before the digest (as for SNP). */
	err = measure_tdx_mrtd_explain(fw, len, mrtd, &why,
				       o->explain && !o->json ? explain_tdx_section : NULL, &st);
	if (err) {
		free(fw);
		fprintf(stderr, "futeet-measure: %s: refused: %s\n", o->firmware, why);
		return 1;
	}
	if (!o->json)
		free(fw);
	if (o->kernel) {
		k = read_file(o->kernel, 1u << 30, &klen);
		if (!k)
			return 1;
		err = measure_tdx_rtmr1(k, klen, o->append ? o->append : "",
					o->append ? strlen(o->append) : 0, rtmr1, ev, &why);
		if (err) {
			fprintf(stderr, "futeet-measure: %s: no RTMR1: %s\n", o->kernel, why);
			free(k);
			return 1;
		}
		free(k);
		/* The kernel's order (tee/core/measure.c): command line,
		 * initrd, stdin, program; each extend is SHA-384 of the bytes. */
		measure_tdx_rtmr2(o->append ? o->append : "", o->append ? strlen(o->append) : 0,
				  NULL, 0, rtmr2);
		const char *const more[3] = { o->futeet_initrd, o->stdin_file, o->program };
		for (int i = 0; i < 3; i++) {
			size_t dlen;
			uint8_t d[TDX_MR_SIZE], *data;
			br_sha384_context h;

			if (!more[i])
				continue;
			data = read_file(more[i], 1u << 30, &dlen);
			if (!data)
				return 1;
			br_sha384_init(&h);
			br_sha384_update(&h, data, dlen);
			br_sha384_out(&h, d);
			measure_tdx_extend(rtmr2, d);
			free(data);
		}
	}
	if (o->json) {
		printf("{\n  \"platform\": \"tdx\",\n  \"mrtd\": \"");
		print_hex(stdout, mrtd, sizeof(mrtd));
		printf("\"");
		if (o->kernel) {
			printf(",\n  \"rtmr1\": \"");
			print_hex(stdout, rtmr1, sizeof(rtmr1));
			printf("\",\n  \"rtmr2\": \"");
			print_hex(stdout, rtmr2, sizeof(rtmr2));
			printf("\"");
		}
		printf(",\n  \"inputs\": {\"firmware\": ");
		print_json_str(o->firmware);
		if (o->kernel) {
			printf(", \"kernel\": ");
			print_json_str(o->kernel);
			printf(", \"append\": ");
			print_json_str(o->append ? o->append : "");
			const char *const names[3] = { "futeet_initrd", "stdin", "program" };
			const char *const vals[3] = { o->futeet_initrd, o->stdin_file, o->program };
			for (int i = 0; i < 3; i++)
				if (vals[i]) {
					printf(", \"%s\": ", names[i]);
					print_json_str(vals[i]);
				}
		}
		printf("}");
		if (o->explain) {
			uint8_t again[TDX_MR_SIZE];

			printf(",\n  \"mrtd_sections\": [");
			(void)measure_tdx_mrtd_explain(fw, len, again, &why, explain_tdx_section, &st);
			printf("\n  ]");
		}
		printf("\n}\n");
		free(fw);
	} else {
		printf("mrtd: ");
		print_hex(stdout, mrtd, sizeof(mrtd));
		printf("\n");
		if (o->kernel && o->explain) {
			for (unsigned i = 0; i < TDX_RTMR1_EVENTS; i++) {
				printf("rtmr1 event %u: ", i);
				print_hex(stdout, ev[i], TDX_MR_SIZE);
				printf("  %s\n", ev_names[i]);
			}
			printf("rtmr2: extend SHA-384(command line)%s%s%s\n",
			       o->futeet_initrd ? ", then SHA-384(the initrd)" : "",
			       o->stdin_file ? ", then SHA-384(stdin)" : "",
			       o->program ? ", then SHA-384(the user program's ELF image)" :
			       "; the kernel then extends the user program (give --program ELF)");
		}
		if (o->kernel) {
			printf("rtmr1: ");
			print_hex(stdout, rtmr1, sizeof(rtmr1));
			printf("\nrtmr2: ");
			print_hex(stdout, rtmr2, sizeof(rtmr2));
			printf("\n");
		}
	}
	return 0;
}

/* What sim-snp reports: the same function futeet-sim calls. */
static int measure_sim_snp(const struct opts *o, const char *image)
{
	struct sim_snp_measure_args a = {
		.firmware = o->ovmf, .vcpus = (uint32_t)o->vcpus, .vcpu_sig = (uint32_t)o->vcpu_sig,
		.kernel_hashes = o->kernel_hashes, .amdsev_standin = o->standin, .kernel = image,
		.cmdline = o->cmdline, .cmdline_len = strlen(o->cmdline),
	};
	const char *why = "";
	uint8_t m[48];
	int bound, err;

	if (!o->have_sig && snp_vcpu_type_sig(o->vcpu_type, &a.vcpu_sig) != 0) {
		fprintf(stderr, "futeet-measure: unknown --vcpu-type '%s'\n", o->vcpu_type);
		return 2;
	}
	err = sim_snp_measure(&a, m, &bound, &why);
	if (err) {
		fprintf(stderr, "futeet-measure: %s: refused: %s\n", o->ovmf, why);
		return 1;
	}
	print_hex(stdout, m, sizeof(m));
	printf("\n");
	if (o->explain)
		printf("%s\n", bound ? "covers: firmware, kernel, command line" :
		       "covers: firmware only (kernel not bound by the launch measurement)");
	return 0;
}

int main(int argc, char **argv)
{
	enum { O_PLATFORM = 256, O_FIRMWARE, O_VCPUS, O_VCPU_TYPE, O_VCPU_SIG, O_FEATURES,
	       O_VMM, O_KERNEL, O_INITRD, O_APPEND, O_FORMAT, O_EXPLAIN, O_CMDLINE, O_OVMF, O_PROGRAM,
	       O_KERNEL_HASHES, O_STANDIN, O_FUTEET_INITRD, O_STDIN };
	static const struct option lopts[] = {
		{ "platform", required_argument, 0, O_PLATFORM },
		{ "firmware", required_argument, 0, O_FIRMWARE },
		{ "vcpus", required_argument, 0, O_VCPUS },
		{ "vcpu-type", required_argument, 0, O_VCPU_TYPE },
		{ "vcpu-sig", required_argument, 0, O_VCPU_SIG },
		{ "guest-features", required_argument, 0, O_FEATURES },
		{ "vmm", required_argument, 0, O_VMM },
		{ "kernel", required_argument, 0, O_KERNEL },
		{ "initrd", required_argument, 0, O_INITRD },
		{ "append", required_argument, 0, O_APPEND },
		{ "format", required_argument, 0, O_FORMAT },
		{ "explain", no_argument, 0, O_EXPLAIN },
		{ "cmdline", required_argument, 0, O_CMDLINE },
		{ "ovmf", required_argument, 0, O_OVMF },
		{ "program", required_argument, 0, O_PROGRAM },
		{ "futeet-initrd", required_argument, 0, O_FUTEET_INITRD },
		{ "stdin", required_argument, 0, O_STDIN },
		{ "kernel-hashes", no_argument, 0, O_KERNEL_HASHES },
		{ "amdsev-standin", no_argument, 0, O_STANDIN },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	struct opts o = {
		.vcpu_type = DEFAULT_VCPU_TYPE, .vmm = "qemu", .format = "text", .vcpus = 1,
		.features = SNP_FEATURE_SNP_ACTIVE, .cmdline = "",
		.ovmf = SIM_SNP_DEFAULT_FIRMWARE,
	};
	unsigned long long v;
	int c, have_type = 0;

	while ((c = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
		switch (c) {
		case O_PLATFORM: o.platform = optarg; break;
		case O_FIRMWARE: o.firmware = optarg; break;
		case O_VCPUS:
			if (parse_ull(optarg, 4096, &v) || v == 0) {
				fprintf(stderr, "futeet-measure: --vcpus wants 1 to 4096\n");
				return 2;
			}
			o.vcpus = (unsigned long)v;
			break;
		case O_VCPU_TYPE: o.vcpu_type = optarg; have_type = 1; break;
		case O_VCPU_SIG:
			if (parse_ull(optarg, 0xFFFFFFFFull, &o.vcpu_sig)) {
				fprintf(stderr, "futeet-measure: --vcpu-sig wants a 32-bit value (0x00800F12)\n");
				return 2;
			}
			o.have_sig = 1;
			break;
		case O_FEATURES:
			if (parse_ull(optarg, ~0ull, &o.features)) {
				fprintf(stderr, "futeet-measure: --guest-features wants a 64-bit value (0x1)\n");
				return 2;
			}
			break;
		case O_VMM: o.vmm = optarg; break;
		case O_KERNEL: o.kernel = optarg; break;
		case O_INITRD: o.initrd = optarg; break;
		case O_APPEND: o.append = optarg; break;
		case O_FORMAT: o.format = optarg; break;
		case O_EXPLAIN: o.explain = 1; break;
		case O_CMDLINE: o.cmdline = optarg; break;
		case O_OVMF: o.ovmf = optarg; break;
		case O_PROGRAM: o.program = optarg; break;
		case O_FUTEET_INITRD: o.futeet_initrd = optarg; break;
		case O_STDIN: o.stdin_file = optarg; break;
		case O_KERNEL_HASHES: o.kernel_hashes = 1; break;
		case O_STANDIN: o.standin = 1; break;
		default: usage(); return 2;
		}
	}
	if (!o.platform) {
		usage();
		return 2;
	}
	if (strcmp(o.format, "json") == 0)
		o.json = 1;
	else if (strcmp(o.format, "text") != 0) {
		fprintf(stderr, "futeet-measure: unknown --format '%s' (text, json)\n", o.format);
		return 2;
	}
	if (strcmp(o.platform, "sim-snp") == 0) {
		if (optind != argc - 1) {
			usage();
			return 2;
		}
		return measure_sim_snp(&o, argv[optind]);
	}
	if (optind != argc || !o.firmware) {
		usage();
		return 2;
	}
	if (have_type && o.have_sig) {
		fprintf(stderr, "futeet-measure: give --vcpu-type or --vcpu-sig, not both\n");
		return 2;
	}
	if (!o.kernel && (o.initrd || o.append || o.program || o.futeet_initrd || o.stdin_file)) {
		fprintf(stderr, "futeet-measure: --initrd, --futeet-initrd, --stdin, --append and --program "
			"are measured only with --kernel\n");
		return 2;
	}
	if (strcmp(o.platform, "tdx") != 0 && (o.futeet_initrd || o.stdin_file || o.program)) {
		fprintf(stderr, "futeet-measure: --futeet-initrd, --stdin and --program predict RTMR2: "
			"--platform tdx only\n");
		return 2;
	}
	if (strcmp(o.platform, "snp") == 0)
		return measure_snp(&o);
	if (strcmp(o.platform, "tdx") == 0)
		return measure_tdx(&o);
	fprintf(stderr, "futeet-measure: platform '%s' not supported (snp, tdx, sim-snp)\n", o.platform);
	return 2;
}
