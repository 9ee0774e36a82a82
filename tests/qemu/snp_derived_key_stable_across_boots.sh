#!/usr/bin/env bash
# Proves: a key derived through MSG_KEY_REQ (measurement + policy selected) is
# the same on two boots of the same image and command line, and different
# when the command line (hence the measurement) differs. The command line is
# in MEASUREMENT only through kernel hashes: Debian's OVMF has none, so these
# boots use the sim's AmdSev stand-in (docs/SIM.md). attest prints only a
# fingerprint of the key, never the key.
. "$(dirname "$0")/snp_lib.sh"
snp_boot --platform sim-snp --sim-opt --amdsev-standin --init attest -- --key "$NONCE"
expect_status 0 "first boot"
k1=$(attest_field key_fingerprint)
snp_boot --platform sim-snp --sim-opt --amdsev-standin --init attest -- --key "$NONCE"
expect_status 0 "second boot"
k2=$(attest_field key_fingerprint)
snp_boot --platform sim-snp --sim-opt --amdsev-standin --init attest -- --key ffeeddccbbaa99887766554433221100
expect_status 0 "boot with another command line"
k3=$(attest_field key_fingerprint)
[ -n "$k1" ] && [ -n "$k2" ] && [ -n "$k3" ] || fail "missing key fingerprint"
[ "$k1" = "$k2" ] || fail "the key changed between two identical boots ($k1 vs $k2)"
[ "$k1" != "$k3" ] || fail "another command line gave the same key ($k1)"
pass "same key on identical boots, another key for another command line"
