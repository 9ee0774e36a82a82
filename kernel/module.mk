KERNEL_SRCS += kernel/main.c kernel/printk.c kernel/string.c kernel/pmm.c kernel/time.c \
	kernel/random.c kernel/cmdline.c kernel/proc.c kernel/syscall.c kernel/trap.c \
	kernel/user_blobs.c kernel/acpi.c kernel/counter.c
# futeet_blob_in: the sealed blob the host hands over (fw_cfg)
KERNEL_SRCS += kernel/blob_in.c
# The in-guest verifier carries the sim ARK generated for futeet-verify.
# Linux programs: initrd, files, Linux syscalls
KERNEL_SRCS += kernel/initrd.c kernel/vfs.c kernel/linux.c kernel/linux_names.c
KERNEL_SRCS += kernel/verify.c $(BUILD)/gen/futeet-verify/sim_roots.c
