/* tdx-chain-check: lib/tdx's quote verification and collateral appraisal
 * with a caller's root (a test CA, honoured as an extra root), for
 * tests/real/tdx_revocation.sh. Prints one line:
 *   verify=<errno> coll=<errno> fail=<enum tdx_coll_fail> status=<name> why=<reason>
 *   usage: tdx-chain-check QUOTE COLLATERAL_JSON ROOT_DER UNIX_TIME */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tdx/collateral.h"

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) ||
	    !(p = malloc((size_t)n)) || fread(p, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "tdx-chain-check: cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

int main(int argc, char **argv)
{
	static struct tdx_verify_result res;
	static struct tdx_collateral coll;
	static struct tdx_tcb_eval ev;
	struct tdx_verify_input in;
	const uint8_t *roots[1];
	size_t lens[1], qlen, clen;
	uint8_t *q, *c;
	char why[200] = "";
	int rv, rc = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: tdx-chain-check QUOTE COLLATERAL_JSON ROOT_DER UNIX_TIME\n");
		return 2;
	}
	q = slurp(argv[1], &qlen);
	c = slurp(argv[2], &clen);
	roots[0] = slurp(argv[3], &lens[0]);
	memset(&in, 0, sizeof(in));
	in.quote = q;
	in.quote_len = qlen;
	in.now = strtoll(argv[4], NULL, 10);
	in.time_known = true;
	in.extra_roots = roots;
	in.extra_root_lens = lens;
	in.n_extra_roots = 1;
	in.allow_sim = true;
	rv = tdx_verify(&in, &res, why, sizeof(why));
	if (rv == 0) {
		rc = tdx_collateral_from_dcap_qvl((const char *)c, clen, &coll);
		if (rc == 0)
			rc = tdx_collateral_eval(&coll, &in, &res, &ev, why, sizeof(why));
		else
			snprintf(why, sizeof(why), "collateral does not parse");
	}
	printf("verify=%d coll=%d fail=%d status=%s why=%s\n", rv, rc, (int)ev.fail,
	       tdx_tcb_status_name(ev.status), why);
	return 0;
}
