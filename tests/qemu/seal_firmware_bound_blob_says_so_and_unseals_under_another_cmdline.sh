#!/usr/bin/env bash
# Proves: where the launch measurement binds the firmware alone (sim-snp with
# Debian's OVMF: no kernel hashes), the blob, the demo and the capability
# descriptor (sealing: tee-key-firmware) say so, and
# REQUIRE_KERNEL is refused (EOPNOTSUPP) rather than silently weakened; the
# blob then unseals under another command line too, which is exactly what
# "bound to the firmware alone" means (nothing a substituted kernel could
# compute is mixed into the key).
. "$(dirname "$0")/snp_lib.sh"
MSG=firmware-bound-message
want=$(printf %s "$MSG" | sha256sum | cut -d' ' -f1)
blob="$tq_tmp/sealed.bin"

snp_boot --platform sim-snp --init seal --save-sealed "$blob" -- --check "$MSG"
expect_status 0 "sealing boot"
expect_line '^seal: checks: [1-9][0-9]* passed, 0 failed' "every check passes"
expect_line '^seal: require-kernel: refused \(EOPNOTSUPP\)' "REQUIRE_KERNEL refused"
expect_line 'REQUIRE_KERNEL, but the launch measurement binds the firmware alone' "the kernel says why"
expect_line '^seal: key bound to the launch measurement of the firmware alone .*\(binding: firmware\)$' \
	"the blob says firmware alone"
expect_line '^seal: capability sealing: tee-key-firmware$' "the capability descriptor says firmware alone"
[ -s "$blob" ] || fail "no sealed block on the console"

snp_boot --platform sim-snp --init seal --blob-in "$blob" -- another command line "$MSG"
expect_status 0 "firmware-bound blob under another command line"
expect_line "^seal: unsealed ${#MSG} bytes, SHA-256 $want\$" "unsealed digest equals sha256sum of the message"
expect_line '\(binding: firmware\)$' "the unsealing boot says firmware alone"
pass "firmware-bound sealing says so and claims no more"
