#!/bin/bash
# Independent check of futeet-sim --profile tdx by tests/sim/pytdx.py: a
# Python guest (python3-cryptography only, no FUTEET code) asks for TDREPORTs,
# extends RTMRs and gets a quote through the mailbox, and verifies the hashes,
# MRTD = futeet-measure's for Debian's unified OVMF.fd, the CCEL replay, the extend rule, the quote and QE report
# signatures and the PCK chain up to the exported sim root.
set -u
BUILD=${BUILD:-build}
sim=$BUILD/bin/futeet-sim
fail() { echo "sim_tdx_pycheck: FAIL: $*"; exit 1; }
[ -x "$sim" ] || fail "$sim not built"
tmp=$(mktemp -d /tmp/futeet-tdxtest.XXXXXX) || fail "mktemp"
shm=/dev/shm/futeet-tdxtest-$$-$RANDOM
sim_pid=
cleanup() {
	[ -n "$sim_pid" ] && kill -TERM "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
	rm -rf "$tmp"
	rm -f "$shm"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fw=${FUTEET_OVMF_TDX:-/usr/share/ovmf/OVMF.fd}   # a TDVF: it has TDX metadata
[ -r "$fw" ] || fail "$fw not found (package ovmf)"
mrtd=$("$BUILD/bin/futeet-measure" --platform tdx --firmware "$fw" | sed -n 's/^mrtd: //p')
[ ${#mrtd} -eq 96 ] || fail "futeet-measure gave no MRTD for $fw"
[ -f "$BUILD/futeet.efi" ] || fail "$BUILD/futeet.efi not built"
cp "$BUILD/futeet.efi" "$tmp/futeet.efi"   # RTMR1's events need a real PE image
attrs=0x10000001   # SEPT_VE_DISABLE + DEBUG
cfgid=$(head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n')
owner=$(head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n')
"$sim" --export-tdx-root "$tmp/root.der" || fail "--export-tdx-root failed"
"$sim" --profile tdx --shm "$shm" --ccel-out "$tmp/ccel.bin" --ovmf "$fw" \
	--kernel "$tmp/futeet.efi" --cmdline "init=attest" --td-attributes "$attrs" --mrconfigid "$cfgid" \
	--mrowner "$owner" </dev/null 2>"$tmp/sim.log" &
sim_pid=$!
for _ in $(seq 1 300); do
	grep -q '^futeet-sim: ready' "$tmp/sim.log" 2>/dev/null && break
	kill -0 "$sim_pid" 2>/dev/null || fail "futeet-sim exited early: $(tail -1 "$tmp/sim.log")"
	sleep 0.1
done
grep -q '^futeet-sim: ready' "$tmp/sim.log" || fail "futeet-sim not ready after 30 s"
"${PYTHON3:-/usr/bin/python3}" tests/sim/pytdx.py --shm "$shm" --ccel "$tmp/ccel.bin" --mrtd "$mrtd" \
	--root "$tmp/root.der" --td-attributes "$attrs" --mrconfigid "$cfgid" --mrowner "$owner" \
	${SIM_PYCHECK_DUMP:+--dump "$SIM_PYCHECK_DUMP"} > "$tmp/tap.txt" 2>&1
st=$?
cat "$tmp/tap.txt"
[ $st -eq 0 ] || fail "$(grep -m1 -E '^not ok|Error|Traceback' "$tmp/tap.txt" || tail -1 "$tmp/tap.txt")"
kill -TERM "$sim_pid"
wait "$sim_pid"; st=$?
sim_pid=
[ $st -eq 0 ] || fail "futeet-sim exit status $st after SIGTERM"
# A firmware without TDX metadata cannot run as a TD: no MRTD, no sim.
head -c 200000 /dev/urandom > "$tmp/not-a-tdvf.fd"
if "$sim" --profile tdx --shm "$shm.2" --ccel-out "$tmp/c2" --ovmf "$tmp/not-a-tdvf.fd" \
	--kernel "$tmp/futeet.efi" --cmdline "" </dev/null 2>"$tmp/refused.log"; then
	rm -f "$shm.2"
	fail "futeet-sim started on a firmware without TDX metadata"
fi
rm -f "$shm.2"
grep -q 'no MRTD' "$tmp/refused.log" || fail "no clear reason for refusing the firmware: $(tail -1 "$tmp/refused.log")"
echo "sim_tdx_pycheck: PASS (and a firmware without TDX metadata is refused)"
