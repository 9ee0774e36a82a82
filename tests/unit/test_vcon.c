/* The pure parts of the virtio-console stream port (drivers/vcon_ctrl.c,
 * drivers/virtq.c) that make a host hang-up end one session, and only
 * that one (drivers/virtio_console.c, top comment):
 *  - a hang-up is counted when it happens and stays counted when the next
 *    client's PORT_OPEN 1 follows before the driver looked (virtio 1.2
 *    5.3.6.2 PORT_OPEN; the old "a new client makes the hang-up moot" rule
 *    let one session run on into the next client's bytes);
 *  - a transmit buffer the device keeps at a hang-up without returning it
 *    (QEMU 7.2 hw/char/virtio-serial-bus.c discard_throttle_data detaches
 *    it) no longer holds the queue once forgotten, and a late return of it
 *    is tolerated, not taken for a broken device;
 *  - virtq_used_ahead says how many receive buffers came before an event. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "drivers/vcon_ctrl.h"
#include "drivers/virtq.h"

static int ctrl(struct vcon_ctrl_state *s, uint32_t id, uint16_t ev, uint16_t val)
{
	uint8_t m[8] = { (uint8_t)id, (uint8_t)(id >> 8), (uint8_t)(id >> 16), (uint8_t)(id >> 24),
			 (uint8_t)ev, (uint8_t)(ev >> 8), (uint8_t)val, (uint8_t)(val >> 8) };
	struct vcon_ctrl_reply r;

	return vcon_ctrl_input(s, m, sizeof(m), &r);
}

static void test_hangup_stays_counted_when_the_next_client_opens(void **state)
{
	struct vcon_ctrl_state s;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(ctrl(&s, 1, VIRTIO_CONSOLE_DEVICE_ADD, 1), 0);
	assert_true(s.have_port);
	assert_int_equal(ctrl(&s, 1, VIRTIO_CONSOLE_PORT_OPEN, 1), 0);   /* client A */
	assert_int_equal(s.hangups, 0);
	/* A leaves and B comes, both queued before the driver polls */
	assert_int_equal(ctrl(&s, 1, VIRTIO_CONSOLE_PORT_OPEN, 0), 0);
	assert_int_equal(ctrl(&s, 1, VIRTIO_CONSOLE_PORT_OPEN, 1), 0);
	assert_int_equal(s.hangups, 1);
	assert_true(s.host_open);
	/* B is removed with the device: a second hang-up */
	assert_int_equal(ctrl(&s, 1, VIRTIO_CONSOLE_DEVICE_REMOVE, 0), 0);
	assert_int_equal(s.hangups, 2);
	assert_false(s.host_open);
}

static void test_close_while_closed_and_other_ports_are_no_hangup(void **state)
{
	struct vcon_ctrl_state s;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(ctrl(&s, 1, VIRTIO_CONSOLE_DEVICE_ADD, 1), 0);
	assert_int_equal(ctrl(&s, 1, VIRTIO_CONSOLE_PORT_OPEN, 0), 0);   /* never opened */
	assert_int_equal(ctrl(&s, 1, VIRTIO_CONSOLE_DEVICE_REMOVE, 0), 0);
	assert_int_equal(ctrl(&s, 1, VIRTIO_CONSOLE_PORT_OPEN, 1), 0);
	assert_int_equal(ctrl(&s, 0, VIRTIO_CONSOLE_PORT_OPEN, 0), 0);   /* not our port */
	assert_int_equal(ctrl(&s, 1, VIRTIO_CONSOLE_PORT_OPEN, 2), -EINVAL);
	assert_int_equal(s.hangups, 0);
	assert_true(s.host_open);
}

static uint8_t page[VIRTQ_PAGE_BYTES] __attribute__((aligned(4096)));

/* the device returns buffer id with length len (virtio 1.2 2.7.8) */
static void device_return(uint16_t *used_idx, uint32_t id, uint32_t len)
{
	uint8_t *e = page + VIRTQ_USED_OFF + 4u + (size_t)(*used_idx % VIRTQ_SIZE) * 8u;

	memcpy(e, &id, 4);
	memcpy(e + 4, &len, 4);
	(*used_idx)++;
	memcpy(page + VIRTQ_USED_OFF + 2u, used_idx, 2);
}

static void test_a_kept_transmit_buffer_is_forgotten_and_a_late_return_tolerated(void **state)
{
	struct virtq q;
	uint16_t used = 0, id;
	uint32_t len;

	(void)state;
	memset(page, 0, sizeof(page));
	assert_int_equal(virtq_init(&q, page, VIRTQ_SIZE), 0);
	assert_int_equal(virtq_post(&q, 0, 0x1000, 100, false), 0);
	assert_int_equal(virtq_post(&q, 1, 0x2000, 200, false), 0);
	device_return(&used, 0, 0);
	assert_int_equal(virtq_take(&q, &id, &len), 0);
	assert_int_equal(id, 0);
	/* the device keeps id 1 (the hang-up): it would be waited for forever */
	assert_int_equal(virtq_take(&q, &id, &len), -EAGAIN);
	assert_int_equal(q.outstanding, 1);
	virtq_forget(&q);
	assert_int_equal(q.outstanding, 0);
	assert_int_equal(virtq_take(&q, &id, &len), -EAGAIN);
	/* the id is free again */
	assert_int_equal(virtq_post(&q, 0, 0x1000, 50, false), 0);
	device_return(&used, 0, 0);
	assert_int_equal(virtq_take(&q, &id, &len), 0);
	assert_int_equal(id, 0);
	/* a device that returns the forgotten buffer after all: dropped */
	device_return(&used, 1, 0);
	assert_int_equal(virtq_take(&q, &id, &len), -EAGAIN);
	assert_false(q.broken);
	/* but not twice: that is more than was ever posted */
	device_return(&used, 1, 0);
	assert_int_equal(virtq_take(&q, &id, &len), -EIO);
	assert_true(q.broken);
}

static void test_used_ahead_counts_what_came_before_an_event(void **state)
{
	struct virtq q;
	uint16_t used = 0, id;
	uint32_t len;

	(void)state;
	memset(page, 0, sizeof(page));
	assert_int_equal(virtq_init(&q, page, 4), 0);
	for (uint16_t i = 0; i < 4; i++)
		assert_int_equal(virtq_post(&q, i, 0x1000u * (i + 1u), 2048, true), 0);
	assert_int_equal(virtq_used_ahead(&q), 0);
	device_return(&used, 0, 10);
	device_return(&used, 1, 20);
	assert_int_equal(virtq_used_ahead(&q), 2);
	assert_int_equal(virtq_take(&q, &id, &len), 0);
	assert_int_equal(virtq_used_ahead(&q), 1);
	/* a used index running ahead of what is outstanding is not believed */
	used = (uint16_t)(used + 40);
	memcpy(page + VIRTQ_USED_OFF + 2u, &used, 2);
	assert_int_equal(virtq_used_ahead(&q), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hangup_stays_counted_when_the_next_client_opens),
		cmocka_unit_test(test_close_while_closed_and_other_ports_are_no_hangup),
		cmocka_unit_test(test_a_kept_transmit_buffer_is_forgotten_and_a_late_return_tolerated),
		cmocka_unit_test(test_used_ahead_counts_what_came_before_an_event),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
