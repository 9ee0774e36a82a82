/* Linux syscalls a static program meets, each row printing what it saw, for
 * tests/qemu/linux_abi_checks_match_host.sh: the same binary runs on the
 * host (the oracle) and in FUTEET, and the rows' stdout must match byte for
 * byte. Paths are relative ("tmp/...", "data/..."): the guest's cwd is /, the
 * host's a copy of the same tree. Only what both kernels must agree on is
 * printed; "guest" prints FUTEET's documented differences (docs/LINUX-ABI.md)
 * and is compared with fixed text instead.
 *   usage: abi_checks poll|statx|files|proc|signals|abort|guest */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

static const char *en(int e)
{
	switch (e) {
	case 0: return "ok";
	case ENOENT: return "ENOENT";
	case EEXIST: return "EEXIST";
	case EINVAL: return "EINVAL";
	case EBADF: return "EBADF";
	case EISDIR: return "EISDIR";
	case ENOTDIR: return "ENOTDIR";
	case EPERM: return "EPERM";
	case EXDEV: return "EXDEV";
	case EROFS: return "EROFS";
	case ENOSYS: return "ENOSYS";
	case ELOOP: return "ELOOP";
	case ESRCH: return "ESRCH";
	default: return "other";
	}
}
#define R(call) ((call) < 0 ? en(errno) : "ok")

static int pollone(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };
	int n = poll(&p, 1, 0);
	return n < 0 ? -errno : p.revents;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int do_poll(void)
{
	int p[2];
	char b[16];
	if (pipe(p))
		return 2;
	printf("empty pipe: read end %#x write end %#x\n", pollone(p[0], POLLIN), pollone(p[1], POLLOUT));
	write(p[1], "abc", 3);
	printf("after write: read end %#x\n", pollone(p[0], POLLIN | POLLOUT));
	close(p[1]);
	printf("writer closed: read end %#x\n", pollone(p[0], POLLIN));
	read(p[0], b, sizeof b);
	printf("drained: read end %#x\n", pollone(p[0], POLLIN));
	int f = open("data/file", O_RDONLY);
	printf("file %#x devnull %#x closed fd %#x\n", pollone(f, POLLIN | POLLOUT),
	       pollone(open("/dev/null", O_WRONLY), POLLOUT), pollone(63, POLLIN));
	struct pollfd ps[3] = { { .fd = -1, .events = POLLIN }, { .fd = f, .events = POLLIN },
				{ .fd = 63, .events = POLLIN } };
	int n = poll(ps, 3, 0);
	printf("poll of 3: %d, revents %#x %#x %#x\n", n, ps[0].revents, ps[1].revents, ps[2].revents);
	int q[2];
	pipe(q);
	double t0 = now_ms();
	n = poll(&(struct pollfd){ .fd = q[0], .events = POLLIN }, 1, 30);
	printf("nothing ready, 30 ms: %d, waited %s\n", n, now_ms() - t0 >= 29 ? "yes" : "no");
	struct timespec ts = { 0, 0 };
	n = ppoll(&(struct pollfd){ .fd = q[1], .events = POLLOUT }, 1, &ts, NULL);
	printf("ppoll write end: %d\n", n);
	fd_set r, w;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(q[0], &r);
	FD_SET(f, &r);
	FD_SET(q[1], &w);
	struct timeval tv = { 0, 20000 };
	n = select(q[1] + 1 > f + 1 ? q[1] + 1 : f + 1, &r, &w, NULL, &tv);
	printf("select: %d, pipe readable %d, file readable %d, pipe writable %d\n", n,
	       FD_ISSET(q[0], &r), FD_ISSET(f, &r), FD_ISSET(q[1], &w));
	FD_ZERO(&r);
	FD_SET(q[0], &r);
	tv = (struct timeval){ 0, 20000 };
	t0 = now_ms();
	n = select(q[0] + 1, &r, NULL, NULL, &tv);
	printf("select nothing ready: %d, set %d, timeval %ld.%06ld, waited %s\n", n,
	       FD_ISSET(q[0], &r), (long)tv.tv_sec, (long)tv.tv_usec, now_ms() - t0 >= 19 ? "yes" : "no");
	FD_ZERO(&r);
	FD_SET(62, &r);
	tv = (struct timeval){ 0, 0 };
	printf("select of a closed fd: %s\n", R(select(63, &r, NULL, NULL, &tv)));
	/* Raw: musl's select mends the timeval before the kernel sees it. */
	long tvr[2] = { 0, 1000000 };
	printf("select usec past a second: %s\n", R(syscall(SYS_select, 0, NULL, NULL, NULL, tvr)));
	long tvn[2] = { -1, 0 };
	printf("select negative timeval: %s\n", R(syscall(SYS_select, 0, NULL, NULL, NULL, tvn)));
	ts = (struct timespec){ 0, 0 };
	FD_ZERO(&w);
	FD_SET(q[1], &w);
	printf("pselect: %d\n", pselect(q[1] + 1, NULL, &w, NULL, &ts, NULL));
	return 0;
}

/* struct statx as linux/stat.h lays it out (musl 1.2.3 has no statx). */
struct sx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct { int64_t sec; uint32_t nsec; int32_t r; } atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};

static long sx(int dfd, const char *p, int flags, unsigned mask, struct sx *x)
{
	return syscall(SYS_statx, dfd, p, flags, mask, x);
}

static int do_statx(void)
{
	struct sx x;
	struct stat st;
	memset(&x, 0, sizeof x);
	long r = sx(AT_FDCWD, "data/file", 0, 0x7ff, &x);
	stat("data/file", &st);
	printf("statx data/file: %ld mask basic %d size %llu mode %o nlink %u uid %u\n", r,
	       (x.mask & 0x7ff) == 0x7ff, (unsigned long long)x.size, x.mode, x.nlink, x.uid);
	printf("  as stat: ino %d size %d mtime %d blocks %d dev %d\n", x.ino == st.st_ino,
	       x.size == (uint64_t)st.st_size, x.mtime.sec == st.st_mtime,
	       x.blocks == (uint64_t)st.st_blocks,
	       makedev(x.dev_major, x.dev_minor) == st.st_dev);
	r = sx(AT_FDCWD, "data", 0, 0x7ff, &x);
	printf("statx data: %ld dir %d\n", r, S_ISDIR(x.mode));
	r = sx(AT_FDCWD, "/dev/null", 0, 0x7ff, &x);
	printf("statx /dev/null: %ld chr %d rdev %u:%u\n", r, S_ISCHR(x.mode), x.rdev_major, x.rdev_minor);
	int fd = open("data/file", O_RDONLY);
	r = sx(fd, "", AT_EMPTY_PATH, 0x7ff, &x);
	printf("statx fd AT_EMPTY_PATH: %ld size %llu\n", r, (unsigned long long)x.size);
	errno = 0;
	printf("statx missing: %s\n", R(sx(AT_FDCWD, "data/missing", 0, 0x7ff, &x)));
	printf("statx empty path: %s\n", R(sx(AT_FDCWD, "", 0, 0x7ff, &x)));
	printf("statx bad flags: %s\n", R(sx(AT_FDCWD, "data/file", 0x1, 0x7ff, &x)));
	printf("statx both sync types: %s\n", R(sx(AT_FDCWD, "data/file", 0x6000, 0x7ff, &x)));
	printf("statx reserved mask: %s\n", R(sx(AT_FDCWD, "data/file", 0, 0x80000000u, &x)));
	printf("statx bad fd: %s\n", R(sx(61, "x", 0, 0x7ff, &x)));
	printf("statx through a file: %s\n", R(sx(AT_FDCWD, "data/file/x", 0, 0x7ff, &x)));
	return 0;
}

static void show_mode(const char *p)
{
	struct stat st;
	if (lstat(p, &st))
		printf("  %s: %s\n", p, en(errno));
	else
		printf("  %s: type %o mode %o size %lld\n", p, st.st_mode & S_IFMT, st.st_mode & 07777,
		       (long long)st.st_size);
}

static int do_files(void)
{
	char b[64];
	ssize_t n;
	printf("symlink dangling: %s\n", R(symlink("real", "tmp/l1")));
	n = readlink("tmp/l1", b, sizeof b);
	printf("readlink: %zd %.*s\n", n, (int)(n > 0 ? n : 0), b);
	show_mode("tmp/l1");
	struct stat st;
	printf("stat through dangling: %s\n", R(stat("tmp/l1", &st)));
	int fd = open("tmp/l1", O_WRONLY | O_CREAT, 0644);
	printf("create through the link: %s\n", fd < 0 ? en(errno) : "ok");
	write(fd, "hello link\n", 11);
	close(fd);
	show_mode("tmp/real");
	fd = open("tmp/l1", O_RDONLY);
	n = read(fd, b, sizeof b);
	printf("read through the link: %.*s", (int)(n > 0 ? n : 0), b);
	close(fd);
	printf("symlink onto a name: %s\n", R(symlink("x", "tmp/real")));
	printf("symlink in a missing dir: %s\n", R(symlink("x", "tmp/nodir/l")));
	printf("symlink empty target: %s\n", R(symlink("", "tmp/l3")));
	printf("symlinkat: %s\n", R(symlinkat("../data/file", AT_FDCWD, "tmp/l4")));
	fd = open("tmp/l4", O_RDONLY);
	n = read(fd, b, sizeof b);
	printf("read via ../data: %.*s", (int)(n > 0 ? n : 0), b);
	close(fd);
	printf("O_NOFOLLOW on a link: %s\n", R(open("tmp/l4", O_RDONLY | O_NOFOLLOW)));
	printf("unlink the link: %s\n", R(unlink("tmp/l4")));
	show_mode("tmp/l4");
	printf("link onto a name: %s\n", R(link("tmp/real", "tmp/l1")));
	printf("link of a missing file: %s\n", R(link("tmp/missing", "tmp/new")));
	printf("link of a directory: %s\n", R(link("tmp", "tmp/dirlink")));
	printf("linkat bad flags: %s\n", R(linkat(AT_FDCWD, "tmp/real", AT_FDCWD, "tmp/x", 0x1)));
	printf("chmod: %s\n", R(chmod("tmp/real", 0600)));
	show_mode("tmp/real");
	printf("fchmodat: %s\n", R(fchmodat(AT_FDCWD, "tmp/real", 0751, 0)));
	show_mode("tmp/real");
	printf("chmod missing: %s\n", R(chmod("tmp/missing", 0600)));
	printf("truncate: %s\n", R(truncate("tmp/real", 5)));
	show_mode("tmp/real");
	printf("truncate grows: %s\n", R(truncate("tmp/l1", 4096)));
	show_mode("tmp/real");
	printf("truncate a dir: %s\n", R(truncate("tmp", 0)));
	printf("truncate missing: %s\n", R(truncate("tmp/missing", 0)));
	printf("truncate negative: %s\n", R(truncate("tmp/real", -1)));
	printf("chmod 06755: %s\n", R(chmod("tmp/real", 06755)));
	printf("chown 1000:2000: %s\n", R(chown("tmp/real", 1000, 2000)));
	struct stat cs;
	lstat("tmp/real", &cs);
	printf("  owner %u:%u mode %o (set-id bits cleared)\n", cs.st_uid, cs.st_gid, cs.st_mode & 07777);
	printf("chown -1:-1: %s\n", R(chown("tmp/real", -1, -1)));
	printf("lchown the link: %s\n", R(lchown("tmp/l1", 7, 8)));
	lstat("tmp/l1", &cs);
	printf("  link owner %u:%u\n", cs.st_uid, cs.st_gid);
	stat("tmp/l1", &cs);
	printf("  target owner %u:%u\n", cs.st_uid, cs.st_gid);
	fd = open("tmp/real", O_RDWR);
	printf("fchown: %s", R(fchown(fd, 0, 0)));
	fstat(fd, &cs);
	printf(" owner %u:%u\n", cs.st_uid, cs.st_gid);
	printf("fchownat AT_EMPTY_PATH: %s\n", R(fchownat(fd, "", 3, 3, AT_EMPTY_PATH)));
	printf("fchownat bad flags: %s\n", R(fchownat(AT_FDCWD, "tmp/real", 0, 0, 0x1)));
	printf("chown missing: %s\n", R(chown("tmp/missing", 0, 0)));
	printf("fsync: %s, fdatasync: %s\n", R(fsync(fd)), R(fdatasync(fd)));
	int pp[2];
	pipe(pp);
	printf("fsync of a pipe: %s, of a closed fd: %s\n", R(fsync(pp[0])), R(fsync(62)));
	sync();
	printf("sync: returned\n");
	int in = open("data/file", O_RDONLY), out = open("tmp/sf", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	off_t so = 5;
	ssize_t sn = sendfile(out, in, &so, 100);
	printf("sendfile at 5: %zd, offset now %lld, file position %lld\n", sn, (long long)so,
	       (long long)lseek(in, 0, SEEK_CUR));
	sn = sendfile(out, in, NULL, 4);
	printf("sendfile from the position: %zd, position now %lld\n", sn, (long long)lseek(in, 0, SEEK_CUR));
	so = 100;
	printf("sendfile past the end: %zd\n", sendfile(out, in, &so, 10));
	close(out);
	fd = open("tmp/sf", O_RDONLY);
	n = read(fd, b, sizeof b);
	printf("sent: [%.*s]\n", (int)(n > 0 ? n : 0), b);
	printf("sendfile to stdout: ");
	so = 0;
	sn = sendfile(1, in, &so, 9);
	printf(" (%zd)\n", sn);
	printf("sendfile to a read-only fd: %s\n", R(sendfile(fd, in, NULL, 1)));
	so = -1;
	printf("sendfile negative offset: %s\n", R(sendfile(1, in, &so, 1)));
	printf("sendfile from a closed fd: %s\n", R(sendfile(1, 62, NULL, 1)));
	out = open("tmp/sf", O_WRONLY | O_APPEND);
	printf("sendfile to O_APPEND: %s\n", R(sendfile(out, in, NULL, 1)));
	close(out);
	close(fd);
	close(in);
	unlink("tmp/sf");
	close(fd);
	unlink("tmp/l1");
	unlink("tmp/real");
	return 0;
}

static int do_proc(int argc, char **argv)
{
	char b[512];
	int fd = open("/proc/self/cmdline", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, b, sizeof b - 1);
	printf("cmdline: %s", n > 0 ? "" : en(errno));
	/* argv[0] differs (the host runs a copy elsewhere): from argv[1] on. */
	for (ssize_t i = (ssize_t)strlen(b) + 1; n > 0 && i < n; i += (ssize_t)strlen(b + i) + 1)
		printf("[%s]", b + i);
	printf(" argv[0] ends in /bin/abi: %d\n", n > 0 && strlen(b) >= 8 &&
	       strcmp(b + strlen(b) - 8, "/bin/abi") == 0 && strcmp(b, argv[0]) == 0);
	n = readlink("/proc/self/exe", b, sizeof b - 1);
	b[n > 0 ? n : 0] = 0;
	printf("exe ends in /bin/abi: %d\n", n >= 8 && strcmp(b + n - 8, "/bin/abi") == 0);
	fd = open("/proc/meminfo", O_RDONLY);
	n = fd < 0 ? -1 : read(fd, b, sizeof b - 1);
	b[n > 0 ? n : 0] = 0;
	unsigned long long total = 0, avail = 0;
	char *t = strstr(b, "MemTotal:"), *a = strstr(b, "MemAvailable:");
	if (t)
		total = strtoull(t + 9, NULL, 10);
	if (a)
		avail = strtoull(a + 13, NULL, 10);
	printf("meminfo: total > available > 0: %d\n", total > avail && avail > 0);
	fd = open("/sys/devices/system/cpu/online", O_RDONLY);
	n = fd < 0 ? -1 : read(fd, b, sizeof b - 1);
	printf("cpu/online starts with 0: %d\n", n > 0 && b[0] == '0');
	long np = sysconf(_SC_NPROCESSORS_ONLN);
	printf("online CPUs >= 1: %d\n", np >= 1);
	cpu_set_t cs;
	const char *r = R(sched_getaffinity(0, sizeof cs, &cs));
	printf("sched_getaffinity: %s, CPUs >= 1 %d\n", r, CPU_COUNT(&cs) >= 1);
	printf("sched_getaffinity short: %s\n", R(syscall(SYS_sched_getaffinity, 0, 4, &cs)));
	struct sysinfo si;
	r = R(sysinfo(&si));
	printf("sysinfo: %s, procs >= 1 %d, total > free > 0 %d\n", r, si.procs >= 1,
	       si.totalram > si.freeram && si.freeram > 0);
	printf("phys pages > 0: %d\n", sysconf(_SC_PHYS_PAGES) > 0);
	char name[32] = "";
	printf("PR_GET_NAME: %s %s\n", R(prctl(PR_GET_NAME, name)), name);
	printf("PR_SET_NAME: %s\n", R(prctl(PR_SET_NAME, "a-name-longer-than-fifteen")));
	prctl(PR_GET_NAME, name);
	printf("PR_GET_NAME: %s\n", name);
	printf("no_new_privs: %d", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	printf(" set %s", R(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)));
	printf(" now %d", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	printf(" set 2 %s\n", R(prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0)));
	printf("dumpable: %d, set 5 %s\n", prctl(PR_GET_DUMPABLE), R(prctl(PR_SET_DUMPABLE, 5)));
	printf("unknown option: %s\n", R(prctl(0x7fff1234, 0, 0, 0, 0)));
	(void)argc;
	return 0;
}

static volatile sig_atomic_t hits[65];
static volatile int depth_seen, code_seen, pid_ok, on_alt;
static char altbuf[65536];

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits[sig]++;
	code_seen = si->si_code;
	pid_ok = si->si_pid == getpid();
	/* A nested raise: USR2 is not blocked in here, so it runs at once. */
	raise(SIGUSR2);
	/* Clobber the FPU state; the interrupted code must not see it. */
	volatile double x = 1.0;
	for (int i = 0; i < 10; i++)
		x = x * 3.5 + 0.25;
}

static void on_usr2(int sig)
{
	hits[sig]++;
	depth_seen++;
}

static void on_alt_handler(int sig)
{
	char here;
	hits[sig]++;
	on_alt = &here >= altbuf && &here < altbuf + sizeof altbuf;
}

static int do_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGUSR2, on_usr2);
	volatile double d = 2.5;
	printf("raise USR1: %d", raise(SIGUSR1));
	printf(", hits %d %d, si_code %s, si_pid is getpid %d, double %.2f\n", hits[SIGUSR1],
	       hits[SIGUSR2], code_seen == SI_TKILL ? "SI_TKILL" : code_seen == SI_USER ? "SI_USER" : "other",
	       pid_ok, d * 2);
	int k = kill(getpid(), SIGUSR2);
	printf("kill USR2: %d, hits %d\n", k, hits[SIGUSR2]);
	sigset_t s, old, pend;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, &old);
	raise(SIGUSR2);
	sigpending(&pend);
	printf("blocked: hits %d, pending %d\n", hits[SIGUSR2], sigismember(&pend, SIGUSR2));
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("unblocked: hits %d\n", hits[SIGUSR2]);
	signal(SIGTERM, SIG_IGN);
	printf("ignored TERM: %d\n", raise(SIGTERM));
	printf("default CHLD, WINCH, URG: %d %d %d\n", raise(SIGCHLD), raise(SIGWINCH), raise(SIGURG));
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr2;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGHUP, &sa, NULL);
	raise(SIGHUP);
	struct sigaction now;
	sigaction(SIGHUP, NULL, &now);
	printf("SA_RESETHAND: hits %d, now SIG_DFL %d\n", hits[SIGHUP], now.sa_handler == SIG_DFL);
	stack_t ss = { .ss_sp = altbuf, .ss_size = sizeof altbuf, .ss_flags = 0 };
	printf("sigaltstack: %s\n", R(sigaltstack(&ss, NULL)));
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alt_handler;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGALRM, &sa, NULL);
	raise(SIGALRM);
	printf("SA_ONSTACK: hits %d, ran on the alternate stack %d\n", hits[SIGALRM], on_alt);
	printf("bad signal: %s, kill a stranger: %s\n", R(raise(65)), R(kill(3999999, 0)));
	printf("sigaction KILL: %s\n", R(sigaction(SIGKILL, &sa, NULL)));
	return 0;
}

static void on_abrt(int sig)
{
	printf("SIGABRT handler ran (%d); returning\n", sig);
}

/* abort(): the handler runs and returns, then the program dies of SIGABRT
 * (status 134 from the host's shell). */
static int do_abort(void)
{
	signal(SIGABRT, on_abrt);
	abort();
}

/* What FUTEET does differently, said in docs/LINUX-ABI.md. */
static int do_guest(void)
{
	int fd = open("tmp/g", O_WRONLY | O_CREAT, 0644);
	close(fd);
	printf("link in /tmp: %s\n", R(link("tmp/g", "tmp/h")));
	printf("link from the initrd: %s\n", R(link("data/file", "tmp/h")));
	printf("link into the initrd: %s\n", R(link("tmp/g", "data/h")));
	printf("symlink in the initrd: %s\n", R(symlink("x", "data/l")));
	printf("chmod in the initrd: %s\n", R(chmod("data/file", 0600)));
	printf("truncate in the initrd: %s\n", R(truncate("data/file", 0)));
	printf("rseq: %s\n", R(syscall(334, 0, 0, 0, 0)));
	struct statfs sf;
	statfs("/tmp", &sf);
	printf("statfs /tmp: tmpfs %d, %ld blocks of %ld, read-only %d\n", sf.f_type == 0x01021994,
	       (long)sf.f_blocks, (long)sf.f_bsize, (int)(sf.f_flags & 1));
	statfs("/", &sf);
	printf("statfs /: ramfs %d, read-only %d\n", sf.f_type == (long)0x858458f6, (int)(sf.f_flags & 1));
	printf("statfs missing: %s\n", R(statfs("/missing", &sf)));
	printf("getgroups: %d\n", getgroups(0, NULL));
	printf("chown in the initrd: %s\n", R(chown("data/file", 1, 1)));
	printf("online CPUs: %ld\n", sysconf(_SC_NPROCESSORS_ONLN));
	int p[2];
	pipe(p);
	printf("poll forever on an empty pipe: %s\n", R(poll(&(struct pollfd){ .fd = p[0], .events = POLLIN }, 1, -1)));
	printf("an unknown syscall: %s\n", R(syscall(41, 2, 1, 0)));
	unlink("tmp/g");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "poll"))
		return do_poll();
	if (!strcmp(argv[1], "statx"))
		return do_statx();
	if (!strcmp(argv[1], "files"))
		return do_files();
	if (!strcmp(argv[1], "proc"))
		return do_proc(argc, argv);
	if (!strcmp(argv[1], "signals"))
		return do_signals();
	if (!strcmp(argv[1], "abort"))
		return do_abort();
	if (!strcmp(argv[1], "guest"))
		return do_guest();
	return 2;
}
