# lib/measure: launch measurements computed as the hardware computes them
# (SEV-SNP launch digest; TDX MRTD/RTMRs), for futeet-measure, the sims and
# the tests. Host-only: the guest never computes its own launch digest.
HOST_LIB_SRCS += lib/measure/ovmf.c lib/measure/snp.c lib/measure/tdx.c lib/measure/tdx_rtmr1.c
