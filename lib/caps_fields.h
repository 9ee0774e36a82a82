/* lib/caps.c and lib/caps_decode.c: the descriptor's fields with a uniform
 * [value, provenance] shape (keys 4..22), in key order, as data. */
#ifndef FUTEET_LIB_CAPS_FIELDS_H
#define FUTEET_LIB_CAPS_FIELDS_H

#include <stddef.h>
#include <stdint.h>

enum caps_vtype { CAPS_V_UINT, CAPS_V_BOOL, CAPS_V_TEXT, CAPS_V_MEM };

struct caps_field {
	uint8_t key;                /* CAPS_KEY_* */
	uint8_t type;               /* enum caps_vtype */
	uint8_t nnames;             /* CAPS_V_TEXT: entries in names */
	size_t off;                 /* offsetof(struct futeet_caps, member) */
	const char *const *names;   /* CAPS_V_TEXT: value -> text */
};

extern const struct caps_field caps_fields[];
extern const size_t caps_nfields;

/* The text of value v of a CAPS_V_TEXT field, NULL if out of range. */
static inline const char *caps_field_name(const struct caps_field *f, uint64_t v)
{
	return v < f->nnames ? f->names[v] : NULL;
}

#endif
