#!/usr/bin/env bash
# Proves: when the guest dies without reporting a status (here a deliberate
# triple fault, futeet.test=triple-fault; QEMU -no-reboot then exits 0),
# scripts/run reports a failure (125), never a success.
. "$(dirname "$0")/lib.sh"
boot --append 'futeet.test=triple-fault'
expect_status "$STATUS_NO_REPORT" "no isa-debug-exit report"
expect_line 'guest ended without reporting an exit status' "scripts/run says why"
pass "triple fault -> status 125"
