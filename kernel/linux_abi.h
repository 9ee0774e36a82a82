/* Linux x86-64 user ABI values the Linux-compatible syscalls use, each from
 * the Linux uapi header named beside it (Linux 6.1). */
#ifndef FUTEET_KERNEL_LINUX_ABI_H
#define FUTEET_KERNEL_LINUX_ABI_H

#include <stdint.h>
#include "futeet/compiler.h"

/* asm-generic/fcntl.h */
#define L_O_ACCMODE   00000003
#define L_O_RDONLY    00000000
#define L_O_WRONLY    00000001
#define L_O_RDWR      00000002
#define L_O_CREAT     00000100
#define L_O_EXCL      00000200
#define L_O_NOCTTY    00000400
#define L_O_TRUNC     00001000
#define L_O_APPEND    00002000
#define L_O_NONBLOCK  00004000
#define L_O_DIRECTORY 00200000
#define L_O_NOFOLLOW  00400000
#define L_O_CLOEXEC   02000000
#define L_O_PATH      010000000
#define L_AT_FDCWD    (-100)
#define L_AT_SYMLINK_NOFOLLOW 0x100
#define L_AT_REMOVEDIR        0x200
#define L_AT_EMPTY_PATH       0x1000
#define L_F_DUPFD  0
#define L_F_GETFD  1
#define L_F_SETFD  2
#define L_F_GETFL  3
#define L_F_SETFL  4
#define L_F_DUPFD_CLOEXEC 1030
#define L_FD_CLOEXEC 1
/* linux/fs.h */
#define L_SEEK_SET 0
#define L_SEEK_CUR 1
#define L_SEEK_END 2
/* linux/stat.h */
#define L_S_IFMT   0170000
#define L_S_IFDIR  0040000
#define L_S_IFCHR  0020000
#define L_S_IFREG  0100000
#define L_S_IFLNK  0120000
#define L_S_IFIFO  0010000
/* linux/dirent.h d_type (include/linux/fs_types.h DT_*) */
#define L_DT_FIFO 1
#define L_DT_CHR  2
#define L_DT_DIR  4
#define L_DT_REG  8
#define L_DT_LNK  10
/* asm-generic/ioctls.h */
#define L_TCGETS     0x5401
#define L_TIOCGWINSZ 0x5413
#define L_TIOCGPGRP  0x540F
#define L_FIONREAD   0x541B
/* asm/prctl.h */
#define L_ARCH_SET_GS 0x1001
#define L_ARCH_SET_FS 0x1002
#define L_ARCH_GET_FS 0x1003
#define L_ARCH_GET_GS 0x1004
/* linux/resource.h */
#define L_RLIMIT_STACK  3
#define L_RLIMIT_NOFILE 7
#define L_RLIM_NLIMITS  16
#define L_RLIM_INFINITY (~0ull)

/* arch/x86/include/uapi/asm/stat.h: struct stat on x86-64. */
struct linux_stat {
	uint64_t st_dev, st_ino, st_nlink;
	uint32_t st_mode, st_uid, st_gid, pad0;
	uint64_t st_rdev;
	int64_t st_size, st_blksize, st_blocks;
	uint64_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
	int64_t unused[3];
};
FUTEET_ASSERT_SIZE(struct linux_stat, 144);
FUTEET_ASSERT_OFFSET(struct linux_stat, st_mode, 24);
FUTEET_ASSERT_OFFSET(struct linux_stat, st_size, 48);
FUTEET_ASSERT_OFFSET(struct linux_stat, st_mtime_, 88);

/* linux/dirent.h: struct linux_dirent64 (header; the name follows). */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};
FUTEET_ASSERT_OFFSET(struct linux_dirent64, d_name, 19);

/* linux/stat.h: struct statx (statx(2)); timestamps are struct
 * statx_timestamp { s64 tv_sec; u32 tv_nsec; s32 reserved; }. */
#define L_STATX_BASIC_STATS 0x7ffu       /* TYPE MODE NLINK UID GID ATIME MTIME CTIME INO SIZE BLOCKS */
#define L_STATX__RESERVED   0x80000000u
#define L_AT_STATX_SYNC_TYPE 0x6000
#define L_AT_NO_AUTOMOUNT    0x800
#define L_AT_SYMLINK_FOLLOW  0x400
struct linux_statx_ts {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};
struct linux_statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct linux_statx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t spare2[14];
};
FUTEET_ASSERT_SIZE(struct linux_statx, 256);
FUTEET_ASSERT_OFFSET(struct linux_statx, stx_mode, 28);
FUTEET_ASSERT_OFFSET(struct linux_statx, stx_ino, 32);
FUTEET_ASSERT_OFFSET(struct linux_statx, stx_mtime, 112);
FUTEET_ASSERT_OFFSET(struct linux_statx, stx_rdev_major, 128);
FUTEET_ASSERT_OFFSET(struct linux_statx, stx_dev_minor, 140);

/* asm-generic/poll.h: struct pollfd { int fd; short events, revents; }. */
#define L_POLLIN     0x001
#define L_POLLPRI    0x002
#define L_POLLOUT    0x004
#define L_POLLERR    0x008
#define L_POLLHUP    0x010
#define L_POLLNVAL   0x020
#define L_POLLRDNORM 0x040
#define L_POLLWRNORM 0x100
struct linux_pollfd {
	int32_t fd;
	int16_t events, revents;
};
FUTEET_ASSERT_SIZE(struct linux_pollfd, 8);
#define L_FD_SETSIZE 1024   /* linux/posix_types.h __FD_SETSIZE */

/* linux/prctl.h */
#define L_PR_GET_DUMPABLE     3
#define L_PR_SET_DUMPABLE     4
#define L_PR_SET_NAME        15
#define L_PR_GET_NAME        16
#define L_PR_SET_NO_NEW_PRIVS 38
#define L_PR_GET_NO_NEW_PRIVS 39
#define L_TASK_COMM_LEN      16

/* linux/utsname.h: struct new_utsname, six fields of 65 bytes. */
#define L_UTS_LEN 65

#endif
