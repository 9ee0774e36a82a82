#!/bin/bash
# futeet-sim --export-roots is reproducible: two runs (the second without the
# key cache, so the keys are regenerated from the seed) write identical
# sim-ark.der and sim-ask.der, and openssl sees ASK <- ARK (RSA-PSS).
set -u
BUILD=${BUILD:-build}
sim=$BUILD/bin/futeet-sim
fail() { echo "sim_export_roots_repro: FAIL: $*"; exit 1; }
[ -x "$sim" ] || fail "$sim not built"
tmp=$(mktemp -d /tmp/futeet-roots.XXXXXX) || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/a" "$tmp/b" "$tmp/cache"
FUTEET_SIM_CACHE=${FUTEET_SIM_CACHE:-$BUILD/sim-cache} "$sim" --export-roots "$tmp/a" ||
	fail "first --export-roots failed"
FUTEET_SIM_CACHE="$tmp/cache" "$sim" --export-roots "$tmp/b" || fail "second --export-roots failed"
for f in sim-ark.der sim-ask.der; do
	[ -s "$tmp/a/$f" ] || fail "$f missing"
	cmp -s "$tmp/a/$f" "$tmp/b/$f" || fail "$f differs between runs (cached vs regenerated keys)"
done
openssl x509 -inform der -in "$tmp/a/sim-ark.der" -out "$tmp/ark.pem" || fail "ARK does not parse"
openssl x509 -inform der -in "$tmp/a/sim-ask.der" -out "$tmp/ask.pem" || fail "ASK does not parse"
openssl verify -check_ss_sig -CAfile "$tmp/ark.pem" "$tmp/ask.pem" >/dev/null 2>&1 ||
	fail "openssl: ASK does not verify under the ARK"
openssl verify -check_ss_sig -CAfile "$tmp/ark.pem" "$tmp/ark.pem" >/dev/null 2>&1 ||
	fail "openssl: ARK self-signature does not verify"
echo "sim_export_roots_repro: PASS"
