/* The capability descriptor's decoder and names (lib/caps_decode.c): the
 * verifier's and the tools' (host, ring 3), never the kernel's, which only
 * encodes its own descriptor (lib/caps.h). */
#ifndef FUTEET_LIB_CAPS_DECODE_H
#define FUTEET_LIB_CAPS_DECODE_H

#include "lib/caps.h"

/* caps_decode's kind when the TEE name is not in the table. */
#define CAPS_KIND_UNKNOWN 0xffffffffu

/* Strict decode of a descriptor (version 1): one map, uint keys in strictly
 * ascending order (so canonical and without duplicates), known values of
 * the right type and enum, provenance 1..3; unknown keys skipped. c->kind
 * is looked up by the TEE name (CAPS_KIND_UNKNOWN if not in the table).
 * *unknown counts them (may be NULL). 0 or -EBADMSG. */
FUTEET_MUST_CHECK int caps_decode(const uint8_t *buf, size_t len, struct futeet_caps *c,
				  uint32_t *unknown);

/* The name of key (CAPS_KEY_*: "debug", "privilege_level", ...), NULL
 * above CAPS_KEY_MAX_KNOWN. */
const char *caps_key_name(unsigned key);
/* Names for printing and for the CBOR text values. */
const char *caps_prov_name(uint32_t prov);       /* "hardware-attested", ... */
/* The CBOR text of a field's value (key CAPS_KEY_*), NULL if the key has
 * no text values or v is out of range. */
const char *caps_value_name(unsigned key, uint64_t v);

#endif
