#!/usr/bin/env bash
# Proves: when detection is fed CPUID values a TD sees (written out from the spec tables: no hardware dump in tests/data)
# (futeet.detect=tdx, arch/x86_64/coco/detect.c), a sim mailbox that offers
# the sim-snp profile is ignored with a warning: no sim backend starts, the
# fw_cfg secrets are not read, attestation is refused, and (this being plain
# QEMU) the TDX backend is not started either: 0 TDCALL.
. "$(dirname "$0")/snp_lib.sh"
snp_boot --platform sim-snp --append futeet.detect=tdx --init attest -- "$NONCE"
expect_status 1 "attest fails"
expect_line '^futeet: platform: tdx \(CPUID 0x21 "IntelTDX    "; recorded values injected' "detection says tdx"
expect_line '^futeet: warning: a sim mailbox is present on tdx hardware: ignored' "the sim is ignored with a warning"
expect_no_line '^futeet: platform sim-snp' "no sim profile"
expect_no_line '^-----BEGIN FUTEET EVIDENCE-----$' "no evidence"
expect_line '^futeet: platform exits: 0 VMGEXIT, 0 TDCALL$' "no hardware path ran"
[ "$(sim_requests)" = 0 ] || fail "the sim received $(sim_requests) requests"
pass "injected TDX values: sim-snp refused, no evidence"
