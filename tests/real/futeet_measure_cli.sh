#!/bin/sh
# futeet-measure as a user runs it: the SEV-SNP launch digest of
# sev-snp-measure's AmdSev fixture (tests/data/MANIFEST.md, source oracle
# 803f6910...), the same in JSON ready for a policy's reference_measurements,
# TDX MRTD of Debian's OVMF.fd (td-shim's value, tests/unit/test_measure_tdx.c),
# and firmware that cannot run the mode refused with a one-line reason, exit
# 1, and no digest on stdout.
cd "$(dirname "$0")/../.." || exit 1
M=${BUILD:-build}/bin/futeet-measure
fail() { echo "futeet_measure_cli: $*"; exit 1; }
[ -x "$M" ] || fail "$M not built"
tmp=$(mktemp -d) || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT
AMDSEV=tests/data/sev-snp-measure/ovmf_AmdSev_suffix.bin
WANT=803f691094946e42068aaa3a8f9e26a5c89f36f7b73ecfb28c653360fe4b3aba7e534442e7e1e17895dfe778d0228977

out=$("$M" --platform snp --firmware "$AMDSEV" --vcpus 1 --vcpu-type EPYC-v4 \
	--guest-features 0x21 --kernel /dev/null --initrd /dev/null \
	--append "console=ttyS0 loglevel=7") || fail "snp: exit $?"
[ "$out" = "measurement: $WANT" ] || fail "snp: printed '$out', want 'measurement: $WANT'"

# --vcpu-sig gives the same as the type it names
out=$("$M" --platform snp --firmware "$AMDSEV" --vcpu-sig 0x00800F12 --guest-features 0x21 \
	--kernel /dev/null --initrd /dev/null --append "console=ttyS0 loglevel=7") || fail "vcpu-sig: exit $?"
[ "$out" = "measurement: $WANT" ] || fail "--vcpu-sig 0x00800F12 differs from --vcpu-type EPYC-v4"

"$M" --platform snp --firmware "$AMDSEV" --guest-features 0x21 --kernel /dev/null \
	--initrd /dev/null --append "console=ttyS0 loglevel=7" --format json --explain > "$tmp/j" ||
	fail "json: exit $?"
python3 - "$tmp/j" "$WANT" <<'PY' || fail "json output: see above"
import json, sys
d = json.load(open(sys.argv[1]))
w = sys.argv[2]
assert d["reference_measurements"] == [w], d["reference_measurements"]
assert d["measurement"] == w
assert d["covers"] == {"firmware": True, "kernel": True, "initrd": True, "command_line": True}
pages = d["pages"]
assert pages[-1]["page_type"] == "VMSA" and pages[-1]["digest"] == w, pages[-1]
assert any(p["what"] == "SNP_KERNEL_HASHES" and p["page_type"] == "NORMAL" for p in pages)
PY

# refusals: a 4 MiB-style image without SEV metadata (the footer table
# without its metadata entry), a truncated file, a kernel on a firmware
# without a kernel-hashes section
head -c 4000 "$AMDSEV" > "$tmp/short.bin"
for case in "$tmp/short.bin|not a whole number" \
	"tests/data/sev-snp-measure/ovmf_OvmfX64_suffix.bin --kernel /dev/null|SNP_KERNEL_HASHES"; do
	args=${case%%|*} why=${case#*|}
	# shellcheck disable=SC2086
	"$M" --platform snp --firmware $args >"$tmp/o" 2>"$tmp/e"; rc=$?
	[ $rc -eq 1 ] || fail "$args: exit $rc, want 1"
	[ ! -s "$tmp/o" ] || fail "$args: printed '$(cat "$tmp/o")' on a refusal"
	grep -q "refused: .*$why" "$tmp/e" || fail "$args: no reason with '$why': $(cat "$tmp/e")"
done
if [ -r /usr/share/OVMF/OVMF_CODE_4M.fd ]; then
	"$M" --platform snp --firmware /usr/share/OVMF/OVMF_CODE_4M.fd >"$tmp/o" 2>"$tmp/e" &&
		fail "OVMF_CODE_4M.fd (no SEV metadata) gave a digest: $(cat "$tmp/o")"
	grep -q "no SEV metadata" "$tmp/e" || fail "4M image: reason '$(cat "$tmp/e")'"
	"$M" --platform tdx --firmware /usr/share/OVMF/OVMF_CODE_4M.fd >"$tmp/o" 2>"$tmp/e" &&
		fail "OVMF_CODE_4M.fd (no TDX metadata) gave an MRTD: $(cat "$tmp/o")"
	grep -q "no TDX metadata" "$tmp/e" || fail "4M image, tdx: reason '$(cat "$tmp/e")'"
fi
if [ "$(sha256sum < /usr/share/ovmf/OVMF.fd 2>/dev/null | cut -c1-64)" = \
     7b456907dd0786d415999e801a1ac4637b8ed4d7cf5378cfc6edbe5e574dd773 ]; then
	out=$("$M" --platform tdx --firmware /usr/share/ovmf/OVMF.fd) || fail "tdx: exit $?"
	[ "$out" = "mrtd: 4c7206f0f483c524f12c366c711e9049030a8d47c471ee5aa9c4999a08de4057fb887fed0744d5631a212967fb231c47" ] ||
		fail "tdx: printed '$out'"
fi
exit 0
