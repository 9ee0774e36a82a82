/* libFuzzer: the policy parser (lib/verify/policy over lib/json) and the
 * RFC 3339 parser on hostile text; the JSON skipper must agree with itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"
#include "lib/verify/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct policy p;
	struct json_dec d;
	char why[160];
	int64_t t;
	int r;

	policy_default(&p);
	why[0] = 1;
	r = policy_parse((const char *)data, size, &p, why, sizeof(why));
	if (!memchr(why, 0, sizeof(why)))
		abort();
	if (r == 0 && (p.n_measurements > POLICY_MAX_MEASUREMENTS ||
		       p.n_host_data > POLICY_MAX_HOST_DATA ||
		       p.n_required_caps > POLICY_MAX_CAPS || p.n_products > POLICY_MAX_PRODUCTS))
		abort();
	json_dec_init(&d, (const char *)data, size);
	if (json_skip(&d) == 0 && d.pos > size)
		abort();
	(void)policy_parse_time((const char *)data, size, &t);
	return 0;
}
