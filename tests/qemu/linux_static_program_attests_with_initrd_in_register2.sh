#!/usr/bin/env bash
# Proves: a static Linux program built outside FUTEET (musl-gcc -static,
# tests/qemu/linux/attest_static.c) makes the FUTEET calls through the
# header-only <futeet/static.h>, from an initrd, on sim-snp; futeet-verify
# --allow-sim accepts its evidence (the nonce, REPORT_DATA binding, the
# kernel's register-2 log replayed), and that log, carried in the evidence,
# names the initrd and the program: the kernel measured both before the
# program ran.
. "$(dirname "$0")/snp_lib.sh"
command -v musl-gcc >/dev/null || fail "musl-gcc missing (scripts/setup installs musl-tools)"
command -v cpio >/dev/null || fail "cpio missing (scripts/setup installs it)"
root="$tq_tmp/root"
mkdir -p "$root/bin"
musl-gcc -static -O2 -Iinclude/uapi tests/qemu/linux/attest_static.c -o "$root/bin/attest_static" ||
	fail "musl-gcc could not build attest_static"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > "$tq_tmp/initrd.cpio" ||
	fail "cpio could not build the initrd"
snp_boot --platform sim-snp --initrd "$tq_tmp/initrd.cpio" --init /bin/attest_static \
	--save-evidence "$tq_tmp/ev.cmw" -- "$NONCE"
expect_status 0 "attest_static exits 0"
[ -s "$tq_tmp/ev.cmw" ] || fail "no evidence block on the console"
"$FUTEET_BUILD/bin/futeet-verify" --allow-sim --nonce "$NONCE" "$tq_tmp/ev.cmw" > "$tq_tmp/ear.json"
rc=$?
[ $rc = 0 ] || [ $rc = 3 ] || fail "futeet-verify --allow-sim exit $rc"
msg=$(/usr/bin/python3 tests/real/ear_check.py "$tq_tmp/ear.json" \
	ear.veraison.annotated-evidence/kernel_registers/event_log=replays 2>&1) ||
	fail "futeet-verify did not replay the kernel's register log: $msg"
grep -aq 'futeet initrd=opt/org.futeet/initrd' "$tq_tmp/ev.cmw" ||
	fail "the evidence's register-2 log does not name the initrd"
grep -aq 'futeet init=/bin/attest_static' "$tq_tmp/ev.cmw" ||
	fail "the evidence's register-2 log does not name the program"
pass "musl static program attests through <futeet/static.h>; register 2's log names the initrd and the program"
