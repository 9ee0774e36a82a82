/* The kernel command line: host input (QEMU -append, the load options).
 *   key=value ... [ -- arg1 arg2 ...]
 * Words before " -- " are kernel options; words after it are the user
 * program's argv[1..] (as on Linux). Bounded: at most CMDLINE_WORDS kernel
 * options (later ones are ignored) and CMDLINE_ARGS_MAX program arguments
 * (more is an error: a program must not run with some of its arguments
 * silently dropped).
 * Every word is kept as indices [off, end) into buf, never as a moving
 * pointer, and every read of buf compares its index with that end first:
 * the bounds Frama-C EVA follows (tests/prove/eva_cmdline.c). buf's last
 * byte stays NUL, and each word is NUL-terminated in place, so the values
 * handed out are C strings inside buf. */
#include <stdint.h>
#include <string.h>

#include "futeet/boot.h"
#include "futeet/errno.h"
#include "kernel/kernel.h"

#define CMDLINE_WORDS 64

struct word {
	uint16_t off, end;   /* buf[off .. end): the word, end <= BOOT_CMDLINE_MAX - 1 */
};

static char buf[BOOT_CMDLINE_MAX];
static struct word opts[CMDLINE_WORDS];
static struct word args[CMDLINE_ARGS_MAX];
static int nopts, nargs;
static bool too_many_args;

_Static_assert(BOOT_CMDLINE_MAX <= UINT16_MAX, "word indices are 16 bits");

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

void cmdline_init(const char *raw)
{
	size_t n = strnlen(raw, sizeof(buf) - 1), i = 0;
	bool after_dashes = false;

	memcpy(buf, raw, n);
	buf[n] = '\0';
	buf[sizeof(buf) - 1] = '\0';
	nopts = nargs = 0;
	too_many_args = false;
	while (i < n) {
		struct word w;
		if (blank(buf[i])) {
			buf[i++] = '\0';
			continue;
		}
		w.off = (uint16_t)i;
		while (i < n && !blank(buf[i]))
			i++;
		w.end = (uint16_t)i;
		if (i < n)
			buf[i++] = '\0';
		/* w is non-empty: w.off < w.end <= n */
		if (!after_dashes && w.end - w.off == 2 && buf[w.off] == '-' &&
		    buf[w.off + 1] == '-')
			after_dashes = true;
		else if (after_dashes && nargs < CMDLINE_ARGS_MAX)
			args[nargs++] = w;
		else if (after_dashes)
			too_many_args = true;
		else if (nopts < CMDLINE_WORDS)
			opts[nopts++] = w;
	}
}

/* The value of option o if it is key=value (k = strlen(key)), else NULL. */
static const char *opt_value(const struct word *o, const char *key, size_t k)
{
	size_t j, at;

	for (j = 0; j < k; j++) {
		at = (size_t)o->off + j;
		if (at >= o->end || buf[at] != key[j])
			return NULL;
	}
	at = (size_t)o->off + k;
	if (at >= o->end || buf[at] != '=')
		return NULL;
	return buf + at + 1;
}

const char *cmdline_get(const char *key)
{
	size_t k = strlen(key);
	const char *v;

	for (int i = nopts - 1; i >= 0; i--)   /* the last one wins */
		if ((v = opt_value(&opts[i], key, k)))
			return v;
	return NULL;
}

int cmdline_get_all(const char *key, const char **vals, int max)
{
	size_t k = strlen(key);
	const char *v;
	int n = 0;

	for (int i = 0; i < nopts; i++)
		if ((v = opt_value(&opts[i], key, k))) {
			if (n < max)
				vals[n] = v;
			n++;
		}
	return n < max ? n : max;
}

bool cmdline_has(const char *key, const char *value)
{
	const char *v = cmdline_get(key);
	return v && strcmp(v, value) == 0;
}

int cmdline_argv(const char **argv, int max)
{
	int i;

	if (too_many_args || nargs > max)
		return -E2BIG;
	for (i = 0; i < nargs; i++)
		argv[i] = buf + args[i].off;
	return nargs;
}
