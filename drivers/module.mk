# drivers/: legacy PCI config access, QEMU fw_cfg, the sim mailbox (ivshmem).
KERNEL_SRCS += drivers/pci.c drivers/fw_cfg.c drivers/simbox.c drivers/cmos_rtc.c
