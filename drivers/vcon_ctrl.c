/* virtio-console control messages from the device (drivers/vcon_ctrl.h;
 * virtio 1.2, section 5.3.6.2). The message is already a private copy:
 * each field is decoded once, checked, then applied. */
#include "drivers/vcon_ctrl.h"

#include "futeet/errno.h"

static void reply(struct vcon_ctrl_reply *r, uint32_t id, uint16_t event, uint16_t value)
{
	if (r->n < 2u) {
		r->m[r->n].id = id;
		r->m[r->n].event = event;
		r->m[r->n].value = value;
		r->n++;
	}
}

int vcon_ctrl_input(struct vcon_ctrl_state *s, const uint8_t *m, size_t len,
		    struct vcon_ctrl_reply *r)
{
	uint32_t id;
	uint16_t event, value;
	bool ours;

	r->n = 0;
	/* 5.3.6.2: 8 bytes; RESIZE and PORT_NAME carry more after them */
	if (m == NULL || len < VCON_CTRL_LEN)
		return -EINVAL;
	id = (uint32_t)m[0] | (uint32_t)m[1] << 8 | (uint32_t)m[2] << 16 | (uint32_t)m[3] << 24;
	event = (uint16_t)(m[4] | m[5] << 8);
	value = (uint16_t)(m[6] | m[7] << 8);
	ours = s->have_port && id == s->port;
	switch (event) {
	case VIRTIO_CONSOLE_DEVICE_ADD:
		if (!s->have_port && id <= VCON_CTRL_MAX_PORT) {
			s->have_port = true;
			s->port = id;
			s->host_open = false;
			reply(r, id, VIRTIO_CONSOLE_PORT_READY, 1);
			reply(r, id, VIRTIO_CONSOLE_PORT_OPEN, 1);   /* the guest side is open */
		} else if (!ours) {
			reply(r, id, VIRTIO_CONSOLE_PORT_READY, 0);
		}
		return 0;   /* ours again: already answered */
	case VIRTIO_CONSOLE_PORT_OPEN:
		if (value > 1u)
			return -EINVAL;
		if (ours) {
			if (value == 0 && s->host_open)
				s->hangups++;
			s->host_open = value == 1;
		}
		return 0;
	case VIRTIO_CONSOLE_DEVICE_REMOVE:
		if (ours && s->host_open) {
			s->hangups++;
			s->host_open = false;
		}
		return 0;
	default:
		/* CONSOLE_PORT, RESIZE, PORT_NAME: nothing to do; the driver's
		 * own events and unknown ones: ignored */
		return 0;
	}
}
