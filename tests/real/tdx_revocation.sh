#!/usr/bin/env bash
# Revocation, end to end, on test CAs and CRLs the test generates (no real
# sample is revoked): tests/real/make_tdx_test_chain.py (Python
# `cryptography`) re-signs dcap-qvl's real quote and collateral under a fresh
# test root, Platform CA, PCK and TCB signing key, with CRLs that revoke
# nothing, the PCK, or the PCK CA. lib/tdx (through build/bin/tdx-chain-check,
# the test root as an extra root) must give UpToDate, then "PCK certificate
# is revoked", then "PCK CA certificate is revoked" (-EKEYREVOKED, status
# Revoked); the npm package @phala/dcap-qvl, given the same root, must agree
# (UpToDate, then "Certificate is revoked" twice) when it is installed.
set -u -o pipefail
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
T=${FUTEET_TESTDATA:-tests/data}
C="$BUILD/bin/tdx-chain-check"
NAME=tdx_revocation
NOW=1752919234 # dcap-qvl's collateral time (tests/data/MANIFEST.md)
[ -x "$C" ] || { echo "$NAME: $C not built (make tools)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 tests/real/make_tdx_test_chain.py "$T/dcap-qvl/tdx_quote" \
	"$T/dcap-qvl/tdx_quote_collateral.json" $NOW "$tmp" ||
	{ echo "$NAME: make_tdx_test_chain.py failed"; exit 1; }

expect() { # collateral want-substring
	local got
	got=$("$C" "$tmp/quote.dat" "$tmp/coll-$1.json" "$tmp/root.der" $NOW)
	case "$got" in
	*"$2"*) ;;
	*) echo "$NAME: coll-$1: got '$got', want '$2'"; exit 1 ;;
	esac
}
expect ok "verify=0 coll=0 fail=0 status=UpToDate"
expect pck-revoked "coll=-128 fail=5 status=Revoked why=PCK certificate is revoked"
expect ca-revoked "coll=-128 fail=5 status=Revoked why=PCK CA certificate is revoked"

# The same files through @phala/dcap-qvl, when scripts/setup-npm can provide it.
if command -v node >/dev/null && scripts/setup-npm "$BUILD" >/dev/null 2>&1; then
	for c in ok:'"status":"UpToDate"' pck-revoked:'Certificate is revoked' ca-revoked:'Certificate is revoked'; do
		js=$(node tests/real/dcap_qvl_verify.js "$BUILD/npm" "$tmp/quote.dat" \
			"$tmp/coll-${c%%:*}.json" $NOW "$tmp/root.der")
		case "$js" in
		*"${c#*:}"*) ;;
		*) echo "$NAME: @phala/dcap-qvl on coll-${c%%:*}: $js"; exit 1 ;;
		esac
	done
else
	echo "$NAME: @phala/dcap-qvl not available: only lib/tdx was checked" >&2
fi
exit 0
