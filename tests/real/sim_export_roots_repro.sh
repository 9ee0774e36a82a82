#!/bin/bash
# futeet-sim --export-roots is reproducible: two runs write identical
# sim-ark.der and sim-ask.der, the second with a corrupted key cache (one
# file with a flipped bit, one truncated), which must be detected, so the
# keys are regenerated from the seed; and openssl sees ASK <- ARK (RSA-PSS).
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
cache=${FUTEET_SIM_CACHE:-$BUILD/sim-cache}
n=0
for f in "$cache"/*-ark.key "$cache"/*-ask.key; do
	[ -f "$f" ] || continue
	cp "$f" "$tmp/cache/" && n=$((n + 1))
done
[ $n -eq 2 ] || fail "no key cache in $cache after the first run"
python3 - "$tmp/cache" <<'PY' || fail "cannot corrupt the cache copy"
import glob, sys
ark = glob.glob(sys.argv[1] + "/*-ark.key")[0]
ask = glob.glob(sys.argv[1] + "/*-ask.key")[0]
b = bytearray(open(ark, "rb").read()); b[100] ^= 1; open(ark, "wb").write(b)
b = open(ask, "rb").read(); open(ask, "wb").write(b[:len(b) - 10])
PY
FUTEET_SIM_CACHE="$tmp/cache" "$sim" --export-roots "$tmp/b" || fail "second --export-roots failed"
for f in sim-ark.der sim-ask.der; do
	[ -s "$tmp/a/$f" ] || fail "$f missing"
	cmp -s "$tmp/a/$f" "$tmp/b/$f" || fail "$f differs between runs (cached vs regenerated keys)"
done
for f in "$tmp"/cache/*.key; do
	cmp -s "$f" "$cache/$(basename "$f")" || fail "corrupt cache file $(basename "$f") was not replaced"
done
openssl x509 -inform der -in "$tmp/a/sim-ark.der" -out "$tmp/ark.pem" || fail "ARK does not parse"
openssl x509 -inform der -in "$tmp/a/sim-ask.der" -out "$tmp/ask.pem" || fail "ASK does not parse"
openssl verify -check_ss_sig -CAfile "$tmp/ark.pem" "$tmp/ask.pem" >/dev/null 2>&1 ||
	fail "openssl: ASK does not verify under the ARK"
openssl verify -check_ss_sig -CAfile "$tmp/ark.pem" "$tmp/ark.pem" >/dev/null 2>&1 ||
	fail "openssl: ARK self-signature does not verify"
echo "sim_export_roots_repro: PASS"
