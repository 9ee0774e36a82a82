/* Private <-> shared conversion (arch/x86_64/coco/shared.h). */
#include "futeet/errno.h"
#include "arch/x86_64/coco/shared.h"

int coco_set_shared(uint64_t va, size_t size, bool shared)
{
	(void)va;
	(void)size;
	(void)shared;
	return -EOPNOTSUPP;
}
