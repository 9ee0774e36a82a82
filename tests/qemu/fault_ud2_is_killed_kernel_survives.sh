#!/usr/bin/env bash
# Proves: a user program that executes an undefined opcode (ud2) is killed by the
# kernel with a message naming the exception, and the kernel survives to
# report status 120 to the host (not a panic, not a reset).
. "$(dirname "$0")/lib.sh"
boot --init fault -- ud2
expect_status "$STATUS_KILLED" "killed by a CPU exception"
expect_line 'killed.*(#UD|invalid opcode)|(#UD|invalid opcode).*killed' "kill message names the exception"
expect_no_line 'panic' "the kernel itself did not panic"
pass "killed with a clear message, status 120"
