/* Peer transports: byte pipes to another party, futeet_port_open/send/recv/
 * close (syscalls 1064-1067, kernel/port.c; docs/API.md). The bytes cross
 * the host: a port gives no confidentiality or integrity of its own. The
 * attested channel (libfuteet futeet_chan_*, docs/CHANNEL.md) runs over it. */
#ifndef FUTEET_UAPI_PORT_H
#define FUTEET_UAPI_PORT_H

/* Kinds for futeet_port_open. */
#define FUTEET_PORT_STREAM 1u  /* virtio-console port bound to a QEMU socket chardev */
#define FUTEET_PORT_SHM    2u  /* ivshmem region shared with a peer guest on this host */
#define FUTEET_PORT_KIND_MAX 2u

/* The most bytes one futeet_port_send/recv moves through the kernel per
 * step (its bounce buffer): send loops over it, recv returns at most this
 * many. */
#define FUTEET_PORT_CHUNK 32768u

#endif
