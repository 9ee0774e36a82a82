KERNEL_SRCS += arch/x86_64/io.c arch/x86_64/cpu.c arch/x86_64/desc.c arch/x86_64/trap.S \
	arch/x86_64/entry.S arch/x86_64/syscall.c arch/x86_64/paging.c arch/x86_64/uart.c
# Confidential-computing platform layer (SNP and TDX primitives, detection).
KERNEL_SRCS += arch/x86_64/coco/detect.c arch/x86_64/coco/classify.c arch/x86_64/coco/ghcb.c arch/x86_64/coco/ghcb_page.c \
	arch/x86_64/coco/tdcall.S arch/x86_64/coco/tdx_args.c arch/x86_64/coco/tdx.c arch/x86_64/coco/shared.c \
	arch/x86_64/coco/ghcb_msr.c arch/x86_64/coco/sev.c arch/x86_64/coco/convert.c \
	arch/x86_64/coco/snp_tables.c arch/x86_64/coco/vc_ve.c arch/x86_64/coco/pv.c \
	arch/x86_64/coco/ghcb_psc.c arch/x86_64/coco/securetsc.c
# Its host unit tests (tests/unit/), each against the spec tables it cites:
# TDCALL / TDG.VP.VMCALL register assignments (TDX Module ABI, GHCI);
UNIT_TESTS += test_tdx_args
UNIT_test_tdx_args_SRCS := tests/unit/test_tdx_args.c arch/x86_64/coco/tdx_args.c
# detection over recorded CPUID / SEV_STATUS values (TDX, SEV, SEV-ES, SNP, none).
UNIT_TESTS += test_coco_detect
UNIT_test_coco_detect_SRCS := tests/unit/test_coco_detect.c arch/x86_64/coco/classify.c
# GHCB MSR protocol requests and responses (GHCB 56421 2.3.1).
UNIT_TESTS += test_ghcb_msr
UNIT_test_ghcb_msr_SRCS := tests/unit/test_ghcb_msr.c arch/x86_64/coco/ghcb_msr.c
# Private <-> shared conversion orders (SNP, TDX).
UNIT_TESTS += test_coco_convert
UNIT_test_coco_convert_SRCS := tests/unit/test_coco_convert.c arch/x86_64/coco/convert.c
# EFI CC blob and SNP CPUID page parsers.
UNIT_TESTS += test_snp_tables
UNIT_test_snp_tables_SRCS := tests/unit/test_snp_tables.c arch/x86_64/coco/snp_tables.c
# #VC / #VE handlers, hosted: ring-3 CPUID from the SNP CPUID page (with the
# APIC-ID fix-ups) and through TDG.VP.VMCALL, everything else refused.
UNIT_TESTS += test_vc_ve
UNIT_test_vc_ve_SRCS := tests/unit/test_vc_ve.c arch/x86_64/coco/snp_tables.c \
	arch/x86_64/coco/tdx_args.c arch/x86_64/coco/tdx.c arch/x86_64/coco/ghcb_msr.c
# The #GP-safe RDMSR behind SEV_STATUS detection, faulting for real in ring 3.
UNIT_TESTS += test_rdmsr_safe
UNIT_test_rdmsr_safe_SRCS := tests/unit/test_rdmsr_safe.c
# SEV-SNP Secure TSC: the SEV_STATUS bit, GUEST_TSC_FREQ and TSC_FACTOR,
# the TSC_INFO guest message (securetsc_msg.c: tests only, the kernel does
# not send it).
UNIT_TESTS += test_securetsc
UNIT_test_securetsc_SRCS := tests/unit/test_securetsc.c arch/x86_64/coco/securetsc.c \
	arch/x86_64/coco/securetsc_msg.c
# Page State Change NAE descriptor and answer checks.
UNIT_TESTS += test_ghcb_psc
UNIT_test_ghcb_psc_SRCS := tests/unit/test_ghcb_psc.c arch/x86_64/coco/ghcb_psc.c
# One libFuzzer harness over every parser of host answers in the platform
# layer (GHCB MSR answers, the GHCB page, TDVMCALL/TDCALL outputs, MapGPA
# retries, the CC blob, the CPUID page, page conversions whose steps the
# host answers, the CPUID APIC-ID fix-ups, Secure TSC's TSC_INFO answer).
FUZZ_TARGETS += fuzz_coco_host_answers
FUZZ_fuzz_coco_host_answers_SRCS := tests/fuzz/fuzz_coco_host_answers.c \
	arch/x86_64/coco/ghcb_msr.c arch/x86_64/coco/ghcb_page.c arch/x86_64/coco/tdx_args.c \
	arch/x86_64/coco/snp_tables.c arch/x86_64/coco/ghcb_psc.c arch/x86_64/coco/convert.c \
	arch/x86_64/coco/securetsc.c arch/x86_64/coco/securetsc_msg.c
