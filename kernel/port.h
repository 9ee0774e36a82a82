/* Peer transports (issue 13's kernel transport contract): drivers register
 * one byte pipe per kind (uapi/futeet/port.h) and kernel/port.c turns it
 * into the futeet_port_* syscalls. The kernel only moves bytes: the channel
 * protocol runs in ring 3 (libfuteet futeet_chan_*). Everything a driver
 * reads from device memory is hostile host input: copy it once, validate
 * indices and lengths, then use it. */
#ifndef FUTEET_KERNEL_PORT_H
#define FUTEET_KERNEL_PORT_H

#include <stddef.h>
#include <stdint.h>
#include "uapi/futeet/port.h"

struct port_ops {
	const char *name;
	/* Send all len bytes (len <= FUTEET_PORT_CHUNK), blocking: len, or
	 * -EPIPE when the peer is gone, -EIO on a broken device. */
	long (*send)(const void *kbuf, size_t len);
	/* Receive 1..cap bytes (cap <= FUTEET_PORT_CHUNK): the count, 0 when
	 * the peer closed, -ETIMEDOUT after timeout_ms (0: wait forever),
	 * -EIO on a broken device. */
	long (*recv)(void *kbuf, size_t cap, uint32_t timeout_ms);
	void (*close)(void);
	/* Optional (NULL: nothing to do): called by futeet_port_open before
	 * the handle is handed out; a negative errno refuses the open. */
	int (*open)(void);
};

/* Drivers call this at probe: 0, -EINVAL (bad kind or ops), -EEXIST (the
 * kind has a driver already). */
int port_register(unsigned kind, const struct port_ops *ops);

/* A new program starts with every port closed (kernel/main.c). */
void port_reset_process(void);

/* Driver probes (each calls port_register when it finds its device; 0 or
 * -ENODEV): kernel/port.c runs them on the first futeet_port_open of their
 * kind, not at boot, so a program that never opens a port never touches
 * the devices. */
int virtio_console_probe(void);   /* drivers/virtio_console.c: FUTEET_PORT_STREAM */

#endif
