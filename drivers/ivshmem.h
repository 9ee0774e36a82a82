/* The peer region: an ivshmem-plain device whose shared memory two guests
 * on one host map, carrying the attested channel's two byte rings
 * (lib/shmring.c; docs/CHANNEL.md section 10). Registered as the kernel
 * port FUTEET_PORT_SHM (kernel/port.h).
 *
 * QEMU docs/specs/ivshmem-spec.rst: vendor 0x1af4, device 0x1110, "BAR2
 * maps the shared memory object"; ivshmem-plain has no interrupts, so a
 * reader polls. The sim mailbox (drivers/simbox.c) is an ivshmem-plain
 * device too; this one is told apart by BAR2's size and a header magic
 * that scripts/run writes into the backing file before either guest starts:
 *
 *   0x000000 +---------------------------------+
 *            | magic "FUTEET-PEERSHM-1" (16)   |  then zeros to 0x1000
 *   0x001000 +---------------------------------+
 *            | ring: initiator -> responder    |  shmring, (L - 0x1000) / 2 bytes
 *            +---------------------------------+
 *            | ring: responder -> initiator    |  shmring, (L - 0x1000) / 2 bytes
 *   L        +---------------------------------+   L = IVSHMEM_PEER_SIZE
 *
 * Which ring a guest writes is its role, from the measured kernel command
 * line: env=FUTEET_PEER=initiator or env=FUTEET_PEER=responder (the same
 * word reaches the program's environment, so the program and the driver
 * cannot disagree). */
#ifndef FUTEET_DRIVERS_IVSHMEM_H
#define FUTEET_DRIVERS_IVSHMEM_H

#define IVSHMEM_PCI_VENDOR   0x1af4u   /* ivshmem-spec.rst: Red Hat, Inc. */
#define IVSHMEM_PCI_DEVICE   0x1110u   /* ivshmem-spec.rst */
#define IVSHMEM_SHMEM_BAR    2u        /* ivshmem-spec.rst: BAR2 = shared memory */
/* FUTEET's choices (scripts/run creates the file): 4 MiB, a power of two as
 * a PCI BAR must be (PCI Local Bus 3.0 section 6.2.5.1), and unlike the
 * mailbox's SIMBOX_SIZE (1 MiB). */
#define IVSHMEM_PEER_SIZE    0x400000u
#define IVSHMEM_PEER_HDR     0x1000u   /* the header page; the rings follow */
#define IVSHMEM_PEER_MAGIC   "FUTEET-PEERSHM-1"
#define IVSHMEM_PEER_MAGIC_LEN 16u
/* How long send waits for the peer to make room before it reports the peer
 * gone (FUTEET's choice: a TCG peer can stall for seconds). */
#define IVSHMEM_SEND_STALL_MS 60000u

/* Find the peer region, check it, map it shared (decrypted) and register
 * the port. 0; -ENODEV when there is no peer region; -EINVAL when the role
 * is missing or unknown; -EPROTO when a region has the peer's size but not
 * its magic. */
int ivshmem_peer_init(void);

#endif
