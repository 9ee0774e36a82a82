/* The virtio-console control messages the device sends (virtio 1.2,
 * section 5.3.6.2, "Multiport Device Operation"), parsed and applied to the
 * driver's port state. Pure C, no kernel calls: drivers/virtio_console.c
 * copies each message out of its shared buffer once and hands the private
 * copy here; tests/fuzz/fuzz_vcon_ctrl.c runs it on hostile messages. */
#ifndef FUTEET_DRIVERS_VCON_CTRL_H
#define FUTEET_DRIVERS_VCON_CTRL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 5.3.6.2: struct virtio_console_control { le32 id; le16 event; le16 value; } */
struct virtio_console_control {
	uint32_t id;     /* port number */
	uint16_t event;
	uint16_t value;
};
_Static_assert(sizeof(struct virtio_console_control) == 8, "virtio 1.2 5.3.6.2: 8 bytes");
_Static_assert(__builtin_offsetof(struct virtio_console_control, event) == 4, "event at 4");
_Static_assert(__builtin_offsetof(struct virtio_console_control, value) == 6, "value at 6");
#define VCON_CTRL_LEN 8u

/* 5.3.6.2 event numbers (the list under struct virtio_console_control) */
#define VIRTIO_CONSOLE_DEVICE_READY  0u   /* driver: value 1 ready */
#define VIRTIO_CONSOLE_DEVICE_ADD    1u   /* device: a new port id */
#define VIRTIO_CONSOLE_DEVICE_REMOVE 2u   /* device: port id is gone */
#define VIRTIO_CONSOLE_PORT_READY    3u   /* driver: value 1 usable, 0 refused */
#define VIRTIO_CONSOLE_CONSOLE_PORT  4u   /* device: the port is a console */
#define VIRTIO_CONSOLE_RESIZE        5u   /* device: followed by cols, rows */
#define VIRTIO_CONSOLE_PORT_OPEN     6u   /* both: value 1 open, 0 closed */
#define VIRTIO_CONSOLE_PORT_NAME     7u   /* device: followed by the name */
/* 5.3.6.2 "id is unused" for DEVICE_READY; Linux's drivers/char/
 * virtio_console.c sends VIRTIO_CONSOLE_BAD_ID there, as FUTEET does. */
#define VIRTIO_CONSOLE_BAD_ID 0xFFFFFFFFu
/* FUTEET's choice: the one port the driver takes is 0 or 1 (5.3.2: port 0
 * on queues 0/1, port n >= 1 on queues 2+2n/3+2n, control on 2/3). */
#define VCON_CTRL_MAX_PORT 1u

struct vcon_ctrl_state {
	bool have_port;       /* a port was taken (PORT_READY 1 sent) */
	uint32_t port;        /* which */
	bool host_open;       /* the device's last PORT_OPEN value for it */
	/* host hang-ups: the port went from open to closed (PORT_OPEN 0, or
	 * DEVICE_REMOVE, while open). Counted, never cleared: a hang-up stays
	 * a hang-up when the next client's PORT_OPEN 1 follows before the
	 * driver has acted on it (the driver compares with its own count). */
	uint32_t hangups;
};

/* What the driver must send back (in this order), at most two messages. */
struct vcon_ctrl_reply {
	unsigned n;
	struct virtio_console_control m[2];
};

/* Apply one device message m[0..len) (a private copy) to s. 0 applied or
 * ignored (an event the driver has no use for, another port's); -EINVAL a
 * malformed message (shorter than 8 bytes; PORT_OPEN with a value other
 * than 0 or 1), nothing changed. A hang-up adds 1 to s->hangups (only
 * from open to closed: a PORT_OPEN 0 or DEVICE_REMOVE while closed is no
 * new hang-up). *r gets the replies: PORT_READY 1 and
 * PORT_OPEN 1 for the first port 0 or 1 added, PORT_READY 0 for any other
 * (5.3.6.2: PORT_READY is the driver's answer to DEVICE_ADD). */
int vcon_ctrl_input(struct vcon_ctrl_state *s, const uint8_t *m, size_t len,
		    struct vcon_ctrl_reply *r);

#endif
