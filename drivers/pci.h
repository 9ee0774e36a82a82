/* Legacy PCI configuration space through I/O ports 0xCF8/0xCFC
 * ("configuration mechanism #1", PCI Local Bus Specification rev 3.0
 * section 3.2.2.3.2), device lookup and memory BAR decoding (section
 * 6.2.5.1). Every access goes through include/futeet/io.h. */
#ifndef FUTEET_DRIVERS_PCI_H
#define FUTEET_DRIVERS_PCI_H

#include <stdbool.h>
#include <stdint.h>

/* PCI Local Bus Spec 3.0 section 3.2.2.3.2. */
#define PCI_CONFIG_ADDRESS 0xCF8
#define PCI_CONFIG_DATA    0xCFC
/* Type 0 configuration header (section 6.1, figure 6-1). */
#define PCI_VENDOR_ID      0x00
#define PCI_DEVICE_ID      0x02
#define PCI_COMMAND        0x04
#define PCI_HEADER_TYPE    0x0E
#define PCI_BAR0           0x10
#define PCI_COMMAND_MEMORY (1u << 1)     /* section 6.2.2: Memory Space enable */
#define PCI_HEADER_MULTIFN 0x80
#define PCI_VENDOR_NONE    0xFFFF
/* BAR bits (section 6.2.5.1). */
#define PCI_BAR_IO         (1u << 0)
#define PCI_BAR_TYPE_MASK  (3u << 1)
#define PCI_BAR_TYPE_64    (2u << 1)
#define PCI_BAR_MEM_MASK   (~0xFull)
#define PCI_BAR_COUNT      6u

struct pci_dev {
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
};

uint32_t pci_cfg_read32(const struct pci_dev *d, uint8_t off);
uint16_t pci_cfg_read16(const struct pci_dev *d, uint8_t off);
void pci_cfg_write32(const struct pci_dev *d, uint8_t off, uint32_t v);
void pci_cfg_write16(const struct pci_dev *d, uint8_t off, uint16_t v);

/* First function with this vendor/device id (all buses). 0 or -ENODEV. */
int pci_find(uint16_t vendor, uint16_t device, struct pci_dev *out);
/* The nth (from 0) such function in bus/device/function order: two devices
 * of one kind (the sim mailbox and the peer region are both ivshmem) are
 * told apart by their contents, never by their order. */
int pci_find_nth(uint16_t vendor, uint16_t device, unsigned nth, struct pci_dev *out);

/* Base and size of memory BAR n (32- or 64-bit; sized by writing all ones
 * with memory decoding off, then restored). -EINVAL for an I/O BAR, an
 * unassigned (zero) BAR or a 64-bit BAR in slot 5. */
int pci_bar_mem(const struct pci_dev *d, unsigned n, uint64_t *base, uint64_t *size);

/* Set Memory Space enable in the command register. */
void pci_enable_mem(const struct pci_dev *d);

#endif
