/* Legacy PCI configuration access (PCI Local Bus Specification rev 3.0,
 * section 3.2.2.3.2 configuration mechanism #1; section 6.2.5.1 BARs).
 *
 *   CONFIG_ADDRESS (0xCF8): bit 31 enable | bus << 16 | dev << 11 | fn << 8 | reg & 0xFC
 *   CONFIG_DATA    (0xCFC): the dword at that register */
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

int pci_find_nth(uint16_t vendor, uint16_t device, unsigned nth, struct pci_dev *out)
{
	for (unsigned bus = 0; bus < 256; bus++) {
		for (unsigned dev = 0; dev < 32; dev++) {
			for (unsigned fn = 0; fn < 8; fn++) {
				struct pci_dev d = { (uint8_t)bus, (uint8_t)dev, (uint8_t)fn, 0, 0 };
				uint32_t id = pci_cfg_read32(&d, PCI_VENDOR_ID);

				if ((id & 0xFFFF) == PCI_VENDOR_NONE) {
					if (fn == 0)
						break; /* no device at all */
					continue;
				}
				if ((id & 0xFFFF) == vendor && (id >> 16) == device && nth-- == 0) {
					d.vendor = vendor;
					d.device = device;
					*out = d;
					return 0;
				}
				/* header type is byte 2 of the dword at 0x0C */
				if (fn == 0 && !((pci_cfg_read32(&d, PCI_HEADER_TYPE & 0xFC) >> 16) &
						 PCI_HEADER_MULTIFN))
					break; /* single-function device */
			}
		}
	}
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
