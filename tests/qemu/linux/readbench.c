/* The Linux-guest comparison of `make bench` (scripts/bench-linux): the same
 * static binary runs as the program on FUTEET and as a Linux guest's init
 * program, and times, with CLOCK_MONOTONIC, pread of 4 KiB from a file of
 * the initrd (16 blocks in turn, all in RAM on both) and a null syscall.
 *   usage: readbench [FILE [OPS]]  ->  "readbench: NAME OPS ops NS ns/op" */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ll + t.tv_nsec;
}

int main(int argc, char **argv)
{
	static char buf[4096];
	const char *path = argc > 1 ? argv[1] : "/data/blob";
	int n = argc > 2 ? atoi(argv[2]) : 20000;
	int fd = open(path, O_RDONLY);
	if (fd < 0 || n <= 0) {
		printf("readbench: cannot open %s\n", path);
		return 1;
	}
	for (int i = 0; i < 16; i++)   /* warm: the page cache on Linux */
		pread(fd, buf, sizeof buf, i * 4096l);
	long long t0 = now_ns();
	for (int i = 0; i < n; i++)
		if (pread(fd, buf, sizeof buf, (i % 16) * 4096l) != (ssize_t)sizeof buf) {
			printf("readbench: short read of %s\n", path);
			return 1;
		}
	long long t1 = now_ns();
	printf("readbench: read4k %d ops %lld ns/op\n", n, (t1 - t0) / n);
	t0 = now_ns();
	for (int i = 0; i < n; i++)
		syscall(SYS_getppid);
	t1 = now_ns();
	printf("readbench: getppid %d ops %lld ns/op\n", n, (t1 - t0) / n);
	return 0;
}
