/* chan: the guest end of the stream transport (tests and demo).
 *   chan echo [N]   echo every byte the port brings back to it, N connections'
 *                   worth ... (plain copy: the bench's baseline, no channel) */
#include <errno.h>
#include <futeet/futeet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char buf[FUTEET_PORT_CHUNK];

static int echo(void)
{
	long h = futeet_sys_futeet_port_open(FUTEET_PORT_STREAM, 0);
	if (h < 0) {
		printf("chan: port_open: %s\n", futeet_strerror((int)h));
		return 1;
	}
	printf("chan: echo ready\n");
	for (;;) {
		long n = futeet_sys_futeet_port_recv(h, (long)buf, sizeof(buf), 0);
		if (n <= 0) {
			printf("chan: recv: %ld\n", n);
			return 1;
		}
		if (n >= 4 && memcmp(buf, "QUIT", 4) == 0)
			break;
		long w = futeet_sys_futeet_port_send(h, (long)buf, n);
		if (w != n) {
			printf("chan: send: %ld\n", w);
			return 1;
		}
	}
	futeet_sys_futeet_port_close(h);
	printf("chan: echo done\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "echo"))
		return echo();
	printf("usage: chan echo\n");
	return 2;
}
