KERNEL_SRCS += kernel/main.c kernel/printk.c kernel/string.c kernel/pmm.c kernel/time.c \
	kernel/random.c kernel/cmdline.c kernel/proc.c kernel/syscall.c kernel/trap.c \
	kernel/user_blobs.c kernel/acpi.c kernel/counter.c
# futeet_blob_in: the sealed blob the host hands over (fw_cfg)
KERNEL_SRCS += kernel/blob_in.c
# Linux programs: initrd, files, Linux syscalls
KERNEL_SRCS += kernel/initrd.c kernel/vfs.c kernel/linux.c
# Peer transports: futeet_port_* over the drivers that register (kernel/port.h)
KERNEL_SRCS += kernel/port.c
