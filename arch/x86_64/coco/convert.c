/* Conversion orders (arch/x86_64/coco/convert.h). */
#include <stddef.h>

#include "uapi/futeet/tee.h"
#include "arch/x86_64/coco/convert.h"

static const uint8_t snp_to_shared[] = {
	COCO_STEP_PVALIDATE_RESCIND, COCO_STEP_PSC_SHARED, COCO_STEP_PTE_SHARED,
	COCO_STEP_TLB_FLUSH, COCO_STEP_END,
};
static const uint8_t snp_to_private[] = {
	COCO_STEP_PTE_PRIVATE, COCO_STEP_TLB_FLUSH, COCO_STEP_PSC_PRIVATE,
	COCO_STEP_PVALIDATE, COCO_STEP_ZERO, COCO_STEP_END,
};
static const uint8_t tdx_to_shared[] = {
	COCO_STEP_PTE_SHARED, COCO_STEP_TLB_FLUSH, COCO_STEP_MAPGPA_SHARED, COCO_STEP_END,
};
static const uint8_t tdx_to_private[] = {
	COCO_STEP_MAPGPA_PRIVATE, COCO_STEP_ACCEPT, COCO_STEP_PTE_PRIVATE,
	COCO_STEP_TLB_FLUSH, COCO_STEP_END,
};

const uint8_t *coco_conversion_plan(uint32_t platform, bool to_shared)
{
	switch (platform) {
	case FUTEET_PLATFORM_SNP:
		return to_shared ? snp_to_shared : snp_to_private;
	case FUTEET_PLATFORM_TDX:
		return to_shared ? tdx_to_shared : tdx_to_private;
	default:
		return NULL;
	}
}
