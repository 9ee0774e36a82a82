/* The peer region over ivshmem-plain (layout: drivers/ivshmem.h; the rings:
 * lib/shmring.c, docs/CHANNEL.md section 10), the kernel port
 * FUTEET_PORT_SHM. The region is hostile: the host and the other guest can
 * rewrite any byte at any time. lib/shmring.c reads each index once per
 * call, checks it, and copies data once; a broken ring stays broken. There
 * is no doorbell (ivshmem-plain has no interrupts, ivshmem-spec.rst): recv
 * polls with its timeout, send polls for room with IVSHMEM_SEND_STALL_MS.
 * futeet_port_close puts a close mark after the bytes sent (lib/shmring.h);
 * the peer's recv returns 0 once when it reaches it. The mark is
 * host-writable: a fake one ends a session early (a denial of service the
 * host can do anyway), never a crash or a byte accepted. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/time.h"
#include "drivers/ivshmem.h"
#include "drivers/pci.h"
#include "kernel/kernel.h"
#include "kernel/port.h"
#include "lib/shmring.h"

_Static_assert(IVSHMEM_PEER_SIZE > IVSHMEM_PEER_HDR + 2u * (SHMRING_DATA_OFF + SHMRING_MIN_DATA),
	       "the peer region holds the header and two rings");
_Static_assert((IVSHMEM_PEER_SIZE & (IVSHMEM_PEER_SIZE - 1u)) == 0, "a BAR is a power of two");
_Static_assert(sizeof(IVSHMEM_PEER_MAGIC) == IVSHMEM_PEER_MAGIC_LEN + 1u, "16-byte magic");

/* More ivshmem devices than a run has (the sim mailbox and this region). */
#define IVSHMEM_MAX_DEVICES 4u

static struct shmring tx, rx;
static bool peer_up;

/* A ring the peer's index broke (lib/shmring.c's checks): said once. */
static long ring_broken(const char *which)
{
	static bool said;

	if (!said)
		kprintf("futeet: ivshmem-peer: the %s ring's other index is out of range or moved back: ring broken (the host or the peer rewrote it)\n",
			which);
	said = true;
	return -EIO;
}

static long peer_send(const void *kbuf, size_t len)
{
	const uint8_t *p = kbuf;
	size_t sent = 0;
	uint64_t idle_since = time_ns();

	while (sent < len) {
		size_t done;
		int rc = shmring_write(&tx, p + sent, len - sent, &done);

		if (rc)
			return ring_broken("send");
		if (done) {
			sent += done;
			idle_since = time_ns();
			continue;
		}
		if (time_ns() - idle_since > (uint64_t)IVSHMEM_SEND_STALL_MS * 1000000ull)
			return -EPIPE;   /* no room for that long: the peer is gone */
		cpu_pause();
	}
	return (long)len;
}

static long peer_recv(void *kbuf, size_t cap, uint32_t timeout_ms)
{
	uint64_t start = time_ns();

	if (cap == 0)
		return -EINVAL;
	for (;;) {
		size_t done;
		int rc = shmring_read(&rx, kbuf, cap, &done);

		if (rc)
			return ring_broken("receive");
		if (done)
			return (long)done;
		if (rx.closed)
			return 0;   /* the peer closed its port here */
		if (timeout_ms && time_ns() - start > (uint64_t)timeout_ms * 1000000ull)
			return -ETIMEDOUT;
		cpu_pause();
	}
}

/* The rings live as long as the guest: a program that opens the port again
 * continues where the last one stopped, after the close mark (an unread
 * remainder is the next reader's, and the channel refuses it). */
static void peer_close(void)
{
	shmring_close(&tx);
}

static const struct port_ops peer_ops = {
	.name = "ivshmem-peer",
	.send = peer_send,
	.recv = peer_recv,
	.close = peer_close,
};

/* The role word of the command line (drivers/ivshmem.h): 1 initiator, 2
 * responder, 0 none or unknown. */
static int peer_role(void)
{
	const char *env[16];
	int n = cmdline_get_all("env", env, 16);
	int role = 0;

	for (int i = 0; i < n; i++) {
		if (strcmp(env[i], "FUTEET_PEER=initiator") == 0)
			role = 1;
		else if (strcmp(env[i], "FUTEET_PEER=responder") == 0)
			role = 2;
		else if (strncmp(env[i], "FUTEET_PEER=", 12) == 0)
			role = 0;   /* the last one wins, as for every option */
	}
	return role;
}

/* One ivshmem device: is it the peer region? 0 with *base, -ENODEV (not
 * this size: the mailbox, or something else), -EPROTO (our size, no magic). */
static int peer_probe(const struct pci_dev *d, volatile uint8_t **base)
{
	uint64_t bar, size;
	uint8_t magic[IVSHMEM_PEER_MAGIC_LEN];
	volatile uint8_t *b;

	if (pci_bar_mem(d, IVSHMEM_SHMEM_BAR, &bar, &size) || size != IVSHMEM_PEER_SIZE ||
	    (bar & (PAGE_SIZE - 1)) != 0)
		return -ENODEV;
	pci_enable_mem(d);
	/* Shared: without the encryption mask on SNP, with TDX's shared bit;
	 * BAR2 is host memory, never guest-private RAM, so no conversion. */
	b = vm_map_mmio(bar, IVSHMEM_PEER_SIZE, true);
	if (b == NULL)
		return -ENODEV;
	for (unsigned i = 0; i < IVSHMEM_PEER_MAGIC_LEN; i++)
		magic[i] = mmio_read8((volatile void *)(b + i));
	if (memcmp(magic, IVSHMEM_PEER_MAGIC, IVSHMEM_PEER_MAGIC_LEN) != 0)
		return -EPROTO;
	*base = b;
	return 0;
}

int ivshmem_peer_init(void)
{
	volatile uint8_t *base = NULL, *ring0, *ring1;
	const size_t half = (IVSHMEM_PEER_SIZE - IVSHMEM_PEER_HDR) / 2u;
	struct pci_dev d;
	int rc = -ENODEV, role;

	if (peer_up)
		return 0;
	for (unsigned i = 0; i < IVSHMEM_MAX_DEVICES && base == NULL; i++) {
		if (pci_find_nth(IVSHMEM_PCI_VENDOR, IVSHMEM_PCI_DEVICE, i, &d))
			break;
		int r = peer_probe(&d, &base);
		if (r == -EPROTO)
			rc = r;
	}
	if (base == NULL) {
		if (rc == -EPROTO)
			kprintf("futeet: ivshmem-peer: a %u KiB ivshmem region without the magic \"%s\": not used\n",
				IVSHMEM_PEER_SIZE / 1024u, IVSHMEM_PEER_MAGIC);
		return rc;
	}
	role = peer_role();
	if (role == 0) {
		kprintf("futeet: ivshmem-peer: region found, but no env=FUTEET_PEER=initiator|responder on the command line: not used\n");
		return -EINVAL;
	}
	ring0 = base + IVSHMEM_PEER_HDR;         /* initiator -> responder */
	ring1 = ring0 + half;                    /* responder -> initiator */
	rc = shmring_attach(&tx, role == 1 ? ring0 : ring1, half, true);
	if (!rc)
		rc = shmring_attach(&rx, role == 1 ? ring1 : ring0, half, false);
	if (!rc)
		rc = port_register(FUTEET_PORT_SHM, &peer_ops);
	if (rc) {
		kprintf("futeet: ivshmem-peer: %s\n", futeet_strerror(rc));
		return rc;
	}
	peer_up = true;
	kprintf("futeet: ivshmem-peer: %u KiB region shared with a peer guest, %s, %llu-byte rings, polled\n",
		IVSHMEM_PEER_SIZE / 1024u, role == 1 ? "initiator" : "responder",
		(unsigned long long)tx.size);
	return 0;
}
