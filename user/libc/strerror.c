/* FUTEET userland: strerror over the one errno table (lib/strerror.c,
 * futeet_strerror: glibc's texts for the uapi's Linux errno values). */
#include <errno.h>
#include <string.h>

char *strerror(int errnum)
{
	/* futeet_strerror also names -errno; strerror of a negative number is
	 * an unknown error, as in glibc. */
	return (char *)futeet_strerror(errnum < 0 ? 9999 : errnum);
}
