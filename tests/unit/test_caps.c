/* lib/caps: the static TEE table and the descriptor's canonical CBOR.
 * Expected bytes are derived by hand from RFC 8949 (heads; section 4.2.1:
 * uint keys in ascending order are bytewise order); the table's values are
 * checked against the cells of TEE Table I and the SNP/TDX specifications
 * cited in lib/caps.c. An independent check of canonical order is the
 * Python cbor2 test (tests/qemu/snp_check_evidence.py re-encodes the
 * kernel's descriptor with canonical=True). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "lib/caps_decode.h"
#include "lib/cbor.h"
#include "tests/unit/unhex.h"

static void test_caps_minimal_descriptor_encodes_to_hand_derived_bytes(void **state)
{
	struct futeet_caps c;
	uint8_t buf[128], want[128];
	size_t len = 0, wl;
	(void)state;

	memset(&c, 0, sizeof(c));
	c.version = FUTEET_CAPS_VERSION;
	strcpy(c.tee, "sev-snp");
	strcpy(c.vendor, "AMD");
	strcpy(c.arch, "x86_64");
	c.tee_prov.prov = FUTEET_PROV_VERIFIER;
	c.debug.prov = FUTEET_PROV_HW;
	c.debug.value = 0;
	c.tcb.prov = FUTEET_PROV_HW;
	c.tcb_len = 8;
	memcpy(c.tcb_raw, "\x03\x00\x00\x00\x00\x00\x08\x73", 8);
	assert_int_equal(caps_encode(&c, buf, sizeof(buf), &len), 0);
	wl = unhex("a6"                              /* map(6) */
		   "0001"                                /* 0: 1 */
		   "0182677365762d736e7002"              /* 1: ["sev-snp", 2] */
		   "028263414d4402"                      /* 2: ["AMD", 2] */
		   "0382667838365f363402"                /* 3: ["x86_64", 2] */
		   "0f82f401"                            /* 15: [false, 1] */
		   "178248030000000000087301",           /* 23: [h'..', 1] */
		   want, sizeof(want));
	assert_int_equal(len, wl);
	assert_memory_equal(buf, want, wl);
}

static void test_caps_every_table_row_round_trips(void **state)
{
	size_t n;
	const struct caps_row *rows = caps_rows(&n);
	(void)state;

	assert_true(n >= 12);
	for (size_t i = 0; i < n; i++) {
		struct futeet_caps c, d;
		uint8_t buf[FUTEET_CAPS_CBOR_MAX];
		size_t len;
		uint32_t unknown = 9;

		assert_int_equal(caps_from_table(rows[i].kind, FUTEET_PROV_VERIFIER, &c), 0);
		assert_int_equal(caps_encode(&c, buf, sizeof(buf), &len), 0);
		assert_int_equal(caps_decode(buf, len, &d, &unknown), 0);
		assert_int_equal(unknown, 0);
		assert_int_equal(d.kind, rows[i].kind);
		assert_memory_equal(&c, &d, sizeof(c));
		/* every shorter buffer: -ENOSPC, never a partial success */
		assert_int_equal(caps_encode(&c, buf, len - 1, &n), -ENOSPC);
		caps_rows(&n);
	}
}

/* TEE Table I cells and the spec-derived SNP row. */
static void test_caps_table_keeps_table_one_and_spec_values(void **state)
{
	const struct caps_row *snp = caps_row(FUTEET_TEE_SEV_SNP), *tdx = caps_row(FUTEET_TEE_TDX);
	const struct caps_row *sev = caps_row(FUTEET_TEE_SEV), *pl = caps_row(FUTEET_TEE_PENGLAI);
	const struct caps_row *tz = caps_row(FUTEET_TEE_TRUSTZONE);
	const struct caps_row *sgx = caps_row(FUTEET_TEE_SGX_SCALABLE);
	(void)state;

	assert_non_null(snp); assert_non_null(tdx); assert_non_null(sev);
	/* Table I, Intel TDX: VM, integrity full, freshness none, local full */
	assert_int_equal(tdx->isolation, FUTEET_ISOLATION_VM);
	assert_int_equal(tdx->integrity, FUTEET_LEVEL_FULL);
	assert_int_equal(tdx->freshness, FUTEET_LEVEL_NONE);
	assert_int_equal(tdx->local_attestation, FUTEET_LEVEL_FULL);
	/* Table I, AMD SEV (no SNP): integrity none, local none, remote full */
	assert_int_equal(sev->integrity, FUTEET_LEVEL_NONE);
	assert_int_equal(sev->local_attestation, FUTEET_LEVEL_NONE);
	assert_int_equal(sev->remote_attestation, FUTEET_LEVEL_FULL);
	assert_false(sev->runnable);
	/* Table I: TrustZone integrity partial; Scalable SGX 512 GB, no freshness;
	 * Penglai RISC-V, no remote attestation */
	assert_int_equal(tz->integrity, FUTEET_LEVEL_PARTIAL);
	assert_int_equal(sgx->secure_memory, 512ull << 30);
	assert_int_equal(sgx->freshness, FUTEET_LEVEL_NONE);
	assert_string_equal(pl->arch, "riscv64");
	assert_int_equal(pl->remote_attestation, FUTEET_LEVEL_NONE);
	/* SNP: RMP integrity, no guest-to-guest local attestation, P-384 reports,
	 * 64-byte REPORT_DATA (SNP ABI 56860), kernel software registers */
	assert_int_equal(snp->integrity, FUTEET_LEVEL_FULL);
	assert_int_equal(snp->local_attestation, FUTEET_LEVEL_NONE);
	assert_int_equal(snp->evidence_alg, FUTEET_SIGALG_ECDSA_P384_SHA384);
	assert_int_equal(snp->report_data_size, 64);
	assert_int_equal(snp->rtm, FUTEET_RTM_KERNEL_SW);
	assert_int_equal(tdx->sealing, FUTEET_SEALING_NONE);
	assert_int_equal(tdx->evidence_alg, FUTEET_SIGALG_ECDSA_P256_SHA256);
	/* every kind the kernel runs has a row */
	for (uint32_t k = FUTEET_TEE_NONE; k <= FUTEET_TEE_SIM_TDX; k++)
		assert_true(caps_row(k) != NULL && caps_row(k)->runnable);
	assert_null(caps_row(99));
}

static void test_caps_sims_say_keys_are_host_known_and_not_confidential(void **state)
{
	struct futeet_caps c;
	uint8_t buf[FUTEET_CAPS_CBOR_MAX];
	size_t len;
	const char *note = CAPS_NOTE_SIM;
	(void)state;

	for (uint32_t k = FUTEET_TEE_SIM_SNP; k <= FUTEET_TEE_SIM_TDX; k++) {
		assert_int_equal(caps_from_table(k, FUTEET_PROV_VERIFIER, &c), 0);
		assert_int_equal(c.host_known_keys.value, 1);
		assert_int_equal(c.confidentiality.value, FUTEET_LEVEL_NONE);
		assert_int_equal(caps_encode(&c, buf, sizeof(buf), &len), 0);
		assert_true(len > strlen(note));
		assert_memory_equal(buf + len - strlen(note), note, strlen(note));
		/* 24: tstr (key 24 = 18 18, text head 78 len) */
		assert_int_equal(buf[len - strlen(note) - 4], 0x18);
		assert_int_equal(buf[len - strlen(note) - 3], 24);
		assert_int_equal(buf[len - strlen(note) - 2], 0x78);
		assert_int_equal(buf[len - strlen(note) - 1], strlen(note));
	}
	assert_int_equal(caps_from_table(FUTEET_TEE_SEV_SNP, FUTEET_PROV_VERIFIER, &c), 0);
	assert_int_equal(c.host_known_keys.value, 0);
	assert_int_equal(caps_from_table(FUTEET_TEE_SEV_SNP, 0, &c), -ENOENT);
}

static void test_caps_encode_refuses_out_of_range_values(void **state)
{
	struct futeet_caps c;
	uint8_t buf[FUTEET_CAPS_CBOR_MAX];
	size_t len;
	(void)state;

	assert_int_equal(caps_from_table(FUTEET_TEE_TDX, FUTEET_PROV_VERIFIER, &c), 0);
	c.integrity.value = 3;
	assert_int_equal(caps_encode(&c, buf, sizeof(buf), &len), -EINVAL);
	c.integrity.value = 2;
	c.sealing.value = FUTEET_SEALING_TEE_KEY_KERNEL;   /* the last sealing value */
	assert_int_equal(caps_encode(&c, buf, sizeof(buf), &len), 0);
	c.sealing.value = FUTEET_SEALING_TEE_KEY_KERNEL + 1;
	assert_int_equal(caps_encode(&c, buf, sizeof(buf), &len), -EINVAL);
	c.sealing.value = FUTEET_SEALING_NONE;
	c.debug.prov = 4;
	assert_int_equal(caps_encode(&c, buf, sizeof(buf), &len), -EINVAL);
	c.debug.prov = 1;
	c.debug.value = 2;
	assert_int_equal(caps_encode(&c, buf, sizeof(buf), &len), -EINVAL);
	c.debug.value = 1;
	c.tcb.prov = 1;
	c.tcb_len = 17;
	assert_int_equal(caps_encode(&c, buf, sizeof(buf), &len), -EINVAL);
	c.tcb_len = 16;
	assert_int_equal(caps_encode(&c, buf, sizeof(buf), &len), 0);
	c.version = 2;
	assert_int_equal(caps_encode(&c, buf, sizeof(buf), &len), -EINVAL);
}

static void expect_decode(const char *hex, int rc)
{
	uint8_t b[128];
	size_t n = unhex(hex, b, sizeof(b));
	struct futeet_caps c;

	assert_int_equal(caps_decode(b, n, &c, NULL), rc);
}

static void test_caps_decode_is_strict_and_skips_unknown_keys(void **state)
{
	uint8_t b[64];
	struct futeet_caps c;
	uint32_t unknown = 0;
	size_t n;
	(void)state;

	expect_decode("a10001", 0);                      /* {0: 1} */
	expect_decode("a10002", -EBADMSG);               /* version 2 */
	expect_decode("a1000101", -EBADMSG);             /* trailing byte */
	expect_decode("a2000119010082f501", 0);          /* unknown key 256 skipped */
	expect_decode("a300010f82f4010f82f401", -EBADMSG); /* key 15 twice */
	expect_decode("a300010f82f4010e8263736861382d33383401", -EBADMSG); /* 15 before 14 */
	expect_decode("a200010f82f404", -EBADMSG);       /* provenance 4 */
	expect_decode("a200010f82f400", -EBADMSG);       /* provenance 0 */
	expect_decode("a200010f82f5", -EBADMSG);         /* [value] without provenance */
	expect_decode("a20001058264686967680201", -EBADMSG); /* level "high" */
	expect_decode("a200010f830101", -EBADMSG);       /* truncated array */
	expect_decode("a20001018263414d4402", -EBADMSG); /* tee without vendor/arch */
	expect_decode("a20001088200", -EBADMSG);         /* incomplete secure memory */
	expect_decode("a2000108821bffffffffffffffff01", -EBADMSG); /* reserved all-dram value */
	n = unhex("a300010f82f5011863820102", b, sizeof(b));
	assert_int_equal(caps_decode(b, n, &c, &unknown), 0);
	assert_int_equal(unknown, 1);
	assert_int_equal(c.debug.value, 1);
	assert_int_equal(c.debug.prov, FUTEET_PROV_HW);
	assert_int_equal(c.kind, CAPS_KIND_UNKNOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caps_minimal_descriptor_encodes_to_hand_derived_bytes),
		cmocka_unit_test(test_caps_every_table_row_round_trips),
		cmocka_unit_test(test_caps_table_keeps_table_one_and_spec_values),
		cmocka_unit_test(test_caps_sims_say_keys_are_host_known_and_not_confidential),
		cmocka_unit_test(test_caps_encode_refuses_out_of_range_values),
		cmocka_unit_test(test_caps_decode_is_strict_and_skips_unknown_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
