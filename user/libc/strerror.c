/* FUTEET userland: strerror over the uapi errno values (Linux x86-64 numbers,
 * the texts of glibc's, shortened where they are long). */
#include <errno.h>
#include <string.h>

struct errtext {
	int num;
	const char *text;
};

static const struct errtext errtexts[] = {
	{ 0, "Success" },
	{ EPERM, "Operation not permitted" },
	{ ENOENT, "No such file or directory" },
	{ EINTR, "Interrupted system call" },
	{ EIO, "Input/output error" },
	{ E2BIG, "Argument list too long" },
	{ ENOEXEC, "Exec format error" },
	{ EBADF, "Bad file descriptor" },
	{ EAGAIN, "Resource temporarily unavailable" },
	{ ENOMEM, "Cannot allocate memory" },
	{ EACCES, "Permission denied" },
	{ EFAULT, "Bad address" },
	{ EBUSY, "Device or resource busy" },
	{ EEXIST, "File exists" },
	{ ENODEV, "No such device" },
	{ EINVAL, "Invalid argument" },
	{ ENOSPC, "No space left on device" },
	{ ERANGE, "Numerical result out of range" },
	{ ENOSYS, "Function not implemented" },
	{ ENODATA, "No data available" },
	{ ETIME, "Timer expired" },
	{ EPROTO, "Protocol error" },
	{ EBADMSG, "Bad message" },
	{ EOVERFLOW, "Value too large for defined data type" },
	{ EMSGSIZE, "Message too long" },
	{ EOPNOTSUPP, "Operation not supported" },
	{ ECONNRESET, "Connection reset by peer" },
	{ ETIMEDOUT, "Connection timed out" },
	{ ECANCELED, "Operation canceled" },
	{ EKEYREJECTED, "Key was rejected by service" },
};

char *strerror(int errnum)
{
	for (size_t i = 0; i < sizeof(errtexts) / sizeof(errtexts[0]); i++)
		if (errtexts[i].num == errnum)
			return (char *)errtexts[i].text;
	return (char *)"Unknown error";
}
