# tee/: FUTEET core, the SNP backend and the sim transport (kernel only; the
# host-compilable tee/snp/{guest_msg,snp}.c are also linked into unit tests
# and fuzzers through their own module.mk entries).
KERNEL_SRCS += tee/snp/guest_msg.c tee/snp/snp.c tee/snp/backend.c tee/snp/hw_doorbell.c
# The GHCB primitive the hardware doorbell needs (h6; move to an arch module.mk
# when the platform layer gets one).
KERNEL_SRCS += arch/x86_64/coco/ghcb.c arch/x86_64/coco/ghcb_page.c
KERNEL_SRCS += tee/sim/sim_snp.c
KERNEL_SRCS += tee/core/tee.c tee/core/evidence.c tee/core/syscalls.c
