/* The sim's certificates are written with lib/der.c's DER writer (der_w_*);
 * these add what only the sim needs: minimal INTEGERs (X.690 8.3), NULL,
 * and the X.509 pieces its AMD and Intel chains share (RFC 5280). */
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
/* BIT STRING of whole bytes (0 unused bits: keys, signatures). */
void derw_bits(struct der_w *d, const uint8_t *p, size_t n);
/* RelativeDistinguishedName SET { SEQUENCE { 2.5.4.attr, str_tag v } }
 * (RFC 5280 4.1.2.4; X.520 attribute types). */
void derw_rdn(struct der_w *d, uint8_t attr, uint8_t str_tag, const char *v);
/* Extension SEQUENCE { extnID, critical TRUE when set, OCTET STRING val }
 * (RFC 5280 4.1.2.9); and the standard ones of RFC 5280 4.2.1: key usage and
 * basic constraints (critical, val their DER) and the key identifiers. */
void derw_ext(struct der_w *d, const uint8_t *oid, size_t oid_len, int critical,
	      const uint8_t *val, size_t val_len);
void derw_ext_ku(struct der_w *d, const uint8_t *val, size_t val_len);
void derw_ext_bc(struct der_w *d, const uint8_t *val, size_t val_len);
void derw_ext_ski(struct der_w *d, const uint8_t id[20]);
void derw_ext_aki(struct der_w *d, const uint8_t id[20]);
/* SubjectPublicKeyInfo of an EC key (RFC 5280 4.1.2.7; RFC 5480 2.1.1:
 * id-ecPublicKey with the named curve's OID as its parameters, and the
 * SEC 1 2.3.3 uncompressed point q as the subjectPublicKey). */
void derw_spki_ec(struct der_w *d, const uint8_t *curve_oid, size_t curve_oid_len,
		  const uint8_t *q, size_t q_len);

#endif
