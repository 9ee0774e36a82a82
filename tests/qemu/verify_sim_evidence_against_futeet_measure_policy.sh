#!/usr/bin/env bash
# Proves: a relying party can appraise the guest's sim-snp evidence with
# futeet-verify and a policy whose reference measurement comes from
# futeet-measure (computed before boot): the measurement rule passes, the
# binding and nonce check out, and the status is "warning" (exit 3) only
# because sim keys are test keys. A lying firmware (--evil flip-measurement,
# correctly signed) is then "contraindicated" (exit 1) by that rule alone.
. "$(dirname "$0")/snp_lib.sh"
V="$FUTEET_BUILD/bin/futeet-verify"
[ -x "$V" ] || fail "$V not built (make tools)"

boot --platform sim-snp --init attest -- "$NONCE"
expect_status 0 "attest succeeds on sim-snp"
want=$("$FUTEET_BUILD/bin/futeet-measure" --platform sim-snp "$FUTEET_BUILD/futeet.efi" \
	--cmdline "$(guest_cmdline)" --ovmf "$OVMF_CODE" | grep -Eo '[0-9a-f]{96}' | head -n 1)
[ -n "$want" ] || fail "futeet-measure printed no measurement"
cat > "$tq_tmp/policy.json" <<P
{ "policy_id": "test:sim", "allow_sim": true, "reference_measurements": ["$want"],
  "min_tcb": {"bl": 0, "tee": 0, "snp": 0, "ucode": 0} }
P
save_evidence "$tq_tmp/ev.txt"
"$V" --policy "$tq_tmp/policy.json" --nonce "$NONCE" "$tq_tmp/ev.txt" > "$tq_tmp/ear.json" 2> "$tq_tmp/err"
rc=$?
[ $rc = 3 ] || fail "futeet-verify exit $rc, want 3: $(cat "$tq_tmp/err")"
grep -q 'sim: not confidential' "$tq_tmp/err" || fail "the warning must name the sim: $(cat "$tq_tmp/err")"
for f in '"reference_measurements": "passed"' '"report_data_binding": "sha512-claims-ok"' \
	'"nonce_check": "ok"' '"root_of_trust": "futeet-sim-test-root"' '"executables": 2' \
	"\"launch_measurement\": \"$want\"" '"provider": "sim_sev_guest"'; do
	grep -qF "$f" "$tq_tmp/ear.json" || fail "EAR lacks $f"
done

boot --platform sim-snp --evil flip-measurement --init attest -- "$NONCE"
expect_status 0 "the guest cannot tell: attest succeeds"
save_evidence "$tq_tmp/ev2.txt"
"$V" --policy "$tq_tmp/policy.json" --nonce "$NONCE" "$tq_tmp/ev2.txt" > "$tq_tmp/ear2.json" 2> "$tq_tmp/err2"
rc=$?
[ $rc = 1 ] || fail "flip-measurement: futeet-verify exit $rc, want 1: $(cat "$tq_tmp/err2")"
grep -q "not in the policy's reference_measurements" "$tq_tmp/err2" ||
	fail "the reason must be the reference measurement: $(cat "$tq_tmp/err2")"
pass "futeet-measure policy: sim evidence is warning (sim keys), flipped MEASUREMENT is contraindicated"
