#!/bin/sh
# RTMR1 of futeet.efi under QEMU direct boot (lib/measure/tdx_rtmr1.c),
# checked with code we did not write: the PE Authenticode SHA-384 of the
# image as QEMU hands it to OVMF equals what osslsigncode (Debian package)
# computes for the same bytes; the five events replay to the printed RTMR1
# with Python's hashlib and the TDX extend rule SHA-384(old || digest); the
# fixed events are the SHA-384 of TdTcg2Dxe's strings and of 4 zero bytes.
# RTMR2 replays the kernel's rule (tee/core/measure.c): SHA-384 of the
# command line, then of the user program's ELF image.
# QEMU's patch of a protocol-0 kernel is redone here from hw/i386/x86.c:
# 0xA33F at 0x20, 0xA000 - ((len(cmdline) + 16) & ~15) at 0x22.
# osslsigncode hashes a file padded to 8 bytes (as a signed file is); edk2
# hashes the file as it is, as lib/measure does: both tools get the image
# padded to 8 bytes here, so they hash the same bytes.
cd "$(dirname "$0")/../.." || exit 1
B=${BUILD:-build}
M=$B/bin/futeet-measure
fail() { echo "futeet_measure_tdx_rtmr1: $*"; exit 1; }
[ -x "$M" ] || fail "$M not built"
[ -f "$B/futeet.efi" ] || fail "$B/futeet.efi not built"
command -v osslsigncode >/dev/null || fail "osslsigncode missing (scripts/setup installs it)"
command -v openssl >/dev/null || fail "openssl missing"
tmp=$(mktemp -d) || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT
cmdline="init=attest -- 00112233445566778899aabbccddeeff"
python3 - "$B/futeet.efi" "$tmp/patched.efi" "$cmdline" "$tmp/padded.efi" <<'PY' || fail "cannot patch the image"
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d += bytes(-len(d) % 8)
open(sys.argv[4], "wb").write(d)
n = len(sys.argv[3].encode())
d[0x20:0x22] = (0xA33F).to_bytes(2, "little")
d[0x22:0x24] = (0xA000 - ((n + 16) & ~15)).to_bytes(2, "little")
open(sys.argv[2], "wb").write(d)
PY
"$M" --platform tdx --firmware /usr/share/ovmf/OVMF.fd --kernel "$tmp/padded.efi" \
	--append "$cmdline" --program "$B/user/attest.elf" --explain > "$tmp/out" ||
	fail "futeet-measure: exit $?"
osslsigncode extract-data -h sha384 -in "$tmp/patched.efi" -out "$tmp/data.der" >"$tmp/o" 2>&1 ||
	fail "osslsigncode: $(tail -1 "$tmp/o")"
want=$(openssl asn1parse -inform DER -in "$tmp/data.der" | sed -n 's/.*l=  48 prim: OCTET STRING *\[HEX DUMP\]://p' |
	tr 'A-F' 'a-f')
got=$(sed -n 's/^rtmr1 event 0: \([0-9a-f]\{96\}\) .*/\1/p' "$tmp/out")
[ -n "$want" ] || fail "no digest from osslsigncode"
[ "$got" = "$want" ] || fail "Authenticode: futeet-measure $got, osslsigncode $want"
python3 - "$tmp/out" "$cmdline" "$B/user/attest.elf" <<'PY' || fail "RTMR1/RTMR2 replay: see above"
import hashlib, re, sys
t = open(sys.argv[1]).read()
ev = [bytes.fromhex(h) for h in re.findall(r"^rtmr1 event \d: ([0-9a-f]{96})", t, re.M)]
assert len(ev) == 5, ev
s = lambda b: hashlib.sha384(b).digest()
assert ev[1] == s(b"Calling EFI Application from Boot Option")
assert ev[2] == s(b"\0\0\0\0")
assert ev[3] == s(b"Exit Boot Services Invocation")
assert ev[4] == s(b"Exit Boot Services Returned with Success")
r = bytes(48)
for e in ev:
    r = s(r + e)
got = re.search(r"^rtmr1: ([0-9a-f]{96})$", t, re.M).group(1)
assert got == r.hex(), (got, r.hex())
r2 = s(bytes(48) + s(sys.argv[2].encode()))
r2 = s(r2 + s(open(sys.argv[3], "rb").read()))
got2 = re.search(r"^rtmr2: ([0-9a-f]{96})$", t, re.M).group(1)
assert got2 == r2.hex(), (got2, r2.hex())
PY
exit 0
