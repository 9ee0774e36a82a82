#!/usr/bin/env bash
# Proves: futeet.detect only replays a hardware TEE's values (tdx, snp); any
# other value (such as "none", which would let a host that edits the command
# line talk a real TD or SNP guest into the sim) stops the kernel with a
# message naming the accepted values, before any backend or program starts.
. "$(dirname "$0")/lib.sh"
boot --init hello --append futeet.detect=none
expect_status "$STATUS_PANIC" "kernel panic"
expect_line 'futeet.detect=none: not a recorded platform \(tdx, snp\)' "message names the value and the choices"
expect_no_line '^Hello from FUTEET' "the program did not run"
pass "futeet.detect=none refused with a panic"
