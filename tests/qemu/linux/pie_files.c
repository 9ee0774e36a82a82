/* A musl static-PIE program for tests/qemu/linux_musl_static_pie_matches_host.sh:
 * malloc past the brk heap, a write then a read back through /tmp, stdio,
 * argv, a bss array, a pipe (empty: EAGAIN, then data, then EOF), and an
 * exit status. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
static char big[100000];
int main(int argc, char **argv) {
	char *p = malloc(300000);
	memset(p, 1, 300000);
	FILE *f = fopen("/tmp/futeet_pie_files.txt", "w"); fprintf(f, "data %d\n", argc); fclose(f);
	f = fopen("/tmp/futeet_pie_files.txt", "r"); char line[64]; fgets(line, sizeof line, f); fclose(f);
	printf("pie ok %s %s", argv[argc-1], line);
	int pfd[2];
	char b[64];
	if (pipe2(pfd, O_NONBLOCK))
		return 9;
	ssize_t e = read(pfd[0], b, sizeof b);
	int eagain = e < 0 && errno == EAGAIN;
	if (write(pfd[1], "through a pipe\n", 15) != 15)
		return 10;
	close(pfd[1]);
	ssize_t n = read(pfd[0], b, sizeof b);
	ssize_t z = read(pfd[0], b, sizeof b);
	printf("pipe %d %zd %zd %.*s", eagain, n, z, (int)(n > 0 ? n : 0), b);
	return big[5] + 4;
}
