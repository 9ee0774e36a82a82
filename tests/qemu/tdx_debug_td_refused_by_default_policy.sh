#!/usr/bin/env bash
# Proves: a debug TD (futeet-sim --td-attributes with TD_ATTRIBUTES.DEBUG,
# bit 0) shows in the guest's quote, and futeet-verify's default policy
# refuses its evidence (contraindicated, exit 1) even with --allow-sim and the
# sim's collateral, while the same boot without the debug bit is a warning.
. "$(dirname "$0")/tdx_lib.sh"
V="$FUTEET_BUILD/bin/futeet-verify"
"$FUTEET_BUILD/bin/futeet-sim" --collateral "$tq_tmp" || fail "futeet-sim --collateral failed"
snp_boot --platform sim-tdx --sim-opt --td-attributes=0x10000001 --init attest -- "$NONCE"
expect_status 0 "attest succeeds on a debug TD (the guest reports, the verifier judges)"
expect_line '^attest: td_attributes +0x0000000010000001 \(debug on, sept_ve_disable on\)$' "the quote says debug"
save_evidence "$tq_tmp/ev.txt"
"$V" --allow-sim --nonce "$NONCE" --collateral "$tq_tmp" --format text "$tq_tmp/ev.txt" \
	> "$tq_tmp/v.txt" 2>&1
rc=$?
[ $rc = 1 ] || fail "futeet-verify on a debug TD: exit $rc, want 1 (contraindicated)"
grep -q '^FUTEET attestation result: contraindicated$' "$tq_tmp/v.txt" || fail "verdict: $(head -n 1 "$tq_tmp/v.txt")"
grep -q 'contraindicated: debug TD' "$tq_tmp/v.txt" || fail "the refusal does not name the debug bit"
snp_boot --platform sim-tdx --init attest -- "$NONCE"
expect_status 0 "attest succeeds"
save_evidence "$tq_tmp/ev2.txt"
"$V" --allow-sim --nonce "$NONCE" --collateral "$tq_tmp" "$tq_tmp/ev2.txt" > /dev/null 2>&1
rc=$?
[ $rc = 3 ] || fail "futeet-verify on the same TD without debug: exit $rc, want 3 (warning: sim root)"
pass "a debug TD is contraindicated by the default policy; without the bit, a warning"
