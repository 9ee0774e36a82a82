/* futeet-measure: prints what a sim profile will report for an image, so a
 * policy can be written before boot.
 *   futeet-measure --platform sim-snp IMAGE [--cmdline S] [--ovmf F]
 * sim-snp: MEASUREMENT (48 bytes, hex), the formula of docs/SIM.md, computed
 * by the same function futeet-sim uses (tools/futeet-sim/measure.c). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "futeet/errno.h"
#include "../futeet-sim/sim.h"

#define DEFAULT_OVMF "/usr/share/OVMF/OVMF_CODE_4M.fd" /* scripts/run's default */

static void usage(void)
{
	fprintf(stderr, "usage: futeet-measure --platform sim-snp IMAGE [--cmdline S] [--ovmf F]\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "platform", required_argument, 0, 'p' },
		{ "cmdline", required_argument, 0, 'c' },
		{ "ovmf", required_argument, 0, 'o' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	const char *platform = NULL, *cmdline = "", *ovmf = DEFAULT_OVMF;
	uint8_t m[48];
	int c, err;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': platform = optarg; break;
		case 'c': cmdline = optarg; break;
		case 'o': ovmf = optarg; break;
		default: usage(); return 2;
		}
	}
	if (!platform || optind != argc - 1) {
		usage();
		return 2;
	}
	if (strcmp(platform, "sim-snp") != 0) {
		fprintf(stderr, "futeet-measure: platform '%s' not supported (known: sim-snp)\n",
			platform);
		return 2;
	}
	err = sim_snp_measure(ovmf, argv[optind], cmdline, strlen(cmdline), m);
	if (err) {
		fprintf(stderr, "futeet-measure: %s / %s: %s\n", ovmf, argv[optind],
			futeet_strerror(err));
		return 1;
	}
	for (size_t i = 0; i < sizeof(m); i++)
		printf("%02x", m[i]);
	printf("\n");
	return 0;
}
