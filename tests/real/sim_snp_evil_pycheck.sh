#!/bin/bash
# Every futeet-sim --evil mode (and none) misbehaves exactly as docs/SIM.md
# says, seen from the independent Python guest tests/sim/pyevil.py; and
# --vmpl 1 hands out VMPCK1..3 only and enforces the VMPL floor.
set -u
BUILD=${BUILD:-build}
sim=$BUILD/bin/futeet-sim
measure=$BUILD/bin/futeet-measure
fail() { echo "sim_snp_evil_pycheck: FAIL: $*"; exit 1; }
[ -x "$sim" ] || fail "$sim not built"
[ -x "$measure" ] || fail "$measure not built"
export FUTEET_SIM_CACHE=${FUTEET_SIM_CACHE:-$BUILD/sim-cache}
tmp=$(mktemp -d /tmp/futeet-simevil.XXXXXX) || fail "mktemp"
shm=/dev/shm/futeet-simevil-$$-$RANDOM
sim_pid=
stop_sim() {
	if [ -n "$sim_pid" ]; then kill -TERM "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; fi
	sim_pid=
	rm -f "$shm"
}
trap 'stop_sim; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
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
	rm -f "$tmp/sim.log" "$tmp/secrets.bin"
	"$sim" --profile snp --shm "$shm" --secrets-out "$tmp/secrets.bin" --ovmf "$tmp/ovmf.fd" \
		--kernel "$tmp/futeet.efi" --cmdline "x" "${opt[@]}" </dev/null 2>"$tmp/sim.log" &
	sim_pid=$!
	for _ in $(seq 1 1200); do
		grep -q '^futeet-sim: ready' "$tmp/sim.log" 2>/dev/null && break
		kill -0 "$sim_pid" 2>/dev/null || fail "$mode: futeet-sim exited early: $(tail -1 "$tmp/sim.log")"
		sleep 0.1
	done
	python3 tests/sim/pyevil.py "$mode" --shm "$shm" --secrets "$tmp/secrets.bin" \
		--measurement "$m" > "$tmp/tap.txt" 2>&1
	st=$?
	sed "s/^/[$mode] /" "$tmp/tap.txt"
	[ $st -eq 0 ] || fail "$mode: $(grep -m1 -E '^not ok|Error' "$tmp/tap.txt" || tail -1 "$tmp/tap.txt")"
	stop_sim
done
echo "sim_snp_evil_pycheck: PASS"
