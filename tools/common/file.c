/* Host tools' file reading (tools/common/file.h). */
#include "tools/common/file.h"

#include <stdio.h>
#include <stdlib.h>

#include <bearssl.h>
#include "futeet/errno.h"

int tool_read_file(const char *path, size_t max, uint8_t **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	size_t n = 0, cap = 0, r;
	int err = 0;

	*out = NULL;
	*len = 0;
	if (!f)
		return -ENOENT;
	for (;;) {
		if (n == cap) { /* room for one byte past max: it tells "too large" */
			uint8_t *q;

			if (cap > max) {
				err = -E2BIG;
				break;
			}
			cap = cap ? (cap > max / 2 ? max + 1 : 2 * cap) : (max < 65535 ? max + 1 : 65536);
			q = realloc(p, cap + 1);
			if (!q) {
				err = -ENOMEM;
				break;
			}
			p = q;
		}
		r = fread(p + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	if (!err && ferror(f))
		err = -EIO;
	if (!err && n > max)
		err = -E2BIG;
	fclose(f);
	if (err) {
		free(p);
		return err;
	}
	p[n] = 0;
	*out = p;
	*len = n;
	return 0;
}

int tool_sha256_file(const char *path, uint8_t out[32])
{
	br_sha256_context h;
	uint8_t buf[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	int err = 0;

	if (!f)
		return -ENOENT;
	br_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		br_sha256_update(&h, buf, n);
	if (ferror(f))
		err = -EIO;
	fclose(f);
	br_sha256_out(&h, out);
	return err;
}
