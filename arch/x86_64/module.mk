KERNEL_SRCS += arch/x86_64/io.c arch/x86_64/cpu.c arch/x86_64/desc.c arch/x86_64/trap.S \
	arch/x86_64/entry.S arch/x86_64/syscall.c arch/x86_64/paging.c arch/x86_64/uart.c
# Confidential-computing platform layer (SNP and TDX primitives, detection).
KERNEL_SRCS += arch/x86_64/coco/detect.c arch/x86_64/coco/classify.c arch/x86_64/coco/ghcb.c arch/x86_64/coco/ghcb_page.c \
	arch/x86_64/coco/tdcall.S arch/x86_64/coco/tdx_args.c arch/x86_64/coco/tdx.c arch/x86_64/coco/shared.c
# Its host unit tests (tests/unit/), each against the spec tables it cites:
# TDCALL / TDG.VP.VMCALL register assignments (TDX Module ABI, GHCI);
UNIT_TESTS += test_tdx_args
UNIT_test_tdx_args_SRCS := tests/unit/test_tdx_args.c arch/x86_64/coco/tdx_args.c
# detection over recorded CPUID / SEV_STATUS values (TDX, SEV, SEV-ES, SNP, none).
UNIT_TESTS += test_coco_detect
UNIT_test_coco_detect_SRCS := tests/unit/test_coco_detect.c arch/x86_64/coco/classify.c
