#!/usr/bin/env bash
# Proves: evidence the guest produces on sim-tdx verifies with futeet-verify
# --allow-sim (the quote, QE report and PCK chain up to the sim TDX root;
# REPORT_DATA = SHA-512 of the claims set; the nonce; the evidence's event
# log replayed to RTMR0..3; the claims' registers 2/3 replayed from the
# kernel's log in the claims and equal to the quote's RTMR2/3; the claims'
# capability descriptor checked value by value); the result is a
# warning only because of the sim root and the absent collateral; without
# --allow-sim the same evidence is refused for its root.
. "$(dirname "$0")/tdx_lib.sh"
V="$FUTEET_BUILD/bin/futeet-verify"
snp_boot --platform sim-tdx --init attest -- "$NONCE"
expect_status 0 "attest succeeds on sim-tdx"
save_evidence "$tq_tmp/ev.txt"
A=ear.veraison.annotated-evidence
"$V" --allow-sim --nonce "$NONCE" "$tq_tmp/ev.txt" > "$tq_tmp/ear.json" 2> "$tq_tmp/err"
rc=$?
[ $rc = 3 ] || fail "--allow-sim: exit $rc, want 3 (warning): $(cat "$tq_tmp/err")"
msg=$(/usr/bin/python3 tests/real/ear_check.py "$tq_tmp/ear.json" ear.status=warning \
	$A/tee=tdx $A/provider=sim_tdx_guest $A/vendor_verified=true \
	$A/report_data_binding=sha512-claims-ok $A/nonce_check=ok \
	$A/root_of_trust=futeet-sim-test-root $A/tcb/status=not-evaluated \
	$A/kernel_registers/source=tdx-rtmr $A/kernel_registers/event_log=replays 2>&1) || fail "EAR: $msg"
# the claims' descriptor, checked: debug, migration and TEE_TCB_SVN from the
# TDREPORT equal the quote's, the identity and registers the sim-tdx row's
C=$A/claims_capabilities
msg=$(/usr/bin/python3 tests/real/ear_check.py "$tq_tmp/ear.json" \
	$C/tee/value=sim-tdx $C/tee/check=equals-table \
	$C/debug/value=false $C/debug/provenance=hardware-attested $C/debug/check=equals-report \
	$C/migration/check=equals-report $C/tcb/check=equals-report \
	$C/runtime_measurement/value=hardware-register $C/runtime_measurement/check=equals-table \
	$C/sealing/value=none 2>&1) || fail "EAR claims_capabilities: $msg"
/usr/bin/python3 - "$tq_tmp/ear.json" <<'PY' ||
import json, sys
sub = next(iter(json.load(open(sys.argv[1]))["submods"].values()))
a = sub["ear.veraison.annotated-evidence"]
sys.exit(0 if a.get("event_log") == "replays to RTMR0..3" and a.get("event_log_events", 0) > 0 else 1)
PY
	fail "the evidence's event log does not replay to the quote's RTMRs in futeet-verify"
if /usr/bin/python3 - "$tq_tmp/ear.json" <<'PY'
import json, sys
sub = next(iter(json.load(open(sys.argv[1]))["submods"].values()))
bad = [r["reason"] for r in sub["futeet.reasons"] if r["tier"] == "contraindicated"]
sys.exit(1 if bad else 0)
PY
then :; else fail "a contraindicated reason on sim evidence with --allow-sim"; fi
"$V" --nonce "$NONCE" "$tq_tmp/ev.txt" > /dev/null 2> "$tq_tmp/err2"
rc=$?
[ $rc = 1 ] || fail "without --allow-sim: exit $rc, want 1"
grep -q 'FUTEET sim test root' "$tq_tmp/err2" || fail "the refusal does not name the sim root: $(cat "$tq_tmp/err2")"
pass "sim-tdx evidence verifies with --allow-sim and is refused without it"
