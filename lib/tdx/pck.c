/* Intel SGX PCK certificate extensions (OID 1.2.840.113741.1.13.1), as
 * carried by every PCK certificate that certifies a TDX quoting enclave.
 * Spec: "Intel SGX PCK Certificate and Certificate Revocation List Profile
 * Specification" (cited "Intel PCK profile"), section 1.3.5 "Intel SGX PCK
 * Certificate Extensions" (the table of OIDs below).
 *
 *   SGX Extensions ::= SEQUENCE OF SEQUENCE { OID, value }
 *     .1 PPID                  OCTET STRING (16)
 *     .2 TCB                   SEQUENCE OF SEQUENCE { OID .2.n, value }
 *          .2.1 .. .2.16       INTEGER  SGX TCB component SVNs
 *          .2.17               INTEGER  PCESVN
 *          .2.18               OCTET STRING (16) CPUSVN
 *     .3 PCE-ID                OCTET STRING (2)
 *     .4 FMSPC                 OCTET STRING (6)
 *     .5 SGX Type              ENUMERATED (0 Standard, 1 Scalable, 2 Scalable+)
 *     .6 PlatformInstanceID    OCTET STRING (16)   (Platform CA certs only)
 *     .7 Configuration         SEQUENCE OF SEQUENCE { OID .7.n, BOOLEAN }
 *          .7.1 dynamicPlatform, .7.2 cachedKeys, .7.3 SMTEnabled
 * Bounded reader over lib/der: two nesting levels, no recursion. */
#include "lib/tdx/verify.h"
#include "lib/der.h"
#include "futeet/errno.h"
#include <string.h>

#define DER_ENUMERATED 0x0Au

/* 1.2.840.113741.1.13.1 (Intel PCK profile 1.3.5). */
static const uint8_t oid_sgx_ext[] = { 0x2A, 0x86, 0x48, 0x86, 0xF8, 0x4D, 0x01, 0x0D, 0x01 };
#define SGX_OID_LEN sizeof(oid_sgx_ext)

/* Sub-OID n of the SGX arc (.n) or of .2 / .7 (.p.n): the arc's bytes
 * followed by the given arcs (each < 128, so one byte). */
static bool sub_oid(const struct der_tlv *t, const uint8_t *arcs, size_t n)
{
	if (t->tag != DER_OID || t->len != SGX_OID_LEN + n)
		return false;
	return memcmp(t->val, oid_sgx_ext, SGX_OID_LEN) == 0 &&
	       memcmp(t->val + SGX_OID_LEN, arcs, n) == 0;
}

static int octets(const struct der_tlv *v, uint8_t *out, size_t n)
{
	if (v->tag != DER_OCTET_STRING || v->len != n)
		return -EBADMSG;
	memcpy(out, v->val, n);
	return 0;
}

static int small_uint(const struct der_tlv *v, uint8_t tag, uint64_t max, uint64_t *out)
{
	struct der_tlv t = *v;

	if (v->tag != tag)
		return -EBADMSG;
	t.tag = DER_INTEGER; /* ENUMERATED shares INTEGER's encoding (X.690 8.4) */
	if (der_uint64(&t, out) || *out > max)
		return -EBADMSG;
	return 0;
}

/* .2: the TCB. Every component must appear exactly once. */
static int parse_tcb(const struct der_tlv *seq, struct tdx_pck_ext *o)
{
	struct der d, e;
	struct der_tlv item, oid, val;
	uint32_t seen = 0;
	uint64_t v;
	unsigned i, guard;

	if (seq->tag != DER_SEQUENCE)
		return -EBADMSG;
	der_enter(seq, &d);
	for (guard = 0; !der_empty(&d); guard++) {
		if (guard >= 32 || der_expect(&d, DER_SEQUENCE, &item))
			return -EBADMSG;
		der_enter(&item, &e);
		if (der_expect(&e, DER_OID, &oid) || der_read(&e, &val) || !der_empty(&e))
			return -EBADMSG;
		for (i = 1; i <= 18; i++) {
			uint8_t arcs[2] = { 2, (uint8_t)i };
			if (sub_oid(&oid, arcs, 2))
				break;
		}
		if (i > 18)
			continue; /* an unknown TCB member: ignored, as Intel's QVL does */
		if (seen & (1u << i))
			return -EBADMSG;
		seen |= 1u << i;
		if (i <= 16) {
			if (small_uint(&val, DER_INTEGER, 255, &v))
				return -EBADMSG;
			o->sgx_tcb_comp[i - 1] = (uint8_t)v;
		} else if (i == 17) {
			if (small_uint(&val, DER_INTEGER, 65535, &v))
				return -EBADMSG;
			o->pcesvn = (uint16_t)v;
		} else if (octets(&val, o->cpusvn, 16)) {
			return -EBADMSG;
		}
	}
	return seen == 0x7FFFEu ? 0 : -EBADMSG; /* bits 1..18 */
}

/* .7: the platform configuration booleans. */
static int parse_config(const struct der_tlv *seq, struct tdx_pck_ext *o)
{
	struct der d, e;
	struct der_tlv item, oid, val;
	unsigned guard;
	bool b;

	if (seq->tag != DER_SEQUENCE)
		return -EBADMSG;
	der_enter(seq, &d);
	for (guard = 0; !der_empty(&d); guard++) {
		if (guard >= 8 || der_expect(&d, DER_SEQUENCE, &item))
			return -EBADMSG;
		der_enter(&item, &e);
		if (der_expect(&e, DER_OID, &oid) || der_read(&e, &val) || !der_empty(&e))
			return -EBADMSG;
		if (der_bool(&val, &b))
			return -EBADMSG;
		if (sub_oid(&oid, (const uint8_t[]){ 7, 1 }, 2)) {
			o->has_dynamic_platform = true;
			o->dynamic_platform = b;
		} else if (sub_oid(&oid, (const uint8_t[]){ 7, 2 }, 2)) {
			o->has_cached_keys = true;
			o->cached_keys = b;
		} else if (sub_oid(&oid, (const uint8_t[]){ 7, 3 }, 2)) {
			o->has_smt_enabled = true;
			o->smt_enabled = b;
		}
	}
	return 0;
}

int tdx_pck_ext_parse(const uint8_t *ext, size_t len, struct tdx_pck_ext *o)
{
	struct der top, d, e;
	struct der_tlv seq, item, oid, val;
	uint32_t seen = 0;
	uint64_t v;
	unsigned i, guard;
	int rc;

	memset(o, 0, sizeof(*o));
	der_init(&top, ext, len);
	if (der_expect(&top, DER_SEQUENCE, &seq) || !der_empty(&top))
		return -EBADMSG;
	der_enter(&seq, &d);
	for (guard = 0; !der_empty(&d); guard++) {
		if (guard >= 16 || der_expect(&d, DER_SEQUENCE, &item))
			return -EBADMSG;
		der_enter(&item, &e);
		if (der_expect(&e, DER_OID, &oid) || der_read(&e, &val) || !der_empty(&e))
			return -EBADMSG;
		for (i = 1; i <= 7; i++) {
			uint8_t arc = (uint8_t)i;
			if (sub_oid(&oid, &arc, 1))
				break;
		}
		if (i > 7)
			continue;
		if (seen & (1u << i))
			return -EBADMSG;
		seen |= 1u << i;
		switch (i) {
		case 1: rc = octets(&val, o->ppid, 16); break;
		case 2: rc = parse_tcb(&val, o); break;
		case 3: rc = octets(&val, o->pceid, 2); break;
		case 4: rc = octets(&val, o->fmspc, 6); break;
		case 5:
			rc = small_uint(&val, DER_ENUMERATED, 255, &v);
			o->sgx_type = (uint8_t)v;
			break;
		case 6:
			rc = octets(&val, o->platform_instance_id, 16);
			o->has_platform_instance_id = rc == 0;
			break;
		default: rc = parse_config(&val, o); break;
		}
		if (rc)
			return -EBADMSG;
	}
	/* PPID, TCB, PCE-ID, FMSPC and SGX Type are mandatory. */
	if ((seen & 0x3Eu) != 0x3Eu)
		return -EBADMSG;
	return 0;
}

int tdx_pck_ext_from_cert(const struct x509_cert *pck, struct tdx_pck_ext *o)
{
	const uint8_t *v;
	size_t n;

	memset(o, 0, sizeof(*o));
	if (x509_find_extension(pck, oid_sgx_ext, sizeof(oid_sgx_ext), &v, &n, NULL))
		return -ENOENT;
	return tdx_pck_ext_parse(v, n, o);
}
