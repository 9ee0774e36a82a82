/* Volatile monotonic counters (futeet_counter, uapi/futeet/clock.h): a fixed
 * table in kernel memory. They only ever go up while the guest runs, and
 * start again at zero on the next boot: nothing persists them, so they do
 * not protect against a host that restarts the guest and replays old state
 * (docs/API.md, docs/CAVEATS.md). */
#include <stdbool.h>

#include "futeet/errno.h"
#include "futeet/uaccess.h"
#include "kernel/kernel.h"
#include "uapi/futeet/clock.h"

static struct {
	bool used;
	uint64_t value;
} counters[FUTEET_COUNTER_MAX];

long sys_futeet_counter(uint64_t op, uint64_t id, uint64_t uvalue)
{
	uint64_t v;

	/* Validate every argument, then act. */
	if (op == FUTEET_COUNTER_CREATE) {
		if (id != 0 || uvalue != 0)
			return -EINVAL;
		for (uint32_t i = 0; i < FUTEET_COUNTER_MAX; i++)
			if (!counters[i].used) {
				counters[i].used = true;
				counters[i].value = 0;
				return (long)i;
			}
		return -ENOSPC;
	}
	if (op != FUTEET_COUNTER_INCREMENT && op != FUTEET_COUNTER_READ)
		return -EINVAL;
	if (id >= FUTEET_COUNTER_MAX)
		return -EINVAL;
	if (!counters[id].used)
		return -ENOENT;
	if (!user_range_ok(uvalue, sizeof(v), true))
		return -EFAULT;
	v = counters[id].value;
	if (op == FUTEET_COUNTER_INCREMENT) {
		if (v == UINT64_MAX)
			return -EOVERFLOW;
		v++;
	}
	/* Checked above: the copy can only fail if the page went away, and
	 * nothing else runs in between (one CPU, one thread). */
	int rc = copy_to_user(uvalue, &v, sizeof(v));
	if (rc)
		return rc;
	counters[id].value = v;
	return 0;
}
