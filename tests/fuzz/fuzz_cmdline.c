/* libFuzzer harness for the kernel command-line parser (kernel/cmdline.c):
 * the command line is host input. Properties checked on every input: the
 * parser never reads or writes out of bounds (ASan), at most CMDLINE_ARGS_MAX
 * program arguments come out (more is -E2BIG, never a truncated list), every
 * word is non-empty and free of blanks, and a lookup returns a value that
 * lies inside a parsed option. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/boot.h"
#include "futeet/errno.h"
#include "kernel/kernel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char raw[BOOT_CMDLINE_MAX];
	size_t n = size < sizeof(raw) - 1 ? size : sizeof(raw) - 1;
	memcpy(raw, data, n);
	raw[n] = '\0';

	cmdline_init(raw);
	const char *argv[CMDLINE_ARGS_MAX];
	int argc = cmdline_argv(argv, CMDLINE_ARGS_MAX);
	if (argc == -E2BIG)
		argc = 0;
	if (argc < 0 || argc > CMDLINE_ARGS_MAX)
		abort();
	for (int i = 0; i < argc; i++) {
		if (!argv[i][0] || strchr(argv[i], ' ') || strchr(argv[i], '\t'))
			abort();
	}
	const char *v = cmdline_get("init");
	if (v && (v[-1] != '=' || strncmp(v - 5, "init=", 5) != 0 || strchr(v, ' ')))
		abort();
	const char *vals[4];
	int nv = cmdline_get_all("env", vals, 4);
	if (nv < 0 || nv > 4)
		abort();
	for (int i = 0; i < nv; i++)
		if (strncmp(vals[i] - 4, "env=", 4) != 0 || strchr(vals[i], '\t'))
			abort();
	(void)cmdline_has("futeet.test", "triple-fault");
	return 0;
}
