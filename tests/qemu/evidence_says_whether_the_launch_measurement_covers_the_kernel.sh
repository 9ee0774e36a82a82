#!/usr/bin/env bash
# Proves: the evidence itself says whether the launch measurement covers the
# kernel (the normalized claim "kernel_in_launch_measurement", tee/core/caps.c),
# and futeet-verify reports it once the claims are bound, without a policy's
# firmware reference: on sim-tdx "no" (MRTD covers TDVF's sections only;
# lib/measure/tdx.c); on sim-snp the sim's word, the same that decides what
# a sealing key binds (the blob's bind byte): "no" by default, "yes" with the
# AmdSev stand-in (MEASUREMENT covers the kernel hashes; docs/MEASURE.md).
# (On SNP hardware it is "firmware-dependent": the guest cannot see its
# firmware.)
. "$(dirname "$0")/tdx_lib.sh"
V="$FUTEET_BUILD/bin/futeet-verify"
A=ear.veraison.annotated-evidence
for p in sim-tdx sim-snp sim-snp-standin; do
	opt=
	case $p in
	sim-tdx) want=no; text='^  kernel in launch +no: the launch measurement \(MRTD\) covers the firmware only' ;;
	sim-snp) want=no; text='^  kernel in launch +no: the launch measurement covers the firmware only \(the guest.s claim: on the sim' ;;
	sim-snp-standin) want=yes; opt=--amdsev-standin
		text='^  kernel in launch +yes: the launch measurement covers the kernel and command line' ;;
	esac
	snp_boot --platform "${p%-standin}" ${opt:+--sim-opt $opt} --init attest -- "$NONCE"
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
pass "the evidence says the kernel is not in MRTD (sim-tdx), and on sim-snp what the sim says (no; yes with the AmdSev stand-in)"
