/* Conversion orders (arch/x86_64/coco/convert.h). */
#include <stddef.h>

#include "futeet/errno.h"

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

uint64_t coco_unit_len(uint64_t va, uint64_t end, bool allow_2m)
{
	if (allow_2m && (va & (COCO_2M - 1)) == 0 && end > va && end - va >= COCO_2M)
		return COCO_2M;
	return COCO_4K;
}

/* APM vol. 3 (24594) PVALIDATE, table "PVALIDATE return codes". */
#define PVALIDATE_FAIL_INPUT         1u
#define PVALIDATE_FAIL_SIZEMISMATCH  6u

int coco_pvalidate_result(uint32_t eax, bool cf)
{
	if (cf)
		return -EEXIST;
	switch (eax) {
	case 0: return 0;
	case PVALIDATE_FAIL_INPUT: return -EINVAL;
	case PVALIDATE_FAIL_SIZEMISMATCH: return -ERANGE;
	default: return -EIO;
	}
}

static bool is_pvalidate(unsigned step)
{
	return step == COCO_STEP_PVALIDATE || step == COCO_STEP_PVALIDATE_RESCIND;
}

static int fail(struct coco_convert_failure *f, unsigned step, uint64_t va, uint64_t len,
		bool changed, int rc)
{
	f->step = step;
	f->va = va;
	f->len = len;
	f->changed = changed;
	return rc;
}

int coco_convert_range(const uint8_t *plan, uint64_t va, uint64_t size, bool allow_2m,
		       coco_step_fn fn, void *ctx, struct coco_convert_failure *f)
{
	uint64_t end = va + size, len;
	bool changed = false;

	if (plan == NULL || (va & (COCO_4K - 1)) || (size & (COCO_4K - 1)) || end < va)
		return fail(f, COCO_STEP_END, va, 0, false, -EINVAL);
	for (uint64_t a = va; a < end; a += len) {
		len = coco_unit_len(a, end, allow_2m);
		for (unsigned i = 0; plan[i] != COCO_STEP_END; i++) {
			int rc = fn(ctx, plan[i], a, len);

			if (rc == -ERANGE && len == COCO_2M && is_pvalidate(plan[i])) {
				/* 4 KiB RMP entries under a 2 MiB request: nothing
				 * changed (APM PVALIDATE); redo page by page. */
				for (uint64_t p = a; p < a + COCO_2M; p += COCO_4K) {
					rc = fn(ctx, plan[i], p, COCO_4K);
					if (rc)
						return fail(f, plan[i], p, COCO_4K, changed, rc);
					changed = true;
				}
				continue;
			}
			if (rc)
				return fail(f, plan[i], a, len, changed, rc);
			changed = true;
		}
	}
	return 0;
}
