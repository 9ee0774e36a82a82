KERNEL_SRCS += arch/x86_64/io.c arch/x86_64/cpu.c arch/x86_64/desc.c arch/x86_64/trap.S \
	arch/x86_64/entry.S arch/x86_64/syscall.c arch/x86_64/paging.c arch/x86_64/uart.c
# Confidential-computing platform layer (SNP and TDX primitives, detection).
KERNEL_SRCS += arch/x86_64/coco/detect.c arch/x86_64/coco/ghcb.c arch/x86_64/coco/ghcb_page.c \
	arch/x86_64/coco/tdcall.S arch/x86_64/coco/tdx_args.c arch/x86_64/coco/tdx.c
