#!/usr/bin/env bash
# Proves: `make run`'s flow (scripts/demo) boots the attest demo on sim-snp
# and then on sim-tdx (verified with the sim's collateral: TCB UpToDate, MRTD
# = futeet-measure's, the event log replayed),
# folds the base64 evidence out of the console, appraises the evidence on the
# host and ends with a readable verdict (warning only because of the sim's
# test root; launch measurement equal to futeet-measure's prediction;
# binding and nonce ok) and, last, a line naming the two saved files, which
# independent readers accept: python3-cbor2 reads the CMW collection,
# python3's json the EAR. The same boot's evidence then shows --format text
# on sim evidence refusing the sim root without --allow-sim.
. "$(dirname "$0")/snp_lib.sh"
V="$FUTEET_BUILD/bin/futeet-verify"
ev="$FUTEET_BUILD/evidence/attest-sim-snp.cmw"
ear="$FUTEET_BUILD/evidence/attest-sim-snp.ear.json"
rm -f "$ev" "$ear"
out="$tq_tmp/demo.out"
echo "demo: scripts/demo --nonce $NONCE"
scripts/demo --nonce "$NONCE" > "$tq_tmp/raw" 2>&1
status=$?
tr -d '\r' < "$tq_tmp/raw" | sed -e 's/\x1b\[[0-9;=?]*[A-Za-z]//g' | grep -v '^sim: ' > "$out"
expect_status 0 "the demo verifies its evidence"
tev="$FUTEET_BUILD/evidence/attest-sim-tdx.cmw"
tear="$FUTEET_BUILD/evidence/attest-sim-tdx.ear.json"
expect_line "^saved: evidence $ev, attestation result $ear$" "the sim-snp leg names its files"
last=$(tail -n 1 "$out")
[ "$last" = "saved: evidence $tev, attestation result $tear" ] || fail "last line is '$last'"
[ -s "$tev" ] && [ -s "$tear" ] || fail "the sim-tdx files are missing"
tmrtd=$(sed -n 's/^futeet-measure expects MRTD \([0-9a-f]\{96\}\)$/\1/p' "$out")
[ -n "$tmrtd" ] || fail "no futeet-measure MRTD line"
expect_line "^  MRTD +$tmrtd$" "the quote's MRTD is futeet-measure's"
expect_line '^  TCB status +UpToDate$' "the sim collateral gives UpToDate"
expect_line "^ +note: the CC event log replays to the quote's RTMR0..3$" "the event log replays"
[ -s "$ev" ] && [ -s "$ear" ] || fail "the saved files are missing"
expect_no_line '^-----BEGIN FUTEET EVIDENCE-----$' "the base64 block is folded"
expect_line "^\[evidence: [0-9]+ lines of base64, saved decoded to $ev\]$" "the fold names the file"
want=$(sed -n 's/^futeet-measure expects launch measurement \([0-9a-f]\{96\}\)$/\1/p' "$out")
[ -n "$want" ] || fail "no futeet-measure line"
expect_line '^FUTEET attestation result: warning$' "sim evidence is a warning"
expect_line "^  launch measurement  $want$" "the measured value is futeet-measure's"
expect_line '^ +equals a reference measurement of the policy$'
expect_line '^  binding +REPORT_DATA = SHA-512\(claims set\): ok$'
expect_line "^  nonce +$NONCE \(the claims' eat_nonce\): equals the expected nonce$"
expect_line '^  root of trust +FUTEET sim test root'
expect_line '^  reasons +warning: sim: not confidential'
if grep -E '^ +(contraindicated|warning): ' "$out" | grep -v 'sim: not confidential' | grep -q .; then
	fail "a reason other than the sim root: $(grep -E '^ +(contraindicated|warning): ' "$out" | grep -v 'sim: not' | head -n 1)"
fi

# independent readers of the saved files
msg=$(/usr/bin/python3 - "$ev" "$ear" "$want" "$NONCE" <<'PY' 2>&1
import base64, cbor2, json, sys
ev, ear, want, nonce = sys.argv[1:]
c = cbor2.loads(open(ev, "rb").read())
assert isinstance(c, dict) and {"tsm", "futeet"} <= set(c), f"CMW keys {sorted(c) if isinstance(c, dict) else type(c)}"
tsm = cbor2.loads(c["tsm"][1])
assert tsm["provider"] == "sim_sev_guest", tsm.get("provider")
assert len(tsm["outblob"]) == 0x4A0, len(tsm["outblob"])
assert tsm["outblob"][0x90:0xC0].hex() == want, "outblob MEASUREMENT is not futeet-measure's"
claims = cbor2.loads(c["futeet"][1])
assert claims.tag == 601 and claims.value[10].hex() == nonce, "eat_nonce"
j = json.load(open(ear))
assert j["eat_profile"] == "tag:github.com,2023:veraison/ear", j.get("eat_profile")
sub = j["submods"]["cpu0"]
assert sub["ear.status"] == "warning", sub["ear.status"]
nb = base64.urlsafe_b64decode(j["eat_nonce"] + "=" * (-len(j["eat_nonce"]) % 4))
assert nb.hex() == nonce, "EAR eat_nonce"
PY
) || fail "saved files: $msg"

# --format text on this sim evidence without --allow-sim: refused, and said so
"$V" --format text --nonce "$NONCE" "$ev" > "$tq_tmp/t" 2> "$tq_tmp/te"
rc=$?
[ $rc = 1 ] || fail "--format text without --allow-sim: exit $rc, want 1"
grep -q '^FUTEET attestation result: contraindicated$' "$tq_tmp/t" || fail "text verdict: $(head -n 1 "$tq_tmp/t")"
grep -q 'contraindicated: evidence is signed by the FUTEET sim test root' "$tq_tmp/t" ||
	fail "the text does not say the sim root was refused"
grep -q "provider sim_sev_guest" "$tq_tmp/t" || fail "the text lacks the provider"
grep -q "root of trust  *FUTEET sim test root: not accepted" "$tq_tmp/t" || fail "the text does not name the refused root"
pass "make run's flow ends with the verdict and the saved evidence and result"
