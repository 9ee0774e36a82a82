/* The program's files (kernel/vfs.c): one flat table of nodes named by
 * absolute path.
 *
 *   /            the initrd (cpio newc), read-only, measured before use
 *   /tmp         RAM-backed, writable, at most VFS_TMP_LIMIT bytes of data
 *   /dev         null, zero, urandom (the kernel DRBG), console
 *   /proc/self/exe  a symlink to the running program
 *   /proc/self/cmdline, /proc/meminfo, /proc/cpuinfo,
 *   /sys/devices/system/cpu/{online,possible}: the few files static
 *                runtimes read, written when each program starts
 *
 * File descriptors point to open file descriptions (offset, flags) as on
 * Linux, so dup'ed descriptors share their offset. Nothing written to a
 * file leaves the guest; only the console (fd 1 and 2 at start, and
 * /dev/console) reaches the host. */
#ifndef FUTEET_KERNEL_VFS_H
#define FUTEET_KERNEL_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/compiler.h"

#define VFS_PATH_MAX   256u      /* bytes with the NUL; Linux PATH_MAX is 4096 */
#define VFS_NODES_MAX  1024u
#define VFS_FDS_MAX    64u
#define VFS_TMP_LIMIT  (32u << 20)
#define VFS_SYMLOOP_MAX 8

enum vfs_kind {
	VFS_DIR = 1, VFS_FILE, VFS_SYMLINK,
	VFS_DEV_NULL, VFS_DEV_ZERO, VFS_DEV_URANDOM, VFS_DEV_CONSOLE, VFS_STDIN, VFS_PIPE,
};

struct vfs_node {
	char path[VFS_PATH_MAX];
	uint8_t kind;
	bool used, writable;         /* writable: a /tmp node */
	bool orphan;                 /* unlinked while open: freed at the last close */
	uint32_t perm;               /* permission bits (07777) */
	uint32_t uid, gid;           /* owner: 0 unless chown set it (/tmp) */
	uint32_t mtime;
	const uint8_t *ro;           /* initrd bytes, symlink target, stdin */
	uint8_t *data;               /* /tmp file bytes (pmm pages) */
	size_t size, cap;
};

/* Build the tree from a parsed initrd archive (may be NULL/0: an empty
 * root); stdin's bytes (may be empty). 0 or -EINVAL with a printed reason. */
FUTEET_MUST_CHECK
int vfs_init(const uint8_t *cpio, size_t len, const uint8_t *stdin_data, size_t stdin_len);
/* Before each program: close every descriptor, open 0 (stdin), 1 and 2
 * (the console), cwd "/", /proc/self/exe -> exe, /proc/self/cmdline from
 * argv, and the other /proc and /sys files. */
void vfs_reset_process(const char *exe, int argc, const char *const *argv);

/* Resolve a path for the kernel (the program loader): the node of a regular
 * file, following symlinks. */
FUTEET_MUST_CHECK
int vfs_lookup_file(const char *path, const uint8_t **data, size_t *size, char *canon,
		    size_t canon_cap);

/* Where program output of fd 1 goes: the console (default) or, with
 * futeet.stdout=serial1, raw bytes on the second serial port. */
void vfs_set_stdout_serial1(bool on);

#endif
