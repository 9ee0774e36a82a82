/* Frama-C EVA entry point for snp_report_parse (lib/snp/report.c): unknown
 * bytes of every length from 0 to SNP_REPORT_SIZE + 64, and a NULL buffer.
 * The input is placed twice: at the start of buf (a read before it leaves
 * buf) and at its end (a read past len leaves buf). len is split into its
 * values (Frama_C_interval_split, kept apart by -eva-slevel in
 * scripts/prove) so that buf + sizeof(buf) - len is exact. Run by
 * scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "futeet/snp_abi.h"
#include "lib/snp/report.h"

static uint8_t buf[SNP_REPORT_SIZE + 64];

int main(void)
{
	struct snp_report_info info;
	size_t len = (size_t)Frama_C_interval_split(0, (int)sizeof(buf));

	Frama_C_make_unknown((char *)buf, sizeof(buf));
	(void)snp_report_parse(buf, len, &info);
	(void)snp_report_parse(buf + sizeof(buf) - len, len, &info);
	(void)snp_report_parse(NULL, len, &info);
	return 0;
}
