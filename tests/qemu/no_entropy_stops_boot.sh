#!/usr/bin/env bash
# Proves: with neither RDRAND nor RDSEED in CPUID (-cpu max,-rdrand,-rdseed),
# the kernel refuses to boot with a clear message instead of seeding its
# DRBG from something weak; no user program runs and the status is nonzero.
. "$(dirname "$0")/lib.sh"
boot --cpu max,-rdrand,-rdseed --init hello
expect_line 'no hardware entropy' "clear message"
expect_no_line '^Hello from FUTEET' "no user program may run"
expect_status_not 0 "boot must fail"
pass "boot stopped, status $status"
