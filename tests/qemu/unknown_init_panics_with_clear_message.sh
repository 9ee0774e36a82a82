#!/usr/bin/env bash
# Proves: init=NAME naming no embedded program stops the kernel with a
# message that names it, and a panic status (121), not a silent fallback.
. "$(dirname "$0")/lib.sh"
boot --init nosuch
expect_status "$STATUS_PANIC" "kernel panic"
expect_line 'nosuch' "message names the missing program"
expect_no_line '^Hello from FUTEET' "no fallback to another program"
pass "panic 121 naming 'nosuch'"
