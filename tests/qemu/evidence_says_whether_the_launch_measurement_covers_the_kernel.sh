#!/usr/bin/env bash
# Proves: the evidence itself says whether the launch measurement covers the
# kernel (the normalized claim "kernel_in_launch_measurement", tee/core/caps.c),
# and futeet-verify reports it once the claims are bound, without a policy's
# firmware reference: on sim-tdx "no" (MRTD covers TDVF's sections only;
# lib/measure/tdx.c), on sim-snp "firmware-dependent" (only firmware that
# checks QEMU's kernel hashes binds it; docs/MEASURE.md).
. "$(dirname "$0")/tdx_lib.sh"
V="$FUTEET_BUILD/bin/futeet-verify"
A=ear.veraison.annotated-evidence
for p in sim-tdx sim-snp; do
	case $p in
	sim-tdx) want=no; text='^  kernel in launch +no: the launch measurement \(MRTD\) covers the firmware only' ;;
	sim-snp) want=firmware-dependent; text='^  kernel in launch +only if the firmware checked kernel hashes' ;;
	esac
	snp_boot --platform "$p" --init attest -- "$NONCE"
	expect_status 0 "attest succeeds on $p"
	save_evidence "$tq_tmp/$p.txt"
	"$V" --allow-sim --nonce "$NONCE" "$tq_tmp/$p.txt" > "$tq_tmp/$p.json" 2> "$tq_tmp/err"
	msg=$("$PY" tests/real/ear_check.py "$tq_tmp/$p.json" \
		$A/report_data_binding=sha512-claims-ok $A/kernel_in_launch_measurement=$want 2>&1) ||
		fail "$p: EAR: $msg"
	"$V" --allow-sim --nonce "$NONCE" --format text "$tq_tmp/$p.txt" > "$tq_tmp/$p.text" 2>&1
	grep -Eq "$text" "$tq_tmp/$p.text" ||
		fail "$p: the text report has no 'kernel in launch' line saying $want: $(grep -i 'kernel' "$tq_tmp/$p.text")"
done
pass "the evidence says the kernel is not in MRTD (sim-tdx) and firmware-dependent on SNP (sim-snp)"
