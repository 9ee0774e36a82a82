#!/usr/bin/env bash
# Proves: a user program that executes its (no-execute) stack is killed by the
# kernel with a message naming the exception, and the kernel survives to
# report status 120 to the host (not a panic, not a reset).
. "$(dirname "$0")/lib.sh"
boot --init fault -- exec-stack
expect_status "$STATUS_KILLED" "killed by a CPU exception"
expect_line 'killed.*(#PF|page fault)|(#PF|page fault).*killed' "kill message names the exception"
expect_no_line 'panic' "the kernel itself did not panic"
pass "killed with a clear message, status 120"
