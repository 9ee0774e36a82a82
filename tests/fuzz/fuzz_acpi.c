/* libFuzzer harness over lib/acpi.c: the input is a fake physical memory
 * (the RSDP at address 16, the first 16 bytes are a table signature to look
 * for); the reader refuses anything outside it. Properties besides memory
 * safety (ASan, UBSan): a walk that succeeds lists at most ACPI_XSDT_MAX
 * tables; a table read that succeeds returns the asked signature, a length
 * within the buffer and a zero checksum; a CCEL that parses is 56 bytes
 * whose LASA + LAML does not wrap. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/acpi.h"

struct img { const uint8_t *d; size_t n; };

static int rd(void *ctx, uint64_t pa, void *dst, size_t len)
{
	const struct img *m = ctx;

	if (pa >= m->n || len > m->n - pa)
		return -EFAULT;
	memcpy(dst, m->d + pa, len);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct acpi_xsdt x;
	static uint8_t buf[4096];
	struct img m = { data, size };
	struct acpi_ccel c;
	size_t len;
	uint8_t s = 0;

	if (size < 16)
		return 0;
	if (acpi_xsdt_read(rd, &m, 16, &x) != 0)
		return 0;
	if (x.count > ACPI_XSDT_MAX)
		abort();
	for (const char *sig = "CCEL"; sig; sig = NULL) {
		if (acpi_table_read(rd, &m, &x, sig, buf, sizeof(buf), &len) != 0)
			continue;
		if (len < 36 || len > sizeof(buf) || memcmp(buf, sig, 4) != 0)
			abort();
		for (size_t i = 0; i < len; i++)
			s = (uint8_t)(s + buf[i]);
		if (s != 0)
			abort();
		if (acpi_ccel_parse(buf, len, &c) == 0 &&
		    (len != ACPI_CCEL_LEN || c.laml == 0 || c.lasa + c.laml < c.lasa))
			abort();
	}
	/* Also a table named by the input's first four bytes. */
	if (acpi_table_read(rd, &m, &x, (const char *)data, buf, sizeof(buf), &len) == 0 &&
	    (len < 36 || memcmp(buf, data, 4) != 0))
		abort();
	return 0;
}
