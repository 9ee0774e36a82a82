# drivers/: legacy PCI config access, QEMU fw_cfg, the sim mailbox (ivshmem), the
# peer region (ivshmem, the FUTEET_PORT_SHM port).
KERNEL_SRCS += drivers/pci.c drivers/fw_cfg.c drivers/simbox.c drivers/cmos_rtc.c \
	drivers/ivshmem.c
# The stream peer transport: virtio console (modern PCI, polled) over split virtqueues
KERNEL_SRCS += drivers/virtq.c drivers/vcon_ctrl.c drivers/virtio_console.c
