#!/bin/bash
# Independent check of futeet-sim (sim-snp) by tests/sim/pyclient.py: a Python
# guest (python3-cryptography only, no FUTEET code) that requests reports,
# the certificate table and derived keys through the mailbox and verifies
# everything (signatures, chain, measurement, sequence-number rules).
# Runs from the repo root with BUILD set (default build). Exit 0 = pass.
set -u
NAME=sim_snp_pycheck
. tests/real/sim.inc
measure=$BUILD/bin/futeet-measure
[ -x "$measure" ] || fail "$measure not built"
export FUTEET_SIM_CACHE=${FUTEET_SIM_CACHE:-$BUILD/sim-cache}

# The firmware is sev-snp-measure's AmdSev fixture (tests/data/MANIFEST.md),
# the kernel an empty file, with kernel hashes on: its tests/test_guest.py
# gives the launch digest for exactly these inputs (1 vCPU EPYC-v4, SEV_FEATURES
# 0x1, append "console=ttyS0 loglevel=7"): MEASUREMENT must be that value.
cp tests/data/sev-snp-measure/ovmf_AmdSev_suffix.bin "$tmp/ovmf.fd" || fail "fixture missing"
: > "$tmp/futeet.efi"
cmdline="console=ttyS0 loglevel=7"
want_meas=6d287813eb5222d770f75005c664e34c204f385ce832cc2ce7d0d6f354454362f390ef83a92046c042e706363b4b08fa
policy=0xb0000   # SMT + reserved bit 17 + DEBUG (bit 19)
host_data=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
family_id=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
image_id=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')

"$sim" --export-roots "$tmp" 2>"$tmp/export.log" || fail "--export-roots: $(tail -1 "$tmp/export.log")"
m=$("$measure" --platform sim-snp --ovmf "$tmp/ovmf.fd" --kernel-hashes --cmdline "$cmdline" "$tmp/futeet.efi") ||
	fail "futeet-measure failed"

sim_start 120 --profile snp --shm "$shm" --secrets-out "$tmp/secrets.bin" --ovmf "$tmp/ovmf.fd" \
	--kernel "$tmp/futeet.efi" --kernel-hashes --cmdline "$cmdline" --policy "$policy" \
	--host-data "$host_data" --family-id "$family_id" --image-id "$image_id"

python3 tests/sim/pyclient.py --shm "$shm" --secrets "$tmp/secrets.bin" \
	--ark "$tmp/sim-ark.der" --ask "$tmp/sim-ask.der" --ovmf "$tmp/ovmf.fd" \
	--kernel "$tmp/futeet.efi" --cmdline "$cmdline" --measure-output "$m" \
	--expect-measurement "$want_meas" \
	--policy "$policy" --host-data "$host_data" --family-id "$family_id" \
	--image-id "$image_id" ${SIM_PYCHECK_DUMP:+--dump "$SIM_PYCHECK_DUMP"} > "$tmp/tap.txt" 2>&1
st=$?
cat "$tmp/tap.txt"
[ $st -eq 0 ] || fail "$(grep -m1 -E '^not ok|Error|Traceback' "$tmp/tap.txt" || tail -1 "$tmp/tap.txt")"

# The sim must exit cleanly on SIGTERM.
sim_stop
[ "$sim_status" = 0 ] || fail "futeet-sim exit status $sim_status after SIGTERM"
grep -q '^futeet-sim: stopped' "$tmp/sim.log" || fail "futeet-sim did not report a clean stop"
echo "sim_snp_pycheck: PASS"
