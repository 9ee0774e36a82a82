# CBOR, JSON, unified evidence (CMW) and the unified verifier.
# (lib/cbor, lib/json and lib/evidence are listed here so lib/ has no shared
# module file to race on.) The kernel encodes its own evidence (CBOR, CMW);
# JSON and the appraisal are the verifier's, in ring 3 and on the host.
LIB_SRCS += lib/cbor.c lib/evidence.c
# the decoder's getters the kernel does not call (the verifier's)
VERIFY_LIB_SRCS += lib/cbor_get.c
VERIFY_LIB_SRCS += lib/json.c lib/evidence_decode.c
VERIFY_LIB_SRCS += lib/verify/policy.c lib/verify/appraise.c lib/verify/appraise_tdx.c lib/verify/ear.c
# The capability table and descriptor encoder (kernel + tools); the decoder
# and its check against the evidence only on the verifier side (host tools
# and ring 3: the kernel never reads a descriptor).
LIB_SRCS += lib/caps.c
VERIFY_LIB_SRCS += lib/caps_decode.c lib/verify/claims_caps.c
