# tee/: FUTEET core, the SNP backend and the sim transport (kernel only; the
# host-compilable tee/snp/{guest_msg,snp}.c are also linked into unit tests
# and fuzzers through their own module.mk entries).
KERNEL_SRCS += tee/snp/guest_msg.c tee/snp/snp.c tee/snp/backend.c tee/snp/hw_doorbell.c tee/snp/probe.c
KERNEL_SRCS += tee/sim/sim_snp.c tee/sim/probe.c
KERNEL_SRCS += tee/core/tee.c tee/core/evidence.c tee/core/syscalls.c tee/core/measure.c tee/core/rtm.c tee/core/caps.c tee/core/seal.c
KERNEL_SRCS += tee/tdx/tdx.c tee/tdx/backend.c tee/tdx/hw_doorbell.c tee/tdx/probe.c tee/sim/sim_tdx.c
