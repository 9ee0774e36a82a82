#!/usr/bin/env bash
# Proves: the MRTD, RTMR1 and RTMR2 in a sim-tdx quote equal what
# futeet-measure --platform tdx predicts for the firmware QEMU booted
# (Debian's unified OVMF.fd), this futeet.efi and the kernel command line
# (lib/measure: MRTD from the TDVF metadata, RTMR1 from TDVF's events for a
# direct-booted EFI application; futeet-measure's RTMR2 covers the command
# line, and one more extend with SHA-384 of the user program's ELF must give
# the quote's RTMR2), so a policy written before boot matches; the quote itself is checked by the
# independent Python checker, which also replays the event log.
. "$(dirname "$0")/tdx_lib.sh"
fw=${FUTEET_OVMF_TDX:-/usr/share/ovmf/OVMF.fd}
snp_boot --platform sim-tdx --init attest -- "$NONCE"
expect_status 0 "attest succeeds on sim-tdx"
save_evidence "$tq_tmp/ev.txt"
cmdline=$(guest_cmdline)
[ -n "$cmdline" ] || fail "the kernel did not print its command line"
"$FUTEET_BUILD/bin/futeet-measure" --platform tdx --firmware "$fw" \
	--kernel "$FUTEET_BUILD/futeet.efi" --append "$cmdline" > "$tq_tmp/measure.txt" ||
	fail "futeet-measure --platform tdx failed: $(tail -n 1 "$tq_tmp/measure.txt")"
want() { sed -n "s/^$1: //p" "$tq_tmp/measure.txt"; }
tdx_check "$tq_tmp/ev.txt" --mrtd "$(want mrtd)" --cmdline "$cmdline" \
	--program "$FUTEET_BUILD/user/attest.elf" ||
	fail "independent check: $(tail -n 1 "$tq_tmp/check.out")"
[ "$(check_value rtmr1)" = "$(want rtmr1)" ] ||
	fail "the quote's RTMR1 $(check_value rtmr1) is not futeet-measure's $(want rtmr1)"
# futeet-measure's rtmr2 covers the command line only (it has no user
# program); one more extend with SHA-384 of the program's ELF gives RTMR2.
r2=$("$PY" -c 'import hashlib,sys; p=hashlib.sha384(open(sys.argv[2],"rb").read()).digest(); print(hashlib.sha384(bytes.fromhex(sys.argv[1])+p).hexdigest())' \
	"$(want rtmr2)" "$FUTEET_BUILD/user/attest.elf")
[ "$(check_value rtmr2)" = "$r2" ] ||
	fail "the quote's RTMR2 $(check_value rtmr2) is not futeet-measure's command-line RTMR2 extended with the program ($r2)"
pass "MRTD, RTMR1 = futeet-measure's, RTMR2 = its value extended with SHA-384(attest.elf)"
