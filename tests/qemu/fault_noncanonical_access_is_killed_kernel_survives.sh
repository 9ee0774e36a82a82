#!/usr/bin/env bash
# Proves: a non-canonical memory access from ring 3 (#GP) kills the program,
# and the kernel reports it with status 120.
. "$(dirname "$0")/lib.sh"
boot --init fault -- noncanonical
expect_status "$STATUS_KILLED" "killed by a CPU exception"
expect_line 'killed: general protection \(#GP\), vector 13' "kill message names #GP"
expect_no_line 'PANIC' "the kernel itself did not panic"
pass "non-canonical access killed with a clear message, status 120"
