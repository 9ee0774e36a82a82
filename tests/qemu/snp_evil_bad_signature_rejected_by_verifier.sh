#!/usr/bin/env bash
# Proves: a report with a bad signature (firmware-side evil mode: the guest
# has no check for it, by design) reaches the program as evidence, and
# futeet-verify refuses it (exit 1, contraindicated).
. "$(dirname "$0")/snp_lib.sh"
[ -x "$FUTEET_BUILD/bin/futeet-verify" ] || fail "futeet-verify not built"
snp_boot --platform sim-snp --evil bad-signature --init attest -- "$NONCE"
expect_status 0 "the guest cannot tell: attest succeeds"
save_evidence "$tq_tmp/ev.txt"
"$FUTEET_BUILD/bin/futeet-verify" --allow-sim --nonce "$NONCE" "$tq_tmp/ev.txt" > /dev/null 2> "$tq_tmp/err"
rc=$?
[ $rc = 1 ] || fail "futeet-verify exit $rc on a bad signature, expected 1 ($(cat "$tq_tmp/err"))"
pass "bad signature left to the verifier, which refuses it"
