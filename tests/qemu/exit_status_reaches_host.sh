#!/usr/bin/env bash
# Proves: a user program's exit status travels kernel -> isa-debug-exit ->
# QEMU -> scripts/run unchanged ('fault exit 7' exits with 7).
. "$(dirname "$0")/lib.sh"
boot --init fault -- exit 7
expect_status 7 "the program called exit(7)"
pass "exit(7) seen by the host as 7"
