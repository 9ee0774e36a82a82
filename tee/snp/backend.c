/* The SEV-SNP backend of struct tee_ops (DESIGN.md section 3): the same code
 * on hardware and on the sim, only the doorbell differs. Kernel-only (it
 * prints); the protocol itself is in guest_msg.c / snp.c. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/printk.h"
#include "futeet/snp_abi.h"
#include "futeet/time.h"
#include "lib/bytes.h"
#include "lib/snp/report.h"
#include "tee/core/tee.h"
#include "uapi/futeet/seal.h"
#include "tee/snp/guest_msg.h"
#include "tee/snp/snp.h"

/* VMPL the kernel runs at and asks reports for (no SVSM: VMPL0). */
#define SNP_GUEST_VMPL 0u

static struct snp_guest_ctx snp_ctx;
static uint8_t snp_certs[SNP_CERT_PAGES_MAX * SNP_PAGE_SIZE];

static void snp_backoff(uint64_t us)
{
	time_udelay(us);
}

static int snp_fail(int rc)
{
	if (rc == -EKEYREJECTED)
		kprintf("futeet: snp: %s\n", SNP_MSG_DISABLED_TEXT);
	else
		kprintf("futeet: snp: request failed: %s (%s)\n",
			snp_ctx.why ? snp_ctx.why : "invalid request", futeet_strerror(rc));
	return rc;
}

static int snp_tee_report(const uint8_t rd[TEE_REPORT_DATA_LEN], uint8_t *out, size_t cap,
			  size_t *len)
{
	int rc = snp_get_report(&snp_ctx, rd, SNP_GUEST_VMPL, out, cap, len);
	return rc ? snp_fail(rc) : 0;
}

static int snp_tee_evidence(const uint8_t rd[TEE_REPORT_DATA_LEN], uint8_t *out, size_t cap,
			    size_t *len, uint8_t *aux, size_t aux_cap, size_t *aux_len)
{
	size_t certs_len = 0;
	int rc;

	rc = snp_get_ext_report(&snp_ctx, rd, SNP_GUEST_VMPL, out, cap, len,
				snp_certs, sizeof(snp_certs), &certs_len);
	if (rc)
		return snp_fail(rc);
	if (certs_len > aux_cap) {
		kprintf("futeet: snp: certificate table of %zu bytes does not fit\n", certs_len);
		return -ENOSPC;
	}
	memcpy(aux, snp_certs, certs_len);
	*aux_len = certs_len;
	return 0;
}

/* The uapi's values are MSG_KEY_REQ's (SNP ABI 56860 7.2), so the request
 * passes through unchanged and is checked once, by snp_get_derived_key. */
_Static_assert(FUTEET_KEY_ROOT_VCEK == SNP_KEY_ROOT_VCEK &&
	       FUTEET_KEY_ROOT_VMRK == SNP_KEY_ROOT_VMRK, "uapi root_key = ROOT_KEY_SELECT");
_Static_assert(FUTEET_KEY_FIELDS_ALL == SNP_KEY_FIELD_ALL_V1 &&
	       FUTEET_KEY_FIELD_TCB_VERSION == SNP_KEY_FIELD_TCB_VERSION,
	       "uapi field_select = GUEST_FIELD_SELECT");
_Static_assert(FUTEET_KEY_LEN == SNP_DERIVED_KEY_LEN, "uapi key = DERIVED_KEY");

static int snp_tee_derive_key(const struct futeet_key_req *req, uint8_t key[FUTEET_KEY_LEN])
{
	struct snp_key_req kr;
	int rc;

	/* uapi -> MSG_KEY_REQ (SNP ABI 56860 7.2), field for field:
	 * FUTEET_KEY_ROOT_VCEK/VMRK are ROOT_KEY_SELECT (bit 0) values, the
	 * FUTEET_KEY_FIELD_* bits are GUEST_FIELD_SELECT's. KEY_SEL (bits 2:1)
	 * stays 0 (VLEK if installed, else VCEK): a root_key with those bits
	 * set names no FUTEET_KEY_ROOT_* and is refused. snp_get_derived_key
	 * checks the rest (known field bits, VMPL, reserved bits). */
	if (req->root_key > FUTEET_KEY_ROOT_VMRK)
		return -EINVAL;
	memset(&kr, 0, sizeof(kr));
	kr.root_key_select = req->root_key;
	kr.guest_field_select = req->field_select;
	kr.vmpl = req->vmpl;
	kr.guest_svn = req->guest_svn;
	kr.tcb_version = req->tcb_version;
	rc = snp_get_derived_key(&snp_ctx, &kr, key);
	return rc ? snp_fail(rc) : 0;
}

/* Debug, migration, VMPL, TCB, MEASUREMENT and HOST_DATA from a report
 * with zero REPORT_DATA (SNP ABI 56860 rev 1.57, ATTESTATION_REPORT;
 * POLICY bit 19 DEBUG, bit 18 MIGRATE_MA). Asked for once per boot, through
 * the extended request futeet_attest makes too (GHCB 56421 rev 2.03
 * SNP_EXT_GUEST_REQUEST; the certificate table is not used here), so the
 * first evidence costs one more request of the same kind. */
static int snp_tee_runtime(struct tee_runtime *rt)
{
	static const uint8_t zero[TEE_REPORT_DATA_LEN];
	static uint8_t rep[SNP_REPORT_SIZE];
	static struct snp_report_info ri;
	size_t len = 0, certs_len = 0;
	int rc;

	rc = snp_get_ext_report(&snp_ctx, zero, SNP_GUEST_VMPL, rep, sizeof(rep), &len,
				snp_certs, sizeof(snp_certs), &certs_len);
	if (rc)
		return snp_fail(rc);
	rc = snp_report_parse(rep, len, &ri);
	if (rc)
		return rc;
	rt->debug = (ri.policy & SNP_POLICY_DEBUG) != 0;
	rt->migratable = (ri.policy & SNP_POLICY_MIGRATE_MA) != 0;
	rt->has_vmpl = true;
	rt->vmpl = ri.vmpl;
	bytes_put_le64(rt->tcb, ri.reported_tcb); /* as the report holds it */
	rt->tcb_len = 8;
	memcpy(rt->launch_measurement, ri.measurement, sizeof(ri.measurement));
	memcpy(rt->init_data, ri.host_data, sizeof(ri.host_data));
	rt->init_data_len = sizeof(ri.host_data);
	return 0;
}

static struct tee_ops snp_ops = {
	.tee_kind = "sev-snp",
	.runtime = snp_tee_runtime,
	.report = snp_tee_report,
	.evidence = snp_tee_evidence,
	.derive_key = snp_tee_derive_key,
};

int snp_backend_init(const uint8_t *secrets_page, size_t len,
		     const struct snp_doorbell_ops *ops, void *db_ctx, bool sim,
		     uint32_t seal_bind, const struct tee_ops **out)
{
	struct snp_secrets_page sp;
	uint64_t first;
	int rc;

	if (secrets_page == NULL || len != sizeof(sp) || ops == NULL ||
	    (seal_bind != FUTEET_SEAL_BIND_FIRMWARE && seal_bind != FUTEET_SEAL_BIND_KERNEL))
		return -EINVAL;
	memcpy(&sp, secrets_page, sizeof(sp));
	/* Linux sev-guest: the next seqno is the OS area's msg_seqno_0 + 1. */
	first = (uint64_t)sp.os_msg_seqno[0] + 1;
	rc = snp_guest_init(&snp_ctx, sp.vmpck[0], 0, first, ops, db_ctx);
	futeet_wipe(&sp, sizeof(sp));
	if (rc) {
		kprintf("futeet: snp: VMPCK0 is not usable (%s)\n", futeet_strerror(rc));
		return rc;
	}
	snp_ctx.backoff_us = snp_backoff;
	snp_ops.name = sim ? "sim-snp" : "snp";
	snp_ops.provider = sim ? "sim_sev_guest" : "sev_guest";
	snp_ops.platform = sim ? FUTEET_PLATFORM_SIM_SNP : FUTEET_PLATFORM_SNP;
	snp_ops.seal_bind = seal_bind;
	*out = &snp_ops;
	return 0;
}
