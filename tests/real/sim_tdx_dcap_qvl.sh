#!/bin/bash
# Someone else's code judges the sim's TDX fidelity: the npm package
# @phala/dcap-qvl (QuoteVerifier.newWithRootCa(simRootDer)) verifies a quote
# from futeet-sim --profile tdx (obtained by the independent Python guest,
# tests/sim/pytdx.py) against futeet-sim --collateral's dcap-qvl JSON and must
# say UpToDate; the same quote with one altered byte (in the body, in the
# signature, in the QE report) must be refused, and so must a quote from a
# debug TD.
# The package is installed once into $BUILD/npm by scripts/setup-npm (npm,
# network) unless FUTEET_DCAP_QVL_DIR points at a node_modules parent that has it.
set -u
NAME=sim_tdx_dcap_qvl
. tests/real/sim.inc
command -v node >/dev/null || fail "node not found (Debian package nodejs)"
npmdir=${FUTEET_DCAP_QVL_DIR:-$BUILD/npm}
if [ -z "${FUTEET_DCAP_QVL_DIR:-}" ]; then
	scripts/setup-npm "$BUILD" >/dev/null 2>&1 ||
		fail "@phala/dcap-qvl not installed and scripts/setup-npm failed (npm registry?)"
fi
DCAP_QVL_VERSION=$(sed -n 's/^DCAP_QVL_VERSION=//p' scripts/setup-npm)
npmdir=$(cd "$npmdir" && pwd) || fail "no $npmdir"
got=$(node -p "require('$npmdir/node_modules/@phala/dcap-qvl/package.json').version")
[ "$got" = "$DCAP_QVL_VERSION" ] || fail "@phala/dcap-qvl $got in $npmdir, want $DCAP_QVL_VERSION"
export NODE_PATH=$(cd "$npmdir/node_modules" && pwd)

fw=${FUTEET_OVMF_TDX:-/usr/share/ovmf/OVMF.fd}
mrtd=$("$BUILD/bin/futeet-measure" --platform tdx --firmware "$fw" | sed -n 's/^mrtd: //p')
[ ${#mrtd} -eq 96 ] || fail "futeet-measure gave no MRTD for $fw"
[ -f "$BUILD/futeet.efi" ] || fail "$BUILD/futeet.efi not built"
cp "$BUILD/futeet.efi" "$tmp/futeet.efi"   # RTMR1's events need a real PE image
zero48=$(printf '0%.0s' $(seq 1 96))
"$sim" --collateral "$tmp" || fail "futeet-sim --collateral failed"

# quote_from ATTRS DIR: one quote of a TD with these attributes into DIR/quote.bin
quote_from() {
	sim_start 30 --profile tdx --shm "$shm" --ccel-out "$tmp/ccel.bin" --ovmf "$fw" \
		--kernel "$tmp/futeet.efi" --cmdline "init=attest" --td-attributes "$1"
	mkdir -p "$2"
	"${PYTHON3:-/usr/bin/python3}" tests/sim/pytdx.py --shm "$shm" --ccel "$tmp/ccel.bin" \
		--mrtd "$mrtd" --root "$tmp/sim-tdx-root.der" --td-attributes "$1" \
		--mrconfigid "$zero48" --mrowner "$zero48" --dump "$2" > "$tmp/tap.txt" 2>&1 ||
		fail "the Python guest failed: $(grep -m1 '^not ok' "$tmp/tap.txt")"
	sim_stop
}
check() { node tests/real/dcap_qvl/check.js "$1" "$tmp/collateral.json" "$tmp/sim-tdx-root.der"; }

quote_from 0x10000000 "$tmp/good"
out=$(check "$tmp/good/quote.bin") || fail "dcap-qvl refused the sim quote: $out"
[ "$out" = "status UpToDate" ] || fail "dcap-qvl said '$out', not UpToDate"
echo "ok 1 - dcap-qvl: sim quote + sim collateral under the sim root: UpToDate"
# One altered byte each: MRTD in the body, the quote signature, the QE report.
n=1
for off in $((0x30 + 0x88)) $((0x27C + 5)) $((0x27C + 134 + 0x40)); do
	n=$((n + 1))
	python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[int(sys.argv[3])]^=1; open(sys.argv[2],"wb").write(b)' \
		"$tmp/good/quote.bin" "$tmp/bad.bin" "$off"
	if out=$(check "$tmp/bad.bin"); then
		fail "dcap-qvl accepted the quote with byte $off altered ($out)"
	fi
	echo "ok $n - dcap-qvl refuses byte $off altered: ${out#refused: }"
done
# Intel's root is not the sim's: the sim quote must not verify under it.
if out=$(node -e "
const fs=require('fs'); const {verify}=require('@phala/dcap-qvl');
try { verify(fs.readFileSync('$tmp/good/quote.bin'), JSON.parse(fs.readFileSync('$tmp/collateral.json','utf8')), Date.now()/1000); console.log('accepted'); }
catch (e) { console.log('refused: ' + e.message); process.exit(1); }"); then
	fail "dcap-qvl accepted the sim quote under Intel's root"
fi
echo "ok $((n + 1)) - dcap-qvl refuses the sim quote under Intel's root: ${out#refused: }"
quote_from 0x10000001 "$tmp/debug"
if out=$(check "$tmp/debug/quote.bin"); then
	fail "dcap-qvl accepted a debug TD's quote ($out)"
fi
echo "ok $((n + 2)) - dcap-qvl refuses a debug TD: ${out#refused: }"
echo "sim_tdx_dcap_qvl: PASS"
