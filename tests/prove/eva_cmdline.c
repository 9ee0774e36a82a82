/* Frama-C EVA entry point for the kernel command line (kernel/cmdline.c):
 * cmdline_init over a string of unknown characters, NUL-terminated at any
 * position or not within BOOT_CMDLINE_MAX bytes at all (the parser copies
 * at most BOOT_CMDLINE_MAX - 1: every length 0..1023), then every look-up
 * the kernel makes: cmdline_get, cmdline_has, cmdline_get_all into 0..4
 * slots, cmdline_argv into 0..CMDLINE_ARGS_MAX slots. No runtime error, and
 * every value and argument handed back is a readable C string. (The
 * `split` annotations analyse each capacity separately, so the count is
 * related to it.) Run by scripts/prove; not compiled by make. */
#include <string.h>
#include "__fc_builtin.h"
#include "futeet/boot.h"
#include "futeet/errno.h"
#include "kernel/kernel.h"

static char raw[BOOT_CMDLINE_MAX + 8];

int main(void)
{
	const char *argv[CMDLINE_ARGS_MAX];
	const char *vals[4];
	const char *v;
	int argc, n, i, max;

	Frama_C_make_unknown(raw, sizeof(raw) - 1);
	raw[sizeof(raw) - 1] = '\0';
	cmdline_init(raw);
	v = cmdline_get("platform");
	if (v) {
		/*@ assert value_is_string: valid_read_string(v); */
	}
	(void)cmdline_has("init", "attest");
	/* Unused slots hold a string too, so each read below is of a string. */
	for (i = 0; i < 4; i++)
		vals[i] = "";
	max = Frama_C_interval(0, 4);
	/*@ split max; */
	n = cmdline_get_all("env", vals, max);
	/*@ assert count: 0 <= n <= max; */
	for (i = 0; i < n; i++) {
		/*@ assert env_is_string: valid_read_string(vals[i]); */
	}
	for (i = 0; i < CMDLINE_ARGS_MAX; i++)
		argv[i] = "";
	max = Frama_C_interval(0, CMDLINE_ARGS_MAX);
	/*@ split max; */
	argc = cmdline_argv(argv, max);
	/* argc is -E2BIG or the count: EVA keeps [-E2BIG .. max] as one interval. */
	/*@ assert argc_bound: argc <= max; */
	for (i = 0; i < argc; i++) {
		/*@ assert arg_is_string: valid_read_string(argv[i]); */
	}
	return 0;
}
