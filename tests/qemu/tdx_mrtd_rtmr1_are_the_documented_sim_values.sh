#!/usr/bin/env bash
# Proves: the MRTD and RTMR1 in a sim-tdx quote are the values docs/SIM.md
# documents for the firmware and image that QEMU booted, recomputed here
# with sha384sum and Python's hashlib: MRTD = SHA-384(OVMF code file) and
# RTMR1 = SHA-384(0^48 || SHA-384(futeet.efi)) (stand-ins until lib/measure
# computes TDVF's MRTD and the Authenticode-based RTMR1).
. "$(dirname "$0")/tdx_lib.sh"
snp_boot --platform sim-tdx --init attest -- "$NONCE"
expect_status 0 "attest succeeds on sim-tdx"
save_evidence "$tq_tmp/ev.txt"
mrtd=$(sha384sum "$OVMF_CODE" | cut -c1-96)
tdx_check "$tq_tmp/ev.txt" --mrtd "$mrtd" || fail "independent check: $(tail -n 1 "$tq_tmp/check.out")"
want=$("$PY" -c 'import hashlib,sys; k=hashlib.sha384(open(sys.argv[1],"rb").read()).digest(); print(hashlib.sha384(bytes(48)+k).hexdigest())' "$FUTEET_BUILD/futeet.efi")
got=$(check_value rtmr1)
[ "$got" = "$want" ] || fail "RTMR1 $got is not SHA-384(0 || SHA-384(futeet.efi)) = $want"
pass "MRTD = SHA-384(OVMF code), RTMR1 = extend(0, SHA-384(futeet.efi))"
