/* futeet_port_open/send/recv/close (syscalls 1064-1067, docs/API.md): the
 * user side of the peer transports of kernel/port.h. One handle per kind,
 * handle = kind. User memory moves only through copy_{from,to}_user and one
 * private kernel bounce buffer of FUTEET_PORT_CHUNK bytes: a driver never
 * sees a user pointer, and the user never sees device memory. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/compiler.h"
#include "futeet/errno.h"
#include "futeet/printk.h"
#include "futeet/uaccess.h"
#include "kernel/kernel.h"
#include "kernel/port.h"
#include "drivers/ivshmem.h"

struct port_slot {
	const struct port_ops *ops;
	bool probed;
	bool open;
};

static struct port_slot ports[FUTEET_PORT_KIND_MAX + 1];
static uint8_t bounce[FUTEET_PORT_CHUNK];

int port_register(unsigned kind, const struct port_ops *ops)
{
	if (kind == 0 || kind > FUTEET_PORT_KIND_MAX || ops == NULL || ops->send == NULL ||
	    ops->recv == NULL || ops->close == NULL)
		return -EINVAL;
	if (ports[kind].ops != NULL)
		return -EEXIST;
	ports[kind].ops = ops;
	kprintf("futeet: port %u (%s) ready\n", kind, ops->name ? ops->name : "?");
	return 0;
}

/* The driver probe of each kind: it calls port_register when it finds its
 * device, or says why not (0 or -ENODEV etc.). */
static int (*const port_probes[FUTEET_PORT_KIND_MAX + 1])(void) = {
	[FUTEET_PORT_STREAM] = virtio_console_probe,
	[FUTEET_PORT_SHM] = ivshmem_peer_init,
};

static void port_probe(unsigned kind)
{
	if (ports[kind].probed)
		return;
	ports[kind].probed = true;
	if (port_probes[kind] != NULL)
		(void)port_probes[kind]();
}

/* The open slot behind a user handle, or NULL (-EBADF). */
static struct port_slot *port_get(uint64_t h)
{
	if (h == 0 || h > FUTEET_PORT_KIND_MAX || !ports[h].open)
		return NULL;
	return &ports[h];
}

long sys_futeet_port_open(uint64_t kind, uint64_t flags)
{
	int rc;

	if (kind == 0 || kind > FUTEET_PORT_KIND_MAX || flags != 0)
		return -EINVAL;
	port_probe((unsigned)kind);
	if (ports[kind].ops == NULL)
		return -ENODEV;
	if (ports[kind].open)
		return -EBUSY;
	if (ports[kind].ops->open != NULL) {
		rc = ports[kind].ops->open();
		if (rc)
			return rc;
	}
	ports[kind].open = true;
	return (long)kind;
}

long sys_futeet_port_send(uint64_t h, uint64_t ubuf, uint64_t len)
{
	struct port_slot *p = port_get(h);
	uint64_t done = 0;
	long rc;

	if (p == NULL)
		return -EBADF;
	/* The whole range is checked before a byte leaves. */
	if (!user_range_ok(ubuf, len, false))
		return -EFAULT;
	if (len > (uint64_t)INT64_MAX)
		return -EINVAL;
	rc = (long)len;
	while (done < len && rc >= 0) {
		size_t n = len - done < FUTEET_PORT_CHUNK ? (size_t)(len - done) : FUTEET_PORT_CHUNK;
		long r;

		if (copy_from_user(bounce, ubuf + done, n))
			rc = -EFAULT;
		else if ((r = p->ops->send(bounce, n)) < 0)
			rc = r;
		else if ((size_t)r != n)
			rc = -EIO; /* a driver that broke its contract */
		done += n;
	}
	/* On every return, an error half way included. */
	futeet_wipe(bounce, len < FUTEET_PORT_CHUNK ? (size_t)len : FUTEET_PORT_CHUNK);
	return rc;
}

long sys_futeet_port_recv(uint64_t h, uint64_t ubuf, uint64_t cap, uint64_t timeout_ms)
{
	struct port_slot *p = port_get(h);
	size_t n;
	long r;

	if (p == NULL)
		return -EBADF;
	if (cap == 0 || timeout_ms > UINT32_MAX)
		return -EINVAL;
	n = cap < FUTEET_PORT_CHUNK ? (size_t)cap : FUTEET_PORT_CHUNK;
	/* Checked before the bytes are taken from the device: once received
	 * they cannot be given back. */
	if (!user_range_ok(ubuf, n, true))
		return -EFAULT;
	r = p->ops->recv(bounce, n, (uint32_t)timeout_ms);
	if (r > 0 && (size_t)r > n)
		r = -EIO; /* a driver that broke its contract */
	else if (r > 0 && copy_to_user(ubuf, bounce, (size_t)r))
		r = -EFAULT;
	/* A driver may have written part of the bytes before an error. */
	futeet_wipe(bounce, (size_t)n);
	return r;
}

long sys_futeet_port_close(uint64_t h)
{
	struct port_slot *p = port_get(h);

	if (p == NULL)
		return -EBADF;
	p->ops->close();
	p->open = false;
	return 0;
}

void port_reset_process(void)
{
	for (unsigned k = 1; k <= FUTEET_PORT_KIND_MAX; k++)
		if (ports[k].open)
			(void)sys_futeet_port_close(k);
}
