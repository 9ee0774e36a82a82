#!/usr/bin/env bash
# The in-guest verifier (libfuteet's futeet_verify, ring 3) on sim-tdx: the
# guest's own quote (PCK chain to the sim TDX root, QE report, signature),
# REPORT_DATA = SHA-512(claims), the nonce, and the CC event log replayed to
# the quote's RTMRs, all inside the guest. Without collateral the TCB status
# is "not evaluated", never assumed; the result is at best a warning.
. "$(dirname "$0")/lib.sh"
boot --platform sim-tdx --init verifyself
expect_status 0 "verifyself accepts its own sim-tdx evidence"
expect_line '"ear.status": "warning"' "EAR JSON printed by the guest"
expect_line 'the CC event log replays to the quote.s RTMR0..3' "event log replayed in the guest"
expect_line 'TCB status not evaluated: no Intel collateral' "no collateral: not evaluated"
expect_line 'sim: not confidential' "sim root named as the reason"
expect_line '"build": "libfuteet verifier"' "the ring-3 verifier wrote the result"
expect_line '^verifyself: ear.status warning' "summary line"
expect_no_line 'contraindicated' "nothing failed"
pass "sim-tdx evidence is appraised in ring 3, event log replayed"
