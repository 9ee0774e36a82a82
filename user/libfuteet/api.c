/* libfuteet: the FUTEET calls a program uses (include/uapi/futeet/futeet.h),
 * over the raw stubs; each returns 0 or a negative errno. */
#include <futeet/futeet.h>

/* getrandom's Linux flags (include/uapi/linux/random.h): none, i.e. the
 * kernel's DRBG, which never blocks once the kernel runs. */
#define GETRANDOM_FLAGS 0

int futeet_random(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len) {
		long r = futeet_sys_getrandom((long)p, (long)len, GETRANDOM_FLAGS);

		if (futeet_is_err(r))
			return (int)r;
		if (r == 0 || (size_t)r > len)
			return -EIO;
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

int futeet_time(struct futeet_time *out)
{
	return (int)futeet_sys_futeet_time((long)out, 0);
}

int futeet_counter_create(uint32_t *id)
{
	long r = futeet_sys_futeet_counter(FUTEET_COUNTER_CREATE, 0, 0);

	if (futeet_is_err(r))
		return (int)r;
	*id = (uint32_t)r;
	return 0;
}

int futeet_counter_increment(uint32_t id, uint64_t *value)
{
	return (int)futeet_sys_futeet_counter(FUTEET_COUNTER_INCREMENT, (long)id, (long)value);
}

int futeet_counter_read(uint32_t id, uint64_t *value)
{
	return (int)futeet_sys_futeet_counter(FUTEET_COUNTER_READ, (long)id, (long)value);
}
