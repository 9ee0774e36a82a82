#!/usr/bin/env bash
# Without FUTEET_VERIFY_ALLOW_SIM the in-guest verifier refuses evidence that
# chains to the FUTEET sim test root: contraindicated, with the reason.
. "$(dirname "$0")/lib.sh"
boot --platform sim-snp --init verifyself -- --no-sim
expect_status 1 "verifyself reports the refusal"
expect_line '^verifyself: ear.status contraindicated: .*sim' "the reason names the sim root"
pass "sim evidence is refused unless the sim root is allowed"
