/* Frama-C EVA entry point for snp_certtable_find and snp_guid_parse
 * (lib/snp/certtable.c): a certificate table of unknown bytes of every
 * length from 0 to CT_MAX (room for a few entries and certificate bytes),
 * an unknown GUID, and a GUID string of unknown characters. The table is
 * placed at the start of tbl (a read before it leaves tbl) and at its end
 * (a read past len leaves tbl); len is split into its values
 * (Frama_C_interval_split, kept apart by -eva-slevel in scripts/prove).
 * Run by scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "futeet/snp_abi.h"
#include "lib/snp/certtable.h"

#define CT_MAX (6 * sizeof(struct snp_cert_entry) + 64)

static uint8_t tbl[CT_MAX];
static uint8_t guid[16];
static char str[40];

int main(void)
{
	const uint8_t *der = NULL;
	size_t der_len = 0;
	size_t len = (size_t)Frama_C_interval_split(0, (int)sizeof(tbl));
	uint8_t parsed[16];

	Frama_C_make_unknown((char *)tbl, sizeof(tbl));
	Frama_C_make_unknown((char *)guid, sizeof(guid));
	/* That a found certificate (der, der_len) lies inside the table is a
	 * relation between three values, beyond EVA's non-relational domains:
	 * it is left to WP (docs/CAVEATS.md). */
	(void)snp_certtable_find(tbl, len, guid, &der, &der_len);
	(void)snp_certtable_find(tbl + sizeof(tbl) - len, len, guid, &der, &der_len);
	(void)snp_certtable_find(NULL, len, guid, &der, &der_len);

	Frama_C_make_unknown(str, sizeof(str) - 1);
	str[sizeof(str) - 1] = '\0';
	(void)snp_guid_parse(str, parsed);
	(void)snp_guid_parse(SNP_GUID_VCEK, parsed);
	return 0;
}
