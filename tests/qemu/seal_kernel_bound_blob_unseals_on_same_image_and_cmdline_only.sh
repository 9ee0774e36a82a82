#!/usr/bin/env bash
# Proves: on sim-snp with the AmdSev stand-in (MEASUREMENT covers SHA-256 of
# futeet.efi and of the command line, docs/SIM.md), a blob sealed on one boot
# unseals on the next boot of the same image and command line, to a plaintext
# whose SHA-256 is the host's sha256sum of the message; it does not unseal
# (EBADMSG) under another command line or another image. The first boot also
# runs seal --check: bad arguments, a table of flipped bytes (header, IV,
# ciphertext, tag), REQUIRE_KERNEL accepted because the kernel is bound, and
# the capability descriptor says sealing is tee-key-kernel. Python code
# sharing nothing with FUTEET opens the blob with the documented key.
. "$(dirname "$0")/snp_lib.sh"
MSG=futeet-seal-test-message
want=$(printf %s "$MSG" | sha256sum | cut -d' ' -f1)
blob="$tq_tmp/sealed.bin"

snp_boot --platform sim-snp --sim-opt --amdsev-standin --init seal --save-sealed "$blob" -- --check "$MSG"
expect_status 0 "sealing boot"
expect_line '^seal: checks: [1-9][0-9]* passed, 0 failed' "every check passes"
expect_line '^seal: require-kernel: accepted' "REQUIRE_KERNEL holds where the kernel is bound"
expect_line '\(binding: kernel\)$' "the blob says the kernel is bound"
expect_line '^seal: capability sealing: tee-key-kernel$' "the capability descriptor says the kernel is bound"
expect_line "^seal: sealed ${#MSG} bytes, SHA-256 $want\$" "the sealed message's digest"
expect_no_line "$MSG.*$MSG" "the plaintext is printed only as the command line the host chose"
[ -s "$blob" ] || fail "no sealed block on the console"
[ "$(head -c 4 "$blob")" = FTSB ] || fail "the saved blob does not start with the magic FTSB"
[ "$(stat -c %s "$blob")" -eq $((0x28 + ${#MSG} + 16)) ] || fail "blob length is not header + message + tag"
# Independent code opens it: tests/sim/seal_open.py (python3-cryptography)
# with the key docs/FORMATS.md and docs/SIM.md specify, from the sim's seed
# and futeet-measure's MEASUREMENT for this command line; and cannot open it
# with the MEASUREMENT of another command line.
cmdline=$(guest_cmdline)
measure() {
	"$FUTEET_BUILD/bin/futeet-measure" --platform sim-snp "$FUTEET_BUILD/futeet.efi" --amdsev-standin \
		--cmdline "$1" --ovmf "$OVMF_CODE" | grep -Eo '[0-9a-f]{96}' | head -n 1
}
m=$(measure "$cmdline")
[ -n "$m" ] || fail "futeet-measure printed no measurement"
py=$(python3 tests/sim/seal_open.py "$blob" tools/futeet-sim/seed.txt "$m" 2>&1) ||
	fail "Python could not open the blob with the documented key: $py"
echo "$py" | grep -qx "plaintext-sha256 $want" || fail "Python's plaintext digest differs: $py"
m2=$(measure "$cmdline x")
python3 tests/sim/seal_open.py "$blob" tools/futeet-sim/seed.txt "$m2" >/dev/null 2>&1 &&
	fail "Python opened the blob with another command line's measurement"

snp_boot --platform sim-snp --sim-opt --amdsev-standin --init seal --blob-in "$blob" -- --check "$MSG"
expect_status 0 "the same image and command line unseal"
expect_line "^seal: unsealed ${#MSG} bytes, SHA-256 $want\$" "unsealed digest equals sha256sum of the message"

snp_boot --platform sim-snp --sim-opt --amdsev-standin --init seal --blob-in "$blob" -- --check "$MSG" x
expect_status 1 "another command line must not unseal"
expect_line '^seal: unseal failed: .*\(EBADMSG\)' "another command line: authentication fails"

# Another image: the same futeet.efi with bytes appended (OVMF still loads
# it; its SHA-256, hence the kernel hash in MEASUREMENT, differs).
alt="$tq_tmp/alt"
mkdir -p "$alt" && cp "$FUTEET_BUILD/futeet.efi" "$alt/" && printf 'another-image' >> "$alt/futeet.efi" &&
	ln -s "$(cd "$FUTEET_BUILD" && pwd)/bin" "$alt/bin" || fail "cannot prepare the other image"
FUTEET_BUILD="$alt" snp_boot --platform sim-snp --sim-opt --amdsev-standin --init seal \
	--blob-in "$blob" -- --check "$MSG"
expect_status 1 "another image must not unseal"
expect_line '^seal: unseal failed: .*\(EBADMSG\)' "another image: authentication fails"
pass "unsealed on the same image and command line only"
