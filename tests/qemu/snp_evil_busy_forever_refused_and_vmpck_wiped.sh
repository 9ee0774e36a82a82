#!/usr/bin/env bash
# Proves: a host that always answers BUSY gets the identical request resent a
# bounded number of times (13: SNP_BUSY_RETRIES + 1, with back-off), then the
# guest gives up, wipes VMPCK0 (the ciphertext could be replayed later) and
# the program's second request never reaches the host.
. "$(dirname "$0")/snp_lib.sh"
evil_host_refused busy-forever 13
expect_line '^futeet: snp: request failed: .*BUSY' "the kernel names BUSY"
pass "busy-forever: bounded retries, then refused and wiped"
