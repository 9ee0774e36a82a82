# Helpers for the sim-tdx QEMU tests (tests/qemu/tdx_*.sh). Sourced, not run.
# Builds on the sim helpers of snp_lib.sh (boot with the sim's stderr lines
# repaired, save_evidence, guest_cmdline, attest_field).
. "$(dirname "$0")/snp_lib.sh"

PY=${PYTHON3:-/usr/bin/python3}

# tdx_check EVIDENCE [tdx_check_evidence.py options...]: the independent
# Python check against the sim root; its output goes to $tq_tmp/check.out.
tdx_check() {
	local ev=$1
	shift
	"$FUTEET_BUILD/bin/futeet-sim" --export-tdx-root "$tq_tmp/tdx-root.der" ||
		fail "futeet-sim --export-tdx-root failed"
	"$PY" tests/qemu/tdx_check_evidence.py "$ev" "$NONCE" --root "$tq_tmp/tdx-root.der" "$@" \
		> "$tq_tmp/check.out" 2>&1
}

# check_value NAME: a 'value NAME HEX' line of the last tdx_check.
check_value() {
	sed -n "s/^value $1 //p" "$tq_tmp/check.out" | head -n 1
}
