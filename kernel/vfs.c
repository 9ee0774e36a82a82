/* The program's file tree and its file syscalls (kernel/vfs.h draws the
 * tree). Paths are made absolute and normalised ("." and ".." removed, as
 * text) before lookup; symlinks are followed for every component, at most
 * VFS_SYMLOOP_MAX times per lookup. Every user pointer goes through
 * copy_{from,to}_user; every handler checks its arguments before it changes
 * anything. Errno values follow Linux (man 2 open, read, ...). */
#include <string.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/uart.h"
#include "futeet/errno.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/time.h"
#include "futeet/uaccess.h"
#include "kernel/kernel.h"
#include "kernel/linux_abi.h"
#include "kernel/linux_syscall.h"
#include "kernel/proc.h"
#include "kernel/vfs.h"
#include "lib/cpio.h"

#define IO_CHUNK 512u
#define DEV_INITRD 1u   /* st_dev of each file system */
#define DEV_TMP    2u
#define DEV_DEV    3u
/* Linux Documentation/admin-guide/devices.txt: char 1/3 null, 1/5 zero,
 * 1/9 urandom, 5/1 console; old_encode_dev() = major << 8 | minor. */
#define RDEV(ma, mi) ((uint64_t)(ma) << 8 | (mi))

/* A pipe inside the one process (pipe2): a 64 KiB ring (Linux's default
 * capacity, man 7 pipe). With one thread nothing could ever fill an empty
 * pipe or drain a full one while a call waits, so where Linux would block
 * the call returns EAGAIN (docs/LINUX-ABI.md). */
#define PIPES_MAX     4u
#define PIPE_PAGES    16u
#define PIPE_CAPACITY (PIPE_PAGES * 4096u)
struct pipe {
	bool used;
	uint8_t *buf;
	size_t head, len;
	int readers, writers;
};
static struct pipe pipes[PIPES_MAX];

struct ofd {
	int refs;
	struct vfs_node *n;
	uint64_t off;
	uint32_t flags;
	struct pipe *pipe;   /* a pipe end: flags say which (O_RDONLY / O_WRONLY) */
};

static struct vfs_node nodes[VFS_NODES_MAX];
static unsigned nodes_end;            /* no node was ever used at or past it */
static struct ofd ofds[VFS_FDS_MAX];
static int fdt[VFS_FDS_MAX];          /* -1 or an index into ofds */
static bool cloexec[VFS_FDS_MAX];
static char cwd[VFS_PATH_MAX] = "/";
static size_t tmp_used;
static const uint8_t *stdin_bytes;
static size_t stdin_size;
static bool stdout_serial1;
static char exe_path[VFS_PATH_MAX];

/* ---- paths ------------------------------------------------------------- */

/* out = normalise(base + "/" + p) (base ignored when p is absolute). */
static int path_join(const char *base, const char *p, char *out)
{
	char tmp[2 * VFS_PATH_MAX];
	size_t n = 0, bl = strnlen(base, VFS_PATH_MAX), pl = strnlen(p, VFS_PATH_MAX);

	if (pl >= VFS_PATH_MAX || bl >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (p[0] != '/') {
		memcpy(tmp, base, bl);
		n = bl;
		tmp[n++] = '/';
	}
	memcpy(tmp + n, p, pl);
	n += pl;
	tmp[n] = '\0';

	/* Walk the components of tmp, writing the kept ones to out. */
	size_t o = 0, i = 0;
	while (i < n) {
		while (i < n && tmp[i] == '/')
			i++;
		size_t s = i;
		while (i < n && tmp[i] != '/')
			i++;
		size_t c = i - s;
		if (c == 0 || (c == 1 && tmp[s] == '.'))
			continue;
		if (c == 2 && tmp[s] == '.' && tmp[s + 1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			continue;
		}
		if (o + 1 + c >= VFS_PATH_MAX)
			return -ENAMETOOLONG;
		out[o++] = '/';
		memcpy(out + o, tmp + s, c);
		o += c;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return 0;
}

static struct vfs_node *find(const char *abs)
{
	for (unsigned i = 0; i < nodes_end; i++)
		if (nodes[i].used && strcmp(nodes[i].path, abs) == 0)
			return &nodes[i];
	return NULL;
}

/* The parent directory's path of abs ("/a/b" -> "/a", "/a" -> "/"). */
static void dirname_of(const char *abs, char *out)
{
	size_t n = strlen(abs);
	while (n > 0 && abs[n - 1] != '/')
		n--;
	if (n <= 1) {
		out[0] = '/';
		out[1] = '\0';
		return;
	}
	memcpy(out, abs, n - 1);
	out[n - 1] = '\0';
}

/* Resolve an absolute normalised path to its node, following symlinks in
 * every component (and in the last one when follow). canon gets the path
 * of the node found, or of the missing last component (-ENOENT with
 * *parent_ok when only the last component is missing: open may create it). */
static int resolve(const char *abs, bool follow, struct vfs_node **out, char *canon,
		   bool *parent_ok)
{
	char path[VFS_PATH_MAX];
	int loops = 0;

	if (parent_ok)
		*parent_ok = false;
	strncpy_bounded(path, abs, sizeof(path));
restart:
	for (size_t i = 1;; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		bool last = path[i] == '\0';
		char save = path[i];
		path[i] = '\0';
		struct vfs_node *n = find(path);
		if (n && n->kind == VFS_SYMLINK && (!last || follow)) {
			char dir[VFS_PATH_MAX], target[VFS_PATH_MAX], joined[VFS_PATH_MAX];
			if (++loops > VFS_SYMLOOP_MAX)
				return -ELOOP;
			dirname_of(path, dir);
			size_t tl = n->size < sizeof(target) - 1 ? n->size : sizeof(target) - 1;
			memcpy(target, n->ro, tl);
			target[tl] = '\0';
			if (path_join(dir, target, joined))
				return -ENAMETOOLONG;
			path[i] = save;
			if (!last) {
				size_t jl = strlen(joined), rl = strlen(path + i);
				if (jl + rl >= sizeof(joined))
					return -ENAMETOOLONG;
				memcpy(joined + jl, path + i, rl + 1);
			}
			if (path_join("/", joined, path))
				return -ENAMETOOLONG;
			goto restart;
		}
		if (!n) {
			if (last) {
				strncpy_bounded(canon, path, VFS_PATH_MAX);
				if (parent_ok)
					*parent_ok = true;
			}
			return -ENOENT;
		}
		if (!last && n->kind != VFS_DIR)
			return -ENOTDIR;
		path[i] = save;
		if (last) {
			strncpy_bounded(canon, n->path, VFS_PATH_MAX);
			*out = n;
			return 0;
		}
	}
}

/* The root is "/"; resolve() starts at index 1, so "/" itself is found by
 * this special case. */
static int lookup(const char *abs, bool follow, struct vfs_node **out, char *canon,
		  bool *parent_ok)
{
	if (abs[0] == '/' && abs[1] == '\0') {
		*out = find("/");
		strncpy_bounded(canon, "/", VFS_PATH_MAX);
		if (parent_ok)
			*parent_ok = false;
		return *out ? 0 : -ENOENT;
	}
	return resolve(abs, follow, out, canon, parent_ok);
}

/* Copy a user path in (bounded, NUL required), make it absolute against
 * dirfd (only AT_FDCWD or a directory descriptor). */
static int user_path(int64_t dirfd, uint64_t upath, char *abs);

/* ---- nodes ------------------------------------------------------------- */

static struct vfs_node *node_new(const char *abs, uint8_t kind, uint32_t perm)
{
	for (unsigned i = 0; i < VFS_NODES_MAX; i++) {
		if (nodes[i].used)
			continue;
		struct vfs_node *n = &nodes[i];
		nodes_end = i + 1 > nodes_end ? i + 1 : nodes_end;
		memset(n, 0, sizeof(*n));
		strncpy_bounded(n->path, abs, sizeof(n->path));
		n->used = true;
		n->kind = kind;
		n->perm = perm & 07777;
		return n;
	}
	return NULL;
}

static const char *strrchr_slash(const char *p)
{
	const char *r = p;
	for (; *p; p++)
		if (*p == '/')
			r = p + 1;
	return r;
}

static bool in_tmp(const char *abs)
{
	return strncmp(abs, "/tmp/", 5) == 0;
}

static void node_free(struct vfs_node *n)
{
	if (n->data) {
		pmm_free_pages((uint64_t)(uintptr_t)n->data, n->cap / PAGE_SIZE);
		tmp_used -= n->cap;
	}
	memset(n, 0, sizeof(*n));
}

/* Grow a /tmp file's buffer to hold 'want' bytes (whole pages, doubling). */
static int node_reserve(struct vfs_node *n, size_t want)
{
	if (want <= n->cap)
		return 0;
	size_t cap = n->cap ? n->cap : PAGE_SIZE;
	while (cap < want) {
		if (cap > VFS_TMP_LIMIT)
			return -ENOSPC;
		cap *= 2;
	}
	if (cap - n->cap > VFS_TMP_LIMIT - tmp_used)
		return -ENOSPC;
	uint64_t pa;
	if (pmm_free_count() < cap / PAGE_SIZE + 512 || pmm_alloc_pages(cap / PAGE_SIZE, &pa))
		return -ENOSPC;
	uint8_t *d = (uint8_t *)(uintptr_t)pa;
	if (n->data) {
		memcpy(d, n->data, n->size);
		pmm_free_pages((uint64_t)(uintptr_t)n->data, n->cap / PAGE_SIZE);
	}
	tmp_used += cap - n->cap;
	n->data = d;
	n->cap = cap;
	return 0;
}

static const uint8_t *node_bytes(const struct vfs_node *n)
{
	return n->writable ? n->data : n->ro;
}

static uint64_t node_ino(const struct vfs_node *n)
{
	return (uint64_t)(n - nodes) + 1;
}

static bool is_child(const struct vfs_node *dir, const struct vfs_node *n)
{
	char parent[VFS_PATH_MAX];
	/* An unlinked file still open has no path: it is nobody's child. */
	if (!n->used || n == dir || n->path[0] != '/' || strcmp(n->path, "/") == 0)
		return false;
	dirname_of(n->path, parent);
	return strcmp(parent, dir->path) == 0;
}

static void node_stat(const struct vfs_node *n, struct linux_stat *st)
{
	static const uint32_t type[] = {
		[VFS_DIR] = L_S_IFDIR, [VFS_FILE] = L_S_IFREG, [VFS_SYMLINK] = L_S_IFLNK,
		[VFS_DEV_NULL] = L_S_IFCHR, [VFS_DEV_ZERO] = L_S_IFCHR,
		[VFS_DEV_URANDOM] = L_S_IFCHR, [VFS_DEV_CONSOLE] = L_S_IFCHR,
		[VFS_STDIN] = L_S_IFREG, [VFS_PIPE] = L_S_IFIFO,
	};
	memset(st, 0, sizeof(*st));
	st->st_dev = n->writable || strcmp(n->path, "/tmp") == 0 ? DEV_TMP :
		     n->kind >= VFS_DEV_NULL && n->kind <= VFS_DEV_CONSOLE ? DEV_DEV : DEV_INITRD;
	st->st_ino = node_ino(n);
	st->st_mode = type[n->kind] | n->perm;
	st->st_nlink = 1;
	st->st_uid = n->uid;
	st->st_gid = n->gid;
	if (n->kind == VFS_DIR) {
		st->st_nlink = 2;
		for (unsigned i = 0; i < VFS_NODES_MAX; i++)
			if (nodes[i].kind == VFS_DIR && is_child(n, &nodes[i]))
				st->st_nlink++;
	}
	switch (n->kind) {
	case VFS_DEV_NULL: st->st_rdev = RDEV(1, 3); break;
	case VFS_DEV_ZERO: st->st_rdev = RDEV(1, 5); break;
	case VFS_DEV_URANDOM: st->st_rdev = RDEV(1, 9); break;
	case VFS_DEV_CONSOLE: st->st_rdev = RDEV(5, 1); break;
	default: break;
	}
	st->st_size = n->kind == VFS_DIR ? 4096 : n->kind == VFS_STDIN ? (int64_t)stdin_size :
		      (int64_t)n->size;
	st->st_blksize = 4096;
	st->st_blocks = (int64_t)((n->size + 4095) / 4096 * 8);
	if (n->kind == VFS_DIR)
		st->st_blocks = 8;
	st->st_atime_ = st->st_mtime_ = st->st_ctime_ = n->mtime;
}

/* ---- building the tree -------------------------------------------------- */

/* Create abs (and its missing parents) as directories. */
static int mkdirs(const char *abs, uint32_t perm)
{
	char p[VFS_PATH_MAX];
	strncpy_bounded(p, abs, sizeof(p));
	for (size_t i = 1;; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		char save = p[i];
		p[i] = '\0';
		struct vfs_node *n = find(p);
		if (!n && !(n = node_new(p, VFS_DIR, save ? 0755 : perm)))
			return -ENOSPC;
		if (n->kind != VFS_DIR)
			return -ENOTDIR;
		if (!save)
			return 0;
		p[i] = save;
	}
}

static int add_special(const char *abs, uint8_t kind, uint32_t perm)
{
	char dir[VFS_PATH_MAX];
	dirname_of(abs, dir);
	int err = mkdirs(dir, 0755);
	if (err)
		return err;
	struct vfs_node *n = find(abs);
	if (n)
		return 0;   /* the initrd brought its own */
	return node_new(abs, kind, perm) ? 0 : -ENOSPC;
}

int vfs_init(const uint8_t *cpio, size_t len, const uint8_t *stdin_data, size_t stdin_len)
{
	size_t off = 0;
	unsigned count = 0;

	for (unsigned i = 0; i < VFS_FDS_MAX; i++)
		fdt[i] = -1;
	if (!node_new("/", VFS_DIR, 0755))
		return -ENOSPC;
	while (cpio && len) {
		struct cpio_entry e;
		const char *why;
		int rc = cpio_next(cpio, len, &off, &e, &why);
		if (rc < 0) {
			kprintf("futeet: initrd refused at byte %zu: %s\n", off, why);
			return rc;
		}
		if (rc == 0)
			break;
		if (e.name_len == 0)
			continue;   /* "." */
		char abs[VFS_PATH_MAX];
		abs[0] = '/';
		memcpy(abs + 1, e.name, e.name_len + 1);
		if (find(abs)) {
			kprintf("futeet: initrd refused: '%s' appears twice\n", abs);
			return -EINVAL;
		}
		char dir[VFS_PATH_MAX];
		dirname_of(abs, dir);
		int err = mkdirs(dir, 0755);
		uint32_t t = e.mode & CPIO_S_IFMT;
		struct vfs_node *n = NULL;
		if (!err && t == CPIO_S_IFDIR)
			err = mkdirs(abs, e.mode);
		else if (!err)
			n = node_new(abs, t == CPIO_S_IFLNK ? VFS_SYMLINK : VFS_FILE, e.mode);
		if (err || (t != CPIO_S_IFDIR && !n)) {
			kprintf("futeet: initrd refused: '%s': %s (at most %u entries)\n", abs,
				err ? futeet_strerror(err) : "no room", VFS_NODES_MAX);
			return err ? err : -ENOSPC;
		}
		if (t == CPIO_S_IFDIR)
			n = find(abs);
		n->ro = e.data;
		n->size = e.size;
		n->mtime = e.mtime;
		count++;
	}
	int err = 0;
	struct vfs_node *tmp = find("/tmp");
	if (tmp && tmp->kind != VFS_DIR)
		err = -ENOTDIR;
	if (!err)
		err = mkdirs("/tmp", 01777);
	if (!err)
		err = add_special("/dev/null", VFS_DEV_NULL, 0666);
	if (!err)
		err = add_special("/dev/zero", VFS_DEV_ZERO, 0666);
	if (!err)
		err = add_special("/dev/urandom", VFS_DEV_URANDOM, 0666);
	if (!err)
		err = add_special("/dev/random", VFS_DEV_URANDOM, 0666);
	if (!err)
		err = add_special("/dev/console", VFS_DEV_CONSOLE, 0600);
	if (!err)
		err = add_special("/dev/tty", VFS_DEV_CONSOLE, 0666);
	if (!err)
		err = mkdirs("/proc/self", 0555);
	if (!err)
		err = mkdirs("/sys/devices/system/cpu", 0555);
	if (err) {
		kprintf("futeet: initrd refused: cannot add /tmp, /dev or /proc: %s\n",
			futeet_strerror(err));
		return err;
	}
	find("/tmp")->perm = 01777;
	stdin_bytes = stdin_data;
	stdin_size = stdin_len;
	kprintf("futeet: initrd: %u entries, %zu bytes; /tmp holds at most %u MiB\n", count, len,
		VFS_TMP_LIMIT >> 20);
	return 0;
}

void vfs_set_stdout_serial1(bool on)
{
	stdout_serial1 = on;
}

/* ---- descriptors -------------------------------------------------------- */

static struct vfs_node stdin_node = { .path = "<stdin>", .kind = VFS_STDIN, .used = true, .perm = 0400 };
static struct vfs_node stdout_node = { .path = "<console>", .kind = VFS_DEV_CONSOLE, .used = true, .perm = 0600 };

static void fd_close_all(void)
{
	for (unsigned i = 0; i < VFS_FDS_MAX; i++) {
		fdt[i] = -1;
		cloexec[i] = false;
	}
	memset(ofds, 0, sizeof(ofds));
}

static int ofd_new(struct vfs_node *n, uint32_t flags)
{
	for (unsigned i = 0; i < VFS_FDS_MAX; i++)
		if (ofds[i].refs == 0) {
			ofds[i] = (struct ofd){ .refs = 1, .n = n, .off = 0, .flags = flags };
			return (int)i;
		}
	return -ENFILE;
}

static int fd_install(int o, int min, bool cx)
{
	for (int fd = min; fd < (int)VFS_FDS_MAX; fd++)
		if (fdt[fd] < 0) {
			fdt[fd] = o;
			cloexec[fd] = cx;
			return fd;
		}
	return -EMFILE;
}

static struct ofd *fd_get(uint64_t fd)
{
	int f = (int)fd;   /* int fd: Linux ignores the high bits */
	if (f < 0 || f >= (int)VFS_FDS_MAX || fdt[f] < 0 || ofds[fdt[f]].refs == 0)
		return NULL;
	return &ofds[fdt[f]];
}

static bool node_open(const struct vfs_node *n);
static void node_free(struct vfs_node *n);

static void fd_drop(int fd)
{
	struct ofd *o = &ofds[fdt[fd]];
	fdt[fd] = -1;
	cloexec[fd] = false;
	if (--o->refs == 0) {
		struct vfs_node *n = o->n;
		struct pipe *p = o->pipe;
		if (p) {
			if ((o->flags & L_O_ACCMODE) == L_O_WRONLY)
				p->writers--;
			else
				p->readers--;
			if (p->readers == 0 && p->writers == 0) {
				pmm_free_pages((uint64_t)(uintptr_t)p->buf, PIPE_PAGES);
				memset(p, 0, sizeof(*p));
			}
		}
		memset(o, 0, sizeof(*o));
		if (n->orphan && !node_open(n))
			node_free(n);
	}
}

/* Unlink: the name goes now, the bytes with the last descriptor (Linux). */
static void node_unlink(struct vfs_node *n)
{
	if (!node_open(n)) {
		node_free(n);
		return;
	}
	n->path[0] = '\0';
	n->orphan = true;
}

/* A node of the kernel's own (/proc, /sys): bytes it owns, read-only.
 * The initrd may not bring its own (vfs_init makes /proc and /sys empty
 * directories of the kernel's). */
static void proc_node(const char *abs, uint8_t kind, uint32_t perm, const char *bytes, size_t n)
{
	struct vfs_node *l = find(abs);
	if (!l)
		l = node_new(abs, kind, perm);
	if (l) {
		l->ro = (const uint8_t *)bytes;
		l->size = n;
	}
}

/* The /proc and /sys files static runtimes read (glibc's get_nprocs reads
 * /sys/devices/system/cpu/online; sysconf(_SC_PHYS_PAGES) others
 * /proc/meminfo), in Linux's formats (Documentation/filesystems/proc.rst,
 * Documentation/ABI/testing/sysfs-devices-system-cpu); one CPU, the
 * memory free when the program starts. */
static char proc_text[2048];
static void proc_files(int argc, const char *const *argv)
{
	size_t at = 0, n;
	/* cmdline: each argument with its NUL (as much as fits). */
	for (int i = 0; i < argc; i++) {
		n = strlen(argv[i]) + 1;
		if (n > 1024 - at)
			break;
		memcpy(proc_text + at, argv[i], n);
		at += n;
	}
	proc_node("/proc/self/cmdline", VFS_FILE, 0444, proc_text, at);
	char *p = proc_text + at;
	uint64_t total = pmm_ram_bytes() >> 10, free = (uint64_t)pmm_free_count() * (PAGE_SIZE >> 10);
	n = (size_t)ksnprintf(p, 256, "MemTotal:       %8llu kB\nMemFree:        %8llu kB\n"
			      "MemAvailable:   %8llu kB\n", (unsigned long long)total,
			      (unsigned long long)free, (unsigned long long)free);
	proc_node("/proc/meminfo", VFS_FILE, 0444, p, n);
	p += n + 1;
	n = (size_t)ksnprintf(p, 128, "processor\t: 0\nvendor_id\t: %s\n\n", cpu_features.vendor);
	proc_node("/proc/cpuinfo", VFS_FILE, 0444, p, n);
	p += n + 1;
	memcpy(p, "0\n", 2);
	proc_node("/sys/devices/system/cpu/online", VFS_FILE, 0444, p, 2);
	proc_node("/sys/devices/system/cpu/possible", VFS_FILE, 0444, p, 2);
	/* man 5 proc_mounts: what df and mount(8) read; statfs says the rest. */
	static const char mounts[] = "rootfs / rootfs ro 0 0\ndevtmpfs /dev devtmpfs rw 0 0\n"
				     "tmpfs /tmp tmpfs rw 0 0\n";
	proc_node("/proc/mounts", VFS_FILE, 0444, mounts, sizeof(mounts) - 1);
	proc_node("/proc/self/mounts", VFS_FILE, 0444, mounts, sizeof(mounts) - 1);
}

void vfs_reset_process(const char *exe, int argc, const char *const *argv)
{
	for (unsigned i = 0; i < VFS_FDS_MAX; i++)
		if (fdt[i] >= 0 && ofds[fdt[i]].refs > 0)
			fd_drop((int)i);
	fd_close_all();
	strncpy_bounded(cwd, "/", sizeof(cwd));
	int o = ofd_new(&stdin_node, L_O_RDONLY);
	(void)fd_install(o, 0, false);
	o = ofd_new(&stdout_node, L_O_WRONLY);
	(void)fd_install(o, 1, false);
	o = ofd_new(&stdout_node, L_O_WRONLY);
	(void)fd_install(o, 2, false);
	/* stdout and stderr are separate descriptions: fd 1 may go to the
	 * second serial port; see write_console. */
	ofds[fdt[1]].flags |= 0x80000000u;
	strncpy_bounded(exe_path, exe, sizeof(exe_path));
	proc_node("/proc/self/exe", VFS_SYMLINK, 0777, exe_path, strlen(exe_path));
	proc_files(argc, argv);
}

int vfs_lookup_file(const char *path, const uint8_t **data, size_t *size, char *canon,
		    size_t canon_cap)
{
	char abs[VFS_PATH_MAX], c[VFS_PATH_MAX];
	struct vfs_node *n;
	int err = path_join("/", path, abs);
	if (!err)
		err = lookup(abs, true, &n, c, NULL);
	if (err)
		return err;
	if (n->kind == VFS_DIR)
		return -EISDIR;
	if (n->kind != VFS_FILE)
		return -EACCES;
	*data = node_bytes(n);
	*size = n->size;
	strncpy_bounded(canon, c, canon_cap);
	return 0;
}

/* A path string from the program into p[VFS_PATH_MAX]: byte by byte up to
 * the NUL (the string may end just before an unmapped page); empty is
 * ENOENT, as Linux says for an empty path. */
static int user_str(uint64_t upath, char *p)
{
	size_t i = 0;
	for (; i < VFS_PATH_MAX; i++) {
		if (copy_from_user(&p[i], upath + i, 1))
			return -EFAULT;
		if (p[i] == '\0')
			break;
	}
	if (i == VFS_PATH_MAX)
		return -ENAMETOOLONG;
	return i == 0 ? -ENOENT : 0;
}

static int user_path(int64_t dirfd, uint64_t upath, char *abs)
{
	char p[VFS_PATH_MAX];
	const char *base = cwd;
	int err = user_str(upath, p);
	if (err)
		return err;
	if (p[0] != '/' && (int)dirfd != L_AT_FDCWD) {
		struct ofd *o = fd_get((uint64_t)dirfd);
		if (!o)
			return -EBADF;
		if (o->n->kind != VFS_DIR)
			return -ENOTDIR;
		base = o->n->path;
	}
	return path_join(base, p, abs);
}

/* The node a call names by (dirfd, path): the path resolved against dirfd
 * (following a final symlink when follow), or, when empty_ok and the path
 * is empty (AT_EMPTY_PATH) or NULL (utimensat), dirfd's own node. canon gets
 * the node's path. */
static int at_node(int64_t dirfd, uint64_t upath, bool follow, bool empty_ok,
		   struct vfs_node **n, char *canon)
{
	char abs[VFS_PATH_MAX];
	if (empty_ok) {
		char c = '\0';
		if (upath && copy_from_user(&c, upath, 1))
			return -EFAULT;
		if (c == '\0') {
			struct ofd *o = fd_get((uint64_t)dirfd);
			if (!o)
				return -EBADF;
			*n = o->n;
			strncpy_bounded(canon, o->n->path, VFS_PATH_MAX);
			return 0;
		}
	}
	int err = user_path(dirfd, upath, abs);
	return err ? err : lookup(abs, follow, n, canon, NULL);
}

/* ---- read / write ------------------------------------------------------- */

static void write_console(const struct ofd *o, const uint8_t *buf, size_t n)
{
	if (stdout_serial1 && (o->flags & 0x80000000u))
		uart_serial1_write(buf, n);
	else
		uart_write((const char *)buf, n);
}

static long pipe_read(struct pipe *p, uint64_t ubuf, uint64_t len)
{
	uint64_t done = 0;
	if (len == 0)
		return 0;
	if (p->len == 0)
		return p->writers ? -EAGAIN : 0;   /* EOF once no writer is left */
	while (done < len && p->len) {
		size_t c = PIPE_CAPACITY - p->head;
		if (c > p->len)
			c = p->len;
		if (c > len - done)
			c = (size_t)(len - done);
		if (copy_to_user(ubuf + done, p->buf + p->head, c))
			return done ? (long)done : -EFAULT;
		p->head = (p->head + c) % PIPE_CAPACITY;
		p->len -= c;
		done += c;
	}
	return (long)done;
}

/* What a write copies from: the program's memory (kbuf NULL, ubuf a user
 * address) or, for sendfile, bytes the kernel holds (kbuf). */
static int from_src(void *dst, uint64_t ubuf, const uint8_t *kbuf, uint64_t at, size_t n)
{
	if (kbuf) {
		memcpy(dst, kbuf + at, n);
		return 0;
	}
	return copy_from_user(dst, ubuf + at, n);
}

static long pipe_write(struct pipe *p, uint64_t ubuf, const uint8_t *kbuf, uint64_t len)
{
	uint64_t done = 0;
	if (p->readers == 0)
		return -EPIPE;   /* and no SIGPIPE: signals are never delivered */
	if (len == 0)
		return 0;
	if (p->len == PIPE_CAPACITY)
		return -EAGAIN;
	while (done < len && p->len < PIPE_CAPACITY) {
		size_t tail = (p->head + p->len) % PIPE_CAPACITY;
		size_t c = PIPE_CAPACITY - tail;
		if (c > PIPE_CAPACITY - p->len)
			c = PIPE_CAPACITY - p->len;
		if (c > len - done)
			c = (size_t)(len - done);
		if (from_src(p->buf + tail, ubuf, kbuf, done, c))
			return done ? (long)done : -EFAULT;
		p->len += c;
		done += c;
	}
	return (long)done;
}

static long do_read(struct ofd *o, uint64_t ubuf, uint64_t len, uint64_t *off)
{
	struct vfs_node *n = o->n;
	if ((o->flags & L_O_ACCMODE) == L_O_WRONLY)
		return -EBADF;
	if (!user_range_ok(ubuf, len, true))
		return -EFAULT;
	if (o->pipe)
		return pipe_read(o->pipe, ubuf, len);
	switch (n->kind) {
	case VFS_DIR:
		return -EISDIR;
	case VFS_DEV_NULL:
	case VFS_DEV_CONSOLE:
		return 0;
	case VFS_DEV_ZERO:
	case VFS_DEV_URANDOM: {
		uint8_t chunk[IO_CHUNK];
		if (len > (1u << 25))
			len = 1u << 25;
		for (uint64_t d = 0; d < len; d += IO_CHUNK) {
			size_t c = len - d < IO_CHUNK ? len - d : IO_CHUNK;
			if (n->kind == VFS_DEV_ZERO)
				memset(chunk, 0, c);
			else
				random_bytes(chunk, c);
			int err = copy_to_user(ubuf + d, chunk, c);
			futeet_wipe(chunk, sizeof(chunk));
			if (err)
				return d ? (long)d : err;
		}
		return (long)len;
	}
	case VFS_STDIN:
	case VFS_FILE: {
		const uint8_t *b = n->kind == VFS_STDIN ? stdin_bytes : node_bytes(n);
		size_t size = n->kind == VFS_STDIN ? stdin_size : n->size;
		if (*off >= size)
			return 0;
		uint64_t c = size - *off < len ? size - *off : len;
		if (c > (1ull << 30))
			c = 1ull << 30;
		if (copy_to_user(ubuf, b + *off, c))
			return -EFAULT;
		*off += c;
		return (long)c;
	}
	default:
		return -EINVAL;
	}
}

static long do_write(struct ofd *o, uint64_t ubuf, const uint8_t *kbuf, uint64_t len, uint64_t *off)
{
	struct vfs_node *n = o->n;
	uint8_t chunk[IO_CHUNK];

	if ((o->flags & L_O_ACCMODE) == L_O_RDONLY)
		return -EBADF;
	if (!kbuf && !user_range_ok(ubuf, len, false))
		return -EFAULT;
	if (o->pipe)
		return pipe_write(o->pipe, ubuf, kbuf, len);
	switch (n->kind) {
	case VFS_DEV_NULL:
	case VFS_DEV_ZERO:
	case VFS_DEV_URANDOM:
		return (long)len;
	case VFS_DEV_CONSOLE:
		for (uint64_t d = 0; d < len; d += IO_CHUNK) {
			size_t c = len - d < IO_CHUNK ? len - d : IO_CHUNK;
			if (from_src(chunk, ubuf, kbuf, d, c))
				return d ? (long)d : -EFAULT;
			write_console(o, chunk, c);
		}
		return (long)len;
	case VFS_FILE: {
		if (!n->writable)
			return -EBADF;
		if (o->flags & L_O_APPEND)
			*off = n->size;
		if (len > VFS_TMP_LIMIT || *off > VFS_TMP_LIMIT)
			return -EFBIG;
		int err = node_reserve(n, (size_t)(*off + len));
		if (err)
			return err;
		if (*off > n->size)
			memset(n->data + n->size, 0, (size_t)(*off - n->size));
		if (from_src(n->data + *off, ubuf, kbuf, 0, (size_t)len))
			return -EFAULT;
		*off += len;
		if (*off > n->size)
			n->size = (size_t)*off;
		return (long)len;
	}
	default:
		return -EINVAL;
	}
}

long sys_read(uint64_t fd, uint64_t ubuf, uint64_t len)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	return do_read(o, ubuf, len, &o->off);
}

long sys_write(uint64_t fd, uint64_t ubuf, uint64_t len)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	return do_write(o, ubuf, NULL, len, &o->off);
}

long sys_pread64(uint64_t fd, uint64_t ubuf, uint64_t len, uint64_t off)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	if ((int64_t)off < 0)
		return -EINVAL;
	if (o->n->kind != VFS_FILE)
		return -ESPIPE;
	return do_read(o, ubuf, len, &off);
}

/* struct iovec { void *iov_base; size_t iov_len; } (linux/uio.h); at most
 * UIO_MAXIOV = 1024 entries. */
static long do_iov(uint64_t fd, uint64_t uiov, uint64_t cnt, bool wr)
{
	struct ofd *o = fd_get(fd);
	long total = 0;
	if (!o)
		return -EBADF;
	if (cnt > 1024)
		return -EINVAL;
	for (uint64_t i = 0; i < cnt; i++) {
		uint64_t iov[2];
		if (copy_from_user(iov, uiov + i * 16, sizeof(iov)))
			return total ? total : -EFAULT;
		if (iov[1] == 0)
			continue;
		long r = wr ? do_write(o, iov[0], NULL, iov[1], &o->off) :
			      do_read(o, iov[0], iov[1], &o->off);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((uint64_t)r < iov[1])
			break;
	}
	return total;
}

long sys_readv(uint64_t fd, uint64_t uiov, uint64_t cnt)
{
	return do_iov(fd, uiov, cnt, false);
}

long sys_writev(uint64_t fd, uint64_t uiov, uint64_t cnt)
{
	return do_iov(fd, uiov, cnt, true);
}

/* ---- open / close ------------------------------------------------------- */

static long do_open(int64_t dirfd, uint64_t upath, uint64_t flags, uint64_t mode)
{
	char abs[VFS_PATH_MAX], canon[VFS_PATH_MAX];
	struct vfs_node *n = NULL;
	bool parent_ok;
	uint32_t acc = (uint32_t)flags & L_O_ACCMODE;
	int err = user_path(dirfd, upath, abs);
	if (err)
		return err;
	if (acc == 3)
		return -EINVAL;
	err = lookup(abs, !(flags & L_O_NOFOLLOW), &n, canon, &parent_ok);
	if (err == -ENOENT && (flags & L_O_CREAT) && parent_ok) {
		if (!in_tmp(canon))
			return -EROFS;
		char dir[VFS_PATH_MAX];
		dirname_of(canon, dir);
		struct vfs_node *d = find(dir);
		if (!d || d->kind != VFS_DIR)
			return -ENOENT;
		n = node_new(canon, VFS_FILE, (uint32_t)mode & 0777 & ~022u);
		if (!n)
			return -ENOSPC;
		n->writable = true;
		err = 0;
	} else if (err) {
		return err;
	} else if ((flags & L_O_CREAT) && (flags & L_O_EXCL)) {
		return -EEXIST;
	}
	if (n->kind == VFS_SYMLINK)
		return -ELOOP;   /* O_NOFOLLOW on a symlink */
	if ((flags & L_O_DIRECTORY) && n->kind != VFS_DIR)
		return -ENOTDIR;
	if (n->kind == VFS_DIR && acc != L_O_RDONLY)
		return -EISDIR;
	if (acc != L_O_RDONLY && n->kind == VFS_FILE && !n->writable)
		return -EROFS;
	if ((flags & L_O_TRUNC) && n->kind == VFS_FILE && acc != L_O_RDONLY)
		n->size = 0;
	int o = ofd_new(n, (uint32_t)flags);
	if (o < 0)
		return o;
	int fd = fd_install(o, 0, (flags & L_O_CLOEXEC) != 0);
	if (fd < 0)
		ofds[o].refs = 0;
	return fd;
}

long sys_open(uint64_t upath, uint64_t flags, uint64_t mode)
{
	return do_open(L_AT_FDCWD, upath, flags, mode);
}

long sys_openat(uint64_t dirfd, uint64_t upath, uint64_t flags, uint64_t mode)
{
	return do_open((int64_t)(int)dirfd, upath, flags, mode);
}

long sys_close(uint64_t fd)
{
	if (!fd_get(fd))
		return -EBADF;
	fd_drop((int)fd);
	return 0;
}

long sys_lseek(uint64_t fd, uint64_t off, uint64_t whence)
{
	struct ofd *o = fd_get(fd);
	int64_t base;
	if (!o)
		return -EBADF;
	if (o->n->kind != VFS_FILE && o->n->kind != VFS_DIR && o->n->kind != VFS_STDIN)
		return -ESPIPE;
	size_t size = o->n->kind == VFS_STDIN ? stdin_size : o->n->size;
	switch (whence) {
	case L_SEEK_SET: base = 0; break;
	case L_SEEK_CUR: base = (int64_t)o->off; break;
	case L_SEEK_END: base = (int64_t)size; break;
	default: return -EINVAL;
	}
	int64_t pos = base + (int64_t)off;
	if (pos < 0 || ((int64_t)off > 0 && pos < base))
		return -EINVAL;
	o->off = (uint64_t)pos;
	return pos;
}

/* ---- dup / fcntl / ioctl ----------------------------------------------- */

long sys_dup(uint64_t fd)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	int nfd = fd_install(fdt[(int)fd], 0, false);
	if (nfd >= 0)
		o->refs++;
	return nfd;
}

static long do_dup3(uint64_t oldfd, uint64_t newfd, uint64_t flags, bool dup2)
{
	struct ofd *o = fd_get(oldfd);
	int nf = (int)newfd;
	if (!o)
		return -EBADF;
	if (nf < 0 || nf >= (int)VFS_FDS_MAX)
		return -EBADF;
	if (flags & ~(uint64_t)L_O_CLOEXEC)
		return -EINVAL;
	if ((int)oldfd == nf)
		return dup2 ? nf : -EINVAL;
	if (fdt[nf] >= 0)
		fd_drop(nf);
	fdt[nf] = fdt[(int)oldfd];
	cloexec[nf] = (flags & L_O_CLOEXEC) != 0;
	o->refs++;
	return nf;
}

long sys_dup2(uint64_t oldfd, uint64_t newfd)
{
	return do_dup3(oldfd, newfd, 0, true);
}

long sys_dup3(uint64_t oldfd, uint64_t newfd, uint64_t flags)
{
	return do_dup3(oldfd, newfd, flags, false);
}

long sys_fcntl(uint64_t fd, uint64_t cmd, uint64_t arg)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	switch ((int)cmd) {
	case L_F_DUPFD:
	case L_F_DUPFD_CLOEXEC: {
		if ((int)arg < 0 || (int)arg >= (int)VFS_FDS_MAX)
			return -EINVAL;
		int nfd = fd_install(fdt[(int)fd], (int)arg, (int)cmd == L_F_DUPFD_CLOEXEC);
		if (nfd >= 0)
			o->refs++;
		return nfd;
	}
	case L_F_GETFD:
		return cloexec[(int)fd] ? L_FD_CLOEXEC : 0;
	case L_F_SETFD:
		cloexec[(int)fd] = (arg & L_FD_CLOEXEC) != 0;
		return 0;
	case L_F_GETFL:
		return (long)(o->flags & ~0x80000000u & ~(uint32_t)L_O_CLOEXEC);
	case L_F_SETFL:
		/* Linux changes only O_APPEND, O_NONBLOCK (and async flags). */
		o->flags = (o->flags & ~(uint32_t)(L_O_APPEND | L_O_NONBLOCK)) |
			   ((uint32_t)arg & (L_O_APPEND | L_O_NONBLOCK));
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_ioctl(uint64_t fd, uint64_t cmd, uint64_t arg)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	/* No terminal: the console is a serial line the program cannot
	 * configure, so every tty request is ENOTTY, as for a pipe. */
	if ((uint32_t)cmd == L_FIONREAD && o->n->kind == VFS_FILE) {
		int v = o->off < o->n->size ? (int)(o->n->size - o->off) : 0;
		return copy_to_user(arg, &v, sizeof(v));
	}
	return -ENOTTY;
}

/* ---- stat -------------------------------------------------------------- */

static long stat_path(int64_t dirfd, uint64_t upath, uint64_t ust, bool follow, bool empty_ok)
{
	char canon[VFS_PATH_MAX];
	struct vfs_node *n;
	struct linux_stat st;
	int err = at_node(dirfd, upath, follow, empty_ok, &n, canon);
	if (err)
		return err;
	node_stat(n, &st);
	return copy_to_user(ust, &st, sizeof(st));
}

long sys_stat(uint64_t upath, uint64_t ust)
{
	return stat_path(L_AT_FDCWD, upath, ust, true, false);
}

long sys_lstat(uint64_t upath, uint64_t ust)
{
	return stat_path(L_AT_FDCWD, upath, ust, false, false);
}

long sys_fstat(uint64_t fd, uint64_t ust)
{
	struct ofd *o = fd_get(fd);
	struct linux_stat st;
	if (!o)
		return -EBADF;
	node_stat(o->n, &st);
	return copy_to_user(ust, &st, sizeof(st));
}

long sys_newfstatat(uint64_t dirfd, uint64_t upath, uint64_t ust, uint64_t flags)
{
	if (flags & ~(uint64_t)(L_AT_SYMLINK_NOFOLLOW | L_AT_EMPTY_PATH))
		return -EINVAL;
	return stat_path((int64_t)(int)dirfd, upath, ust, !(flags & L_AT_SYMLINK_NOFOLLOW),
			 (flags & L_AT_EMPTY_PATH) != 0);
}

static long access_path(int64_t dirfd, uint64_t upath, uint64_t mode)
{
	char canon[VFS_PATH_MAX];
	struct vfs_node *n;
	if (mode & ~7ull)
		return -EINVAL;
	int err = at_node(dirfd, upath, true, false, &n, canon);
	if (err)
		return err;
	/* The program runs as root (uid 0), as Linux root: W fails only on
	 * the read-only tree, X needs some execute bit on a file. */
	if ((mode & 2) && !n->writable && n->kind != VFS_DIR && n->kind < VFS_DEV_NULL)
		return -EROFS;
	if ((mode & 2) && n->kind == VFS_DIR && !in_tmp(n->path) && strcmp(n->path, "/tmp") != 0)
		return -EROFS;
	if ((mode & 1) && n->kind != VFS_DIR && !(n->perm & 0111))
		return -EACCES;
	return 0;
}

long sys_access(uint64_t upath, uint64_t mode)
{
	return access_path(L_AT_FDCWD, upath, mode);
}

long sys_faccessat(uint64_t dirfd, uint64_t upath, uint64_t mode)
{
	return access_path((int64_t)(int)dirfd, upath, mode);
}

long sys_faccessat2(uint64_t dirfd, uint64_t upath, uint64_t mode, uint64_t flags)
{
	if (flags & ~(uint64_t)(L_AT_SYMLINK_NOFOLLOW | L_AT_EMPTY_PATH | 0x200))
		return -EINVAL;
	return access_path((int64_t)(int)dirfd, upath, mode);
}

static long readlink_path(int64_t dirfd, uint64_t upath, uint64_t ubuf, uint64_t len)
{
	char canon[VFS_PATH_MAX];
	struct vfs_node *n;
	if ((int64_t)len <= 0)
		return -EINVAL;
	int err = at_node(dirfd, upath, false, false, &n, canon);
	if (err)
		return err;
	if (n->kind != VFS_SYMLINK)
		return -EINVAL;
	size_t c = n->size < len ? n->size : len;
	if (copy_to_user(ubuf, n->ro, c))
		return -EFAULT;
	return (long)c;
}

long sys_readlink(uint64_t upath, uint64_t ubuf, uint64_t len)
{
	return readlink_path(L_AT_FDCWD, upath, ubuf, len);
}

long sys_readlinkat(uint64_t dirfd, uint64_t upath, uint64_t ubuf, uint64_t len)
{
	return readlink_path((int64_t)(int)dirfd, upath, ubuf, len);
}

/* ---- directories -------------------------------------------------------- */

long sys_getdents64(uint64_t fd, uint64_t ubuf, uint64_t len)
{
	struct ofd *o = fd_get(fd);
	uint64_t done = 0;
	if (!o)
		return -EBADF;
	if (o->n->kind != VFS_DIR)
		return -ENOTDIR;
	/* o->off: 0 ".", 1 "..", then 2 + node index of the next child. */
	for (;;) {
		const char *name;
		uint64_t ino;
		uint8_t type;
		uint64_t next;
		if (o->off == 0) {
			name = ".";
			ino = node_ino(o->n);
			type = L_DT_DIR;
			next = 1;
		} else if (o->off == 1) {
			name = "..";
			ino = 1;
			type = L_DT_DIR;
			next = 2;
		} else {
			uint64_t i = o->off - 2;
			while (i < VFS_NODES_MAX && !is_child(o->n, &nodes[i]))
				i++;
			if (i >= VFS_NODES_MAX)
				break;
			const struct vfs_node *c = &nodes[i];
			name = strrchr_slash(c->path);
			ino = node_ino(c);
			type = c->kind == VFS_DIR ? L_DT_DIR : c->kind == VFS_FILE ? L_DT_REG :
			       c->kind == VFS_SYMLINK ? L_DT_LNK : L_DT_CHR;
			next = i + 3;
		}
		size_t nl = strlen(name);
		size_t rec = (19 + nl + 1 + 7) & ~(size_t)7;
		if (done + rec > len) {
			if (done == 0)
				return -EINVAL;
			break;
		}
		uint8_t d[19 + VFS_PATH_MAX + 8];
		memset(d, 0, rec);
		struct linux_dirent64 h = { .d_ino = ino, .d_off = (int64_t)next,
					    .d_reclen = (uint16_t)rec, .d_type = type };
		memcpy(d, &h, 19);
		memcpy(d + 19, name, nl);
		if (copy_to_user(ubuf + done, d, rec))
			return -EFAULT;
		done += rec;
		o->off = next;
	}
	return (long)done;
}

long sys_getcwd(uint64_t ubuf, uint64_t len)
{
	size_t n = strlen(cwd) + 1;
	if (len < n)
		return -ERANGE;
	if (copy_to_user(ubuf, cwd, n))
		return -EFAULT;
	return (long)n;
}

long sys_chdir(uint64_t upath)
{
	char canon[VFS_PATH_MAX];
	struct vfs_node *n;
	int err = at_node(L_AT_FDCWD, upath, true, false, &n, canon);
	if (err)
		return err;
	if (n->kind != VFS_DIR)
		return -ENOTDIR;
	strncpy_bounded(cwd, canon, sizeof(cwd));
	return 0;
}

long sys_fchdir(uint64_t fd)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	if (o->n->kind != VFS_DIR)
		return -ENOTDIR;
	strncpy_bounded(cwd, o->n->path, sizeof(cwd));
	return 0;
}

/* ---- changing the tree (only under /tmp) -------------------------------- */

/* A new node named (dirfd, path), which must not exist (not even as a
 * dangling symlink), under /tmp (else EROFS). */
static int node_create(int64_t dirfd, uint64_t upath, uint8_t kind, uint32_t perm,
		       struct vfs_node **out)
{
	char abs[VFS_PATH_MAX], canon[VFS_PATH_MAX];
	struct vfs_node *n;
	bool parent_ok;
	int err = user_path(dirfd, upath, abs);
	if (err)
		return err;
	err = lookup(abs, false, &n, canon, &parent_ok);
	if (!err)
		return -EEXIST;
	if (!parent_ok)
		return err;
	if (!in_tmp(canon))
		return -EROFS;
	n = node_new(canon, kind, perm);
	if (!n)
		return -ENOSPC;
	n->writable = true;
	*out = n;
	return 0;
}

static long mkdir_path(int64_t dirfd, uint64_t upath, uint64_t mode)
{
	struct vfs_node *n;
	return node_create(dirfd, upath, VFS_DIR, (uint32_t)mode & 0777 & ~022u, &n);
}

long sys_mkdir(uint64_t upath, uint64_t mode)
{
	return mkdir_path(L_AT_FDCWD, upath, mode);
}

long sys_mkdirat(uint64_t dirfd, uint64_t upath, uint64_t mode)
{
	return mkdir_path((int64_t)(int)dirfd, upath, mode);
}

static bool node_open(const struct vfs_node *n)
{
	for (unsigned i = 0; i < VFS_FDS_MAX; i++)
		if (ofds[i].refs && ofds[i].n == n)
			return true;
	return false;
}

static bool dir_empty(const struct vfs_node *d)
{
	for (unsigned i = 0; i < VFS_NODES_MAX; i++)
		if (is_child(d, &nodes[i]))
			return false;
	return true;
}

static long unlink_path(int64_t dirfd, uint64_t upath, uint64_t flags)
{
	char canon[VFS_PATH_MAX];
	struct vfs_node *n;
	if (flags & ~(uint64_t)L_AT_REMOVEDIR)
		return -EINVAL;
	int err = at_node(dirfd, upath, false, false, &n, canon);
	if (err)
		return err;
	bool rmdir = flags & L_AT_REMOVEDIR;
	if (!n->writable)
		return -EROFS;
	if (rmdir && n->kind != VFS_DIR)
		return -ENOTDIR;
	if (!rmdir && n->kind == VFS_DIR)
		return -EISDIR;
	if (rmdir && !dir_empty(n))
		return -ENOTEMPTY;
	node_unlink(n);
	return 0;
}

long sys_unlink(uint64_t upath)
{
	return unlink_path(L_AT_FDCWD, upath, 0);
}

long sys_rmdir(uint64_t upath)
{
	return unlink_path(L_AT_FDCWD, upath, L_AT_REMOVEDIR);
}

long sys_unlinkat(uint64_t dirfd, uint64_t upath, uint64_t flags)
{
	return unlink_path((int64_t)(int)dirfd, upath, flags);
}

static long rename_path(int64_t ofd, uint64_t oldp, int64_t nfd, uint64_t newp)
{
	char a1[VFS_PATH_MAX], a2[VFS_PATH_MAX], c1[VFS_PATH_MAX], c2[VFS_PATH_MAX];
	struct vfs_node *from, *to;
	bool parent_ok;
	int err = user_path(ofd, oldp, a1);
	if (!err)
		err = user_path(nfd, newp, a2);
	if (!err)
		err = lookup(a1, false, &from, c1, NULL);
	if (err)
		return err;
	err = lookup(a2, false, &to, c2, &parent_ok);
	if (err && !parent_ok)
		return err;
	if (!from->writable || !in_tmp(c2))
		return -EROFS;
	if (from->kind == VFS_DIR)
		return -EBUSY;   /* renaming directories: not supported (documented) */
	if (!err) {
		if (to == from)
			return 0;
		if (to->kind == VFS_DIR)
			return -EISDIR;
		node_unlink(to);
	}
	strncpy_bounded(from->path, c2, sizeof(from->path));
	return 0;
}

long sys_rename(uint64_t oldp, uint64_t newp)
{
	return rename_path(L_AT_FDCWD, oldp, L_AT_FDCWD, newp);
}

long sys_renameat(uint64_t ofd, uint64_t oldp, uint64_t nfd, uint64_t newp)
{
	return rename_path((int64_t)(int)ofd, oldp, (int64_t)(int)nfd, newp);
}

long sys_renameat2(uint64_t ofd, uint64_t oldp, uint64_t nfd, uint64_t newp, uint64_t flags)
{
	if (flags)
		return -EINVAL;
	return rename_path((int64_t)(int)ofd, oldp, (int64_t)(int)nfd, newp);
}

static long node_truncate(struct vfs_node *n, uint64_t len)
{
	if (!n->writable)
		return -EROFS;
	if ((int64_t)len < 0)
		return -EINVAL;
	if (len > VFS_TMP_LIMIT)
		return -EFBIG;
	int err = node_reserve(n, (size_t)len);
	if (err)
		return err;
	if (len > n->size)
		memset(n->data + n->size, 0, (size_t)len - n->size);
	n->size = (size_t)len;
	return 0;
}

long sys_ftruncate(uint64_t fd, uint64_t len)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	if (o->n->kind != VFS_FILE || (o->flags & L_O_ACCMODE) == L_O_RDONLY)
		return -EINVAL;
	return node_truncate(o->n, len);
}

long sys_truncate(uint64_t upath, uint64_t len)
{
	char canon[VFS_PATH_MAX];
	struct vfs_node *n;
	int err = at_node(L_AT_FDCWD, upath, true, false, &n, canon);
	if (err)
		return err;
	if (n->kind == VFS_DIR)
		return -EISDIR;
	if (n->kind != VFS_FILE)
		return -EINVAL;
	return node_truncate(n, len);
}

/* File times and modes in /tmp: accepted, times not kept (no trusted wall
 * clock), modes kept. */
long sys_fchmod(uint64_t fd, uint64_t mode)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	if (!o->n->writable)
		return -EROFS;
	o->n->perm = (uint32_t)mode & 07777;
	return 0;
}

static long chmod_path(int64_t dirfd, uint64_t upath, uint64_t mode)
{
	char canon[VFS_PATH_MAX];
	struct vfs_node *n;
	int err = at_node(dirfd, upath, true, false, &n, canon);
	if (err)
		return err;
	if (!n->writable)
		return -EROFS;
	n->perm = (uint32_t)mode & 07777;
	return 0;
}

long sys_chmod(uint64_t upath, uint64_t mode)
{
	return chmod_path(L_AT_FDCWD, upath, mode);
}

long sys_fchmodat(uint64_t dirfd, uint64_t upath, uint64_t mode)
{
	return chmod_path((int64_t)(int)dirfd, upath, mode);
}

long sys_utimensat(uint64_t dirfd, uint64_t upath, uint64_t utimes, uint64_t flags)
{
	char canon[VFS_PATH_MAX];
	struct vfs_node *n;
	int err = at_node((int64_t)(int)dirfd, upath, !(flags & L_AT_SYMLINK_NOFOLLOW),
			  upath == 0 || (flags & L_AT_EMPTY_PATH), &n, canon);
	if (err)
		return err;
	if (!n->writable)
		return -EROFS;
	if (utimes) {
		int64_t ts[4];
		if (copy_from_user(ts, utimes, sizeof(ts)))
			return -EFAULT;
		n->mtime = (uint32_t)ts[2];
	}
	return 0;
}

/* ---- for mmap of a file ------------------------------------------------- */

int vfs_fd_bytes(uint64_t fd, const uint8_t **data, size_t *size)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	if (o->n->kind != VFS_FILE)
		return -EACCES;
	if ((o->flags & L_O_ACCMODE) == L_O_WRONLY)
		return -EACCES;
	*data = node_bytes(o->n);
	*size = o->n->size;
	return 0;
}

/* ---- pipes ----------------------------------------------------------------- */

static struct vfs_node pipe_node = { .path = "<pipe>", .kind = VFS_PIPE, .used = true, .perm = 0600 };

long sys_pipe2(uint64_t ufds, uint64_t flags)
{
	struct pipe *p = NULL;
	uint64_t pa;
	int fds[2];

	if (flags & ~(uint64_t)(L_O_CLOEXEC | L_O_NONBLOCK))
		return -EINVAL;
	if (!user_range_ok(ufds, sizeof(fds), true))
		return -EFAULT;
	for (unsigned i = 0; i < PIPES_MAX && !p; i++)
		if (!pipes[i].used)
			p = &pipes[i];
	if (!p)
		return -ENFILE;
	if (pmm_free_count() < PIPE_PAGES + 512 || pmm_alloc_pages(PIPE_PAGES, &pa))
		return -ENFILE;
	*p = (struct pipe){ .used = true, .buf = (uint8_t *)(uintptr_t)pa, .readers = 1, .writers = 1 };
	bool cx = (flags & L_O_CLOEXEC) != 0;
	uint32_t nb = (uint32_t)flags & L_O_NONBLOCK;
	int r = ofd_new(&pipe_node, L_O_RDONLY | nb), w = -1;
	if (r >= 0) {
		ofds[r].pipe = p;
		w = ofd_new(&pipe_node, L_O_WRONLY | nb);
	}
	if (w >= 0)
		ofds[w].pipe = p;
	fds[0] = r >= 0 ? fd_install(r, 0, cx) : -1;
	fds[1] = w >= 0 && fds[0] >= 0 ? fd_install(w, 0, cx) : -1;
	if (fds[0] < 0 || fds[1] < 0) {
		if (fds[0] >= 0)
			fdt[fds[0]] = -1;
		if (r >= 0)
			memset(&ofds[r], 0, sizeof(ofds[r]));
		if (w >= 0)
			memset(&ofds[w], 0, sizeof(ofds[w]));
		pmm_free_pages(pa, PIPE_PAGES);
		memset(p, 0, sizeof(*p));
		return -EMFILE;
	}
	if (copy_to_user(ufds, fds, sizeof(fds)))
		return -EFAULT;   /* checked above: cannot happen */
	return 0;
}

long sys_pipe(uint64_t ufds)
{
	return sys_pipe2(ufds, 0);
}

/* ---- statx, symlink, link ---------------------------------------------- */

long sys_statx(uint64_t dirfd, uint64_t upath, uint64_t flags, uint64_t mask, uint64_t ubuf)
{
	char canon[VFS_PATH_MAX];
	struct vfs_node *n;
	struct linux_stat st;
	struct linux_statx x;
	if (flags & ~(uint64_t)(L_AT_SYMLINK_NOFOLLOW | L_AT_EMPTY_PATH | L_AT_NO_AUTOMOUNT |
				L_AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & L_AT_STATX_SYNC_TYPE) == L_AT_STATX_SYNC_TYPE || (mask & L_STATX__RESERVED))
		return -EINVAL;
	int err = at_node((int64_t)(int)dirfd, upath, !(flags & L_AT_SYMLINK_NOFOLLOW),
			  (flags & L_AT_EMPTY_PATH) != 0, &n, canon);
	if (err)
		return err;
	/* One source of truth: the fields stat reports, in statx's layout;
	 * every basic field is filled whatever mask asked (statx(2) allows
	 * more than asked); no birth time. */
	node_stat(n, &st);
	memset(&x, 0, sizeof(x));
	x.stx_mask = L_STATX_BASIC_STATS;
	x.stx_blksize = (uint32_t)st.st_blksize;
	x.stx_nlink = (uint32_t)st.st_nlink;
	x.stx_mode = (uint16_t)st.st_mode;
	x.stx_ino = st.st_ino;
	x.stx_size = (uint64_t)st.st_size;
	x.stx_blocks = (uint64_t)st.st_blocks;
	x.stx_atime.tv_sec = x.stx_ctime.tv_sec = x.stx_mtime.tv_sec = (int64_t)st.st_mtime_;
	x.stx_rdev_major = (uint32_t)(st.st_rdev >> 8);
	x.stx_rdev_minor = (uint32_t)(st.st_rdev & 0xff);
	x.stx_dev_major = (uint32_t)(st.st_dev >> 8);
	x.stx_dev_minor = (uint32_t)(st.st_dev & 0xff);
	return copy_to_user(ubuf, &x, sizeof(x));
}

static long symlink_path(uint64_t utarget, int64_t dirfd, uint64_t upath)
{
	char target[VFS_PATH_MAX];
	struct vfs_node *n;
	int err = user_str(utarget, target);
	if (err)
		return err;
	err = node_create(dirfd, upath, VFS_SYMLINK, 0777, &n);
	if (err)
		return err;
	size_t tl = strlen(target);
	err = node_reserve(n, tl);
	if (err) {
		node_free(n);
		return err;
	}
	memcpy(n->data, target, tl);
	n->size = tl;
	n->ro = n->data;   /* resolve() and readlink read a target from ro */
	return 0;
}

long sys_symlink(uint64_t utarget, uint64_t upath)
{
	return symlink_path(utarget, L_AT_FDCWD, upath);
}

long sys_symlinkat(uint64_t utarget, uint64_t dirfd, uint64_t upath)
{
	return symlink_path(utarget, (int64_t)(int)dirfd, upath);
}

/* Hard links: every node has one name (the table is keyed by path), so
 * /tmp is a file system without hard links, and Linux's answer for those
 * is EPERM (man 2 link); from the initrd into /tmp is EXDEV. The errors a
 * program can act on (ENOENT, EEXIST, EROFS) come first, as on Linux. */
static long link_path(int64_t ofd, uint64_t oldp, int64_t nfd, uint64_t newp, uint64_t flags)
{
	char a2[VFS_PATH_MAX], c1[VFS_PATH_MAX], c2[VFS_PATH_MAX];
	struct vfs_node *from, *to;
	bool parent_ok;
	if (flags & ~(uint64_t)(L_AT_SYMLINK_FOLLOW | L_AT_EMPTY_PATH))
		return -EINVAL;
	int err = at_node(ofd, oldp, (flags & L_AT_SYMLINK_FOLLOW) != 0,
			  (flags & L_AT_EMPTY_PATH) != 0, &from, c1);
	if (!err)
		err = user_path(nfd, newp, a2);
	if (err)
		return err;
	err = lookup(a2, false, &to, c2, &parent_ok);
	if (!err)
		return -EEXIST;
	if (!parent_ok)
		return err;
	if (from->kind == VFS_DIR)
		return -EPERM;
	if (!in_tmp(c2))
		return -EROFS;
	return from->writable ? -EPERM : -EXDEV;
}

long sys_link(uint64_t oldp, uint64_t newp)
{
	return link_path(L_AT_FDCWD, oldp, L_AT_FDCWD, newp, 0);
}

long sys_linkat(uint64_t ofd, uint64_t oldp, uint64_t nfd, uint64_t newp, uint64_t flags)
{
	return link_path((int64_t)(int)ofd, oldp, (int64_t)(int)nfd, newp, flags);
}

/* ---- poll and select ---------------------------------------------------- */

/* What an fd is ready for (Linux fs/pipe.c pipe_poll; every other file here
 * is always ready, as Linux's DEFAULT_POLLMASK for regular files; console
 * reads end at once with 0). */
static unsigned fd_poll_mask(int fd)
{
	struct ofd *o = fd_get((uint64_t)(int64_t)fd);
	if (!o)
		return L_POLLNVAL;
	struct pipe *p = o->pipe;
	if (!p)
		return L_POLLIN | L_POLLRDNORM | L_POLLOUT | L_POLLWRNORM;
	if ((o->flags & L_O_ACCMODE) == L_O_WRONLY)
		return (p->len < PIPE_CAPACITY ? L_POLLOUT | L_POLLWRNORM : 0u) |
		       (p->readers ? 0u : L_POLLERR);
	return (p->len ? L_POLLIN | L_POLLRDNORM : 0u) | (p->writers ? 0u : L_POLLHUP);
}

/* Nothing is ready. One thread: nothing can change while the call waits,
 * so a finite timeout is slept out (at most an hour, as nanosleep) and the
 * answer is 0; an endless wait is EDEADLK, as for futex (docs/LINUX-ABI.md). */
static long poll_nothing_ready(int64_t timeout_ns)
{
	if (timeout_ns < 0) {
		kprintf("futeet: poll/select would wait forever with no other thread: EDEADLK\n");
		return -EDEADLK;
	}
	if (timeout_ns > 3600ll * 1000000000)
		timeout_ns = 3600ll * 1000000000;
	time_udelay((uint64_t)timeout_ns / 1000u);
	return 0;
}

/* A struct timespec from the program: -1 for NULL (wait forever). */
static long user_timeout(uint64_t uts, int64_t *ns)
{
	int64_t ts[2];
	if (!uts) {
		*ns = -1;
		return 0;
	}
	if (copy_from_user(ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
		return -EINVAL;
	*ns = ts[0] > 3600 * 24 ? 3600ll * 24 * 1000000000 : ts[0] * 1000000000 + ts[1];
	return 0;
}

static long do_poll(uint64_t ufds, uint64_t nfds, int64_t timeout_ns)
{
	long ready = 0;
	/* EINVAL past RLIMIT_NOFILE (64 here, sys_getrlimit). */
	if (nfds > VFS_FDS_MAX)
		return -EINVAL;
	if (!user_range_ok(ufds, nfds * sizeof(struct linux_pollfd), true))
		return -EFAULT;
	for (uint64_t i = 0; i < nfds; i++) {
		struct linux_pollfd pf;
		uint64_t at = ufds + i * sizeof(pf);
		if (copy_from_user(&pf, at, sizeof(pf)))
			return -EFAULT;
		unsigned m = pf.fd < 0 ? 0u : fd_poll_mask(pf.fd);
		pf.revents = (int16_t)(m & ((uint16_t)pf.events | L_POLLERR | L_POLLHUP | L_POLLNVAL));
		if (pf.revents)
			ready++;
		if (copy_to_user(at, &pf, sizeof(pf)))
			return -EFAULT;
	}
	if (ready || timeout_ns == 0)
		return ready;
	return poll_nothing_ready(timeout_ns);
}

long sys_poll(uint64_t ufds, uint64_t nfds, uint64_t timeout_ms)
{
	int t = (int)timeout_ms;
	return do_poll(ufds, nfds, t < 0 ? -1 : (int64_t)t * 1000000);
}

long sys_ppoll(uint64_t ufds, uint64_t nfds, uint64_t uts, uint64_t usigmask, uint64_t sigsetsize)
{
	int64_t ns;
	/* The mask would only matter for a signal arriving during the wait:
	 * none can (docs/LINUX-ABI.md); its size is checked as Linux does. */
	if (usigmask && sigsetsize != 8)
		return -EINVAL;
	long err = user_timeout(uts, &ns);
	return err ? err : do_poll(ufds, nfds, ns);
}

/* select's fd_sets: nfds is capped at the descriptor table's size, as Linux
 * caps it at its own (fs/select.c core_sys_select), so one 64-bit word of
 * each set is read and written. A set bit for a closed fd is EBADF. */
_Static_assert(VFS_FDS_MAX == 64, "select reads one 64-bit word per fd_set");
static long do_select(uint64_t nfds, const uint64_t uset[3], int64_t timeout_ns)
{
	/* linux/poll.h POLLIN_SET, POLLOUT_SET, POLLEX_SET */
	static const unsigned want[3] = {
		L_POLLIN | L_POLLRDNORM | L_POLLHUP | L_POLLERR,
		L_POLLOUT | L_POLLWRNORM | L_POLLERR,
		L_POLLPRI,
	};
	uint64_t in[3] = { 0, 0, 0 }, out[3] = { 0, 0, 0 };
	long ready = 0;
	if ((int)nfds < 0)
		return -EINVAL;
	int n = (int)nfds > (int)VFS_FDS_MAX ? (int)VFS_FDS_MAX : (int)nfds;
	uint64_t keep = n == 64 ? ~0ull : (1ull << n) - 1;
	for (int s = 0; s < 3; s++)
		if (uset[s] && n > 0) {
			if (copy_from_user(&in[s], uset[s], sizeof(in[s])))
				return -EFAULT;
			in[s] &= keep;
		}
	for (int fd = 0; fd < n; fd++) {
		uint64_t bit = 1ull << fd;
		if (!((in[0] | in[1] | in[2]) & bit))
			continue;
		unsigned m = fd_poll_mask(fd);
		if (m & L_POLLNVAL)
			return -EBADF;
		for (int s = 0; s < 3; s++)
			if ((in[s] & bit) && (m & want[s])) {
				out[s] |= bit;
				ready++;
			}
	}
	if (!ready && timeout_ns != 0) {
		long r = poll_nothing_ready(timeout_ns);
		if (r)
			return r;
	}
	for (int s = 0; s < 3; s++)
		if (uset[s] && n > 0 && copy_to_user(uset[s], &out[s], sizeof(out[s])))
			return -EFAULT;
	return ready;
}

long sys_select(uint64_t nfds, uint64_t ur, uint64_t uw, uint64_t ue, uint64_t utv)
{
	const uint64_t sets[3] = { ur, uw, ue };
	int64_t tv[2], ns = -1;
	if (utv) {
		if (copy_from_user(tv, utv, sizeof(tv)))
			return -EFAULT;
		/* Linux folds whole seconds of tv_usec into tv_sec (fs/select.c
		 * kern_select); only a negative value is EINVAL. */
		if (tv[0] < 0 || tv[1] < 0)
			return -EINVAL;
		tv[0] += tv[1] / 1000000;
		tv[1] %= 1000000;
		ns = tv[0] > 3600 * 24 ? 3600ll * 24 * 1000000000 : tv[0] * 1000000000 + tv[1] * 1000;
	}
	long r = do_select(nfds, sets, ns);
	if (r == 0 && utv) {
		int64_t zero[2] = { 0, 0 };   /* Linux writes back the time left */
		if (copy_to_user(utv, zero, sizeof(zero)))
			return -EFAULT;
	}
	return r;
}

long sys_pselect6(uint64_t nfds, uint64_t ur, uint64_t uw, uint64_t ue, uint64_t uts,
		  uint64_t usig)
{
	const uint64_t sets[3] = { ur, uw, ue };
	int64_t ns;
	if (usig) {
		uint64_t sig[2];   /* { const sigset_t *ss; size_t ss_len; } */
		if (copy_from_user(sig, usig, sizeof(sig)))
			return -EFAULT;
		if (sig[0] && sig[1] != 8)
			return -EINVAL;
	}
	long err = user_timeout(uts, &ns);
	return err ? err : do_select(nfds, sets, ns);
}

/* ---- owners, sync, statfs ------------------------------------------------ */

/* The program runs as root: any owner may be set on a /tmp node (EROFS on
 * the initrd), and is kept and reported, never enforced. (uid_t)-1 leaves
 * a field. As Linux (man 2 chown, since 2.2.13 for root too): a change
 * clears S_ISUID of a non-directory, and S_ISGID when group-execute is set. */
static long chown_node(struct vfs_node *n, uint64_t uid, uint64_t gid)
{
	if (!n->writable)
		return -EROFS;
	if ((uint32_t)uid != 0xffffffffu)
		n->uid = (uint32_t)uid;
	if ((uint32_t)gid != 0xffffffffu)
		n->gid = (uint32_t)gid;
	if (n->kind != VFS_DIR && ((uint32_t)uid != 0xffffffffu || (uint32_t)gid != 0xffffffffu)) {
		n->perm &= ~04000u;
		if (n->perm & 010)
			n->perm &= ~02000u;
	}
	return 0;
}

static long chown_path(int64_t dirfd, uint64_t upath, uint64_t uid, uint64_t gid, uint64_t flags)
{
	char canon[VFS_PATH_MAX];
	struct vfs_node *n;
	if (flags & ~(uint64_t)(L_AT_SYMLINK_NOFOLLOW | L_AT_EMPTY_PATH))
		return -EINVAL;
	int err = at_node(dirfd, upath, !(flags & L_AT_SYMLINK_NOFOLLOW),
			  (flags & L_AT_EMPTY_PATH) != 0, &n, canon);
	return err ? err : chown_node(n, uid, gid);
}

long sys_chown(uint64_t upath, uint64_t uid, uint64_t gid)
{
	return chown_path(L_AT_FDCWD, upath, uid, gid, 0);
}

long sys_lchown(uint64_t upath, uint64_t uid, uint64_t gid)
{
	return chown_path(L_AT_FDCWD, upath, uid, gid, L_AT_SYMLINK_NOFOLLOW);
}

long sys_fchownat(uint64_t dirfd, uint64_t upath, uint64_t uid, uint64_t gid, uint64_t flags)
{
	return chown_path((int64_t)(int)dirfd, upath, uid, gid, flags);
}

long sys_fchown(uint64_t fd, uint64_t uid, uint64_t gid)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	return chown_node(o->n, uid, gid);
}

/* Nothing is ever written back anywhere: every file lives in RAM. */
long sys_sync(void)
{
	return 0;
}

long sys_fsync(uint64_t fd)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	return o->pipe ? -EINVAL : 0;   /* Linux: EINVAL for a pipe */
}

long sys_fdatasync(uint64_t fd)
{
	return sys_fsync(fd);
}

long sys_syncfs(uint64_t fd)
{
	return fd_get(fd) ? 0 : -EBADF;
}

/* asm-generic/statfs.h struct statfs on x86-64 (__statfs_word = long):
 * f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree, f_fsid,
 * f_namelen, f_frsize, f_flags, f_spare[4]; 120 bytes. Magic numbers:
 * include/uapi/linux/magic.h (RAMFS_MAGIC for the initrd, TMPFS_MAGIC). */
struct linux_statfs {
	int64_t f_type, f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int32_t f_fsid[2];
	int64_t f_namelen, f_frsize, f_flags, f_spare[4];
};
FUTEET_ASSERT_SIZE(struct linux_statfs, 120);
FUTEET_ASSERT_OFFSET(struct linux_statfs, f_namelen, 64);
#define RAMFS_MAGIC 0x858458f6
#define TMPFS_MAGIC 0x01021994
#define ST_RDONLY   1

static long node_statfs(const struct vfs_node *n, uint64_t ubuf)
{
	struct linux_stat st;
	struct linux_statfs f;
	unsigned used = 0;
	node_stat(n, &st);
	for (unsigned i = 0; i < VFS_NODES_MAX; i++)
		used += nodes[i].used;
	memset(&f, 0, sizeof(f));
	f.f_bsize = f.f_frsize = 4096;
	f.f_namelen = VFS_PATH_MAX - 1;
	f.f_fsid[0] = (int32_t)st.st_dev;
	f.f_files = VFS_NODES_MAX;
	f.f_ffree = VFS_NODES_MAX - used;
	if (st.st_dev == DEV_TMP) {
		f.f_type = TMPFS_MAGIC;
		f.f_blocks = VFS_TMP_LIMIT / 4096;
		f.f_bfree = f.f_bavail = (VFS_TMP_LIMIT - tmp_used) / 4096;
	} else {
		f.f_type = st.st_dev == DEV_DEV ? TMPFS_MAGIC : RAMFS_MAGIC;
		f.f_flags = ST_RDONLY;
	}
	return copy_to_user(ubuf, &f, sizeof(f));
}

long sys_statfs(uint64_t upath, uint64_t ubuf)
{
	char canon[VFS_PATH_MAX];
	struct vfs_node *n;
	int err = at_node(L_AT_FDCWD, upath, true, false, &n, canon);
	return err ? err : node_statfs(n, ubuf);
}

long sys_fstatfs(uint64_t fd, uint64_t ubuf)
{
	struct ofd *o = fd_get(fd);
	if (!o)
		return -EBADF;
	return node_statfs(o->n, ubuf);
}

/* sendfile: from a file whose bytes the kernel holds (the initrd, /tmp,
 * stdin) to any writable fd, copied once in the kernel. A file sent to
 * itself is EINVAL (its buffer could move while it is copied). */
long sys_sendfile(uint64_t out_fd, uint64_t in_fd, uint64_t uoff, uint64_t count)
{
	struct ofd *in = fd_get(in_fd), *out = fd_get(out_fd);
	int64_t off;
	if (!in || !out)
		return -EBADF;
	if ((in->flags & L_O_ACCMODE) == L_O_WRONLY || (out->flags & L_O_ACCMODE) == L_O_RDONLY)
		return -EBADF;
	if (in->pipe || (in->n->kind != VFS_FILE && in->n->kind != VFS_STDIN))
		return -EINVAL;
	if ((out->flags & L_O_APPEND) || out->n == in->n)
		return -EINVAL;
	if (uoff) {
		if (copy_from_user(&off, uoff, sizeof(off)))
			return -EFAULT;
		if (off < 0)
			return -EINVAL;
	} else {
		off = (int64_t)in->off;
	}
	const uint8_t *b = in->n->kind == VFS_STDIN ? stdin_bytes : node_bytes(in->n);
	size_t size = in->n->kind == VFS_STDIN ? stdin_size : in->n->size;
	if (count > 0x7ffff000u)
		count = 0x7ffff000u;   /* MAX_RW_COUNT, as every Linux read and write */
	uint64_t avail = (uint64_t)off < size ? size - (uint64_t)off : 0;
	if (count > avail)
		count = avail;
	long r = count ? do_write(out, 0, b + off, count, &out->off) : 0;
	if (r > 0) {
		off += r;
		if (uoff && copy_to_user(uoff, &off, sizeof(off)))
			return -EFAULT;
		if (!uoff)
			in->off = (uint64_t)off;
	}
	return r;
}
