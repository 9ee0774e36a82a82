/* The capability descriptor's strict decoder (caps.h, docs/FORMATS.md
 * section 5). The verifier (host tools, ring 3), tests and the fuzzer: the kernel writes
 * descriptors, it never reads one. Bounded: at most CAPS_DECODE_MAX_PAIRS
 * pairs, no recursion (unknown values are skipped with cbor_skip). */
#include <stddef.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/caps_decode.h"
#include "lib/caps_fields.h"
#include "lib/cbor_get.h"

#define CAPS_DECODE_MAX_PAIRS 64u
#define CAPS_NAME_MAX 15u
#define CAPS_VALUE_NAME_MAX 31u /* longest: "kernel-software-register", 24 */

/* Strings are read as spans of the decoder's buffer (lib/cbor.h): every
 * read is an index checked against the span's end and the buffer's
 * length, which Frama-C's EVA follows (docs/PROOFS.md, target caps). */

/* The bytes of span sp into out[0 .. n), n = its length, at most cap. */
static int span_copy(const struct cbor_dec *d, struct cbor_span sp, uint8_t *out, size_t cap,
		     size_t *n)
{
	*n = 0;
	if (sp.off > sp.end || sp.end > d->len || sp.end - sp.off > cap)
		return -EBADMSG;
	for (size_t k = 0; k < cap; k++) {
		size_t i = sp.off + k;

		if (i >= sp.end)
			break;
		out[k] = d->buf[i];
	}
	*n = sp.end - sp.off;
	return 0;
}

/* The index of the text span among the field's names: the span copied
 * into a NUL-terminated buffer, then compared with each name (a value
 * longer than any name is no name). */
static int text_value(const struct cbor_dec *d, const struct caps_field *f, struct cbor_span sp,
		      uint64_t *v)
{
	char t[CAPS_VALUE_NAME_MAX + 1] = { 0 };
	size_t n;

	if (span_copy(d, sp, (uint8_t *)t, CAPS_VALUE_NAME_MAX, &n))
		return -EBADMSG;
	for (uint8_t i = 0; i < f->nnames; i++) {
		if (strlen(f->names[i]) == n && strcmp(t, f->names[i]) == 0) {
			*v = i;
			return 0;
		}
	}
	return -EBADMSG;
}

/* A name of 1..CAPS_NAME_MAX printable ASCII characters into out, NUL
 * terminated (out is zero before: caps_decode clears c). */
static int get_name(struct cbor_dec *d, char out[CAPS_NAME_MAX + 1])
{
	struct cbor_span sp;
	size_t n;

	if (cbor_get_tstr_span(d, &sp) ||
	    span_copy(d, sp, (uint8_t *)out, CAPS_NAME_MAX, &n) || n == 0)
		return -EBADMSG;
	for (size_t i = 0; i < n && i < CAPS_NAME_MAX; i++)
		if (out[i] < 0x20 || out[i] > 0x7e)
			return -EBADMSG;
	out[n] = 0;
	return 0;
}

static int get_prov(struct cbor_dec *d, uint32_t *prov)
{
	uint64_t p;

	*prov = 0;
	if (cbor_get_uint(d, &p) || p < FUTEET_PROV_HW || p > FUTEET_PROV_GUEST)
		return -EBADMSG;
	*prov = (uint32_t)p;
	return 0;
}

static int decode_field(struct cbor_dec *d, const struct caps_field *f, struct futeet_cap *v)
{
	struct cbor_span sp;
	uint8_t major;
	bool b;

	switch (f->type) {
	case CAPS_V_BOOL:
		if (cbor_get_bool(d, &b))
			return -EBADMSG;
		v->value = b;
		break;
	case CAPS_V_TEXT:
		if (cbor_get_tstr_span(d, &sp) || text_value(d, f, sp, &v->value))
			return -EBADMSG;
		break;
	case CAPS_V_MEM:
		if (cbor_peek_major(d, &major))
			return -EBADMSG;
		if (major == CBOR_MAJOR_TSTR) {
			if (cbor_get_tstr_span(d, &sp) || !cbor_span_eq(d, sp, "all-dram"))
				return -EBADMSG;
			v->value = FUTEET_SECURE_MEMORY_ALL;
		} else if (cbor_get_uint(d, &v->value) || v->value == FUTEET_SECURE_MEMORY_ALL) {
			return -EBADMSG;
		}
		break;
	default:
		if (cbor_get_uint(d, &v->value))
			return -EBADMSG;
		break;
	}
	return get_prov(d, &v->prov);
}

static uint32_t kind_of(const char *tee)
{
	size_t n;
	const struct caps_row *rows = caps_rows(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].tee, tee) == 0)
			return rows[i].kind;
	return CAPS_KIND_UNKNOWN;
}

int caps_decode(const uint8_t *buf, size_t len, struct futeet_caps *c, uint32_t *unknown)
{
	struct cbor_dec d;
	uint64_t pairs, key, prev = 0, ver, n;
	uint32_t names_prov = 0, skipped = 0;
	bool names[3] = { false, false, false };

	if (buf == NULL || c == NULL)
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	cbor_dec_init(&d, buf, len);
	if (cbor_get_map(&d, &pairs) || pairs == 0 || pairs > CAPS_DECODE_MAX_PAIRS)
		return -EBADMSG;
	if (cbor_get_uint(&d, &key) || key != CAPS_KEY_VERSION || cbor_get_uint(&d, &ver) ||
	    ver != FUTEET_CAPS_VERSION)
		return -EBADMSG;
	c->version = FUTEET_CAPS_VERSION;
	c->kind = CAPS_KIND_UNKNOWN;
	for (uint64_t i = 1; i < pairs; i++) {
		if (cbor_get_uint(&d, &key) || key <= prev)
			return -EBADMSG; /* not canonical order, or a key twice */
		prev = key;
		if (key > CAPS_KEY_MAX_KNOWN) {
			if (cbor_skip(&d))
				return -EBADMSG;
			skipped++;
			continue;
		}
		if (key == CAPS_KEY_NOTE) {
			struct cbor_span note;
			if (cbor_get_tstr_span(&d, &note))
				return -EBADMSG;
			continue;
		}
		if (cbor_get_array(&d, &n) || n != 2)
			return -EBADMSG;
		if (key >= CAPS_KEY_TEE && key <= CAPS_KEY_ARCH) {
			char *dst = key == CAPS_KEY_TEE ? c->tee :
				    key == CAPS_KEY_VENDOR ? c->vendor : c->arch;
			uint32_t p;
			if (get_name(&d, dst) || get_prov(&d, &p))
				return -EBADMSG;
			if (names_prov && p != names_prov)
				return -EBADMSG; /* one provenance for the TEE's identity */
			names_prov = p;
			names[key - CAPS_KEY_TEE] = true;
			continue;
		}
		if (key == CAPS_KEY_TCB) {
			struct cbor_span sp;
			size_t pl;
			if (cbor_get_bstr_span(&d, &sp) ||
			    span_copy(&d, sp, c->tcb_raw, sizeof(c->tcb_raw), &pl) || pl == 0 ||
			    get_prov(&d, &c->tcb.prov))
				return -EBADMSG;
			c->tcb_len = (uint32_t)pl;
			continue;
		}
		/* keys 4..22: exactly one field each */
		for (size_t j = 0; j < caps_nfields; j++) {
			if (caps_fields[j].key != key)
				continue;
			if (decode_field(&d, &caps_fields[j],
					 (struct futeet_cap *)((uint8_t *)c + caps_fields[j].off)))
				return -EBADMSG;
			break;
		}
	}
	if (!cbor_dec_done(&d))
		return -EBADMSG;
	if (names_prov) {
		if (!(names[0] && names[1] && names[2]))
			return -EBADMSG;
		c->kind = kind_of(c->tee);
	}
	c->tee_prov.prov = names_prov;
	if (unknown)
		*unknown = skipped;
	return 0;
}

/* docs/FORMATS.md section 5's comments, as identifiers (EAR member names). */
static const char *const key_names[CAPS_KEY_MAX_KNOWN + 1] = {
	"version", "tee", "vendor", "arch", "isolation", "confidentiality", "integrity",
	"freshness", "secure_memory", "local_attestation", "remote_attestation", "sealing",
	"runtime_measurement", "runtime_registers", "runtime_register_alg", "debug",
	"migration", "trusted_time", "counters", "evidence_alg", "report_data_size",
	"privilege_level", "host_known_keys", "tcb", "note",
};

const char *caps_key_name(unsigned key)
{
	return key <= CAPS_KEY_MAX_KNOWN ? key_names[key] : NULL;
}

static const char *const prov_names[] = { "absent", "hardware-attested", "verifier-derived",
					  "guest-asserted" };

const char *caps_prov_name(uint32_t p)
{
	return p < sizeof(prov_names) / sizeof(prov_names[0]) ? prov_names[p] : NULL;
}

const char *caps_value_name(unsigned key, uint64_t v)
{
	for (size_t i = 0; i < caps_nfields; i++)
		if (caps_fields[i].key == key)
			return caps_field_name(&caps_fields[i], v);
	return NULL;
}
