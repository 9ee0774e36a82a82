#!/usr/bin/env bash
# Proves: on sim-tdx the attest program gets evidence whose quote's
# REPORT_DATA is SHA-512 of the claims set carrying its nonce; the quote, QE
# report and PCK chain verify up to the sim root; replaying the evidence's
# event log gives the quote's RTMR0..3; RTMR2 holds SHA-384 of the command
# line the kernel printed and of the program's ELF (build/user/attest.elf);
# a userland extend of RTMR3 is logged and register 2 is refused to userland.
# All checked by tests/qemu/tdx_check_evidence.py (cbor2 + cryptography).
. "$(dirname "$0")/tdx_lib.sh"
snp_boot --platform sim-tdx --init attest -- --extend3 "hello-rtmr3" "$NONCE"
expect_status 0 "attest succeeds on sim-tdx"
expect_line '^futeet: platform sim-tdx ' "the kernel detects the sim"
expect_line '^futeet: tdx: firmware event log: 6 events, [0-9]+ bytes, replays to RTMR0..3$' \
	"the firmware's CCEL is taken and checked"
expect_line '^futeet: tdx: RTMR2 extended with ' "the kernel extends RTMR2 and says so"
expect_line '^attest: extend register 2: refused \(EPERM\)' "userland may not extend RTMR2"
expect_line '^attest: binding +REPORT_DATA = SHA-512\(claims set\): ok; eat_nonce: ok$' "guest-side check"
save_evidence "$tq_tmp/ev.txt"
cmdline=$(guest_cmdline)
[ -n "$cmdline" ] || fail "the kernel did not print its command line"
tdx_check "$tq_tmp/ev.txt" --cmdline "$cmdline" --program "$FUTEET_BUILD/user/attest.elf" \
	--rtmr3-text "hello-rtmr3" || fail "independent check: $(tail -n 1 "$tq_tmp/check.out")"
pass "REPORT_DATA binds the claims, quote verifies, event log replays to RTMR0..3"
