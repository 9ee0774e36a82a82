#!/usr/bin/env bash
# Proves: the kernel turns SMEP and SMAP on when the CPU offers them (-cpu
# max) and still boots and runs its syscall checks when it does not (-smep
# -smap: copy to and from user memory must not depend on STAC/CLAC).
. "$(dirname "$0")/lib.sh"
boot --init selftest
expect_status 0 "selftest passes with SMEP and SMAP"
expect_line '^futeet: cpu .* smep=1 smap=1' "both enabled on -cpu max"
boot --cpu max,-smep,-smap --init selftest
expect_status 0 "selftest passes without SMEP and SMAP"
expect_line '^futeet: cpu .* smep=0 smap=0' "both reported absent"
pass "SMEP/SMAP used when present, not required"
