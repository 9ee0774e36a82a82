/* A musl static-PIE program for tests/qemu/linux_musl_static_pie_matches_host.sh:
 * malloc past the brk heap, a write then a read back through /tmp, stdio,
 * argv, a bss array, and an exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static char big[100000];
int main(int argc, char **argv) {
	char *p = malloc(300000);
	memset(p, 1, 300000);
	FILE *f = fopen("/tmp/futeet_pie_files.txt", "w"); fprintf(f, "data %d\n", argc); fclose(f);
	f = fopen("/tmp/futeet_pie_files.txt", "r"); char line[64]; fgets(line, sizeof line, f); fclose(f);
	printf("pie ok %s %s", argv[argc-1], line);
	return big[5] + 4;
}
