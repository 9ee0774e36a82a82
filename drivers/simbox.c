/* The sim mailbox, guest side (protocol: include/futeet/simbox.h).
 *
 *   guest: op, req_len, aux_in, request bytes  -> barrier -> req_seq = n
 *   sim:   ... answer ...                      -> barrier -> ack_seq = n
 *   guest: wait (bounded) for ack_seq == n     -> barrier -> copy out once
 *
 * ivshmem-plain: PCI 1af4:1110, BAR2 = the shared memory (QEMU
 * docs/specs/ivshmem-spec.rst, "The ivshmem PCI device's BARs"). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/mm.h"
#include "futeet/printk.h"
#include "futeet/simbox.h"
#include "futeet/time.h"
#include "drivers/pci.h"
#include "drivers/simbox.h"

/* ivshmem-spec.rst: BAR2 maps the shared memory. */
#define IVSHMEM_SHMEM_BAR 2u

static volatile uint8_t *simbox_base;
static uint16_t simbox_prof;
static uint32_t simbox_launch;
static uint64_t simbox_seq;

#define HDR(field) ((volatile void *)(simbox_base + offsetof(struct simbox_hdr, field)))

/* The mailbox on one ivshmem device: 0, -ENODEV (BAR2 unusable) or -EPROTO
 * (no sim magic: another region, e.g. the peer guests' drivers/ivshmem.c). */
static int simbox_try(const struct pci_dev *d)
{
	uint64_t base, size;
	volatile uint8_t *b;
	uint32_t magic;
	uint16_t version;
	int rc;

	rc = pci_bar_mem(d, IVSHMEM_SHMEM_BAR, &base, &size);
	if (rc || size < SIMBOX_SIZE || (base & (PAGE_SIZE - 1)) != 0) {
		kprintf("futeet: simbox: ivshmem BAR2 unusable (base 0x%llx size 0x%llx)\n",
			(unsigned long long)base, (unsigned long long)size);
		return -ENODEV;
	}
	pci_enable_mem(d);
	b = vm_map_mmio(base, SIMBOX_SIZE, true);
	if (b == NULL)
		return -ENODEV;
	magic = mmio_read32((volatile void *)(b + offsetof(struct simbox_hdr, magic)));
	version = mmio_read16((volatile void *)(b + offsetof(struct simbox_hdr, version)));
	if (magic != SIMBOX_MAGIC || version != SIMBOX_VERSION)
		return -EPROTO;
	simbox_base = b;
	return 0;
}

/* More ivshmem devices than a run ever has (the mailbox and the peer
 * region); the bound keeps the probe finite. */
#define SIMBOX_MAX_IVSHMEM 4u

int simbox_init(void)
{
	struct pci_dev d;
	int rc = -ENODEV;

	if (simbox_base != NULL)
		return 0;
	/* The sim's magic and version pick the device, not the PCI order. */
	for (unsigned i = 0; i < SIMBOX_MAX_IVSHMEM && simbox_base == NULL; i++) {
		if (pci_find_nth(SIMBOX_PCI_VENDOR, SIMBOX_PCI_DEVICE, i, &d))
			break;
		rc = simbox_try(&d);
	}
	if (simbox_base == NULL) {
		if (rc == -EPROTO)
			kprintf("futeet: simbox: no sim on any ivshmem device (no magic 0x%x version %u)\n",
				SIMBOX_MAGIC, SIMBOX_VERSION);
		return rc == -EPROTO ? -EPROTO : -ENODEV;
	}
	simbox_prof = mmio_read16(HDR(profile));
	simbox_launch = mmio_read32(HDR(launch));
	/* Continue after whatever a previous boot left in the mailbox. */
	simbox_seq = mmio_read64(HDR(req_seq));
	return 0;
}

uint16_t simbox_profile(void)
{
	return simbox_base ? simbox_prof : 0;
}

uint32_t simbox_launch_flags(void)
{
	return simbox_base ? simbox_launch : 0;
}

int simbox_call(uint32_t op, const void *req, size_t req_len, uint64_t aux_in,
		void *rsp, size_t rsp_cap, size_t *rsp_len, uint64_t *ret, uint64_t *ret_aux)
{
	uint64_t seq, start;
	uint32_t len;

	if (simbox_base == NULL)
		return -ENODEV;
	if (req_len > SIMBOX_DATA_MAX || (req == NULL && req_len) || rsp_len == NULL ||
	    ret == NULL || ret_aux == NULL || (rsp == NULL && rsp_cap))
		return -EINVAL;
	mmio_write32(HDR(op), op);
	mmio_write32(HDR(req_len), (uint32_t)req_len);
	mmio_write64(HDR(aux_in), aux_in);
	mmio_write32(HDR(rsp_len), 0);
	if (req_len)
		memcpy((void *)(simbox_base + SIMBOX_REQ_OFF), req, req_len);
	cpu_mb();
	seq = ++simbox_seq;
	mmio_write64(HDR(req_seq), seq);

	start = time_ns();
	for (;;) {
		if (mmio_read64(HDR(ack_seq)) == seq)
			break;
		if (time_ns() - start > SIMBOX_TIMEOUT_NS)
			return -ETIMEDOUT;
		cpu_pause();
	}
	cpu_mb();
	/* Each field once, then the data once: no double fetch. */
	len = mmio_read32(HDR(rsp_len));
	*ret = mmio_read64(HDR(ret));
	*ret_aux = mmio_read64(HDR(ret_aux));
	if (len > SIMBOX_DATA_MAX || len > rsp_cap)
		return -EPROTO;
	if (len)
		memcpy(rsp, (const void *)(simbox_base + SIMBOX_RSP_OFF), len);
	*rsp_len = len;
	return 0;
}
