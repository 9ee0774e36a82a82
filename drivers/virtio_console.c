/* virtio console, modern PCI transport, polled: FUTEET_PORT_STREAM
 * (kernel/port.h). Specification: virtio 1.2 (OASIS, 2022), section 4.1
 * "Virtio Over PCI Bus" and section 5.3 "Console Device".
 *
 * One port. With VIRTIO_CONSOLE_F_MULTIPORT (5.3.3; QEMU's virtio-serial
 * offers it) the driver runs the control queues minimally (5.3.6.2; the
 * messages are parsed by drivers/vcon_ctrl.c): DEVICE_READY, then
 * PORT_READY for the first port the device adds (port 0, a virtconsole, or
 * port 1, a virtserialport: what scripts/run wires), PORT_OPEN to say the
 * guest side is open, and the host's PORT_OPEN events tell when the
 * socket's client comes and goes.
 *
 * A hang-up (PORT_OPEN 0) and the data queues: QEMU (7.2,
 * hw/char/virtio-serial-bus.c virtio_serial_close) returns the transmit
 * buffers it had not started with length 0 and DETACHES the one it was
 * holding (a write to the gone socket failed and throttled the port:
 * discard_throttle_data) without ever returning it, then queues the
 * PORT_OPEN 0; every byte the client sent before is on the receiveq
 * before that. So, on each hang-up the driver (vcon_hangup) takes back
 * the transmit buffers and forgets the detached one (else every later
 * send waited for it and failed after 30 s: the relay test's stall), and
 * marks how many receive buffers came before it. Per open of the port (a
 * session): once the session has sent or received a byte, the next
 * hang-up is its peer's: futeet_port_recv returns the bytes before it,
 * then 0 on every call; futeet_port_send fails with -EPIPE, also one
 * waiting for the device when the hang-up comes. A hang-up before the
 * session's first byte is a departed client's (the previous session's,
 * or one that said nothing): the bytes it left are dropped, unseen, and
 * the session goes on waiting. What one session left of a client that
 * hung up is dropped when the port is opened again, so a later client
 * never reads it.
 * QEMU throttles a virtserialport when the socket cannot
 * take more; a virtconsole (hw/char/virtio-console.c flush_buf,
 * is_console) DROPS those bytes instead, so scripts/run wires a
 * virtserialport (port 1). Without MULTIPORT: port 0 alone, connected on
 * DRIVER_OK (hw/char/virtio-serial-bus.c set_status), no events.
 *
 * The queues and every buffer live in pages shared with the host
 * (vm_alloc_shared); data crosses them once, by copy, into private memory
 * (the caller's kernel buffer), and everything the device writes back is
 * validated by drivers/virtq.c. No interrupts: the driver polls the used
 * rings, with a bound. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/time.h"
#include "drivers/pci.h"
#include "drivers/vcon_ctrl.h"
#include "drivers/virtq.h"
#include "kernel/port.h"

/* 4.1.2.1: vendor 0x1AF4; modern device ID 0x1040 + device type (console
 * = 3, section 5 table "Device Types"); transitional console 0x1003. */
#define VIRTIO_PCI_VENDOR        0x1AF4u
#define VIRTIO_PCI_CONSOLE       0x1043u
#define VIRTIO_PCI_CONSOLE_TRANS 0x1003u

/* PCI Local Bus 3.0 6.2.3 / 6.7: status bit 4 = capabilities list, pointer at 0x34. */
#define PCI_STATUS_CAPLIST (1u << 4)
#define PCI_CAP_PTR        0x34u
#define PCI_CAP_ID_VNDR    0x09u
#define PCI_COMMAND_MASTER (1u << 2)   /* bus master: the device reads our rings */

/* 4.1.4: struct virtio_pci_cap, cfg_type values */
#define VIRTIO_PCI_CAP_COMMON_CFG 1u
#define VIRTIO_PCI_CAP_NOTIFY_CFG 2u
#define VIRTIO_PCI_CAP_LEN        16u   /* cap_vndr .. length */
#define VIRTIO_PCI_NOTIFY_CAP_LEN 20u   /* + notify_off_multiplier (4.1.4.4) */

/* 4.1.4.3: struct virtio_pci_common_cfg offsets */
#define VCC_DEVICE_FEATURE_SELECT 0x00u
#define VCC_DEVICE_FEATURE        0x04u
#define VCC_DRIVER_FEATURE_SELECT 0x08u
#define VCC_DRIVER_FEATURE        0x0Cu
#define VCC_NUM_QUEUES            0x12u
#define VCC_DEVICE_STATUS         0x14u
#define VCC_QUEUE_SELECT          0x16u
#define VCC_QUEUE_SIZE            0x18u
#define VCC_QUEUE_MSIX_VECTOR     0x1Au
#define VCC_QUEUE_ENABLE          0x1Cu
#define VCC_QUEUE_NOTIFY_OFF      0x1Eu
#define VCC_QUEUE_DESC            0x20u
#define VCC_QUEUE_DRIVER          0x28u
#define VCC_QUEUE_DEVICE          0x30u
#define VCC_LEN                   0x38u   /* through queue_device */

/* 2.1: device status bits */
#define VIRTIO_STATUS_ACKNOWLEDGE 1u
#define VIRTIO_STATUS_DRIVER      2u
#define VIRTIO_STATUS_DRIVER_OK   4u
#define VIRTIO_STATUS_FEATURES_OK 8u
#define VIRTIO_STATUS_FAILED      128u
/* 6: reserved feature bits */
#define VIRTIO_F_VERSION_1        32u
#define VIRTIO_F_ACCESS_PLATFORM  33u
#define VIRTIO_MSI_NO_VECTOR      0xFFFFu   /* 4.1.5.1.2 */

/* 5.3.2: queue numbers: port 0 receiveq 0 / transmitq 1, control
 * receiveq 2 / transmitq 3, port n >= 1: 2 + 2n / 3 + 2n */
#define VCON_CRXQ 2u
#define VCON_CTXQ 3u
#define VCON_NQ   6u     /* ports 0 and 1 and control */
/* 5.3.3 feature bits */
#define VIRTIO_CONSOLE_F_MULTIPORT 1u
#define VCON_CTRL_WAIT_NS 2000000000ull   /* FUTEET's bound on a control send and the port's discovery */

/* FUTEET's choices: 16 buffers of 2 KiB per direction (32 KiB in flight
 * each way, one port send step), a 30 s bound on a transmit the host does
 * not take, 5 s on the device's reset. */
#define VCON_BUF        2048u
#define VCON_BUF_PAGES  ((VIRTQ_SIZE * VCON_BUF) / 4096u)
#define VCON_TX_WAIT_NS 30000000000ull
#define VCON_RESET_NS   5000000000ull

struct vcon_queue {
	struct virtq q;
	volatile uint8_t *ring;
	uint64_t ring_gpa;
	uint8_t *buf;          /* VIRTQ_SIZE * VCON_BUF shared bytes */
	uint64_t buf_gpa;
	volatile uint16_t *notify;
};

static struct vcon_queue vqs[VCON_NQ];

static struct {
	bool ready;
	bool multiport;
	struct vcon_ctrl_state ctl;  /* the port in use and the host's open/close */
	uint32_t hangups_seen;       /* ctl.hangups acted on (vcon_hangup) */
	/* this open of the port (a session) */
	bool traffic;                /* it sent or received a byte */
	bool hup;                    /* its peer hung up: rx up to rx_end, then 0 */
	uint16_t rx_end;             /* receiveq used index of that hang-up */
	/* the receiveq used index of the latest hang-up, while the buffers
	 * before it are not all taken: dropped at the next open */
	uint16_t drop_end;
	bool drop_pending;
	uint16_t rx_safe;            /* receiveq used index below which buffers may be taken */
	volatile uint8_t *common;
	struct vcon_queue *rxq, *txq; /* the port's queues */
	uint16_t rxq_index, txq_index;
	/* the receive buffer being handed out: a private copy */
	uint8_t staged[VCON_BUF];
	uint32_t staged_off, staged_len;
} vcon;

static uint8_t cfg8(const struct pci_dev *d, uint8_t off)
{
	return (uint8_t)(pci_cfg_read32(d, off) >> ((off & 3u) * 8u));
}

/* A BAR's region [off, off+len) mapped shared (device registers), or NULL. */
static volatile uint8_t *map_cap(const struct pci_dev *d, uint8_t bar, uint32_t off, uint32_t len)
{
	uint64_t base, size;

	if (bar >= PCI_BAR_COUNT || pci_bar_mem(d, bar, &base, &size))
		return NULL;
	if (len == 0 || off > size || len > size - off)
		return NULL;
	return vm_map_mmio(base + off, len, true);
}

/* 4.1.3.1: a 64-bit field as its low and high 32-bit halves */
static void write64(volatile uint8_t *p, uint64_t v)
{
	mmio_write32(p, (uint32_t)v);
	mmio_write32(p + 4, (uint32_t)(v >> 32));
}

static int vcon_queue_setup(struct vcon_queue *vq, uint16_t index, volatile uint8_t *notify_base,
			    uint32_t notify_len, uint32_t notify_mult)
{
	volatile uint8_t *c = vcon.common;
	uint16_t max, size = VIRTQ_SIZE, noff;
	void *va;
	int rc;

	mmio_write16(c + VCC_QUEUE_SELECT, index);
	max = mmio_read16(c + VCC_QUEUE_SIZE);
	if (max == 0 || (max & (max - 1u)))
		return -ENODEV;   /* no such queue, or not a power of two (2.7) */
	if (max < size)
		size = max;
	rc = vm_alloc_shared(1, &va, &vq->ring_gpa);
	if (rc)
		return rc;
	vq->ring = va;
	rc = vm_alloc_shared(VCON_BUF_PAGES, &va, &vq->buf_gpa);
	if (rc)
		return rc;
	vq->buf = va;
	rc = virtq_init(&vq->q, vq->ring, size);
	if (rc)
		return rc;
	/* 4.1.5.1.3: size, no MSI-X vector (we poll), the three parts, enable */
	mmio_write16(c + VCC_QUEUE_SIZE, size);
	mmio_write16(c + VCC_QUEUE_MSIX_VECTOR, VIRTIO_MSI_NO_VECTOR);
	write64(c + VCC_QUEUE_DESC, vq->ring_gpa + VIRTQ_DESC_OFF);
	write64(c + VCC_QUEUE_DRIVER, vq->ring_gpa + VIRTQ_AVAIL_OFF);
	write64(c + VCC_QUEUE_DEVICE, vq->ring_gpa + VIRTQ_USED_OFF);
	/* 4.1.4.4: queue_notify_off * notify_off_multiplier into the notify
	 * region; the device's values, so checked against the region. */
	noff = mmio_read16(c + VCC_QUEUE_NOTIFY_OFF);
	if ((uint64_t)noff * notify_mult + 2u > notify_len)
		return -EIO;
	vq->notify = (volatile uint16_t *)(notify_base + (uint64_t)noff * notify_mult);
	mmio_write16(c + VCC_QUEUE_ENABLE, 1);
	return 0;
}

static void vcon_notify(struct vcon_queue *vq, uint16_t index)
{
	cpu_mb();   /* ring writes before the doorbell (2.7.13.4) */
	mmio_write16(vq->notify, index);
}

static void vcon_fail(const char *why)
{
	if (vcon.common != NULL)
		mmio_write8(vcon.common + VCC_DEVICE_STATUS, VIRTIO_STATUS_FAILED);
	vcon.ready = false;
	kprintf("futeet: virtio-console: %s\n", why);
}

/* 5.3.6.2: one control message out on the control transmitq, and wait
 * (bounded) until the device took it. */
static int vcon_ctrl_send(const struct virtio_console_control *m)
{
	struct vcon_queue *q = &vqs[VCON_CTXQ];
	uint8_t *b = q->buf;
	uint64_t start;
	uint16_t uid;
	uint32_t ulen;
	int rc;

	for (unsigned i = 0; i < 4u; i++)   /* little-endian fields (5.3.6.2) */
		b[i] = (uint8_t)(m->id >> (8u * i));
	b[4] = (uint8_t)m->event;
	b[5] = (uint8_t)(m->event >> 8);
	b[6] = (uint8_t)m->value;
	b[7] = (uint8_t)(m->value >> 8);
	rc = virtq_post(&q->q, 0, q->buf_gpa, VCON_CTRL_LEN, false);
	if (rc)
		return -EIO;
	vcon_notify(q, VCON_CTXQ);
	start = time_ns();
	while ((rc = virtq_take(&q->q, &uid, &ulen)) == -EAGAIN) {
		if (time_ns() - start > VCON_CTRL_WAIT_NS)
			return -EIO;
		cpu_pause();
	}
	return rc ? -EIO : 0;
}

static int vcon_rx_drop_to(uint16_t end);

/* Receive buffers the device has published, as a used index. */
static uint16_t vcon_rx_used(void)
{
	return (uint16_t)(vcon.rxq->q.last_used + virtq_used_ahead(&vcon.rxq->q));
}

/* How far used index i is ahead of what was taken (0..VIRTQ_SIZE). */
static uint16_t vcon_rx_ahead(uint16_t i)
{
	return (uint16_t)(i - vcon.rxq->q.last_used);
}

/* The host hung up (virtio_serial_close, see the top of this file), after
 * the receive buffers before used index `end`: every transmit buffer it
 * returned is taken and the rest forgotten (detached by the device). A
 * session with traffic is over (hup: it reads up to `end`, then 0); one
 * without any drops those buffers at once. */
static int vcon_hangup(uint16_t end)
{
	uint16_t id;
	uint32_t len;

	while (virtq_take(&vcon.txq->q, &id, &len) == 0)
		;
	if (vcon.txq->q.broken)
		return -EIO;
	virtq_forget(&vcon.txq->q);
	if (vcon_rx_ahead(end) > vcon_rx_ahead(vcon.rx_safe))
		vcon.rx_safe = end;
	vcon.drop_end = end;
	vcon.drop_pending = vcon_rx_ahead(end) != 0;
	if (vcon.traffic) {
		if (!vcon.hup) {   /* the session's peer: a later hang-up is another's */
			vcon.hup = true;
			vcon.rx_end = end;
		}
		return 0;
	}
	vcon.staged_off = vcon.staged_len = 0;   /* the departed client's too */
	return vcon_rx_drop_to(end);
}

/* The control messages the device has sent (at most VIRTQ_SIZE per call):
 * each copied out of its shared buffer once (its first 8 bytes; the tail
 * of a RESIZE or PORT_NAME is not needed), its buffer given back, then
 * parsed and applied by drivers/vcon_ctrl.c (a malformed one is ignored).
 *
 * The two queues have no common order (virtio 1.2 gives none), so the
 * driver keeps one from how it reads them. QEMU queues a client's bytes
 * after its PORT_OPEN 1 and before its PORT_OPEN 0, and none between a
 * PORT_OPEN 0 and the next PORT_OPEN 1. The receiveq's used index is read
 * before the control queue (rx_start): every message queued after that
 * read comes after those buffers. So: receive buffers are taken only below
 * rx_safe, an index read before a control read that found nothing more
 * (vcon_rx_stage), and a hang-up's place in the receiveq is the used index
 * read right after it, when no later control message is there yet (no
 * next client can have sent a byte before it); when one is, the index read
 * before the previous control read, the last one known to be before the
 * hang-up (the departed client's last bytes may then reach the next
 * session, whose channel refuses them). 0, or -EIO (a broken queue). */
static int vcon_ctrl_poll(void)
{
	struct vcon_queue *q = &vqs[VCON_CRXQ];
	struct vcon_ctrl_reply r;
	uint16_t bid, rx_start = 0;
	uint32_t len;
	uint8_t m[VCON_CTRL_LEN];
	int rc = -EAGAIN, got = 0;

	if (!vcon.multiport)
		return 0;
	if (vcon.rxq != NULL)
		rx_start = vcon_rx_used();
	for (unsigned k = 0; k < VIRTQ_SIZE && (rc = virtq_take(&q->q, &bid, &len)) == 0; k++) {
		/* len <= VCON_BUF: virtq_take checked it against what we posted */
		memcpy(m, q->buf + (size_t)bid * VCON_BUF, sizeof(m));
		if (virtq_post(&q->q, bid, q->buf_gpa + (uint64_t)bid * VCON_BUF, VCON_BUF, true))
			return -EIO;
		got = 1;
		if (vcon_ctrl_input(&vcon.ctl, m, len < sizeof(m) ? len : sizeof(m), &r))
			continue;
		for (unsigned i = 0; i < r.n; i++)
			if (vcon_ctrl_send(&r.m[i]))
				return -EIO;
		if (vcon.ctl.hangups != vcon.hangups_seen && vcon.rxq != NULL) {
			uint16_t end = vcon_rx_used();
			vcon.hangups_seen = vcon.ctl.hangups;
			if (virtq_used_ahead(&q->q) != 0)
				end = vcon.rx_safe;   /* a later message is there already */
			if (vcon_hangup(end))
				return -EIO;
		}
	}
	if (got)
		vcon_notify(q, VCON_CRXQ);
	if (rc != 0 && rc != -EAGAIN)
		return -EIO;
	/* nothing more on the control queue (or the bound): what was on the
	 * receiveq before this call comes after every message taken */
	if (rc == -EAGAIN && vcon.rxq != NULL && vcon_rx_ahead(rx_start) > vcon_rx_ahead(vcon.rx_safe))
		vcon.rx_safe = rx_start;
	return 0;
}

static long vcon_send(const void *kbuf, size_t len)
{
	const uint8_t *p = kbuf;
	size_t done = 0;
	uint16_t next = 0, id;
	uint32_t ulen;
	uint64_t start;
	uint32_t hangups;
	int rc;

	if (!vcon.ready)
		return -EIO;
	/* a hang-up the device already reported ends the session first */
	if (vcon_ctrl_poll())
		goto broken_ctrl;
	if (vcon.hup)
		return -EPIPE;
	vcon.traffic = true;
	hangups = vcon.hangups_seen;
	while (done < len) {
		bool posted = false;
		/* post into every free buffer, then ring once */
		for (unsigned i = 0; i < vcon.txq->q.size && done < len; i++) {
			size_t n = len - done < VCON_BUF ? len - done : VCON_BUF;
			id = (uint16_t)((next + i) % vcon.txq->q.size);
			if (vcon.txq->q.posted_len[id] != 0)
				continue;
			memcpy(vcon.txq->buf + (size_t)id * VCON_BUF, p + done, n);
			rc = virtq_post(&vcon.txq->q, id, vcon.txq->buf_gpa + (uint64_t)id * VCON_BUF,
					(uint32_t)n, false);
			if (rc)
				goto broken;
			done += n;
			posted = true;
		}
		next = (uint16_t)((next + 1u) % vcon.txq->q.size);
		if (posted)
			vcon_notify(vcon.txq, vcon.txq_index);
		/* wait until the device took everything posted */
		start = time_ns();
		while (vcon.txq->q.outstanding != 0) {
			rc = virtq_take(&vcon.txq->q, &id, &ulen);
			if (rc == -EAGAIN) {
				/* the client may hang up with our bytes in the device */
				if (vcon_ctrl_poll())
					goto broken_ctrl;
				if (vcon.hangups_seen != hangups)
					return -EPIPE;   /* vcon_hangup took the buffers back */
				if (time_ns() - start > VCON_TX_WAIT_NS)
					return -EPIPE;   /* the host stopped taking bytes */
				cpu_pause();
				continue;
			}
			if (rc)
				goto broken;
		}
	}
	if (vcon.hangups_seen != hangups)
		return -EPIPE;
	return (long)len;
broken:
	vcon_fail("the device broke the transmit queue's rules (used ring); port disabled");
	return -EIO;
broken_ctrl:
	vcon_fail("the device broke the control queue's rules; port disabled");
	return -EIO;
}

/* Move one used receive buffer, if any, into the private staging copy and
 * give the shared buffer back. 1 staged, 0 none, -EIO broken device. */
static int vcon_rx_stage(void)
{
	uint16_t id;
	uint32_t len;
	int rc;

	/* a session whose peer hung up reads nothing after the hang-up; and
	 * nothing a control message not yet read may come before */
	if (vcon.hup && vcon.rxq->q.last_used == vcon.rx_end)
		return 0;
	if (vcon.multiport && vcon.rxq->q.last_used == vcon.rx_safe)
		return 0;
	rc = virtq_take(&vcon.rxq->q, &id, &len);
	if (rc == -EAGAIN)
		return 0;
	if (rc)
		return rc;
	/* len <= VCON_BUF: virtq_take checked it against what we posted */
	memcpy(vcon.staged, vcon.rxq->buf + (size_t)id * VCON_BUF, len);
	vcon.staged_off = 0;
	vcon.staged_len = len;
	rc = virtq_post(&vcon.rxq->q, id, vcon.rxq->buf_gpa + (uint64_t)id * VCON_BUF, VCON_BUF, true);
	if (rc)
		return -EIO;
	vcon_notify(vcon.rxq, vcon.rxq_index);
	if (vcon.drop_pending && vcon.rxq->q.last_used == vcon.drop_end)
		vcon.drop_pending = false;
	return 1;
}

/* Take and give back, unread, the receive buffers before used index end
 * (a departed client's). 0, or -EIO (a broken queue). */
static int vcon_rx_drop_to(uint16_t end)
{
	/* bounded: at most the buffers the device holds of ours */
	for (unsigned n = 0; n < VIRTQ_SIZE && vcon.rxq->q.last_used != end; n++) {
		int rc = vcon_rx_stage();
		if (rc < 0)
			return -EIO;
		if (rc == 0)
			break;
	}
	vcon.staged_off = vcon.staged_len = 0;
	vcon.drop_pending = false;
	return 0;
}

static long vcon_recv(void *kbuf, size_t cap, uint32_t timeout_ms)
{
	uint8_t *out = kbuf;
	size_t got = 0;
	uint64_t start = time_ns();
	int rc;

	if (!vcon.ready)
		return -EIO;
	while (got < cap) {
		if (vcon.staged_off < vcon.staged_len) {
			uint32_t n = vcon.staged_len - vcon.staged_off;
			if (n > cap - got)
				n = (uint32_t)(cap - got);
			memcpy(out + got, vcon.staged + vcon.staged_off, n);
			vcon.staged_off += n;
			got += n;
			continue;
		}
		rc = vcon_rx_stage();
		if (rc < 0) {
			vcon_fail("the device broke the receive queue's rules (used ring); port disabled");
			return got ? (long)got : -EIO;
		}
		if (rc == 1)
			continue;
		if (got)
			break;   /* what had arrived; do not wait for more */
		if (vcon_ctrl_poll()) {
			vcon_fail("the device broke the control queue's rules; port disabled");
			return -EIO;
		}
		if (vcon.hup) {
			/* the client's last bytes are before rx_end: take them first */
			rc = vcon_rx_stage();
			if (rc == 1)
				continue;
			if (rc == 0)
				return 0;   /* the session's client went away (every call) */
		}
		if (timeout_ms && time_ns() - start >= (uint64_t)timeout_ms * 1000000ull)
			return -ETIMEDOUT;
		cpu_pause();
	}
	if (got)
		vcon.traffic = true;
	return (long)got;
}

static int vcon_open(void)
{
	if (!vcon.ready)
		return -EIO;
	/* A new session: what a client that hung up left unread is dropped,
	 * and so is what any hang-up already queued leaves (vcon_hangup, with
	 * no traffic yet). */
	vcon.traffic = false;
	vcon.hup = false;
	if (vcon.drop_pending && vcon_rx_drop_to(vcon.drop_end))
		return -EIO;
	return vcon_ctrl_poll() ? -EIO : 0;
}

static void vcon_close(void)
{
	/* Nothing to tear down: the port stays set up for the next open. */
}

static const struct port_ops vcon_ops = {
	.name = "virtio-console",
	.send = vcon_send,
	.recv = vcon_recv,
	.close = vcon_close,
	.open = vcon_open,
};

int virtio_console_probe(void)
{
	struct pci_dev d;
	volatile uint8_t *notify = NULL;
	uint32_t notify_len = 0, notify_mult = 0, feat_hi;
	uint64_t start;
	uint8_t ptr;
	int rc;

	if (pci_find(VIRTIO_PCI_VENDOR, VIRTIO_PCI_CONSOLE, &d) &&
	    pci_find(VIRTIO_PCI_VENDOR, VIRTIO_PCI_CONSOLE_TRANS, &d))
		return -ENODEV;
	if (!(pci_cfg_read16(&d, 0x06) & PCI_STATUS_CAPLIST))
		return -ENODEV;
	pci_enable_mem(&d);
	pci_cfg_write16(&d, PCI_COMMAND, (uint16_t)(pci_cfg_read16(&d, PCI_COMMAND) | PCI_COMMAND_MASTER));
	/* 4.1.4: walk the vendor capabilities (at most 48: 192 bytes / 4) */
	ptr = cfg8(&d, PCI_CAP_PTR) & 0xFCu;
	for (unsigned n = 0; ptr >= 0x40u && n < 48u; n++) {
		uint8_t id = cfg8(&d, ptr), next = cfg8(&d, (uint8_t)(ptr + 1u)) & 0xFCu;
		if (id == PCI_CAP_ID_VNDR && cfg8(&d, (uint8_t)(ptr + 2u)) >= VIRTIO_PCI_CAP_LEN) {
			uint8_t type = cfg8(&d, (uint8_t)(ptr + 3u)), bar = cfg8(&d, (uint8_t)(ptr + 4u));
			uint32_t off = pci_cfg_read32(&d, (uint8_t)(ptr + 8u));
			uint32_t len = pci_cfg_read32(&d, (uint8_t)(ptr + 12u));
			/* 4.1.4.1: the first capability of each type is the one to use */
			if (type == VIRTIO_PCI_CAP_COMMON_CFG && vcon.common == NULL && len >= VCC_LEN)
				vcon.common = map_cap(&d, bar, off, len);
			else if (type == VIRTIO_PCI_CAP_NOTIFY_CFG && notify == NULL &&
				 cfg8(&d, (uint8_t)(ptr + 2u)) >= VIRTIO_PCI_NOTIFY_CAP_LEN && len >= 2u) {
				notify = map_cap(&d, bar, off, len);
				notify_len = len;
				notify_mult = pci_cfg_read32(&d, (uint8_t)(ptr + 16u));
			}
		}
		ptr = next;
	}
	if (vcon.common == NULL || notify == NULL) {
		kprintf("futeet: virtio-console: no modern (virtio 1.x) common/notify capability\n");
		return -ENODEV;
	}
	volatile uint8_t *c = vcon.common;
	/* 3.1.1: reset, wait for 0, ACKNOWLEDGE, DRIVER */
	mmio_write8(c + VCC_DEVICE_STATUS, 0);
	start = time_ns();
	while (mmio_read8(c + VCC_DEVICE_STATUS) != 0) {
		if (time_ns() - start > VCON_RESET_NS) {
			vcon_fail("the device did not reset");
			return -ENODEV;
		}
		cpu_pause();
	}
	mmio_write8(c + VCC_DEVICE_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	mmio_write8(c + VCC_DEVICE_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	/* 3.1.1 step 4, 6: VERSION_1 required; ACCESS_PLATFORM taken when
	 * offered (SNP/TDX: the device must use the platform's translation);
	 * MULTIPORT, SIZE, EMERG_WRITE (5.3.3) not negotiated. */
	mmio_write32(c + VCC_DEVICE_FEATURE_SELECT, 1);
	feat_hi = mmio_read32(c + VCC_DEVICE_FEATURE);
	if (!(feat_hi & (1u << (VIRTIO_F_VERSION_1 - 32u)))) {
		vcon_fail("not a virtio 1.x device (no VIRTIO_F_VERSION_1)");
		return -ENODEV;
	}
	mmio_write32(c + VCC_DEVICE_FEATURE_SELECT, 0);
	vcon.multiport = (mmio_read32(c + VCC_DEVICE_FEATURE) >> VIRTIO_CONSOLE_F_MULTIPORT) & 1u;
	mmio_write32(c + VCC_DRIVER_FEATURE_SELECT, 0);
	mmio_write32(c + VCC_DRIVER_FEATURE, vcon.multiport ? 1u << VIRTIO_CONSOLE_F_MULTIPORT : 0);
	mmio_write32(c + VCC_DRIVER_FEATURE_SELECT, 1);
	mmio_write32(c + VCC_DRIVER_FEATURE, feat_hi & ((1u << (VIRTIO_F_VERSION_1 - 32u)) |
							(1u << (VIRTIO_F_ACCESS_PLATFORM - 32u))));
	mmio_write8(c + VCC_DEVICE_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
						   VIRTIO_STATUS_FEATURES_OK);
	if (!(mmio_read8(c + VCC_DEVICE_STATUS) & VIRTIO_STATUS_FEATURES_OK)) {
		vcon_fail("the device refused our features");
		return -ENODEV;
	}
	unsigned nq = vcon.multiport ? VCON_NQ : 2u;
	if (mmio_read16(c + VCC_NUM_QUEUES) < nq) {
		vcon_fail("fewer queues than ports 0 and 1 and the control need");
		return -ENODEV;
	}
	for (unsigned q = 0; q < nq; q++) {
		rc = vcon_queue_setup(&vqs[q], (uint16_t)q, notify, notify_len, notify_mult);
		if (rc) {
			vcon_fail("queue setup failed");
			return rc;
		}
	}
	mmio_write8(c + VCC_DEVICE_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
						   VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
	/* every receive buffer to the device: both ports' and the control's */
	for (unsigned q = 0; q < nq; q += 2u) {   /* receiveqs: 0, 2, 4 */
		for (uint16_t id = 0; id < vqs[q].q.size; id++)
			if (virtq_post(&vqs[q].q, id, vqs[q].buf_gpa + (uint64_t)id * VCON_BUF, VCON_BUF, true)) {
				vcon_fail("cannot post receive buffers");
				return -EIO;
			}
		vcon_notify(&vqs[q], (uint16_t)q);
	}
	vcon.ready = true;
	if (!vcon.multiport) {
		vcon.ctl.port = 0;
		vcon.ctl.have_port = true;
	} else {
		/* 5.3.6.2: DEVICE_READY; the device answers DEVICE_ADD per port */
		static const struct virtio_console_control ready = {
			VIRTIO_CONSOLE_BAD_ID, VIRTIO_CONSOLE_DEVICE_READY, 1
		};
		rc = vcon_ctrl_send(&ready);
		start = time_ns();
		while (rc == 0 && !vcon.ctl.have_port && time_ns() - start < VCON_CTRL_WAIT_NS) {
			rc = vcon_ctrl_poll();
			cpu_pause();
		}
		if (rc || !vcon.ctl.have_port) {
			vcon_fail(rc ? "the control queue broke" : "the device added no port 0 or 1");
			return -ENODEV;
		}
	}
	vcon.rxq_index = vcon.ctl.port == 0 ? 0u : (uint16_t)(2u + 2u * vcon.ctl.port);
	vcon.txq_index = (uint16_t)(vcon.rxq_index + 1u);
	vcon.rxq = &vqs[vcon.rxq_index];
	vcon.txq = &vqs[vcon.txq_index];
	kprintf("futeet: virtio-console: %02x:%02x.%x port %u%s, queues %u/%u, polled\n", d.bus, d.dev,
		d.fn, vcon.ctl.port, vcon.multiport ? " (multiport)" : "", vcon.rxq->q.size, vcon.txq->q.size);
	return port_register(FUTEET_PORT_STREAM, &vcon_ops);
}
