/* One strerror for the kernel, userland (libfuteet's futeet_strerror and the
 * libc's strerror) and the host tools: the texts of glibc's strerror for the
 * Linux errno values of include/uapi/futeet/errno.h. */
#include "futeet/errno.h"

const char *futeet_strerror(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case 0: return "Success";
	case EPERM: return "Operation not permitted";
	case ENOENT: return "No such file or directory";
	case EINTR: return "Interrupted system call";
	case EIO: return "Input/output error";
	case E2BIG: return "Argument list too long";
	case ENOEXEC: return "Exec format error";
	case EBADF: return "Bad file descriptor";
	case EAGAIN: return "Resource temporarily unavailable";
	case ENOMEM: return "Cannot allocate memory";
	case EACCES: return "Permission denied";
	case EFAULT: return "Bad address";
	case EBUSY: return "Device or resource busy";
	case EEXIST: return "File exists";
	case EXDEV: return "Invalid cross-device link";
	case ENODEV: return "No such device";
	case EINVAL: return "Invalid argument";
	case ENOSPC: return "No space left on device";
	case ERANGE: return "Numerical result out of range";
	case ENOSYS: return "Function not implemented";
	case ESRCH: return "No such process";
	case ECHILD: return "No child processes";
	case ENOTDIR: return "Not a directory";
	case EISDIR: return "Is a directory";
	case ENFILE: return "Too many open files in system";
	case EMFILE: return "Too many open files";
	case ENOTTY: return "Inappropriate ioctl for device";
	case EFBIG: return "File too large";
	case ESPIPE: return "Illegal seek";
	case EROFS: return "Read-only file system";
	case EDEADLK: return "Resource deadlock avoided";
	case ENAMETOOLONG: return "File name too long";
	case ENOTEMPTY: return "Directory not empty";
	case ELOOP: return "Too many levels of symbolic links";
	case EPIPE: return "Broken pipe";
	case ENODATA: return "No data available";
	case ETIME: return "Timer expired";
	case EPROTO: return "Protocol error";
	case EBADMSG: return "Bad message";
	case EOVERFLOW: return "Value too large for defined data type";
	case EMSGSIZE: return "Message too long";
	case EOPNOTSUPP: return "Operation not supported";
	case ECONNRESET: return "Connection reset by peer";
	case ENOTCONN: return "Transport endpoint is not connected";
	case ETIMEDOUT: return "Connection timed out";
	case ECANCELED: return "Operation canceled";
	case EKEYREVOKED: return "Key has been revoked";
	case EKEYREJECTED: return "Key was rejected by service";
	default: return "Unknown error";
	}
}
