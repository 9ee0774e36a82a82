#!/usr/bin/env bash
# With a policy verification_time the in-guest verifier checks certificate
# validity at that time (the sim certificates are valid 2025-2050): inside
# the window there is no "not checked" warning; after it, contraindicated.
. "$(dirname "$0")/lib.sh"
boot --platform sim-snp --init verifyself -- --policy-time 2026-11-25T00:00:00Z
expect_status 0 "valid at the policy's time"
expect_no_line 'certificate validity not checked' "validity was checked"
boot --platform sim-snp --init verifyself -- --policy-time 2051-01-01T00:00:00Z
expect_status 1 "expired at the policy's time"
expect_line "^verifyself: ear.status contraindicated: .*expired or not yet valid" "expired chain is contraindicated"
pass "certificate validity is checked at the policy's time, not the host's"
