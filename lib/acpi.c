/* ACPI RSDP / XSDT / CCEL walker (lib/acpi.h). */
#include <stdbool.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/acpi.h"
#include "lib/bytes.h"

/* Header fields (ACPI 6.5 5.2.6). */
#define HDR_LENGTH    4u
#define HDR_REVISION  8u

/* RSDP fields (ACPI 6.5 5.2.5.3). */
#define RSDP_V1_LEN   20u
#define RSDP_REVISION 15u
#define RSDP_LENGTH   20u
#define RSDP_XSDT     24u

/* CCEL fields (ACPI 6.5 5.2.34). */
#define CCEL_TYPE     36u
#define CCEL_SUBTYPE  37u
#define CCEL_RESERVED 38u
#define CCEL_LAML     40u
#define CCEL_LASA     48u
#define CCEL_REVISION 1u

static uint8_t sum8(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	for (size_t i = 0; i < n; i++)
		s = (uint8_t)(s + p[i]);
	return s;
}

static void sig_copy(char out[5], const uint8_t *p)
{
	for (unsigned i = 0; i < 4; i++)
		out[i] = bytes_ascii(p[i]);
	out[4] = '\0';
}

int acpi_xsdt_read(acpi_read_fn rd, void *ctx, uint64_t rsdp_pa, struct acpi_xsdt *x)
{
	uint8_t rsdp[ACPI_RSDP_LEN];
	/* The whole XSDT: header + at most ACPI_XSDT_MAX addresses. */
	uint8_t xsdt[ACPI_HDR_LEN + 8 * ACPI_XSDT_MAX];
	uint64_t xsdt_pa;
	uint32_t len;

	memset(x, 0, sizeof(*x));
	if (rsdp_pa == 0 || rd(ctx, rsdp_pa, rsdp, sizeof(rsdp)))
		return -EFAULT;
	if (memcmp(rsdp, "RSD PTR ", 8) != 0 || sum8(rsdp, RSDP_V1_LEN) != 0 ||
	    rsdp[RSDP_REVISION] < 2 || bytes_le32(rsdp + RSDP_LENGTH) != ACPI_RSDP_LEN ||
	    sum8(rsdp, ACPI_RSDP_LEN) != 0)
		return -EBADMSG;
	xsdt_pa = bytes_le64(rsdp + RSDP_XSDT);
	if (xsdt_pa == 0 || rd(ctx, xsdt_pa, xsdt, ACPI_HDR_LEN))
		return -EFAULT;
	len = bytes_le32(xsdt + HDR_LENGTH);
	if (memcmp(xsdt, "XSDT", 4) != 0 || len < ACPI_HDR_LEN || (len - ACPI_HDR_LEN) % 8 != 0)
		return -EBADMSG;
	if (len > sizeof(xsdt))
		return -E2BIG;
	if (rd(ctx, xsdt_pa, xsdt, len))
		return -EFAULT;
	/* Read once: the length is checked again on the copy. */
	if (bytes_le32(xsdt + HDR_LENGTH) != len || sum8(xsdt, len) != 0)
		return -EBADMSG;
	x->count = (len - ACPI_HDR_LEN) / 8;
	for (uint32_t i = 0; i < x->count; i++) {
		uint8_t hdr[ACPI_HDR_LEN];

		x->addr[i] = bytes_le64(xsdt + ACPI_HDR_LEN + 8 * i);
		if (x->addr[i] != 0 && rd(ctx, x->addr[i], hdr, sizeof(hdr)) == 0)
			sig_copy(x->sig[i], hdr);
		else
			memcpy(x->sig[i], "????", 5);
	}
	return 0;
}

int acpi_table_read(acpi_read_fn rd, void *ctx, const struct acpi_xsdt *x, const char *sig,
		    uint8_t *buf, size_t cap, size_t *len)
{
	*len = 0;
	for (uint32_t i = 0; i < x->count && i < ACPI_XSDT_MAX; i++) {
		uint32_t n;

		if (memcmp(x->sig[i], sig, 4) != 0)
			continue;
		if (cap < ACPI_HDR_LEN || rd(ctx, x->addr[i], buf, ACPI_HDR_LEN))
			return cap < ACPI_HDR_LEN ? -ENOSPC : -EFAULT;
		n = bytes_le32(buf + HDR_LENGTH);
		if (memcmp(buf, sig, 4) != 0 || n < ACPI_HDR_LEN)
			return -EBADMSG;
		if (n > cap)
			return -ENOSPC;
		if (rd(ctx, x->addr[i], buf, n))
			return -EFAULT;
		if (memcmp(buf, sig, 4) != 0 || bytes_le32(buf + HDR_LENGTH) != n || sum8(buf, n) != 0)
			return -EBADMSG;
		*len = n;
		return 0;
	}
	return -ENOENT;
}

int acpi_ccel_parse(const uint8_t *t, size_t len, struct acpi_ccel *c)
{
	memset(c, 0, sizeof(*c));
	if (len != ACPI_CCEL_LEN || memcmp(t, "CCEL", 4) != 0 ||
	    bytes_le32(t + HDR_LENGTH) != ACPI_CCEL_LEN || t[HDR_REVISION] != CCEL_REVISION ||
	    bytes_le16(t + CCEL_RESERVED) != 0 || sum8(t, len) != 0)
		return -EBADMSG;
	c->cc_type = t[CCEL_TYPE];
	c->cc_subtype = t[CCEL_SUBTYPE];
	c->laml = bytes_le64(t + CCEL_LAML);
	c->lasa = bytes_le64(t + CCEL_LASA);
	if (c->laml == 0 || c->lasa == 0 || c->lasa + c->laml < c->lasa)
		return -EBADMSG;
	return 0;
}
