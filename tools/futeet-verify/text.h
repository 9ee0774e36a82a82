/* futeet-verify --format text: the appraisal as a short report for a person
 * (the verdict, then one line per fact a relying party checks, then the
 * reasons), in the spirit of `snpguest display report` and go-sev-guest's
 * `show`. The JSON EAR stays the format for machines. */
#ifndef FUTEET_TOOLS_VERIFY_TEXT_H
#define FUTEET_TOOLS_VERIFY_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/verify/appraise.h"

struct text_meta {
	const uint8_t *nonce;     /* the expected nonce given, or NULL */
	size_t nonce_len;
	int64_t now;              /* the time certificates were checked at */
};

/* Write the summary to f. 0, or -EIO when f fails. */
int verify_text_write(FILE *f, const struct appraise_result *r, const struct text_meta *m);

#endif
