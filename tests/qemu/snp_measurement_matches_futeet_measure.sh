#!/usr/bin/env bash
# Proves: the MEASUREMENT in the sim-snp report equals what futeet-measure
# predicts for this image, command line and OVMF (DESIGN.md section 3), so a
# policy can be written before boot; and a different command line predicts a
# different value.
. "$(dirname "$0")/snp_lib.sh"
snp_boot --platform sim-snp --init attest -- "$NONCE"
expect_status 0 "attest succeeds"
got=$(attest_field measurement)
cmdline=$(guest_cmdline)
[ -n "$got" ] || fail "no measurement line"
[ -n "$cmdline" ] || fail "the kernel did not print its command line"
want=$("$FUTEET_BUILD/bin/futeet-measure" --platform sim-snp "$FUTEET_BUILD/futeet.efi" \
	--cmdline "$cmdline" --ovmf "$OVMF_CODE") || fail "futeet-measure failed"
want=$(echo "$want" | grep -Eo '[0-9a-f]{96}' | head -n 1)
[ "$got" = "$want" ] || fail "report MEASUREMENT $got != futeet-measure $want"
other=$("$FUTEET_BUILD/bin/futeet-measure" --platform sim-snp "$FUTEET_BUILD/futeet.efi" \
	--cmdline "$cmdline x" --ovmf "$OVMF_CODE" | grep -Eo '[0-9a-f]{96}' | head -n 1)
[ "$other" != "$got" ] || fail "another command line gives the same measurement"
pass "MEASUREMENT = futeet-measure's value ($got)"
