/* Frama-C EVA entry point for the kernel command line (kernel/cmdline.c):
 * cmdline_init over a string of unknown characters, NUL-terminated at an
 * unknown position or not within BOOT_CMDLINE_MAX bytes at all (the
 * parser copies at most BOOT_CMDLINE_MAX - 1), then the look-ups the kernel
 * makes. Run by scripts/prove; not compiled by make. */
#include <string.h>
#include "__fc_builtin.h"
#include "futeet/boot.h"
#include "kernel/kernel.h"

static char raw[BOOT_CMDLINE_MAX + 8];

int main(void)
{
	const char **argv;
	const char *v;
	int argc, i;

	Frama_C_make_unknown(raw, sizeof(raw) - 1);
	raw[sizeof(raw) - 1] = '\0';
	cmdline_init(raw);
	v = cmdline_get("platform");
	if (v) {
		/*@ assert value_is_string: valid_read_string(v); */
	}
	(void)cmdline_has("init", "attest");
	argc = cmdline_argv(&argv);
	for (i = 0; i < argc; i++) {
		/*@ assert arg_is_string: valid_read_string(argv[i]); */
	}
	return 0;
}
