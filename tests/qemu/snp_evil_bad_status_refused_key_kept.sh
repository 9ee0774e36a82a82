#!/usr/bin/env bash
# Proves: an authentic MSG_REPORT_RSP with STATUS 0x16 (invalid parameters) is
# reported as a firmware error and no evidence is produced; the exchange was
# valid (sequence numbers consumed as the PSP did), so VMPCK0 is kept and the
# second request does reach the host.
. "$(dirname "$0")/snp_lib.sh"
snp_boot --platform sim-snp --evil bad-status --init attest -- --twice "$NONCE"
expect_status 1 "attest reports the failure"
expect_line '^futeet: snp: request failed: SNP firmware refused the report request: invalid parameters \(0x16\)' "kernel message names the status"
expect_no_line '^-----BEGIN FUTEET EVIDENCE-----$' "no evidence reaches the program"
expect_no_line 'VMPCK0 wiped' "an authentic error does not wipe the key"
n=$(sim_requests)
[ "$n" = 2 ] || fail "the sim received $n requests, expected 2 (the retry is legitimate)"
pass "bad-status refused, key kept"
