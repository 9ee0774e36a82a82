#!/usr/bin/env bash
# Proves: the guest policy the host launched with (futeet-sim --policy, as a
# real host sets it) shows up in the report: debug (bit 19) on, and the
# verifier sees it too.
. "$(dirname "$0")/snp_lib.sh"
snp_boot --platform sim-snp --sim-opt --policy --sim-opt 0xB0000 --init attest -- "$NONCE"
expect_status 0 "attest succeeds"
expect_line '^attest: policy +0xb0000 \(.*debug on' "policy 0xB0000 with debug on in the report"
save_evidence "$tq_tmp/ev.txt"
if [ -x "$FUTEET_BUILD/bin/futeet-verify" ]; then
	"$FUTEET_BUILD/bin/futeet-verify" --allow-sim --nonce "$NONCE" "$tq_tmp/ev.txt" > "$tq_tmp/ear.json" 2>/dev/null
	grep -q '"debug": true' "$tq_tmp/ear.json" || fail "futeet-verify does not report debug"
fi
pass "debug policy visible in the report"
