#!/usr/bin/env bash
# Proves: the MRTD in a sim-tdx quote equals what futeet-measure --platform tdx
# computes for the firmware QEMU booted (Debian's unified OVMF.fd, lib/measure:
# TDH.MEM.PAGE.ADD/TDH.MR.EXTEND over its TDVF sections), so a policy written
# before boot matches; and RTMR1 is the documented stand-in (docs/SIM.md),
# recomputed with Python's hashlib: SHA-384(0^48 || SHA-384(futeet.efi)),
# until lib/measure computes TDVF's RTMR1.
. "$(dirname "$0")/tdx_lib.sh"
fw=${FUTEET_OVMF_TDX:-/usr/share/ovmf/OVMF.fd}
snp_boot --platform sim-tdx --init attest -- "$NONCE"
expect_status 0 "attest succeeds on sim-tdx"
save_evidence "$tq_tmp/ev.txt"
mrtd=$("$FUTEET_BUILD/bin/futeet-measure" --platform tdx --firmware "$fw" | sed -n 's/^mrtd: //p')
[ ${#mrtd} -eq 96 ] || fail "futeet-measure --platform tdx gave no MRTD for $fw"
tdx_check "$tq_tmp/ev.txt" --mrtd "$mrtd" || fail "independent check: $(tail -n 1 "$tq_tmp/check.out")"
want=$("$PY" -c 'import hashlib,sys; k=hashlib.sha384(open(sys.argv[1],"rb").read()).digest(); print(hashlib.sha384(bytes(48)+k).hexdigest())' "$FUTEET_BUILD/futeet.efi")
got=$(check_value rtmr1)
[ "$got" = "$want" ] || fail "RTMR1 $got is not SHA-384(0 || SHA-384(futeet.efi)) = $want"
pass "MRTD = futeet-measure's ($mrtd), RTMR1 = the stand-in"
