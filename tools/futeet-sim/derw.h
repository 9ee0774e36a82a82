/* The sim's certificates are written with lib/der.c's DER writer (der_w_*);
 * these add what only the sim needs: minimal INTEGERs (X.690 8.3) and NULL. */
#ifndef FUTEET_SIM_DERW_H
#define FUTEET_SIM_DERW_H

#include <stddef.h>
#include <stdint.h>
#include "lib/der.h"

#define DER_ENUMERATED 0x0Au /* X.690 8.4 */

/* INTEGER from an unsigned big-endian magnitude (leading zeros stripped,
 * a 0x00 added when the top bit is set: X.690 8.3). */
void derw_uint_be(struct der_w *d, const uint8_t *be, size_t n);
void derw_uint(struct der_w *d, uint64_t v);
void derw_null(struct der_w *d);

#endif
