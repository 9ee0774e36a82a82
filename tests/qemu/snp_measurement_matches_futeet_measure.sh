#!/usr/bin/env bash
# Proves: the MEASUREMENT in the sim-snp report is the SEV-SNP launch digest
# of the firmware QEMU booted (-bios, scripts/run) for the run's vCPU count
# and type, exactly what the public reference path `futeet-measure --platform
# snp --firmware F --vcpus N --vcpu-type T` prints, so a policy can be written
# before boot. Debian's OVMF has no kernel-hashes section: another command line
# gives the same MEASUREMENT (the kernel is not bound, and the sim says so).
# With the AmdSev stand-in (--sim-opt --amdsev-standin) the command line is
# bound: the value equals futeet-measure's stand-in prediction, and another
# command line predicts another value.
. "$(dirname "$0")/snp_lib.sh"
M="$FUTEET_BUILD/bin/futeet-measure"
snp_boot --platform sim-snp --smp 2 --init attest -- "$NONCE"
expect_status 0 "attest succeeds"
got=$(attest_field measurement)
cmdline=$(guest_cmdline)
[ -n "$got" ] || fail "no measurement line"
[ -n "$cmdline" ] || fail "the kernel did not print its command line"
want=$("$M" --platform snp --firmware "$OVMF_CODE" --vcpus 2 --vcpu-type EPYC-v4 |
	sed -n 's/^measurement: \([0-9a-f]\{96\}\)$/\1/p') || fail "futeet-measure --platform snp failed"
[ "$got" = "$want" ] || fail "report MEASUREMENT $got != futeet-measure --platform snp $want"
sim=$("$M" --platform sim-snp "$FUTEET_BUILD/futeet.efi" --vcpus 2 --cmdline "$cmdline x" \
	--ovmf "$OVMF_CODE" | grep -Eo '[0-9a-f]{96}' | head -n 1)
[ "$sim" = "$got" ] || fail "without kernel hashes another command line changed the prediction ($sim)"
expect_line 'kernel not bound by the launch measurement' "the sim says the kernel is not bound"

snp_boot --platform sim-snp --sim-opt --amdsev-standin --init attest -- "$NONCE"
expect_status 0 "attest succeeds with the AmdSev stand-in"
got2=$(attest_field measurement)
cmdline=$(guest_cmdline)
want2=$("$M" --platform sim-snp "$FUTEET_BUILD/futeet.efi" --amdsev-standin --cmdline "$cmdline" \
	--ovmf "$OVMF_CODE" | grep -Eo '[0-9a-f]{96}' | head -n 1)
[ -n "$got2" ] && [ "$got2" = "$want2" ] || fail "stand-in: report MEASUREMENT $got2 != futeet-measure $want2"
[ "$got2" != "$got" ] || fail "the stand-in kernel-hashes page did not change MEASUREMENT"
other=$("$M" --platform sim-snp "$FUTEET_BUILD/futeet.efi" --amdsev-standin --cmdline "$cmdline x" \
	--ovmf "$OVMF_CODE" | grep -Eo '[0-9a-f]{96}' | head -n 1)
[ -n "$other" ] && [ "$other" != "$got2" ] || fail "stand-in: another command line gives the same measurement"
expect_line 'bound through the AmdSev stand-in' "the sim names the stand-in"
pass "MEASUREMENT = launch digest of $OVMF_CODE, 2 vCPUs ($got); stand-in binds the command line ($got2)"
