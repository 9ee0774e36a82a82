/* Frama-C EVA entry point for snp_report_parse (lib/snp/report.c): a buffer
 * of unknown bytes with an unknown length from 0 to SNP_REPORT_SIZE + 64,
 * and a NULL buffer. Run by scripts/prove; not compiled by make. */
#include "__fc_builtin.h"
#include "futeet/snp_abi.h"
#include "lib/snp/report.h"

static uint8_t buf[SNP_REPORT_SIZE + 64];

int main(void)
{
	struct snp_report_info info;
	size_t len = Frama_C_size_t_interval(0, sizeof(buf));

	Frama_C_make_unknown((char *)buf, sizeof(buf));
	(void)snp_report_parse(buf, len, &info);
	(void)snp_report_parse(NULL, len, &info);
	return 0;
}
