#!/bin/bash
# Regenerates tests/data/sim/ (see MANIFEST.md there): sim-snp evidence at
# VMPL 0 and VMPL 1 and the sim ARK, from the committed sim seed. Needs a
# build (make tools) and python3-cbor2, python3-cryptography.
#   tests/data/sim/make.sh [BUILD]
set -eu
BUILD=${1:-build}
out=tests/data/sim
sim=$BUILD/bin/futeet-sim
export FUTEET_SIM_CACHE=${FUTEET_SIM_CACHE:-$BUILD/sim-cache}
tmp=$(mktemp -d /tmp/futeet-simdata.XXXXXX)
shm=/dev/shm/futeet-simdata-$$
sim_pid=
cleanup() {
	[ -n "$sim_pid" ] && kill -TERM "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
	rm -rf "$tmp" "$shm"
}
trap cleanup EXIT

# Stand-ins for the firmware and kernel: the sim's MEASUREMENT hashes them.
printf 'FUTEET test OVMF stand-in\n' > "$tmp/ovmf.fd"
printf 'FUTEET test kernel stand-in\n' > "$tmp/futeet.efi"
"$sim" --export-roots "$tmp"
cp "$tmp/sim-ark.der" "$out/sim-ark.der"
"$sim" --profile snp --shm "$shm" --secrets-out "$tmp/secrets.bin" --ovmf "$tmp/ovmf.fd" \
	--kernel "$tmp/futeet.efi" --cmdline "init=attest" --policy 0x30000 \
	</dev/null 2>"$tmp/sim.log" &
sim_pid=$!
for _ in $(seq 1 1200); do
	grep -q '^futeet-sim: ready' "$tmp/sim.log" 2>/dev/null && break
	sleep 0.1
done
grep -q '^futeet-sim: ready' "$tmp/sim.log" || { cat "$tmp/sim.log"; exit 1; }
nonce=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
/usr/bin/python3 "$out/make_sim_evidence.py" --shm "$shm" --secrets "$tmp/secrets.bin" \
	--nonce "$nonce" --vmpls 0,1 --out "$out/attest"
