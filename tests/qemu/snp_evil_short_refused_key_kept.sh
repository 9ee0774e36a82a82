#!/usr/bin/env bash
# Proves: an authentic response whose payload is too short for its type
# (evil mode 'short': msg_sz 16, sealed under the VMPCK like a real answer)
# is refused with EOPNOTSUPP and no evidence, but VMPCK0 is kept: only a
# response that fails authentication wipes it, so the second request does
# reach the host.
. "$(dirname "$0")/snp_lib.sh"
snp_boot --platform sim-snp --evil short --init attest -- --twice "$NONCE"
expect_status 1 "attest reports the failure"
expect_line '^futeet: snp: request failed: SNP report response too short' "the kernel says why"
expect_no_line '^-----BEGIN FUTEET EVIDENCE-----$' "no evidence reaches the program"
expect_no_line 'VMPCK0 wiped' "an authentic answer does not wipe the key"
n=$(sim_requests)
[ "$n" = 2 ] || fail "the sim received $n requests, expected 2 (the retry is legitimate)"
pass "short refused, key kept"
