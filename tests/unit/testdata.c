/* tests/unit/testdata.h */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "tests/unit/testdata.h"

uint8_t *testdata_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	long n;

	*len = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		p = malloc((size_t)n + 1);
		if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
			free(p);
			p = NULL;
		}
		if (p) {
			p[n] = 0;
			*len = (size_t)n;
		}
	}
	fclose(f);
	return p;
}

uint8_t *testdata_load(const char *rel, size_t *len)
{
	char path[512];
	const char *d = getenv("FUTEET_TESTDATA");

	snprintf(path, sizeof(path), "%s/%s", d ? d : "tests/data", rel);
	return testdata_read(path, len);
}

uint8_t *testdata_need(const char *rel, size_t *len)
{
	uint8_t *p = testdata_load(rel, len);

	if (!p)
		fail_msg("cannot read test data %s (FUTEET_TESTDATA, default tests/data)", rel);
	return p;
}
