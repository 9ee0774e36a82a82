/* Frama-C EVA entry point for the SNP certificate table (lib/snp/certtable.c,
 * certtable_find.c): snp_certtable_check and snp_certtable_find over a
 * table of unknown bytes of every length from 0 to CT_MAX (room for a few entries and certificate
 * bytes) with an unknown GUID, a NULL table, and snp_guid_parse over a GUID
 * string of unknown characters. The table sits at the start of tbl: EVA
 * shows every read stays inside tbl; that reads stay below len is the
 * walker's `off > len - blen` style checks, which EVA follows with its
 * octagon domain (scripts/prove). That a found certificate (der, der_len)
 * lies inside the table is a relation between three values, beyond EVA's
 * domains: it is left to WP (docs/PROOFS.md). Run by scripts/prove; not
 * compiled by make. */
#include "__fc_builtin.h"
#include "futeet/snp_abi.h"
#include "lib/snp/certtable_find.h"

#define CT_MAX (6 * sizeof(struct snp_cert_entry) + 64)

static uint8_t tbl[CT_MAX];
static uint8_t guid[16];
static char str[40];

int main(void)
{
	const uint8_t *der = NULL;
	size_t der_len = 0, used;
	size_t len = Frama_C_size_t_interval(0, sizeof(tbl));
	uint8_t parsed[16];

	Frama_C_make_unknown((char *)tbl, sizeof(tbl));
	Frama_C_make_unknown((char *)guid, sizeof(guid));
	(void)snp_certtable_check(tbl, len, &used);
	(void)snp_certtable_find(tbl, len, guid, &der, &der_len);
	(void)snp_certtable_find(NULL, len, guid, &der, &der_len);

	Frama_C_make_unknown(str, sizeof(str) - 1);
	str[sizeof(str) - 1] = '\0';
	(void)snp_guid_parse(str, parsed);
	(void)snp_guid_parse(SNP_GUID_VCEK, parsed);
	return 0;
}
