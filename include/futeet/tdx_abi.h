/* Intel TDX wire formats shared by the guest driver (tee/tdx), the verifier
 * (lib/tdx) and the sim (tools/futeet-sim).
 *
 * Sources: "Intel TDX Module v1.5 ABI Specification", doc. 348551 (cited
 * "TDX Module ABI 348551"), section "Measurement and Attestation Types":
 * REPORTMACSTRUCT, TEE_TCB_INFO, TDINFO_STRUCT, TDREPORT_STRUCT;
 * "Intel TDX DCAP Quoting Library API" (cited "Intel DCAP quote"), appendix
 * A.3 "Version 4 Quote Format" (Quote Header, TD Quote Body, ECDSA 256-bit
 * Quote Signature Data Structure, QE Certification Data, QE Report
 * Certification Data) and appendix A.4 "Version 5 Quote Format" (TD Quote Body
 * Descriptor, TD 1.5 Quote Body); the QE report is the SGX REPORT body
 * ("Intel SDM" vol. 3D, table "REPORT" / DCAP's sgx_report_body_t);
 * "Intel TDX Guest-Hypervisor Communication Interface", doc. 343961 (cited
 * "GHCI 343961"), TDG.VP.VMCALL<GetQuote> shared buffer.
 * All integers little-endian. Every field is a byte array: the quote is read
 * byte by byte at these offsets, never by casting a hostile buffer.
 *
 *   TDREPORT_STRUCT (1024 B)           Quote v4                  Quote v5
 *   0x000 REPORTMACSTRUCT (256)        0x000 header (48)         0x000 header (48)
 *   0x100 TEE_TCB_INFO (239)           0x030 TD body 1.0 (584)   0x030 u16 body_type (2|3)
 *   0x1EF reserved (17)                0x278 u32 sig_data_len    0x032 u32 body_size
 *   0x200 TDINFO_STRUCT (512)          0x27C signature data      0x036 body (584|648)
 *                                                                 ... u32 sig_data_len, sig data
 *   Signature data: sig r||s (64), attestation key x||y (64), cert data:
 *     u16 type = 6 (QE report), u32 size, { QE report (384), QE report sig (64),
 *     u16 auth_len, auth data, cert data: u16 type = 5 (PCK chain PEM), u32 size, PEM }
 */
#ifndef FUTEET_TDX_ABI_H
#define FUTEET_TDX_ABI_H

#include <stddef.h>
#include <stdint.h>
#include "compiler.h"

#define TDX_MR_SIZE          48u /* SHA-384 measurement registers */
#define TDX_REPORTDATA_SIZE  64u
#define TDX_NUM_RTMRS        4u

/* ---- TDREPORT_STRUCT (TDX Module ABI 348551, "TDREPORT_STRUCT") ------- */
#define TDX_REPORT_SIZE      1024u
#define TDX_REPORT_ALIGN     1024u /* TDG.MR.REPORT operand alignment */
#define TDX_REPORT_TYPE_TDX  0x81u /* REPORTTYPE.TYPE: 0x00 SGX, 0x81 TDX */

/* REPORTMACSTRUCT (TDX Module ABI 348551, "REPORTMACSTRUCT"), 256 bytes. */
struct tdx_reportmac {
	uint8_t report_type[4];      /* 0x00 TYPE, SUBTYPE, VERSION, reserved */
	uint8_t reserved0[12];       /* 0x04 */
	uint8_t cpusvn[16];          /* 0x10 */
	uint8_t tee_tcb_info_hash[48]; /* 0x20 SHA-384(TEE_TCB_INFO) */
	uint8_t tee_info_hash[48];   /* 0x50 SHA-384(TDINFO_STRUCT) */
	uint8_t reportdata[64];      /* 0x80 */
	uint8_t reserved1[32];       /* 0xC0 */
	uint8_t mac[32];             /* 0xE0 */
};
FUTEET_ASSERT_SIZE(struct tdx_reportmac, 256);
FUTEET_ASSERT_OFFSET(struct tdx_reportmac, cpusvn, 0x10);
FUTEET_ASSERT_OFFSET(struct tdx_reportmac, tee_tcb_info_hash, 0x20);
FUTEET_ASSERT_OFFSET(struct tdx_reportmac, tee_info_hash, 0x50);
FUTEET_ASSERT_OFFSET(struct tdx_reportmac, reportdata, 0x80);
FUTEET_ASSERT_OFFSET(struct tdx_reportmac, mac, 0xE0);

/* TEE_TCB_INFO (TDX Module ABI 348551, "TEE_TCB_INFO"), 239 bytes; the
 * tee_tcb_info_hash covers exactly these 239 bytes. */
#define TDX_TEE_TCB_INFO_SIZE 239u
struct tdx_tee_tcb_info {
	uint8_t valid[8];            /* 0x00 bitmap of valid fields */
	uint8_t tee_tcb_svn[16];     /* 0x08 */
	uint8_t mrseam[48];          /* 0x18 */
	uint8_t mrsignerseam[48];    /* 0x48 */
	uint8_t attributes[8];       /* 0x78 SEAM attributes */
	uint8_t tee_tcb_svn2[16];    /* 0x80 TDX 1.5 */
	uint8_t reserved[95];        /* 0x90 */
};
FUTEET_ASSERT_SIZE(struct tdx_tee_tcb_info, TDX_TEE_TCB_INFO_SIZE);
FUTEET_ASSERT_OFFSET(struct tdx_tee_tcb_info, tee_tcb_svn, 0x08);
FUTEET_ASSERT_OFFSET(struct tdx_tee_tcb_info, mrseam, 0x18);
FUTEET_ASSERT_OFFSET(struct tdx_tee_tcb_info, mrsignerseam, 0x48);
FUTEET_ASSERT_OFFSET(struct tdx_tee_tcb_info, attributes, 0x78);
FUTEET_ASSERT_OFFSET(struct tdx_tee_tcb_info, tee_tcb_svn2, 0x80);

/* TDINFO_STRUCT (TDX Module ABI 348551, "TDINFO_STRUCT"), 512 bytes; the
 * tee_info_hash covers all 512 bytes. */
#define TDX_TDINFO_SIZE 512u
struct tdx_tdinfo {
	uint8_t attributes[8];       /* 0x000 TD_ATTRIBUTES */
	uint8_t xfam[8];             /* 0x008 */
	uint8_t mrtd[48];            /* 0x010 */
	uint8_t mrconfigid[48];      /* 0x040 */
	uint8_t mrowner[48];         /* 0x070 */
	uint8_t mrownerconfig[48];   /* 0x0A0 */
	uint8_t rtmr[TDX_NUM_RTMRS][48]; /* 0x0D0, 0x100, 0x130, 0x160 */
	uint8_t servtd_hash[48];     /* 0x190 TDX 1.5 */
	uint8_t reserved[64];        /* 0x1C0 */
};
FUTEET_ASSERT_SIZE(struct tdx_tdinfo, TDX_TDINFO_SIZE);
FUTEET_ASSERT_OFFSET(struct tdx_tdinfo, xfam, 0x008);
FUTEET_ASSERT_OFFSET(struct tdx_tdinfo, mrtd, 0x010);
FUTEET_ASSERT_OFFSET(struct tdx_tdinfo, mrconfigid, 0x040);
FUTEET_ASSERT_OFFSET(struct tdx_tdinfo, mrowner, 0x070);
FUTEET_ASSERT_OFFSET(struct tdx_tdinfo, mrownerconfig, 0x0A0);
FUTEET_ASSERT_OFFSET(struct tdx_tdinfo, rtmr, 0x0D0);
FUTEET_ASSERT_OFFSET(struct tdx_tdinfo, servtd_hash, 0x190);

struct tdx_report {
	struct tdx_reportmac reportmac;      /* 0x000 */
	struct tdx_tee_tcb_info tee_tcb_info;/* 0x100 */
	uint8_t reserved[17];                /* 0x1EF */
	struct tdx_tdinfo tdinfo;            /* 0x200 */
};
FUTEET_ASSERT_SIZE(struct tdx_report, TDX_REPORT_SIZE);
FUTEET_ASSERT_OFFSET(struct tdx_report, tee_tcb_info, 0x100);
FUTEET_ASSERT_OFFSET(struct tdx_report, tdinfo, 0x200);
/* Absolute offsets the Linux tdx_guest driver and FORMATS.md also give. */
_Static_assert(offsetof(struct tdx_report, reportmac.reportdata) == 128, "REPORTDATA @128");
_Static_assert(offsetof(struct tdx_report, tdinfo.mrtd) == 528, "MRTD @528");
_Static_assert(offsetof(struct tdx_report, tdinfo.rtmr) == 720, "RTMR0 @720");
_Static_assert(offsetof(struct tdx_report, tdinfo.servtd_hash) == 912, "SERVTD_HASH @912");

/* TD_ATTRIBUTES bits (TDX Module ABI 348551, "ATTRIBUTES"). */
#define TDX_TD_ATTR_DEBUG           (1ull << 0)
#define TDX_TD_ATTR_SEPT_VE_DISABLE (1ull << 28)
/* MIGRATABLE: bit 29 (Linux x86 coco, asm/shared/tdx.h TDX_ATTR_MIGRTABLE_BIT) */
#define TDX_TD_ATTR_MIGRATABLE      (1ull << 29)
#define TDX_TD_ATTR_PKS             (1ull << 30)
#define TDX_TD_ATTR_KL              (1ull << 31)
#define TDX_TD_ATTR_PERFMON         (1ull << 63)

/* ---- Quote header (Intel DCAP quote, A.3 "Quote Header"; v5 same) ----- */
#define TDX_QUOTE_V4            4u
#define TDX_QUOTE_V5            5u
#define TDX_ATT_KEY_ECDSA_P256  2u
#define TDX_TEE_TYPE_SGX        0x00000000u
#define TDX_TEE_TYPE_TDX        0x00000081u
/* Intel's QE vendor id 939a7233-f79c-4ca9-940a-0db3957f0607 (A.3 table
 * "Quote Header", QE_VENDOR_ID). */
#define TDX_INTEL_QE_VENDOR_ID \
	{ 0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9, \
	  0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07 }

struct tdx_quote_header {
	uint8_t version[2];          /* 0x00 */
	uint8_t att_key_type[2];     /* 0x02 */
	uint8_t tee_type[4];         /* 0x04 */
	uint8_t qe_svn[2];           /* 0x08 reserved for TDX */
	uint8_t pce_svn[2];          /* 0x0A reserved for TDX */
	uint8_t qe_vendor_id[16];    /* 0x0C */
	uint8_t user_data[20];       /* 0x1C */
};
#define TDX_QUOTE_HEADER_SIZE 48u
FUTEET_ASSERT_SIZE(struct tdx_quote_header, TDX_QUOTE_HEADER_SIZE);
FUTEET_ASSERT_OFFSET(struct tdx_quote_header, tee_type, 0x04);
FUTEET_ASSERT_OFFSET(struct tdx_quote_header, qe_vendor_id, 0x0C);
FUTEET_ASSERT_OFFSET(struct tdx_quote_header, user_data, 0x1C);

/* ---- TD quote body (A.3 "TD Quote Body" = TDX 1.0, body type 2;
 * A.4 "TD 1.5 Quote Body", body type 3, adds two fields at the end) ---- */
#define TDX_BODY_TYPE_SGX   1u /* A.4 body descriptor: 1 SGX enclave report */
#define TDX_BODY_TYPE_TD10  2u
#define TDX_BODY_TYPE_TD15  3u
#define TDX_BODY_TD10_SIZE  584u
#define TDX_BODY_TD15_SIZE  648u

struct tdx_td_body {
	uint8_t tee_tcb_svn[16];     /* 0x000 */
	uint8_t mrseam[48];          /* 0x010 */
	uint8_t mrsignerseam[48];    /* 0x040 */
	uint8_t seam_attributes[8];  /* 0x070 */
	uint8_t td_attributes[8];    /* 0x078 */
	uint8_t xfam[8];             /* 0x080 */
	uint8_t mrtd[48];            /* 0x088 */
	uint8_t mrconfigid[48];      /* 0x0B8 */
	uint8_t mrowner[48];         /* 0x0E8 */
	uint8_t mrownerconfig[48];   /* 0x118 */
	uint8_t rtmr[TDX_NUM_RTMRS][48]; /* 0x148, 0x178, 0x1A8, 0x1D8 */
	uint8_t report_data[64];     /* 0x208 */
	/* ---- TDX 1.5 (body type 3) only ---- */
	uint8_t tee_tcb_svn2[16];    /* 0x248 */
	uint8_t mrservicetd[48];     /* 0x258 */
};
FUTEET_ASSERT_SIZE(struct tdx_td_body, TDX_BODY_TD15_SIZE);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, mrseam, 0x010);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, seam_attributes, 0x070);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, td_attributes, 0x078);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, xfam, 0x080);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, mrtd, 0x088);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, mrconfigid, 0x0B8);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, mrowner, 0x0E8);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, mrownerconfig, 0x118);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, rtmr, 0x148);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, report_data, 0x208);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, tee_tcb_svn2, TDX_BODY_TD10_SIZE);
FUTEET_ASSERT_OFFSET(struct tdx_td_body, mrservicetd, 0x258);

/* Where things sit in a quote (A.3: v4 body at 0x30, u32 signature data
 * length at 0x278; A.4: v5 body descriptor {u16 type, u32 size} at 0x30,
 * body at 0x36). */
#define TDX_QUOTE_V4_BODY_OFF    0x30u
#define TDX_QUOTE_V4_SIGLEN_OFF  0x278u
#define TDX_QUOTE_V5_DESC_OFF    0x30u
#define TDX_QUOTE_V5_BODY_OFF    0x36u

/* ---- Signature data (A.3 "ECDSA 256-bit Quote Signature Data Structure -
 * Version 4"): r||s and the attestation key x||y, big-endian, then the
 * certification data. */
#define TDX_ECDSA_SIG_SIZE   64u
#define TDX_ECDSA_KEY_SIZE   64u
#define TDX_CERT_DATA_HDR_SIZE 6u /* u16 type, u32 size */

/* Certification data types (A.3 "Certification Data Type"). */
#define TDX_CERT_PPID_CLEAR      1u
#define TDX_CERT_PPID_RSA2048    2u
#define TDX_CERT_PPID_RSA3072    3u
#define TDX_CERT_PCK_LEAF        4u
#define TDX_CERT_PCK_CHAIN       5u /* PEM: PCK leaf, intermediate CA, root */
#define TDX_CERT_QE_REPORT       6u /* QE report certification data */
#define TDX_CERT_PLATFORM_MANIFEST 7u

/* ---- QE report = SGX REPORT body (A.3 "Enclave Report Body"), 384 B --- */
#define TDX_QE_REPORT_SIZE 384u
/* Its layout: struct tdx_sgx_report_body, include/futeet/sgx_report.h (the
 * verifier reads it; the kernel only bounds it). */

/* Smallest quotes: a v4 quote with empty certification data is
 * 0x27C + 64 + 64 + 6 bytes; go-tdx-guest's minimum v5 size is 1026. */
#define TDX_QUOTE_V4_MIN_SIZE (TDX_QUOTE_V4_SIGLEN_OFF + 4u + TDX_ECDSA_SIG_SIZE + \
			       TDX_ECDSA_KEY_SIZE + TDX_CERT_DATA_HDR_SIZE)

/* ---- GetQuote shared buffer (GHCI 343961, TDG.VP.VMCALL<GetQuote>,
 * "TDX_QUOTE_HDR"): header then in_len bytes of TDREPORT in, out_len bytes
 * of quote out. */
#define TDX_GETQUOTE_VERSION           1u
#define TDX_GETQUOTE_STATUS_SUCCESS    0x0000000000000000ull
#define TDX_GETQUOTE_STATUS_IN_FLIGHT  0xFFFFFFFFFFFFFFFFull
#define TDX_GETQUOTE_STATUS_ERROR      0x8000000000000000ull
#define TDX_GETQUOTE_STATUS_QGS_UNAVAILABLE 0x8000000000000001ull
struct tdx_getquote_hdr {
	uint64_t version;            /* 0x00 = 1 */
	uint64_t status;             /* 0x08 set by the VMM */
	uint32_t in_len;             /* 0x10 */
	uint32_t out_len;            /* 0x14 */
	/* 0x18: data */
};
FUTEET_ASSERT_SIZE(struct tdx_getquote_hdr, 24);
FUTEET_ASSERT_OFFSET(struct tdx_getquote_hdr, status, 0x08);
FUTEET_ASSERT_OFFSET(struct tdx_getquote_hdr, in_len, 0x10);
FUTEET_ASSERT_OFFSET(struct tdx_getquote_hdr, out_len, 0x14);

#endif
