#!/usr/bin/env bash
# Proves: when QEMU itself fails to start (it then exits 1, the same code a
# guest status of 0 produces through isa-debug-exit), scripts/run reports 126
# with QEMU's message, never 0.
. "$(dirname "$0")/lib.sh"
boot --cpu no-such-cpu-model
expect_status 126 "QEMU failed to start"
expect_line '^run: QEMU failed: .*no-such-cpu-model' "QEMU's own error is shown"
pass "QEMU start failure -> 126"
