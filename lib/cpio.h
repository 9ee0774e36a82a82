/* The cpio "newc" archive format (the Linux initramfs format): parse one
 * entry at a time out of a caller-held buffer. The format, from the Linux
 * source's Documentation/driver-api/early-userspace/buffer-format.rst and
 * GNU cpio's manual ("Options" / newc):
 *
 *   offset  size  field (ASCII hex, 8 digits each, no NUL)
 *        0     6  c_magic     "070701" (or "070702": with a checksum)
 *        6     8  c_ino
 *       14     8  c_mode      st_mode: S_IFMT bits and permissions
 *       22     8  c_uid, 30 c_gid, 38 c_nlink, 46 c_mtime
 *       54     8  c_filesize
 *       62     8  c_devmajor, 70 c_devminor, 78 c_rdevmajor, 86 c_rdevminor
 *       94     8  c_namesize  including the terminating NUL
 *      102     8  c_check
 *      110        name[c_namesize], then NUL padding to a multiple of 4
 *                 file data[c_filesize], then NUL padding to a multiple of 4
 *
 * The archive ends with an entry named "TRAILER!!!". Input is hostile: every
 * size is checked against what is left of the buffer before it is used. */
#ifndef FUTEET_LIB_CPIO_H
#define FUTEET_LIB_CPIO_H

#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define CPIO_HDR_LEN   110u
#define CPIO_NAME_MAX  255u   /* our bound on a path inside the archive */

/* st_mode's file type (POSIX <sys/stat.h>, Linux include/uapi/linux/stat.h). */
#define CPIO_S_IFMT   0170000u
#define CPIO_S_IFDIR  0040000u
#define CPIO_S_IFREG  0100000u
#define CPIO_S_IFLNK  0120000u

struct cpio_entry {
	/* The path as archived, without leading "./" or "/", NUL-terminated
	 * (points into the archive); "" for the root "." entry. */
	const char *name;
	size_t name_len;
	uint32_t mode, uid, gid, nlink, mtime;
	const uint8_t *data;   /* c_filesize bytes inside the archive */
	size_t size;
};

/* Parse the entry at *off of buf[0..len). Returns 1 with *e filled and *off
 * moved past the entry, 0 at the trailer, or -EINVAL with *why saying what is
 * wrong (a static string). Refused: a bad magic or hex digit, a header, name
 * or data running past the end, a name without its NUL or with a NUL inside,
 * a name of more than CPIO_NAME_MAX bytes, a ".." component, an empty
 * component ("a//b"), a type other than directory, regular file or symlink. */
FUTEET_MUST_CHECK
int cpio_next(const uint8_t *buf, size_t len, size_t *off, struct cpio_entry *e,
	      const char **why);

#endif
