/* The kernel command line: host input (QEMU -append, the load options).
 *   key=value ... [ -- arg1 arg2 ...]
 * Words before " -- " are kernel options; words after it are the user
 * program's argv[1..] (as on Linux). Bounded: at most CMDLINE_WORDS kernel
 * options (later ones are ignored) and CMDLINE_ARGS_MAX program arguments
 * (more is an error: a program must not run with some of its arguments
 * silently dropped). */
#include <string.h>

#include "futeet/boot.h"
#include "futeet/errno.h"
#include "kernel/kernel.h"

#define CMDLINE_WORDS 64

static char buf[BOOT_CMDLINE_MAX];
static const char *opts[CMDLINE_WORDS];
static const char *args[CMDLINE_ARGS_MAX];
static int nopts, nargs;
static bool too_many_args;

void cmdline_init(const char *raw)
{
	size_t n = strnlen(raw, sizeof(buf) - 1);
	memcpy(buf, raw, n);
	buf[n] = '\0';

	bool after_dashes = false;
	char *p = buf;
	nopts = nargs = 0;
	too_many_args = false;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		char *w = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
		if (!after_dashes && strcmp(w, "--") == 0)
			after_dashes = true;
		else if (after_dashes && nargs < CMDLINE_ARGS_MAX)
			args[nargs++] = w;
		else if (after_dashes)
			too_many_args = true;
		else if (!after_dashes && nopts < CMDLINE_WORDS)
			opts[nopts++] = w;
	}
}

const char *cmdline_get(const char *key)
{
	size_t k = strlen(key);
	for (int i = nopts - 1; i >= 0; i--)   /* the last one wins */
		if (strncmp(opts[i], key, k) == 0 && opts[i][k] == '=')
			return opts[i] + k + 1;
	return NULL;
}

int cmdline_get_all(const char *key, const char **vals, int max)
{
	size_t k = strlen(key);
	int n = 0;
	for (int i = 0; i < nopts; i++)
		if (strncmp(opts[i], key, k) == 0 && opts[i][k] == '=') {
			if (n < max)
				vals[n] = opts[i] + k + 1;
			n++;
		}
	return n < max ? n : max;
}

bool cmdline_has(const char *key, const char *value)
{
	const char *v = cmdline_get(key);
	return v && strcmp(v, value) == 0;
}

int cmdline_argv(const char ***argv)
{
	*argv = args;
	return too_many_args ? -E2BIG : nargs;
}
