/* The local capability descriptor (DESIGN.md section 4): the platform's
 * row of the static table (lib/caps.c), then the runtime values:
 *   - from one vendor report with zero REPORT_DATA, made once, on the
 *     first futeet_caps or futeet_attest (tee_ops.runtime): debug,
 *     migration, VMPL, TCB, each hardware-attested (a verifier compares
 *     them with the evidence's own signed report). On SNP that report is
 *     one guest message through the host, once per boot; every claims set
 *     then carries the same values, whatever the program called before;
 *   - secure memory = the RAM the kernel manages (guest-asserted);
 *   - runtime measurement: hardware registers or kernel software registers.
 * Static values are verifier-derived where the platform attests (a verifier
 * learns the kind from the root of trust), guest-asserted where it does not.
 * Also the normalized claims (FORMATS.md section 1, -75003) from the same
 * report: names of the claim-mapping table, values as the guest saw them. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "lib/caps.h"
#include "lib/cbor.h"
#include "tee/core/tee.h"
#include "uapi/futeet/seal.h"

static struct tee_runtime rt;
static bool rt_tried, rt_ok;

/* The backend's runtime values, asked for once per boot (a failed request
 * is not repeated: on SNP it may have cost the message key). */
static const struct tee_runtime *runtime(void)
{
	const struct tee_ops *ops = tee_active();

	if (!rt_tried) {
		rt_tried = true;
		memset(&rt, 0, sizeof(rt));
		if (ops != NULL && ops->runtime != NULL && ops->runtime(&rt) == 0)
			rt_ok = true;
		else if (ops != NULL)
			kprintf("futeet: caps: no report to read debug, VMPL and TCB from: left out\n");
	}
	return rt_ok ? &rt : NULL;
}

static void set(struct futeet_cap *f, uint64_t v, uint32_t prov)
{
	f->value = v;
	f->prov = prov;
}

int tee_caps(struct futeet_caps *c)
{
	const struct tee_ops *ops = tee_active();
	uint32_t kind = tee_platform(), prov = ops != NULL ? FUTEET_PROV_VERIFIER : FUTEET_PROV_GUEST;
	const struct tee_runtime *r;
	int rc;

	rc = caps_from_table(kind, prov, c);
	if (rc)
		return rc;
	if (ops == NULL) {
		/* A TEE without a running backend (no driver, injected values):
		 * nothing the table promises is available to a program. */
		set(&c->local_attestation, FUTEET_LEVEL_NONE, FUTEET_PROV_GUEST);
		set(&c->remote_attestation, FUTEET_LEVEL_NONE, FUTEET_PROV_GUEST);
		set(&c->sealing, FUTEET_SEALING_NONE, FUTEET_PROV_GUEST);
		set(&c->rtm, FUTEET_RTM_NONE, FUTEET_PROV_GUEST);
		set(&c->rtm_count, 0, FUTEET_PROV_GUEST);
		c->rtm_alg.prov = FUTEET_PROV_ABSENT;
		return 0;
	}
	set(&c->secure_memory, pmm_ram_bytes(), FUTEET_PROV_GUEST);
	set(&c->rtm, tee_rtm_source(), prov);
	/* What a MEASUREMENT-bound sealing key covers: the kernel's own
	 * knowledge (on the sim, the sim's word; on hardware "firmware",
	 * docs/CAVEATS.md), so guest-asserted. */
	if (ops->derive_key == NULL || tee_seal_binding() == FUTEET_SEAL_BIND_NONE)
		set(&c->sealing, FUTEET_SEALING_NONE, prov);
	else
		set(&c->sealing, tee_seal_binding() == FUTEET_SEAL_BIND_KERNEL ?
		    FUTEET_SEALING_TEE_KEY_KERNEL : FUTEET_SEALING_TEE_KEY_FIRMWARE,
		    FUTEET_PROV_GUEST);
	r = runtime();
	if (r == NULL)
		return 0;
	set(&c->debug, r->debug, FUTEET_PROV_HW);
	set(&c->migration, r->migratable, FUTEET_PROV_HW);
	if (r->has_vmpl)
		set(&c->privilege_level, r->vmpl, FUTEET_PROV_HW);
	if (r->tcb_len && r->tcb_len <= sizeof(c->tcb_raw)) {
		memcpy(c->tcb_raw, r->tcb, r->tcb_len);
		c->tcb_len = (uint32_t)r->tcb_len;
		c->tcb.prov = FUTEET_PROV_HW;
	}
	return 0;
}

/* Whether the launch measurement covers this kernel, as far as the guest
 * can know (docs/MEASURE.md), from the same source as what a sealing key
 * bound to it covers (tee_ops.seal_bind), so the claims and the sealed
 * blob's bind byte never disagree:
 *   TDX: "no" (MRTD covers TDVF's sections only; the kernel is in RTMR1,
 *        measured by a TDVF with TCG measurement, and in RTMR2 by itself);
 *   SEV-SNP hardware: "firmware-dependent": only a firmware that checked
 *        QEMU's kernel hashes (an AmdSev build) binds it, and the guest
 *        cannot see which firmware it has (seal_bind is FIRMWARE: sealing
 *        never claims more); a verifier decides with a firmware reference;
 *   sim-snp: the sim plays the firmware and says whether MEASUREMENT
 *        covers the kernel hashes (--amdsev-standin): "yes" or "no", its
 *        word, as it is for the sealing key. */
static const char *kernel_in_launch(const struct tee_ops *ops)
{
	switch (ops->platform) {
	case FUTEET_PLATFORM_TDX:
	case FUTEET_PLATFORM_SIM_TDX:
		return "no";
	case FUTEET_PLATFORM_SIM_SNP:
		return ops->seal_bind == FUTEET_SEAL_BIND_KERNEL ? "yes" : "no";
	default:
		return "firmware-dependent";
	}
}

/* Text keys in RFC 8949 4.2.1 order: shorter first, then bytewise. */
int tee_normalized_claims(uint8_t *buf, size_t cap, size_t *len)
{
	const struct tee_ops *ops = tee_active();
	const struct tee_runtime *r = runtime();
	struct cbor_enc e;

	if (ops == NULL)
		return -EOPNOTSUPP;
	cbor_enc_init(&e, buf, cap);
	cbor_put_map(&e, (r == NULL ? 1 : r->has_vmpl ? 7 : 6) + 1);
	cbor_put_tstr_z(&e, "tee");
	cbor_put_tstr_z(&e, ops->tee_kind);
	if (r != NULL) {
		cbor_put_tstr_z(&e, "debug");
		cbor_put_bool(&e, r->debug);
		cbor_put_tstr_z(&e, "init_data");
		cbor_put_bstr(&e, r->init_data, r->init_data_len);
		cbor_put_tstr_z(&e, "migratable");
		cbor_put_bool(&e, r->migratable);
		cbor_put_tstr_z(&e, "platform_tcb");
		cbor_put_bstr(&e, r->tcb, r->tcb_len);
		if (r->has_vmpl) {
			cbor_put_tstr_z(&e, "privilege_level");
			cbor_put_uint(&e, r->vmpl);
		}
		cbor_put_tstr_z(&e, "launch_measurement");
		cbor_put_bstr(&e, r->launch_measurement, sizeof(r->launch_measurement));
	}
	cbor_put_tstr_z(&e, "kernel_in_launch_measurement");
	cbor_put_tstr_z(&e, kernel_in_launch(ops));
	return cbor_enc_finish(&e, len);
}
