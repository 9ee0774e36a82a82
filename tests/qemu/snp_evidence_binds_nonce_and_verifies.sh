#!/usr/bin/env bash
# Proves: on sim-snp the attest program gets evidence whose claims set
# carries its nonce and whose report's REPORT_DATA is SHA-512 of that claims
# set, checked three ways: by the guest itself, by an independent Python
# decoder (cbor2 + cryptography: report signature under the VCEK from the
# certificate table), and by futeet-verify --allow-sim --nonce. The program
# first extends register 3 (on SNP a kernel software register): the Python
# check and futeet-verify replay the claims' event log to the registers in
# the claims set. The claims' capability descriptor carries debug, VMPL and
# TCB (hardware-attested) equal to the report's, and futeet-verify's EAR
# lists it with what it checked each value against.
. "$(dirname "$0")/snp_lib.sh"
snp_boot --platform sim-snp --init attest -- --extend3 snp-register-3 "$NONCE"
expect_status 0 "attest succeeds on sim-snp"
expect_line '^futeet: platform sim-snp ' "the kernel detects the sim"
expect_line '^attest: binding +REPORT_DATA = SHA-512\(claims set\): ok; eat_nonce: ok$' "guest-side check"
save_evidence "$tq_tmp/ev.txt"
"${PYTHON3:-/usr/bin/python3}" tests/qemu/snp_check_evidence.py "$tq_tmp/ev.txt" "$NONCE" snp-register-3 || fail "independent Python check failed"
if [ -x "$FUTEET_BUILD/bin/futeet-verify" ]; then
	"$FUTEET_BUILD/bin/futeet-verify" --allow-sim --nonce "$NONCE" "$tq_tmp/ev.txt" > "$tq_tmp/ear.json"
	rc=$?
	# 0 affirming or 3 warning (sim roots are always at least a warning)
	[ $rc = 0 ] || [ $rc = 3 ] || fail "futeet-verify --allow-sim exit $rc"
	grep -q '"report_data_binding": "sha512-claims-ok"' "$tq_tmp/ear.json" || fail "futeet-verify did not confirm the binding"
	msg=$(/usr/bin/python3 tests/real/ear_check.py "$tq_tmp/ear.json" \
		ear.veraison.annotated-evidence/kernel_registers/source=kernel-software-register \
		ear.veraison.annotated-evidence/kernel_registers/event_log=replays 2>&1) ||
		fail "futeet-verify did not replay the kernel's software registers: $msg"
	# the claims' descriptor in the EAR: debug, VMPL and TCB hardware-attested
	# and equal to the verified report's, the TEE's identity equal to the
	# verifier's table for the root it verified, secure memory the guest's word
	a=ear.veraison.annotated-evidence/claims_capabilities
	msg=$(/usr/bin/python3 tests/real/ear_check.py "$tq_tmp/ear.json" \
		$a/tee/value=sim-snp $a/tee/check=equals-table \
		$a/debug/value=false $a/debug/provenance=hardware-attested $a/debug/check=equals-report \
		$a/privilege_level/value=0 $a/privilege_level/check=equals-report \
		$a/tcb/check=equals-report $a/confidentiality/value=none \
		$a/confidentiality/check=equals-table $a/secure_memory/check=guest-asserted \
		$a/sealing/check=guest-asserted $a/host_known_keys/value=true 2>&1) ||
		fail "futeet-verify's EAR does not carry the checked descriptor: $msg"
	"$FUTEET_BUILD/bin/futeet-verify" --format text --allow-sim --nonce "$NONCE" "$tq_tmp/ev.txt" \
		> "$tq_tmp/text.out" 2>/dev/null
	grep -Eq '^  kernel registers +2 and 3 \(kernel software registers\) replay' "$tq_tmp/text.out" ||
		fail "futeet-verify --format text does not report the replayed registers"
	grep -Eq '^  guest caps +sim-snp: confidentiality none, .*kernel-software-register, keys host-known' \
		"$tq_tmp/text.out" || fail "futeet-verify --format text does not show the guest's descriptor"
	"$FUTEET_BUILD/bin/futeet-verify" --nonce "$NONCE" "$tq_tmp/ev.txt" > /dev/null 2>&1
	[ $? = 1 ] || fail "futeet-verify without --allow-sim must refuse sim evidence"
	"$FUTEET_BUILD/bin/futeet-verify" --allow-sim --nonce 0011223344556677 "$tq_tmp/ev.txt" > /dev/null 2>&1
	[ $? = 1 ] || fail "futeet-verify must refuse another nonce"
fi
pass "nonce in the claims, REPORT_DATA = SHA-512(claims), signature verifies"
