/* libFuzzer: the virtio-console control messages a hostile device sends
 * (drivers/vcon_ctrl.c, virtio 1.2 5.3.6.2). The input is a stream of
 * messages, each a length byte (0..15) and that many bytes. Oracle, a
 * model written here from the spec: a message shorter than 8 bytes, or a
 * PORT_OPEN whose value is not 0 or 1, is refused and changes nothing; only
 * DEVICE_ADD gets replies, and it always gets a PORT_READY for the id it
 * named: 1 (followed by PORT_OPEN 1) for the first port 0 or 1, 0 for any
 * other port; the port, once taken, never changes; each hang-up (PORT_OPEN
 * 0 or DEVICE_REMOVE of the port while the host side was open) adds one to
 * the count, and nothing else changes it (a following PORT_OPEN 1 does not
 * take a hang-up back). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "futeet/errno.h"
#include "drivers/vcon_ctrl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vcon_ctrl_state s, before;
	struct vcon_ctrl_reply r;
	/* the model */
	int have = 0, open = 0;
	uint32_t hangups = 0;
	uint32_t port = 0;
	size_t i = 0;

	memset(&s, 0, sizeof(s));
	while (i < size) {
		size_t len = data[i++] % 16u;
		uint8_t m[16];
		if (len > size - i)
			len = size - i;
		memcpy(m, data + i, len);   /* the harness's own copy: ASan sees overreads */
		i += len;
		before = s;
		memset(&r, 0xA5, sizeof(r));
		int rc = vcon_ctrl_input(&s, m, len, &r);
		if (len < 8) {
			if (rc != -EINVAL || memcmp(&s, &before, sizeof(s)) != 0)
				abort();
			continue;
		}
		uint32_t id = (uint32_t)m[0] | (uint32_t)m[1] << 8 | (uint32_t)m[2] << 16 | (uint32_t)m[3] << 24;
		uint16_t ev = (uint16_t)(m[4] | m[5] << 8), val = (uint16_t)(m[6] | m[7] << 8);
		int ours = have && id == port;
		if (ev == VIRTIO_CONSOLE_PORT_OPEN && val > 1) {
			if (rc != -EINVAL || memcmp(&s, &before, sizeof(s)) != 0)
				abort();
			continue;
		}
		if (rc != 0)
			abort();
		if (ev == VIRTIO_CONSOLE_DEVICE_ADD) {
			if (!have && id <= 1) {
				have = 1;
				port = id;
				open = 0;
				if (r.n != 2 || r.m[0].id != id || r.m[0].event != VIRTIO_CONSOLE_PORT_READY ||
				    r.m[0].value != 1 || r.m[1].id != id ||
				    r.m[1].event != VIRTIO_CONSOLE_PORT_OPEN || r.m[1].value != 1)
					abort();
			} else if (!ours) {
				if (r.n != 1 || r.m[0].id != id || r.m[0].event != VIRTIO_CONSOLE_PORT_READY ||
				    r.m[0].value != 0)
					abort();
			} else if (r.n != 0) {
				abort();
			}
		} else {
			if (r.n != 0)
				abort();
			if (ev == VIRTIO_CONSOLE_PORT_OPEN && ours) {
				if (val == 0 && open)
					hangups++;
				open = val == 1;
			} else if (ev == VIRTIO_CONSOLE_DEVICE_REMOVE && ours) {
				if (open)
					hangups++;
				open = 0;
			}
		}
		if (s.have_port != (have != 0) || (have && s.port != port) || s.host_open != (open != 0) ||
		    s.hangups != hangups ||
		    (s.have_port && s.port > VCON_CTRL_MAX_PORT))
			abort();
	}
	return 0;
}
