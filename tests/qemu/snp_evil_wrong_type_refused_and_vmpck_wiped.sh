#!/usr/bin/env bash
# Proves: a firmware-side 'wrong-type' answer (authentic, re-encrypted under the
# VMPCK; futeet-sim --list-evil) fails the header checks SNP ABI 56860
# chapter 7 gives the guest (response type = request type + 1, same
# version): refused before decryption, VMPCK0 wiped, the retry never reaches
# the host.
. "$(dirname "$0")/snp_lib.sh"
evil_host_refused wrong-type 1
pass "wrong-type refused, VMPCK0 wiped"
