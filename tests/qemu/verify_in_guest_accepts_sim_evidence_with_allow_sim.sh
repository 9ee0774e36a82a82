#!/usr/bin/env bash
# The in-guest verifier (libfuteet's futeet_verify, ring 3) appraises evidence made
# on sim-snp: chain to the sim root, signature, REPORT_DATA = SHA-512(claims),
# the nonce. With the sim root allowed and no trusted time the result is
# "warning" (sim: not confidential; validity not checked), never affirming.
. "$(dirname "$0")/lib.sh"
boot --platform sim-snp --init verifyself
expect_status 0 "verifyself accepts its own sim evidence"
expect_line '^verifyself: [0-9]+ bytes of evidence' "evidence obtained"
expect_line '"ear.status": "warning"' "EAR JSON printed by the guest"
expect_line 'sim: not confidential' "sim root named as the reason"
expect_line 'certificate validity not checked: no trusted time' "the guest never trusts the host clock"
expect_line '^verifyself: ear.status warning' "summary line"
expect_no_line 'contraindicated' "nothing failed"
pass "the in-guest verifier accepts sim evidence only as a warning"
