/* One strerror for the kernel, userland and the host tools. */
#include "futeet/errno.h"

const char *futeet_strerror(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case 0: return "success";
	case EPERM: return "operation not permitted";
	case ENOENT: return "no such entry";
	case EINTR: return "interrupted";
	case EIO: return "I/O error";
	case E2BIG: return "argument list too long";
	case ENOEXEC: return "bad executable format";
	case EBADF: return "bad descriptor";
	case EAGAIN: return "try again";
	case ENOMEM: return "out of memory";
	case EACCES: return "permission denied";
	case EFAULT: return "bad address";
	case EBUSY: return "device busy";
	case EEXIST: return "already exists";
	case ENODEV: return "no such device";
	case EINVAL: return "invalid argument";
	case ENOSPC: return "no space left";
	case ERANGE: return "out of range";
	case ENOSYS: return "function not implemented";
	case ENODATA: return "no data available";
	case ETIME: return "timer expired";
	case EPROTO: return "protocol error";
	case EBADMSG: return "bad message";
	case EOVERFLOW: return "value too large";
	case EMSGSIZE: return "message too long";
	case EOPNOTSUPP: return "operation not supported";
	case ECONNRESET: return "connection reset";
	case ETIMEDOUT: return "timed out";
	case ECANCELED: return "operation canceled";
	case EKEYREVOKED: return "key has been revoked";
	case EKEYREJECTED: return "key was rejected";
	default: return "unknown error";
	}
}
