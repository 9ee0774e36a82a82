/* AMD SEV-SNP wire formats shared by the guest driver (tee/snp), the verifier
 * (lib/snp) and the sim (tools/futeet-sim).
 *
 * Sources: "SEV Secure Nested Paging Firmware ABI Specification", AMD 56860
 * (cited "SNP ABI 56860"), rev 1.57: chapter 7 (guest messages) and the
 * ATTESTATION_REPORT table; "SEV-ES Guest-Hypervisor Communication Block
 * Standardization", AMD 56421 (cited "GHCB 56421"), rev 2.03: section 4.1.8
 * (guest requests and the certificate table). All integers little-endian. */
#ifndef FUTEET_SNP_ABI_H
#define FUTEET_SNP_ABI_H

#include <stddef.h>
#include <stdint.h>
#include "compiler.h"

#define SNP_PAGE_SIZE 4096u

/* ---- Secrets page (SNP ABI 56860, "Secrets Page Format") ------------- */
#define SNP_VMPCK_LEN 32u
struct snp_secrets_page {
	uint32_t version;          /* 0x000 */
	uint32_t imi_en;           /* 0x004 bit 0 */
	uint32_t fms;              /* 0x008 */
	uint32_t reserved0;        /* 0x00C */
	uint8_t gosvw[16];         /* 0x010 */
	uint8_t vmpck[4][SNP_VMPCK_LEN]; /* 0x020 VMPCK0..3 */
	/* 0x0A0: guest OS area (GHCB 56421 / Linux convention) */
	uint32_t os_msg_seqno[4];  /* 0x0A0 */
	uint64_t os_ap_jump_table_pa; /* 0x0B0 */
	uint8_t reserved1[40];     /* 0x0B8 */
	uint8_t guest_usage[32];   /* 0x0E0 */
	uint8_t vmsa_tweak_bitmap[64]; /* 0x100 */
	uint8_t reserved2[SNP_PAGE_SIZE - 0x140];
};
FUTEET_ASSERT_SIZE(struct snp_secrets_page, SNP_PAGE_SIZE);
FUTEET_ASSERT_OFFSET(struct snp_secrets_page, vmpck, 0x020);
FUTEET_ASSERT_OFFSET(struct snp_secrets_page, os_msg_seqno, 0x0A0);
FUTEET_ASSERT_OFFSET(struct snp_secrets_page, vmsa_tweak_bitmap, 0x100);

/* ---- Guest message header (SNP ABI 56860 section 7, "Message Header") - */
#define SNP_MSG_HDR_SIZE   0x60u
#define SNP_MSG_PAYLOAD_MAX (SNP_PAGE_SIZE - SNP_MSG_HDR_SIZE)
#define SNP_AEAD_AES_256_GCM 1u
#define SNP_MSG_HDR_VERSION  1u
#define SNP_AUTHTAG_LEN      16u /* AES-GCM tag, in the first 16 of 32 bytes */
#define SNP_MSG_AAD_OFF      0x30u /* AAD = header bytes 0x30..0x5F */
#define SNP_MSG_AAD_LEN      0x30u

enum snp_msg_type {
	SNP_MSG_TYPE_INVALID = 0,
	SNP_MSG_CPUID_REQ = 1,
	SNP_MSG_CPUID_RSP = 2,
	SNP_MSG_KEY_REQ = 3,
	SNP_MSG_KEY_RSP = 4,
	SNP_MSG_REPORT_REQ = 5,
	SNP_MSG_REPORT_RSP = 6,
};

struct snp_msg_hdr {
	uint8_t authtag[32];   /* 0x00 */
	uint64_t msg_seqno;    /* 0x20 */
	uint8_t rsvd1[8];      /* 0x28 */
	uint8_t algo;          /* 0x30 */
	uint8_t hdr_version;   /* 0x31 */
	uint16_t hdr_sz;       /* 0x32 */
	uint8_t msg_type;      /* 0x34 */
	uint8_t msg_version;   /* 0x35 */
	uint16_t msg_sz;       /* 0x36 */
	uint32_t rsvd2;        /* 0x38 */
	uint8_t msg_vmpck;     /* 0x3C */
	uint8_t rsvd3[35];     /* 0x3D */
};
FUTEET_ASSERT_SIZE(struct snp_msg_hdr, SNP_MSG_HDR_SIZE);
FUTEET_ASSERT_OFFSET(struct snp_msg_hdr, msg_seqno, 0x20);
FUTEET_ASSERT_OFFSET(struct snp_msg_hdr, algo, 0x30);
FUTEET_ASSERT_OFFSET(struct snp_msg_hdr, msg_type, 0x34);
FUTEET_ASSERT_OFFSET(struct snp_msg_hdr, msg_sz, 0x36);
FUTEET_ASSERT_OFFSET(struct snp_msg_hdr, msg_vmpck, 0x3C);

struct snp_guest_msg {
	struct snp_msg_hdr hdr;
	uint8_t payload[SNP_MSG_PAYLOAD_MAX];
};
FUTEET_ASSERT_SIZE(struct snp_guest_msg, SNP_PAGE_SIZE);

/* ---- MSG_REPORT_REQ / RSP (SNP ABI 56860 section 7.3) ---------------- */
#define SNP_REPORT_KEY_SEL_DEFAULT 0u /* VLEK if installed, else VCEK */
#define SNP_REPORT_KEY_SEL_VCEK    1u
#define SNP_REPORT_KEY_SEL_VLEK    2u
struct snp_report_req {
	uint8_t user_data[64]; /* 0x00 becomes REPORT_DATA */
	uint32_t vmpl;         /* 0x40 */
	uint32_t flags;        /* 0x44 bits 1:0 KEY_SEL */
	uint8_t rsvd[24];      /* 0x48 must be zero */
};
FUTEET_ASSERT_SIZE(struct snp_report_req, 0x60);

#define SNP_REPORT_SIZE 0x4A0u
/* STATUS of MSG_REPORT_RSP / MSG_KEY_RSP, and the firmware half of a guest
 * request's SW_EXITINFO2 (SNP ABI 56860 rev 1.57, table "Status Codes";
 * sections 7.2 and 7.3 name the two a guest request answers with). */
#define SNP_FW_SUCCESS       0x00u
#define SNP_FW_INVALID_PARAM 0x16u /* a reserved field or an unknown value */
#define SNP_FW_INVALID_KEY   0x27u /* KEY_SEL names a key not installed (VLEK) */
struct snp_report_rsp_hdr {
	uint32_t status;       /* 0x00 SNP_FW_*: 0 success, 0x16, 0x27 */
	uint32_t report_size;  /* 0x04 */
	uint8_t rsvd[24];      /* 0x08 */
	/* 0x20: ATTESTATION_REPORT, report_size bytes */
};
FUTEET_ASSERT_SIZE(struct snp_report_rsp_hdr, 0x20);

/* ---- MSG_KEY_REQ / RSP (SNP ABI 56860 section 7.2) ------------------- */
#define SNP_KEY_ROOT_VCEK 0u
#define SNP_KEY_ROOT_VMRK 1u
/* GUEST_FIELD_SELECT bits */
#define SNP_KEY_FIELD_POLICY      (1u << 0)
#define SNP_KEY_FIELD_IMAGE_ID    (1u << 1)
#define SNP_KEY_FIELD_FAMILY_ID   (1u << 2)
#define SNP_KEY_FIELD_MEASUREMENT (1u << 3)
#define SNP_KEY_FIELD_GUEST_SVN   (1u << 4)
#define SNP_KEY_FIELD_TCB_VERSION (1u << 5)
struct snp_key_req {
	uint32_t root_key_select; /* 0x00 bit 0 ROOT_KEY_SELECT, bits 2:1 KEY_SEL */
	uint32_t rsvd0;           /* 0x04 */
	uint64_t guest_field_select; /* 0x08 */
	uint32_t vmpl;            /* 0x10 */
	uint32_t guest_svn;       /* 0x14 */
	uint64_t tcb_version;     /* 0x18 */
};
FUTEET_ASSERT_SIZE(struct snp_key_req, 0x20);
#define SNP_DERIVED_KEY_LEN 32u
struct snp_key_rsp {
	uint32_t status;          /* 0x00 */
	uint8_t rsvd[28];         /* 0x04 */
	uint8_t derived_key[32];  /* 0x20 */
};
FUTEET_ASSERT_SIZE(struct snp_key_rsp, 0x40);

/* ---- ATTESTATION_REPORT (SNP ABI 56860, "ATTESTATION_REPORT Structure") */
#define SNP_SIG_ALGO_ECDSA_P384_SHA384 1u
#define SNP_SIGNED_LEN      0x2A0u   /* signature covers bytes 0x000..0x29F */
#define SNP_SIG_COMPONENT_LEN 72u    /* r and s, little-endian, zero padded */
/* POLICY bits */
#define SNP_POLICY_SMT       (1ull << 16)
#define SNP_POLICY_RSVD1     (1ull << 17) /* must be one */
#define SNP_POLICY_MIGRATE_MA (1ull << 18)
#define SNP_POLICY_DEBUG     (1ull << 19)
#define SNP_POLICY_SINGLE_SOCKET (1ull << 20)
/* SIGNER_INFO (0x48) bits */
#define SNP_SIGNER_AUTHOR_KEY_EN (1u << 0)
#define SNP_SIGNER_MASK_CHIP_KEY (1u << 1)
#define SNP_SIGNER_KEY_SHIFT 2
#define SNP_SIGNER_KEY_MASK  0x7u
#define SNP_SIGNING_KEY_VCEK 0u
#define SNP_SIGNING_KEY_VLEK 1u
#define SNP_SIGNING_KEY_NONE 7u

struct snp_report {
	uint32_t version;          /* 0x000 */
	uint32_t guest_svn;        /* 0x004 */
	uint64_t policy;           /* 0x008 */
	uint8_t family_id[16];     /* 0x010 */
	uint8_t image_id[16];      /* 0x020 */
	uint32_t vmpl;             /* 0x030 */
	uint32_t signature_algo;   /* 0x034 */
	uint64_t current_tcb;      /* 0x038 */
	uint64_t platform_info;    /* 0x040 */
	uint32_t signer_info;      /* 0x048 */
	uint32_t rsvd0;            /* 0x04C */
	uint8_t report_data[64];   /* 0x050 */
	uint8_t measurement[48];   /* 0x090 */
	uint8_t host_data[32];     /* 0x0C0 */
	uint8_t id_key_digest[48]; /* 0x0E0 */
	uint8_t author_key_digest[48]; /* 0x110 */
	uint8_t report_id[32];     /* 0x140 */
	uint8_t report_id_ma[32];  /* 0x160 */
	uint64_t reported_tcb;     /* 0x180 */
	uint8_t cpuid_fam_id;      /* 0x188 v3+ */
	uint8_t cpuid_mod_id;      /* 0x189 v3+ */
	uint8_t cpuid_step;        /* 0x18A v3+ */
	uint8_t rsvd1[21];         /* 0x18B */
	uint8_t chip_id[64];       /* 0x1A0 */
	uint64_t committed_tcb;    /* 0x1E0 */
	uint8_t current_build;     /* 0x1E8 */
	uint8_t current_minor;     /* 0x1E9 */
	uint8_t current_major;     /* 0x1EA */
	uint8_t rsvd2;             /* 0x1EB */
	uint8_t committed_build;   /* 0x1EC */
	uint8_t committed_minor;   /* 0x1ED */
	uint8_t committed_major;   /* 0x1EE */
	uint8_t rsvd3;             /* 0x1EF */
	uint64_t launch_tcb;       /* 0x1F0 */
	uint64_t launch_mit_vector;  /* 0x1F8 v5 */
	uint64_t current_mit_vector; /* 0x200 v5 */
	uint8_t rsvd4[0x2A0 - 0x208]; /* 0x208 */
	uint8_t sig_r[72];         /* 0x2A0 little-endian */
	uint8_t sig_s[72];         /* 0x2E8 little-endian */
	uint8_t sig_rsvd[368];     /* 0x330 */
};
FUTEET_ASSERT_SIZE(struct snp_report, SNP_REPORT_SIZE);
FUTEET_ASSERT_OFFSET(struct snp_report, report_data, 0x050);
FUTEET_ASSERT_OFFSET(struct snp_report, measurement, 0x090);
FUTEET_ASSERT_OFFSET(struct snp_report, host_data, 0x0C0);
FUTEET_ASSERT_OFFSET(struct snp_report, reported_tcb, 0x180);
FUTEET_ASSERT_OFFSET(struct snp_report, chip_id, 0x1A0);
FUTEET_ASSERT_OFFSET(struct snp_report, committed_tcb, 0x1E0);
FUTEET_ASSERT_OFFSET(struct snp_report, launch_tcb, 0x1F0);
FUTEET_ASSERT_OFFSET(struct snp_report, current_mit_vector, 0x200);
FUTEET_ASSERT_OFFSET(struct snp_report, sig_r, 0x2A0);
FUTEET_ASSERT_OFFSET(struct snp_report, sig_s, 0x2E8);

/* ---- GHCB guest request results (GHCB 56421 section 4.1.8) ----------- */
/* SW_EXITINFO2 on return: bits 63:32 VMM error, bits 31:0 firmware error. */
#define SNP_GUEST_VMM_ERR_SHIFT   32
#define SNP_GUEST_VMM_ERR_INVALID_LEN 1u /* cert buffer too small; RBX = pages */
#define SNP_GUEST_VMM_ERR_BUSY        2u /* throttled, resend the same message */
/* The whole SW_EXITINFO2 of a VMM error with no firmware bits: the value a
 * guest compares with (Linux SNP_GUEST_VMM_ERR()). */
#define SNP_GUEST_VMM_ERR(e) ((uint64_t)(e) << SNP_GUEST_VMM_ERR_SHIFT)
#define SNP_CERT_BUF_MAX (16u * 1024u)   /* Linux SEV_FW_BLOB_MAX_SIZE */

/* Certificate table entry (GHCB 56421 section 4.1.8.1), ends with all-zero entry. */
struct snp_cert_entry {
	uint8_t guid[16];
	uint32_t offset;
	uint32_t length;
};
FUTEET_ASSERT_SIZE(struct snp_cert_entry, 24);
/* GUIDs as strings; in the table their 16 bytes are in RFC 4122 (string,
 * big-endian) order, as AMD's sev-guest tool, virtee/sev and go-sev-guest
 * write them. lib/snp/certtable.c accepts either order. */
#define SNP_GUID_VCEK "63da758d-e664-4564-adc5-f4b93be8accd"
#define SNP_GUID_VLEK "a8074bc2-a25a-483e-aae6-39c045a0b8a1"
#define SNP_GUID_ASK  "4ab7b379-bbac-4fe4-a02f-05aef327c782"
#define SNP_GUID_ARK  "c0b406a4-a803-4952-9743-3fb6014cd0ae"

#endif
