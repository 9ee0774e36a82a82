#!/usr/bin/env bash
# Proves: a lying firmware that reports another MEASUREMENT (correctly signed)
# is caught only by comparing with the reference value: the report verifies,
# but MEASUREMENT differs from futeet-measure's prediction.
. "$(dirname "$0")/snp_lib.sh"
snp_boot --platform sim-snp --evil flip-measurement --init attest -- "$NONCE"
expect_status 0 "the guest cannot tell: attest succeeds"
got=$(attest_field measurement)
want=$("$FUTEET_BUILD/bin/futeet-measure" --platform sim-snp "$FUTEET_BUILD/futeet.efi" \
	--cmdline "$(guest_cmdline)" --ovmf "$OVMF_CODE" | grep -Eo '[0-9a-f]{96}' | head -n 1)
[ -n "$got" ] && [ -n "$want" ] || fail "missing measurement"
[ "$got" != "$want" ] || fail "flip-measurement left MEASUREMENT equal to the reference value"
pass "flipped MEASUREMENT differs from the reference value"
