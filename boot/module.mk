KERNEL_SRCS += boot/efi_main.c
