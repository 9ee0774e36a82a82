#!/usr/bin/env bash
# Proves: with an initrd, stdin and a program from the initrd (a musl-gcc
# -static program attesting through <futeet/static.h>), the RTMR2 of a
# sim-tdx quote equals what futeet-measure --platform tdx predicts from the
# command line, --futeet-initrd, --stdin and --program (the kernel extends
# them in that order, tee/core/measure.c), so a policy can be written before
# boot; the quote and its event log are checked by the independent Python
# checker (the log replays to the quote's RTMR2 and names the initrd, stdin
# and the program).
. "$(dirname "$0")/tdx_lib.sh"
command -v musl-gcc >/dev/null || fail "musl-gcc missing (scripts/setup installs musl-tools)"
fw=${FUTEET_OVMF_TDX:-/usr/share/ovmf/OVMF.fd}
root="$tq_tmp/root"
mkdir -p "$root/bin"
musl-gcc -static -O2 -Iinclude/uapi tests/qemu/linux/attest_static.c -o "$root/bin/attest_static" ||
	fail "musl-gcc could not build attest_static"
make_initrd "$root" "$tq_tmp/initrd.cpio"
printf 'host input\n' > "$tq_tmp/stdin"
snp_boot --platform sim-tdx --initrd "$tq_tmp/initrd.cpio" --stdin "$tq_tmp/stdin" \
	--init /bin/attest_static -- "$NONCE"
expect_status 0 "attest_static succeeds on sim-tdx"
save_evidence "$tq_tmp/ev.txt"
cmdline=$(guest_cmdline)
[ -n "$cmdline" ] || fail "the kernel did not print its command line"
tdx_check "$tq_tmp/ev.txt" || fail "independent check: $(tail -n 1 "$tq_tmp/check.out")"
grep -E '^[A-Za-z0-9+/=]+$' "$tq_tmp/ev.txt" | base64 -d > "$tq_tmp/ev.bin" 2>/dev/null ||
	fail "the evidence block is not base64"
for ev in 'futeet initrd=opt/org.futeet/initrd' 'futeet stdin=opt/org.futeet/stdin' 'futeet init=/bin/attest_static'; do
	grep -aq "$ev" "$tq_tmp/ev.bin" || fail "the evidence's log has no event '$ev'"
done
"$FUTEET_BUILD/bin/futeet-measure" --platform tdx --firmware "$fw" \
	--kernel "$FUTEET_BUILD/futeet.efi" --append "$cmdline" --futeet-initrd "$tq_tmp/initrd.cpio" \
	--stdin "$tq_tmp/stdin" --program "$root/bin/attest_static" > "$tq_tmp/measure.txt" ||
	fail "futeet-measure --platform tdx failed: $(tail -n 1 "$tq_tmp/measure.txt")"
want=$(sed -n 's/^rtmr2: //p' "$tq_tmp/measure.txt")
[ -n "$want" ] || fail "futeet-measure printed no rtmr2"
[ "$(check_value rtmr2)" = "$want" ] ||
	fail "the quote's RTMR2 $(check_value rtmr2) is not futeet-measure's $want"
# Without the initrd the prediction must differ (the initrd is covered).
"$FUTEET_BUILD/bin/futeet-measure" --platform tdx --firmware "$fw" \
	--kernel "$FUTEET_BUILD/futeet.efi" --append "$cmdline" \
	--stdin "$tq_tmp/stdin" --program "$root/bin/attest_static" > "$tq_tmp/measure2.txt" ||
	fail "futeet-measure without --futeet-initrd failed"
[ "$(sed -n 's/^rtmr2: //p' "$tq_tmp/measure2.txt")" != "$want" ] ||
	fail "leaving the initrd out does not change the predicted RTMR2"
pass "RTMR2 with initrd, stdin and an initrd program = futeet-measure's prediction"
