/* The SEV-SNP launch digest (the attestation report's MEASUREMENT) as the
 * AMD secure processor computes it for a guest that QEMU/KVM launches from
 * an OVMF firmware file, and the SEV kernel-hashes table QEMU builds for
 * measured direct boot.
 *
 * Spec: SNP ABI 56860 rev 1.57, SNP_LAUNCH_UPDATE ("PAGE_INFO" structure,
 * page types, the launch digest chaining with SHA-384) and SNP_LAUNCH_FINISH;
 * AMD APM vol. 2, appendix B (the VMSA layout); the order of pages and the
 * VMSA contents are QEMU's and KVM's (target/i386/sev.c, Linux
 * arch/x86/kvm/svm/sev.c), cited where used. Freestanding. */
#ifndef FUTEET_LIB_MEASURE_SNP_H
#define FUTEET_LIB_MEASURE_SNP_H

#include <stddef.h>
#include <stdint.h>
#include "lib/measure/ovmf.h"

#define SNP_LD_SIZE 48u /* SHA-384 */

/* PAGE_TYPE values of SNP_LAUNCH_UPDATE (SNP ABI 56860 rev 1.57, page types). */
enum snp_page_type {
	SNP_PAGE_NORMAL = 0x01,
	SNP_PAGE_VMSA = 0x02,
	SNP_PAGE_ZERO = 0x03,
	SNP_PAGE_UNMEASURED = 0x04,
	SNP_PAGE_SECRETS = 0x05,
	SNP_PAGE_CPUID = 0x06,
};

/* The register state differs slightly between hypervisors (virtee
 * sev-snp-measure documents the EC2 and GCE values). */
enum snp_vmm {
	SNP_VMM_QEMU = 0, /* QEMU + KVM (KVM_SEV_INIT2 x87/SSE reset state) */
	SNP_VMM_EC2 = 1,
	SNP_VMM_GCE = 2,
};

/* SEV_FEATURES bits (AMD APM vol. 2, "SEV_FEATURES field of the VMSA"). */
#define SNP_FEATURE_SNP_ACTIVE 0x1ull
#define SNP_FEATURE_DEBUG_SWAP 0x20ull

/* The launch parameters that change the digest. */
struct snp_launch_params {
	uint32_t vcpus;        /* >= 1 */
	uint32_t vcpu_sig;     /* CPUID Fn0000_0001_EAX of the vCPU model: RDX at reset */
	uint64_t sev_features; /* the VMSA's SEV_FEATURES (QEMU + KVM 6.11: 0x1) */
	enum snp_vmm vmm;
	/* Measured direct boot (QEMU -kernel with sev-snp-guest,kernel-hashes=on):
	 * the SHA-256 of the kernel (as QEMU passes it: setup + kernel parts),
	 * of the initrd (of nothing when none) and of the command line with its
	 * terminating NUL (snp_cmdline_sha256). */
	int kernel_hashes;
	uint8_t kernel_sha256[32];
	uint8_t initrd_sha256[32];
	uint8_t cmdline_sha256[32];
};

/* One measured page, for --explain. label is a constant string. */
struct snp_page_event {
	const char *label;
	uint8_t page_type;
	uint64_t gpa;
	uint8_t contents[SNP_LD_SIZE]; /* SHA-384 of the page, or zeros */
	uint8_t digest[SNP_LD_SIZE];   /* the launch digest after this page */
};

typedef void snp_explain_fn(void *arg, const struct snp_page_event *ev);

/* The running launch digest. */
struct snp_ld {
	uint8_t ld[SNP_LD_SIZE];
	snp_explain_fn *explain; /* optional */
	void *explain_arg;
	const char *label;
};

/* Start from zeros (SNP_LAUNCH_START) or from a saved digest. */
void snp_ld_init(struct snp_ld *c, const uint8_t *seed_or_null);

/* One SNP_LAUNCH_UPDATE page: LD = SHA-384(PAGE_INFO(LD, contents, type, gpa)). */
void snp_ld_update(struct snp_ld *c, uint8_t page_type, uint64_t gpa,
		   const uint8_t contents[SNP_LD_SIZE]);

/* The firmware file as NORMAL pages, mapped to end at 4 GiB. len must be a
 * whole number of pages (ovmf_sev_parse checks it). */
void snp_ld_firmware(struct snp_ld *c, const uint8_t *fw, size_t len);

/* The SEV metadata sections in their listed order, as QEMU adds them, then
 * the VMSAs. -EOPNOTSUPP (with *why) when kernel hashes are asked for and the
 * firmware has no kernel-hashes section or no usable SEV hash table;
 * -EINVAL for vcpus == 0 or an unknown vmm. */
int snp_ld_metadata_and_vmsas(struct snp_ld *c, const struct ovmf_sev_info *info,
			      const struct snp_launch_params *p, const char **why);

/* The whole launch digest of a firmware file. */
int snp_launch_digest(const uint8_t *fw, size_t len, const struct snp_launch_params *p,
		      uint8_t out[SNP_LD_SIZE], snp_explain_fn *explain, void *arg,
		      const char **why);

/* The VMSA page of one vCPU as KVM builds it from QEMU's reset state.
 * eip: 0xFFFFFFF0 for the BSP, the SEV-ES reset address for the APs. */
int snp_vmsa_build(uint8_t page[OVMF_PAGE_SIZE], uint32_t eip,
		   const struct snp_launch_params *p);

/* QEMU's PaddedSevHashTable (target/i386/sev.c): GUID header, then the
 * command line, initrd and kernel entries, padded to 16 bytes. */
#define SNP_HASH_TABLE_SIZE 0xa8u     /* 16 + 2 + 3 * (16 + 2 + 32) = 168 */
#define SNP_HASH_TABLE_PADDED 0xb0u   /* rounded up to 16 */
void snp_kernel_hashes_table(uint8_t out[SNP_HASH_TABLE_PADDED], const struct snp_launch_params *p);

/* SHA-256 of the command line with its terminating NUL, as QEMU hashes it
 * ("" when no -append: the single byte 0). */
void snp_cmdline_sha256(const char *cmdline, size_t len, uint8_t out[32]);

/* CPUID Fn0000_0001_EAX for a family/model/stepping (AMD CPUID spec 25481,
 * "Fn0000_0001_EAX Family, Model, Stepping Identifiers"). */
uint32_t snp_cpu_signature(uint32_t family, uint32_t model, uint32_t stepping);

/* The signature of a QEMU AMD CPU model name (QEMU target/i386/cpu.c,
 * builtin_x86_defs): 0, or -ENOENT. */
int snp_vcpu_type_sig(const char *name, uint32_t *sig);

#endif
