/* Platform detection over recorded CPUID / MSR values (arch/x86_64/coco/
 * detect.c). The values are written out from the spec tables (no dump
 * recorded on hardware is in tests/data): CPUID 0 vendor strings and leaf
 * 0x21 "IntelTDX    " (TDX Module ABI 348551 "CPUID virtualization";
 * Linux arch/x86/include/asm/shared/tdx.h at torvalds/linux 019b383d lines
 * 10-11: TDX_CPUID_LEAF_ID 0x21, TDX_IDENT "IntelTDX    "; Linux reads it
 * as EBX, EDX, ECX), CPUID Fn8000_001F (AMD APM vol. 3 E.4.17: EAX bit 1
 * SEV, bit 3 SEV-ES, bit 4 SNP; EBX[5:0] C-bit), SEV_STATUS MSR C001_0131
 * (AMD APM vol. 2 15.34.10: bit 0 SEV, 1 SEV-ES, 2 SNP; the same bits as
 * Linux arch/x86/include/asm/msr-index.h MSR_AMD64_SEV_ENABLED_BIT 0,
 * SEV_ES_ENABLED_BIT 1, SEV_SNP_ENABLED_BIT 2). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "uapi/futeet/tee.h"
#include "arch/x86_64/coco/detect.h"
#include "arch/x86_64/coco/pv.h"

/* "GenuineIntel" / "AuthenticAMD" as CPUID 0 returns them in EBX, EDX, ECX. */
#define INTEL { 0x756e6547, 0x49656e69, 0x6c65746e }
#define AMD   { 0x68747541, 0x69746e65, 0x444d4163 }
/* "Inte" "lTDX" "    " in EBX, EDX, ECX. */
#define TDXSIG { 0x65746e49, 0x5844546c, 0x20202020 }

static const struct coco_raw raw_tdx = {
	.max_leaf = 0x23, .vendor = INTEL, .tdx_sig = TDXSIG, .max_ext_leaf = 0x80000008,
};
static const struct coco_raw raw_plain_intel = {
	.max_leaf = 0x1F, .vendor = INTEL, .max_ext_leaf = 0x80000008,
};
/* An AMD host with SEV offered in CPUID but not active for this guest. */
static const struct coco_raw raw_plain_amd = {
	.max_leaf = 0x10, .vendor = AMD, .max_ext_leaf = 0x80000021,
	.mem_enc_eax = 0x1A, .mem_enc_ebx = 0x33, .sev_status_read = true, .sev_status = 0,
};
static const struct coco_raw raw_sev = {
	.max_leaf = 0x10, .vendor = AMD, .max_ext_leaf = 0x80000021,
	.mem_enc_eax = 0x02, .mem_enc_ebx = 0x2F, .sev_status_read = true, .sev_status = 0x1,
};
static const struct coco_raw raw_sev_es = {
	.max_leaf = 0x10, .vendor = AMD, .max_ext_leaf = 0x80000021,
	.mem_enc_eax = 0x0A, .mem_enc_ebx = 0x2F, .sev_status_read = true, .sev_status = 0x3,
};
static const struct coco_raw raw_snp = {
	.max_leaf = 0x10, .vendor = AMD, .max_ext_leaf = 0x80000021,
	.mem_enc_eax = 0x1A, .mem_enc_ebx = 0x33, .sev_status_read = true, .sev_status = 0x7,
	.cc_blob = true,
};

static void test_tdx_signature_detects_tdx(void **state)
{
	struct coco_platform p;
	const char *why;
	(void)state;
	assert_int_equal(coco_classify(&raw_tdx, &p, &why), 0);
	assert_int_equal(p.kind, FUTEET_PLATFORM_TDX);
}

static void test_tdx_signature_ignored_below_max_leaf(void **state)
{
	struct coco_raw r = raw_tdx;
	struct coco_platform p;
	const char *why;
	(void)state;
	r.max_leaf = 0x20;
	assert_int_equal(coco_classify(&r, &p, &why), 0);
	assert_int_equal(p.kind, FUTEET_PLATFORM_NONE);
}

static void test_snp_status_detects_snp_with_cbit_from_cpuid(void **state)
{
	struct coco_platform p;
	const char *why;
	(void)state;
	assert_int_equal(coco_classify(&raw_snp, &p, &why), 0);
	assert_int_equal(p.kind, FUTEET_PLATFORM_SNP);
	assert_int_equal(p.cbit, 51);
	assert_int_equal(p.sev_status, 0x7);
}

static void test_snp_detected_even_when_host_hides_cpuid_leaf_sev_bit(void **state)
{
	struct coco_raw r = raw_snp;
	struct coco_platform p;
	const char *why;
	(void)state;
	r.mem_enc_eax = 0;  /* the host clears the SEV bits; the MSR still says SNP */
	assert_int_equal(coco_classify(&r, &p, &why), 0);
	assert_int_equal(p.kind, FUTEET_PLATFORM_SNP);
}

static void test_snp_without_usable_cbit_refused(void **state)
{
	struct coco_raw r = raw_snp;
	struct coco_platform p;
	const char *why;
	(void)state;
	r.mem_enc_ebx = 0x0C;  /* bit 12: not an address bit an SNP guest can have */
	assert_int_equal(coco_classify(&r, &p, &why), -EOPNOTSUPP);
	assert_non_null(why);
	r = raw_snp;
	r.max_ext_leaf = 0x80000008;
	assert_int_equal(coco_classify(&r, &p, &why), -EOPNOTSUPP);
}

static void test_sev_without_snp_refused_with_reason(void **state)
{
	struct coco_platform p;
	const char *why;
	(void)state;
	assert_int_equal(coco_classify(&raw_sev, &p, &why), -EOPNOTSUPP);
	assert_non_null(strstr(why, "SEV/SEV-ES without SNP"));
}

static void test_sev_es_without_snp_refused_with_reason(void **state)
{
	struct coco_platform p;
	const char *why;
	(void)state;
	assert_int_equal(coco_classify(&raw_sev_es, &p, &why), -EOPNOTSUPP);
	assert_non_null(strstr(why, "SEV/SEV-ES without SNP"));
}

static void test_plain_intel_and_amd_are_none(void **state)
{
	struct coco_platform p;
	const char *why;
	struct coco_raw r = raw_plain_intel;
	(void)state;
	assert_int_equal(coco_classify(&raw_plain_intel, &p, &why), 0);
	assert_int_equal(p.kind, FUTEET_PLATFORM_NONE);
	assert_int_equal(coco_classify(&raw_plain_amd, &p, &why), 0);
	assert_int_equal(p.kind, FUTEET_PLATFORM_NONE);
	/* RDMSR raised #GP: no SEV. */
	r.sev_status_read = false;
	r.sev_status = 0x7;  /* ignored: not read */
	assert_int_equal(coco_classify(&r, &p, &why), 0);
	assert_int_equal(p.kind, FUTEET_PLATFORM_NONE);
}

static void test_cc_blob_claim_without_snp_status_refused(void **state)
{
	struct coco_raw r = raw_plain_amd;
	struct coco_platform p;
	const char *why;
	(void)state;
	r.cc_blob = true;
	assert_int_equal(coco_classify(&r, &p, &why), -EOPNOTSUPP);
	assert_non_null(strstr(why, "CC blob"));
	r.sev_status_read = false;  /* MSR absent, firmware still claims SNP */
	assert_int_equal(coco_classify(&r, &p, &why), -EOPNOTSUPP);
}

static void test_inconsistent_sev_status_refused(void **state)
{
	struct coco_raw r = raw_plain_amd;
	struct coco_platform p;
	const char *why;
	(void)state;
	r.sev_status = 0x4;     /* SNP without SEV, SEV-ES */
	assert_int_equal(coco_classify(&r, &p, &why), -EOPNOTSUPP);
	r.sev_status = 0x800;   /* SecureTsc alone */
	assert_int_equal(coco_classify(&r, &p, &why), -EOPNOTSUPP);
}

static void test_tdx_with_sev_claims_refused(void **state)
{
	struct coco_raw r = raw_tdx;
	struct coco_platform p;
	const char *why;
	(void)state;
	r.cc_blob = true;
	assert_int_equal(coco_classify(&r, &p, &why), -EOPNOTSUPP);
}

/* MSR routing (arch/x86_64/coco/classify.c table): native on a plain VM
 * and the sims; on SNP and TDX native only for what the protected context
 * holds. MSR numbers: SDM vol. 4 table 2-2 (EFER C000_0080, STAR 81,
 * LSTAR 82, CSTAR 83, FMASK 84, FS/GS/KERNEL_GS base C000_0100-0102,
 * TSC_AUX C000_0103, IA32_APIC_BASE 1B, IA32_MISC_ENABLE 1A0, x2APIC
 * 800-8FF); AMD APM vol. 2: GHCB MSR C001_0130, SEV_STATUS C001_0131. */
static void test_msr_routing_follows_platform_table(void **state)
{
	static const uint32_t every_native[] = {
		0xC0000080u, 0xC0000081u, 0xC0000082u, 0xC0000083u, 0xC0000084u,
		0xC0000100u, 0xC0000101u, 0xC0000102u,
	};
	(void)state;
	/* Plain VM and sims: every MSR is the plain instruction. */
	for (uint32_t kind = FUTEET_PLATFORM_NONE; kind <= FUTEET_PLATFORM_SIM_TDX; kind++) {
		if (kind == FUTEET_PLATFORM_SNP || kind == FUTEET_PLATFORM_TDX)
			continue;
		assert_true(coco_msr_native(kind, 0x1B));
		assert_true(coco_msr_native(kind, 0x802));
		assert_true(coco_msr_native(kind, 0xC0000080u));
	}
	for (size_t i = 0; i < sizeof(every_native) / sizeof(every_native[0]); i++) {
		assert_true(coco_msr_native(FUTEET_PLATFORM_SNP, every_native[i]));
		assert_true(coco_msr_native(FUTEET_PLATFORM_TDX, every_native[i]));
	}
	/* SNP: the GHCB MSR and SEV_STATUS native; the APIC emulated by the
	 * hypervisor (GHCB); anything else through the GHCB. */
	assert_true(coco_msr_native(FUTEET_PLATFORM_SNP, 0xC0010130u));
	assert_true(coco_msr_native(FUTEET_PLATFORM_SNP, 0xC0010131u));
	assert_false(coco_msr_native(FUTEET_PLATFORM_SNP, 0x802));
	assert_false(coco_msr_native(FUTEET_PLATFORM_SNP, 0x1B));
	assert_false(coco_msr_native(FUTEET_PLATFORM_SNP, 0x1A0));
	assert_false(coco_msr_native(FUTEET_PLATFORM_SNP, 0xC0000103u));
	assert_false(coco_msr_native(FUTEET_PLATFORM_SNP, 0xC000007Fu));
	assert_false(coco_msr_native(FUTEET_PLATFORM_SNP, 0xC0000085u));
	/* TDX: the x2APIC range virtualized by the TDX module, the AMD MSRs
	 * are not (TDVMCALL), nor anything else. */
	assert_true(coco_msr_native(FUTEET_PLATFORM_TDX, 0x800));
	assert_true(coco_msr_native(FUTEET_PLATFORM_TDX, 0x8FF));
	assert_false(coco_msr_native(FUTEET_PLATFORM_TDX, 0x7FF));
	assert_false(coco_msr_native(FUTEET_PLATFORM_TDX, 0x900));
	assert_false(coco_msr_native(FUTEET_PLATFORM_TDX, 0xC0010130u));
	assert_false(coco_msr_native(FUTEET_PLATFORM_TDX, 0xC0010131u));
	assert_false(coco_msr_native(FUTEET_PLATFORM_TDX, 0x1B));
	assert_false(coco_msr_native(FUTEET_PLATFORM_TDX, 0x1A0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tdx_signature_detects_tdx),
		cmocka_unit_test(test_tdx_signature_ignored_below_max_leaf),
		cmocka_unit_test(test_snp_status_detects_snp_with_cbit_from_cpuid),
		cmocka_unit_test(test_snp_detected_even_when_host_hides_cpuid_leaf_sev_bit),
		cmocka_unit_test(test_snp_without_usable_cbit_refused),
		cmocka_unit_test(test_sev_without_snp_refused_with_reason),
		cmocka_unit_test(test_sev_es_without_snp_refused_with_reason),
		cmocka_unit_test(test_plain_intel_and_amd_are_none),
		cmocka_unit_test(test_cc_blob_claim_without_snp_status_refused),
		cmocka_unit_test(test_inconsistent_sev_status_refused),
		cmocka_unit_test(test_tdx_with_sev_claims_refused),
		cmocka_unit_test(test_msr_routing_follows_platform_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
