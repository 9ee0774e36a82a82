# drivers/: legacy PCI config access, QEMU fw_cfg, the sim mailbox (ivshmem).
KERNEL_SRCS += drivers/pci.c drivers/fw_cfg.c drivers/simbox.c drivers/cmos_rtc.c
# The stream peer transport: virtio console (modern PCI, polled) over split virtqueues
KERNEL_SRCS += drivers/virtq.c drivers/virtio_console.c
