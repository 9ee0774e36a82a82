#!/bin/bash
# Every futeet-sim --evil mode (and none) misbehaves exactly as docs/SIM.md
# says, seen from the independent Python guest tests/sim/pyevil.py; and
# --vmpl 1 hands out VMPCK1..3 only and enforces the VMPL floor.
set -u
NAME=sim_snp_evil_pycheck
. tests/real/sim.inc
measure=$BUILD/bin/futeet-measure
[ -x "$measure" ] || fail "$measure not built"
export FUTEET_SIM_CACHE=${FUTEET_SIM_CACHE:-$BUILD/sim-cache}
cp tests/data/sev-snp-measure/ovmf_OvmfX64_suffix.bin "$tmp/ovmf.fd" || fail "fixture missing"
head -c 4096 /dev/urandom > "$tmp/futeet.efi"
m=$("$measure" --platform sim-snp --ovmf "$tmp/ovmf.fd" --cmdline "x" "$tmp/futeet.efi") ||
	fail "futeet-measure failed"
modes="none $("$sim" --list-evil | awk '{print $1}') vmpl1"
for mode in $modes; do
	case $mode in
	vmpl1) opt=(--vmpl 1) ;;   # not an evil mode: the guest at VMPL 1
	*) opt=(--evil "$mode") ;;
	esac
	rm -f "$tmp/secrets.bin"
	sim_label=$mode
	sim_start 120 --profile snp --shm "$shm" --secrets-out "$tmp/secrets.bin" --ovmf "$tmp/ovmf.fd" \
		--kernel "$tmp/futeet.efi" --cmdline "x" "${opt[@]}"
	python3 tests/sim/pyevil.py "$mode" --shm "$shm" --secrets "$tmp/secrets.bin" \
		--measurement "$m" > "$tmp/tap.txt" 2>&1
	st=$?
	sed "s/^/[$mode] /" "$tmp/tap.txt"
	[ $st -eq 0 ] || fail "$mode: $(grep -m1 -E '^not ok|Error' "$tmp/tap.txt" || tail -1 "$tmp/tap.txt")"
	sim_stop
done
echo "sim_snp_evil_pycheck: PASS"
