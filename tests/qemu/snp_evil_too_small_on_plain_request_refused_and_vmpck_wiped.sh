#!/usr/bin/env bash
# Proves: "certificate buffer too small" in answer to a plain guest request
# (MSG_KEY_REQ here; the evidence uses the extended request) is treated as
# hostile: refused, VMPCK0 wiped, and the second key request never reaches
# the host.
. "$(dirname "$0")/snp_lib.sh"
snp_boot --platform sim-snp --evil too-small-on-plain-request --init attest -- --twice --key "$NONCE"
expect_status 1 "attest reports the failure"
expect_line '^-----END FUTEET EVIDENCE-----$' "the extended request itself is unaffected"
expect_line "^futeet: snp: request failed: .*too small.*plain request" "the kernel says why"
expect_line '^attest: failed: key derivation: ' "the program gets a one-line reason"
expect_no_line '^attest: key_fingerprint' "no key reaches the program"
expect_line '^futeet: snp: SNP guest requests disabled: VMPCK0 wiped after a bad response$' "VMPCK0 gone"
n=$(sim_requests)
[ "$n" = 2 ] || fail "the sim received $n requests, expected 2 (evidence + one key request)"
pass "too-small on a plain request refused, VMPCK0 wiped"
