/* Frama-C EVA entry point for the appraisal's look-ups in decoded claims
 * (lib/verify/appraise.c, over lib/cbor.c): normalized_text, which finds
 * a key's text value in the claims' normalized map and copies it out, on
 * unknown bytes of every length 0..CLAIMS_MAX into an output of every
 * capacity 0..OUT_CAP, and on NULL; vendor_for, the evidence provider's
 * name looked up among the vendors, on unknown characters of every length
 * 0..NAME_MAX. Both are static: the source file is included, so the
 * analysed code is the code that is built. The input sits at the start of
 * its buffer: EVA shows every read stays inside it; that reads stay below
 * len is the decoder's index checks. Run by scripts/prove; not compiled by
 * make. */
#include "__fc_builtin.h"
#include "lib/verify/appraise.c"

#define CLAIMS_MAX 48u
#define OUT_CAP 24u
#define NAME_MAX 32u

static uint8_t claims[CLAIMS_MAX];
static char text[OUT_CAP];
static char name[NAME_MAX];

int main(void)
{
	size_t len = Frama_C_size_t_interval(0, sizeof(claims));
	size_t cap = Frama_C_size_t_interval(0, sizeof(text));

	Frama_C_make_unknown((char *)claims, sizeof(claims));
	normalized_text(claims, len, "kernel_in_launch_measurement", text, cap);
	normalized_text(NULL, len, "kernel_in_launch_measurement", text, cap);

	Frama_C_make_unknown(name, sizeof(name));
	(void)vendor_for(name, Frama_C_size_t_interval(0, sizeof(name)));
	return 0;
}
