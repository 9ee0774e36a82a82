/* #VC / #VE handling and the SNP CPUID page (arch/x86_64/coco/vc_ve.c). */
#ifndef FUTEET_ARCH_COCO_VC_VE_H
#define FUTEET_ARCH_COCO_VC_VE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct trap_frame;

/* Called by the trap handler first: true when a #VC/#VE was served and
 * the frame may resume; false for anything else (the trap handler then
 * kills a user program; an unserved kernel #VC/#VE never returns). */
bool coco_exception(struct trap_frame *f);

/* Parse and keep a private copy of the SNP CPUID page (snp_tables.h). */
int coco_snp_cpuid_load(const uint8_t *page, size_t len);
/* CPUID from that page: 0 with out[4], or -ENODEV (no page loaded). */
int coco_snp_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);

#endif
