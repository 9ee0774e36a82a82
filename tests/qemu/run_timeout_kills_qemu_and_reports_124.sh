#!/usr/bin/env bash
# Proves: a guest that never finishes (here QEMU started with -S, paused
# before the first instruction) is killed by scripts/run at --timeout and
# reported as 124 with a one-line reason, not as any program status.
. "$(dirname "$0")/lib.sh"
t0=$SECONDS
boot --timeout 3 --qemu-opt -S
expect_status "$STATUS_TIMEOUT" "timeout"
expect_line '^run: timeout' "scripts/run says why"
[ $((SECONDS - t0)) -lt 30 ] || fail "took $((SECONDS - t0)) s to enforce a 3 s timeout"
pass "timeout -> 124 after $((SECONDS - t0)) s"
