/* Legacy PCI configuration access (PCI Local Bus Specification rev 3.0,
 * section 3.2.2.3.2 configuration mechanism #1; section 6.2.5.1 BARs).
 *
 *   CONFIG_ADDRESS (0xCF8): bit 31 enable | bus << 16 | dev << 11 | fn << 8 | reg & 0xFC
 *   CONFIG_DATA    (0xCFC): the dword at that register */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "futeet/errno.h"
#include "futeet/io.h"
#include "drivers/pci.h"

static uint32_t pci_addr(const struct pci_dev *d, uint8_t off)
{
	return (1u << 31) | ((uint32_t)d->bus << 16) | ((uint32_t)(d->dev & 31) << 11) |
	       ((uint32_t)(d->fn & 7) << 8) | (off & 0xFCu);
}

uint32_t pci_cfg_read32(const struct pci_dev *d, uint8_t off)
{
	io_outl(PCI_CONFIG_ADDRESS, pci_addr(d, off));
	return io_inl(PCI_CONFIG_DATA);
}

uint16_t pci_cfg_read16(const struct pci_dev *d, uint8_t off)
{
	return (uint16_t)(pci_cfg_read32(d, off) >> ((off & 2) * 8));
}

void pci_cfg_write32(const struct pci_dev *d, uint8_t off, uint32_t v)
{
	io_outl(PCI_CONFIG_ADDRESS, pci_addr(d, off));
	io_outl(PCI_CONFIG_DATA, v);
}

void pci_cfg_write16(const struct pci_dev *d, uint8_t off, uint16_t v)
{
	uint32_t old = pci_cfg_read32(d, off);
	unsigned shift = (off & 2) * 8;

	old &= ~(0xFFFFu << shift);
	pci_cfg_write32(d, off, old | ((uint32_t)v << shift));
}

/* Every present function, in bus/device/function order: each probe (the
 * sim mailbox for two profiles, the virtio console under two IDs, the
 * ivshmem peer) used to walk all 256 buses, 8192 configuration reads
 * each, every one a port I/O exit to the host: most of a plain boot's
 * kernel time under TCG. The bus is walked once, at the first probe
 * (FUTEET has no hotplug); a bus with more functions than the table is
 * walked live on every probe, as before. */
#define PCI_CACHE_MAX 64u
static struct pci_dev pci_cache[PCI_CACHE_MAX];
static unsigned pci_cached;
static bool pci_scanned, pci_overflow;

/* PCI-to-PCI Bridge Architecture Specification rev 1.2, 3.2.5.4: header
 * type 1 is a bridge; the dword at 0x18 holds primary (byte 0), secondary
 * (byte 1) and subordinate (byte 2) bus numbers, assigned by the firmware. */
#define PCI_HEADER_TYPE_MASK   0x7Fu
#define PCI_HEADER_TYPE_BRIDGE 0x01u
#define PCI_BRIDGE_BUSES       0x18

/* Walk bus 0 and every bus a bridge leads to (each bus once): each present
 * function to visit(), which returns true to stop. Probing all 256 bus
 * numbers, as this did before, cost 8192 configuration reads per walk for
 * the one or two buses QEMU's q35 has. */
static bool pci_walk(bool (*visit)(const struct pci_dev *d, void *ctx), void *ctx)
{
	uint8_t queue[256];
	bool seen[256] = { false };
	unsigned head = 0, tail = 0;

	queue[tail++] = 0;
	seen[0] = true;
	while (head < tail) {
		unsigned bus = queue[head++];

		for (unsigned dev = 0; dev < 32; dev++) {
			for (unsigned fn = 0; fn < 8; fn++) {
				struct pci_dev d = { (uint8_t)bus, (uint8_t)dev, (uint8_t)fn, 0, 0 };
				uint32_t id = pci_cfg_read32(&d, PCI_VENDOR_ID);
				uint8_t hdr;

				if ((id & 0xFFFF) == PCI_VENDOR_NONE) {
					if (fn == 0)
						break; /* no device at all */
					continue;
				}
				d.vendor = (uint16_t)id;
				d.device = (uint16_t)(id >> 16);
				if (visit(&d, ctx))
					return true;
				/* header type is byte 2 of the dword at 0x0C */
				hdr = (uint8_t)(pci_cfg_read32(&d, PCI_HEADER_TYPE & 0xFC) >> 16);
				if ((hdr & PCI_HEADER_TYPE_MASK) == PCI_HEADER_TYPE_BRIDGE) {
					uint8_t sec = (uint8_t)(pci_cfg_read32(&d, PCI_BRIDGE_BUSES) >> 8);

					if (sec != 0 && !seen[sec]) {
						seen[sec] = true;
						queue[tail++] = sec;  /* at most 256: each bus once */
					}
				}
				if (fn == 0 && !(hdr & PCI_HEADER_MULTIFN))
					break; /* single-function device */
			}
		}
	}
	return false;
}

static bool cache_one(const struct pci_dev *d, void *ctx)
{
	(void)ctx;
	if (pci_cached == PCI_CACHE_MAX) {
		pci_overflow = true;
		return true;
	}
	pci_cache[pci_cached++] = *d;
	return false;
}

struct find_ctx { uint16_t vendor, device; unsigned nth; struct pci_dev *out; };

static bool find_one(const struct pci_dev *d, void *ctx)
{
	struct find_ctx *f = ctx;

	if (d->vendor != f->vendor || d->device != f->device || f->nth-- != 0)
		return false;
	*f->out = *d;
	return true;
}

int pci_find_nth(uint16_t vendor, uint16_t device, unsigned nth, struct pci_dev *out)
{
	struct find_ctx f = { vendor, device, nth, out };

	if (!pci_scanned) {
		pci_scanned = true;
		pci_walk(cache_one, NULL);
	}
	if (pci_overflow)
		return pci_walk(find_one, &f) ? 0 : -ENODEV;
	for (unsigned i = 0; i < pci_cached; i++)
		if (find_one(&pci_cache[i], &f))
			return 0;
	return -ENODEV;
}

int pci_find(uint16_t vendor, uint16_t device, struct pci_dev *out)
{
	return pci_find_nth(vendor, device, 0, out);
}

int pci_bar_mem(const struct pci_dev *d, unsigned n, uint64_t *base, uint64_t *size)
{
	uint8_t off = (uint8_t)(PCI_BAR0 + 4 * n);
	uint32_t lo, hi = 0, szlo, szhi = 0xFFFFFFFFu;
	uint16_t cmd;
	bool is64;
	uint64_t mask;

	if (n >= PCI_BAR_COUNT || base == NULL || size == NULL)
		return -EINVAL;
	lo = pci_cfg_read32(d, off);
	if (lo & PCI_BAR_IO)
		return -EINVAL;
	is64 = (lo & PCI_BAR_TYPE_MASK) == PCI_BAR_TYPE_64;
	if (is64 && n == PCI_BAR_COUNT - 1)
		return -EINVAL;
	if (is64)
		hi = pci_cfg_read32(d, off + 4);

	/* Size: write all ones with decoding off, read back, restore. */
	cmd = pci_cfg_read16(d, PCI_COMMAND);
	pci_cfg_write16(d, PCI_COMMAND, cmd & (uint16_t)~PCI_COMMAND_MEMORY);
	pci_cfg_write32(d, off, 0xFFFFFFFFu);
	szlo = pci_cfg_read32(d, off);
	pci_cfg_write32(d, off, lo);
	if (is64) {
		pci_cfg_write32(d, off + 4, 0xFFFFFFFFu);
		szhi = pci_cfg_read32(d, off + 4);
		pci_cfg_write32(d, off + 4, hi);
	}
	pci_cfg_write16(d, PCI_COMMAND, cmd);

	mask = ((uint64_t)szhi << 32 | szlo) & PCI_BAR_MEM_MASK;
	if (!is64)
		mask |= 0xFFFFFFFF00000000ull;
	*base = ((uint64_t)hi << 32 | lo) & PCI_BAR_MEM_MASK;
	*size = ~mask + 1;
	if (*base == 0 || mask == 0 || *size == 0)
		return -EINVAL;
	return 0;
}

void pci_enable_mem(const struct pci_dev *d)
{
	uint16_t cmd = pci_cfg_read16(d, PCI_COMMAND);

	if (!(cmd & PCI_COMMAND_MEMORY))
		pci_cfg_write16(d, PCI_COMMAND, cmd | PCI_COMMAND_MEMORY);
}
