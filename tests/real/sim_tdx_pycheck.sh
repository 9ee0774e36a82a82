#!/bin/bash
# Independent check of futeet-sim --profile tdx by tests/sim/pytdx.py: a
# Python guest (python3-cryptography only, no FUTEET code) asks for TDREPORTs,
# extends RTMRs and gets a quote through the mailbox, and verifies the hashes,
# MRTD = futeet-measure's for Debian's unified OVMF.fd, the CCEL replay, the extend rule, the quote and QE report
# signatures and the PCK chain up to the exported sim root.
set -u
NAME=sim_tdx_pycheck
. tests/real/sim.inc

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
sim_start 30 --profile tdx --shm "$shm" --ccel-out "$tmp/ccel.bin" --ovmf "$fw" \
	--kernel "$tmp/futeet.efi" --cmdline "init=attest" --td-attributes "$attrs" --mrconfigid "$cfgid" \
	--mrowner "$owner"
"${PYTHON3:-/usr/bin/python3}" tests/sim/pytdx.py --shm "$shm" --ccel "$tmp/ccel.bin" --mrtd "$mrtd" \
	--root "$tmp/root.der" --td-attributes "$attrs" --mrconfigid "$cfgid" --mrowner "$owner" \
	${SIM_PYCHECK_DUMP:+--dump "$SIM_PYCHECK_DUMP"} > "$tmp/tap.txt" 2>&1
st=$?
cat "$tmp/tap.txt"
[ $st -eq 0 ] || fail "$(grep -m1 -E '^not ok|Error|Traceback' "$tmp/tap.txt" || tail -1 "$tmp/tap.txt")"
sim_stop
[ "$sim_status" = 0 ] || fail "futeet-sim exit status $sim_status after SIGTERM"
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
