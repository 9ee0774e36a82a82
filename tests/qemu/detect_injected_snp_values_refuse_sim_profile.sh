#!/usr/bin/env bash
# Proves: when detection is fed the CPUID and SEV_STATUS values an SNP guest sees (written out from the spec tables: no hardware dump in tests/data)
# (futeet.detect=snp, arch/x86_64/coco/detect.c), a sim mailbox that offers
# the sim-snp profile is ignored with a warning: no sim backend starts, the
# fw_cfg secrets are not read, attestation is refused, and (this being plain
# QEMU) the SNP backend is not started either: 0 VMGEXIT.
. "$(dirname "$0")/snp_lib.sh"
snp_boot --platform sim-snp --append futeet.detect=snp --init attest -- "$NONCE"
expect_status 1 "attest fails"
expect_line '^futeet: platform: snp \(SEV_STATUS 0x7, C-bit 51; recorded values injected' "detection says snp"
expect_line '^futeet: warning: a sim mailbox is present on snp hardware: ignored' "the sim is ignored with a warning"
expect_no_line '^futeet: platform sim-snp' "no sim profile"
expect_no_line '^-----BEGIN FUTEET EVIDENCE-----$' "no evidence"
expect_line '^futeet: platform exits: 0 VMGEXIT, 0 TDCALL$' "no hardware path ran"
[ "$(sim_requests)" = 0 ] || fail "the sim received $(sim_requests) requests"
pass "injected SNP values: sim-snp refused, no evidence"
