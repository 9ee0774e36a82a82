#!/usr/bin/env bash
# Proves: TDX (sim-tdx) has no sealing key in hardware and a plain VM (none)
# no TEE: futeet_seal and futeet_unseal (of a well-formed blob) fail with
# -EOPNOTSUPP, never a fake success, after the same argument checks as on
# SNP (seal --check); the kernel names the reason, and the capability
# descriptor says sealing: none.
. "$(dirname "$0")/tdx_lib.sh"
for platform in none sim-tdx; do
	snp_boot --platform "$platform" --init seal -- --check message
	expect_status 1 "$platform: seal cannot succeed"
	expect_line '^seal: checks: [1-9][0-9]* passed, 0 failed' "$platform: every check passes"
	expect_line '^seal: seal failed: .*\(EOPNOTSUPP\)' "$platform: EOPNOTSUPP"
	expect_no_line '^-----BEGIN FUTEET SEALED-----' "$platform: no blob"
	expect_line '^seal: capability sealing: none$' "$platform: the capability descriptor says none"
done
expect_line 'futeet_seal: platform sim-tdx has no sealing \(none: TDX has no sealing key in hardware\)' \
	"sim-tdx: the kernel says TDX has no sealing key"
pass "none and sim-tdx refuse sealing with EOPNOTSUPP"
